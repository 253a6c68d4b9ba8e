/* courant-precursors.c: the events over-represented before an outcome
 *
 * One pass over the sorted events. Each entity counts once per event and
 * per pair it has: a stamp array remembers the last entity that counted a
 * code, so nothing is cleared between entities. Pairs use a flat
 * (event × event) array, which bounds them to MAX_PAIR_EVENTS codes.
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
#include "courant-journeys-task.h"
#include "courant-precursors.h"

#define MAX_PAIR_EVENTS 1024

typedef struct
{
  guint    n_codes;     /* singles: n_events; pairs: n_events² */
  guint32 *stamp;       /* entity + 1 that last counted the code */
  guint   *n_with;      /* unweighted: the entities behind a drill-down */
  double  *with;
  double  *without;
} Counts;

static void
counts_init (Counts *counts,
             guint   n_codes)
{
  counts->n_codes = n_codes;
  counts->stamp = g_new0 (guint32, MAX (n_codes, 1));
  counts->n_with = g_new0 (guint, MAX (n_codes, 1));
  counts->with = g_new0 (double, MAX (n_codes, 1));
  counts->without = g_new0 (double, MAX (n_codes, 1));
}

static void
counts_clear (Counts *counts)
{
  g_free (counts->stamp);
  g_free (counts->n_with);
  g_free (counts->with);
  g_free (counts->without);
}

static inline void
counts_add (Counts   *counts,
            guint     code,
            guint32   stamp,
            gboolean  with,
            double    w)
{
  if (counts->stamp[code] == stamp)
    return;
  counts->stamp[code] = stamp;
  if (with)
    {
      counts->n_with[code]++;
      counts->with[code] += w;
    }
  else
    counts->without[code] += w;
}

void
courant_precursors_options_init (CourantPrecursorsOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->min_support = 0.01;
  options->pairs = TRUE;
}

/* Pooled two-proportion z statistic and its two-sided normal p-value. */
static void
z_test (double  x1,
        double  n1,
        double  x2,
        double  n2,
        double *z,
        double *p)
{
  double pooled = (x1 + x2) / (n1 + n2);
  double se = sqrt (pooled * (1 - pooled) * (1 / n1 + 1 / n2));

  *z = se > 0 ? (x1 / n1 - x2 / n2) / se : 0;
  *p = erfc (fabs (*z) / G_SQRT2);
}

static int
compare_precursors (gconstpointer a,
                    gconstpointer b)
{
  const CourantPrecursor *pa = a, *pb = b;

  if (pa->lift != pb->lift)
    return pa->lift > pb->lift ? -1 : 1;
  if (pa->support != pb->support)
    return pa->support > pb->support ? -1 : 1;
  if (pa->first != pb->first)
    return pa->first < pb->first ? -1 : 1;
  return (pa->second > pb->second) - (pa->second < pb->second);
}

static void
collect (CourantPrecursorsResult        *result,
         const CourantPrecursorsOptions *options,
         const Counts                   *counts,
         guint                           n_events,
         gboolean                        pairs)
{
  for (guint code = 0; code < counts->n_codes; code++)
    {
      CourantPrecursor item;

      if (counts->with[code] <= 0)
        continue;
      item.first = pairs ? code / n_events : code;
      item.second = pairs ? code % n_events : COURANT_DICT_NOT_FOUND;
      item.n_entities = counts->n_with[code];
      item.support = counts->with[code] / result->weight_with;
      item.baseline = result->weight_without > 0 ? counts->without[code] / result->weight_without : 0;
      if (item.support < options->min_support)
        continue;
      item.lift = item.baseline > 0 ? item.support / item.baseline : INFINITY;
      z_test (counts->with[code], result->weight_with,
              counts->without[code], result->weight_without, &item.z, &item.p);
      g_array_append_val (result->precursors, item);
    }
}

CourantPrecursorsResult *
courant_precursors_compute (CourantEventStore               *store,
                            const CourantPrecursorsOptions  *options,
                            GCancellable                    *cancellable,
                            GError                         **error)
{
  g_autoptr(CourantPrecursorsResult) result = NULL;
  guint n_events;
  guint32 outcome;
  gboolean pairs;
  Counts singles, couples = { 0 };

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (options != NULL && options->outcome != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  outcome = courant_dict_lookup (store->events, options->outcome);
  if (outcome == COURANT_DICT_NOT_FOUND)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("No entity has the event “%s”."), options->outcome);
      return NULL;
    }

  result = g_new0 (CourantPrecursorsResult, 1);
  result->store = courant_event_store_ref (store);
  result->outcome = g_strdup (options->outcome);
  result->precursors = g_array_new (FALSE, FALSE, sizeof (CourantPrecursor));
  if (options->entity_mask != NULL)
    result->entity_mask = g_memdup2 (options->entity_mask, store->n_entities);

  n_events = courant_dict_size (store->events);
  pairs = options->pairs && n_events <= MAX_PAIR_EVENTS;
  counts_init (&singles, n_events);
  if (pairs)
    counts_init (&couples, n_events * n_events);

  for (guint e = 0; e < store->n_entities; e++)
    {
      guint lo = store->offsets[e], hi = store->offsets[e + 1], end = lo;
      double w = store->weight != NULL ? store->weight[lo] : 1.0;
      gboolean with;

      if (e % 65536 == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      if (options->entity_mask != NULL && !options->entity_mask[e])
        continue;

      while (end < hi && store->event[end] != outcome)
        end++;
      with = end < hi;
      if (with)
        {
          result->entities_with++;
          result->weight_with += w;
        }
      else
        {
          result->entities_without++;
          result->weight_without += w;
        }

      for (guint i = lo; i < end; i++)
        {
          counts_add (&singles, store->event[i], e + 1, with, w);
          if (pairs && i > lo)
            counts_add (&couples, store->event[i - 1] * n_events + store->event[i], e + 1, with, w);
        }
    }

  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      collect (result, options, &singles, n_events, FALSE);
      if (pairs)
        collect (result, options, &couples, n_events, TRUE);
      g_array_sort (result->precursors, compare_precursors);
    }
  counts_clear (&singles);
  if (pairs)
    counts_clear (&couples);

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  return g_steal_pointer (&result);
}

static void
options_free (CourantPrecursorsOptions *options)
{
  g_free ((char *) options->outcome);
  g_free (options);
}

void
courant_precursors_compute_async (CourantEventStore              *store,
                                  const CourantPrecursorsOptions *options,
                                  GCancellable                   *cancellable,
                                  GAsyncReadyCallback             callback,
                                  gpointer                        user_data)
{
  CourantPrecursorsOptions *copy;

  g_return_if_fail (store != NULL);
  g_return_if_fail (options != NULL && options->outcome != NULL);

  /* The outcome is copied with the options; the mask must outlive the task. */
  copy = g_memdup2 (options, sizeof *options);
  copy->outcome = g_strdup (options->outcome);
  courant_journeys_task_run (store, copy, (GDestroyNotify) options_free,
                             (CourantJourneysCompute) courant_precursors_compute,
                             (GDestroyNotify) courant_precursors_result_free,
                             courant_precursors_compute_async, cancellable, callback, user_data);
}

CourantPrecursorsResult *
courant_precursors_compute_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return courant_journeys_task_finish (result, courant_precursors_compute_async, error);
}

void
courant_precursors_result_free (CourantPrecursorsResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->store, courant_event_store_unref);
  g_clear_pointer (&result->precursors, g_array_unref);
  g_free (result->entity_mask);
  g_free (result->outcome);
  g_free (result);
}

/* Whether the events lo to end - 1 hold the single event or the pair. */
static gboolean
has_precursor (const CourantEventStore *store,
               const CourantPrecursor  *item,
               guint                    lo,
               guint                    end)
{
  for (guint i = lo; i < end; i++)
    {
      if (store->event[i] != (item->second == COURANT_DICT_NOT_FOUND ? item->first : item->second))
        continue;
      if (item->second == COURANT_DICT_NOT_FOUND || (i > lo && store->event[i - 1] == item->first))
        return TRUE;
    }
  return FALSE;
}

GArray *
courant_precursors_entities (const CourantPrecursorsResult *result,
                             guint                          index,
                             GCancellable                  *cancellable)
{
  const CourantEventStore *store;
  const CourantPrecursor *item;
  g_autoptr(GArray) entities = NULL;
  guint32 outcome;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (index < result->precursors->len, NULL);

  store = result->store;
  item = &g_array_index (result->precursors, CourantPrecursor, index);
  outcome = courant_dict_lookup (store->events, result->outcome);
  entities = g_array_sized_new (FALSE, FALSE, sizeof (guint32), item->n_entities);
  for (guint32 e = 0; e < store->n_entities; e++)
    {
      guint lo = store->offsets[e], hi = store->offsets[e + 1], end = lo;

      if (e % 65536 == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;
      if (result->entity_mask != NULL && !result->entity_mask[e])
        continue;
      while (end < hi && store->event[end] != outcome)
        end++;
      if (end < hi && has_precursor (store, item, lo, end))
        g_array_append_val (entities, e);
    }
  return g_steal_pointer (&entities);
}

static void
add_number (JsonBuilder *builder,
            double       value)
{
  /* JSON has no infinity: a lift over a zero baseline is null. */
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

char *
courant_precursors_result_to_json (const CourantPrecursorsResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const CourantDict *events;

  g_return_val_if_fail (result != NULL, NULL);

  events = result->store->events;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, result->outcome);
  json_builder_set_member_name (builder, "entities_with");
  json_builder_add_int_value (builder, result->entities_with);
  json_builder_set_member_name (builder, "entities_without");
  json_builder_add_int_value (builder, result->entities_without);
  json_builder_set_member_name (builder, "precursors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->precursors->len; i++)
    {
      const CourantPrecursor *item = &g_array_index (result->precursors, CourantPrecursor, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sequence");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, courant_dict_get (events, item->first));
      if (item->second != COURANT_DICT_NOT_FOUND)
        json_builder_add_string_value (builder, courant_dict_get (events, item->second));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "entities");
      json_builder_add_int_value (builder, item->n_entities);
      json_builder_set_member_name (builder, "support");
      add_number (builder, item->support);
      json_builder_set_member_name (builder, "baseline");
      add_number (builder, item->baseline);
      json_builder_set_member_name (builder, "lift");
      add_number (builder, item->lift);
      json_builder_set_member_name (builder, "z");
      add_number (builder, item->z);
      json_builder_set_member_name (builder, "p");
      add_number (builder, item->p);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

char *
courant_precursors_result_to_csv (const CourantPrecursorsResult *result)
{
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);

  out = g_string_new ("first,second,entities,support,baseline,lift,z,p\n");
  for (guint i = 0; i < result->precursors->len; i++)
    {
      const CourantPrecursor *item = &g_array_index (result->precursors, CourantPrecursor, i);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double numbers[] = { item->support, item->baseline, item->lift, item->z, item->p };

      courant_csv_append_field (out, courant_dict_get (result->store->events, item->first));
      g_string_append_c (out, ',');
      if (item->second != COURANT_DICT_NOT_FOUND)
        courant_csv_append_field (out, courant_dict_get (result->store->events, item->second));
      g_string_append_printf (out, ",%u", item->n_entities);
      for (guint j = 0; j < G_N_ELEMENTS (numbers); j++)
        {
          g_string_append_c (out, ',');
          if (isfinite (numbers[j]))
            g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, numbers[j]));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
