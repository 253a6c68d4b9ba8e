/* bench-flows.c: loading journeys and computing flows on 20M events
 *
 * Usage: bench-flows [DEMO.sqlite]   (or COURANT_BENCH_EVENTS=…)
 * Without a file, generates the demo with 1M customers over 730 days
 * (about 20M events) to $TMPDIR/courant-bench-events.sqlite, once.
 *
 * Flows use 9 steps, which gives the transitions of the first 8 steps and
 * their drop-offs: what ../shared/peers/duckdb.mjs --steps 8 computes with
 * lead() (flows_lead), so tests/bench/run-peers.sh gives the peer's figure.
 * Prints one JSON object; times are medians, in milliseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "courant-demo.h"
#include "courant-flows.h"
#include "courant-precursors.h"

#define RUNS 9

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

/* Resident memory of the process, from /proc (Linux). */
static gsize
resident_bytes (void)
{
  g_autofree char *text = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &text, NULL, NULL))
    sscanf (text, "%lu %lu", &size, &resident);
  return (gsize) resident * sysconf (_SC_PAGESIZE);
}

static char *
dataset_path (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  CourantDemoOptions options;
  char *path;

  if (argc > 1)
    return g_strdup (argv[1]);
  if (g_getenv ("COURANT_BENCH_EVENTS") != NULL)
    return g_strdup (g_getenv ("COURANT_BENCH_EVENTS"));

  path = g_build_filename (g_get_tmp_dir (), "courant-bench-events.sqlite", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  courant_demo_options_init (&options);
  options.n_customers = 1000000;
  options.n_sites = 1;
  options.n_days = 730;
  if (!courant_demo_generate (path, &options, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  return path;
}

static double
time_flows (CourantEventStore *store,
            guint              n_threads,
            guint             *n_links)
{
  double times[RUNS];
  CourantFlowsOptions options;

  courant_flows_options_init (&options);
  options.n_steps = 9;
  options.n_threads = n_threads;
  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(CourantFlowsResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();

      result = courant_flows_compute (store, &options, NULL, &error);
      times[r] = (g_get_monotonic_time () - started) / 1000.0;
      if (result == NULL)
        g_error ("%s", error->message);
      *n_links = result->links->len;
    }
  return median (times, RUNS);
}

static double
time_precursors (CourantEventStore *store)
{
  double times[RUNS];
  CourantPrecursorsOptions options;

  courant_precursors_options_init (&options);
  options.outcome = "termination";
  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(CourantPrecursorsResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();

      result = courant_precursors_compute (store, &options, NULL, &error);
      times[r] = (g_get_monotonic_time () - started) / 1000.0;
      if (result == NULL)
        g_error ("%s", error->message);
    }
  return median (times, RUNS);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = dataset_path (argc, argv);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CourantEventColumns columns = { "customer_id", "ts", "event", "channel", NULL, 0 };
  gint64 started;
  double open_ms, load_ms, flows_1, flows_2, precursors;
  gsize resident_before, resident_after;
  guint n_links;

  started = g_get_monotonic_time ();
  source = courant_source_open (file, NULL, &error);
  if (source == NULL)
    g_error ("%s", error->message);
  open_ms = (g_get_monotonic_time () - started) / 1000.0;

  resident_before = resident_bytes ();
  started = g_get_monotonic_time ();
  store = courant_event_store_load (source, "events", &columns, NULL, NULL, NULL, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  load_ms = (g_get_monotonic_time () - started) / 1000.0;
  g_clear_object (&source);
  resident_after = resident_bytes ();

  flows_1 = time_flows (store, 1, &n_links);
  flows_2 = time_flows (store, 2, &n_links);
  precursors = time_precursors (store);

  printf ("{\"events\": %u, \"entities\": %u, \"open_ms\": %.1f, \"load_ms\": %.1f, "
          "\"store_bytes_per_event\": %.2f, \"resident_bytes_per_event\": %.2f, "
          "\"flows_9_steps_1_thread_ms\": %.1f, \"flows_9_steps_2_threads_ms\": %.1f, "
          "\"flows_links\": %u, \"precursors_ms\": %.1f}\n",
          store->n_events, store->n_entities, open_ms, load_ms,
          (double) courant_event_store_bytes (store) / store->n_events,
          resident_after > resident_before ? (double) (resident_after - resident_before) / store->n_events : 0.0,
          flows_1, flows_2, n_links, precursors);
  return 0;
}
