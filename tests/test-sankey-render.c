/* test-sankey-render.c: drawing Sankey scenes on image, SVG and PDF surfaces
 *
 * Pixels are read back from ARGB32 surfaces: the middle of every node is
 * exactly its label's palette colour (grey for (end)), and a band's middle
 * is its source's colour blended with the background. SVG and PDF output
 * is checked for its structure: one filled path per band and per node.
 * On image surfaces the bands are rasterised by the renderer itself: its
 * pixels are compared with Cairo's own fills of the same paths (replayed
 * from a recording surface), at scales 1 and 2 and under a clip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "courant-sankey-render.h"

#define WIDTH  800
#define HEIGHT 400

/* Three chains (so nothing overlaps) and drop-offs into (end). */
static CourantSankeyScene *
make_scene (const CourantTheme *theme,
            const char         *title)
{
  const char *labels[] = { "web", "call", "shop" };
  g_autoptr(CourantSankeyGraph) graph = courant_sankey_graph_new ();
  CourantSankeyOptions options;
  guint ids[3][4];

  for (guint k = 0; k < 3; k++)
    {
      for (guint c = 0; c < 3; c++)
        ids[k][c] = courant_sankey_graph_add_node (graph, k, labels[c], (100 - 20 * c) - 10 * k);
      if (k > 0)
        ids[k][3] = courant_sankey_graph_add_node (graph, k, COURANT_FLOWS_END, 30);
    }
  for (guint k = 0; k + 1 < 3; k++)
    for (guint c = 0; c < 3; c++)
      {
        courant_sankey_graph_add_link (graph, ids[k][c], ids[k + 1][c], (100 - 20 * c) - 10 * (k + 1));
        courant_sankey_graph_add_link (graph, ids[k][c], ids[k + 1][3], 10);
      }

  courant_sankey_options_init (&options, WIDTH, HEIGHT);
  options.theme = theme;
  options.title = title;
  return courant_sankey_scene_new (graph, &options);
}

static void
read_pixel (cairo_surface_t *surface,
            double           x,
            double           y,
            double           rgb[3])
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(guint32 *) (data + (int) floor (y) * stride + 4 * (int) floor (x));

  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
}

static void
assert_colour (const double       rgb[3],
               const CourantRgba *expected,
               double             tolerance)
{
  g_assert_cmpfloat (fabs (rgb[0] - expected->red), <=, tolerance);
  g_assert_cmpfloat (fabs (rgb[1] - expected->green), <=, tolerance);
  g_assert_cmpfloat (fabs (rgb[2] - expected->blue), <=, tolerance);
}

static void
check_pixels (const CourantTheme *theme)
{
  g_autoptr(CourantSankeyScene) scene = make_scene (theme, "Journeys");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  guint checked = 0;
  double rgb[3];

  courant_rgba_set_source (cr, &theme->background);
  cairo_paint (cr);
  courant_sankey_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (guint v = 0; v < scene->n_nodes; v++)
    {
      const CourantSankeyNode *node = &scene->nodes[v];
      CourantRgba expected = node->kind == COURANT_SANKEY_NODE_END
        ? theme->muted : courant_palette_map_get (scene->palette, node->label, theme->dark);

      read_pixel (surface, (node->x0 + node->x1) / 2, (node->y0 + node->y1) / 2, rgb);
      assert_colour (rgb, &expected, 1.5 / 255);
      g_assert_cmpfloat (expected.alpha, ==, 1);
    }

  /* A band's middle: its source colour over the background, translucent. */
  for (guint l = 0; l < scene->n_links; l++)
    {
      const CourantSankeyLink *link = &scene->links[l];
      CourantRgba colour = courant_palette_map_get (scene->palette, scene->nodes[link->source].label,
                                                    theme->dark);
      double alpha = theme->dark ? 0.5 : 0.4;
      CourantRgba blended = {
        colour.red * alpha + theme->background.red * (1 - alpha),
        colour.green * alpha + theme->background.green * (1 - alpha),
        colour.blue * alpha + theme->background.blue * (1 - alpha),
        1,
      };
      double x = (scene->nodes[link->source].x1 + scene->nodes[link->target].x0) / 2;

      double y = (link->y0 + link->y1) / 2;
      gboolean alone = link->width >= 6;

      /* Only where no other band passes (drop-offs cross the chains). */
      for (guint m = 0; m < scene->n_links && alone; m++)
        if (m != l)
          alone = fabs (courant_sankey_scene_link_centre (scene, m, x) - y) > scene->links[m].width / 2 + 1;
      if (!alone)
        continue;
      checked++;
      read_pixel (surface, x, y, rgb);
      assert_colour (rgb, &blended, 2.5 / 255);
    }

  g_assert_cmpuint (checked, >=, 1);

  /* Above the middle of the chart, under the title's height, nothing. */
  read_pixel (surface, WIDTH / 2.0, 1, rgb);
  assert_colour (rgb, &theme->background, 1.5 / 255);
  cairo_surface_destroy (surface);
}

static void
test_pixels_light (void)
{
  check_pixels (courant_theme_get_light ());
}

static void
test_pixels_dark (void)
{
  check_pixels (courant_theme_get_dark ());
}

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_svg (void)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantSankeyScene) scene = make_scene (theme, "Journeys");
  g_autoptr(GString) svg = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint visible = 0;

  surface = cairo_svg_surface_create_for_stream (append_to_string, svg, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  courant_sankey_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  for (guint v = 0; v < scene->n_nodes; v++)
    visible += scene->nodes[v].label_visible;
  g_assert_cmpuint (visible, >, 0);

  g_assert_true (g_str_has_prefix (svg->str, "<?xml"));
  g_assert_nonnull (strstr (svg->str, "width=\"800pt\""));
  /* A filled path per band and per node, and no strokes. */
  g_assert_cmpuint (count_substrings (svg->str, "<path"), >=, scene->n_links + scene->n_nodes);
  g_assert_null (strstr (svg->str, "stroke-width"));
  /* Text is drawn as glyphs. */
  g_assert_nonnull (strstr (svg->str, "glyph"));
}

static void
test_pdf (void)
{
  const CourantTheme *theme = courant_theme_get_dark ();
  g_autoptr(CourantSankeyScene) scene = make_scene (theme, NULL);
  g_autoptr(GString) pdf = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_to_string, pdf, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  courant_sankey_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_str_has_prefix (pdf->str, "%PDF-"));
  g_assert_cmpuint (pdf->len, >, 1000);
}

/* Four columns of five labels, each linked to every label of the next
 * column: bands cross, overlap, and some are thinner than a pixel. */
static CourantSankeyScene *
make_crossing_scene (void)
{
  const char *labels[] = { "web", "call", "shop", "mail", "letter" };
  g_autoptr(CourantSankeyGraph) graph = courant_sankey_graph_new ();
  CourantSankeyOptions options;
  guint ids[4][5];

  for (guint k = 0; k < 4; k++)
    for (guint c = 0; c < 5; c++)
      ids[k][c] = courant_sankey_graph_add_node (graph, k, labels[c], 1);
  for (guint k = 0; k + 1 < 4; k++)
    for (guint c = 0; c < 5; c++)
      for (guint d = 0; d < 5; d++)
        courant_sankey_graph_add_link (graph, ids[k][c], ids[k + 1][d],
                                       (c * 7 + d * 3 + k) % 5 == 0 ? 0.02 : (c * 7 + d * 3 + k) % 11 + 1);

  courant_sankey_options_init (&options, WIDTH, HEIGHT);
  return courant_sankey_scene_new (graph, &options);
}

/* Draws @scene at @scale, on the background, clipped to @clip if any;
 * through a recording surface, Cairo fills the bands itself. */
static cairo_surface_t *
draw_scene (const CourantSankeyScene *scene,
            const CourantTheme       *theme,
            double                    scale,
            const cairo_rectangle_t  *clip,
            gboolean                  by_cairo)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH * scale, HEIGHT * scale);
  cairo_surface_t *recording = NULL;
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  courant_rgba_set_source (cr, &theme->background);
  cairo_paint (cr);
  if (by_cairo)
    {
      cairo_t *recorder;

      recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      recorder = cairo_create (recording);
      courant_sankey_render (recorder, scene, theme);
      cairo_destroy (recorder);
    }
  if (clip != NULL)
    {
      cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
      cairo_clip (cr);
    }
  if (by_cairo)
    {
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (recording);
    }
  else
    courant_sankey_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
check_like_cairo (double                   scale,
                  const cairo_rectangle_t *clip)
{
  const CourantTheme *theme = courant_theme_get_light ();
  g_autoptr(CourantSankeyScene) scene = make_crossing_scene ();
  cairo_surface_t *ours = draw_scene (scene, theme, scale, clip, FALSE);
  cairo_surface_t *cairo = draw_scene (scene, theme, scale, clip, TRUE);
  const guchar *a = cairo_image_surface_get_data (ours);
  const guchar *b = cairo_image_surface_get_data (cairo);
  int width = cairo_image_surface_get_width (ours);
  int height = cairo_image_surface_get_height (ours);
  int stride = cairo_image_surface_get_stride (ours);
  guint64 total = 0, far = 0, drawn = 0;
  int largest = 0;

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (cairo));
  for (int y = 0; y < height; y++)
    for (int x = 0; x < 4 * width; x++)
      {
        int difference = abs (a[y * stride + x] - b[y * stride + x]);

        largest = MAX (largest, difference);
        total += difference;
        far += difference > 8;
        drawn += a[y * stride + x] != a[x];
      }

  /* Antialiasing differs at the edges only, by a few levels. */
  g_assert_cmpuint (drawn, >, (guint64) width * height / 4);
  g_assert_cmpint (largest, <=, 16);
  g_assert_cmpfloat ((double) total / (4.0 * width * height), <, 0.15);
  g_assert_cmpuint (far, <, (guint64) width * height / 500);
  cairo_surface_destroy (ours);
  cairo_surface_destroy (cairo);
}

static void
test_raster (void)
{
  check_like_cairo (1, NULL);
}

static void
test_raster_scaled (void)
{
  check_like_cairo (2, NULL);
}

static void
test_raster_clipped (void)
{
  cairo_rectangle_t clip = { WIDTH / 4.0, HEIGHT / 4.0, WIDTH / 2.0, HEIGHT / 2.0 };

  check_like_cairo (1, &clip);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sankey-render/pixels-light", test_pixels_light);
  g_test_add_func ("/sankey-render/pixels-dark", test_pixels_dark);
  g_test_add_func ("/sankey-render/svg", test_svg);
  g_test_add_func ("/sankey-render/pdf", test_pdf);
  g_test_add_func ("/sankey-render/raster", test_raster);
  g_test_add_func ("/sankey-render/raster-scaled", test_raster_scaled);
  g_test_add_func ("/sankey-render/raster-clipped", test_raster_clipped);

  return g_test_run ();
}
