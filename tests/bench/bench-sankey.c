/* bench-sankey.c: the Sankey layout's time and crossings, against the peers
 *
 *   bench-sankey                      times the layout of generated graphs
 *   bench-sankey --generate KIND      prints a flows graph as the peers read it
 *                [--seed N]           (KIND: random, wide, grid, big)
 *   bench-sankey --layout FLOWS.json  prints our layout in the peers' shape
 *                [--width W --height H]
 *
 * tests/bench/run-sankey-peers.sh puts these next to d3-sankey's figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "courant-sankey-scene.h"

/* A layered graph shaped like journeys: @n_steps columns of @per_step
 * labels, each node linked to about @degree nodes of the next column, with
 * heavy-tailed values; drop-offs go to "(end)" when @with_end. */
static CourantSankeyGraph *
generate (guint    n_steps,
          guint    per_step,
          guint    degree,
          gboolean with_end,
          guint32  seed)
{
  CourantSankeyGraph *graph = courant_sankey_graph_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *in = g_new0 (double, (gsize) n_steps * (per_step + 1));
  g_autofree double *out = g_new0 (double, (gsize) n_steps * (per_step + 1));
  g_autofree guint *ids = g_new (guint, (gsize) n_steps * (per_step + 1));
  guint stride = per_step + 1;

  /* Links first, then node values from them. */
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (CourantSankeyGraphLink));

  for (guint k = 0; k + 1 < n_steps; k++)
    for (guint i = 0; i < per_step; i++)
      {
        guint n = 1 + g_rand_int_range (rand, 0, 2 * degree);

        for (guint e = 0; e < n; e++)
          {
            /* Neighbours near the same label are likelier, as in journeys. */
            int j = (int) i + (int) (g_rand_double (rand) * g_rand_double (rand) * per_step) *
                    (g_rand_boolean (rand) ? 1 : -1);
            CourantSankeyGraphLink link;
            gboolean dup = FALSE;

            j = ((j % (int) per_step) + (int) per_step) % (int) per_step;
            link.source = k * stride + i;
            link.target = (k + 1) * stride + j;
            link.value = floor (1 + 1000 * pow (g_rand_double (rand), 3));
            for (guint d = 0; d < links->len && !dup; d++)
              dup = g_array_index (links, CourantSankeyGraphLink, d).source == link.source &&
                    g_array_index (links, CourantSankeyGraphLink, d).target == link.target;
            if (dup)
              continue;
            g_array_append_val (links, link);
            out[link.source] += link.value;
            in[link.target] += link.value;
          }
        if (with_end)
          {
            CourantSankeyGraphLink link = { k * stride + i, (k + 1) * stride + per_step,
                                            floor (1 + 200 * g_rand_double (rand)) };

            g_array_append_val (links, link);
            out[link.source] += link.value;
            in[link.target] += link.value;
          }
      }

  for (guint k = 0; k < n_steps; k++)
    for (guint i = 0; i <= per_step; i++)
      {
        guint v = k * stride + i;
        double value = MAX (in[v], out[v]);
        g_autofree char *label = i == per_step ? g_strdup (COURANT_FLOWS_END)
                                               : g_strdup_printf ("event-%02u", i);

        ids[v] = G_MAXUINT;
        if (value > 0)
          ids[v] = courant_sankey_graph_add_node (graph, k, label, value);
      }
  for (guint l = 0; l < links->len; l++)
    {
      CourantSankeyGraphLink *link = &g_array_index (links, CourantSankeyGraphLink, l);

      courant_sankey_graph_add_link (graph, ids[link->source], ids[link->target], link->value);
    }
  return graph;
}

static CourantSankeyGraph *
generate_kind (const char *kind,
               guint32     seed)
{
  if (g_str_equal (kind, "random"))
    return generate (5, 10, 3, TRUE, seed);
  if (g_str_equal (kind, "wide"))
    return generate (6, 25, 4, TRUE, seed);
  if (g_str_equal (kind, "grid"))       /* 8 steps × 12 labels */
    return generate (8, 12, 5, TRUE, seed);
  if (g_str_equal (kind, "big"))        /* about 500 nodes and 7,400 links */
    return generate (5, 99, 19, TRUE, seed);
  g_printerr ("bench-sankey: unknown kind “%s”\n", kind);
  return NULL;
}

static char *
node_id (const CourantSankeyGraphNode *node)
{
  return g_strdup_printf ("%u:%s", node->step, node->label);
}

static void
print_graph (const CourantSankeyGraph *graph)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint v = 0; v < courant_sankey_graph_get_n_nodes (graph); v++)
    {
      const CourantSankeyGraphNode *node = courant_sankey_graph_get_node (graph, v);
      g_autofree char *id = node_id (node);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "step");
      json_builder_add_int_value (builder, node->step);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, node->label);
      json_builder_set_member_name (builder, "value");
      json_builder_add_double_value (builder, node->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (guint l = 0; l < courant_sankey_graph_get_n_links (graph); l++)
    {
      const CourantSankeyGraphLink *link = courant_sankey_graph_get_link (graph, l);
      g_autofree char *source = node_id (courant_sankey_graph_get_node (graph, link->source));
      g_autofree char *target = node_id (courant_sankey_graph_get_node (graph, link->target));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source);
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, target);
      json_builder_set_member_name (builder, "value");
      json_builder_add_double_value (builder, link->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  puts (text);
}

/* Reads the flows shape of courant-cli flows --format json (or --generate). */
static CourantSankeyGraph *
read_graph (const char  *path,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  CourantSankeyGraph *graph;
  JsonObject *root;
  JsonArray *nodes, *links;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  nodes = json_object_get_array_member (root, "nodes");
  links = json_object_get_array_member (root, "links");

  graph = courant_sankey_graph_new ();
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      guint v = courant_sankey_graph_add_node (graph,
                                               json_object_get_int_member (node, "step"),
                                               json_object_get_string_member (node, "label"),
                                               json_object_get_double_member (node, "value"));

      g_hash_table_insert (ids, (gpointer) json_object_get_string_member (node, "id"),
                           GUINT_TO_POINTER (v + 1));
    }
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      guint source = GPOINTER_TO_UINT (g_hash_table_lookup (ids, json_object_get_string_member (link, "source")));
      guint target = GPOINTER_TO_UINT (g_hash_table_lookup (ids, json_object_get_string_member (link, "target")));

      courant_sankey_graph_add_link (graph, source - 1, target - 1,
                                     json_object_get_double_member (link, "value"));
    }
  return graph;
}

/* The best of a few runs, as the peers' script does. */
static double
time_layout (const CourantSankeyGraph   *graph,
             const CourantSankeyOptions *options,
             CourantSankeyScene        **scene_out)
{
  double best = G_MAXDOUBLE;

  for (int run = 0; run < 5; run++)
    {
      gint64 started = g_get_monotonic_time ();
      CourantSankeyScene *scene = courant_sankey_scene_new (graph, options);

      best = MIN (best, (g_get_monotonic_time () - started) / 1000.0);
      if (scene_out != NULL && *scene_out == NULL)
        *scene_out = scene;
      else
        courant_sankey_scene_free (scene);
    }
  return best;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— the Sankey layout benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *layout_path = NULL;
  int seed = 1, width = 1920, height = 1000;
  gboolean end_anywhere = FALSE;
  CourantSankeyOptions options;
  const GOptionEntry entries[] = {
    { "generate", 0, 0, G_OPTION_ARG_STRING, &kind, "Print a generated graph", "KIND" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated graph", "N" },
    { "layout", 0, 0, G_OPTION_ARG_FILENAME, &layout_path, "Lay out a flows JSON file", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in px", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height in px", "H" },
    { "end-anywhere", 0, 0, G_OPTION_ARG_NONE, &end_anywhere, "Do not keep (end) at the bottom", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-sankey: %s\n", error->message);
      return 2;
    }
  courant_sankey_options_init (&options, width, height);
  options.end_at_bottom = !end_anywhere;

  if (kind != NULL)
    {
      g_autoptr(CourantSankeyGraph) graph = generate_kind (kind, seed);

      if (graph == NULL)
        return 2;
      print_graph (graph);
      return 0;
    }

  if (layout_path != NULL)
    {
      g_autoptr(CourantSankeyGraph) graph = read_graph (layout_path, &error);
      g_autoptr(CourantSankeyScene) scene = NULL;
      g_autofree char *json = NULL;
      double ms;

      if (graph == NULL)
        {
          g_printerr ("bench-sankey: %s\n", error->message);
          return 1;
        }
      ms = time_layout (graph, &options, &scene);
      json = courant_sankey_scene_to_json (scene);
      fputs (json, stdout);
      g_printerr ("{\"engine\": \"courant\", \"layout_ms\": %.2f, \"weighted_crossings\": %.1f}\n",
                  ms, courant_sankey_scene_weighted_crossings (scene, NULL));
      return 0;
    }

  {
    const char *kinds[] = { "random", "wide", "grid", "big" };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      {
        g_autoptr(CourantSankeyGraph) graph = generate_kind (kinds[i], seed);
        g_autoptr(CourantSankeyScene) scene = NULL;
        double ms = time_layout (graph, &options, &scene);

        g_print ("{\"graph\": \"%s\", \"nodes\": %u, \"links\": %u, \"layout_ms\": %.2f, "
                 "\"weighted_crossings\": %.1f}\n",
                 kinds[i], scene->n_nodes, scene->n_links, ms,
                 courant_sankey_scene_weighted_crossings (scene, NULL));
      }
  }
  return 0;
}
