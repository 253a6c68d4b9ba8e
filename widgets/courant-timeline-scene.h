/* courant-timeline-scene.h: the scene of a series timeline
 *
 * A plain struct computed from series, options and a size: the plot
 * rectangle, the time axis and one or two value axes, the legend, the
 * annotations, and for every series one M4 column (first, min, max, last)
 * per device pixel of the plot. The renderer draws it without doing any
 * layout, and the widget asks it what is under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "courant-axis.h"
#include "courant-lod.h"
#include "courant-theme.h"

G_BEGIN_DECLS

typedef enum
{
  COURANT_TIMELINE_LEFT,
  COURANT_TIMELINE_RIGHT,
} CourantTimelineSide;

/* Readings that a timeline draws: sorted times, values without NaN (a
 * missing reading is simply absent) and their min/max pyramid. */
typedef struct
{
  const gint64     *times;
  const double     *values;
  gsize             n;
  const CourantLod *lod;
} CourantTimelineData;

/* Owned readings made from bucketed query results: the empty (NaN) buckets
 * are left out, so that they are drawn as gaps and never as zero. */
typedef struct _CourantTimelineBuckets CourantTimelineBuckets;

CourantTimelineBuckets    *courant_timeline_buckets_new      (const gint64 *starts,
                                                              const double *values,
                                                              gsize         n);
const CourantTimelineData *courant_timeline_buckets_get_data (const CourantTimelineBuckets *self);
void                       courant_timeline_buckets_free     (CourantTimelineBuckets *self);

/* One series to draw. The scene keeps pointers to @data's arrays: they
 * must outlive it. */
typedef struct
{
  const char                *name;
  const char                *unit;      /* NULL: no unit */
  CourantTimelineData        data;
  /* Two consecutive readings further apart than this are not joined:
   * 0 takes 1.5 times the usual step of the series. */
  gint64                     gap_ms;
  /* Drawn at time + shift: a previous period aligned on the first. */
  gint64                     shift_ms;
  CourantTimelineSide        side;
  gboolean                   dashed;
  gboolean                   hidden;    /* kept in the legend, greyed */
  int                        colour;    /* palette index; -1: its position */
} CourantTimelineSeriesSpec;

typedef struct
{
  gint64      start_ms;
  gint64      end_ms;     /* equal to start_ms for a point */
  const char *label;
} CourantTimelineAnnotationSpec;

typedef struct
{
  gint64                               t0;          /* the visible window [t0, t1), ms UTC */
  gint64                               t1;
  GTimeZone                           *tz;          /* NULL: Europe/Paris */
  double                               width;       /* px */
  double                               height;
  double                               scale;       /* device px per px; 0 means 1 */
  const char                          *title;       /* NULL: none */
  gboolean                             align_zeros; /* both value axes put 0 at one height */
  gboolean                             no_legend;
  gboolean                             compact;     /* an overview strip: no value axes, no legend */
  const CourantTimelineAnnotationSpec *annotations;
  guint                                n_annotations;
} CourantTimelineOptions;

typedef struct
{
  char               *name;
  char               *unit;
  CourantRgba         colour;
  CourantTimelineSide side;
  gboolean            dashed;
  gboolean            hidden;
  CourantTimelineData data;
  gint64              gap_ms;
  gint64              shift_ms;
  CourantM4          *columns;    /* n_columns, NULL when hidden */
  /* Whether column p is joined to the previous column with readings. */
  guint8             *linked;
  /* The readings just outside the window, joined to the first and last
   * columns when close enough; NaN otherwise. */
  double              before_x, before_value;
  double              after_x, after_value;
} CourantTimelineSeries;

typedef struct
{
  double                x;          /* the legend entry's box, px */
  double                y;
  double                width;
  double                height;
  guint                 series;
} CourantTimelineLegendEntry;

typedef struct
{
  double  x0;                       /* px, clamped to the plot */
  double  x1;
  char   *label;
  gboolean point;
  /* The label's box, px, inside the plot: labels that would overlap are
   * put on rows further down. Zero-sized when the plot has no room left. */
  double  label_x;
  double  label_y;
  double  label_width;
  double  label_height;
  guint   index;                    /* in the options' annotations */
} CourantTimelineAnnotation;

typedef struct
{
  double                 width;
  double                 height;
  double                 scale;
  gint64                 t0;
  gint64                 t1;
  GTimeZone             *tz;
  char                  *title;
  gboolean               compact;
  /* The plot, px. Column p covers x in [plot_x + p / scale, plot_x + (p + 1) / scale). */
  double                 plot_x;
  double                 plot_y;
  double                 plot_width;
  double                 plot_height;
  guint                  n_columns;
  CourantLinearScale     y_left;
  CourantLinearScale     y_right;
  gboolean               has_left;
  gboolean               has_right;
  CourantAxis           *time_axis;
  CourantAxis           *left_axis;
  CourantAxis           *right_axis;
  GPtrArray             *series;       /* CourantTimelineSeries */
  GArray                *legend;       /* CourantTimelineLegendEntry */
  GArray                *annotations;  /* CourantTimelineAnnotation */
} CourantTimelineScene;

CourantTimelineScene *courant_timeline_scene_new    (const CourantTimelineSeriesSpec *series,
                                                     guint                            n_series,
                                                     const CourantTimelineOptions    *options,
                                                     PangoContext                    *context,
                                                     const CourantTheme              *theme);
void                  courant_timeline_scene_free   (CourantTimelineScene            *self);

double                courant_timeline_scene_time_to_x (const CourantTimelineScene *self,
                                                        gint64                      time_ms);
gint64                courant_timeline_scene_x_to_time (const CourantTimelineScene *self,
                                                        double                      x);
/* The y of @value on the axis of @series, px. */
double                courant_timeline_scene_value_to_y (const CourantTimelineScene *self,
                                                         guint                       series,
                                                         double                      value);

/* One series under the crosshair. */
typedef struct
{
  guint    series;
  gboolean found;      /* FALSE inside a gap or outside the data */
  gint64   time_ms;    /* the nearest reading (shifted back for an overlay) */
  double   value;
  /* The pixel column's readings: count > 1 when decimated. */
  double   min;
  double   max;
  guint    count;
} CourantTimelinePickValue;

typedef struct
{
  gint64  time_ms;     /* the time at the pointer */
  double  x;           /* the column's centre, px */
  GArray *values;      /* CourantTimelinePickValue, one per visible series */
} CourantTimelinePick;

/* FALSE when @x is outside the plot. */
gboolean              courant_timeline_scene_pick   (const CourantTimelineScene *self,
                                                     double                      x,
                                                     CourantTimelinePick        *pick);
void                  courant_timeline_pick_clear   (CourantTimelinePick        *pick);
/* The annotation (its index in the options) whose label is at (@x, @y),
 * or -1. */
int                   courant_timeline_scene_pick_annotation (const CourantTimelineScene *self,
                                                              double                      x,
                                                              double                      y);
/* The series whose legend entry is at (@x, @y), or -1. */
int                   courant_timeline_scene_pick_legend (const CourantTimelineScene *self,
                                                          double                      x,
                                                          double                      y);

/* 1.5 times the median step between a sample of consecutive readings. */
gint64                courant_timeline_data_guess_gap (const CourantTimelineData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantTimelineScene, courant_timeline_scene_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantTimelineBuckets, courant_timeline_buckets_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CourantTimelinePick, courant_timeline_pick_clear)

G_END_DECLS
