/* test-heatmap-render.c: drawing a heatmap to image and SVG surfaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "courant-heatmap-render.h"
#include "courant-text.h"

static PangoContext *context;

/* A year of half-hours (2025), one cell per reading, the value a smooth
 * function of the day and the slot; the first ten days of March are
 * missing. */
static CourantHeatmap *
make_year (void)
{
  CourantHeatmap *heatmap = g_new0 (CourantHeatmap, 1);
  gsize n = 365 * 48;

  heatmap->slot_minutes = 30;
  heatmap->agg = COURANT_AGG_MEAN;
  heatmap->n_slots = 48;
  heatmap->n_rows = 365;
  heatmap->first_day = 20089;   /* 2025-01-01 */
  heatmap->values = g_new (double, n);
  heatmap->counts = g_new (guint32, n);
  for (guint r = 0; r < 365; r++)
    for (guint s = 0; s < 48; s++)
      {
        gboolean missing = r >= 59 && r < 69;
        gsize c = (gsize) r * 48 + s;

        heatmap->values[c] = missing ? NAN : 10 + 5 * sin (r / 58.0) + 3 * cos (s / 7.6);
        heatmap->counts[c] = missing ? 0 : 1;
      }
  return heatmap;
}

static CourantHeatmapScene *
make_scene (const CourantHeatmap *heatmap,
            double                width,
            double                height,
            const CourantTheme   *theme)
{
  CourantHeatmapOptions options = { width, height, "Load", "kWh" };

  return courant_heatmap_scene_new (heatmap, &options, context, theme);
}

static cairo_surface_t *
draw (const CourantHeatmapScene *scene,
      const CourantTheme        *theme)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) scene->width,
                                                         (int) scene->height);
  cairo_t *cr = cairo_create (surface);

  courant_rgba_set_source (cr, &theme->background);
  cairo_paint (cr);
  courant_heatmap_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       int              rgb[3])
{
  const guint32 *line = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                           y * cairo_image_surface_get_stride (surface));
  guint32 p = line[x];

  rgb[0] = p >> 16 & 0xff;
  rgb[1] = p >> 8 & 0xff;
  rgb[2] = p & 0xff;
}

static void
assert_colour (cairo_surface_t   *surface,
               int                x,
               int                y,
               const CourantRgba *expected)
{
  int rgb[3];

  pixel (surface, x, y, rgb);
  g_assert_cmpint (abs (rgb[0] - (int) lround (expected->red * 255)), <=, 1);
  g_assert_cmpint (abs (rgb[1] - (int) lround (expected->green * 255)), <=, 1);
  g_assert_cmpint (abs (rgb[2] - (int) lround (expected->blue * 255)), <=, 1);
}

/* The middle of a cell has the colour of its value, on both themes. */
static void
test_cell_colours (void)
{
  g_autoptr(CourantHeatmap) heatmap = make_year ();

  for (guint dark = 0; dark < 2; dark++)
    {
      const CourantTheme *theme = courant_theme_get (dark);
      g_autoptr(CourantHeatmapScene) scene = make_scene (heatmap, 1600, 700, theme);
      cairo_surface_t *surface = draw (scene, theme);
      static const guint cells[][2] = { { 0, 0 }, { 100, 16 }, { 200, 47 }, { 364, 30 } };

      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        {
          cairo_rectangle_t rect;
          CourantRgba expected;

          courant_heatmap_scene_cell_rect (scene, cells[i][0], cells[i][1], &rect);
          g_assert_true (courant_heatmap_scene_colour (scene, heatmap->values[cells[i][0] * 48 + cells[i][1]],
                                                       &expected));
          assert_colour (surface, (int) (rect.x + rect.width / 2), (int) (rect.y + rect.height / 2), &expected);
        }
      cairo_surface_destroy (surface);
    }
}

static gboolean
near_ramp (const CourantHeatmapScene *scene,
           const int                  rgb[3])
{
  for (guint i = 0; i <= 256; i++)
    {
      CourantRgba c;

      courant_heatmap_scene_colour (scene, scene->value_min + (scene->value_max - scene->value_min) * i / 256.0, &c);
      if (abs (rgb[0] - (int) lround (c.red * 255)) <= 2 && abs (rgb[1] - (int) lround (c.green * 255)) <= 2 &&
          abs (rgb[2] - (int) lround (c.blue * 255)) <= 2)
        return TRUE;
    }
  return FALSE;
}

/* The missing days show the hatch over the background, never a colour of
 * the scale (and so never the colour of zero or of the lowest value). */
static void
test_missing_hatched (void)
{
  g_autoptr(CourantHeatmap) heatmap = make_year ();
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantHeatmapScene) scene = make_scene (heatmap, 1600, 700, theme);
  cairo_surface_t *surface = draw (scene, theme);
  cairo_rectangle_t first, last;
  int background[3] = { (int) lround (theme->background.red * 255), (int) lround (theme->background.green * 255),
                        (int) lround (theme->background.blue * 255) };
  guint hatched = 0, plain = 0;

  courant_heatmap_scene_cell_rect (scene, 59, 0, &first);
  courant_heatmap_scene_cell_rect (scene, 68, 47, &last);
  for (int y = (int) ceil (first.y) + 1; y < (int) (last.y + last.height) - 1; y++)
    for (int x = (int) ceil (first.x) + 1; x < (int) (last.x + last.width) - 1; x++)
      {
        int rgb[3];

        pixel (surface, x, y, rgb);
        g_assert_false (near_ramp (scene, rgb));
        if (memcmp (rgb, background, sizeof rgb) == 0)
          plain++;
        else
          hatched++;
      }
  g_assert_cmpuint (hatched, >, 0);
  g_assert_cmpuint (plain, >, 0);
  cairo_surface_destroy (surface);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* In SVG the cells are rectangles, not an image that a viewer would blur. */
static void
test_svg (void)
{
  g_autoptr(CourantHeatmap) heatmap = make_year ();
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantHeatmapScene) scene = make_scene (heatmap, 1200, 500, theme);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_cb, bytes, 1200, 500);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *text = NULL;
  guint rects = 0;

  courant_heatmap_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = g_strndup ((const char *) bytes->data, bytes->len);
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_null (strstr (text, "<image"));
  for (const char *p = strstr (text, "fill-rule"); p != NULL; p = strstr (p + 1, "fill-rule"))
    rects++;
  /* At least a run of cells per day drawn. */
  g_assert_cmpuint (rects, >, 355);
}

/* A year of half-hours at 1600 px, as the image of cells: the figure is in
 * the test's log. */
static void
test_timing (void)
{
  g_autoptr(CourantHeatmap) heatmap = make_year ();
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantHeatmapScene) scene = make_scene (heatmap, 1600, 700, theme);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 700);
  double times[9];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();

      courant_heatmap_render_cells (cr, scene, theme);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cairo_destroy (cr);
    }
  for (guint i = 1; i < G_N_ELEMENTS (times); i++)
    for (guint j = i; j > 0 && times[j] < times[j - 1]; j--)
      {
        double t = times[j];

        times[j] = times[j - 1];
        times[j - 1] = t;
      }
  g_test_message ("17,520 cells at 1600 × 700 px: median %.2f ms, min %.2f ms", times[4], times[0]);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  context = courant_text_create_context ();

  g_test_add_func ("/heatmap-render/cell-colours", test_cell_colours);
  g_test_add_func ("/heatmap-render/missing-hatched", test_missing_hatched);
  g_test_add_func ("/heatmap-render/svg", test_svg);
  g_test_add_func ("/heatmap-render/timing", test_timing);

  status = g_test_run ();
  g_object_unref (context);
  return status;
}
