/* courant-flows.c: the Sankey data of journeys
 *
 * One pass over the sorted event arrays: each entity's journey is read into
 * a few steps on the stack, node counts go to a flat (step × label) array
 * and link counts to a small open-addressing table keyed by (step, from,
 * to). Entity ranges run on up to two threads, whose counts are added at
 * the end. Only then are labels ranked per step, small ones grouped as
 * "(other)", and links re-keyed to the final nodes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "courant-csv.h"
#include "courant-error.h"
#include "courant-flows.h"
#include "courant-journeys-task.h"

#define MAX_STEPS       1024
#define MAX_CELLS       (1u << 24)
#define NO_NODE         G_MAXUINT32
#define CANCEL_INTERVAL 65536

/* Everything a walk through one journey needs, and the final label → node
 * mapping so that drill-down can replay the same journeys. */
struct _CourantFlowsPlan
{
  CourantEventStore   *store;
  CourantFlowsLabel    label;
  CourantFlowsAnchor   anchor;
  guint32              anchor_code;
  guint                n_steps;
  gboolean             collapse_repeats;
  gint64               max_gap_ms;
  gboolean             drop_offs;
  gint64               time_from;
  gint64               time_to;
  gboolean             filtering;   /* a time range or hidden events */
  guint8              *hidden;      /* per event code */
  guint8              *mask;        /* per entity, or NULL */
  guint                n_labels;
  guint                n_channels;
  guint32             *node_of;     /* n_steps × n_labels → node index */
  guint32             *end_node;    /* n_steps + 1 → node index of (end) */
};

typedef struct
{
  guint32 label;
  gint64  time;
} Step;

typedef struct
{
  guint64 key;     /* 0 when empty: keys carry a high marker bit */
  double  value;
  double  gap;     /* weighted sum of the times between the steps */
  guint   n;
} LinkSlot;

/* Link counts by (step, from, to): flat cells when they fit in
 * MAX_FLAT_LINKS (the usual case, a few hundred labels at most), else an
 * open-addressing table. Label n_labels stands for (end). */
typedef struct
{
  guint     n_labels;
  gsize     n_cells;
  LinkSlot *cells;     /* flat: n_cells, the key unused */
  LinkSlot *slots;     /* hashed */
  gsize     mask;
  gsize     used;
} LinkTable;

/* The counts of one thread. */
typedef struct
{
  const CourantFlowsPlan *plan;
  guint                   first_entity;
  guint                   last_entity;   /* exclusive */
  GCancellable           *cancellable;
  double                 *node_value;    /* n_steps × n_labels */
  guint                  *node_n;
  double                 *end_value;     /* n_steps + 1 */
  guint                  *end_n;
  LinkTable               links;
  guint                   n_entities;
  double                  total;
  gboolean                cancelled;
} Partial;

#define LINK_MARKER    (G_GUINT64_CONSTANT (1) << 63)
#define MAX_FLAT_LINKS (1u << 18)

static inline guint64
link_key (guint   step,
          guint32 from,
          guint32 to)
{
  return LINK_MARKER | ((guint64) step << 48) | ((guint64) from << 24) | to;
}

static void
link_table_init_hashed (LinkTable *table,
                        gsize      capacity)
{
  table->slots = g_new0 (LinkSlot, capacity);
  table->mask = capacity - 1;
  table->used = 0;
}

static void
link_table_init (LinkTable *table,
                 guint      n_steps,
                 guint      n_labels)
{
  gsize cells = (gsize) n_steps * n_labels * (n_labels + 1);

  memset (table, 0, sizeof *table);
  table->n_labels = n_labels;
  if (cells <= MAX_FLAT_LINKS)
    {
      table->n_cells = cells;
      table->cells = g_new0 (LinkSlot, cells);
    }
  else
    link_table_init_hashed (table, 1024);
}

static void
link_table_clear (LinkTable *table)
{
  g_clear_pointer (&table->cells, g_free);
  g_clear_pointer (&table->slots, g_free);
}

static inline LinkSlot *
link_table_slot (LinkTable *table,
                 guint64    key)
{
  gsize i = ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 40) & table->mask;

  while (table->slots[i].key != 0 && table->slots[i].key != key)
    i = (i + 1) & table->mask;
  return &table->slots[i];
}

static void
link_table_grow (LinkTable *table)
{
  LinkTable bigger = *table;

  link_table_init_hashed (&bigger, (table->mask + 1) * 2);
  for (gsize i = 0; i <= table->mask; i++)
    if (table->slots[i].key != 0)
      *link_table_slot (&bigger, table->slots[i].key) = table->slots[i];
  bigger.used = table->used;
  g_free (table->slots);
  *table = bigger;
}

static inline void
link_table_add (LinkTable *table,
                guint      step,
                guint32    from,
                guint32    to,
                double     value,
                double     gap,
                guint      n)
{
  LinkSlot *slot;

  if (table->cells != NULL)
    slot = &table->cells[((gsize) step * table->n_labels + from) * (table->n_labels + 1) + to];
  else
    {
      guint64 key = link_key (step, from, to);

      slot = link_table_slot (table, key);
      if (slot->key == 0)
        {
          slot->key = key;
          if (++table->used * 2 > table->mask)
            {
              link_table_grow (table);
              slot = link_table_slot (table, key);
            }
        }
    }
  slot->value += value;
  slot->gap += gap;
  slot->n += n;
}

/* Walks the counted links: returns FALSE past the last one. */
static gboolean
link_table_next (const LinkTable  *table,
                 gsize            *position,
                 guint            *step,
                 guint32          *from,
                 guint32          *to,
                 const LinkSlot  **slot)
{
  if (table->cells != NULL)
    {
      for (; *position < table->n_cells; (*position)++)
        if (table->cells[*position].n > 0)
          {
            gsize cell = *position;

            *to = cell % (table->n_labels + 1);
            cell /= table->n_labels + 1;
            *from = cell % table->n_labels;
            *step = cell / table->n_labels;
            *slot = &table->cells[(*position)++];
            return TRUE;
          }
      return FALSE;
    }

  for (; *position <= table->mask; (*position)++)
    if (table->slots[*position].key != 0)
      {
        guint64 key = table->slots[*position].key;

        *step = (key >> 48) & 0x7fff;
        *from = (key >> 24) & 0xffffff;
        *to = key & 0xffffff;
        *slot = &table->slots[(*position)++];
        return TRUE;
      }
  return FALSE;
}

static inline guint32
label_of (const CourantFlowsPlan *plan,
          guint                   i)
{
  const CourantEventStore *store = plan->store;

  switch (plan->label)
    {
    case COURANT_FLOWS_BY_CHANNEL:
      return store->channel[i];
    case COURANT_FLOWS_BY_BOTH:
      return store->event[i] * plan->n_channels + store->channel[i];
    case COURANT_FLOWS_BY_EVENT:
    default:
      return store->event[i];
    }
}

static inline gboolean
keeps (const CourantFlowsPlan *plan,
       guint                   i)
{
  gint64 t;

  if (!plan->filtering)
    return TRUE;
  t = plan->store->time[i];
  return t >= plan->time_from && t < plan->time_to && !plan->hidden[plan->store->event[i]];
}

/* Reads the journey of entity @e into @steps (forward in time) and returns
 * its length; @first_step is the step of steps[0]. */
static guint
walk (const CourantFlowsPlan *plan,
      guint                   e,
      Step                   *steps,
      guint                  *first_step)
{
  const CourantEventStore *store = plan->store;
  guint lo = store->offsets[e], hi = store->offsets[e + 1];
  guint i = lo, k = 0;
  gint64 previous_time = 0;

  *first_step = 0;
  if (plan->mask != NULL && !plan->mask[e])
    return 0;

  if (plan->anchor != COURANT_FLOWS_ANCHOR_NONE)
    {
      while (i < hi && !(store->event[i] == plan->anchor_code && keeps (plan, i)))
        i++;
      if (i == hi)
        return 0;
    }

  if (plan->anchor == COURANT_FLOWS_ANCHOR_END)
    {
      Step reversed[MAX_STEPS];

      for (gint64 j = i; j >= lo && k < plan->n_steps; j--)
        {
          guint32 label;

          if (!keeps (plan, j))
            continue;
          if (k > 0 && plan->max_gap_ms > 0 && previous_time - store->time[j] > plan->max_gap_ms)
            break;
          previous_time = store->time[j];
          label = label_of (plan, j);
          if (plan->collapse_repeats && k > 0 && reversed[k - 1].label == label)
            continue;
          reversed[k].label = label;
          reversed[k].time = store->time[j];
          k++;
        }
      for (guint j = 0; j < k; j++)
        steps[j] = reversed[k - 1 - j];
      *first_step = plan->n_steps - k;
      return k;
    }

  for (; i < hi && k < plan->n_steps; i++)
    {
      guint32 label;

      if (!keeps (plan, i))
        continue;
      if (k > 0 && plan->max_gap_ms > 0 && store->time[i] - previous_time > plan->max_gap_ms)
        break;
      previous_time = store->time[i];
      label = label_of (plan, i);
      if (plan->collapse_repeats && k > 0 && steps[k - 1].label == label)
        continue;
      steps[k].label = label;
      steps[k].time = store->time[i];
      k++;
    }
  return k;
}

static float
entity_weight (const CourantEventStore *store,
               guint                    e)
{
  return store->weight != NULL ? store->weight[store->offsets[e]] : 1.0f;
}

static gpointer
count_thread (gpointer data)
{
  Partial *partial = data;
  const CourantFlowsPlan *plan = partial->plan;
  guint n_labels = plan->n_labels;
  Step steps[MAX_STEPS];

  for (guint e = partial->first_entity; e < partial->last_entity; e++)
    {
      guint first, k;
      double w;

      if ((e - partial->first_entity) % CANCEL_INTERVAL == 0 &&
          g_cancellable_is_cancelled (partial->cancellable))
        {
          partial->cancelled = TRUE;
          return NULL;
        }

      k = walk (plan, e, steps, &first);
      if (k == 0)
        continue;

      w = entity_weight (plan->store, e);
      partial->n_entities++;
      partial->total += w;
      for (guint j = 0; j < k; j++)
        {
          gsize cell = (gsize) (first + j) * n_labels + steps[j].label;

          partial->node_value[cell] += w;
          partial->node_n[cell]++;
          if (j > 0)
            link_table_add (&partial->links, first + j - 1, steps[j - 1].label, steps[j].label,
                            w, w * (double) (steps[j].time - steps[j - 1].time), 1);
        }
      if (plan->drop_offs && first + k < plan->n_steps)
        {
          partial->end_value[first + k] += w;
          partial->end_n[first + k]++;
          link_table_add (&partial->links, first + k - 1, steps[k - 1].label, n_labels,
                          w, 0, 1);
        }
    }
  return NULL;
}

static void
partial_init (Partial                *partial,
              const CourantFlowsPlan *plan,
              GCancellable           *cancellable)
{
  gsize cells = (gsize) plan->n_steps * plan->n_labels;

  partial->plan = plan;
  partial->cancellable = cancellable;
  partial->node_value = g_new0 (double, cells);
  partial->node_n = g_new0 (guint, cells);
  partial->end_value = g_new0 (double, plan->n_steps + 1);
  partial->end_n = g_new0 (guint, plan->n_steps + 1);
  link_table_init (&partial->links, plan->n_steps, plan->n_labels);
}

static void
partial_clear (Partial *partial)
{
  g_free (partial->node_value);
  g_free (partial->node_n);
  g_free (partial->end_value);
  g_free (partial->end_n);
  link_table_clear (&partial->links);
}

static void
partial_merge (Partial       *into,
               const Partial *from)
{
  const CourantFlowsPlan *plan = into->plan;
  gsize cells = (gsize) plan->n_steps * plan->n_labels;

  for (gsize c = 0; c < cells; c++)
    {
      into->node_value[c] += from->node_value[c];
      into->node_n[c] += from->node_n[c];
    }
  for (guint s = 0; s <= plan->n_steps; s++)
    {
      into->end_value[s] += from->end_value[s];
      into->end_n[s] += from->end_n[s];
    }
  {
    gsize position = 0;
    const LinkSlot *slot;
    guint step;
    guint32 source, target;

    while (link_table_next (&from->links, &position, &step, &source, &target, &slot))
      link_table_add (&into->links, step, source, target, slot->value, slot->gap, slot->n);
  }
  into->n_entities += from->n_entities;
  into->total += from->total;
}

static void
plan_free (CourantFlowsPlan *plan)
{
  g_clear_pointer (&plan->store, courant_event_store_unref);
  g_free (plan->hidden);
  g_free (plan->mask);
  g_free (plan->node_of);
  g_free (plan->end_node);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantFlowsPlan, plan_free)

static CourantFlowsPlan *
plan_new (CourantEventStore          *store,
          const CourantFlowsOptions  *options,
          GError                    **error)
{
  g_autoptr(CourantFlowsPlan) plan = g_new0 (CourantFlowsPlan, 1);
  guint n_events = courant_dict_size (store->events);

  plan->store = courant_event_store_ref (store);
  plan->label = options->label;
  plan->anchor = options->anchor;
  plan->n_steps = options->n_steps;
  plan->collapse_repeats = options->collapse_repeats;
  plan->max_gap_ms = options->max_gap_ms;
  plan->drop_offs = options->drop_offs && options->anchor != COURANT_FLOWS_ANCHOR_END;
  plan->time_from = options->time_from;
  plan->time_to = options->time_to;

  if (plan->n_steps < 1 || plan->n_steps > MAX_STEPS)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("The number of steps must be between 1 and %u."), MAX_STEPS);
      return NULL;
    }
  if (options->label != COURANT_FLOWS_BY_EVENT && store->channels == NULL)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("Flows by channel need a channel column."));
      return NULL;
    }

  plan->n_channels = store->channels != NULL ? MAX (courant_dict_size (store->channels), 1) : 1;
  switch (options->label)
    {
    case COURANT_FLOWS_BY_CHANNEL:
      plan->n_labels = plan->n_channels;
      break;
    case COURANT_FLOWS_BY_BOTH:
      plan->n_labels = MAX (n_events, 1) * plan->n_channels;
      break;
    case COURANT_FLOWS_BY_EVENT:
    default:
      plan->n_labels = MAX (n_events, 1);
      break;
    }
  if ((guint64) plan->n_labels * plan->n_steps > MAX_CELLS)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                   _("There are too many distinct labels for %u steps."), plan->n_steps);
      return NULL;
    }

  if (plan->anchor != COURANT_FLOWS_ANCHOR_NONE)
    {
      if (options->anchor_event == NULL)
        {
          g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                       _("An anchored flow needs its event."));
          return NULL;
        }
      /* An event nobody has gives an empty flow, not an error. */
      plan->anchor_code = courant_dict_lookup (store->events, options->anchor_event);
    }

  plan->hidden = g_new0 (guint8, MAX (n_events, 1));
  for (guint i = 0; options->hidden_events != NULL && options->hidden_events[i] != NULL; i++)
    {
      guint32 code = courant_dict_lookup (store->events, options->hidden_events[i]);

      if (code != COURANT_DICT_NOT_FOUND)
        plan->hidden[code] = plan->filtering = TRUE;
    }
  plan->filtering |= plan->time_from != G_MININT64 || plan->time_to != G_MAXINT64;
  if (options->entity_mask != NULL)
    plan->mask = g_memdup2 (options->entity_mask, MAX (store->n_entities, 1));

  return g_steal_pointer (&plan);
}

static char *
label_text (const CourantFlowsPlan *plan,
            guint32                 label)
{
  const CourantEventStore *store = plan->store;

  switch (plan->label)
    {
    case COURANT_FLOWS_BY_CHANNEL:
      return g_strdup (courant_dict_get (store->channels, label));
    case COURANT_FLOWS_BY_BOTH:
      return g_strdup_printf ("%s (%s)",
                              courant_dict_get (store->events, label / plan->n_channels),
                              courant_dict_get (store->channels, label % plan->n_channels));
    case COURANT_FLOWS_BY_EVENT:
    default:
      return g_strdup (courant_dict_get (store->events, label));
    }
}

typedef struct
{
  guint32  label;
  char    *text;
  double   value;
  guint    n;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->value != cb->value)
    return ca->value > cb->value ? -1 : 1;
  return strcmp (ca->text, cb->text);
}

static void
node_clear (gpointer data)
{
  CourantFlowsNode *node = data;

  g_free (node->id);
  g_free (node->label);
  g_clear_pointer (&node->members, g_array_unref);
}

static void
member_clear (gpointer data)
{
  CourantFlowsMember *member = data;

  g_free (member->label);
}

static guint
add_node (CourantFlowsResult *result,
          guint               step,
          char               *label,
          double              value,
          guint               n)
{
  CourantFlowsNode node = {
    .id = g_strdup_printf ("%u:%s", step, label),
    .step = step,
    .label = label,
    .value = value,
    .n_entities = n,
  };

  g_array_append_val (result->nodes, node);
  return result->nodes->len - 1;
}

/* Ranks the labels of each step and gives each its node, or (other). */
static void
build_nodes (CourantFlowsResult        *result,
             const CourantFlowsOptions *options,
             const Partial             *counts)
{
  CourantFlowsPlan *plan = result->plan;
  guint n_labels = plan->n_labels;

  plan->node_of = g_new (guint32, (gsize) plan->n_steps * n_labels);
  plan->end_node = g_new (guint32, plan->n_steps + 1);
  memset (plan->end_node, 0xff, sizeof (guint32) * (plan->n_steps + 1));

  for (guint s = 0; s < plan->n_steps; s++)
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
      double step_total = 0, other_value = 0;
      guint other_n = 0, other_node = NO_NODE;
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (CourantFlowsMember));
      guint32 *node_of = plan->node_of + (gsize) s * n_labels;

      g_array_set_clear_func (members, member_clear);
      for (guint32 l = 0; l < n_labels; l++)
        {
          gsize cell = (gsize) s * n_labels + l;

          node_of[l] = NO_NODE;
          if (counts->node_n[cell] > 0)
            {
              Candidate c = { l, label_text (plan, l), counts->node_value[cell], counts->node_n[cell] };

              g_array_append_val (candidates, c);
              step_total += c.value;
            }
        }
      g_array_sort (candidates, compare_candidates);

      for (guint r = 0; r < candidates->len; r++)
        {
          Candidate *c = &g_array_index (candidates, Candidate, r);
          gboolean kept = (options->top_n == 0 || r < options->top_n) &&
                          (options->min_share <= 0 || c->value >= options->min_share * step_total);

          if (kept)
            node_of[c->label] = add_node (result, s, g_steal_pointer (&c->text), c->value, c->n);
          else
            {
              CourantFlowsMember member = { g_steal_pointer (&c->text), c->value, c->n };

              other_value += c->value;
              other_n += c->n;
              g_array_append_val (members, member);
            }
        }
      if (other_n > 0)
        {
          other_node = add_node (result, s, g_strdup (COURANT_FLOWS_OTHER), other_value, other_n);
          g_array_index (result->nodes, CourantFlowsNode, other_node).members = g_steal_pointer (&members);
          for (guint r = 0; r < candidates->len; r++)
            {
              Candidate *c = &g_array_index (candidates, Candidate, r);

              if (node_of[c->label] == NO_NODE)
                node_of[c->label] = other_node;
            }
        }
      if (counts->end_n[s] > 0)
        plan->end_node[s] = add_node (result, s, g_strdup (COURANT_FLOWS_END),
                                      counts->end_value[s], counts->end_n[s]);
    }
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const CourantFlowsLink *la = a, *lb = b;

  if (la->source != lb->source)
    return la->source < lb->source ? -1 : 1;
  if (la->value != lb->value)
    return la->value > lb->value ? -1 : 1;
  return (la->target > lb->target) - (la->target < lb->target);
}

/* Re-keys the raw (step, label, label) links to the final nodes. */
static void
build_links (CourantFlowsResult *result,
             const Partial      *counts)
{
  const CourantFlowsPlan *plan = result->plan;
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) gaps = g_array_new (FALSE, TRUE, sizeof (double));
  gsize position = 0;
  const LinkSlot *slot;
  guint step;
  guint32 from, to;

  while (link_table_next (&counts->links, &position, &step, &from, &to, &slot))
    {
      guint source, target;
      gint64 key;
      gpointer found;
      guint position_in_links;

      source = plan->node_of[(gsize) step * plan->n_labels + from];
      target = to == plan->n_labels ? plan->end_node[step + 1]
                                    : plan->node_of[(gsize) (step + 1) * plan->n_labels + to];
      key = ((gint64) source << 32) | target;

      if (!g_hash_table_lookup_extended (index, &key, NULL, &found))
        {
          CourantFlowsLink link = { source, target, 0, 0, 0 };

          g_array_append_val (result->links, link);
          g_array_set_size (gaps, result->links->len);
          position_in_links = result->links->len - 1;
          g_hash_table_insert (index, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (position_in_links));
        }
      else
        position_in_links = GPOINTER_TO_UINT (found);

      g_array_index (result->links, CourantFlowsLink, position_in_links).value += slot->value;
      g_array_index (result->links, CourantFlowsLink, position_in_links).n_entities += slot->n;
      g_array_index (gaps, double, position_in_links) += slot->gap;
    }

  for (guint i = 0; i < result->links->len; i++)
    {
      CourantFlowsLink *link = &g_array_index (result->links, CourantFlowsLink, i);
      const CourantFlowsNode *target = &g_array_index (result->nodes, CourantFlowsNode, link->target);

      if (g_str_equal (target->label, COURANT_FLOWS_END) || link->value == 0)
        link->mean_gap_ms = NAN;
      else
        link->mean_gap_ms = g_array_index (gaps, double, i) / link->value;
    }
  g_array_sort (result->links, compare_links);
}

void
courant_flows_options_init (CourantFlowsOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->n_steps = 5;
  options->drop_offs = TRUE;
  options->time_from = G_MININT64;
  options->time_to = G_MAXINT64;
}

gboolean
courant_flows_time_extent (const CourantEventStore *store,
                           gint64                  *first,
                           gint64                  *last)
{
  gint64 lo = G_MAXINT64, hi = G_MININT64;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  /* Events are sorted by entity first, so every one is looked at. */
  for (guint i = 0; i < store->n_events; i++)
    {
      lo = MIN (lo, store->time[i]);
      hi = MAX (hi, store->time[i]);
    }
  *first = lo;
  *last = hi;
  return store->n_events > 0;
}

static void
local_day (gint64     time_ms,
           GTimeZone *tz,
           GDate     *day)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_ms / 1000 - (time_ms % 1000 < 0));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
}

void
courant_flows_period_days (CourantFlowsPeriod  period,
                           gint64              first,
                           gint64              last,
                           GTimeZone          *tz,
                           GDate              *from,
                           GDate              *to)
{
  GDate start;

  g_return_if_fail (tz != NULL);
  g_return_if_fail (from != NULL && to != NULL);
  g_return_if_fail (first <= last);

  local_day (first, tz, &start);
  local_day (last, tz, to);
  *from = *to;
  switch (period)
    {
    case COURANT_FLOWS_PERIOD_LAST_12_MONTHS:
      g_date_subtract_months (from, 12);
      g_date_add_days (from, 1);
      break;
    case COURANT_FLOWS_PERIOD_LAST_3_MONTHS:
      g_date_subtract_months (from, 3);
      g_date_add_days (from, 1);
      break;
    case COURANT_FLOWS_PERIOD_ALL:
    default:
      *from = start;
      break;
    }
  if (g_date_compare (from, &start) < 0)
    *from = start;
}

static gint64
local_midnight (const GDate *day,
                GTimeZone   *tz)
{
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_get_year (day),
                                                   g_date_get_month (day),
                                                   g_date_get_day (day), 0, 0, 0);

  return g_date_time_to_unix (midnight) * 1000;
}

void
courant_flows_days_to_range (const GDate *from,
                             const GDate *to,
                             GTimeZone   *tz,
                             gint64      *time_from,
                             gint64      *time_to)
{
  GDate after;

  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (to != NULL && g_date_valid (to));
  g_return_if_fail (tz != NULL);
  g_return_if_fail (time_from != NULL && time_to != NULL);

  after = *to;
  g_date_add_days (&after, 1);
  *time_from = local_midnight (from, tz);
  *time_to = local_midnight (&after, tz);
}

static guint
thread_count (const CourantEventStore   *store,
              const CourantFlowsOptions *options)
{
  /* Threads pay off only over many journeys. */
  if (options->n_threads > 0)
    return MIN (options->n_threads, 16);
  if (store->n_entities < 50000)
    return 1;
  return MIN (g_get_num_processors (), 2);
}

CourantFlowsResult *
courant_flows_compute (CourantEventStore          *store,
                       const CourantFlowsOptions  *options,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  g_autoptr(CourantFlowsResult) result = NULL;
  Partial partials[16] = { 0 };
  GThread *threads[16] = { NULL };
  guint n_threads;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = g_new0 (CourantFlowsResult, 1);
  result->nodes = g_array_new (FALSE, FALSE, sizeof (CourantFlowsNode));
  g_array_set_clear_func (result->nodes, node_clear);
  result->links = g_array_new (FALSE, FALSE, sizeof (CourantFlowsLink));
  result->plan = plan_new (store, options, error);
  if (result->plan == NULL)
    return NULL;
  result->n_steps = result->plan->n_steps;

  /* Split the entities so that each thread reads about as many events. */
  n_threads = thread_count (store, options);
  for (guint t = 0; t < n_threads; t++)
    {
      guint64 target = (guint64) store->n_events * (t + 1) / n_threads;
      guint first = t == 0 ? 0 : partials[t - 1].last_entity;
      guint last = first;

      while (last < store->n_entities && store->offsets[last] < target)
        last++;
      if (t == n_threads - 1)
        last = store->n_entities;

      partial_init (&partials[t], result->plan, cancellable);
      partials[t].first_entity = first;
      partials[t].last_entity = last;
      if (t > 0)
        threads[t] = g_thread_new ("courant-flows", count_thread, &partials[t]);
    }
  count_thread (&partials[0]);

  for (guint t = 0; t < n_threads; t++)
    {
      if (threads[t] != NULL)
        g_thread_join (threads[t]);
      cancelled |= partials[t].cancelled;
      if (t > 0)
        partial_merge (&partials[0], &partials[t]);
    }

  if (!cancelled)
    {
      result->n_entities = partials[0].n_entities;
      result->total = partials[0].total;
      build_nodes (result, options, &partials[0]);
      build_links (result, &partials[0]);
    }

  for (guint t = 0; t < n_threads; t++)
    partial_clear (&partials[t]);

  if (cancelled || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (cancelled)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

void
courant_flows_compute_async (CourantEventStore          *store,
                             const CourantFlowsOptions  *options,
                             GCancellable               *cancellable,
                             GAsyncReadyCallback         callback,
                             gpointer                    user_data)
{
  g_return_if_fail (store != NULL);
  g_return_if_fail (options != NULL);

  courant_journeys_task_run (store, g_memdup2 (options, sizeof *options), g_free,
                             (CourantJourneysCompute) courant_flows_compute,
                             (GDestroyNotify) courant_flows_result_free,
                             courant_flows_compute_async, cancellable, callback, user_data);
}

CourantFlowsResult *
courant_flows_compute_finish (GAsyncResult  *result,
                              GError       **error)
{
  return courant_journeys_task_finish (result, courant_flows_compute_async, error);
}

void
courant_flows_result_free (CourantFlowsResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->nodes, g_array_unref);
  g_clear_pointer (&result->links, g_array_unref);
  g_clear_pointer (&result->plan, plan_free);
  g_free (result);
}

/* The node of each step of entity @e's journey; returns its length. */
static guint
journey_nodes (const CourantFlowsPlan *plan,
               guint                   e,
               guint32                *nodes,
               guint                  *first)
{
  Step steps[MAX_STEPS];
  guint k = walk (plan, e, steps, first);

  for (guint j = 0; j < k; j++)
    nodes[j] = plan->node_of[(gsize) (*first + j) * plan->n_labels + steps[j].label];
  if (k > 0 && plan->drop_offs && *first + k < plan->n_steps)
    nodes[k] = plan->end_node[*first + k];
  else
    nodes[k] = NO_NODE;
  return k;
}

static GArray *
entities_through (const CourantFlowsResult *result,
                  guint32                   source,
                  guint32                   target)
{
  GArray *entities = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 nodes[MAX_STEPS + 1];

  for (guint32 e = 0; e < result->plan->store->n_entities; e++)
    {
      guint first;
      guint k = journey_nodes (result->plan, e, nodes, &first);

      for (guint j = 0; j <= k; j++)
        if (nodes[j] == source && (target == NO_NODE || (j < k && nodes[j + 1] == target)))
          {
            g_array_append_val (entities, e);
            break;
          }
    }
  return entities;
}

GArray *
courant_flows_node_entities (const CourantFlowsResult *result,
                             guint                     node)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (node < result->nodes->len, NULL);

  return entities_through (result, node, NO_NODE);
}

GArray *
courant_flows_link_entities (const CourantFlowsResult *result,
                             guint                     link)
{
  const CourantFlowsLink *l;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (link < result->links->len, NULL);

  l = &g_array_index (result->links, CourantFlowsLink, link);
  return entities_through (result, l->source, l->target);
}

/* Whole numbers print without a fraction. */
static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (isnan (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 9e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

/* "(other)"'s labels, the largest first. */
static void
add_members (JsonBuilder  *builder,
             const GArray *members)
{
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint m = 0; m < members->len; m++)
    {
      const CourantFlowsMember *member = &g_array_index (members, CourantFlowsMember, m);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, member->label);
      json_builder_set_member_name (builder, "value");
      add_number (builder, member->value);
      json_builder_set_member_name (builder, "entities");
      json_builder_add_int_value (builder, member->n_entities);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

char *
courant_flows_result_to_json (const CourantFlowsResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entities");
  json_builder_add_int_value (builder, result->n_entities);
  json_builder_set_member_name (builder, "total");
  add_number (builder, result->total);
  json_builder_set_member_name (builder, "steps");
  json_builder_add_int_value (builder, result->n_steps);
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->nodes->len; i++)
    {
      const CourantFlowsNode *node = &g_array_index (result->nodes, CourantFlowsNode, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, node->id);
      json_builder_set_member_name (builder, "step");
      json_builder_add_int_value (builder, node->step);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, node->label);
      json_builder_set_member_name (builder, "value");
      add_number (builder, node->value);
      json_builder_set_member_name (builder, "entities");
      json_builder_add_int_value (builder, node->n_entities);
      if (node->members != NULL)
        add_members (builder, node->members);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->links->len; i++)
    {
      const CourantFlowsLink *link = &g_array_index (result->links, CourantFlowsLink, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, g_array_index (result->nodes, CourantFlowsNode, link->source).id);
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, g_array_index (result->nodes, CourantFlowsNode, link->target).id);
      json_builder_set_member_name (builder, "value");
      add_number (builder, link->value);
      json_builder_set_member_name (builder, "entities");
      json_builder_add_int_value (builder, link->n_entities);
      json_builder_set_member_name (builder, "mean_gap_ms");
      add_number (builder, isnan (link->mean_gap_ms) ? NAN : round (link->mean_gap_ms));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static void
append_csv_number (GString *out,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value))
    g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, value));
}

char *
courant_flows_result_to_csv (const CourantFlowsResult *result)
{
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);

  out = g_string_new ("kind,step,label,id,source,target,value,entities,mean_gap_ms\n");
  for (guint i = 0; i < result->nodes->len; i++)
    {
      const CourantFlowsNode *node = &g_array_index (result->nodes, CourantFlowsNode, i);

      g_string_append_printf (out, "node,%u,", node->step);
      courant_csv_append_field (out, node->label);
      g_string_append_c (out, ',');
      courant_csv_append_field (out, node->id);
      g_string_append (out, ",,,");
      append_csv_number (out, node->value);
      g_string_append_printf (out, ",%u,\n", node->n_entities);
    }
  for (guint i = 0; i < result->links->len; i++)
    {
      const CourantFlowsLink *link = &g_array_index (result->links, CourantFlowsLink, i);
      const CourantFlowsNode *source = &g_array_index (result->nodes, CourantFlowsNode, link->source);
      const CourantFlowsNode *target = &g_array_index (result->nodes, CourantFlowsNode, link->target);

      g_string_append_printf (out, "link,%u,,,", source->step);
      courant_csv_append_field (out, source->id);
      g_string_append_c (out, ',');
      courant_csv_append_field (out, target->id);
      g_string_append_c (out, ',');
      append_csv_number (out, link->value);
      g_string_append_printf (out, ",%u,", link->n_entities);
      append_csv_number (out, isnan (link->mean_gap_ms) ? NAN : round (link->mean_gap_ms));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
