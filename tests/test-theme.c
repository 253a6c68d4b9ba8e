/* test-theme.c: the light and dark chart themes, scaling, the hatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "courant-theme.h"

static void
assert_hex (const CourantRgba *rgba,
            guint32            hex)
{
  g_assert_cmpfloat_with_epsilon (rgba->red, (hex >> 16 & 0xff) / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rgba->green, (hex >> 8 & 0xff) / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rgba->blue, (hex & 0xff) / 255.0, 1e-9);
}

static double
linearize (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2 contrast ratio of two opaque colours. */
static double
contrast (const CourantRgba *p,
          const CourantRgba *q)
{
  double lp = 0.2126 * linearize (p->red) + 0.7152 * linearize (p->green) +
              0.0722 * linearize (p->blue);
  double lq = 0.2126 * linearize (q->red) + 0.7152 * linearize (q->green) +
              0.0722 * linearize (q->blue);

  return (MAX (lp, lq) + 0.05) / (MIN (lp, lq) + 0.05);
}

static void
test_adwaita_backgrounds (void)
{
  const CourantTheme *light = courant_theme_get_light ();
  const CourantTheme *dark = courant_theme_get_dark ();

  /* libadwaita's @window_bg_color, so charts sit on the window seamlessly. */
  assert_hex (&light->background, 0xfafafa);
  assert_hex (&dark->background, 0x242424);
  g_assert_false (light->dark);
  g_assert_true (dark->dark);
  g_assert_true (courant_theme_get (TRUE) == dark);
  g_assert_true (courant_theme_get (FALSE) == light);
  g_assert_cmpstr (light->font_family, ==, "Cantarell, Sans");
  g_assert_cmpfloat (light->scale, ==, 1.0);
}

static void
test_contrast (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      const CourantTheme *theme = courant_theme_get (dark);

      /* Text: AAA for the main colour, AA for secondary labels. */
      g_assert_cmpfloat (contrast (&theme->foreground, &theme->background), >=, 7.0);
      g_assert_cmpfloat (contrast (&theme->muted, &theme->background), >=, 4.5);
      /* The axis stands out more than the grid, which stays discreet. */
      g_assert_cmpfloat (contrast (&theme->axis, &theme->background), >,
                         contrast (&theme->grid, &theme->background));
      g_assert_cmpfloat (contrast (&theme->grid, &theme->background), >, 1.1);
      /* Overlays let the data show through. */
      g_assert_cmpfloat (theme->selection.alpha, <, 1.0);
      g_assert_cmpfloat (theme->hover.alpha, <, theme->selection.alpha);
    }
}

static void
test_scaled (void)
{
  const CourantTheme *light = courant_theme_get_light ();
  g_autoptr(CourantTheme) presenter = courant_theme_copy_scaled (light, 2.0);
  g_autoptr(CourantTheme) twice = courant_theme_copy_scaled (presenter, 1.5);

  g_assert_cmpfloat (courant_theme_font_px (presenter, 1.0), ==,
                     2 * courant_theme_font_px (light, 1.0));
  g_assert_cmpfloat (courant_theme_px (presenter, 5), ==, 10);
  g_assert_cmpfloat (twice->scale, ==, 3.0);
  /* The built-in theme is untouched. */
  g_assert_cmpfloat (light->scale, ==, 1.0);
  assert_hex (&presenter->background, 0xfafafa);

  courant_theme_set_font_family (presenter, "DejaVu Sans");
  g_assert_true (presenter->font_family == g_intern_string ("DejaVu Sans"));
  g_assert_cmpstr (light->font_family, ==, "Cantarell, Sans");
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static guint32
to_pixel (const CourantRgba *rgba)
{
  return (guint32) lround (rgba->red * 255) << 16 | (guint32) lround (rgba->green * 255) << 8 |
         (guint32) lround (rgba->blue * 255);
}

static void
test_no_data_hatch (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      const CourantTheme *theme = courant_theme_get (dark);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 48, 48);
      cairo_t *cr = cairo_create (surface);
      cairo_pattern_t *hatch = courant_theme_create_no_data_pattern (theme);
      guint background = 0;
      guint stroke = 0;

      courant_rgba_set_source (cr, &theme->background);
      cairo_paint (cr);
      cairo_set_source (cr, hatch);
      cairo_paint (cr);
      cairo_surface_flush (surface);

      /* Stripes of the no-data colour on the background, and nothing else
       * but their anti-aliased edges.
       */
      for (int y = 0; y < 48; y++)
        for (int x = 0; x < 48; x++)
          {
            guint32 pixel = pixel_at (surface, x, y);

            if (pixel == to_pixel (&theme->background))
              background++;
            else if (abs ((int) (pixel & 0xff) - (int) (to_pixel (&theme->no_data) & 0xff)) <= 24)
              stroke++;
          }
      g_assert_cmpuint (background, >, 48 * 48 / 4);
      g_assert_cmpuint (stroke, >, 48 * 48 / 10);

      /* The stripes repeat every 6 px along a row. */
      for (int x = 0; x + 6 < 48; x++)
        g_assert_cmphex (pixel_at (surface, x, 20), ==, pixel_at (surface, x + 6, 20));

      cairo_pattern_destroy (hatch);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/theme/adwaita-backgrounds", test_adwaita_backgrounds);
  g_test_add_func ("/theme/contrast", test_contrast);
  g_test_add_func ("/theme/scaled", test_scaled);
  g_test_add_func ("/theme/no-data-hatch", test_no_data_hatch);

  return g_test_run ();
}
