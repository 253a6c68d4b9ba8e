/* test-png.c: the PNG writer, read back by Cairo's own reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>

#include "courant-png.h"

static cairo_surface_t *
draw_chart (gboolean translucent)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 301, 157);
  cairo_t *cr = cairo_create (surface);

  if (!translucent)
    {
      cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
      cairo_paint (cr);
    }
  cairo_set_source_rgba (cr, 0.0, 0.45, 0.70, translucent ? 0.5 : 1.0);
  cairo_set_line_width (cr, 1.5);
  for (int x = 0; x < 300; x += 3)
    cairo_line_to (cr, x, 80 + 60 * sin (x / 17.0));
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, 0.9, 0.6, 0.0, 0.3);
  cairo_rectangle (cr, 40, 20, 100, 50);
  cairo_fill (cr);
  cairo_destroy (cr);
  return surface;
}

/* Every pixel reads back as written; translucent pixels within the rounding
 * of premultiplied alpha. */
static void
check_round_trip (gboolean translucent,
                  int      tolerance)
{
  g_autofree char *dir = g_dir_make_tmp ("courant-png-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = draw_chart (translucent);
  cairo_surface_t *back;
  int width, height;

  g_assert_true (courant_png_write (surface, path, &error));
  g_assert_no_error (error);

  back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (back), ==, height);

  for (int y = 0; y < height; y++)
    {
      const guint8 *a = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
      const guint8 *b = cairo_image_surface_get_data (back) + y * cairo_image_surface_get_stride (back);

      for (int i = 0; i < width * 4; i++)
        g_assert_cmpint (ABS ((int) a[i] - (int) b[i]), <=, tolerance);
    }

  cairo_surface_destroy (back);
  cairo_surface_destroy (surface);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_opaque (void)
{
  check_round_trip (FALSE, 0);
}

static void
test_translucent (void)
{
  check_round_trip (TRUE, 2);
}

static void
test_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = draw_chart (FALSE);

  g_assert_false (courant_png_write (surface, "/nonexistent-folder/chart.png", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  cairo_surface_destroy (surface);
}

/* /dev/full accepts the file and fails every write: the disk-full case. */
static void
test_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = draw_chart (FALSE);

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("/dev/full is not available");
      cairo_surface_destroy (surface);
      return;
    }
  g_assert_false (courant_png_write (surface, "/dev/full", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/png/opaque", test_opaque);
  g_test_add_func ("/png/translucent", test_translucent);
  g_test_add_func ("/png/unwritable", test_unwritable);
  g_test_add_func ("/png/disk-full", test_disk_full);

  return g_test_run ();
}
