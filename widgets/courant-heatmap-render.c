/* courant-heatmap-render.c: drawing a heatmap scene
 *
 * The cells are an image of one pixel per cell (a year of half-hours is
 * 365 × 48 pixels) painted scaled with the nearest filter: one paint instead
 * of 17,520 rectangles. Missing cells are transparent pixels, so the hatch
 * painted under the image shows through them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "courant-heatmap-render.h"
#include "courant-text.h"

#define TICK_LENGTH    4.0
#define LEGEND_STOPS   32
#define OUTLINE_WIDTH  2.0
#define LUT_SIZE       1024
#define HATCH_SPACING  6.0    /* as the theme's hatch */

static guint32
pack_argb (const CourantRgba *c)
{
  return 0xff000000u | (guint32) lround (c->red * 255) << 16 |
         (guint32) lround (c->green * 255) << 8 | (guint32) lround (c->blue * 255);
}

/* Rows of the grid become columns of the image: x is the day. The colours
 * come from a table fine enough (LUT_SIZE steps) to stay within a quarter
 * of a colour level of the scale, four times faster than the ramp itself. */
static cairo_surface_t *
create_cell_image (const CourantHeatmapScene *scene)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, scene->n_rows, scene->n_slots);
  int stride = cairo_image_surface_get_stride (image);
  double span = scene->value_max - scene->value_min;
  double to_index = span > 0 ? (LUT_SIZE - 1) / span : 0;
  guint32 lut[LUT_SIZE];
  unsigned char *data;

  for (guint i = 0; i < LUT_SIZE; i++)
    {
      CourantRgba colour;

      courant_heatmap_scene_colour (scene, span > 0 ? scene->value_min + i / to_index : scene->value_min, &colour);
      lut[i] = pack_argb (&colour);
    }

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (guint s = 0; s < scene->n_slots; s++)
    {
      guint32 *line = (guint32 *) (data + (gsize) s * stride);

      for (guint r = 0; r < scene->n_rows; r++)
        {
          double v = scene->values[(gsize) r * scene->n_slots + s];

          line[r] = isnan (v) ? 0 : lut[(guint) lround ((v - scene->value_min) * to_index)];
        }
    }
  cairo_surface_mark_dirty (image);
  return image;
}

static gboolean
is_vector (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  return type == CAIRO_SURFACE_TYPE_SVG || type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_PS;
}

/* Runs of cells of one colour down a day become one rectangle. */
static void
fill_cell_rectangles (cairo_t                   *cr,
                      const CourantHeatmapScene *scene)
{
  for (guint r = 0; r < scene->n_rows; r++)
    {
      guint s = 0;

      while (s < scene->n_slots)
        {
          CourantRgba colour;
          guint32 packed;
          guint end = s + 1;

          if (!courant_heatmap_scene_colour (scene, scene->values[(gsize) r * scene->n_slots + s], &colour))
            {
              s++;
              continue;
            }
          packed = pack_argb (&colour);
          while (end < scene->n_slots)
            {
              CourantRgba next;

              if (!courant_heatmap_scene_colour (scene, scene->values[(gsize) r * scene->n_slots + end], &next) ||
                  pack_argb (&next) != packed)
                break;
              end++;
            }
          courant_rgba_set_source (cr, &colour);
          cairo_rectangle (cr, scene->plot_x + r * scene->cell_width, scene->plot_y + s * scene->cell_height,
                           scene->cell_width, (end - s) * scene->cell_height);
          cairo_fill (cr);
          s = end;
        }
    }
}

/* On a vector surface the hatch is drawn as lines, clipped to the current
 * path: the same look as the theme's hatch pattern, which Cairo 1.16's SVG
 * surface leaks (its recording-surface tile) and viewers resample. */
static void
stroke_hatch (cairo_t                   *cr,
              const CourantHeatmapScene *scene,
              const CourantTheme        *theme)
{
  double spacing = courant_theme_px (theme, HATCH_SPACING);
  double x0 = scene->plot_x, y0 = scene->plot_y;
  double w = scene->plot_width, h = scene->plot_height;

  cairo_save (cr);
  cairo_clip (cr);
  courant_rgba_set_source (cr, &theme->no_data);
  cairo_set_line_width (cr, courant_theme_px (theme, 1.0));
  /* Lines rising to the right, as in the pattern, every @spacing along x. */
  for (double x = x0 - h; x < x0 + w; x += spacing)
    {
      cairo_move_to (cr, x, y0 + h);
      cairo_line_to (cr, x + h, y0);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The hatch goes under the missing cells only, one rectangle per run of
 * them down a day: painting it under the whole plot cost more than the
 * cells themselves. */
static void
paint_no_data (cairo_t                   *cr,
               const CourantHeatmapScene *scene,
               const CourantTheme        *theme)
{
  cairo_pattern_t *hatch;
  gboolean any = FALSE;

  for (guint r = 0; r < scene->n_rows; r++)
    {
      const double *values = scene->values + (gsize) r * scene->n_slots;

      for (guint s = 0; s < scene->n_slots; s++)
        {
          guint end = s;

          if (!isnan (values[s]))
            continue;
          while (end < scene->n_slots && isnan (values[end]))
            end++;
          cairo_rectangle (cr, scene->plot_x + r * scene->cell_width, scene->plot_y + s * scene->cell_height,
                           scene->cell_width, (end - s) * scene->cell_height);
          any = TRUE;
          s = end;
        }
    }
  if (!any)
    return;

  if (is_vector (cr))
    {
      stroke_hatch (cr, scene, theme);
      return;
    }
  hatch = courant_theme_create_no_data_pattern (theme);
  cairo_save (cr);
  cairo_set_source (cr, hatch);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (hatch);
}

void
courant_heatmap_render_cells (cairo_t                   *cr,
                              const CourantHeatmapScene *scene,
                              const CourantTheme        *theme)
{
  cairo_surface_t *image;

  g_return_if_fail (cr != NULL && scene != NULL && theme != NULL);

  if (scene->n_rows == 0 || scene->n_slots == 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, scene->plot_x, scene->plot_y, scene->plot_width, scene->plot_height);
  cairo_clip (cr);
  paint_no_data (cr, scene, theme);
  if (is_vector (cr))
    fill_cell_rectangles (cr, scene);
  else
    {
      image = create_cell_image (scene);
      cairo_translate (cr, scene->plot_x, scene->plot_y);
      cairo_scale (cr, scene->cell_width, scene->cell_height);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_surface_destroy (image);
    }
  cairo_restore (cr);
}

static void
render_time_axis (cairo_t                   *cr,
                  const CourantHeatmapScene *scene,
                  const CourantTheme        *theme)
{
  double tick = courant_theme_px (theme, TICK_LENGTH);

  for (guint i = 0; i < scene->time_ticks->len; i++)
    {
      const CourantHeatmapTick *t = &g_array_index (scene->time_ticks, CourantHeatmapTick, i);

      courant_rgba_set_source (cr, &theme->axis);
      cairo_rectangle (cr, scene->plot_x - tick, round (t->position) - 0.5, tick, 1);
      cairo_fill (cr);
      courant_rgba_set_source (cr, &theme->muted);
      courant_text_draw (cr, theme, COURANT_TEXT_LABEL, t->label, scene->plot_x - tick - 2, t->position,
                         1.0, 0.5, 0);
    }
}

static void
render_day_axis (cairo_t                   *cr,
                 const CourantHeatmapScene *scene,
                 const CourantTheme        *theme)
{
  double tick = courant_theme_px (theme, TICK_LENGTH);
  double bottom = scene->plot_y + scene->plot_height;

  for (guint i = 0; i < scene->day_ticks->len; i++)
    {
      const CourantHeatmapTick *t = &g_array_index (scene->day_ticks, CourantHeatmapTick, i);
      double x = scene->day_ticks_centred ? t->position + scene->cell_width / 2 : t->position + 2;
      double xalign = scene->day_ticks_centred ? 0.5 : 0.0;

      courant_rgba_set_source (cr, &theme->axis);
      cairo_rectangle (cr, round (t->position) - 0.5, bottom, 1, tick);
      cairo_fill (cr);
      courant_rgba_set_source (cr, &theme->foreground);
      courant_text_draw (cr, theme, COURANT_TEXT_LABEL, t->label, x, scene->day_label_y, xalign, 0.0, 0);
      if (t->context == NULL)
        continue;
      courant_rgba_set_source (cr, &theme->muted);
      courant_text_draw (cr, theme, COURANT_TEXT_CONTEXT, t->context, x, scene->day_context_y, xalign, 0.0, 0);
    }
}

static void
render_legend (cairo_t                   *cr,
               const CourantHeatmapScene *scene,
               const CourantTheme        *theme)
{
  double tick = courant_theme_px (theme, TICK_LENGTH);
  double right = scene->legend_x + scene->legend_width;
  cairo_pattern_t *ramp;

  courant_rgba_set_source (cr, &theme->foreground);
  courant_text_draw (cr, theme, COURANT_TEXT_TITLE, scene->legend_title, scene->legend_title_x,
                     scene->legend_y - courant_theme_px (theme, 4), 0.0, 1.0, 0);
  if (!scene->has_data)
    return;

  /* The highest value at the top, as on a value axis. */
  ramp = cairo_pattern_create_linear (0, scene->legend_y + scene->legend_height, 0, scene->legend_y);
  for (guint i = 0; i <= LEGEND_STOPS; i++)
    {
      double t = (double) i / LEGEND_STOPS;
      CourantRgba colour;

      courant_heatmap_scene_colour (scene, scene->value_min + t * (scene->value_max - scene->value_min), &colour);
      cairo_pattern_add_color_stop_rgb (ramp, t, colour.red, colour.green, colour.blue);
    }
  cairo_set_source (cr, ramp);
  cairo_rectangle (cr, scene->legend_x, scene->legend_y, scene->legend_width, scene->legend_height);
  cairo_fill (cr);
  cairo_pattern_destroy (ramp);

  for (guint i = 0; i < scene->legend_ticks->len; i++)
    {
      const CourantHeatmapTick *t = &g_array_index (scene->legend_ticks, CourantHeatmapTick, i);

      courant_rgba_set_source (cr, &theme->axis);
      cairo_rectangle (cr, right, round (t->position) - 0.5, tick, 1);
      cairo_fill (cr);
      courant_rgba_set_source (cr, &theme->muted);
      courant_text_draw (cr, theme, COURANT_TEXT_LABEL, t->label, right + tick + 2, t->position, 0.0, 0.5, 0);
    }
}

void
courant_heatmap_render (cairo_t                   *cr,
                        const CourantHeatmapScene *scene,
                        const CourantTheme        *theme)
{
  g_return_if_fail (cr != NULL && scene != NULL && theme != NULL);

  if (scene->title != NULL)
    {
      courant_rgba_set_source (cr, &theme->foreground);
      courant_text_draw (cr, theme, COURANT_TEXT_TITLE, scene->title, courant_theme_px (theme, 8),
                         courant_theme_px (theme, 8), 0.0, 0.0, 0);
    }
  courant_heatmap_render_cells (cr, scene, theme);
  render_time_axis (cr, scene, theme);
  render_day_axis (cr, scene, theme);
  render_legend (cr, scene, theme);
  if (!scene->has_data)
    {
      courant_rgba_set_source (cr, &theme->muted);
      courant_text_draw (cr, theme, COURANT_TEXT_TITLE, _("No data"), scene->plot_x + scene->plot_width / 2,
                         scene->plot_y + scene->plot_height / 2, 0.5, 0.5, 0);
    }
}

void
courant_heatmap_render_outline (cairo_t                   *cr,
                                const CourantHeatmapScene *scene,
                                guint                      row,
                                guint                      slot,
                                const CourantTheme        *theme)
{
  double width = courant_theme_px (theme, OUTLINE_WIDTH);
  cairo_rectangle_t rect;

  g_return_if_fail (cr != NULL && scene != NULL && theme != NULL);
  g_return_if_fail (row < scene->n_rows && slot < scene->n_slots);

  courant_heatmap_scene_cell_rect (scene, row, slot, &rect);
  /* Cells may be a pixel wide: the outline stands outside the cell, in the
   * foreground over a background halo so that it shows on any colour. */
  cairo_save (cr);
  cairo_set_line_width (cr, width * 2);
  courant_rgba_set_source (cr, &theme->background);
  cairo_rectangle (cr, rect.x - width, rect.y - width, rect.width + 2 * width, rect.height + 2 * width);
  cairo_stroke (cr);
  cairo_set_line_width (cr, width);
  courant_rgba_set_source (cr, &theme->foreground);
  cairo_rectangle (cr, rect.x - width / 2, rect.y - width / 2, rect.width + width, rect.height + width);
  cairo_stroke (cr);
  cairo_restore (cr);
}
