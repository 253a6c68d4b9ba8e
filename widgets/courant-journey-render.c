/* courant-journey-render.c: drawing one customer's journey with Cairo
 *
 * Marks are filled shapes with a thin outline in the background colour, so
 * that events a few minutes apart stay apart where they overlap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "courant-journey-render.h"
#include "courant-text.h"
#include "courant-timeline-render.h"

static void
polygon (cairo_t       *cr,
         double         x,
         double         y,
         double         radius,
         guint          n,
         double         start)
{
  for (guint i = 0; i < n; i++)
    {
      double angle = start + 2 * G_PI * i / n;

      if (i == 0)
        cairo_move_to (cr, x + radius * cos (angle), y + radius * sin (angle));
      else
        cairo_line_to (cr, x + radius * cos (angle), y + radius * sin (angle));
    }
  cairo_close_path (cr);
}

static void
star (cairo_t *cr,
      double   x,
      double   y,
      double   radius)
{
  for (guint i = 0; i < 10; i++)
    {
      double angle = -G_PI / 2 + G_PI * i / 5, r = i % 2 == 0 ? radius * 1.2 : radius * 0.5;

      if (i == 0)
        cairo_move_to (cr, x + r * cos (angle), y + r * sin (angle));
      else
        cairo_line_to (cr, x + r * cos (angle), y + r * sin (angle));
    }
  cairo_close_path (cr);
}

/* A plus sign with thick arms, as one closed outline so that it fills. */
static void
cross (cairo_t *cr,
       double   x,
       double   y,
       double   radius)
{
  double a = radius, b = radius * 0.38;

  cairo_move_to (cr, x - b, y - a);
  cairo_line_to (cr, x + b, y - a);
  cairo_line_to (cr, x + b, y - b);
  cairo_line_to (cr, x + a, y - b);
  cairo_line_to (cr, x + a, y + b);
  cairo_line_to (cr, x + b, y + b);
  cairo_line_to (cr, x + b, y + a);
  cairo_line_to (cr, x - b, y + a);
  cairo_line_to (cr, x - b, y + b);
  cairo_line_to (cr, x - a, y + b);
  cairo_line_to (cr, x - a, y - b);
  cairo_line_to (cr, x - b, y - b);
  cairo_close_path (cr);
}

void
courant_journey_render_shape (cairo_t             *cr,
                              CourantJourneyShape  shape,
                              double               x,
                              double               y,
                              double               radius)
{
  g_return_if_fail (cr != NULL);

  cairo_new_sub_path (cr);
  switch (shape)
    {
    case COURANT_JOURNEY_SHAPE_SQUARE:
      cairo_rectangle (cr, x - radius * 0.85, y - radius * 0.85, radius * 1.7, radius * 1.7);
      break;
    case COURANT_JOURNEY_SHAPE_DIAMOND:
      polygon (cr, x, y, radius * 1.2, 4, -G_PI / 2);
      break;
    case COURANT_JOURNEY_SHAPE_TRIANGLE_UP:
      polygon (cr, x, y + radius * 0.15, radius * 1.2, 3, -G_PI / 2);
      break;
    case COURANT_JOURNEY_SHAPE_TRIANGLE_DOWN:
      polygon (cr, x, y - radius * 0.15, radius * 1.2, 3, G_PI / 2);
      break;
    case COURANT_JOURNEY_SHAPE_CROSS:
      cross (cr, x, y, radius * 1.1);
      break;
    case COURANT_JOURNEY_SHAPE_STAR:
      star (cr, x, y, radius);
      break;
    case COURANT_JOURNEY_SHAPE_HEXAGON:
      polygon (cr, x, y, radius * 1.05, 6, 0);
      break;
    case COURANT_JOURNEY_SHAPE_CIRCLE:
    default:
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      break;
    }
}

static void
draw_mark (cairo_t                  *cr,
           const CourantJourneyKind *kind,
           double                    x,
           double                    y,
           double                    radius,
           const CourantTheme       *theme)
{
  courant_journey_render_shape (cr, kind->shape, x, y, radius);
  courant_rgba_set_source (cr, &kind->colour);
  cairo_fill_preserve (cr);
  courant_rgba_set_source (cr, &theme->background);
  cairo_set_line_width (cr, courant_theme_px (theme, 1));
  cairo_stroke (cr);
}

static void
draw_legend (cairo_t                   *cr,
             const CourantJourneyScene *scene,
             const CourantTheme        *theme)
{
  double swatch = 2 * scene->mark_radius + courant_theme_px (theme, 4);

  for (guint i = 0; i < scene->kinds->len; i++)
    {
      const CourantJourneyKind *kind = &g_array_index (scene->kinds, CourantJourneyKind, i);
      double y = kind->y + kind->height / 2;

      draw_mark (cr, kind, kind->x + scene->mark_radius + 1, y, scene->mark_radius, theme);
      courant_rgba_set_source (cr, &theme->foreground);
      courant_text_draw (cr, theme, COURANT_TEXT_LABEL, kind->label, kind->x + swatch, y, 0, 0.5, 0);
    }
}

/* Alternate lanes are tinted, and each is named on the left. */
static void
draw_lanes (cairo_t                   *cr,
            const CourantJourneyScene *scene,
            const CourantTheme        *theme)
{
  double pad = courant_theme_px (theme, 8);
  g_autoptr(GArray) grid = courant_journey_scene_get_grid (scene);

  for (guint i = 0; i < scene->lanes->len; i++)
    {
      const CourantJourneyLane *lane = &g_array_index (scene->lanes, CourantJourneyLane, i);
      CourantRgba tint = theme->grid;

      if (i % 2 == 0)
        {
          tint.alpha *= 0.35;
          courant_rgba_set_source (cr, &tint);
          cairo_rectangle (cr, scene->plot_x, lane->y, scene->plot_width, lane->height);
          cairo_fill (cr);
        }
      courant_rgba_set_source (cr, &theme->muted);
      courant_text_draw (cr, theme, COURANT_TEXT_LABEL, lane->label, scene->plot_x - pad,
                         lane->y + lane->height / 2, 1, 0.5, 0);
    }

  courant_rgba_set_source (cr, &theme->grid);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < grid->len; i++)
    {
      double x = round (g_array_index (grid, double, i)) + 0.5;

      cairo_move_to (cr, x, scene->lanes_y);
      cairo_line_to (cr, x, scene->lanes_y + scene->lanes_height);
    }
  cairo_rectangle (cr, scene->plot_x + 0.5, scene->lanes_y + 0.5, scene->plot_width - 1,
                   scene->lanes_height - 1);
  cairo_stroke (cr);
}

static void
draw_marks (cairo_t                   *cr,
            const CourantJourneyScene *scene,
            const CourantTheme        *theme)
{
  cairo_save (cr);
  cairo_rectangle (cr, scene->plot_x - scene->mark_radius, scene->lanes_y,
                   scene->plot_width + 2 * scene->mark_radius, scene->lanes_height);
  cairo_clip (cr);
  for (guint i = 0; i < scene->marks->len; i++)
    {
      const CourantJourneyMark *mark = &g_array_index (scene->marks, CourantJourneyMark, i);

      draw_mark (cr, &g_array_index (scene->kinds, CourantJourneyKind, mark->kind), mark->x, mark->y,
                 scene->mark_radius, theme);
    }
  cairo_restore (cr);
}

void
courant_journey_render (cairo_t                   *cr,
                        const CourantJourneyScene *scene,
                        const CourantTheme        *theme)
{
  g_return_if_fail (cr != NULL && scene != NULL && theme != NULL);

  cairo_save (cr);
  draw_legend (cr, scene, theme);
  draw_lanes (cr, scene, theme);
  if (scene->curve != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, scene->curve_x, scene->curve_y);
      courant_timeline_render (cr, scene->curve, theme);
      cairo_restore (cr);
    }
  else if (scene->time_axis != NULL)
    courant_axis_render (cr, scene->time_axis, theme);
  draw_marks (cr, scene, theme);
  cairo_restore (cr);
}

void
courant_journey_render_focus (cairo_t                   *cr,
                              const CourantJourneyScene *scene,
                              guint                      index,
                              const CourantTheme        *theme)
{
  const CourantJourneyMark *mark;
  g_autofree char *text = NULL;
  PangoContext *context;
  double pad = courant_theme_px (theme, 6), width, height, x, y;

  g_return_if_fail (cr != NULL && scene != NULL && theme != NULL);
  g_return_if_fail (index < scene->marks->len);

  mark = &g_array_index (scene->marks, CourantJourneyMark, index);
  cairo_save (cr);
  courant_rgba_set_source (cr, &theme->foreground);
  cairo_set_line_width (cr, courant_theme_px (theme, 2));
  cairo_arc (cr, mark->x, mark->y, scene->mark_radius + courant_theme_px (theme, 4), 0, 2 * G_PI);
  cairo_stroke (cr);

  /* A rule down through the curves: what the meters said at that time. */
  if (scene->curve != NULL)
    {
      double dash = courant_theme_px (theme, 3);

      courant_rgba_set_source (cr, &theme->crosshair);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, &dash, 1, 0);
      cairo_move_to (cr, round (mark->x) + 0.5, mark->y + scene->mark_radius + courant_theme_px (theme, 4));
      cairo_line_to (cr, round (mark->x) + 0.5, scene->curve_y + scene->curve->plot_y + scene->curve->plot_height);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  text = courant_journey_scene_dup_event_text (scene, mark->event);
  context = courant_text_create_context ();
  courant_text_measure (context, theme, COURANT_TEXT_LABEL, text, &width, &height);
  g_object_unref (context);
  width += 2 * pad;
  height += 2 * pad;
  x = CLAMP (mark->x - width / 2, 0, MAX (0, scene->width - width));
  y = mark->y - scene->mark_radius - pad - height;
  if (y < 0)
    y = mark->y + scene->mark_radius + pad;
  courant_rgba_set_source (cr, &theme->background);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill_preserve (cr);
  courant_rgba_set_source (cr, &theme->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  courant_rgba_set_source (cr, &theme->foreground);
  courant_text_draw (cr, theme, COURANT_TEXT_LABEL, text, x + pad, y + pad, 0, 0, 0);
  cairo_restore (cr);
}
