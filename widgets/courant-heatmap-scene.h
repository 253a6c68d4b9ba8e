/* courant-heatmap-scene.h: the scene of a days × time-of-day heatmap
 *
 * A plain struct computed from a heatmap grid, options and a size: the plot
 * rectangle where days run left to right and the time of day top to bottom,
 * the size of a cell, the sequential colour scale and its legend, the day
 * axis (months, weeks or days, or the days of the week of a profile) and the
 * time-of-day axis. The renderer draws it without doing any layout, and the
 * widget asks it which cell is under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "courant-heatmap.h"
#include "courant-theme.h"

G_BEGIN_DECLS

typedef struct
{
  double    position;   /* px along the axis */
  char     *label;
  char     *context;    /* the year under a month, or NULL */
} CourantHeatmapTick;

typedef struct
{
  double      width;    /* px */
  double      height;
  const char *title;    /* NULL: none */
  const char *unit;     /* the unit of the values, NULL: none */
} CourantHeatmapOptions;

typedef struct
{
  /* A copy of the grid: rows are days (or weekdays), columns slots. */
  guint        n_rows;
  guint        n_slots;
  guint        slot_minutes;
  gint64       first_day;
  gboolean     is_profile;
  CourantAgg   agg;
  double      *values;        /* NaN: no data */
  guint32     *counts;

  char        *title;
  char        *unit;
  double       width;
  double       height;

  /* Cells: day r, slot s is at (plot_x + r × cell_width, plot_y + s × cell_height). */
  double       plot_x;
  double       plot_y;
  double       plot_width;
  double       plot_height;
  double       cell_width;
  double       cell_height;

  /* The colour scale: the range of the values, lowest to highest. */
  gboolean     has_data;
  double       value_min;
  double       value_max;

  /* The legend: a vertical bar, the highest value at its top. */
  double       legend_x;
  double       legend_y;
  double       legend_width;
  double       legend_height;
  char        *legend_title;  /* the unit and the function */
  double       legend_title_x;
  GArray      *legend_ticks;  /* CourantHeatmapTick, position: y */

  GArray      *day_ticks;     /* CourantHeatmapTick, position: x of the row's left edge */
  gboolean     day_ticks_centred; /* labels stand under the middle of their row */
  double       day_label_y;   /* the top of the day labels, and of their context */
  double       day_context_y;
  GArray      *time_ticks;    /* CourantHeatmapTick, position: y */
} CourantHeatmapScene;

CourantHeatmapScene *courant_heatmap_scene_new         (const CourantHeatmap        *heatmap,
                                                        const CourantHeatmapOptions *options,
                                                        PangoContext                *context,
                                                        const CourantTheme          *theme);
void                 courant_heatmap_scene_free        (CourantHeatmapScene         *scene);

/* The colour of @value on the scale; FALSE for a missing value, which is
 * drawn as the theme's "no data" hatch and never as a colour. */
gboolean             courant_heatmap_scene_colour      (const CourantHeatmapScene   *scene,
                                                        double                       value,
                                                        CourantRgba                 *colour);
/* The cell at (@x, @y): FALSE outside the plot. */
gboolean             courant_heatmap_scene_pick        (const CourantHeatmapScene   *scene,
                                                        double                       x,
                                                        double                       y,
                                                        guint                       *row,
                                                        guint                       *slot);
void                 courant_heatmap_scene_cell_rect   (const CourantHeatmapScene   *scene,
                                                        guint                        row,
                                                        guint                        slot,
                                                        cairo_rectangle_t           *rect);
/* "Mon 6 Jan 2025" in the locale, or the day of the week of a profile. */
char                *courant_heatmap_scene_row_label   (const CourantHeatmapScene   *scene,
                                                        guint                        row);
/* "08:00–08:30". */
char                *courant_heatmap_scene_slot_label  (const CourantHeatmapScene   *scene,
                                                        guint                        slot);
/* The value of a cell with its unit, or "No data". */
char                *courant_heatmap_scene_value_label (const CourantHeatmapScene   *scene,
                                                        guint                        row,
                                                        guint                        slot);
/* The row, the slot, the value and the count, for a tooltip or a screen
 * reader. */
char                *courant_heatmap_scene_describe    (const CourantHeatmapScene   *scene,
                                                        guint                        row,
                                                        guint                        slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantHeatmapScene, courant_heatmap_scene_free)

G_END_DECLS
