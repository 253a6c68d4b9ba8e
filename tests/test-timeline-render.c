/* test-timeline-render.c: the series timeline drawn to images and SVG
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
#include "courant-timeline-render.h"

#define HOUR (3600 * 1000LL)

/* 2025-01-01T00:00:00+01:00 */
static const gint64 jan_2025 = 1735686000000LL;
static PangoContext *context;

typedef struct
{
  gint64     times[200];
  double     values[200];
  gsize      n;
  CourantLod *lod;
} Known;

/* Hourly readings: 10 for 80 hours, 90 for the next 80, then none for 20
 * hours (a gap), then 50. */
static void
known_init (Known *k)
{
  k->n = 0;
  for (guint h = 0; h < 200; h++)
    {
      if (h >= 160 && h < 180)
        continue;
      k->times[k->n] = jan_2025 + h * HOUR;
      k->values[k->n] = h < 80 ? 10 : h < 160 ? 90 : 50;
      k->n++;
    }
  k->lod = courant_lod_new (k->values, k->n);
}

static CourantTimelineScene *
known_scene (Known      *k,
             gboolean    dashed)
{
  CourantTimelineSeriesSpec spec = { 0 };
  CourantTimelineOptions options = { 0 };

  spec.name = "meter";
  spec.unit = "kWh";
  spec.data = (CourantTimelineData) { k->times, k->values, k->n, k->lod };
  spec.colour = 0;
  spec.dashed = dashed;
  options.t0 = jan_2025;
  options.t1 = jan_2025 + 200 * HOUR;
  options.width = 600;
  options.height = 300;
  options.title = "Known series";
  return courant_timeline_scene_new (&spec, 1, &options, context, courant_theme_get_light ());
}

static gboolean
pixel_is (cairo_surface_t   *surface,
          int                x,
          int                y,
          const CourantRgba *rgba)
{
  guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                                y * cairo_image_surface_get_stride (surface) + x * 4);
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) round (rgba->red * 255)) <= 3 && abs (g - (int) round (rgba->green * 255)) <= 3 &&
         abs (b - (int) round (rgba->blue * 255)) <= 3;
}

/* Whether the pixel is mostly the series' colour: antialiased edges and
 * the grid's light lines are not. */
static gboolean
is_ink (cairo_surface_t   *surface,
        int                x,
        int                y,
        const CourantRgba *ink,
        const CourantRgba *background)
{
  guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                                y * cairo_image_surface_get_stride (surface) + x * 4);
  double rgb[] = { ((pixel >> 16) & 0xff) / 255.0, ((pixel >> 8) & 0xff) / 255.0, (pixel & 0xff) / 255.0 };
  double to_ink = fabs (rgb[0] - ink->red) + fabs (rgb[1] - ink->green) + fabs (rgb[2] - ink->blue);
  double to_bg = fabs (rgb[0] - background->red) + fabs (rgb[1] - background->green) +
                 fabs (rgb[2] - background->blue);

  return to_ink < to_bg;
}

/* The rows of the plot in column @x that are mostly the series' colour. */
static void
coloured_rows (cairo_surface_t            *surface,
               const CourantTimelineScene *scene,
               int                         x,
               const CourantRgba *rgba,
               const CourantRgba *background,
               int               *first,
               int               *last)
{
  *first = *last = -1;
  for (int y = (int) scene->plot_y; y < (int) (scene->plot_y + scene->plot_height); y++)
    if (is_ink (surface, x, y, rgba, background))
      {
        if (*first < 0)
          *first = y;
        *last = y;
      }
}

static void
test_line_pixels (void)
{
  Known k;
  g_autoptr(CourantTimelineScene) scene = NULL;
  const CourantTimelineSeries *series;
  cairo_surface_t *surface;
  cairo_t *cr;
  int first, last;

  known_init (&k);
  scene = known_scene (&k, FALSE);
  series = g_ptr_array_index (scene->series, 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 300);
  cr = cairo_create (surface);
  courant_rgba_set_source (cr, &courant_theme_get_light ()->background);
  cairo_paint (cr);
  courant_timeline_render (cr, scene, courant_theme_get_light ());
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Where each level is, in the middle of its hours: the series' colour
   * lies on the value's row and nowhere else in that column. */
  {
    const struct { double hour; double value; } probes[] = { { 44, 10 }, { 124, 90 }, { 190, 50 } };

    for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
      {
        int x = (int) floor (courant_timeline_scene_time_to_x (scene, jan_2025 + (gint64) (probes[i].hour * HOUR)));
        double y = courant_timeline_scene_value_to_y (scene, 0, probes[i].value);

        coloured_rows (surface, scene, x, &series->colour, &courant_theme_get_light ()->background, &first, &last);
        g_assert_cmpint (first, >=, (int) floor (y - 1.5));
        g_assert_cmpint (last, <=, (int) ceil (y + 1.5));
        g_assert_cmpint (first, >=, 0);
      }
  }
  /* The step from 10 to 90 between hours 79 and 80 is joined: every row
   * between the two levels has ink in one of those columns. */
  {
    int x0 = (int) floor (courant_timeline_scene_time_to_x (scene, jan_2025 + 79 * HOUR));
    int x1 = (int) ceil (courant_timeline_scene_time_to_x (scene, jan_2025 + 80 * HOUR));
    int top = (int) ceil (courant_timeline_scene_value_to_y (scene, 0, 90));
    int bottom = (int) floor (courant_timeline_scene_value_to_y (scene, 0, 10));

    for (int y = top; y <= bottom; y++)
      {
        gboolean inked = FALSE;

        for (int x = x0; x <= x1 && !inked; x++)
          inked = is_ink (surface, x, y, &series->colour, &courant_theme_get_light ()->background);
        g_assert_true (inked);
      }
  }
  /* Nothing in the gap: no line down to zero, no line across. */
  {
    int x = (int) floor (courant_timeline_scene_time_to_x (scene, jan_2025 + 170 * HOUR));

    coloured_rows (surface, scene, x, &series->colour, &courant_theme_get_light ()->background, &first, &last);
    g_assert_cmpint (first, ==, -1);
  }
  cairo_surface_destroy (surface);
  courant_lod_free (k.lod);
}

/* The known series with a band over hours 20 to 40 and a point at hour
 * 100, drawn in @theme. */
static cairo_surface_t *
render_known (Known              *k,
              const CourantTheme *theme,
              gboolean            annotated,
              CourantTimelineScene **out_scene)
{
  static const CourantTimelineAnnotationSpec notes[] = {
    { jan_2025 + 20 * HOUR, jan_2025 + 40 * HOUR, "Cold snap" },
    { jan_2025 + 100 * HOUR, jan_2025 + 100 * HOUR, "Strike" },
  };
  CourantTimelineSeriesSpec spec = { 0 };
  CourantTimelineOptions options = { 0 };
  CourantTimelineScene *scene;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 300);
  cairo_t *cr = cairo_create (surface);

  spec.name = "meter";
  spec.data = (CourantTimelineData) { k->times, k->values, k->n, k->lod };
  spec.colour = 0;
  options.t0 = jan_2025;
  options.t1 = jan_2025 + 200 * HOUR;
  options.width = 600;
  options.height = 300;
  options.annotations = annotated ? notes : NULL;
  options.n_annotations = annotated ? G_N_ELEMENTS (notes) : 0;
  scene = courant_timeline_scene_new (&spec, 1, &options, context, theme);
  courant_rgba_set_source (cr, &theme->background);
  cairo_paint (cr);
  courant_timeline_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  *out_scene = scene;
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  return *(guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + x * 4);
}

/* The band covers its hours and nothing else, under its label; the label
 * reads in the theme's text colour, in light and dark. */
static void
check_annotations (const CourantTheme *theme)
{
  Known k;
  g_autoptr(CourantTimelineScene) scene = NULL;
  g_autoptr(CourantTimelineScene) plain_scene = NULL;
  cairo_surface_t *annotated, *plain;
  const CourantTimelineAnnotation *band;
  int x0, x1, y, ink = 0;

  known_init (&k);
  annotated = render_known (&k, theme, TRUE, &scene);
  plain = render_known (&k, theme, FALSE, &plain_scene);
  band = &g_array_index (scene->annotations, CourantTimelineAnnotation, 0);
  g_assert_false (band->point);
  x0 = (int) ceil (courant_timeline_scene_time_to_x (scene, jan_2025 + 20 * HOUR));
  x1 = (int) floor (courant_timeline_scene_time_to_x (scene, jan_2025 + 40 * HOUR));
  /* Low in the plot, under the labels and away from the line at 10. */
  y = (int) (scene->plot_y + scene->plot_height * 0.5);
  g_assert_cmpint ((int) courant_timeline_scene_value_to_y (scene, 0, 10), >, y + 10);
  for (int x = x0 + 1; x < x1 - 1; x++)
    g_assert_cmphex (pixel_at (annotated, x, y), !=, pixel_at (plain, x, y));
  g_assert_cmphex (pixel_at (annotated, x0 - 3, y), ==, pixel_at (plain, x0 - 3, y));
  g_assert_cmphex (pixel_at (annotated, x1 + 3, y), ==, pixel_at (plain, x1 + 3, y));

  /* The label sits at the top of the band, and has text of the theme's
   * foreground in it. */
  g_assert_cmpfloat (band->label_x, >=, x0 - 1);
  g_assert_cmpfloat (band->label_y, <, scene->plot_y + band->label_height);
  for (int py = (int) band->label_y; py < (int) (band->label_y + band->label_height); py++)
    for (int px = (int) band->label_x; px < (int) (band->label_x + band->label_width); px++)
      ink += pixel_is (annotated, px, py, &theme->foreground);
  g_assert_cmpint (ink, >, 5);

  cairo_surface_destroy (annotated);
  cairo_surface_destroy (plain);
  courant_lod_free (k.lod);
}

static void
test_annotations (void)
{
  check_annotations (courant_theme_get_light ());
  check_annotations (courant_theme_get_dark ());
}

static void
test_dark_theme (void)
{
  Known k;
  g_autoptr(CourantTimelineScene) scene = NULL;
  const CourantTheme *dark = courant_theme_get_dark ();
  cairo_surface_t *surface;
  cairo_t *cr;
  CourantTimelineSeriesSpec spec = { 0 };
  CourantTimelineOptions options = { 0 };

  known_init (&k);
  spec.name = "meter";
  spec.data = (CourantTimelineData) { k.times, k.values, k.n, k.lod };
  spec.colour = 0;
  options.t0 = jan_2025;
  options.t1 = jan_2025 + 200 * HOUR;
  options.width = 400;
  options.height = 200;
  scene = courant_timeline_scene_new (&spec, 1, &options, context, dark);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 200);
  cr = cairo_create (surface);
  courant_rgba_set_source (cr, &dark->background);
  cairo_paint (cr);
  courant_timeline_render (cr, scene, dark);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  {
    const CourantTimelineSeries *series = g_ptr_array_index (scene->series, 0);
    int x = (int) floor (courant_timeline_scene_time_to_x (scene, jan_2025 + 40 * HOUR)), first, last;

    coloured_rows (surface, scene, x, &series->colour, &dark->background, &first, &last);
    g_assert_cmpint (first, >=, 0);
    g_assert_true (pixel_is (surface, 1, 199, &dark->background));
  }
  cairo_surface_destroy (surface);
  courant_lod_free (k.lod);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A vector file: well-formed XML, the series as a few paths (never one
 * element per reading), the plot clipped, the overlay dashed. */
static void
test_svg (void)
{
  Known k;
  g_autoptr(CourantTimelineScene) scene = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "test-timeline-render.svg", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GMarkupParseContext) parser = NULL;
  static const GMarkupParser no_callbacks = { 0 };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  known_init (&k);
  scene = known_scene (&k, TRUE);
  surface = cairo_svg_surface_create (path, 600, 300);
  cr = cairo_create (surface);
  courant_timeline_render (cr, scene, courant_theme_get_light ());
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  parser = g_markup_parse_context_new (&no_callbacks, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, "clip"));
  g_assert_nonnull (strstr (text, "stroke-dasharray"));
  g_assert_cmpuint (count_occurrences (text, "<path"), >, 5);
  g_assert_cmpuint (count_occurrences (text, "<path"), <, k.n);
  g_unlink (path);
  courant_lod_free (k.lod);
}

/* The crosshair draws its rule at the picked column. */
static void
test_pick_overlay (void)
{
  Known k;
  g_autoptr(CourantTimelineScene) scene = NULL;
  g_auto(CourantTimelinePick) pick = { 0 };
  const CourantTheme *theme = courant_theme_get_light ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double x;

  known_init (&k);
  scene = known_scene (&k, FALSE);
  x = courant_timeline_scene_time_to_x (scene, jan_2025 + 20 * HOUR);
  g_assert_true (courant_timeline_scene_pick (scene, x, &pick));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 300);
  cr = cairo_create (surface);
  courant_rgba_set_source (cr, &theme->background);
  cairo_paint (cr);
  courant_timeline_render_pick (cr, scene, &pick, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_false (pixel_is (surface, (int) round (pick.x), (int) (scene->plot_y + scene->plot_height - 2),
                            &theme->background));
  g_assert_true (pixel_is (surface, (int) round (pick.x) - 3, (int) (scene->plot_y + scene->plot_height - 2),
                           &theme->background));
  cairo_surface_destroy (surface);
  courant_lod_free (k.lod);
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  context = courant_text_create_context ();

  g_test_add_func ("/timeline-render/line-pixels", test_line_pixels);
  g_test_add_func ("/timeline-render/dark-theme", test_dark_theme);
  g_test_add_func ("/timeline-render/svg", test_svg);
  g_test_add_func ("/timeline-render/annotations", test_annotations);
  g_test_add_func ("/timeline-render/pick", test_pick_overlay);

  status = g_test_run ();
  g_object_unref (context);
  return status;
}
