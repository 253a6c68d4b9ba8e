/* test-thermo-render.c: a thermosensitivity chart drawn to images and SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "courant-text.h"
#include "courant-thermo-render.h"

#define DAY (24 * 3600 * 1000LL)

/* 2025-01-01T00:00:00+01:00 */
static const gint64 jan_2025 = 1735686000000LL;
static PangoContext *context;

/* Six winter days on the heating slope (50 + 10 per °C below 15 °C) and
 * six summer days on the baseload. */
static const double temperatures[12] = { -2, 0, 2, 4, 6, 8, 18, 20, 22, 24, 26, 28 };
static double values[12];
static gint64 times[12];

static void
fill_days (void)
{
  for (guint i = 0; i < 12; i++)
    {
      values[i] = 50 + 10 * MAX (0, 15 - temperatures[i]);
      /* January days, then July days. */
      times[i] = jan_2025 + (i < 6 ? i : 181 + i) * DAY;
    }
}

static CourantThermoScene *
make_scene (CourantThermo      *model,
            const CourantTheme *theme)
{
  CourantThermoOptions options = { 0 };

  options.temperatures = temperatures;
  options.values = values;
  options.times = times;
  options.n = 12;
  options.model = model;
  options.unit = "kWh";
  options.width = 600;
  options.height = 400;
  return courant_thermo_scene_new (&options, context, theme);
}

static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          double           rgb[3])
{
  guint32 *data = (guint32 *) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  guint32 p = data[(int) floor (y) * stride + (int) floor (x)];

  rgb[0] = (p >> 16 & 0xff) / 255.0;
  rgb[1] = (p >> 8 & 0xff) / 255.0;
  rgb[2] = (p & 0xff) / 255.0;
}

static cairo_surface_t *
draw (const CourantThermoScene *scene,
      const CourantTheme       *theme)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
  cairo_t *cr = cairo_create (surface);

  courant_rgba_set_source (cr, &theme->background);
  cairo_paint (cr);
  courant_thermo_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
near_colour (const double       rgb[3],
             const CourantRgba *colour,
             double             tolerance)
{
  return fabs (rgb[0] - colour->red) <= tolerance && fabs (rgb[1] - colour->green) <= tolerance &&
         fabs (rgb[2] - colour->blue) <= tolerance;
}

/* A winter point is painted in the winter colour (over the background, as
 * points are slightly translucent), a summer one in the summer colour, and
 * the plot's empty parts are background. */
static void
test_points (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantThermoScene) scene = make_scene (NULL, theme);
  cairo_surface_t *surface = draw (scene, theme);
  CourantRgba winter = courant_thermo_season_colour (COURANT_THERMO_WINTER, FALSE);
  CourantRgba summer = courant_thermo_season_colour (COURANT_THERMO_SUMMER, FALSE);
  CourantRgba blend;
  double rgb[3];

  /* 75 % of the colour over white. */
  blend.red = 0.75 * winter.red + 0.25;
  blend.green = 0.75 * winter.green + 0.25;
  blend.blue = 0.75 * winter.blue + 0.25;
  pixel_at (surface, scene->points[0].x, scene->points[0].y, rgb);
  g_assert_true (near_colour (rgb, &blend, 0.03));

  blend.red = 0.75 * summer.red + 0.25;
  blend.green = 0.75 * summer.green + 0.25;
  blend.blue = 0.75 * summer.blue + 0.25;
  pixel_at (surface, scene->points[9].x, scene->points[9].y, rgb);
  g_assert_true (near_colour (rgb, &blend, 0.03));

  /* Between two points, halfway up the plot: nothing. */
  pixel_at (surface, (scene->points[6].x + scene->points[7].x) / 2,
            scene->plot_y + scene->plot_height / 3, rgb);
  g_assert_true (near_colour (rgb, &theme->background, 0.1));
  cairo_surface_destroy (surface);
}

/* The model's line passes through the baseload at the warm end and up the
 * slope at the cold end, drawn in the foreground colour. */
static void
test_model_line (void)
{
  const CourantTheme *theme = courant_theme_get_dark ();
  g_autoptr(CourantThermo) model = courant_thermo_fit (temperatures, values, 12, FALSE);
  g_autoptr(CourantThermoScene) scene = NULL;
  cairo_surface_t *surface;
  double rgb[3], x, y;

  g_assert_cmpfloat_with_epsilon (model->base_temperature, 15, 0.051);
  scene = make_scene (model, theme);
  surface = draw (scene, theme);

  /* Halfway between two summer points on the flat part, away from them. */
  x = courant_linear_scale_map (&scene->x_scale, 17);
  y = courant_linear_scale_map (&scene->y_scale, model->baseload);
  pixel_at (surface, x, y, rgb);
  g_assert_true (near_colour (rgb, &theme->foreground, 0.15));
  /* On the slope, at 5 °C. */
  x = courant_linear_scale_map (&scene->x_scale, 5);
  y = courant_linear_scale_map (&scene->y_scale, model->baseload + model->slope * (model->base_temperature - 5));
  pixel_at (surface, x, y, rgb);
  g_assert_true (near_colour (rgb, &theme->foreground, 0.15));
  /* Well below the flat part there is no line. */
  pixel_at (surface, courant_linear_scale_map (&scene->x_scale, 17),
            courant_linear_scale_map (&scene->y_scale, model->baseload / 2), rgb);
  g_assert_false (near_colour (rgb, &theme->foreground, 0.3));
  cairo_surface_destroy (surface);
}

/* A highlighted point gets a ring in the crosshair colour. */
static void
test_highlight (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantThermoScene) scene = make_scene (NULL, theme);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
  cairo_t *cr = cairo_create (surface);
  double rgb[3], r = scene->radius + courant_theme_px (theme, 4);

  courant_rgba_set_source (cr, &theme->background);
  cairo_paint (cr);
  courant_thermo_render_highlight (cr, scene, 3, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel_at (surface, scene->points[3].x + r, scene->points[3].y, rgb);
  g_assert_true (near_colour (rgb, &theme->crosshair, 0.2));
  cairo_surface_destroy (surface);
}

/* The SVG holds the chart as vectors: the figures and season names as
 * glyphs, and the points as rectangles. */
static void
test_svg (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantThermo) model = courant_thermo_fit (temperatures, values, 12, FALSE);
  g_autoptr(CourantThermoScene) scene = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "test-thermo-render.svg", NULL);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  scene = make_scene (model, theme);
  surface = cairo_svg_surface_create (path, scene->width, scene->height);
  cr = cairo_create (surface);
  courant_thermo_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, "<path"));
  /* No image: the points are drawn as vectors. */
  g_assert_null (strstr (text, "<image"));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  context = courant_text_create_context ();
  fill_days ();

  g_test_add_func ("/thermo-render/points", test_points);
  g_test_add_func ("/thermo-render/model-line", test_model_line);
  g_test_add_func ("/thermo-render/highlight", test_highlight);
  g_test_add_func ("/thermo-render/svg", test_svg);
  return g_test_run ();
}
