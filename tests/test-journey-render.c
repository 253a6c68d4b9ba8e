/* test-journey-render.c: one customer's journey drawn to images and SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "courant-journey-render.h"
#include "courant-text.h"

#define HOUR (3600 * 1000LL)
#define DAY  (24 * HOUR)

/* 2025-01-01T00:00:00+01:00 */
static const gint64 jan_2025 = 1735686000000LL;
static PangoContext *context;

static GPtrArray *
strv_array (const char *const *names)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (names[i]));
  return array;
}

/* Eight events two days apart, one of each shape, over three channels;
 * with @sites a constant consumption of 100 kWh over the 18 days. */
static CourantJourney *
make_journey (gboolean sites)
{
  static const char *events[] = { "a", "b", "c", "d", "e", "f", "g", "h", NULL };
  static const char *channels[] = { "app", "shop", "web", NULL };
  CourantJourney *journey = g_new0 (CourantJourney, 1);

  journey->entity = g_strdup ("1");
  journey->attribute_names = g_ptr_array_new_with_free_func (g_free);
  journey->attribute_values = g_ptr_array_new_with_free_func (g_free);
  journey->event_names = strv_array (events);
  journey->channel_names = strv_array (channels);
  journey->sites = g_ptr_array_new_with_free_func (g_free);
  journey->n_events = 8;
  journey->times = g_new (gint64, 8);
  journey->events = g_new (guint16, 8);
  journey->channels = g_new (guint16, 8);
  for (guint i = 0; i < 8; i++)
    {
      journey->times[i] = jan_2025 + (2 * i + 1) * DAY;
      journey->events[i] = i;
      journey->channels[i] = i % 3;
    }
  if (sites)
    {
      CourantJourneySeries *series = g_new0 (CourantJourneySeries, 1);

      series->name = g_strdup ("kwh");
      series->n = 18 * 24;
      series->times = g_new (gint64, series->n);
      series->values = g_new (double, series->n);
      for (gsize h = 0; h < series->n; h++)
        {
          series->times[h] = jan_2025 + h * HOUR;
          series->values[h] = 100;
        }
      series->lod = courant_lod_new (series->values, series->n);
      journey->consumption = series;
    }
  return journey;
}

static CourantJourneyScene *
make_scene (const CourantJourney *journey,
            const CourantTheme   *theme)
{
  CourantJourneyOptions options = { 0 };

  options.t0 = jan_2025;
  options.t1 = jan_2025 + 18 * DAY;
  options.width = 700;
  options.height = 400;
  return courant_journey_scene_new (journey, &options, context, theme);
}

static cairo_surface_t *
draw (const CourantJourneyScene *scene,
      const CourantTheme        *theme,
      int                        focus)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, scene->width, scene->height);
  cairo_t *cr = cairo_create (surface);

  courant_rgba_set_source (cr, &theme->background);
  cairo_paint (cr);
  courant_journey_render (cr, scene, theme);
  if (focus >= 0)
    courant_journey_render_focus (cr, scene, focus, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
pixel_is (cairo_surface_t   *surface,
          double             x,
          double             y,
          const CourantRgba *rgba)
{
  guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                                (int) y * cairo_image_surface_get_stride (surface) + (int) x * 4);
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) round (rgba->red * 255)) <= 3 && abs (g - (int) round (rgba->green * 255)) <= 3 &&
         abs (b - (int) round (rgba->blue * 255)) <= 3;
}

/* Every mark is filled with its kind's colour where it must be, and the
 * lane between marks is empty. */
static void
check_marks (const CourantTheme *theme)
{
  g_autoptr(CourantJourney) journey = make_journey (FALSE);
  g_autoptr(CourantJourneyScene) scene = make_scene (journey, theme);
  cairo_surface_t *surface = draw (scene, theme, -1);

  g_assert_cmpuint (scene->marks->len, ==, 8);
  for (guint i = 0; i < scene->marks->len; i++)
    {
      const CourantJourneyMark *mark = &g_array_index (scene->marks, CourantJourneyMark, i);
      const CourantJourneyKind *kind = &g_array_index (scene->kinds, CourantJourneyKind, mark->kind);

      g_assert_true (pixel_is (surface, mark->x, mark->y, &kind->colour));
      /* Half a day later, in the same lane, there is no mark. */
      g_assert_false (pixel_is (surface, courant_journey_scene_time_to_x (scene, journey->times[i] + DAY / 2),
                                mark->y, &kind->colour));
    }
  /* Lane 1 is not tinted: its background shows between marks. */
  g_assert_true (pixel_is (surface, courant_journey_scene_time_to_x (scene, jan_2025 + DAY / 2),
                           g_array_index (scene->lanes, CourantJourneyLane, 1).y + 3, &theme->background));
  cairo_surface_destroy (surface);
}

static void
test_light (void)
{
  check_marks (courant_theme_get_light ());
}

static void
test_dark (void)
{
  check_marks (courant_theme_get_dark ());
}

/* The focus ring surrounds the mark and the tooltip sits over it. */
static void
test_focus (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantJourney) journey = make_journey (FALSE);
  g_autoptr(CourantJourneyScene) scene = make_scene (journey, theme);
  const CourantJourneyMark *mark = &g_array_index (scene->marks, CourantJourneyMark, 4);
  cairo_surface_t *plain = draw (scene, theme, -1);
  cairo_surface_t *focused = draw (scene, theme, 4);
  double ring = scene->mark_radius + courant_theme_px (theme, 4);
  guint changed_above = 0;

  /* The 2 px ring covers this pixel whole. */
  g_assert_false (pixel_is (plain, ceil (mark->x + ring - 1), mark->y, &theme->foreground));
  g_assert_true (pixel_is (focused, ceil (mark->x + ring - 1), mark->y, &theme->foreground));
  /* The tooltip: pixels above the ring differ, around the mark. */
  for (int y = 0; y < mark->y - ring; y++)
    for (int x = MAX (0, mark->x - 40); x < MIN (scene->width, mark->x + 40); x++)
      {
        guint32 a = *(guint32 *) (cairo_image_surface_get_data (plain) + y * cairo_image_surface_get_stride (plain) + x * 4);
        guint32 b = *(guint32 *) (cairo_image_surface_get_data (focused) + y * cairo_image_surface_get_stride (focused) + x * 4);

        changed_above += a != b;
      }
  g_assert_cmpuint (changed_above, >, 100);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (focused);
}

/* The consumption under the lanes is drawn in its colour at 100 kWh. */
static void
test_curve (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantJourney) journey = make_journey (TRUE);
  g_autoptr(CourantJourneyScene) scene = make_scene (journey, theme);
  cairo_surface_t *surface = draw (scene, theme, -1);
  const CourantTimelineSeries *series;
  double x, y;

  g_assert_nonnull (scene->curve);
  series = g_ptr_array_index (scene->curve->series, 0);
  x = courant_journey_scene_time_to_x (scene, jan_2025 + 9 * DAY);
  y = scene->curve_y + courant_timeline_scene_value_to_y (scene->curve, 0, 100);
  g_assert_cmpfloat (y, >, scene->lanes_y + scene->lanes_height);
  g_assert_true (pixel_is (surface, x, y, &series->colour));
  cairo_surface_destroy (surface);
}

static void
test_svg (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantJourney) journey = make_journey (TRUE);
  g_autoptr(CourantJourneyScene) scene = make_scene (journey, theme);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "test-journey-render.svg", NULL);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint paths = 0;

  surface = cairo_svg_surface_create (path, scene->width, scene->height);
  cr = cairo_create (surface);
  courant_journey_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  for (const char *p = text; (p = strstr (p, "<path")) != NULL; p++)
    paths++;
  /* A path per mark and per legend swatch at least. */
  g_assert_cmpuint (paths, >=, 2 * scene->marks->len);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  context = courant_text_create_context ();

  g_test_add_func ("/journey-render/light", test_light);
  g_test_add_func ("/journey-render/dark", test_dark);
  g_test_add_func ("/journey-render/focus", test_focus);
  g_test_add_func ("/journey-render/curve", test_curve);
  g_test_add_func ("/journey-render/svg", test_svg);

  status = g_test_run ();
  g_object_unref (context);
  return status;
}
