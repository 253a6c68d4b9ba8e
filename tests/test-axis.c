/* test-axis.c: axis scenes and their rendering on image and SVG surfaces
 *
 * Pixels are read back from ARGB32 surfaces: the axis line and the tick
 * marks must be exactly the theme's axis colour where the scale puts
 * them, and the background must be untouched elsewhere. The SVG output
 * is checked for its size and for drawn text and lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-svg.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "courant-axis.h"
#include "courant-text.h"

#define WIDTH    480
#define HEIGHT   260
#define SENTINEL 0xff00ff   /* magenta: a colour no theme uses */

static PangoContext *context;

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int column = (int) floor (x);
  int row = (int) floor (y);

  g_assert_cmpint (column, >=, 0);
  g_assert_cmpint (column, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (row, <, cairo_image_surface_get_height (surface));

  /* Opaque pixels: premultiplied and straight are the same. */
  return *(guint32 *) (data + row * stride + column * 4) & 0xffffff;
}

static guint32
to_pixel (const CourantRgba *rgba)
{
  return (guint32) lround (rgba->red * 255) << 16 | (guint32) lround (rgba->green * 255) << 8 |
         (guint32) lround (rgba->blue * 255);
}

static cairo_surface_t *
render_to_image (const CourantAxis  *axis,
                 const CourantTheme *theme)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  courant_axis_render (cr, axis, theme);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Whether any pixel in the rectangle differs from the sentinel. */
static gboolean
has_ink (cairo_surface_t *surface,
         double           x0,
         double           y0,
         double           x1,
         double           y1)
{
  for (double y = MAX (0, y0); y < MIN (HEIGHT, y1); y++)
    for (double x = MAX (0, x0); x < MIN (WIDTH, x1); x++)
      {
        if (pixel_at (surface, x, y) != SENTINEL)
          return TRUE;
      }

  return FALSE;
}

static void
test_bottom_pixels (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  CourantLinearScale scale;
  g_autoptr(CourantAxis) axis = NULL;
  cairo_surface_t *surface;
  guint32 axis_pixel = to_pixel (&theme->axis);
  double tick_length = courant_axis_get_tick_length (theme);

  courant_linear_scale_init (&scale, 0, 100, 40, 440);
  axis = courant_axis_new_linear (COURANT_AXIS_BOTTOM, &scale, 200, NULL, "Consumption (kWh)",
                                  context, theme);
  axis->grid_length = 150;
  surface = render_to_image (axis, theme);

  /* The line: row 200, from x = 40 to 440. */
  for (double x = 40; x < 440; x += 13)
    g_assert_cmphex (pixel_at (surface, x, 200), ==, axis_pixel);
  g_assert_cmphex (pixel_at (surface, 38, 200), ==, SENTINEL);
  g_assert_cmphex (pixel_at (surface, 442, 200), ==, SENTINEL);

  /* The ticks: where the scale maps each value, below the line; the
   * grid: above it, in the grid colour, and zero in the axis colour.
   */
  g_assert_cmpuint (axis->ticks->len, ==, 6);
  for (guint i = 0; i < axis->ticks->len; i++)
    {
      CourantAxisTick *tick = &g_array_index (axis->ticks, CourantAxisTick, i);
      /* Every 20 units, 4 px per unit from x = 40. */
      double x = 40 + 80.0 * i;

      g_assert_cmpfloat_with_epsilon (tick->position, x, 1e-9);
      g_assert_cmphex (pixel_at (surface, x, 200 + tick_length - 1), ==, axis_pixel);
      g_assert_cmphex (pixel_at (surface, x, 120), ==,
                       tick->major ? axis_pixel : to_pixel (&theme->grid));
      /* Nothing right beside the tick mark. */
      g_assert_cmphex (pixel_at (surface, x + 3, 200 + tick_length - 1), ==, SENTINEL);
      /* A label below every visible tick label. */
      if (tick->label_visible)
        g_assert_true (has_ink (surface, x - tick->label_width / 2, 200 + tick_length,
                                x + tick->label_width / 2,
                                200 + courant_axis_get_thickness (axis, theme)));
    }

  /* Background untouched far away: above the grid, and past the axis. */
  g_assert_false (has_ink (surface, 0, 0, WIDTH, 49));
  g_assert_false (has_ink (surface, 0, 201 + courant_axis_get_thickness (axis, theme) + 2,
                           WIDTH, HEIGHT));

  cairo_surface_destroy (surface);
}

static void
test_left_pixels (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  CourantLinearScale scale;
  g_autoptr(CourantAxis) axis = NULL;
  cairo_surface_t *surface;
  guint32 axis_pixel = to_pixel (&theme->axis);
  double thickness;

  /* Value 0 at the bottom (y = 240), 800 at the top (y = 20). */
  courant_linear_scale_init (&scale, 0, 800, 240, 20);
  axis = courant_axis_new_linear (COURANT_AXIS_LEFT, &scale, 100, "MW", "Load", context, theme);
  surface = render_to_image (axis, theme);
  thickness = courant_axis_get_thickness (axis, theme);

  for (double y = 20; y < 240; y += 11)
    g_assert_cmphex (pixel_at (surface, 100, y), ==, axis_pixel);

  for (guint i = 0; i < axis->ticks->len; i++)
    {
      CourantAxisTick *tick = &g_array_index (axis->ticks, CourantAxisTick, i);

      /* Ticks point left, away from the plot. */
      g_assert_cmphex (pixel_at (surface, 98, tick->position), ==, axis_pixel);
      g_assert_cmphex (pixel_at (surface, 102, tick->position), ==, SENTINEL);
      g_assert_nonnull (strstr (tick->label, "MW"));
    }
  g_assert_cmpfloat (g_array_index (axis->ticks, CourantAxisTick, 0).position, ==, 240);

  /* Labels and the turned title stay within the thickness. */
  g_assert_true (has_ink (surface, 100 - thickness, 20, 100 - thickness / 2, 240));
  g_assert_false (has_ink (surface, 0, 0, 100 - thickness - 2, HEIGHT));
  g_assert_false (has_ink (surface, 103, 0, WIDTH, HEIGHT));

  cairo_surface_destroy (surface);
}

static void
test_labels_never_overlap (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  CourantLinearScale scale;
  g_autoptr(CourantAxis) axis = NULL;
  guint hidden = 0;
  const CourantAxisTick *previous = NULL;

  setlocale (LC_ALL, "C.UTF-8");

  /* Long labels ("1250000") on a short axis. */
  courant_linear_scale_init (&scale, 0, 2.5e6, 10, 130);
  axis = courant_axis_new_linear (COURANT_AXIS_BOTTOM, &scale, 100, NULL, NULL, context, theme);
  g_assert_cmpuint (axis->ticks->len, >=, 3);

  for (guint i = 0; i < axis->ticks->len; i++)
    {
      const CourantAxisTick *tick = &g_array_index (axis->ticks, CourantAxisTick, i);
      double width;

      /* Measured like the text a reader sees. */
      courant_text_measure (context, theme, COURANT_TEXT_LABEL, tick->label, &width, NULL);
      g_assert_cmpfloat_with_epsilon (tick->label_width, width, 1e-9);

      if (!tick->label_visible)
        {
          hidden++;
          continue;
        }
      if (previous != NULL)
        g_assert_cmpfloat (previous->position + previous->label_width / 2, <,
                           tick->position - tick->label_width / 2);
      previous = tick;
    }

  /* Some were dropped, every other one, and never all. */
  g_assert_cmpuint (hidden, >, 0);
  g_assert_cmpuint (hidden, <, axis->ticks->len);
  for (guint i = 1; i < axis->ticks->len; i++)
    g_assert_false (g_array_index (axis->ticks, CourantAxisTick, i).label_visible &&
                    g_array_index (axis->ticks, CourantAxisTick, i - 1).label_visible);

  /* With room enough, every label shows. */
  {
    g_autoptr(CourantAxis) wide = NULL;

    courant_linear_scale_init (&scale, 0, 100, 10, 470);
    wide = courant_axis_new_linear (COURANT_AXIS_BOTTOM, &scale, 100, NULL, NULL, context, theme);
    for (guint i = 0; i < wide->ticks->len; i++)
      g_assert_true (g_array_index (wide->ticks, CourantAxisTick, i).label_visible);
  }
}

static void
test_time_axis (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) start = NULL;
  g_auto(CourantTimeScale) scale = { 0 };
  g_autoptr(CourantAxis) axis = NULL;
  cairo_surface_t *surface;
  CourantAxisTick *first;
  double base;

  if (paris == NULL)
    {
      g_test_skip ("no time zone data for Europe/Paris");
      return;
    }

  setlocale (LC_ALL, "C.UTF-8");
  /* The spring-forward day, 23 hours over 460 px. */
  start = g_date_time_new (paris, 2025, 3, 30, 0, 0, 0);
  courant_time_scale_init (&scale, g_date_time_to_unix (start) * 1000,
                           (g_date_time_to_unix (start) + 23 * 3600) * 1000, 10, 470, paris);
  axis = courant_axis_new_time (COURANT_AXIS_BOTTOM, &scale, 100, NULL, context, theme);

  /* The day shows once as context under the first tick, midnight. */
  g_assert_cmpuint (axis->ticks->len, >=, 4);
  first = &g_array_index (axis->ticks, CourantAxisTick, 0);
  g_assert_cmpfloat (first->position, ==, 10);
  g_assert_true (first->context_visible);
  g_assert_cmpstr (first->context, ==, "Sun Mar 30, 2025");
  g_assert_cmpfloat (axis->context_extent, >, 0);

  /* Drawn under the labels, from the tick rightwards. */
  surface = render_to_image (axis, theme);
  base = 100 + courant_axis_get_tick_length (theme) + 3 + axis->label_extent + 3;
  g_assert_true (has_ink (surface, 10, base, 10 + first->context_width,
                          base + axis->context_extent));
  cairo_surface_destroy (surface);
}

static void
test_dark_differs (void)
{
  const CourantTheme *light = courant_theme_get_light ();
  const CourantTheme *dark = courant_theme_get_dark ();
  CourantLinearScale scale;
  g_autoptr(CourantAxis) axis = NULL;
  cairo_surface_t *light_surface;
  cairo_surface_t *dark_surface;
  guint differing = 0;

  courant_linear_scale_init (&scale, 0, 100, 40, 440);
  axis = courant_axis_new_linear (COURANT_AXIS_BOTTOM, &scale, 200, NULL, "kWh", context, light);
  light_surface = render_to_image (axis, light);
  dark_surface = render_to_image (axis, dark);

  g_assert_cmphex (pixel_at (dark_surface, 100, 200), ==, to_pixel (&dark->axis));
  g_assert_cmphex (pixel_at (light_surface, 100, 200), !=, pixel_at (dark_surface, 100, 200));

  /* Text too: the dark labels are lighter. */
  for (double y = 200; y < HEIGHT; y++)
    for (double x = 0; x < WIDTH; x++)
      {
        guint32 p = pixel_at (light_surface, x, y);
        guint32 q = pixel_at (dark_surface, x, y);

        if (p != SENTINEL && q != SENTINEL && p != q)
          differing++;
      }
  g_assert_cmpuint (differing, >, 100);

  cairo_surface_destroy (light_surface);
  cairo_surface_destroy (dark_surface);
}

static void
test_presenter_scale (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantTheme) presenter = courant_theme_copy_scaled (theme, 2.0);
  CourantLinearScale scale;
  g_autoptr(CourantAxis) normal = NULL;
  g_autoptr(CourantAxis) large = NULL;
  double ratio;

  courant_linear_scale_init (&scale, 0, 100, 240, 20);
  normal = courant_axis_new_linear (COURANT_AXIS_LEFT, &scale, 100, NULL, "kWh", context, theme);
  large = courant_axis_new_linear (COURANT_AXIS_LEFT, &scale, 100, NULL, "kWh", context, presenter);

  ratio = courant_axis_get_thickness (large, presenter) /
          courant_axis_get_thickness (normal, theme);
  g_assert_cmpfloat (ratio, >, 1.8);
  g_assert_cmpfloat (ratio, <, 2.2);
  /* Bigger labels, so fewer ticks for the same length. */
  g_assert_cmpuint (large->ticks->len, <=, normal->ticks->len);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    count++;

  return count;
}

static void
test_svg (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(GString) svg = g_string_new (NULL);
  g_autoptr(GRegex) size = NULL;
  CourantLinearScale scale;
  g_autoptr(CourantAxis) axis = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint characters = 0;

  courant_linear_scale_init (&scale, 0, 100, 40, 440);
  axis = courant_axis_new_linear (COURANT_AXIS_BOTTOM, &scale, 200, NULL, "kWh", context, theme);
  axis->grid_length = 150;

  surface = cairo_svg_surface_create_for_stream (append_cb, svg, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  courant_axis_render (cr, axis, theme);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_nonnull (strstr (svg->str, "<svg"));
  g_assert_nonnull (strstr (svg->str, "</svg>"));
  size = g_regex_new ("<svg[^>]*width=\"480(pt)?\"[^>]*height=\"260(pt)?\"", 0, 0, NULL);
  g_assert_true (g_regex_match (size, svg->str, 0, NULL));

  /* Lines as paths, and text as glyphs: one use of a glyph per visible
   * character.
   */
  g_assert_cmpuint (count_occurrences (svg->str, "<path"), >=, 2);
  for (guint i = 0; i < axis->ticks->len; i++)
    {
      CourantAxisTick *tick = &g_array_index (axis->ticks, CourantAxisTick, i);

      if (tick->label_visible)
        characters += g_utf8_strlen (tick->label, -1);
    }
  characters += strlen ("kWh");
  g_assert_cmpuint (count_occurrences (svg->str, "glyph"), >, 0);
  g_assert_cmpuint (count_occurrences (svg->str, "<use"), >=, characters);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  context = courant_text_create_context ();

  g_test_add_func ("/axis/bottom-pixels", test_bottom_pixels);
  g_test_add_func ("/axis/left-pixels", test_left_pixels);
  g_test_add_func ("/axis/labels-never-overlap", test_labels_never_overlap);
  g_test_add_func ("/axis/time", test_time_axis);
  g_test_add_func ("/axis/dark-differs", test_dark_differs);
  g_test_add_func ("/axis/presenter-scale", test_presenter_scale);
  g_test_add_func ("/axis/svg", test_svg);

  status = g_test_run ();
  g_object_unref (context);
  return status;
}
