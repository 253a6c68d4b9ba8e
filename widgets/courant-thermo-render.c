/* courant-thermo-render.c: drawing a thermosensitivity chart with Cairo
 *
 * A year of hours is almost nine thousand points: each season's points are
 * small squares added to one path and filled once, which Cairo does in a
 * few milliseconds, where a stroke or a fill per point would take tens.
 * Points are slightly translucent, so that the dense parts of the cloud
 * read darker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "courant-palette.h"
#include "courant-text.h"
#include "courant-thermo-render.h"

static void
render_legend (cairo_t                  *cr,
               const CourantThermoScene *scene,
               const CourantTheme       *theme)
{
  double swatch = courant_theme_px (theme, 12), pad = courant_theme_px (theme, 8);

  for (guint i = 0; i < scene->legend->len; i++)
    {
      const CourantThermoLegendEntry *entry = &g_array_index (scene->legend, CourantThermoLegendEntry, i);
      CourantRgba colour = courant_thermo_season_colour (entry->season, theme->dark);
      double mid = entry->y + entry->height / 2;

      courant_rgba_set_source (cr, &colour);
      cairo_rectangle (cr, entry->x, mid - swatch / 2, swatch, swatch);
      cairo_fill (cr);
      courant_rgba_set_source (cr, &theme->foreground);
      courant_text_draw (cr, theme, COURANT_TEXT_LABEL, entry->label, entry->x + swatch + pad / 2, mid, 0, 0.5, 0);
    }
}

/* One path per colour: the points of @season (-1: those without one). */
static void
render_points_of (cairo_t                  *cr,
                  const CourantThermoScene *scene,
                  int                       season,
                  const CourantTheme       *theme)
{
  CourantRgba colour = season >= 0 ? courant_thermo_season_colour (season, theme->dark)
                                   : courant_palette_get (theme->dark, 0);
  double r = scene->radius;

  colour.alpha = 0.75;
  courant_rgba_set_source (cr, &colour);
  for (gsize i = 0; i < scene->n_points; i++)
    if (scene->points[i].season == season)
      cairo_rectangle (cr, scene->points[i].x - r, scene->points[i].y - r, 2 * r, 2 * r);
  cairo_fill (cr);
}

static void
render_points (cairo_t                  *cr,
               const CourantThermoScene *scene,
               const CourantTheme       *theme)
{
  cairo_save (cr);
  cairo_rectangle (cr, scene->plot_x, scene->plot_y, scene->plot_width, scene->plot_height);
  cairo_clip (cr);
  render_points_of (cr, scene, -1, theme);
  for (int s = 0; s < COURANT_THERMO_N_SEASONS; s++)
    if (scene->season_counts[s] > 0)
      render_points_of (cr, scene, s, theme);
  cairo_restore (cr);
}

/* The model over the points: a wide halo in the background colour, then
 * the line, so that it stays visible across the densest cloud. */
static void
render_model (cairo_t                  *cr,
              const CourantThermoScene *scene,
              const CourantTheme       *theme)
{
  if (scene->segments->len == 0)
    return;
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < scene->segments->len; i++)
    {
      const CourantThermoSegment *s = &g_array_index (scene->segments, CourantThermoSegment, i);

      if (i == 0)
        cairo_move_to (cr, s->x0, s->y0);
      cairo_line_to (cr, s->x1, s->y1);
    }
  courant_rgba_set_source (cr, &theme->background);
  cairo_set_line_width (cr, courant_theme_px (theme, 5));
  cairo_stroke_preserve (cr);
  courant_rgba_set_source (cr, &theme->foreground);
  cairo_set_line_width (cr, courant_theme_px (theme, 2));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
render_figures (cairo_t                  *cr,
                const CourantThermoScene *scene,
                const CourantTheme       *theme)
{
  double pad = courant_theme_px (theme, 6);
  CourantRgba back = theme->background;

  if (scene->figures == NULL || scene->box_width <= 0)
    return;
  back.alpha = 0.9;
  courant_rgba_set_source (cr, &back);
  cairo_rectangle (cr, scene->box_x, scene->box_y, scene->box_width, scene->box_height);
  cairo_fill_preserve (cr);
  courant_rgba_set_source (cr, &theme->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  courant_rgba_set_source (cr, &theme->foreground);
  for (guint i = 0; i < scene->figures->len; i++)
    courant_text_draw (cr, theme, COURANT_TEXT_LABEL, g_ptr_array_index (scene->figures, i),
                       scene->box_x + pad, scene->box_y + pad + i * scene->line_height, 0, 0, 0);
}

void
courant_thermo_render (cairo_t                  *cr,
                       const CourantThermoScene *scene,
                       const CourantTheme       *theme)
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
  courant_axis_render (cr, scene->y_axis, theme);
  courant_axis_render (cr, scene->x_axis, theme);
  render_points (cr, scene, theme);
  render_model (cr, scene, theme);
  render_figures (cr, scene, theme);
  cairo_restore (cr);
}

void
courant_thermo_render_highlight (cairo_t                  *cr,
                                 const CourantThermoScene *scene,
                                 gsize                     index,
                                 const CourantTheme       *theme)
{
  const CourantThermoPoint *point;
  double r;

  g_return_if_fail (cr != NULL && scene != NULL && theme != NULL);
  g_return_if_fail (index < scene->n_points);

  point = &scene->points[index];
  r = scene->radius + courant_theme_px (theme, 4);
  cairo_save (cr);
  cairo_arc (cr, point->x, point->y, r, 0, 2 * G_PI);
  courant_rgba_set_source (cr, &theme->background);
  cairo_set_line_width (cr, courant_theme_px (theme, 4));
  cairo_stroke_preserve (cr);
  courant_rgba_set_source (cr, &theme->crosshair);
  cairo_set_line_width (cr, courant_theme_px (theme, 2));
  cairo_stroke (cr);
  cairo_restore (cr);
}
