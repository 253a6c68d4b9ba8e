/* bench-series.c: loading, M4, the pyramid and heatmaps over a real table
 *
 * Usage: bench-series [--load-only] [FILE.sqlite [TABLE TIME VALUE ENTITY]]
 * Without a file, a demo dataset of 500 sites × 1095 days (26.28M readings)
 * is generated in a temporary folder first (about a minute). Prints one JSON
 * object of milliseconds (best of several runs for the queries). The load is
 * timed LOADS times, each right after the sqlite3 shell sums the same column
 * (when it is installed), so that both see the same load of the machine;
 * the median and the minimum of each are reported, and their ratios, with
 * the CPU time each took.
 * --load-only stops after the load figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "courant-demo.h"
#include "courant-heatmap.h"
#include "courant-lod.h"
#include "courant-series-store.h"

#define REPEATS 5
#define LOADS   5
#define ZOOMS   1000

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
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* CPU time (user and system) of this process's threads, or of its
 * finished children: a busy machine stretches wall times much more. */
static double
cpu_ms (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gboolean
count_cb (const CourantValue  *values,
          guint                n_values,
          gpointer             user_data,
          GError             **error)
{
  (*(gint64 *) user_data)++;
  return TRUE;
}

/* The source's own cost: the same scan on one connection with a callback
 * that does nothing. */
static double
time_scan (CourantSource           *source,
           const CourantSeriesSpec *spec)
{
  const char *columns[] = { spec->time_column, spec->value_column, spec->entity_column, NULL };
  gint64 rows = 0;
  double start = now_ms ();

  if (!courant_source_scan (source, spec->table, columns, count_cb, NULL, &rows, NULL, NULL))
    g_error ("scan failed");
  return now_ms () - start;
}

static double
time_sqlite3_shell (const char              *path,
                    const CourantSeriesSpec *spec,
                    double                  *cpu)
{
  g_autofree char *sql = g_strdup_printf ("SELECT sum(\"%s\") FROM \"%s\"", spec->value_column, spec->table);
  const char *argv[] = { "sqlite3", "-readonly", path, sql, NULL };
  g_autofree char *out = NULL;
  double start = now_ms (), cpu_start = cpu_ms (RUSAGE_CHILDREN);
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) || status != 0)
    return NAN;
  *cpu = cpu_ms (RUSAGE_CHILDREN) - cpu_start;
  return now_ms () - start;
}

/* One read-only pass over every value, the floor any full-range reduction
 * is compared with. */
static double
time_pass (CourantSeriesStore *store,
           double             *sink)
{
  double best = INFINITY;

  for (int r = 0; r < REPEATS; r++)
    {
      double start = now_ms (), sum = 0;

      for (guint s = 0; s < courant_series_store_get_n_series (store); s++)
        {
          const CourantSeries *series = courant_series_store_get_series (store, s);

          for (gsize i = 0; i < series->n; i++)
            sum += series->values[i];
        }
      best = MIN (best, now_ms () - start);
      *sink += sum;
    }
  return best;
}

/* M4 of every series over its whole range, and of one series made of all
 * the readings end to end (26.28M points in one pyramid). */
static double
time_m4_all (CourantSeriesStore *store,
             guint               width)
{
  g_autofree CourantM4 *out = g_new (CourantM4, width);
  double best = INFINITY;

  for (int r = 0; r < REPEATS; r++)
    {
      double start = now_ms ();

      for (guint s = 0; s < courant_series_store_get_n_series (store); s++)
        {
          const CourantSeries *series = courant_series_store_get_series (store, s);

          if (series->n > 0)
            courant_lod_m4 (series->lod, series->times, series->values, series->n,
                            series->times[0], series->times[series->n - 1] + 1, width, out);
        }
      best = MIN (best, now_ms () - start);
    }
  return best;
}

typedef struct
{
  double full_ms;
  double zoom_mean_ms;
  double zoom_p50_ms;
  double zoom_p99_ms;
  double zoom_max_ms;
  double pass_ms;
  double lod_bytes;
  double raw_bytes;
} OneSeries;

static void
time_one_series (CourantSeriesStore *store,
                 guint               width,
                 OneSeries          *result)
{
  gsize n = courant_series_store_get_n_readings (store);
  g_autofree gint64 *times = g_new (gint64, n);
  g_autofree double *values = g_new (double, n);
  g_autofree CourantM4 *out = g_new (CourantM4, width);
  g_autoptr(CourantLod) lod = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autofree double *took = g_new (double, ZOOMS);
  gsize k = 0;
  double total = 0, sink = 0;

  /* Half-hours end to end: series after series, as one long meter. */
  for (guint s = 0; s < courant_series_store_get_n_series (store); s++)
    {
      const CourantSeries *series = courant_series_store_get_series (store, s);

      for (gsize i = 0; i < series->n; i++, k++)
        {
          times[k] = (gint64) k * 1800000;
          values[k] = series->values[i];
        }
    }
  lod = courant_lod_new (values, n);
  result->lod_bytes = courant_lod_get_memory (lod);
  result->raw_bytes = n * (sizeof (gint64) + sizeof (double));

  result->full_ms = INFINITY;
  result->pass_ms = INFINITY;
  for (int r = 0; r < REPEATS; r++)
    {
      double start = now_ms (), sum = 0;

      courant_lod_m4 (lod, times, values, n, times[0], times[n - 1] + 1, width, out);
      result->full_ms = MIN (result->full_ms, now_ms () - start);

      start = now_ms ();
      for (gsize i = 0; i < n; i++)
        sum += values[i];
      result->pass_ms = MIN (result->pass_ms, now_ms () - start);
      sink += sum + out[0].min;
    }

  /* Windows of every width from the whole range down to 1/100000 of it,
   * anywhere: cold in the cache, as when the user zooms or pans. */
  for (int q = 0; q < ZOOMS; q++)
    {
      gint64 span = (gint64) (times[n - 1] * pow (10, -g_rand_double_range (rand, 0, 5)));
      gint64 t0 = (gint64) g_rand_double_range (rand, 0, (double) (times[n - 1] - span));
      double start = now_ms ();

      courant_lod_m4 (lod, times, values, n, t0, t0 + span + 1, width, out);
      took[q] = now_ms () - start;
      total += took[q];
    }
  qsort (took, ZOOMS, sizeof *took, compare_doubles);
  result->zoom_mean_ms = total / ZOOMS;
  result->zoom_p50_ms = took[ZOOMS / 2];
  result->zoom_p99_ms = took[ZOOMS * 99 / 100];
  result->zoom_max_ms = took[ZOOMS - 1];
  if (sink == 42)
    g_print (" ");
}

static double
time_heatmap (CourantSeriesStore *store,
              GTimeZone          *tz,
              guint               slot,
              CourantAgg          agg)
{
  double best = INFINITY;

  for (int r = 0; r < REPEATS; r++)
    {
      double start = now_ms ();
      g_autoptr(CourantHeatmap) heatmap = courant_heatmap_compute (store, NULL, slot, agg, tz, NULL, NULL);

      best = MIN (best, now_ms () - start);
    }
  return best;
}

/* The queries over the loaded store, closing the JSON object. */
static void
print_queries (CourantSeriesStore *store,
               GTimeZone          *tz)
{
  OneSeries one;
  double pass_ms, m4_ms, sink = 0;

  pass_ms = time_pass (store, &sink);
  m4_ms = time_m4_all (store, 1920);
  time_one_series (store, 1920, &one);

  g_print (" \"pass_ms\":%.1f,\"m4_per_series_1920px_ms\":%.1f,\n", pass_ms, m4_ms);
  g_print (" \"one_series\":{\"pass_ms\":%.1f,\"m4_full_1920px_ms\":%.2f,\"m4_vs_pass\":%.3f,"
           "\"zoom_mean_ms\":%.4f,\"zoom_p50_ms\":%.4f,\"zoom_p99_ms\":%.4f,\"zoom_max_ms\":%.4f,"
           "\"pyramid_share_of_raw\":\"1/%.0f\"},\n",
           one.pass_ms, one.full_ms, one.full_ms / one.pass_ms, one.zoom_mean_ms, one.zoom_p50_ms,
           one.zoom_p99_ms, one.zoom_max_ms,
           one.raw_bytes / one.lod_bytes);
  g_print (" \"heatmap_day_x_halfhour_mean_ms\":%.1f,\"heatmap_day_x_15min_sum_ms\":%.1f,"
           "\"heatmap_day_x_hour_max_ms\":%.1f}\n",
           time_heatmap (store, tz, 30, COURANT_AGG_MEAN), time_heatmap (store, tz, 15, COURANT_AGG_SUM),
           time_heatmap (store, tz, 60, COURANT_AGG_MAX));
  if (sink == 42)
    g_print (" ");
}

static CourantSeriesStore *
load (CourantSource           *source,
      const CourantSeriesSpec *spec,
      GTimeZone               *tz,
      double                  *took,
      double                  *cpu)
{
  g_autoptr(GError) error = NULL;
  double start = now_ms (), cpu_start = cpu_ms (RUSAGE_SELF);
  CourantSeriesStore *store = courant_series_store_load (source, spec, tz, NULL, NULL, NULL, &error);

  *took = now_ms () - start;
  *cpu = cpu_ms (RUSAGE_SELF) - cpu_start;
  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantSeriesStore) store = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GError) error = NULL;
  CourantSeriesSpec spec = { "consumption", "ts", "kwh", "site_id" };
  CourantSeriesSpec one_connection;
  gboolean load_only = argc > 1 && g_str_equal (argv[1], "--load-only");
  double shell_ms[LOADS], load_ms[LOADS], shell_cpu_ms[LOADS], load_cpu_ms[LOADS], load_one_ms, one_cpu_ms, scan_ms;
  double shell_median, shell_min, load_median, load_min;
  gsize n;

  if (load_only)
    {
      argv++;
      argc--;
    }
  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      CourantDemoOptions options;

      courant_demo_options_init (&options);
      options.n_customers = 2000;
      options.n_sites = 500;
      options.n_days = 1095;
      dir = g_dir_make_tmp ("courant-bench-XXXXXX", NULL);
      path = g_build_filename (dir, "demo.sqlite", NULL);
      if (!courant_demo_generate (path, &options, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
    }
  if (argc > 5)
    spec = (CourantSeriesSpec) { argv[2], argv[3], argv[4], argv[5] };
  one_connection = spec;
  one_connection.max_threads = 1;

  file = g_file_new_for_path (path);
  source = courant_source_open (file, NULL, &error);
  if (source == NULL)
    g_error ("%s", error->message);

  /* Once on one connection, for the record; then the default load, each
   * time right after the shell. */
  scan_ms = time_scan (source, &spec);
  store = load (source, &one_connection, tz, &load_one_ms, &one_cpu_ms);
  for (int r = 0; r < LOADS; r++)
    {
      shell_ms[r] = time_sqlite3_shell (path, &spec, &shell_cpu_ms[r]);
      g_clear_pointer (&store, courant_series_store_unref);
      store = load (source, &spec, tz, &load_ms[r], &load_cpu_ms[r]);
    }
  shell_median = median (shell_ms, LOADS);
  shell_min = shell_ms[0];
  load_median = median (load_ms, LOADS);
  load_min = load_ms[0];

  n = courant_series_store_get_n_readings (store);
  g_print ("{\"readings\":%" G_GSIZE_FORMAT ",\"series\":%u,\n", n, courant_series_store_get_n_series (store));
  g_print (" \"sqlite3_shell_sum_ms\":{\"median\":%.0f,\"min\":%.0f},\"load_ms\":{\"median\":%.0f,\"min\":%.0f},"
           "\"load_vs_shell\":{\"median\":%.2f,\"min\":%.2f},\n",
           shell_median, shell_min, load_median, load_min, load_median / shell_median, load_min / shell_min);
  g_print (" \"cpu_ms\":{\"shell_median\":%.0f,\"load_median\":%.0f},\n",
           median (shell_cpu_ms, LOADS), median (load_cpu_ms, LOADS));
  g_print (" \"one_connection\":{\"scan_only_ms\":%.0f,\"load_ms\":%.0f,\"load_cpu_ms\":%.0f},\n",
           scan_ms, load_one_ms, one_cpu_ms);
  g_print (" \"bytes_per_reading\":%.2f,\"pyramid_bytes_per_reading\":%.3f,\"pyramid_share_of_raw\":\"1/%.0f\"%s\n",
           (double) courant_series_store_get_memory (store) / n,
           (double) courant_series_store_get_lod_memory (store) / n,
           (double) n * 16 / courant_series_store_get_lod_memory (store),
           load_only ? "}" : ",");
  if (!load_only)
    print_queries (store, tz);

  if (dir != NULL)
    {
      g_unlink (path);
      g_rmdir (dir);
    }
  return 0;
}
