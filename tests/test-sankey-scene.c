/* test-sankey-scene.c: the Sankey layout, its hit tests and its labels
 *
 * Graphs come from simulated journeys (each walker's path is counted here,
 * independently of the flows query), from hand-made layered graphs, and
 * from graphs whose uncrossed order is known. Crossings are recounted here
 * from the drawn band ends, pair by pair, as the peers' score does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "courant-sankey-scene.h"

#define EPS 1e-6

/* Walkers take @n_steps steps among @n_labels labels, preferring their
 * current label's neighbours, and drop off with some chance: node and link
 * values are the walkers' counts, with drop-offs going to "(end)". */
static CourantSankeyGraph *
simulate_journeys (guint   n_walkers,
                   guint   n_steps,
                   guint   n_labels,
                   guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *nodes = g_new0 (double, n_steps * (n_labels + 1));
  g_autofree double *links = g_new0 (double, n_steps * (n_labels + 1) * (n_labels + 1));
  g_autofree guint *ids = g_new (guint, n_steps * (n_labels + 1));
  CourantSankeyGraph *graph = courant_sankey_graph_new ();
  guint stride = n_labels + 1;

  for (guint w = 0; w < n_walkers; w++)
    {
      guint label = g_rand_int_range (rand, 0, n_labels);

      nodes[label]++;
      for (guint k = 1; k < n_steps; k++)
        {
          guint next;

          if (g_rand_double (rand) < 0.15)
            next = n_labels;   /* (end) */
          else
            next = (label + g_rand_int_range (rand, 0, 3) + n_labels - 1) % n_labels;
          nodes[k * stride + next]++;
          links[((k - 1) * stride + label) * stride + next]++;
          if (next == n_labels)
            break;
          label = next;
        }
    }

  for (guint k = 0; k < n_steps; k++)
    for (guint i = 0; i <= n_labels; i++)
      {
        g_autofree char *name = i == n_labels ? g_strdup (COURANT_FLOWS_END)
                                              : g_strdup_printf ("label %u", i);

        ids[k * stride + i] = G_MAXUINT;
        if (nodes[k * stride + i] > 0)
          ids[k * stride + i] = courant_sankey_graph_add_node (graph, k, name, nodes[k * stride + i]);
      }
  for (guint k = 0; k + 1 < n_steps; k++)
    for (guint i = 0; i < n_labels; i++)
      for (guint j = 0; j <= n_labels; j++)
        {
          double value = links[(k * stride + i) * stride + j];

          if (value > 0)
            courant_sankey_graph_add_link (graph, ids[k * stride + i], ids[(k + 1) * stride + j], value);
        }
  return graph;
}

/* The peers' score, recomputed from the scene's band ends. */
static double
recount_crossings (const CourantSankeyScene *scene)
{
  double weighted = 0;

  for (guint a = 0; a < scene->n_links; a++)
    for (guint b = a + 1; b < scene->n_links; b++)
      {
        const CourantSankeyLink *x = &scene->links[a], *y = &scene->links[b];

        if (scene->nodes[x->source].step != scene->nodes[y->source].step)
          continue;
        if ((x->y0 - y->y0) * (x->y1 - y->y1) < 0)
          weighted += x->value * y->value;
      }
  return weighted;
}

static void
check_invariants (const CourantSankeyGraph   *graph,
                  const CourantSankeyScene   *scene,
                  const CourantSankeyOptions *options)
{
  g_autofree double *in = g_new0 (double, scene->n_nodes);
  g_autofree double *out = g_new0 (double, scene->n_nodes);
  double scale = -1;

  g_assert_cmpuint (scene->n_nodes, ==, courant_sankey_graph_get_n_nodes (graph));
  g_assert_cmpuint (scene->n_links, ==, courant_sankey_graph_get_n_links (graph));

  for (guint l = 0; l < scene->n_links; l++)
    {
      const CourantSankeyLink *link = &scene->links[l];
      const CourantSankeyNode *source = &scene->nodes[link->source];
      const CourantSankeyNode *target = &scene->nodes[link->target];

      /* One scale for every band, as wide at both ends. */
      if (link->value > 0)
        {
          if (scale < 0)
            scale = link->width / link->value;
          g_assert_cmpfloat_with_epsilon (link->width / link->value, scale, EPS);
        }
      /* Each band lies inside its two nodes, and so inside the chart. */
      g_assert_cmpfloat (link->y0 - link->width / 2, >=, source->y0 - EPS);
      g_assert_cmpfloat (link->y0 + link->width / 2, <=, source->y1 + EPS);
      g_assert_cmpfloat (link->y1 - link->width / 2, >=, target->y0 - EPS);
      g_assert_cmpfloat (link->y1 + link->width / 2, <=, target->y1 + EPS);
      out[link->source] += link->width;
      in[link->target] += link->width;
    }

  for (guint v = 0; v < scene->n_nodes; v++)
    {
      const CourantSankeyNode *node = &scene->nodes[v];
      const CourantSankeyGraphNode *input = courant_sankey_graph_get_node (graph, v);
      double height = node->y1 - node->y0;
      gboolean raised = height > input->value * scale + EPS;

      g_assert_cmpuint (node->step, ==, input->step);
      g_assert_cmpstr (node->label, ==, input->label);
      g_assert_cmpfloat (height, >=, options->min_node_height - EPS);
      g_assert_cmpfloat (node->x0, >=, -EPS);
      g_assert_cmpfloat (node->x1, <=, options->width + EPS);
      g_assert_cmpfloat (node->y0, >=, -EPS);
      g_assert_cmpfloat (node->y1, <=, options->height + EPS);
      g_assert_cmpfloat (in[v], <=, height + EPS);
      g_assert_cmpfloat (out[v], <=, height + EPS);
      /* Bands fill their nodes on both sides: every walker arrives (but at
       * the first step) and leaves (but at the last step and at (end)). */
      if (!raised && node->step > 0)
        g_assert_cmpfloat_with_epsilon (in[v], height, 1e-6 * MAX (1, height));
      if (!raised && node->step + 1 < scene->n_steps && node->kind != COURANT_SANKEY_NODE_END)
        g_assert_cmpfloat_with_epsilon (out[v], height, 1e-6 * MAX (1, height));
    }

  /* No two nodes of a column overlap, and (end) is the last. */
  for (guint u = 0; u < scene->n_nodes; u++)
    for (guint v = 0; v < scene->n_nodes; v++)
      {
        const CourantSankeyNode *a = &scene->nodes[u], *b = &scene->nodes[v];

        if (u == v || a->step != b->step)
          continue;
        g_assert_true (a->y1 <= b->y0 + EPS || b->y1 <= a->y0 + EPS);
        g_assert_cmpfloat (a->x0, ==, b->x0);
        if (options->end_at_bottom && a->kind == COURANT_SANKEY_NODE_END)
          g_assert_cmpfloat (a->y0, >, b->y0);
      }

  g_assert_cmpfloat_with_epsilon (courant_sankey_scene_weighted_crossings (scene, NULL),
                                  recount_crossings (scene), 1e-9 * MAX (1, recount_crossings (scene)));
}

static void
test_invariants (void)
{
  const struct { guint walkers, steps, labels; double width, height; } cases[] = {
    { 2000, 5, 8, 1200, 600 },
    { 5000, 8, 12, 1920, 1000 },
    { 300, 4, 20, 800, 300 },     /* many small nodes: minimum heights */
    { 50, 6, 30, 600, 120 },      /* crowded: less padding, smaller minimum */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CourantSankeyGraph) graph = simulate_journeys (cases[i].walkers, cases[i].steps,
                                                               cases[i].labels, 7 + i);
      g_autoptr(CourantSankeyScene) scene = NULL;
      CourantSankeyOptions options;

      courant_sankey_options_init (&options, cases[i].width, cases[i].height);
      scene = courant_sankey_scene_new (graph, &options);
      g_assert_cmpuint (scene->n_steps, ==, cases[i].steps);
      /* The crowded case may lower the minimum; the others keep it. */
      if (i == 3)
        options.min_node_height = cases[i].height / 2 / (cases[i].labels + 1);
      check_invariants (graph, scene, &options);
    }
}

/* Three chains A→A→A…, B→B→B…, C→C→C…, listed in a different order in
 * each column: untangled, nothing crosses. */
static void
test_uncrossed_chains (void)
{
  const char *orders[][3] = {
    { "A", "B", "C" }, { "C", "A", "B" }, { "B", "C", "A" }, { "C", "B", "A" },
  };
  g_autoptr(CourantSankeyGraph) graph = courant_sankey_graph_new ();
  g_autoptr(CourantSankeyScene) scene = NULL;
  CourantSankeyOptions options;
  guint ids[4][3];

  for (guint k = 0; k < 4; k++)
    for (guint i = 0; i < 3; i++)
      ids[k][orders[k][i][0] - 'A'] = courant_sankey_graph_add_node (graph, k, orders[k][i],
                                                                     10 * (orders[k][i][0] - 'A' + 1));
  for (guint k = 0; k + 1 < 4; k++)
    for (guint c = 0; c < 3; c++)
      courant_sankey_graph_add_link (graph, ids[k][c], ids[k + 1][c], 10 * (c + 1));

  courant_sankey_options_init (&options, 800, 400);
  scene = courant_sankey_scene_new (graph, &options);
  g_assert_cmpfloat (recount_crossings (scene), ==, 0);
  check_invariants (graph, scene, &options);
}

/* A tree of splits given in the worst order: a planar drawing exists, and
 * the layout must find it. (With (end) kept at the bottom it would have to
 * move two columns at once; that constraint is off here.) */
static void
test_uncrossed_tree (void)
{
  g_autoptr(CourantSankeyGraph) graph = courant_sankey_graph_new ();
  g_autoptr(CourantSankeyScene) scene = NULL;
  CourantSankeyOptions options;
  guint root, a, b, a1, a2, b1, b2, end;

  root = courant_sankey_graph_add_node (graph, 0, "root", 100);
  b = courant_sankey_graph_add_node (graph, 1, "b", 40);
  a = courant_sankey_graph_add_node (graph, 1, "a", 60);
  b2 = courant_sankey_graph_add_node (graph, 2, "b2", 15);
  a1 = courant_sankey_graph_add_node (graph, 2, "a1", 30);
  b1 = courant_sankey_graph_add_node (graph, 2, "b1", 20);
  a2 = courant_sankey_graph_add_node (graph, 2, "a2", 30);
  end = courant_sankey_graph_add_node (graph, 2, COURANT_FLOWS_END, 5);
  courant_sankey_graph_add_link (graph, root, a, 60);
  courant_sankey_graph_add_link (graph, root, b, 40);
  courant_sankey_graph_add_link (graph, a, a1, 30);
  courant_sankey_graph_add_link (graph, a, a2, 30);
  courant_sankey_graph_add_link (graph, b, b1, 20);
  courant_sankey_graph_add_link (graph, b, b2, 15);
  courant_sankey_graph_add_link (graph, b, end, 5);

  courant_sankey_options_init (&options, 600, 300);
  options.end_at_bottom = FALSE;
  scene = courant_sankey_scene_new (graph, &options);
  g_assert_cmpfloat (recount_crossings (scene), ==, 0);
  check_invariants (graph, scene, &options);
}

/* The weighted crossings of a layout in the graph's own order, counted
 * by brute force over ranks. */
static double
input_order_crossings (const CourantSankeyGraph *graph)
{
  guint n = courant_sankey_graph_get_n_nodes (graph), m = courant_sankey_graph_get_n_links (graph);
  g_autofree guint *rank = g_new0 (guint, n);
  g_autofree guint *count = g_new0 (guint, 64);
  double weighted = 0;

  for (guint v = 0; v < n; v++)
    rank[v] = count[courant_sankey_graph_get_node (graph, v)->step]++;
  for (guint a = 0; a < m; a++)
    for (guint b = a + 1; b < m; b++)
      {
        const CourantSankeyGraphLink *x = courant_sankey_graph_get_link (graph, a);
        const CourantSankeyGraphLink *y = courant_sankey_graph_get_link (graph, b);

        if (courant_sankey_graph_get_node (graph, x->source)->step !=
            courant_sankey_graph_get_node (graph, y->source)->step)
          continue;
        if (((int) rank[x->source] - (int) rank[y->source]) *
            ((int) rank[x->target] - (int) rank[y->target]) < 0)
          weighted += x->value * y->value;
      }
  return weighted;
}

static void
test_crossings_reduced (void)
{
  for (guint seed = 1; seed <= 5; seed++)
    {
      g_autoptr(CourantSankeyGraph) graph = simulate_journeys (3000, 6, 10, seed);
      g_autoptr(CourantSankeyScene) scene = NULL;
      CourantSankeyOptions options;

      courant_sankey_options_init (&options, 1200, 800);
      options.end_at_bottom = FALSE;
      scene = courant_sankey_scene_new (graph, &options);
      g_assert_cmpfloat (recount_crossings (scene), <, input_order_crossings (graph));
    }
}

static void
test_pick (void)
{
  g_autoptr(CourantSankeyGraph) graph = simulate_journeys (1000, 4, 5, 3);
  g_autoptr(CourantSankeyScene) scene = NULL;
  CourantSankeyOptions options;
  CourantSankeyPick pick;
  double top = G_MAXDOUBLE;

  courant_sankey_options_init (&options, 900, 500);
  scene = courant_sankey_scene_new (graph, &options);

  for (guint v = 0; v < scene->n_nodes; v++)
    {
      const CourantSankeyNode *node = &scene->nodes[v];

      pick = courant_sankey_scene_pick (scene, (node->x0 + node->x1) / 2, (node->y0 + node->y1) / 2);
      g_assert_cmpint (pick.kind, ==, COURANT_SANKEY_PICK_NODE);
      g_assert_cmpuint (pick.index, ==, v);
      if (node->step == 0)
        top = MIN (top, node->y0);
    }

  /* Halfway between its nodes a band's centre is halfway between its two
   * ends (the curve is symmetric); there, the band or one drawn over it is
   * picked, and the picked one covers the point. */
  for (guint l = 0; l < scene->n_links; l++)
    {
      const CourantSankeyLink *link = &scene->links[l];
      double x = (scene->nodes[link->source].x1 + scene->nodes[link->target].x0) / 2;
      double y = (link->y0 + link->y1) / 2;

      if (link->width < 1)
        continue;
      g_assert_cmpfloat_with_epsilon (courant_sankey_scene_link_centre (scene, l, x), y, 1e-6);
      pick = courant_sankey_scene_pick (scene, x, y);
      g_assert_cmpint (pick.kind, ==, COURANT_SANKEY_PICK_LINK);
      g_assert_cmpfloat (fabs ((scene->links[pick.index].y0 + scene->links[pick.index].y1) / 2 - y), <=,
                         scene->links[pick.index].width / 2 + 1e-9);
    }

  /* Above the first column's top node there is nothing. */
  if (top > 1)
    {
      pick = courant_sankey_scene_pick (scene, scene->nodes[0].x0 + 1, top / 2);
      g_assert_cmpint (pick.kind, ==, COURANT_SANKEY_PICK_NONE);
    }
  pick = courant_sankey_scene_pick (scene, -10, -10);
  g_assert_cmpint (pick.kind, ==, COURANT_SANKEY_PICK_NONE);
}

static void
test_labels (void)
{
  const double heights[] = { 1000, 400, 150 };
  guint previous_visible = G_MAXUINT;

  for (guint h = 0; h < G_N_ELEMENTS (heights); h++)
    {
      g_autoptr(CourantSankeyGraph) graph = simulate_journeys (4000, 5, 14, 11);
      g_autoptr(CourantSankeyScene) scene = NULL;
      CourantSankeyOptions options;
      guint visible = 0, largest = 0;

      courant_sankey_options_init (&options, 1400, heights[h]);
      options.theme = courant_theme_get_light ();
      options.title = "Journeys";
      scene = courant_sankey_scene_new (graph, &options);
      g_assert_cmpstr (scene->title, ==, "Journeys");

      for (guint v = 0; v < scene->n_nodes; v++)
        {
          const CourantSankeyNode *a = &scene->nodes[v];

          if (a->value > scene->nodes[largest].value)
            largest = v;
          if (!a->label_visible)
            continue;
          visible++;
          g_assert_nonnull (a->label_text);
          g_assert_true (g_str_has_prefix (a->label_text, a->display));
          g_assert_cmpfloat (a->label_x, >=, 0);
          g_assert_cmpfloat (a->label_y, >=, 0);
          g_assert_cmpfloat (a->label_x + a->label_width, <=, options.width);
          g_assert_cmpfloat (a->label_y + a->label_height, <=, options.height);
          for (guint u = 0; u < v; u++)
            {
              const CourantSankeyNode *b = &scene->nodes[u];

              if (!b->label_visible)
                continue;
              /* Never touching either: a word space apart side by side
               * (the two labels of one gap would read as one), a pixel
               * above or below. */
              g_assert_false (a->label_x < b->label_x + b->label_width + 6 &&
                              b->label_x < a->label_x + a->label_width + 6 &&
                              a->label_y < b->label_y + b->label_height + 1 &&
                              b->label_y < a->label_y + a->label_height + 1);
            }
        }
      g_assert_true (scene->nodes[largest].label_visible);
      /* Less room, fewer labels; and at the smallest, some are dropped. */
      g_assert_cmpuint (visible, <=, previous_visible);
      previous_visible = visible;
      if (h == G_N_ELEMENTS (heights) - 1)
        g_assert_cmpuint (visible, <, scene->n_nodes);
    }
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
test_describe_and_json (void)
{
  g_autoptr(CourantSankeyGraph) graph = courant_sankey_graph_new ();
  g_autoptr(CourantSankeyScene) scene = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  CourantSankeyOptions options;
  guint web, call, shop, end;

  web = courant_sankey_graph_add_node (graph, 0, "web", 80);
  shop = courant_sankey_graph_add_node (graph, 0, "shop \"north\"", 20);
  call = courant_sankey_graph_add_node (graph, 1, "bill_issued", 70);
  end = courant_sankey_graph_add_node (graph, 1, COURANT_FLOWS_END, 30);
  courant_sankey_graph_add_link (graph, web, call, 60);
  courant_sankey_graph_add_link (graph, web, end, 20);
  courant_sankey_graph_add_link (graph, shop, call, 10);
  courant_sankey_graph_add_link (graph, shop, end, 10);

  courant_sankey_options_init (&options, 400, 200);
  scene = courant_sankey_scene_new (graph, &options);
  g_assert_cmpfloat (scene->total, ==, 100);

  text = courant_sankey_scene_describe (scene, 2);
  g_assert_nonnull (strstr (text, "100"));
  g_assert_nonnull (strstr (text, "2 steps"));
  /* People read names; the JSON, for programs, keeps the codes. */
  g_assert_cmpstr (scene->nodes[call].label, ==, "bill_issued");
  g_assert_cmpstr (scene->nodes[call].display, ==, "Bill issued");
  g_assert_nonnull (strstr (text, "Web to Bill issued: 60 (60.0%)"));
  g_assert_nonnull (strstr (text, "Web to (end): 20"));
  g_assert_null (strstr (text, "Shop"));

  json = courant_sankey_scene_to_json (scene);
  g_assert_nonnull (strstr (json, "\"id\": \"0:shop \\\"north\\\"\""));
  g_assert_nonnull (strstr (json, "\"source\": \"0:web\", \"target\": \"1:bill_issued\""));
  g_assert_null (strstr (json, "Bill issued"));
  g_assert_cmpuint (count_substrings (json, "\"x0\""), ==, 4);
  g_assert_cmpuint (count_substrings (json, "\"width\""), ==, 1 + 4);
}

/* "step:label" of the nodes of @scene, column by column from the top,
 * keeping those in @keep (or all). */
static GPtrArray *
column_orders (const CourantSankeyScene *scene,
               GHashTable               *keep)
{
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k < scene->n_steps; k++)
    for (guint r = 0; r < scene->n_nodes; r++)
      for (guint v = 0; v < scene->n_nodes; v++)
        if (scene->nodes[v].step == k && scene->nodes[v].rank == r)
          {
            char *key = g_strdup_printf ("%u:%s", k, scene->nodes[v].label);

            if (keep == NULL || g_hash_table_contains (keep, key))
              g_ptr_array_add (order, key);
            else
              g_free (key);
          }
  return order;
}

static GHashTable *
node_values (const CourantSankeyGraph *graph)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint v = 0; v < courant_sankey_graph_get_n_nodes (graph); v++)
    {
      const CourantSankeyGraphNode *node = courant_sankey_graph_get_node (graph, v);

      g_hash_table_insert (values, g_strdup_printf ("%u:%s", node->step, node->label),
                           g_memdup2 (&node->value, sizeof (double)));
    }
  return values;
}

static double
value_of (GHashTable *values,
          const char *key)
{
  const double *value = g_hash_table_lookup (values, key);

  return value != NULL ? *value : 0;
}

/* Two segments side by side: laid out in the order of their union, the
 * nodes they share come in the same order in both, "(end)" last. */
static void
test_shared_order (void)
{
  g_autoptr(CourantSankeyGraph) a = simulate_journeys (2000, 5, 8, 11);
  g_autoptr(CourantSankeyGraph) b = simulate_journeys (700, 5, 10, 12);
  g_autoptr(CourantSankeyGraph) both = courant_sankey_graph_new_union (a, b);
  g_autoptr(CourantSankeyScene) order = NULL;
  g_autoptr(CourantSankeyScene) scene_a = NULL;
  g_autoptr(CourantSankeyScene) scene_b = NULL;
  g_autoptr(CourantSankeyScene) alone_b = NULL;
  g_autoptr(GHashTable) values_a = node_values (a);
  g_autoptr(GHashTable) values_b = node_values (b);
  g_autoptr(GHashTable) values_both = node_values (both);
  g_autoptr(GHashTable) shared = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order_a = NULL;
  g_autoptr(GPtrArray) order_b = NULL;
  g_autoptr(GPtrArray) order_alone = NULL;
  GHashTableIter iter;
  gpointer key;
  CourantSankeyOptions options;

  /* The union holds every node once, with both values added up. */
  g_hash_table_iter_init (&iter, values_a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (values_b, key))
      g_hash_table_add (shared, key);
  g_assert_cmpuint (g_hash_table_size (shared), >, 10);
  g_assert_cmpuint (g_hash_table_size (shared), <, g_hash_table_size (values_b));
  g_assert_cmpuint (g_hash_table_size (values_both), ==,
                    g_hash_table_size (values_a) + g_hash_table_size (values_b) - g_hash_table_size (shared));
  g_hash_table_iter_init (&iter, values_both);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_cmpfloat_with_epsilon (value_of (values_both, key),
                                    value_of (values_a, key) + value_of (values_b, key), 1e-9);

  courant_sankey_options_init (&options, 900, 600);
  order = courant_sankey_scene_new (both, &options);
  options.order = order;
  scene_a = courant_sankey_scene_new (a, &options);
  scene_b = courant_sankey_scene_new (b, &options);
  check_invariants (a, scene_a, &options);
  check_invariants (b, scene_b, &options);

  order_a = column_orders (scene_a, shared);
  order_b = column_orders (scene_b, shared);
  g_assert_cmpuint (order_a->len, ==, g_hash_table_size (shared));
  g_assert_cmpuint (order_a->len, ==, order_b->len);
  for (guint i = 0; i < order_a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (order_a, i), ==, g_ptr_array_index (order_b, i));

  /* (end) stays at the bottom of every column. */
  for (guint v = 0; v < scene_b->n_nodes; v++)
    if (scene_b->nodes[v].kind == COURANT_SANKEY_NODE_END)
      for (guint w = 0; w < scene_b->n_nodes; w++)
        if (scene_b->nodes[w].step == scene_b->nodes[v].step)
          g_assert_cmpuint (scene_b->nodes[w].rank, <=, scene_b->nodes[v].rank);

  /* Without the shared order, B alone would be ordered differently: the
   * test is not satisfied by chance. */
  options.order = NULL;
  alone_b = courant_sankey_scene_new (b, &options);
  order_alone = column_orders (alone_b, shared);
  {
    gboolean differs = FALSE;

    for (guint i = 0; i < order_alone->len; i++)
      differs |= g_strcmp0 (g_ptr_array_index (order_alone, i), g_ptr_array_index (order_a, i)) != 0;
    g_assert_true (differs);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sankey-scene/invariants", test_invariants);
  g_test_add_func ("/sankey-scene/uncrossed-chains", test_uncrossed_chains);
  g_test_add_func ("/sankey-scene/uncrossed-tree", test_uncrossed_tree);
  g_test_add_func ("/sankey-scene/crossings-reduced", test_crossings_reduced);
  g_test_add_func ("/sankey-scene/pick", test_pick);
  g_test_add_func ("/sankey-scene/labels", test_labels);
  g_test_add_func ("/sankey-scene/describe-and-json", test_describe_and_json);
  g_test_add_func ("/sankey-scene/shared-order", test_shared_order);

  return g_test_run ();
}
