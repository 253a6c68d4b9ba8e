/* courant-thermo-scene.h: the scene of a thermosensitivity chart
 *
 * A plain struct computed from periods (a day or an hour: its mean
 * temperature and its consumption), the fitted model, options and a size:
 * the plot, the temperature and consumption axes, every point in px with
 * its season, the model's line segments, the legend and the box of the
 * model's figures. The renderer draws it without layout, and the widget
 * asks it which point is under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "courant-axis.h"
#include "courant-theme.h"
#include "courant-thermo.h"

G_BEGIN_DECLS

/* Points are coloured by the season of their period, as an analyst reads
 * a thermosensitivity cloud: winter days on the heating slope, summer
 * days on the baseload. */
typedef enum
{
  COURANT_THERMO_WINTER,
  COURANT_THERMO_SPRING,
  COURANT_THERMO_SUMMER,
  COURANT_THERMO_AUTUMN,
  COURANT_THERMO_N_SEASONS,
} CourantThermoSeason;

typedef struct
{
  /* The periods: @n temperatures (°C) and values; @times (the periods'
   * starts, ms UTC) may be NULL, and then points have no season. The
   * scene keeps these pointers: they must outlive it. */
  const double        *temperatures;
  const double        *values;
  const gint64        *times;
  gsize                n;
  const CourantThermo *model;       /* NULL: no model drawn */
  const char          *unit;        /* the consumption's unit; NULL: none */
  gboolean             hourly;      /* periods are hours rather than days */
  GTimeZone           *tz;          /* NULL: Europe/Paris */
  double               width;       /* px */
  double               height;
  const char          *title;       /* NULL: none */
} CourantThermoOptions;

typedef struct
{
  double  x;                         /* px */
  double  y;
  int     season;                    /* CourantThermoSeason, or -1 without times */
} CourantThermoPoint;

/* A segment of the model, in °C and value, and in px. */
typedef struct
{
  double t0, v0, t1, v1;
  double x0, y0, x1, y1;
} CourantThermoSegment;

typedef struct
{
  double               x;            /* the entry's box, px */
  double               y;
  double               width;
  double               height;
  CourantThermoSeason  season;
  char                *label;
} CourantThermoLegendEntry;

typedef struct
{
  double                width;
  double                height;
  char                 *title;
  char                 *unit;
  gboolean              hourly;
  GTimeZone            *tz;
  double                plot_x;      /* the plot, px */
  double                plot_y;
  double                plot_width;
  double                plot_height;
  CourantLinearScale    x_scale;     /* °C → px */
  CourantLinearScale    y_scale;     /* value → px */
  CourantAxis          *x_axis;
  CourantAxis          *y_axis;
  double                radius;      /* half the side of a point's square, px */
  /* The options' arrays, and every point in px (same order). */
  const double         *temperatures;
  const double         *values;
  const gint64         *times;
  gsize                 n_points;
  CourantThermoPoint   *points;
  guint                 season_counts[COURANT_THERMO_N_SEASONS];
  const CourantThermo  *model;
  GArray               *segments;    /* CourantThermoSegment */
  GArray               *legend;      /* CourantThermoLegendEntry */
  /* The model's figures, one per line, in a box inside the plot (in the
   * corner that hides the fewest points); no lines without a model. */
  GPtrArray            *figures;
  double                box_x;
  double                box_y;
  double                box_width;
  double                box_height;
  double                line_height;
} CourantThermoScene;

CourantThermoScene *courant_thermo_scene_new       (const CourantThermoOptions *options,
                                                    PangoContext               *context,
                                                    const CourantTheme         *theme);
void                courant_thermo_scene_free      (CourantThermoScene         *self);

/* The season of the local date of @time_ms (December to February is
 * winter). */
CourantThermoSeason courant_thermo_season_of       (gint64                      time_ms,
                                                    GTimeZone                  *tz);
const char         *courant_thermo_season_name     (CourantThermoSeason         season);
CourantRgba         courant_thermo_season_colour   (CourantThermoSeason         season,
                                                    gboolean                    dark);

/* The point nearest to (@x, @y) within a few px, or -1. */
int                 courant_thermo_scene_pick      (const CourantThermoScene   *self,
                                                    double                      x,
                                                    double                      y);
/* "12 Jan 2026 · 3.4 °C · 1,234.5 kWh": point @index's period, temperature
 * and value in the locale's format. */
char               *courant_thermo_scene_dup_point_text (const CourantThermoScene *self,
                                                         gsize                     index);
/* The model's figures on one line, joined by " · ", or NULL without a
 * model. */
char               *courant_thermo_scene_dup_model_text (const CourantThermoScene *self);

/* The model's figures, one string each, in the locale's number format:
 * base temperature, heating slope, baseload, cooling branch, R². */
GPtrArray          *courant_thermo_model_figures   (const CourantThermo        *model,
                                                    const char                 *unit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantThermoScene, courant_thermo_scene_free)

G_END_DECLS
