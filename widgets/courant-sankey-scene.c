/* courant-sankey-scene.c: the layout of a Sankey diagram of journeys
 *
 * The layout runs in three phases. First the order of the nodes in each
 * column, which alone decides how many bands cross (bands are sorted at
 * each node by the order of the nodes at their other end, so two bands
 * cross only when their four nodes do): sweeps in both directions that
 * sort each column by where its bands arrive (band ends, barycentres of
 * ranks or of values, weighted medians), each followed by adjacent
 * exchanges, keeping the order with the fewest weighted crossings, then
 * sifting (each node tried at every place of its column). Then the vertical place of
 * each node, with that order fixed: each node is pulled towards where its
 * bands would run straight, and the column is projected back onto the
 * orders that fit (no overlap, padding, inside the chart) by a weighted
 * isotonic regression, which moves heavy nodes least. Last, the labels,
 * largest nodes first, each shown only where it touches no other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "courant-format.h"
#include "courant-labels.h"
#include "courant-sankey-scene.h"
#include "courant-text.h"

#define LABEL_GAP      6.0
#define LABEL_SPACING  6.0
#define TITLE_GAP      8.0
#define SWEEPS         6
#define TRANSPOSE_MAX  2
#define SIFT_PASSES    2
#define LARGE_GRAPH    2000   /* links */

struct _CourantSankeyGraph
{
  GArray       *nodes;   /* of CourantSankeyGraphNode */
  GArray       *links;   /* of CourantSankeyGraphLink */
  GArray       *members; /* of CourantSankeyGraphMember, node after node */
  GStringChunk *labels;
};

CourantSankeyGraph *
courant_sankey_graph_new (void)
{
  CourantSankeyGraph *graph = g_new0 (CourantSankeyGraph, 1);

  graph->nodes = g_array_new (FALSE, FALSE, sizeof (CourantSankeyGraphNode));
  graph->links = g_array_new (FALSE, FALSE, sizeof (CourantSankeyGraphLink));
  graph->members = g_array_new (FALSE, FALSE, sizeof (CourantSankeyGraphMember));
  graph->labels = g_string_chunk_new (1024);
  return graph;
}

void
courant_sankey_graph_free (CourantSankeyGraph *graph)
{
  if (graph == NULL)
    return;
  g_array_unref (graph->nodes);
  g_array_unref (graph->links);
  g_array_unref (graph->members);
  g_string_chunk_free (graph->labels);
  g_free (graph);
}

guint
courant_sankey_graph_add_node (CourantSankeyGraph *graph,
                               guint               step,
                               const char         *label,
                               double              value)
{
  CourantSankeyGraphNode node;

  g_return_val_if_fail (graph != NULL, 0);
  g_return_val_if_fail (label != NULL, 0);

  node.step = step;
  node.label = g_string_chunk_insert_const (graph->labels, label);
  node.value = MAX (value, 0);
  node.first_member = 0;
  node.n_members = 0;
  g_array_append_val (graph->nodes, node);
  return graph->nodes->len - 1;
}

void
courant_sankey_graph_add_link (CourantSankeyGraph *graph,
                               guint               source,
                               guint               target,
                               double              value)
{
  CourantSankeyGraphLink link = { source, target, MAX (value, 0), NAN };

  g_return_if_fail (graph != NULL);
  g_return_if_fail (source < graph->nodes->len && target < graph->nodes->len);
  g_return_if_fail (g_array_index (graph->nodes, CourantSankeyGraphNode, target).step ==
                    g_array_index (graph->nodes, CourantSankeyGraphNode, source).step + 1);

  g_array_append_val (graph->links, link);
}

void
courant_sankey_graph_add_member (CourantSankeyGraph *graph,
                                 guint               node,
                                 const char         *label,
                                 double              value)
{
  CourantSankeyGraphMember member;
  CourantSankeyGraphNode *owner;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (node < graph->nodes->len);
  g_return_if_fail (label != NULL);

  owner = &g_array_index (graph->nodes, CourantSankeyGraphNode, node);
  g_return_if_fail (owner->n_members == 0 ||
                    owner->first_member + owner->n_members == graph->members->len);

  if (owner->n_members == 0)
    owner->first_member = graph->members->len;
  owner->n_members++;
  member.label = g_string_chunk_insert_const (graph->labels, label);
  member.value = MAX (value, 0);
  g_array_append_val (graph->members, member);
}

const CourantSankeyGraphMember *
courant_sankey_graph_get_member (const CourantSankeyGraph *graph,
                                 guint                     node,
                                 guint                     index)
{
  const CourantSankeyGraphNode *owner;

  g_return_val_if_fail (graph != NULL && node < graph->nodes->len, NULL);
  owner = &g_array_index (graph->nodes, CourantSankeyGraphNode, node);
  g_return_val_if_fail (index < owner->n_members, NULL);
  return &g_array_index (graph->members, CourantSankeyGraphMember, owner->first_member + index);
}

CourantSankeyGraph *
courant_sankey_graph_new_from_flows (const CourantFlowsResult *flows)
{
  CourantSankeyGraph *graph;

  g_return_val_if_fail (flows != NULL, NULL);

  graph = courant_sankey_graph_new ();
  for (guint i = 0; i < flows->nodes->len; i++)
    {
      const CourantFlowsNode *node = &g_array_index (flows->nodes, CourantFlowsNode, i);

      courant_sankey_graph_add_node (graph, node->step, node->label, node->value);
      for (guint m = 0; node->members != NULL && m < node->members->len; m++)
        {
          const CourantFlowsMember *member = &g_array_index (node->members, CourantFlowsMember, m);

          courant_sankey_graph_add_member (graph, i, member->label, member->value);
        }
    }
  for (guint i = 0; i < flows->links->len; i++)
    {
      const CourantFlowsLink *link = &g_array_index (flows->links, CourantFlowsLink, i);

      courant_sankey_graph_add_link (graph, link->source, link->target, link->value);
      g_array_index (graph->links, CourantSankeyGraphLink, graph->links->len - 1).mean_gap_ms = link->mean_gap_ms;
    }
  return graph;
}

static char *
node_key (guint       step,
          const char *label)
{
  return g_strdup_printf ("%u\x1f%s", step, label);
}

static void
union_add_nodes (const CourantSankeyGraph *graph,
                 GHashTable               *index,
                 GArray                   *nodes)
{
  for (guint v = 0; v < graph->nodes->len; v++)
    {
      const CourantSankeyGraphNode *node = &g_array_index (graph->nodes, CourantSankeyGraphNode, v);
      char *key = node_key (node->step, node->label);
      gpointer at;

      if (g_hash_table_lookup_extended (index, key, NULL, &at))
        {
          g_array_index (nodes, CourantSankeyGraphNode, GPOINTER_TO_UINT (at)).value += node->value;
          g_free (key);
        }
      else
        {
          g_hash_table_insert (index, key, GUINT_TO_POINTER (nodes->len));
          g_array_append_vals (nodes, node, 1);
        }
    }
}

static int
compare_union_nodes (gconstpointer a,
                     gconstpointer b)
{
  const CourantSankeyGraphNode *x = a, *y = b;

  if (x->step != y->step)
    return x->step < y->step ? -1 : 1;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return strcmp (x->label, y->label);
}

static void
union_add_links (CourantSankeyGraph       *graph,
                 const CourantSankeyGraph *part,
                 GHashTable               *index,
                 GHashTable               *links)
{
  for (guint l = 0; l < part->links->len; l++)
    {
      const CourantSankeyGraphLink *link = &g_array_index (part->links, CourantSankeyGraphLink, l);
      const CourantSankeyGraphNode *source = &g_array_index (part->nodes, CourantSankeyGraphNode, link->source);
      const CourantSankeyGraphNode *target = &g_array_index (part->nodes, CourantSankeyGraphNode, link->target);
      g_autofree char *source_key = node_key (source->step, source->label);
      g_autofree char *target_key = node_key (target->step, target->label);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (index, source_key));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (index, target_key));
      gpointer key = GUINT_TO_POINTER (from * graph->nodes->len + to + 1);
      gpointer at;

      if (g_hash_table_lookup_extended (links, key, NULL, &at))
        g_array_index (graph->links, CourantSankeyGraphLink, GPOINTER_TO_UINT (at)).value += link->value;
      else
        {
          g_hash_table_insert (links, key, GUINT_TO_POINTER (graph->links->len));
          courant_sankey_graph_add_link (graph, from, to, link->value);
        }
    }
}

CourantSankeyGraph *
courant_sankey_graph_new_union (const CourantSankeyGraph *a,
                                const CourantSankeyGraph *b)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) links = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (CourantSankeyGraphNode));
  CourantSankeyGraph *graph;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  union_add_nodes (a, index, nodes);
  union_add_nodes (b, index, nodes);
  /* By step, then value, as a flows result lists them: the layout's
   * first order. */
  g_array_sort (nodes, compare_union_nodes);
  graph = courant_sankey_graph_new ();
  g_hash_table_remove_all (index);
  for (guint v = 0; v < nodes->len; v++)
    {
      const CourantSankeyGraphNode *node = &g_array_index (nodes, CourantSankeyGraphNode, v);

      courant_sankey_graph_add_node (graph, node->step, node->label, node->value);
      g_hash_table_insert (index, node_key (node->step, node->label), GUINT_TO_POINTER (v));
    }
  union_add_links (graph, a, index, links);
  union_add_links (graph, b, index, links);
  return graph;
}

guint
courant_sankey_graph_get_n_nodes (const CourantSankeyGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);
  return graph->nodes->len;
}

guint
courant_sankey_graph_get_n_links (const CourantSankeyGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);
  return graph->links->len;
}

const CourantSankeyGraphNode *
courant_sankey_graph_get_node (const CourantSankeyGraph *graph,
                               guint                     index)
{
  g_return_val_if_fail (graph != NULL && index < graph->nodes->len, NULL);
  return &g_array_index (graph->nodes, CourantSankeyGraphNode, index);
}

const CourantSankeyGraphLink *
courant_sankey_graph_get_link (const CourantSankeyGraph *graph,
                               guint                     index)
{
  g_return_val_if_fail (graph != NULL && index < graph->links->len, NULL);
  return &g_array_index (graph->links, CourantSankeyGraphLink, index);
}

void
courant_sankey_options_init (CourantSankeyOptions *options,
                             double                width,
                             double                height)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->width = width;
  options->height = height;
  options->node_width = 16;
  options->node_padding = 8;
  options->min_node_height = 2;
  options->end_at_bottom = TRUE;
  options->iterations = 16;
}

/* The working state of one layout. Links are kept in compressed rows:
 * out_links[out_start[v] .. out_start[v + 1]) leave node v, and likewise
 * for in_links; columns list their nodes from the top in order[]. */
typedef struct
{
  const CourantSankeyGraphNode *nodes;
  const CourantSankeyGraphLink *links;
  guint    n_nodes;
  guint    n_links;
  guint    n_steps;
  guint   *column_start;   /* n_steps + 1 */
  guint   *order;          /* n_nodes */
  guint   *rank;           /* n_nodes */
  gboolean *pinned;        /* (end) nodes kept last */
  guint   *out_start;
  guint   *out_links;
  guint   *in_start;
  guint   *in_links;
  double  *key;            /* sort keys of one sweep */
  double  *fenwick;        /* weights by target rank */
  double  *position;       /* normalised place of each node in its column */
  double  *port;           /* normalised place of each band at one end */
  guint   *sorted;         /* links, sorted per node by their other end */
  guint   *fill;
} Layout;

typedef enum
{
  KEY_PORTS,
  KEY_BARYCENTRE_RANK,
  KEY_BARYCENTRE_VALUE,
  KEY_MEDIAN,
  N_KEYS
} KeyKind;

static void
build_rows (guint                         n_nodes,
            guint                         n_links,
            const CourantSankeyGraphLink *links,
            gboolean                      outgoing,
            guint                       **start_out,
            guint                       **rows_out)
{
  guint *start = g_new0 (guint, n_nodes + 1);
  guint *rows = g_new (guint, MAX (n_links, 1));
  g_autofree guint *fill = NULL;

  for (guint i = 0; i < n_links; i++)
    start[(outgoing ? links[i].source : links[i].target) + 1]++;
  for (guint v = 0; v < n_nodes; v++)
    start[v + 1] += start[v];
  fill = g_memdup2 (start, sizeof (guint) * n_nodes);
  for (guint i = 0; i < n_links; i++)
    rows[fill[outgoing ? links[i].source : links[i].target]++] = i;
  *start_out = start;
  *rows_out = rows;
}

static void
layout_init (Layout                   *layout,
             const CourantSankeyGraph *graph,
             gboolean                  end_at_bottom)
{
  g_autofree guint *fill = NULL;
  guint max_column = 1;

  layout->nodes = (const CourantSankeyGraphNode *) graph->nodes->data;
  layout->links = (const CourantSankeyGraphLink *) graph->links->data;
  layout->n_nodes = graph->nodes->len;
  layout->n_links = graph->links->len;
  layout->n_steps = 0;
  for (guint v = 0; v < layout->n_nodes; v++)
    layout->n_steps = MAX (layout->n_steps, layout->nodes[v].step + 1);

  layout->column_start = g_new0 (guint, layout->n_steps + 1);
  for (guint v = 0; v < layout->n_nodes; v++)
    layout->column_start[layout->nodes[v].step + 1]++;
  for (guint k = 0; k < layout->n_steps; k++)
    {
      max_column = MAX (max_column, layout->column_start[k + 1]);
      layout->column_start[k + 1] += layout->column_start[k];
    }

  /* The graph's order (by value, from the flows query) is the first order. */
  layout->order = g_new (guint, MAX (layout->n_nodes, 1));
  layout->rank = g_new (guint, MAX (layout->n_nodes, 1));
  layout->pinned = g_new0 (gboolean, MAX (layout->n_nodes, 1));
  fill = g_memdup2 (layout->column_start, sizeof (guint) * (layout->n_steps + 1));
  for (guint pass = 0; pass < 2; pass++)
    for (guint v = 0; v < layout->n_nodes; v++)
      {
        gboolean end = end_at_bottom && g_str_equal (layout->nodes[v].label, COURANT_FLOWS_END);

        if (end != (pass == 1))
          continue;
        layout->pinned[v] = end;
        layout->order[fill[layout->nodes[v].step]++] = v;
      }
  for (guint k = 0; k < layout->n_steps; k++)
    for (guint i = layout->column_start[k]; i < layout->column_start[k + 1]; i++)
      layout->rank[layout->order[i]] = i - layout->column_start[k];

  build_rows (layout->n_nodes, layout->n_links, layout->links, TRUE,
              &layout->out_start, &layout->out_links);
  build_rows (layout->n_nodes, layout->n_links, layout->links, FALSE,
              &layout->in_start, &layout->in_links);
  layout->key = g_new (double, MAX (layout->n_nodes, 1));
  layout->fenwick = g_new (double, max_column + 1);
  layout->position = g_new (double, MAX (layout->n_nodes, 1));
  layout->port = g_new (double, MAX (layout->n_links, 1));
  layout->sorted = g_new (guint, MAX (layout->n_links, 1));
  layout->fill = g_new (guint, MAX (layout->n_nodes, 1));
}

static void
layout_clear (Layout *layout)
{
  g_free (layout->column_start);
  g_free (layout->order);
  g_free (layout->rank);
  g_free (layout->pinned);
  g_free (layout->out_start);
  g_free (layout->out_links);
  g_free (layout->in_start);
  g_free (layout->in_links);
  g_free (layout->key);
  g_free (layout->fenwick);
  g_free (layout->position);
  g_free (layout->port);
  g_free (layout->sorted);
  g_free (layout->fill);
}

static inline guint
column_size (const Layout *layout,
             guint         step)
{
  return layout->column_start[step + 1] - layout->column_start[step];
}

/* Weighted crossings between column @step and the next: pairs of links
 * whose sources are in one order and targets in the other. Sources are
 * visited from the top; a Fenwick tree over target ranks holds the weight
 * of the links already seen, so each link finds the weight it crosses in
 * O(log n). Links of one source never cross each other (their bands are
 * sorted), hence the query-then-insert per source. */
static double
count_crossings (Layout *layout,
                 guint   step)
{
  guint n = column_size (layout, step + 1);
  double *tree = layout->fenwick;
  double seen = 0, total = 0;

  memset (tree, 0, sizeof (double) * (n + 1));
  for (guint i = layout->column_start[step]; i < layout->column_start[step + 1]; i++)
    {
      guint v = layout->order[i];

      for (guint j = layout->out_start[v]; j < layout->out_start[v + 1]; j++)
        {
          const CourantSankeyGraphLink *link = &layout->links[layout->out_links[j]];
          double at_or_above = 0;

          for (guint r = layout->rank[link->target] + 1; r > 0; r -= r & -r)
            at_or_above += tree[r];
          total += link->value * (seen - at_or_above);
        }
      for (guint j = layout->out_start[v]; j < layout->out_start[v + 1]; j++)
        {
          const CourantSankeyGraphLink *link = &layout->links[layout->out_links[j]];

          for (guint r = layout->rank[link->target] + 1; r <= n; r += r & -r)
            tree[r] += link->value;
          seen += link->value;
        }
    }
  return total;
}

static double
total_crossings (Layout *layout)
{
  double total = 0;

  for (guint k = 0; k + 1 < layout->n_steps; k++)
    total += count_crossings (layout, k);
  return total;
}

/* The place of every node of a column in [0, 1]: the middle of its rank,
 * or the middle of its share of the column's value. */
static void
compute_positions (Layout  *layout,
                   guint    step,
                   KeyKind  kind)
{
  guint first = layout->column_start[step], n = column_size (layout, step);
  double total = 0, above = 0;

  for (guint i = 0; i < n; i++)
    total += layout->nodes[layout->order[first + i]].value;
  for (guint i = 0; i < n; i++)
    {
      guint v = layout->order[first + i];
      double value = layout->nodes[v].value;

      if (kind == KEY_BARYCENTRE_VALUE && total > 0)
        layout->position[v] = (above + value / 2) / total;
      else
        layout->position[v] = (i + 0.5) / n;
      above += value;
    }
}

typedef struct
{
  double position;
  double weight;
} Sample;

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const Sample *x = a, *y = b;

  return (x->position > y->position) - (x->position < y->position);
}

static double
weighted_median (Sample *samples,
                 guint   n)
{
  double total = 0, half, run = 0;

  qsort (samples, n, sizeof (Sample), compare_samples);
  for (guint i = 0; i < n; i++)
    total += samples[i].weight;
  half = total / 2;
  for (guint i = 0; i < n; i++)
    {
      run += samples[i].weight;
      if (run > half)
        return samples[i].position;
      if (run == half && i + 1 < n)
        return (samples[i].position + samples[i + 1].position) / 2;
    }
  return n > 0 ? samples[n - 1].position : 0;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Layout *layout = user_data;
  guint u = *(const guint *) a, v = *(const guint *) b;

  if (layout->pinned[u] != layout->pinned[v])
    return layout->pinned[u] ? 1 : -1;
  if (layout->key[u] != layout->key[v])
    return layout->key[u] < layout->key[v] ? -1 : 1;
  return (layout->rank[u] > layout->rank[v]) - (layout->rank[u] < layout->rank[v]);
}

static void
set_ranks (Layout *layout,
           guint   step)
{
  for (guint i = layout->column_start[step]; i < layout->column_start[step + 1]; i++)
    layout->rank[layout->order[i]] = i - layout->column_start[step];
}

/* Where each band between columns @from and @step sits on the side of
 * @from, in [0, 1], with the nodes stacked by value and the bands of a node
 * stacked in the order of their other ends, as they will be drawn. The
 * other ends are visited from the top, so each node's bands come out
 * sorted without comparisons. */
static void
compute_ports (Layout *layout,
               guint   from,
               guint   step)
{
  gboolean forward = from < step;
  const guint *start = forward ? layout->out_start : layout->in_start;
  const guint *other_start = forward ? layout->in_start : layout->out_start;
  const guint *other_rows = forward ? layout->in_links : layout->out_links;
  double total = 0, above = 0;

  for (guint i = layout->column_start[from]; i < layout->column_start[from + 1]; i++)
    {
      guint u = layout->order[i];

      layout->fill[u] = start[u];
      total += layout->nodes[u].value;
    }
  for (guint i = layout->column_start[step]; i < layout->column_start[step + 1]; i++)
    {
      guint w = layout->order[i];

      for (guint j = other_start[w]; j < other_start[w + 1]; j++)
        {
          guint l = other_rows[j];
          guint u = forward ? layout->links[l].source : layout->links[l].target;

          layout->sorted[layout->fill[u]++] = l;
        }
    }
  if (total <= 0)
    total = 1;
  for (guint i = layout->column_start[from]; i < layout->column_start[from + 1]; i++)
    {
      guint u = layout->order[i];
      double at = above;

      for (guint j = start[u]; j < layout->fill[u]; j++)
        {
          double value = layout->links[layout->sorted[j]].value;

          layout->port[layout->sorted[j]] = (at + value / 2) / total;
          at += value;
        }
      above += MAX (layout->nodes[u].value, at - above);
    }
}

/* Sorts column @step by where its neighbours in column @from sit. */
static void
sort_column (Layout  *layout,
             guint    step,
             guint    from,
             KeyKind  kind,
             GArray  *samples)
{
  gboolean forward = from < step;
  const guint *start = forward ? layout->in_start : layout->out_start;
  const guint *rows = forward ? layout->in_links : layout->out_links;

  compute_positions (layout, from, kind);
  compute_positions (layout, step, kind == KEY_BARYCENTRE_RANK ? kind : KEY_BARYCENTRE_VALUE);
  if (kind == KEY_PORTS)
    compute_ports (layout, from, step);

  for (guint i = layout->column_start[step]; i < layout->column_start[step + 1]; i++)
    {
      guint v = layout->order[i];
      double sum = 0, weight = 0;

      g_array_set_size (samples, 0);
      for (guint j = start[v]; j < start[v + 1]; j++)
        {
          const CourantSankeyGraphLink *link = &layout->links[rows[j]];
          Sample sample = { kind == KEY_PORTS ? layout->port[rows[j]]
                                              : layout->position[forward ? link->source : link->target],
                            link->value };

          sum += sample.weight * sample.position;
          weight += sample.weight;
          g_array_append_val (samples, sample);
        }
      if (weight <= 0)
        layout->key[v] = layout->position[v];
      else if (kind == KEY_MEDIAN)
        layout->key[v] = weighted_median ((Sample *) samples->data, samples->len);
      else
        layout->key[v] = sum / weight;
    }

  g_qsort_with_data (layout->order + layout->column_start[step], column_size (layout, step),
                     sizeof (guint), compare_keys, layout);
  set_ranks (layout, step);
}

static void
sweep (Layout  *layout,
       gboolean down,
       KeyKind  kind,
       GArray  *samples)
{
  if (layout->n_steps < 2)
    return;
  if (down)
    for (guint k = 1; k < layout->n_steps; k++)
      sort_column (layout, k, k - 1, kind, samples);
  else
    for (guint k = layout->n_steps - 1; k-- > 0;)
      sort_column (layout, k, k + 1, kind, samples);
}

/* A band seen from one end: the rank of the node at the other end. */
typedef struct
{
  guint  rank;
  double weight;
} Neighbour;

/* The bands of every node of column @step, by side, sorted by the rank of
 * their other end: walking the neighbouring column from the top and
 * appending to each node's slice sorts them without comparisons. Slices
 * follow in_start and out_start. */
static void
collect_neighbours (Layout    *layout,
                    guint      step,
                    Neighbour *incoming,
                    Neighbour *outgoing,
                    guint     *fill_in,
                    guint     *fill_out)
{
  for (guint i = layout->column_start[step]; i < layout->column_start[step + 1]; i++)
    {
      guint v = layout->order[i];

      fill_in[v] = layout->in_start[v];
      fill_out[v] = layout->out_start[v];
    }
  if (step > 0)
    for (guint i = layout->column_start[step - 1]; i < layout->column_start[step]; i++)
      {
        guint u = layout->order[i];

        for (guint j = layout->out_start[u]; j < layout->out_start[u + 1]; j++)
          {
            const CourantSankeyGraphLink *link = &layout->links[layout->out_links[j]];
            Neighbour n = { layout->rank[u], link->value };

            incoming[fill_in[link->target]++] = n;
          }
      }
  if (step + 1 < layout->n_steps)
    for (guint i = layout->column_start[step + 1]; i < layout->column_start[step + 2]; i++)
      {
        guint w = layout->order[i];

        for (guint j = layout->in_start[w]; j < layout->in_start[w + 1]; j++)
          {
            const CourantSankeyGraphLink *link = &layout->links[layout->in_links[j]];
            Neighbour n = { layout->rank[w], link->value };

            outgoing[fill_out[link->source]++] = n;
          }
      }
}

/* Weighted crossings between the bands of u and of v on one side, with u
 * above v (@keep) and with v above u (@swap), by one merge of their
 * sorted neighbour lists. */
static void
pair_crossings (const Neighbour *a,
                guint            n_a,
                const Neighbour *b,
                guint            n_b,
                double          *keep,
                double          *swap)
{
  double total = 0, below = 0;
  guint i = 0;

  for (guint k = 0; k < n_a; k++)
    total += a[k].weight;
  for (guint k = 0; k < n_b; k++)
    {
      double equal = 0;

      while (i < n_a && a[i].rank < b[k].rank)
        below += a[i++].weight;
      for (guint e = i; e < n_a && a[e].rank == b[k].rank; e++)
        equal += a[e].weight;
      *keep += b[k].weight * (total - below - equal);
      *swap += b[k].weight * below;
    }
}

typedef struct
{
  Neighbour *incoming;
  Neighbour *outgoing;
  guint     *fill_in;
  guint     *fill_out;
} Scratch;

/* One pass of adjacent exchanges over column @step; TRUE if anything moved.
 * Swapping two neighbours changes only the crossings between their own
 * bands, so each exchange that lowers that count lowers the total. */
static gboolean
transpose_column (Layout  *layout,
                  guint    step,
                  Scratch *scratch)
{
  guint first = layout->column_start[step], n = column_size (layout, step);
  gboolean moved = FALSE;

  if (n < 2)
    return FALSE;
  collect_neighbours (layout, step, scratch->incoming, scratch->outgoing,
                      scratch->fill_in, scratch->fill_out);
  for (guint r = 0; r + 1 < n; r++)
    {
      guint u = layout->order[first + r], v = layout->order[first + r + 1];
      double keep = 0, swap = 0;

      if (layout->pinned[u] || layout->pinned[v])
        continue;
      pair_crossings (scratch->incoming + layout->in_start[u], layout->in_start[u + 1] - layout->in_start[u],
                      scratch->incoming + layout->in_start[v], layout->in_start[v + 1] - layout->in_start[v],
                      &keep, &swap);
      pair_crossings (scratch->outgoing + layout->out_start[u], layout->out_start[u + 1] - layout->out_start[u],
                      scratch->outgoing + layout->out_start[v], layout->out_start[v + 1] - layout->out_start[v],
                      &keep, &swap);
      if (swap < keep)
        {
          layout->order[first + r] = v;
          layout->order[first + r + 1] = u;
          layout->rank[v] = r;
          layout->rank[u] = r + 1;
          moved = TRUE;
        }
    }
  return moved;
}

/* Large graphs get one pass of exchanges per sweep: sifting at the end
 * recovers most of what more passes would find, at a fraction of the cost. */
static void
transpose (Layout  *layout,
           Scratch *scratch)
{
  guint passes = layout->n_links > LARGE_GRAPH ? 1 : TRANSPOSE_MAX;

  for (guint pass = 0; pass < passes; pass++)
    {
      gboolean moved = FALSE;

      for (guint k = 0; k < layout->n_steps; k++)
        moved |= transpose_column (layout, k, scratch);
      if (!moved)
        break;
    }
}

/* Sifting: each node in turn leaves its column and comes back where the
 * weighted crossings with all the others are fewest. Moving u past x
 * changes the count by c(x above u) - c(u above x), so one scan of the
 * column prices every place. Both counts for every x come from prefix sums
 * of u's band weights by the rank of their other end. */
typedef struct
{
  double *above;       /* by rank in the column */
  double *below;
  double *prefix_in;   /* by rank in the neighbouring columns, + 1 */
  double *prefix_out;
} Sifting;

static double
fill_prefix (const Neighbour *bands,
             guint            n_bands,
             guint            size,
             double          *prefix)
{
  memset (prefix, 0, sizeof (double) * (size + 1));
  for (guint i = 0; i < n_bands; i++)
    prefix[bands[i].rank + 1] += bands[i].weight;
  for (guint r = 0; r < size; r++)
    prefix[r + 1] += prefix[r];
  return prefix[size];
}

static void
price_against (const Neighbour *bands,
               guint            n_bands,
               const double    *prefix,
               double           total,
               double          *below,
               double          *above)
{
  for (guint i = 0; i < n_bands; i++)
    {
      *below += bands[i].weight * (total - prefix[bands[i].rank + 1]);
      *above += bands[i].weight * prefix[bands[i].rank];
    }
}

static gboolean
sift_column (Layout  *layout,
             guint    step,
             Scratch *scratch,
             Sifting *sifting)
{
  guint first = layout->column_start[step], n = column_size (layout, step);
  guint n_before = step > 0 ? column_size (layout, step - 1) : 0;
  guint n_after = step + 1 < layout->n_steps ? column_size (layout, step + 1) : 0;
  double *above = sifting->above, *below = sifting->below;
  g_autofree guint *nodes = NULL;
  gboolean moved = FALSE;

  if (n < 3)
    return transpose_column (layout, step, scratch);
  collect_neighbours (layout, step, scratch->incoming, scratch->outgoing,
                      scratch->fill_in, scratch->fill_out);
  nodes = g_memdup2 (layout->order + first, sizeof (guint) * n);
  for (guint i = 0; i < n; i++)
    {
      guint u = nodes[i], from = layout->rank[u], best, limit = n;
      double cost = 0, best_cost, at_from = 0, total_in, total_out;

      if (layout->pinned[u])
        continue;
      total_in = fill_prefix (scratch->incoming + layout->in_start[u],
                              layout->in_start[u + 1] - layout->in_start[u],
                              n_before, sifting->prefix_in);
      total_out = fill_prefix (scratch->outgoing + layout->out_start[u],
                               layout->out_start[u + 1] - layout->out_start[u],
                               n_after, sifting->prefix_out);
      /* below[r]: crossings of u's bands with those of the node at r when u
       * is above it; above[r]: when u is below it. */
      for (guint r = 0; r < n; r++)
        {
          guint x = layout->order[first + r];

          above[r] = below[r] = 0;
          if (x == u)
            continue;
          if (layout->pinned[x])
            limit = MIN (limit, r);
          price_against (scratch->incoming + layout->in_start[x],
                         layout->in_start[x + 1] - layout->in_start[x],
                         sifting->prefix_in, total_in, &below[r], &above[r]);
          price_against (scratch->outgoing + layout->out_start[x],
                         layout->out_start[x + 1] - layout->out_start[x],
                         sifting->prefix_out, total_out, &below[r], &above[r]);
          cost += below[r];
        }
      /* Place p means "before the node now at rank p". */
      best = from;
      best_cost = G_MAXDOUBLE;
      for (guint p = 0; p <= limit; p++)
        {
          if (p == from)
            at_from = cost;
          if (cost < best_cost - 1e-9 * MAX (1, fabs (cost)))
            {
              best_cost = cost;
              best = p;
            }
          if (p < limit && p != from)
            cost += above[p] - below[p];
        }
      if (best_cost < at_from - 1e-9 * MAX (1, fabs (at_from)) && best != from && best != from + 1)
        {
          guint target = best > from ? best - 1 : best;

          if (best > from)
            memmove (layout->order + first + from, layout->order + first + from + 1,
                     sizeof (guint) * (target - from));
          else
            memmove (layout->order + first + target + 1, layout->order + first + target,
                     sizeof (guint) * (from - target));
          layout->order[first + target] = u;
          set_ranks (layout, step);
          moved = TRUE;
        }
    }
  return moved;
}

static void
sift (Layout  *layout,
      Scratch *scratch)
{
  guint largest = 1;
  Sifting sifting;

  for (guint k = 0; k < layout->n_steps; k++)
    largest = MAX (largest, column_size (layout, k));
  sifting.above = g_new (double, largest);
  sifting.below = g_new (double, largest);
  sifting.prefix_in = g_new (double, largest + 1);
  sifting.prefix_out = g_new (double, largest + 1);
  for (guint pass = 0; pass < SIFT_PASSES; pass++)
    {
      gboolean moved = FALSE;

      for (guint k = 0; k < layout->n_steps; k++)
        moved |= sift_column (layout, k, scratch, &sifting);
      if (!moved)
        break;
    }
  g_free (sifting.above);
  g_free (sifting.below);
  g_free (sifting.prefix_in);
  g_free (sifting.prefix_out);
}

static void
restore_order (Layout      *layout,
               const guint *order)
{
  memcpy (layout->order, order, sizeof (guint) * layout->n_nodes);
  for (guint k = 0; k < layout->n_steps; k++)
    set_ranks (layout, k);
}

/* Node order: from the graph's order, each kind of key sweeps down and up
 * in turn, adjacent exchanges polish every sweep, and the order with the
 * fewest weighted crossings wins. */
static void
reduce_crossings (Layout *layout)
{
  g_autofree guint *initial = g_memdup2 (layout->order, sizeof (guint) * MAX (layout->n_nodes, 1));
  g_autofree guint *best = g_memdup2 (layout->order, sizeof (guint) * MAX (layout->n_nodes, 1));
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  g_autofree Neighbour *incoming = g_new (Neighbour, MAX (layout->n_links, 1));
  g_autofree Neighbour *outgoing = g_new (Neighbour, MAX (layout->n_links, 1));
  g_autofree guint *fill_in = g_new (guint, MAX (layout->n_nodes, 1));
  g_autofree guint *fill_out = g_new (guint, MAX (layout->n_nodes, 1));
  Scratch scratch = { incoming, outgoing, fill_in, fill_out };
  double best_score;

  transpose (layout, &scratch);
  best_score = total_crossings (layout);
  memcpy (best, layout->order, sizeof (guint) * layout->n_nodes);

  for (KeyKind kind = 0; kind < N_KEYS && best_score > 0; kind++)
    {
      double kind_best = G_MAXDOUBLE;
      guint stale = 0;

      restore_order (layout, initial);
      /* A kind stops when a down and an up sweep in a row bring nothing. */
      for (guint i = 0; i < SWEEPS && best_score > 0 && stale < 2; i++)
        {
          double score;

          sweep (layout, i % 2 == 0, kind, samples);
          transpose (layout, &scratch);
          score = total_crossings (layout);
          stale = score < kind_best ? 0 : stale + 1;
          kind_best = MIN (kind_best, score);
          if (score < best_score)
            {
              best_score = score;
              memcpy (best, layout->order, sizeof (guint) * layout->n_nodes);
            }
        }
    }
  restore_order (layout, best);
  if (best_score > 0)
    sift (layout, &scratch);
}

/* The order of @scene for the nodes it shares with the layout, the others
 * after them in their first order; pinned "(end)" nodes stay last. */
static void
impose_order (Layout                   *layout,
              const CourantSankeyScene *scene)
{
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint v = 0; v < scene->n_nodes; v++)
    g_hash_table_insert (ranks, node_key (scene->nodes[v].step, scene->nodes[v].label),
                         GUINT_TO_POINTER (scene->nodes[v].rank));
  for (guint v = 0; v < layout->n_nodes; v++)
    {
      g_autofree char *key = node_key (layout->nodes[v].step, layout->nodes[v].label);
      gpointer rank;

      if (layout->pinned[v])
        layout->key[v] = G_MAXDOUBLE;
      else if (g_hash_table_lookup_extended (ranks, key, NULL, &rank))
        layout->key[v] = GPOINTER_TO_UINT (rank);
      else
        layout->key[v] = scene->n_nodes + layout->rank[v];
    }
  for (guint k = 0; k < layout->n_steps; k++)
    {
      g_qsort_with_data (layout->order + layout->column_start[k], column_size (layout, k),
                         sizeof (guint), compare_keys, layout);
      set_ranks (layout, k);
    }
}

/* Heights: one scale for every column (a band is as wide at both ends),
 * the largest that lets each column fit with its padding once small nodes
 * are raised to the minimum height. A crowded column gets less padding
 * first, then a smaller minimum. */
typedef struct
{
  double padding;
  double min_height;
} Column;

static double
fit_column (const Layout         *layout,
            guint                 step,
            const CourantSankeyOptions *options,
            double                height,
            Column               *column)
{
  guint first = layout->column_start[step], n = column_size (layout, step);
  double room, scale = G_MAXDOUBLE;
  guint n_small = 0;

  column->padding = options->node_padding;
  column->min_height = options->min_node_height;
  if (n > 1 && n * column->min_height + (n - 1) * column->padding > height / 2)
    column->padding = MAX (0, (height / 2 - n * column->min_height) / (n - 1));
  if (n * column->min_height > height / 2)
    column->min_height = height / 2 / n;
  room = height - (n > 0 ? (n - 1) * column->padding : 0);

  /* Raising a node to the minimum lowers the scale, which can only raise
   * more nodes: at most n rounds. */
  for (guint round = 0; round <= n; round++)
    {
      double rest = 0;
      guint small = 0;

      for (guint i = 0; i < n; i++)
        {
          double value = layout->nodes[layout->order[first + i]].value;

          if (scale != G_MAXDOUBLE && value * scale < column->min_height)
            small++;
          else
            rest += value;
        }
      if (round > 0 && small == n_small)
        break;
      n_small = small;
      scale = rest > 0 ? (room - small * column->min_height) / rest : G_MAXDOUBLE;
    }
  return MAX (scale, 0);
}

static int
compare_out_links (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const Layout *layout = user_data;
  guint x = layout->rank[layout->links[*(const guint *) a].target];
  guint y = layout->rank[layout->links[*(const guint *) b].target];

  return (x > y) - (x < y);
}

static int
compare_in_links (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const Layout *layout = user_data;
  guint x = layout->rank[layout->links[*(const guint *) a].source];
  guint y = layout->rank[layout->links[*(const guint *) b].source];

  return (x > y) - (x < y);
}

/* Where each band sits inside its nodes, from the node's top: bands are
 * stacked in the order of the nodes at their other end, so that bands of
 * one node never cross each other, and centred in a node raised to the
 * minimum height. */
static void
place_bands (Layout              *layout,
             const double        *heights,
             const double        *widths,
             double              *offsets,
             gboolean             outgoing)
{
  guint *start = outgoing ? layout->out_start : layout->in_start;
  guint *rows = outgoing ? layout->out_links : layout->in_links;

  for (guint v = 0; v < layout->n_nodes; v++)
    {
      guint n = start[v + 1] - start[v];
      double sum = 0, at;

      g_qsort_with_data (rows + start[v], n, sizeof (guint),
                         outgoing ? compare_out_links : compare_in_links, layout);
      for (guint j = start[v]; j < start[v + 1]; j++)
        sum += widths[rows[j]];
      at = MAX (0, (heights[v] - sum) / 2);
      for (guint j = start[v]; j < start[v + 1]; j++)
        {
          offsets[rows[j]] = at + widths[rows[j]] / 2;
          at += widths[rows[j]];
        }
    }
}

typedef struct
{
  double mean;
  double weight;
  guint  count;
} Block;

/* Moves the nodes of a column as close as possible to their wished tops
 * (least squares, weighted by value) while keeping their order, the
 * padding and the chart's bounds: with z = top minus the room taken by the
 * nodes above, this is an isotonic regression (pool adjacent violators),
 * and clamping its solution into the bounds keeps it optimal. */
static void
project_column (const Layout *layout,
                guint         step,
                const double *wished,
                const double *heights,
                double        padding,
                double        top,
                double        bottom,
                double       *y,
                Block        *blocks)
{
  guint first = layout->column_start[step], n = column_size (layout, step);
  guint n_blocks = 0, i = 0;
  double offset = 0, span, low, high;

  for (guint r = 0; r < n; r++)
    {
      guint v = layout->order[first + r];
      Block block = { wished[v] - offset, layout->nodes[v].value + 1e-9, 1 };

      blocks[n_blocks++] = block;
      while (n_blocks > 1 && blocks[n_blocks - 2].mean > blocks[n_blocks - 1].mean)
        {
          Block *a = &blocks[n_blocks - 2], *b = &blocks[n_blocks - 1];
          double weight = a->weight + b->weight;

          a->mean = (a->mean * a->weight + b->mean * b->weight) / weight;
          a->weight = weight;
          a->count += b->count;
          n_blocks--;
        }
      offset += heights[v] + padding;
    }
  span = n > 0 ? offset - padding : 0;
  low = top;
  high = MAX (top, bottom - span);

  offset = 0;
  for (guint b = 0; b < n_blocks; b++)
    for (guint c = 0; c < blocks[b].count; c++, i++)
      {
        guint v = layout->order[first + i];

        y[v] = CLAMP (blocks[b].mean, low, high) + offset;
        offset += heights[v] + padding;
      }
}

/* Where node v would have its top for its bands to run straight. */
static double
wished_top (const Layout *layout,
            guint         v,
            gboolean      from_left,
            const double *y,
            const double *source_offsets,
            const double *target_offsets)
{
  const guint *start = from_left ? layout->in_start : layout->out_start;
  const guint *rows = from_left ? layout->in_links : layout->out_links;
  double sum = 0, weight = 0;

  for (guint j = start[v]; j < start[v + 1]; j++)
    {
      guint l = rows[j];
      const CourantSankeyGraphLink *link = &layout->links[l];

      if (from_left)
        sum += link->value * (y[link->source] + source_offsets[l] - target_offsets[l]);
      else
        sum += link->value * (y[link->target] + target_offsets[l] - source_offsets[l]);
      weight += link->value;
    }
  return weight > 0 ? sum / weight : y[v];
}

static void
relax (Layout       *layout,
       guint         step,
       gboolean      from_left,
       const Column *columns,
       const double *heights,
       const double *source_offsets,
       const double *target_offsets,
       double        top,
       double        bottom,
       double       *y,
       double       *wished,
       Block        *blocks)
{
  for (guint i = layout->column_start[step]; i < layout->column_start[step + 1]; i++)
    {
      guint v = layout->order[i];

      wished[v] = wished_top (layout, v, from_left, y, source_offsets, target_offsets);
    }
  project_column (layout, step, wished, heights, columns[step].padding, top, bottom, y, blocks);
}

static void
place_nodes (Layout                     *layout,
             const CourantSankeyOptions *options,
             double                      top,
             double                      bottom,
             CourantSankeyScene         *scene)
{
  g_autofree Column *columns = g_new0 (Column, MAX (layout->n_steps, 1));
  g_autofree double *heights = g_new (double, MAX (layout->n_nodes, 1));
  g_autofree double *y = g_new (double, MAX (layout->n_nodes, 1));
  g_autofree double *wished = g_new (double, MAX (layout->n_nodes, 1));
  g_autofree double *widths = g_new (double, MAX (layout->n_links, 1));
  g_autofree double *source_offsets = g_new (double, MAX (layout->n_links, 1));
  g_autofree double *target_offsets = g_new (double, MAX (layout->n_links, 1));
  g_autofree Block *blocks = g_new (Block, MAX (layout->n_nodes, 1));
  double scale = G_MAXDOUBLE, left = 0, right = options->width;

  for (guint k = 0; k < layout->n_steps; k++)
    scale = MIN (scale, fit_column (layout, k, options, bottom - top, &columns[k]));
  if (scale == G_MAXDOUBLE)
    scale = 0;
  for (guint v = 0; v < layout->n_nodes; v++)
    heights[v] = MAX (layout->nodes[v].value * scale, columns[layout->nodes[v].step].min_height);
  for (guint l = 0; l < layout->n_links; l++)
    widths[l] = layout->links[l].value * scale;
  place_bands (layout, heights, widths, source_offsets, TRUE);
  place_bands (layout, heights, widths, target_offsets, FALSE);

  /* Start stacked from the top, then relax in both directions. */
  for (guint k = 0; k < layout->n_steps; k++)
    {
      double at = top;

      for (guint i = layout->column_start[k]; i < layout->column_start[k + 1]; i++)
        {
          y[layout->order[i]] = at;
          at += heights[layout->order[i]] + columns[k].padding;
        }
    }
  for (guint it = 0; it < options->iterations; it++)
    {
      for (guint k = 1; k < layout->n_steps; k++)
        relax (layout, k, TRUE, columns, heights, source_offsets, target_offsets,
               top, bottom, y, wished, blocks);
      for (guint k = layout->n_steps; k-- > 0;)
        relax (layout, k, FALSE, columns, heights, source_offsets, target_offsets,
               top, bottom, y, wished, blocks);
    }

  for (guint v = 0; v < layout->n_nodes; v++)
    {
      CourantSankeyNode *node = &scene->nodes[v];
      double step_x = layout->n_steps > 1
        ? (right - left - options->node_width) / (layout->n_steps - 1) : 0;

      node->x0 = left + layout->nodes[v].step * step_x;
      node->x1 = node->x0 + options->node_width;
      node->y0 = y[v];
      node->y1 = y[v] + heights[v];
      node->rank = layout->rank[v];
    }
  for (guint l = 0; l < layout->n_links; l++)
    {
      CourantSankeyLink *link = &scene->links[l];

      link->width = widths[l];
      link->y0 = y[link->source] + source_offsets[l];
      link->y1 = y[link->target] + target_offsets[l];
    }
}

typedef struct
{
  double x, y, width, height;
} Box;

/* Whether two labels touch: side by side they need a word space between
 * them (the two labels of one gap, one after its node and one before the
 * next, would read as one), one above the other a pixel. */
static gboolean
labels_touch (const Box *a,
              const Box *b)
{
  return a->x < b->x + b->width + LABEL_SPACING && b->x < a->x + a->width + LABEL_SPACING &&
         a->y < b->y + b->height + 1 && b->y < a->y + a->height + 1;
}

static char *
label_text (const CourantSankeyNode *node,
            gboolean                 with_value)
{
  g_autofree char *value = NULL;
  g_autofree char *share = NULL;

  if (!with_value)
    return g_strdup (node->display);
  value = courant_format_number (node->value, 0);
  share = courant_format_number (node->share * 100, node->share < 0.1 ? 1 : 0);
  /* TRANSLATORS: a Sankey node's label: its name, its count and its share
   * of the step, as in "call 4,847 (9.7%)". */
  return g_strdup_printf (_("%s %s (%s%%)"), node->display, value, share);
}

static int
compare_by_value (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const CourantSankeyScene *scene = user_data;
  double x = scene->nodes[*(const guint *) a].value, y = scene->nodes[*(const guint *) b].value;

  if (x != y)
    return x > y ? -1 : 1;
  return (*(const guint *) a > *(const guint *) b) - (*(const guint *) a < *(const guint *) b);
}

/* Labels sit beside their node (to the left in the last column), within
 * the gap to the next column; the largest nodes are served first, and a
 * label that would touch one already placed is dropped, then tried without
 * its figures. */
static void
place_labels (CourantSankeyScene         *scene,
              const CourantSankeyOptions *options,
              double                      top,
              double                      bottom)
{
  PangoContext *context = courant_text_create_context ();
  g_autofree guint *by_value = g_new (guint, MAX (scene->n_nodes, 1));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Box));
  double gap = scene->n_steps > 1
    ? (scene->width - options->node_width) / (scene->n_steps - 1) - options->node_width
    : scene->width - options->node_width;
  double room = gap - 2 * LABEL_GAP;

  for (guint v = 0; v < scene->n_nodes; v++)
    by_value[v] = v;
  g_qsort_with_data (by_value, scene->n_nodes, sizeof (guint), compare_by_value, scene);

  for (guint i = 0; i < scene->n_nodes; i++)
    {
      CourantSankeyNode *node = &scene->nodes[by_value[i]];
      gboolean last = scene->n_steps > 1 && node->step == scene->n_steps - 1;

      for (guint attempt = 0; attempt < 2 && !node->label_visible; attempt++)
        {
          g_autofree char *text = label_text (node, attempt == 0);
          gboolean free = TRUE;
          Box box;

          courant_text_measure (context, options->theme, COURANT_TEXT_LABEL, text,
                                &box.width, &box.height);
          box.x = last ? node->x0 - LABEL_GAP - box.width : node->x1 + LABEL_GAP;
          box.y = (node->y0 + node->y1) / 2 - box.height / 2;
          box.y = CLAMP (box.y, top, MAX (top, bottom - box.height));
          if (box.width > room || box.y + box.height > bottom)
            continue;
          for (guint b = 0; b < placed->len && free; b++)
            free = !labels_touch (&box, &g_array_index (placed, Box, b));
          if (!free)
            continue;

          g_array_append_val (placed, box);
          node->label_visible = TRUE;
          node->label_text = g_steal_pointer (&text);
          node->label_x = box.x;
          node->label_y = box.y;
          node->label_width = box.width;
          node->label_height = box.height;
        }
    }
  g_object_unref (context);
}

static CourantSankeyNodeKind
node_kind (const char *label)
{
  if (g_str_equal (label, COURANT_FLOWS_END))
    return COURANT_SANKEY_NODE_END;
  if (g_str_equal (label, COURANT_FLOWS_OTHER))
    return COURANT_SANKEY_NODE_OTHER;
  return COURANT_SANKEY_NODE_PLAIN;
}

static void
fill_scene (CourantSankeyScene *scene,
            const Layout       *layout)
{
  g_autofree double *column_totals = g_new0 (double, MAX (layout->n_steps, 1));

  for (guint v = 0; v < layout->n_nodes; v++)
    column_totals[layout->nodes[v].step] += layout->nodes[v].value;
  scene->total = layout->n_steps > 0 ? column_totals[0] : 0;

  for (guint v = 0; v < layout->n_nodes; v++)
    {
      CourantSankeyNode *node = &scene->nodes[v];
      double total = column_totals[layout->nodes[v].step];

      node->step = layout->nodes[v].step;
      node->label = g_strdup (layout->nodes[v].label);
      node->display = courant_label_display (node->label);
      node->kind = node_kind (node->label);
      node->value = layout->nodes[v].value;
      node->share = total > 0 ? node->value / total : 0;
    }
  for (guint l = 0; l < layout->n_links; l++)
    {
      scene->links[l].source = layout->links[l].source;
      scene->links[l].target = layout->links[l].target;
      scene->links[l].value = layout->links[l].value;
    }
}

static int
compare_drawing_order (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const CourantSankeyScene *scene = user_data;
  const CourantSankeyLink *x = &scene->links[*(const guint *) a];
  const CourantSankeyLink *y = &scene->links[*(const guint *) b];
  guint sx = scene->nodes[x->source].step, sy = scene->nodes[y->source].step;

  if (sx != sy)
    return sx < sy ? -1 : 1;
  /* Wide bands first, so that thin ones stay visible on top. */
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return (*(const guint *) a > *(const guint *) b) - (*(const guint *) a < *(const guint *) b);
}

static void
index_links (CourantSankeyScene *scene)
{
  scene->step_links = g_new (guint, MAX (scene->n_links, 1));
  scene->step_link_start = g_new0 (guint, scene->n_steps + 1);
  for (guint l = 0; l < scene->n_links; l++)
    {
      scene->step_links[l] = l;
      scene->step_link_start[scene->nodes[scene->links[l].source].step + 1]++;
    }
  for (guint k = 0; k < scene->n_steps; k++)
    scene->step_link_start[k + 1] += scene->step_link_start[k];
  g_qsort_with_data (scene->step_links, scene->n_links, sizeof (guint),
                     compare_drawing_order, scene);
}

CourantSankeyScene *
courant_sankey_scene_new (const CourantSankeyGraph   *graph,
                          const CourantSankeyOptions *options)
{
  CourantSankeyScene *scene;
  Layout layout;
  double top = 0, bottom;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->width > 0 && options->height > 0, NULL);

  layout_init (&layout, graph, options->end_at_bottom);

  scene = g_new0 (CourantSankeyScene, 1);
  scene->width = options->width;
  scene->height = options->height;
  scene->node_width = options->node_width;
  scene->n_steps = layout.n_steps;
  scene->n_nodes = layout.n_nodes;
  scene->n_links = layout.n_links;
  scene->nodes = g_new0 (CourantSankeyNode, MAX (layout.n_nodes, 1));
  scene->links = g_new0 (CourantSankeyLink, MAX (layout.n_links, 1));
  scene->palette = options->palette != NULL ? courant_palette_map_ref (options->palette)
                                            : courant_palette_map_new ();
  fill_scene (scene, &layout);

  if (options->theme != NULL && options->title != NULL && options->title[0] != '\0')
    {
      PangoContext *context = courant_text_create_context ();
      double width, height;

      courant_text_measure (context, options->theme, COURANT_TEXT_TITLE, options->title,
                            &width, &height);
      g_object_unref (context);
      scene->title = g_strdup (options->title);
      scene->title_x = 0;
      scene->title_y = 0;
      top = height + TITLE_GAP;
    }
  bottom = MAX (top + 1, options->height);

  if (options->order != NULL)
    impose_order (&layout, options->order);
  else
    reduce_crossings (&layout);
  place_nodes (&layout, options, top, bottom, scene);
  layout_clear (&layout);

  index_links (scene);
  if (options->theme != NULL)
    place_labels (scene, options, top, bottom);
  return scene;
}

void
courant_sankey_scene_free (CourantSankeyScene *scene)
{
  if (scene == NULL)
    return;
  for (guint v = 0; v < scene->n_nodes; v++)
    {
      g_free (scene->nodes[v].label);
      g_free (scene->nodes[v].display);
      g_free (scene->nodes[v].label_text);
    }
  g_free (scene->nodes);
  g_free (scene->links);
  g_free (scene->step_links);
  g_free (scene->step_link_start);
  g_free (scene->title);
  courant_palette_map_unref (scene->palette);
  g_free (scene);
}

/* Bands are cubic Béziers with both control points at mid-gap, so the
 * horizontal coordinate is x(t) = 1.5 t - 1.5 t² + t³ (of the gap), which
 * always increases: Newton finds t, then y(t) = y0 + (y1 - y0)(3t² - 2t³). */
double
courant_sankey_scene_link_centre (const CourantSankeyScene *scene,
                                  guint                     index,
                                  double                    x)
{
  const CourantSankeyLink *link;
  double from, to, u, t;

  g_return_val_if_fail (scene != NULL && index < scene->n_links, 0);

  link = &scene->links[index];
  from = scene->nodes[link->source].x1;
  to = scene->nodes[link->target].x0;
  u = to > from ? CLAMP ((x - from) / (to - from), 0, 1) : 0;
  t = u;
  for (int i = 0; i < 8; i++)
    {
      double f = 1.5 * t - 1.5 * t * t + t * t * t - u;
      double df = 1.5 - 3 * t + 3 * t * t;

      t = CLAMP (t - f / df, 0, 1);
    }
  return link->y0 + (link->y1 - link->y0) * (3 * t * t - 2 * t * t * t);
}

CourantSankeyPick
courant_sankey_scene_pick (const CourantSankeyScene *scene,
                           double                    x,
                           double                    y)
{
  CourantSankeyPick pick = { COURANT_SANKEY_PICK_NONE, 0 };

  g_return_val_if_fail (scene != NULL, pick);

  for (guint v = 0; v < scene->n_nodes; v++)
    {
      const CourantSankeyNode *node = &scene->nodes[v];

      if (x >= node->x0 && x <= node->x1 && y >= node->y0 && y <= node->y1)
        {
          pick.kind = COURANT_SANKEY_PICK_NODE;
          pick.index = v;
          return pick;
        }
    }

  for (guint k = 0; k + 1 < scene->n_steps; k++)
    {
      guint start = scene->step_link_start[k], end = scene->step_link_start[k + 1];

      if (start == end)
        continue;
      if (x < scene->nodes[scene->links[scene->step_links[start]].source].x1 ||
          x > scene->nodes[scene->links[scene->step_links[start]].target].x0)
        continue;
      for (guint i = end; i-- > start;)
        {
          guint l = scene->step_links[i];

          if (fabs (y - courant_sankey_scene_link_centre (scene, l, x)) <= scene->links[l].width / 2)
            {
              pick.kind = COURANT_SANKEY_PICK_LINK;
              pick.index = l;
              return pick;
            }
        }
    }
  return pick;
}

double
courant_sankey_scene_weighted_crossings (const CourantSankeyScene *scene,
                                         guint64                  *crossings)
{
  double weighted = 0;
  guint64 count = 0;

  g_return_val_if_fail (scene != NULL, 0);

  for (guint k = 0; k + 1 < scene->n_steps; k++)
    for (guint i = scene->step_link_start[k]; i < scene->step_link_start[k + 1]; i++)
      for (guint j = i + 1; j < scene->step_link_start[k + 1]; j++)
        {
          const CourantSankeyLink *a = &scene->links[scene->step_links[i]];
          const CourantSankeyLink *b = &scene->links[scene->step_links[j]];

          if ((a->y0 - b->y0) * (a->y1 - b->y1) < 0)
            {
              count++;
              weighted += a->value * b->value;
            }
        }
  if (crossings != NULL)
    *crossings = count;
  return weighted;
}

char *
courant_sankey_scene_describe (const CourantSankeyScene *scene,
                               guint                     max_flows)
{
  g_autofree gboolean *told = NULL;
  g_autofree char *total = NULL;
  GString *text;

  g_return_val_if_fail (scene != NULL, NULL);

  total = courant_format_number (scene->total, 0);
  text = g_string_new (NULL);
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Journeys of %s over %u step.",
                                       "Journeys of %s over %u steps.",
                                       scene->n_steps),
                          total, scene->n_steps);

  /* A few flows out of thousands: selecting them beats sorting them all. */
  told = g_new0 (gboolean, MAX (scene->n_links, 1));
  for (guint shown = 0; shown < MIN (max_flows, scene->n_links); shown++)
    {
      g_autofree char *value = NULL;
      g_autofree char *share = NULL;
      const CourantSankeyLink *link;
      guint best = G_MAXUINT;

      for (guint l = 0; l < scene->n_links; l++)
        if (!told[l] && (best == G_MAXUINT || scene->links[l].value > scene->links[best].value))
          best = l;
      told[best] = TRUE;
      link = &scene->links[best];
      value = courant_format_number (link->value, 0);
      share = courant_format_number (scene->total > 0 ? 100 * link->value / scene->total : 0, 1);
      g_string_append_c (text, ' ');
      /* TRANSLATORS: one flow of a Sankey, for screen readers: the step,
       * from, to, the count and its share of the journeys. */
      g_string_append_printf (text, _("Step %u, %s to %s: %s (%s%%)."),
                              scene->nodes[link->source].step + 1,
                              scene->nodes[link->source].display,
                              scene->nodes[link->target].display, value, share);
    }
  return g_string_free (text, FALSE);
}

static void
append_json_number (GString    *out,
                    const char *name,
                    double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, ", \"%s\": %s", name,
                          g_ascii_formatd (buffer, sizeof buffer, "%.6f", value));
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_node_id (GString                 *out,
                const CourantSankeyNode *node)
{
  g_autofree char *id = g_strdup_printf ("%u:%s", node->step, node->label);

  append_json_string (out, id);
}

/* Coordinates keep six decimals: enough for any drawing, and stable text. */
char *
courant_sankey_scene_to_json (const CourantSankeyScene *scene)
{
  GString *out;

  g_return_val_if_fail (scene != NULL, NULL);

  out = g_string_new ("{\"steps\": ");
  g_string_append_printf (out, "%u", scene->n_steps);
  append_json_number (out, "width", scene->width);
  append_json_number (out, "height", scene->height);
  g_string_append (out, ",\n \"nodes\": [");
  for (guint v = 0; v < scene->n_nodes; v++)
    {
      const CourantSankeyNode *node = &scene->nodes[v];

      g_string_append (out, v > 0 ? ",\n  {\"id\": " : "\n  {\"id\": ");
      append_node_id (out, node);
      g_string_append_printf (out, ", \"step\": %u, \"label\": ", node->step);
      append_json_string (out, node->label);
      append_json_number (out, "value", node->value);
      append_json_number (out, "x0", node->x0);
      append_json_number (out, "x1", node->x1);
      append_json_number (out, "y0", node->y0);
      append_json_number (out, "y1", node->y1);
      g_string_append_printf (out, ", \"label_visible\": %s}", node->label_visible ? "true" : "false");
    }
  g_string_append (out, "],\n \"links\": [");
  for (guint l = 0; l < scene->n_links; l++)
    {
      const CourantSankeyLink *link = &scene->links[l];

      g_string_append (out, l > 0 ? ",\n  {\"source\": " : "\n  {\"source\": ");
      append_node_id (out, &scene->nodes[link->source]);
      g_string_append (out, ", \"target\": ");
      append_node_id (out, &scene->nodes[link->target]);
      append_json_number (out, "value", link->value);
      append_json_number (out, "width", link->width);
      append_json_number (out, "y0", link->y0);
      append_json_number (out, "y1", link->y1);
      g_string_append (out, "}");
    }
  g_string_append (out, "]}\n");
  return g_string_free (out, FALSE);
}
