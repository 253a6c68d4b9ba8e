/* courant-timeline-render.c: drawing a series timeline with Cairo
 *
 * Cairo's stroker is superlinear in the length of a path, so a series is
 * never one long polyline: dense columns are 1-device-pixel rectangles in
 * one non-antialiased fill (their vertical span reaches the previous
 * column's last value, which joins them), and the few segments between
 * columns that are further apart are short subpaths, stroked in batches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "courant-format.h"
#include "courant-text.h"
#include "courant-timeline-render.h"

#define LINE_WIDTH     1.5   /* px */
#define DASH_ON        6.0   /* px */
#define DASH_PERIOD   10.0
#define SEGMENT_BATCH  64    /* subpaths per stroke */

typedef struct
{
  cairo_t                     *cr;
  const CourantTimelineScene  *scene;
  const CourantTimelineSeries *series;
  const CourantLinearScale    *y;
  guint                        pending;
} Painter;

static double
column_x (const CourantTimelineScene *scene,
          guint                       p)
{
  return scene->plot_x + (p + 0.5) / scene->scale;
}

/* A dashed series leaves out the columns in the gaps of the dash pattern. */
static gboolean
in_dash (const CourantTimelineSeries *series,
         const CourantTimelineScene  *scene,
         guint                        p)
{
  return !series->dashed || fmod (p / scene->scale, DASH_PERIOD) < DASH_ON;
}

static void
fill_columns (Painter *painter)
{
  const CourantTimelineScene *scene = painter->scene;
  const CourantTimelineSeries *series = painter->series;
  double half = LINE_WIDTH / 2, w = 1 / scene->scale;

  cairo_set_antialias (painter->cr, CAIRO_ANTIALIAS_NONE);
  for (guint p = 0; p < scene->n_columns; p++)
    {
      const CourantM4 *column = &series->columns[p];
      double lo = column->min, hi = column->max, top, bottom;

      if (column->count == 0 || !in_dash (series, scene, p))
        continue;
      if (p > 0 && series->linked[p] && series->columns[p - 1].count > 0)
        {
          double last = series->columns[p - 1].last;

          lo = last < lo ? last : lo;
          hi = last > hi ? last : hi;
        }
      top = courant_linear_scale_map (painter->y, hi) - half;
      bottom = courant_linear_scale_map (painter->y, lo) + half;
      cairo_rectangle (painter->cr, scene->plot_x + p * w, top, w, bottom - top);
    }
  cairo_fill (painter->cr);
  cairo_set_antialias (painter->cr, CAIRO_ANTIALIAS_DEFAULT);
}

static void
add_segment (Painter *painter,
             double   x0,
             double   v0,
             double   x1,
             double   v1)
{
  cairo_move_to (painter->cr, x0, courant_linear_scale_map (painter->y, v0));
  cairo_line_to (painter->cr, x1, courant_linear_scale_map (painter->y, v1));
  if (++painter->pending == SEGMENT_BATCH)
    {
      cairo_stroke (painter->cr);
      painter->pending = 0;
    }
}

/* Segments between columns that are not neighbours, and to the readings
 * just outside the window. */
static void
stroke_segments (Painter *painter)
{
  const CourantTimelineScene *scene = painter->scene;
  const CourantTimelineSeries *series = painter->series;
  int previous = -1;

  for (guint p = 0; p < scene->n_columns; p++)
    {
      if (series->columns[p].count == 0)
        continue;
      if (previous < 0 && !isnan (series->before_value))
        add_segment (painter, series->before_x, series->before_value,
                     column_x (scene, p), series->columns[p].first);
      else if (previous >= 0 && series->linked[p] && (guint) previous + 1 < p)
        add_segment (painter, column_x (scene, previous), series->columns[previous].last,
                     column_x (scene, p), series->columns[p].first);
      previous = p;
    }
  if (!isnan (series->after_value))
    {
      if (previous >= 0)
        add_segment (painter, column_x (scene, previous), series->columns[previous].last,
                     series->after_x, series->after_value);
      else if (!isnan (series->before_value))
        add_segment (painter, series->before_x, series->before_value,
                     series->after_x, series->after_value);
    }
  if (painter->pending > 0)
    cairo_stroke (painter->cr);
  painter->pending = 0;
}

static void
render_one (cairo_t                     *cr,
            const CourantTimelineScene  *scene,
            const CourantTimelineSeries *series)
{
  static const double dashes[] = { DASH_ON, DASH_PERIOD - DASH_ON };
  Painter painter = { cr, scene, series,
                      series->side == COURANT_TIMELINE_RIGHT ? &scene->y_right : &scene->y_left, 0 };

  courant_rgba_set_source (cr, &series->colour);
  fill_columns (&painter);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, dashes, series->dashed ? 2 : 0, 0);
  stroke_segments (&painter);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
courant_timeline_render_series (cairo_t                    *cr,
                                const CourantTimelineScene *scene,
                                const CourantTheme         *theme)
{
  g_return_if_fail (cr != NULL && scene != NULL && theme != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, scene->plot_x, scene->plot_y, scene->plot_width, scene->plot_height);
  cairo_clip (cr);
  for (guint s = 0; s < scene->series->len; s++)
    {
      const CourantTimelineSeries *series = g_ptr_array_index (scene->series, s);

      if (!series->hidden)
        render_one (cr, scene, series);
    }
  cairo_restore (cr);
}

static void
render_legend (cairo_t                    *cr,
               const CourantTimelineScene *scene,
               const CourantTheme         *theme)
{
  double swatch = courant_theme_px (theme, 14);

  for (guint i = 0; i < scene->legend->len; i++)
    {
      const CourantTimelineLegendEntry *entry = &g_array_index (scene->legend, CourantTimelineLegendEntry, i);
      const CourantTimelineSeries *series = g_ptr_array_index (scene->series, entry->series);
      double mid = entry->y + entry->height / 2;

      courant_rgba_set_source (cr, series->hidden ? &theme->muted : &series->colour);
      if (series->dashed && !series->hidden)
        {
          static const double dashes[] = { 4, 2 };

          cairo_set_line_width (cr, 2);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, entry->x, mid);
          cairo_line_to (cr, entry->x + swatch, mid);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else if (series->hidden)
        {
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, entry->x + 0.5, mid - swatch / 2 + 0.5, swatch - 1, swatch - 1);
          cairo_stroke (cr);
        }
      else
        {
          cairo_rectangle (cr, entry->x, mid - swatch / 2, swatch, swatch);
          cairo_fill (cr);
        }
      courant_rgba_set_source (cr, series->hidden ? &theme->muted : &theme->foreground);
      courant_text_draw (cr, theme, COURANT_TEXT_LABEL, series->name,
                         entry->x + swatch * 1.3, mid, 0, 0.5, 0);
    }
}

/* A label on a box of the background's colour, so that it reads over the
 * grid and the series in light and dark themes alike. */
static void
render_annotation_label (cairo_t                         *cr,
                         const CourantTimelineAnnotation *annotation,
                         const CourantTheme              *theme)
{
  CourantRgba box = theme->background;
  double pad = courant_theme_px (theme, 4);

  if (annotation->label_width <= 0)
    return;
  box.alpha = 0.85;
  courant_rgba_set_source (cr, &box);
  cairo_rectangle (cr, annotation->label_x, annotation->label_y, annotation->label_width, annotation->label_height);
  cairo_fill_preserve (cr);
  courant_rgba_set_source (cr, &theme->axis);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  courant_rgba_set_source (cr, &theme->foreground);
  courant_text_draw (cr, theme, COURANT_TEXT_CONTEXT, annotation->label,
                     annotation->label_x + pad, annotation->label_y + annotation->label_height / 2, 0, 0.5, 0);
}

/* The marks under the series: a dashed rule for a point, a band for a
 * range. */
static void
render_annotations (cairo_t                    *cr,
                    const CourantTimelineScene *scene,
                    const CourantTheme         *theme)
{
  static const double dashes[] = { 4, 3 };

  for (guint i = 0; i < scene->annotations->len; i++)
    {
      const CourantTimelineAnnotation *annotation = &g_array_index (scene->annotations, CourantTimelineAnnotation, i);

      if (annotation->point)
        {
          courant_rgba_set_source (cr, &theme->crosshair);
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, round (annotation->x0) + 0.5, scene->plot_y);
          cairo_line_to (cr, round (annotation->x0) + 0.5, scene->plot_y + scene->plot_height);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          courant_rgba_set_source (cr, &theme->selection);
          cairo_rectangle (cr, annotation->x0, scene->plot_y,
                           annotation->x1 - annotation->x0, scene->plot_height);
          cairo_fill (cr);
        }
    }
}

/* The labels on top, so that the series do not cross them out. */
static void
render_annotation_labels (cairo_t                    *cr,
                          const CourantTimelineScene *scene,
                          const CourantTheme         *theme)
{
  for (guint i = 0; i < scene->annotations->len; i++)
    render_annotation_label (cr, &g_array_index (scene->annotations, CourantTimelineAnnotation, i), theme);
}

void
courant_timeline_render (cairo_t                    *cr,
                         const CourantTimelineScene *scene,
                         const CourantTheme         *theme)
{
  g_return_if_fail (cr != NULL && scene != NULL && theme != NULL);

  cairo_save (cr);
  if (scene->title != NULL)
    {
      courant_rgba_set_source (cr, &theme->foreground);
      courant_text_draw (cr, theme, COURANT_TEXT_TITLE, scene->title,
                         courant_theme_px (theme, 8), courant_theme_px (theme, 8), 0, 0, 0);
    }
  render_legend (cr, scene, theme);
  if (scene->left_axis != NULL)
    courant_axis_render (cr, scene->left_axis, theme);
  if (scene->right_axis != NULL)
    courant_axis_render (cr, scene->right_axis, theme);
  if (scene->time_axis != NULL)
    courant_axis_render (cr, scene->time_axis, theme);
  render_annotations (cr, scene, theme);
  courant_timeline_render_series (cr, scene, theme);
  render_annotation_labels (cr, scene, theme);
  cairo_restore (cr);
}

static char *
format_value (double      value,
              const char *unit)
{
  int decimals = fabs (value) >= 100 ? 0 : fabs (value) >= 10 ? 1 : 2;

  return unit != NULL ? courant_format_number_with_unit (value, decimals, unit)
                      : courant_format_number (value, decimals);
}

static char *
describe_pick (const CourantTimelineScene *scene,
               const CourantTimelinePick  *pick)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = courant_format_date_time (pick->time_ms, scene->tz);

  g_string_append (text, date);
  for (guint i = 0; i < pick->values->len; i++)
    {
      const CourantTimelinePickValue *value = &g_array_index (pick->values, CourantTimelinePickValue, i);
      const CourantTimelineSeries *series = g_ptr_array_index (scene->series, value->series);
      g_autofree char *number = value->found ? format_value (value->value, series->unit) : NULL;

      g_string_append_c (text, '\n');
      if (value->count > 1)
        {
          g_autofree char *lo = format_value (value->min, NULL);
          g_autofree char *hi = format_value (value->max, NULL);

          /* Translators: a series' value under the crosshair, then the range
           * of the readings in that pixel of a decimated series. */
          g_string_append_printf (text, _("%s: %s (%s to %s)"), series->name,
                                  number != NULL ? number : _("no data"), lo, hi);
        }
      else
        /* Translators: a series' value under the crosshair, or a gap. */
        g_string_append_printf (text, _("%s: %s"), series->name,
                                number != NULL ? number : _("no data"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
courant_timeline_render_pick (cairo_t                    *cr,
                              const CourantTimelineScene *scene,
                              const CourantTimelinePick  *pick,
                              const CourantTheme         *theme)
{
  g_autofree char *text = NULL;
  PangoContext *context;
  double pad = courant_theme_px (theme, 6), width, height, x;

  g_return_if_fail (cr != NULL && scene != NULL && pick != NULL && theme != NULL);

  cairo_save (cr);
  courant_rgba_set_source (cr, &theme->crosshair);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (pick->x) + 0.5, scene->plot_y);
  cairo_line_to (cr, round (pick->x) + 0.5, scene->plot_y + scene->plot_height);
  cairo_stroke (cr);

  for (guint i = 0; i < pick->values->len; i++)
    {
      const CourantTimelinePickValue *value = &g_array_index (pick->values, CourantTimelinePickValue, i);
      const CourantTimelineSeries *series = g_ptr_array_index (scene->series, value->series);

      if (!value->found)
        continue;
      courant_rgba_set_source (cr, &series->colour);
      cairo_arc (cr, courant_timeline_scene_time_to_x (scene, value->time_ms + series->shift_ms),
                 courant_timeline_scene_value_to_y (scene, value->series, value->value), 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  text = describe_pick (scene, pick);
  context = courant_text_create_context ();
  courant_text_measure (context, theme, COURANT_TEXT_LABEL, text, &width, &height);
  g_object_unref (context);
  x = pick->x + pad + width + 2 * pad <= scene->plot_x + scene->plot_width
      ? pick->x + pad : pick->x - pad - width - 2 * pad;
  courant_rgba_set_source (cr, &theme->background);
  cairo_rectangle (cr, x, scene->plot_y + pad, width + 2 * pad, height + 2 * pad);
  cairo_fill_preserve (cr);
  courant_rgba_set_source (cr, &theme->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  courant_rgba_set_source (cr, &theme->foreground);
  courant_text_draw (cr, theme, COURANT_TEXT_LABEL, text, x + pad, scene->plot_y + 2 * pad, 0, 0, 0);
  cairo_restore (cr);
}
