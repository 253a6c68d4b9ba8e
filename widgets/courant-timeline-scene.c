/* courant-timeline-scene.c: laying out a series timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "courant-format.h"
#include "courant-palette.h"
#include "courant-text.h"
#include "courant-timeline-scene.h"

#define GAP_SAMPLES 1024

struct _CourantTimelineBuckets
{
  gint64              *times;
  double              *values;
  CourantLod          *lod;
  CourantTimelineData  data;
};

CourantTimelineBuckets *
courant_timeline_buckets_new (const gint64 *starts,
                              const double *values,
                              gsize         n)
{
  CourantTimelineBuckets *self;
  gsize kept = 0;

  g_return_val_if_fail (n == 0 || (starts != NULL && values != NULL), NULL);

  self = g_new0 (CourantTimelineBuckets, 1);
  self->times = g_new (gint64, MAX (n, 1));
  self->values = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        self->times[kept] = starts[i];
        self->values[kept] = values[i];
        kept++;
      }
  self->lod = courant_lod_new (self->values, kept);
  self->data = (CourantTimelineData) { self->times, self->values, kept, self->lod };
  return self;
}

const CourantTimelineData *
courant_timeline_buckets_get_data (const CourantTimelineBuckets *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->data;
}

void
courant_timeline_buckets_free (CourantTimelineBuckets *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->lod, courant_lod_free);
  g_free (self->times);
  g_free (self->values);
  g_free (self);
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

gint64
courant_timeline_data_guess_gap (const CourantTimelineData *data)
{
  gint64 steps[GAP_SAMPLES];
  guint n_steps = 0;

  g_return_val_if_fail (data != NULL, 0);

  if (data->n < 2)
    return 1;
  /* Evenly spread samples: a median over the whole series would cost a
   * pass over millions of readings for the same answer. Ties (two readings
   * at one time) say nothing about the step. */
  for (guint k = 0; k < GAP_SAMPLES; k++)
    {
      gsize i = (gsize) ((data->n - 1) * (double) k / GAP_SAMPLES);
      gint64 step = data->times[i + 1] - data->times[i];

      if (step > 0)
        steps[n_steps++] = step;
    }
  if (n_steps == 0)
    return 1;
  qsort (steps, n_steps, sizeof (gint64), compare_gint64);
  return steps[n_steps / 2] + steps[n_steps / 2] / 2;
}

/* The first time of pixel @p, exactly as courant_lod_m4() splits the window. */
static gint64
column_edge (gint64 t0,
             gint64 t1,
             guint  width,
             guint  p)
{
  gint64 span = t1 - t0;
  gint64 q = span / width, r = span % width;

  return t0 + q * p + (r * p + width - 1) / width;
}

static void
series_free (gpointer data)
{
  CourantTimelineSeries *series = data;

  g_free (series->name);
  g_free (series->unit);
  g_free (series->columns);
  g_free (series->linked);
  g_free (series);
}

static void
annotation_clear (gpointer data)
{
  CourantTimelineAnnotation *annotation = data;

  g_free (annotation->label);
}

double
courant_timeline_scene_time_to_x (const CourantTimelineScene *self,
                                  gint64                      time_ms)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->plot_x + (double) (time_ms - self->t0) * self->plot_width / (double) (self->t1 - self->t0);
}

gint64
courant_timeline_scene_x_to_time (const CourantTimelineScene *self,
                                  double                      x)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->t0 + (gint64) floor ((x - self->plot_x) * (double) (self->t1 - self->t0) / self->plot_width);
}

double
courant_timeline_scene_value_to_y (const CourantTimelineScene *self,
                                   guint                       series,
                                   double                      value)
{
  const CourantTimelineSeries *one;

  g_return_val_if_fail (self != NULL && series < self->series->len, 0);

  one = g_ptr_array_index (self->series, series);
  return courant_linear_scale_map (one->side == COURANT_TIMELINE_RIGHT ? &self->y_right : &self->y_left,
                                   value);
}

/* Marks which columns join the previous column with readings, and finds
 * the readings just outside the window, so that a line runs to the edge
 * of the plot instead of stopping at the last pixel with data. */
static void
link_columns (CourantTimelineScene  *self,
              CourantTimelineSeries *series,
              gint64                 t0,
              gint64                 t1)
{
  const CourantTimelineData *data = &series->data;
  gsize i, j;
  gboolean seen = FALSE;

  series->before_value = series->after_value = NAN;
  for (guint p = 0; p < self->n_columns; p++)
    {
      if (series->columns[p].count == 0)
        continue;
      i = courant_lod_lower_bound (data->times, data->n, column_edge (t0, t1, self->n_columns, p));
      series->linked[p] = seen && data->times[i] - data->times[i - 1] <= series->gap_ms;
      seen = TRUE;
    }

  i = courant_lod_lower_bound (data->times, data->n, t0);
  if (i > 0 && i < data->n && data->times[i] - data->times[i - 1] <= series->gap_ms)
    {
      series->before_x = courant_timeline_scene_time_to_x (self, data->times[i - 1] + series->shift_ms);
      series->before_value = data->values[i - 1];
    }
  j = courant_lod_lower_bound (data->times, data->n, t1);
  if (j > 0 && j < data->n && data->times[j] - data->times[j - 1] <= series->gap_ms)
    {
      series->after_x = courant_timeline_scene_time_to_x (self, data->times[j] + series->shift_ms);
      series->after_value = data->values[j];
    }
}

static void
compute_columns (CourantTimelineScene  *self,
                 CourantTimelineSeries *series)
{
  gint64 t0 = self->t0 - series->shift_ms, t1 = self->t1 - series->shift_ms;

  series->columns = g_new (CourantM4, self->n_columns);
  series->linked = g_new0 (guint8, self->n_columns);
  if (series->data.n == 0)
    {
      for (guint p = 0; p < self->n_columns; p++)
        series->columns[p] = (CourantM4) { NAN, NAN, NAN, NAN, 0 };
      series->before_value = series->after_value = NAN;
      return;
    }
  courant_lod_m4 (series->data.lod, series->data.times, series->data.values, series->data.n,
                  t0, t1, self->n_columns, series->columns);
  link_columns (self, series, t0, t1);
}

static void
add_series (CourantTimelineScene            *self,
            const CourantTimelineSeriesSpec *spec,
            guint                            index,
            const CourantTheme              *theme)
{
  CourantTimelineSeries *series = g_new0 (CourantTimelineSeries, 1);

  series->name = g_strdup (spec->name != NULL ? spec->name : "");
  series->unit = g_strdup (spec->unit);
  series->colour = courant_palette_get (theme->dark, spec->colour >= 0 ? (guint) spec->colour : index);
  series->side = spec->side;
  series->dashed = spec->dashed;
  series->hidden = spec->hidden;
  series->data = spec->data;
  series->gap_ms = spec->gap_ms > 0 ? spec->gap_ms : courant_timeline_data_guess_gap (&spec->data);
  series->shift_ms = spec->shift_ms;
  g_ptr_array_add (self->series, series);
}

/* The range of the visible readings of the series on @side, read from
 * the pyramids: the same as the union of the columns, known before the
 * columns are computed, since the axes' labels decide the plot's width. */
static gboolean
value_range (CourantTimelineScene *self,
             CourantTimelineSide   side,
             double               *lo,
             double               *hi)
{
  gboolean any = FALSE;

  *lo = G_MAXDOUBLE;
  *hi = -G_MAXDOUBLE;
  for (guint s = 0; s < self->series->len; s++)
    {
      const CourantTimelineSeries *series = g_ptr_array_index (self->series, s);
      const CourantTimelineData *data = &series->data;
      gsize i, j;
      double mn, mx;

      if (series->hidden || series->side != side || data->n == 0)
        continue;
      i = courant_lod_lower_bound (data->times, data->n, self->t0 - series->shift_ms);
      j = courant_lod_lower_bound (data->times, data->n, self->t1 - series->shift_ms);
      if (i >= j)
        continue;
      courant_lod_range (data->lod, i, j, &mn, &mx);
      *lo = mn < *lo ? mn : *lo;
      *hi = mx > *hi ? mx : *hi;
      any = TRUE;
    }
  if (!any)
    {
      *lo = 0;
      *hi = 1;
    }
  else if (*lo == *hi)
    {
      double pad = *lo != 0 ? fabs (*lo) * 0.1 : 1;

      *lo -= pad;
      *hi += pad;
    }
  return any;
}

static gboolean
side_used (CourantTimelineScene *self,
           CourantTimelineSide   side)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      const CourantTimelineSeries *series = g_ptr_array_index (self->series, s);

      if (series->side == side)
        return TRUE;
    }
  return FALSE;
}

static const char *
side_unit (CourantTimelineScene *self,
           CourantTimelineSide   side)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      const CourantTimelineSeries *series = g_ptr_array_index (self->series, s);

      if (series->side == side && series->unit != NULL)
        return series->unit;
    }
  return NULL;
}

/* Stretches both domains so that 0 falls at the same height: each keeps
 * its own span, and both take the larger share above and below zero. */
static void
align_zeros (CourantLinearScale *left,
             CourantLinearScale *right)
{
  CourantLinearScale *scales[] = { left, right };
  double above = 0, below = 0;

  for (guint k = 0; k < 2; k++)
    {
      double lo = MIN (scales[k]->domain_min, 0), hi = MAX (scales[k]->domain_max, 0);

      scales[k]->domain_min = lo;
      scales[k]->domain_max = hi;
      above = MAX (above, hi / (hi - lo));
      below = MAX (below, -lo / (hi - lo));
    }
  for (guint k = 0; k < 2; k++)
    {
      double span = scales[k]->domain_max - scales[k]->domain_min;

      scales[k]->domain_max = above * span;
      scales[k]->domain_min = -below * span;
    }
}

static void
compute_value_scales (CourantTimelineScene *self,
                      gboolean              align)
{
  double lo, hi;
  guint count = courant_scale_tick_count (self->plot_height, 40);

  value_range (self, COURANT_TIMELINE_LEFT, &lo, &hi);
  courant_linear_scale_init (&self->y_left, lo, hi, self->plot_y + self->plot_height, self->plot_y);
  value_range (self, COURANT_TIMELINE_RIGHT, &lo, &hi);
  courant_linear_scale_init (&self->y_right, lo, hi, self->plot_y + self->plot_height, self->plot_y);
  if (self->compact)
    return;
  courant_linear_scale_nice (&self->y_left, count);
  courant_linear_scale_nice (&self->y_right, count);
  if (align && self->has_left && self->has_right)
    align_zeros (&self->y_left, &self->y_right);
}

/* Legend entries flow in rows from the top left; returns their height. */
static double
layout_legend (CourantTimelineScene *self,
               double                top,
               PangoContext         *context,
               const CourantTheme   *theme)
{
  double pad = courant_theme_px (theme, 8), swatch = courant_theme_px (theme, 14);
  double x = pad, row_height = 0, rows_height = 0;

  for (guint s = 0; s < self->series->len; s++)
    {
      const CourantTimelineSeries *series = g_ptr_array_index (self->series, s);
      CourantTimelineLegendEntry entry = { 0 };
      double text_width, text_height;

      courant_text_measure (context, theme, COURANT_TEXT_LABEL, series->name, &text_width, &text_height);
      entry.width = swatch + pad / 2 + text_width;
      entry.height = MAX (text_height, swatch);
      entry.series = s;
      if (x + entry.width > self->width - pad && x > pad)
        {
          x = pad;
          rows_height += row_height + pad / 2;
          row_height = 0;
        }
      entry.x = x;
      entry.y = top + rows_height;
      x += entry.width + 2 * pad;
      row_height = MAX (row_height, entry.height);
      g_array_append_val (self->legend, entry);
    }
  return self->series->len > 0 ? rows_height + row_height + pad : 0;
}

static CourantAxis *
make_value_axis (CourantTimelineScene *self,
                 CourantTimelineSide   side,
                 double                offset,
                 PangoContext         *context,
                 const CourantTheme   *theme)
{
  CourantLinearScale *scale = side == COURANT_TIMELINE_LEFT ? &self->y_left : &self->y_right;

  return courant_axis_new_linear (side == COURANT_TIMELINE_LEFT ? COURANT_AXIS_LEFT : COURANT_AXIS_RIGHT,
                                  scale, offset, NULL, side_unit (self, side), context, theme);
}

static CourantAxis *
make_time_axis (CourantTimelineScene *self,
                PangoContext         *context,
                const CourantTheme   *theme)
{
  g_auto(CourantTimeScale) scale = { 0 };

  courant_time_scale_init (&scale, self->t0, self->t1, self->plot_x,
                           self->plot_x + self->plot_width, self->tz);
  return courant_axis_new_time (COURANT_AXIS_BOTTOM, &scale, self->plot_y + self->plot_height,
                                NULL, context, theme);
}

static void
set_plot_width (CourantTimelineScene *self,
                double                left,
                double                right)
{
  self->plot_x = left;
  /* A whole number of device pixels, so that columns and time agree. */
  self->n_columns = (guint) MAX (1, floor ((self->width - left - right) * self->scale));
  self->plot_width = self->n_columns / self->scale;
}

/* Axes are measured on a first guess of the plot, then made again on the
 * final one: their labels decide the margins. */
static void
layout_axes (CourantTimelineScene *self,
             double                top,
             PangoContext         *context,
             const CourantTheme   *theme)
{
  double pad = courant_theme_px (theme, 8), left = pad, right = pad, bottom;
  g_autoptr(CourantAxis) time_guess = NULL;

  self->plot_y = top;
  self->plot_height = MAX (1, self->height - top - pad);
  set_plot_width (self, pad, pad);
  time_guess = make_time_axis (self, context, theme);
  bottom = courant_axis_get_thickness (time_guess, theme) + pad;
  self->plot_height = MAX (1, self->height - top - bottom);
  compute_value_scales (self, FALSE);
  if (self->has_left)
    {
      g_autoptr(CourantAxis) axis = make_value_axis (self, COURANT_TIMELINE_LEFT, 0, context, theme);

      left = MAX (left, courant_axis_get_thickness (axis, theme) + pad / 2);
    }
  if (self->has_right)
    {
      g_autoptr(CourantAxis) axis = make_value_axis (self, COURANT_TIMELINE_RIGHT, 0, context, theme);

      right = MAX (right, courant_axis_get_thickness (axis, theme) + pad / 2);
    }
  left = MAX (left, time_guess->overhang_start + pad / 2);
  right = MAX (right, time_guess->overhang_end + pad / 2);
  set_plot_width (self, left, right);
}

/* Puts each label at the top of its mark, on the first row where it does
 * not run into a label already placed: marks close together stack their
 * labels downwards rather than print them over each other. */
static void
place_label (CourantTimelineScene      *self,
             CourantTimelineAnnotation *annotation,
             GArray                    *row_ends,
             PangoContext              *context,
             const CourantTheme        *theme)
{
  double pad = courant_theme_px (theme, 4), width, height, x;
  guint row;

  courant_text_measure (context, theme, COURANT_TEXT_CONTEXT, annotation->label, &width, &height);
  width += 2 * pad;
  height += pad;
  x = MIN (annotation->x0 + pad, self->plot_x + self->plot_width - width);
  x = MAX (x, self->plot_x);
  for (row = 0; row < row_ends->len; row++)
    if (g_array_index (row_ends, double, row) + pad <= x)
      break;
  if ((row + 1) * (height + pad) > self->plot_height)
    return;
  if (row == row_ends->len)
    g_array_set_size (row_ends, row + 1);
  g_array_index (row_ends, double, row) = x + width;
  annotation->label_x = x;
  annotation->label_y = self->plot_y + pad + row * (height + pad);
  annotation->label_width = width;
  annotation->label_height = height;
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  const CourantTimelineAnnotation *p = a, *q = b;

  return (p->x0 > q->x0) - (p->x0 < q->x0);
}

static void
layout_annotations (CourantTimelineScene         *self,
                    const CourantTimelineOptions *options,
                    PangoContext                 *context,
                    const CourantTheme           *theme)
{
  g_autoptr(GArray) row_ends = g_array_new (FALSE, TRUE, sizeof (double));

  for (guint i = 0; i < options->n_annotations; i++)
    {
      const CourantTimelineAnnotationSpec *spec = &options->annotations[i];
      CourantTimelineAnnotation annotation = { 0 };
      gint64 end = MAX (spec->start_ms, spec->end_ms);

      if (end < self->t0 || spec->start_ms >= self->t1)
        continue;
      annotation.x0 = MAX (self->plot_x, courant_timeline_scene_time_to_x (self, spec->start_ms));
      annotation.x1 = MIN (self->plot_x + self->plot_width, courant_timeline_scene_time_to_x (self, end));
      annotation.point = end == spec->start_ms;
      annotation.label = g_strdup (spec->label != NULL ? spec->label : "");
      annotation.index = i;
      g_array_append_val (self->annotations, annotation);
    }
  /* Left to right, so that each label takes the highest free row. */
  g_array_sort (self->annotations, compare_annotations);
  if (self->compact)
    return;
  for (guint i = 0; i < self->annotations->len; i++)
    place_label (self, &g_array_index (self->annotations, CourantTimelineAnnotation, i), row_ends, context, theme);
}

int
courant_timeline_scene_pick_annotation (const CourantTimelineScene *self,
                                        double                      x,
                                        double                      y)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CourantTimelineAnnotation *a = &g_array_index (self->annotations, CourantTimelineAnnotation, i);

      if (x >= a->label_x && x < a->label_x + a->label_width && y >= a->label_y && y < a->label_y + a->label_height)
        return a->index;
    }
  return -1;
}

static void
layout (CourantTimelineScene         *self,
        const CourantTimelineOptions *options,
        PangoContext                 *context,
        const CourantTheme           *theme)
{
  double pad = courant_theme_px (theme, 8), top = pad;

  if (self->compact)
    {
      self->plot_y = 0;
      self->plot_height = self->height;
      set_plot_width (self, options->width > 2 * pad ? pad : 0, options->width > 2 * pad ? pad : 0);
      return;
    }
  if (self->title != NULL)
    {
      double title_height;

      courant_text_measure (context, theme, COURANT_TEXT_TITLE, self->title, NULL, &title_height);
      top += title_height + pad / 2;
    }
  if (!options->no_legend)
    top += layout_legend (self, top, context, theme);
  layout_axes (self, top, context, theme);
}

CourantTimelineScene *
courant_timeline_scene_new (const CourantTimelineSeriesSpec *series,
                            guint                            n_series,
                            const CourantTimelineOptions    *options,
                            PangoContext                    *context,
                            const CourantTheme              *theme)
{
  CourantTimelineScene *self;

  g_return_val_if_fail (n_series == 0 || series != NULL, NULL);
  g_return_val_if_fail (options != NULL && options->t0 < options->t1, NULL);
  g_return_val_if_fail (options->width > 0 && options->height > 0, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  self = g_new0 (CourantTimelineScene, 1);
  self->width = options->width;
  self->height = options->height;
  self->scale = options->scale > 0 ? options->scale : 1;
  self->t0 = options->t0;
  self->t1 = options->t1;
  self->tz = g_time_zone_ref (options->tz != NULL ? options->tz : courant_time_zone_get_default ());
  self->title = options->compact ? NULL : g_strdup (options->title);
  self->compact = options->compact;
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->legend = g_array_new (FALSE, TRUE, sizeof (CourantTimelineLegendEntry));
  self->annotations = g_array_new (FALSE, TRUE, sizeof (CourantTimelineAnnotation));
  g_array_set_clear_func (self->annotations, annotation_clear);

  for (guint s = 0; s < n_series; s++)
    add_series (self, &series[s], s, theme);
  self->has_left = !self->compact && side_used (self, COURANT_TIMELINE_LEFT);
  self->has_right = !self->compact && side_used (self, COURANT_TIMELINE_RIGHT);

  /* The columns depend on the plot width, and the value axes' width on the
   * columns' range: a first pass on the guessed width, then the final one. */
  layout (self, options, context, theme);
  for (guint s = 0; s < self->series->len; s++)
    compute_columns (self, g_ptr_array_index (self->series, s));
  compute_value_scales (self, options->align_zeros);
  if (!self->compact)
    {
      self->time_axis = make_time_axis (self, context, theme);
      self->time_axis->grid_length = self->plot_height;
      if (self->has_left)
        {
          self->left_axis = make_value_axis (self, COURANT_TIMELINE_LEFT, self->plot_x, context, theme);
          self->left_axis->grid_length = self->plot_width;
        }
      if (self->has_right)
        self->right_axis = make_value_axis (self, COURANT_TIMELINE_RIGHT, self->plot_x + self->plot_width,
                                            context, theme);
    }
  layout_annotations (self, options, context, theme);
  return self;
}

void
courant_timeline_scene_free (CourantTimelineScene *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->time_axis, courant_axis_free);
  g_clear_pointer (&self->left_axis, courant_axis_free);
  g_clear_pointer (&self->right_axis, courant_axis_free);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->annotations, g_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->title);
  g_free (self);
}

/* The reading nearest to @t, if the line passes there: between two joined
 * readings, or within half a step of one. */
static gboolean
nearest_reading (const CourantTimelineSeries *series,
                 gint64                       t,
                 gsize                       *index)
{
  const CourantTimelineData *data = &series->data;
  gsize i = courant_lod_lower_bound (data->times, data->n, t);
  gboolean between;

  if (data->n == 0)
    return FALSE;
  between = i > 0 && i < data->n && data->times[i] - data->times[i - 1] <= series->gap_ms;
  if (i == data->n || (i > 0 && t - data->times[i - 1] < data->times[i] - t))
    i--;
  *index = i;
  return between || llabs (data->times[i] - t) <= series->gap_ms / 2;
}

gboolean
courant_timeline_scene_pick (const CourantTimelineScene *self,
                             double                      x,
                             CourantTimelinePick        *pick)
{
  guint p;

  g_return_val_if_fail (self != NULL && pick != NULL, FALSE);

  pick->values = NULL;
  if (x < self->plot_x || x >= self->plot_x + self->plot_width)
    return FALSE;
  p = MIN ((guint) ((x - self->plot_x) * self->scale), self->n_columns - 1);
  pick->x = self->plot_x + (p + 0.5) / self->scale;
  pick->time_ms = courant_timeline_scene_x_to_time (self, x);
  pick->values = g_array_new (FALSE, TRUE, sizeof (CourantTimelinePickValue));
  for (guint s = 0; s < self->series->len; s++)
    {
      const CourantTimelineSeries *series = g_ptr_array_index (self->series, s);
      CourantTimelinePickValue value = { s, FALSE, 0, NAN, NAN, NAN, 0 };
      gsize i;

      if (series->hidden)
        continue;
      value.min = series->columns[p].min;
      value.max = series->columns[p].max;
      value.count = series->columns[p].count;
      if (value.count > 0 || nearest_reading (series, pick->time_ms - series->shift_ms, &i))
        {
          if (value.count > 0)
            nearest_reading (series, pick->time_ms - series->shift_ms, &i);
          value.found = TRUE;
          value.time_ms = series->data.times[i];
          value.value = series->data.values[i];
        }
      g_array_append_val (pick->values, value);
    }
  return TRUE;
}

void
courant_timeline_pick_clear (CourantTimelinePick *pick)
{
  g_clear_pointer (&pick->values, g_array_unref);
}

int
courant_timeline_scene_pick_legend (const CourantTimelineScene *self,
                                    double                      x,
                                    double                      y)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->legend->len; i++)
    {
      const CourantTimelineLegendEntry *entry = &g_array_index (self->legend, CourantTimelineLegendEntry, i);

      if (x >= entry->x && x < entry->x + entry->width && y >= entry->y && y < entry->y + entry->height)
        return (int) entry->series;
    }
  return -1;
}
