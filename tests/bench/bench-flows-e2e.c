/* bench-flows-e2e.c: from an option change to a drawn Sankey, on 1M customers
 *
 * Usage: bench-flows-e2e [DEMO.sqlite [REPEATS]]   (or COURANT_BENCH_EVENTS=…)
 * Default: /tmp/h6-demo20m.sqlite (1M customers, about 20M events), 7 repeats.
 *
 * The events are loaded into the columnar store once, as the journeys page
 * does; then each option change a user can make on that page is timed the
 * way the page redraws after it: the flows query (data/courant-flows), the
 * layout (widgets/courant-sankey-scene, with the theme, so that labels are
 * measured and placed) and the render to a 1600 × 900 image surface
 * (widgets/courant-sankey-render). Every change starts from the page's
 * defaults (5 steps, repeats collapsed, top 12 per step, by event).
 * Prints one JSON object; times in milliseconds, median and max over the
 * repeats. The layout and the render run on one thread: their CPU time is
 * printed too, which other processes on a busy machine do not inflate.
 * The query runs on up to two threads: "query_cpu" is the process's CPU
 * time over it, both threads added up.
 * "cairo_render_cpu" is the peer of the render: the same drawing with
 * every band filled by Cairo (recorded, then replayed on the same image),
 * as the renderer did before it rasterised bands itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "courant-event-store.h"
#include "courant-flows.h"
#include "courant-sankey-render.h"
#include "courant-sankey-scene.h"
#include "courant-theme.h"

#define WIDTH  1600
#define HEIGHT 900
#define DAY_MS (86400 * G_GINT64_CONSTANT (1000))

typedef enum
{
  CHANGE_STEPS_4,
  CHANGE_STEPS_8,
  CHANGE_START_WITH,
  CHANGE_END_WITH,
  CHANGE_HIDE,
  CHANGE_SEGMENT,
  CHANGE_BY_CHANNEL,
  CHANGE_DATE_RANGE,
  N_CHANGES
} Change;

static const char *const change_names[N_CHANGES] = {
  "steps 4", "steps 8", "starts with call", "ends with termination",
  "hide bill_viewed", "segment professional", "by channel", "last 90 days",
};

typedef struct
{
  double query;
  double layout;
  double render;
  double total;
  double query_cpu;
  double layout_cpu;
  double render_cpu;
  double cairo_render_cpu;
} Phases;

/* What the changes need besides the store. */
typedef struct
{
  CourantEventStore *store;
  guint8            *professional;
  gint64             last_time;
} Bench;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
elapsed_ms (gint64 started)
{
  return (g_get_monotonic_time () - started) / 1000.0;
}

static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static double
process_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static void
set_options (const Bench         *bench,
             Change               change,
             CourantFlowsOptions *options)
{
  static const char *const hidden[] = { "bill_viewed", NULL };

  /* The journeys page's defaults. */
  courant_flows_options_init (options);
  options->n_steps = 5;
  options->collapse_repeats = TRUE;
  options->top_n = 12;

  switch (change)
    {
    case CHANGE_STEPS_4:
      options->n_steps = 4;
      break;
    case CHANGE_STEPS_8:
      options->n_steps = 8;
      break;
    case CHANGE_START_WITH:
      options->anchor = COURANT_FLOWS_ANCHOR_START;
      options->anchor_event = "call";
      break;
    case CHANGE_END_WITH:
      options->anchor = COURANT_FLOWS_ANCHOR_END;
      options->anchor_event = "termination";
      break;
    case CHANGE_HIDE:
      options->hidden_events = hidden;
      break;
    case CHANGE_SEGMENT:
      options->entity_mask = bench->professional;
      break;
    case CHANGE_BY_CHANNEL:
      options->label = COURANT_FLOWS_BY_CHANNEL;
      break;
    case CHANGE_DATE_RANGE:
      options->time_from = bench->last_time - 90 * DAY_MS;
      break;
    case N_CHANGES:
    default:
      g_assert_not_reached ();
    }
}

/* The CPU time of the render with Cairo's own fills: a recording surface
 * is not an image, so the renderer hands every band to Cairo there. */
static double
render_by_cairo (const CourantSankeyScene *scene,
                 const CourantTheme       *theme)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (recording);
  double cpu = thread_cpu_ms ();

  courant_sankey_render (cr, scene, theme);
  cairo_destroy (cr);
  cr = cairo_create (surface);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cpu = thread_cpu_ms () - cpu;
  cairo_surface_destroy (surface);
  cairo_surface_destroy (recording);
  return cpu;
}

/* One redraw after @change: query, layout, render. */
static Phases
redraw (const Bench *bench,
        Change       change,
        guint       *n_nodes,
        guint       *n_links)
{
  const CourantTheme *theme = courant_theme_get (FALSE);
  g_autoptr(CourantFlowsResult) flows = NULL;
  g_autoptr(GError) error = NULL;
  CourantFlowsOptions flows_options;
  CourantSankeyOptions options;
  CourantSankeyGraph *graph;
  CourantSankeyScene *scene;
  cairo_surface_t *surface;
  cairo_t *cr;
  Phases phases;
  gint64 started;
  double cpu;

  set_options (bench, change, &flows_options);
  started = g_get_monotonic_time ();
  cpu = process_cpu_ms ();
  flows = courant_flows_compute (bench->store, &flows_options, NULL, &error);
  if (flows == NULL)
    g_error ("%s: %s", change_names[change], error->message);
  phases.query = elapsed_ms (started);
  phases.query_cpu = process_cpu_ms () - cpu;

  started = g_get_monotonic_time ();
  cpu = thread_cpu_ms ();
  graph = courant_sankey_graph_new_from_flows (flows);
  courant_sankey_options_init (&options, WIDTH, HEIGHT);
  options.theme = theme;
  scene = courant_sankey_scene_new (graph, &options);
  phases.layout = elapsed_ms (started);
  phases.layout_cpu = thread_cpu_ms () - cpu;

  started = g_get_monotonic_time ();
  cpu = thread_cpu_ms ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  courant_sankey_render (cr, scene, theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  phases.render = elapsed_ms (started);
  phases.render_cpu = thread_cpu_ms () - cpu;

  phases.cairo_render_cpu = render_by_cairo (scene, theme);
  phases.total = phases.query + phases.layout + phases.render;
  *n_nodes = scene->n_nodes;
  *n_links = scene->n_links;
  cairo_surface_destroy (surface);
  courant_sankey_scene_free (scene);
  courant_sankey_graph_free (graph);
  return phases;
}

static void
print_stat (const char *name,
            double     *values,
            guint       n,
            gboolean    last)
{
  qsort (values, n, sizeof (double), compare_doubles);
  printf ("\"%s_ms\": {\"median\": %.1f, \"max\": %.1f}%s", name, values[n / 2], values[n - 1],
          last ? "" : ", ");
}

int
main (int    argc,
      char **argv)
{
  const char *path = argc > 1 ? argv[1] : g_getenv ("COURANT_BENCH_EVENTS");
  guint repeats = argc > 2 ? (guint) atoi (argv[2]) : 7;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantEntityAttribute) segment = NULL;
  g_autoptr(GError) error = NULL;
  CourantEventColumns columns = { "customer_id", "ts", "event", "channel", NULL, 0 };
  Bench bench = { 0 };
  double load_ms, attribute_ms, over_max = 0;
  gint64 started;

  if (path == NULL)
    path = "/tmp/h6-demo20m.sqlite";
  repeats = MAX (repeats, 1);

  file = g_file_new_for_path (path);
  source = courant_source_open (file, NULL, &error);
  if (source == NULL)
    g_error ("%s", error->message);

  started = g_get_monotonic_time ();
  bench.store = courant_event_store_load (source, "events", &columns, NULL, NULL, NULL, &error);
  if (bench.store == NULL)
    g_error ("%s", error->message);
  load_ms = elapsed_ms (started);

  started = g_get_monotonic_time ();
  segment = courant_event_store_load_attribute (bench.store, source, "customers", "customer_id",
                                                "segment", NULL, &error);
  if (segment == NULL)
    g_error ("%s", error->message);
  bench.professional = courant_entity_attribute_mask (segment, "professional");
  attribute_ms = elapsed_ms (started);
  for (guint i = 0; i < bench.store->n_events; i++)
    bench.last_time = MAX (bench.last_time, bench.store->time[i]);

  printf ("{\"file\": \"%s\", \"entities\": %u, \"events\": %u, \"load_ms\": %.0f, "
          "\"segment_load_ms\": %.0f, \"repeats\": %u, \"size\": \"%dx%d\", \"changes\": [\n",
          path, bench.store->n_entities, bench.store->n_events, load_ms, attribute_ms, repeats,
          WIDTH, HEIGHT);

  for (Change change = 0; change < N_CHANGES; change++)
    {
      g_autofree double *query = g_new (double, repeats);
      g_autofree double *layout = g_new (double, repeats);
      g_autofree double *render = g_new (double, repeats);
      g_autofree double *total = g_new (double, repeats);
      g_autofree double *query_cpu = g_new (double, repeats);
      g_autofree double *layout_cpu = g_new (double, repeats);
      g_autofree double *render_cpu = g_new (double, repeats);
      g_autofree double *cairo_render_cpu = g_new (double, repeats);
      guint n_nodes = 0, n_links = 0;

      for (guint r = 0; r < repeats; r++)
        {
          Phases phases = redraw (&bench, change, &n_nodes, &n_links);

          query[r] = phases.query;
          layout[r] = phases.layout;
          render[r] = phases.render;
          total[r] = phases.total;
          query_cpu[r] = phases.query_cpu;
          layout_cpu[r] = phases.layout_cpu;
          render_cpu[r] = phases.render_cpu;
          cairo_render_cpu[r] = phases.cairo_render_cpu;
        }
      printf ("  {\"change\": \"%s\", \"nodes\": %u, \"links\": %u, ",
              change_names[change], n_nodes, n_links);
      print_stat ("query", query, repeats, FALSE);
      print_stat ("layout", layout, repeats, FALSE);
      print_stat ("render", render, repeats, FALSE);
      print_stat ("query_cpu", query_cpu, repeats, FALSE);
      print_stat ("layout_cpu", layout_cpu, repeats, FALSE);
      print_stat ("render_cpu", render_cpu, repeats, FALSE);
      print_stat ("cairo_render_cpu", cairo_render_cpu, repeats, FALSE);
      print_stat ("total", total, repeats, TRUE);
      printf ("}%s\n", change + 1 < N_CHANGES ? "," : "");
      over_max = MAX (over_max, total[repeats / 2]);
    }
  printf ("], \"worst_median_total_ms\": %.1f, \"under_200_ms\": %s}\n",
          over_max, over_max < 200 ? "true" : "false");

  g_free (bench.professional);
  courant_event_store_unref (bench.store);
  return 0;
}
