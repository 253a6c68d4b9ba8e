/* bench-timeline.c: the series timeline on 26.28M readings at 1920 px
 *
 * Usage: bench-timeline [N]   (default 26,280,000 readings, one a minute)
 *
 * Figures (medians, ms): the pyramid's build; data → M4 columns for the
 * full range and for a zoomed window (1/1000 of it); the whole scene
 * (M4 + axes); drawing the series (the base layer's costly part) and the
 * whole chart into a 1920×600 image, as CPU time; and a PNG export end to
 * end on 10M readings (scene, drawing, encoding), the figure to hold
 * against matplotlib's 0.5 s for the same points (../shared/peers/README.md).
 * Prints one JSON object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "courant-png.h"
#include "courant-text.h"
#include "courant-timeline-render.h"

#define RUNS   7
#define WIDTH  1920
#define HEIGHT 600
#define MINUTE 60000

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* CPU time of this thread, ms: drawing is measured apart from any display. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

/* A daily and a yearly cycle with noise, and a missing day every 100. */
static void
generate (gint64 **times,
          double **values,
          gsize   *n)
{
  gint64 start = 946681200000LL;  /* 2000-01-01T00:00+01:00 */
  guint32 state = 12345;
  gsize kept = 0;

  *times = g_new (gint64, *n);
  *values = g_new (double, *n);
  for (gsize i = 0; kept < *n; i++)
    {
      double day = i / 1440.0;

      state = state * 1664525u + 1013904223u;
      if ((gsize) day % 100 == 99)
        continue;
      (*times)[kept] = start + (gint64) i * MINUTE;
      (*values)[kept] = 2 + sin (day * 2 * G_PI) + 0.5 * cos (day * 2 * G_PI / 365.25) +
                        (state >> 8) / (double) (1 << 24);
      kept++;
    }
}

static CourantTimelineScene *
make_scene (const CourantTimelineData *data,
            gint64                     t0,
            gint64                     t1,
            PangoContext              *context)
{
  CourantTimelineSeriesSpec spec = { 0 };
  CourantTimelineOptions options = { 0 };

  spec.name = "meter";
  spec.unit = "kWh";
  spec.data = *data;
  spec.gap_ms = 2 * MINUTE;
  spec.colour = -1;
  options.t0 = t0;
  options.t1 = t1;
  options.width = WIDTH;
  options.height = HEIGHT;
  return courant_timeline_scene_new (&spec, 1, &options, context, courant_theme_get_light ());
}

/* What courant-cli export does, phase by phase: scene, drawing, PNG file. */
static double
export_png (const CourantTimelineData *data,
            PangoContext              *context,
            const char                *path,
            double                     phases[3])
{
  double start = wall_ms (), mark;
  CourantTimelineScene *scene = make_scene (data, data->times[0], data->times[data->n - 1] + 1, context);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  phases[0] = (mark = wall_ms ()) - start;
  courant_rgba_set_source (cr, &courant_theme_get_light ()->background);
  cairo_paint (cr);
  courant_timeline_render (cr, scene, courant_theme_get_light ());
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  phases[1] = wall_ms () - mark;
  mark = wall_ms ();
  /* The writer that courant-cli export uses. */
  g_assert (courant_png_write (surface, path, NULL));
  phases[2] = wall_ms () - mark;
  cairo_surface_destroy (surface);
  courant_timeline_scene_free (scene);
  return wall_ms () - start;
}

int
main (int    argc,
      char **argv)
{
  gsize n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 26280000;
  g_autofree gint64 *times = NULL;
  g_autofree double *values = NULL;
  g_autofree CourantM4 *columns = g_new (CourantM4, WIDTH);
  g_autofree char *png = g_build_filename (g_get_tmp_dir (), "courant-bench-timeline.png", NULL);
  PangoContext *context = courant_text_create_context ();
  double lod_ms, full[RUNS], zoom[RUNS], scene_ms[RUNS], series_cpu[RUNS], chart_cpu[RUNS], e2e[RUNS];
  double e2e_scene[RUNS], e2e_draw[RUNS], e2e_png[RUNS];
  CourantTimelineData data;
  CourantLod *lod;
  gint64 t0, t1, z0, z1;
  double start;
  gsize n10;

  generate (&times, &values, &n);
  start = wall_ms ();
  lod = courant_lod_new (values, n);
  lod_ms = wall_ms () - start;
  data = (CourantTimelineData) { times, values, n, lod };
  t0 = times[0];
  t1 = times[n - 1] + 1;
  z0 = t0 + (t1 - t0) / 2;
  z1 = z0 + (t1 - t0) / 1000;

  for (guint r = 0; r < RUNS; r++)
    {
      CourantTimelineScene *scene;
      cairo_surface_t *surface;
      cairo_t *cr;

      start = wall_ms ();
      courant_lod_m4 (lod, times, values, n, t0, t1, WIDTH, columns);
      full[r] = wall_ms () - start;
      start = wall_ms ();
      courant_lod_m4 (lod, times, values, n, z0, z1, WIDTH, columns);
      zoom[r] = wall_ms () - start;

      start = wall_ms ();
      scene = make_scene (&data, t0, t1, context);
      scene_ms[r] = wall_ms () - start;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
      cr = cairo_create (surface);
      start = cpu_ms ();
      courant_timeline_render_series (cr, scene, courant_theme_get_light ());
      cairo_surface_flush (surface);
      series_cpu[r] = cpu_ms () - start;
      start = cpu_ms ();
      courant_timeline_render (cr, scene, courant_theme_get_light ());
      cairo_surface_flush (surface);
      chart_cpu[r] = cpu_ms () - start;
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      courant_timeline_scene_free (scene);
    }

  /* matplotlib's figure is for 10M points: the same count here. */
  n10 = MIN (n, 10000000);
  {
    CourantLod *lod10 = courant_lod_new (values, n10);
    CourantTimelineData data10 = { times, values, n10, lod10 };

    for (guint r = 0; r < RUNS; r++)
      {
        double phases[3];

        e2e[r] = export_png (&data10, context, png, phases);
        e2e_scene[r] = phases[0];
        e2e_draw[r] = phases[1];
        e2e_png[r] = phases[2];
      }
    courant_lod_free (lod10);
  }
  g_unlink (png);

  printf ("{\"readings\":%" G_GSIZE_FORMAT ",\"width\":%d,\"lod_build_ms\":%.1f,"
          "\"m4_full_ms\":%.2f,\"m4_zoom_ms\":%.3f,\"scene_full_ms\":%.2f,"
          "\"draw_series_cpu_ms\":%.2f,\"draw_chart_cpu_ms\":%.2f,"
          "\"png_10m_end_to_end_ms\":%.1f,\"png_10m_scene_ms\":%.1f,\"png_10m_draw_ms\":%.1f,\"png_10m_encode_ms\":%.1f,\"matplotlib_10m_ms\":500,\"speedup_vs_matplotlib\":%.1f}\n",
          n, WIDTH, lod_ms, median (full, RUNS), median (zoom, RUNS), median (scene_ms, RUNS),
          median (series_cpu, RUNS), median (chart_cpu, RUNS), median (e2e, RUNS),
          median (e2e_scene, RUNS), median (e2e_draw, RUNS), median (e2e_png, RUNS), 500 / median (e2e, RUNS));

  courant_lod_free (lod);
  g_object_unref (context);
  return 0;
}
