/* courant-series-query.c: bucketing and aggregating series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "courant-series-query.h"

#define MS_PER_MINUTE G_GINT64_CONSTANT (60000)
#define MS_PER_DAY    G_GINT64_CONSTANT (86400000)

static const char *const bucket_names[] = { "raw", "15min", "30min", "1h", "1d", "1w", "1M" };
static const char *const agg_names[] = { "sum", "mean", "min", "max", "count" };

gboolean
courant_bucket_parse (const char    *text,
                      CourantBucket *out)
{
  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (bucket_names); i++)
    if (g_str_equal (text, bucket_names[i]))
      {
        *out = (CourantBucket) i;
        return TRUE;
      }
  return FALSE;
}

const char *
courant_bucket_to_string (CourantBucket bucket)
{
  g_return_val_if_fail (bucket <= COURANT_BUCKET_1M, NULL);

  return bucket_names[bucket];
}

gboolean
courant_agg_parse (const char *text,
                   CourantAgg *out)
{
  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (agg_names); i++)
    if (g_str_equal (text, agg_names[i]))
      {
        *out = (CourantAgg) i;
        return TRUE;
      }
  return FALSE;
}

const char *
courant_agg_to_string (CourantAgg agg)
{
  g_return_val_if_fail (agg <= COURANT_AGG_COUNT, NULL);

  return agg_names[agg];
}

static gint64
offset_at (GTimeZone *tz,
           gint64     seconds)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, seconds);

  return (gint64) g_time_zone_get_offset (tz, interval) * 1000;
}

/* GTimeZone does not say where its intervals end, so the zone is probed every
 * six hours and each change is found to the second by bisection. */
GArray *
courant_offsets_new (GTimeZone *tz,
                     gint64     from_ms,
                     gint64     to_ms)
{
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (CourantOffsetInterval));
  const gint64 step = 6 * 3600;
  gint64 first = from_ms / 1000 - 86400;
  gint64 last = to_ms / 1000 + 86400;
  CourantOffsetInterval current;

  g_return_val_if_fail (tz != NULL, offsets);

  current.start_ms = G_MININT64;
  current.offset_ms = offset_at (tz, first);
  for (gint64 s = first; s < last; s += step)
    {
      gint64 next = MIN (s + step, last);
      gint64 lo = s, hi = next;

      if (offset_at (tz, next) == current.offset_ms)
        continue;

      /* The offset at lo is current's, the one at hi is not. */
      while (hi - lo > 1)
        {
          gint64 mid = lo + (hi - lo) / 2;

          if (offset_at (tz, mid) == current.offset_ms)
            lo = mid;
          else
            hi = mid;
        }
      current.end_ms = hi * 1000;
      g_array_append_val (offsets, current);
      current.start_ms = hi * 1000;
      current.offset_ms = offset_at (tz, hi);
    }
  current.end_ms = G_MAXINT64;
  g_array_append_val (offsets, current);
  return offsets;
}

gint64
courant_offsets_lookup (GArray *offsets,
                        gint64  t_ms,
                        guint  *hint)
{
  const CourantOffsetInterval *intervals = (const CourantOffsetInterval *) offsets->data;
  guint i = *hint < offsets->len ? *hint : 0;

  while (t_ms < intervals[i].start_ms)
    i--;
  while (t_ms >= intervals[i].end_ms)
    i++;
  *hint = i;
  return intervals[i].offset_ms;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static void
push_bound (GArray *bounds,
            gint64  t)
{
  if (bounds->len == 0 || g_array_index (bounds, gint64, bounds->len - 1) < t)
    g_array_append_val (bounds, t);
}

/* Sub-daily bucket starts follow the local clock in each offset interval; an
 * offset change always starts a new bucket. */
static void
add_clock_bounds (GArray *bounds,
                  GArray *offsets,
                  gint64  lo,
                  gint64  hi,
                  gint64  width)
{
  for (guint k = 0; k < offsets->len; k++)
    {
      const CourantOffsetInterval *interval = &g_array_index (offsets, CourantOffsetInterval, k);
      gint64 start = MAX (interval->start_ms, lo);
      gint64 end = MIN (interval->end_ms, hi + 1);
      gint64 t;

      if (start >= end)
        continue;

      /* An offset change inside the range starts a bucket of its own. */
      t = floor_div (start + interval->offset_ms, width) * width - interval->offset_ms;
      push_bound (bounds, t < start && interval->start_ms > lo ? start : t);
      for (t += width; t < end; t += width)
        push_bound (bounds, t);
    }
}

static GDateTime *
calendar_start (GTimeZone     *tz,
                gint64         t,
                CourantBucket  bucket)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (floor_div (t, 1000));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  int day = g_date_time_get_day_of_month (local);
  g_autoptr(GDateTime) midnight = NULL;

  if (bucket == COURANT_BUCKET_1M)
    day = 1;
  midnight = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local), day, 0, 0, 0);
  if (bucket == COURANT_BUCKET_1W)
    return g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (midnight));
  return g_steal_pointer (&midnight);
}

static void
add_calendar_bounds (GArray        *bounds,
                     GTimeZone     *tz,
                     gint64         lo,
                     gint64         hi,
                     CourantBucket  bucket)
{
  g_autoptr(GDateTime) start = calendar_start (tz, lo, bucket);
  /* Adding to the first start, not to the previous one, keeps month ends. */
  for (int k = 0;; k++)
    {
      g_autoptr(GDateTime) next = NULL;
      gint64 t;

      if (bucket == COURANT_BUCKET_1D)
        next = g_date_time_add_days (start, k);
      else if (bucket == COURANT_BUCKET_1W)
        next = g_date_time_add_weeks (start, k);
      else
        next = g_date_time_add_months (start, k);

      /* Days are added in local calendar terms: midnight stays midnight. */
      t = g_date_time_to_unix (next) * 1000;
      if (t > hi)
        break;
      g_array_append_val (bounds, t);
    }
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  CourantSeriesStore *store;
  GPtrArray          *members;  /* of const CourantSeries */
  char               *name;
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_ptr_array_unref (group->members);
  g_free (group->name);
  g_free (group);
}

/* The readings of @series inside [lo, hi]. */
static void
series_window (const CourantSeries *series,
               gint64               lo,
               gint64               hi,
               gsize               *first,
               gsize               *end)
{
  *first = courant_lod_lower_bound (series->times, series->n, lo);
  *end = courant_lod_lower_bound (series->times, series->n, hi == G_MAXINT64 ? hi : hi + 1);
  if (hi == G_MAXINT64)
    *end = series->n;
}

/* @group is only read for raw buckets, which are the distinct times of its
 * readings. */
static GArray *
make_bounds (Group                    *group,
             const CourantSeriesQuery *query,
             GTimeZone                *tz,
             gint64                    lo,
             gint64                    hi)
{
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 sentinel = G_MAXINT64;

  switch (query->bucket)
    {
    case COURANT_BUCKET_RAW:
      for (guint m = 0; m < group->members->len; m++)
        {
          const CourantSeries *series = g_ptr_array_index (group->members, m);
          gsize first, end;

          series_window (series, lo, hi, &first, &end);
          g_array_append_vals (bounds, series->times + first, end - first);
        }
      g_array_sort (bounds, compare_int64);
      {
        gsize kept = 0;
        gint64 *t = (gint64 *) bounds->data;

        for (gsize i = 0; i < bounds->len; i++)
          if (kept == 0 || t[kept - 1] != t[i])
            t[kept++] = t[i];
        g_array_set_size (bounds, kept);
      }
      break;

    case COURANT_BUCKET_15MIN:
    case COURANT_BUCKET_30MIN:
    case COURANT_BUCKET_1H:
      {
        static const gint64 minutes[] = { 0, 15, 30, 60 };
        g_autoptr(GArray) offsets = courant_offsets_new (tz, lo, hi);

        add_clock_bounds (bounds, offsets, lo, hi, minutes[query->bucket] * MS_PER_MINUTE);
      }
      break;

    case COURANT_BUCKET_1D:
    case COURANT_BUCKET_1W:
    case COURANT_BUCKET_1M:
    default:
      add_calendar_bounds (bounds, tz, lo, hi, query->bucket);
      break;
    }

  g_array_append_val (bounds, sentinel);
  return bounds;
}

typedef struct
{
  double *sum;
  double *min;
  double *max;
  double *count;
  gsize   n;
} Acc;

static void
acc_init (Acc   *acc,
          gsize  n)
{
  acc->n = n;
  acc->sum = g_new0 (double, MAX (n, 1));
  acc->count = g_new0 (double, MAX (n, 1));
  acc->min = g_new (double, MAX (n, 1));
  acc->max = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      acc->min[i] = INFINITY;
      acc->max[i] = -INFINITY;
    }
}

static void
acc_reset (Acc   *acc,
           gsize  lo,
           gsize  hi)
{
  for (gsize i = lo; i < hi; i++)
    {
      acc->sum[i] = 0;
      acc->count[i] = 0;
      acc->min[i] = INFINITY;
      acc->max[i] = -INFINITY;
    }
}

static void
acc_clear (Acc *acc)
{
  g_free (acc->sum);
  g_free (acc->min);
  g_free (acc->max);
  g_free (acc->count);
}

static double
acc_value (const Acc  *acc,
           gsize       i,
           CourantAgg  agg)
{
  if (acc->count[i] == 0)
    return NAN;

  switch (agg)
    {
    case COURANT_AGG_SUM:
      return acc->sum[i];
    case COURANT_AGG_MEAN:
      return acc->sum[i] / acc->count[i];
    case COURANT_AGG_MIN:
      return acc->min[i];
    case COURANT_AGG_MAX:
      return acc->max[i];
    case COURANT_AGG_COUNT:
    default:
      return acc->count[i];
    }
}

/* Accumulates the readings of @series into @acc; returns the touched range
 * of buckets in [*lo, *hi). */
static void
acc_series (Acc                 *acc,
            const CourantSeries *series,
            const gint64        *bounds,
            gint64               from,
            gint64               to,
            gsize               *lo,
            gsize               *hi)
{
  gsize first, end, j;

  series_window (series, from, to, &first, &end);
  *lo = *hi = 0;
  if (first == end)
    return;

  j = courant_lod_lower_bound (bounds, acc->n + 1, series->times[first] + 1) - 1;
  *lo = j;
  for (gsize i = first; i < end; i++)
    {
      double v = series->values[i];

      while (bounds[j + 1] <= series->times[i])
        j++;
      acc->sum[j] += v;
      acc->count[j] += 1;
      acc->min[j] = v < acc->min[j] ? v : acc->min[j];
      acc->max[j] = v > acc->max[j] ? v : acc->max[j];
    }
  *hi = j + 1;
}

static CourantSeriesResultSeries *
run_group (Group                    *group,
           const CourantSeriesQuery *query,
           const gint64             *bounds,
           gsize                     n_bounds,
           gint64                    from,
           gint64                    to)
{
  CourantSeriesResultSeries *out = g_new0 (CourantSeriesResultSeries, 1);
  Acc one, all;

  acc_init (&one, n_bounds);
  acc_init (&all, n_bounds);
  for (guint m = 0; m < group->members->len; m++)
    {
      gsize lo, hi;

      acc_series (&one, g_ptr_array_index (group->members, m), bounds, from, to, &lo, &hi);
      for (gsize b = lo; b < hi; b++)
        {
          if (one.count[b] == 0)
            continue;
          if (query->combine == COURANT_COMBINE_SUM || query->combine == COURANT_COMBINE_MEAN)
            {
              all.sum[b] += acc_value (&one, b, query->agg);
              all.count[b] += 1;
            }
          else
            {
              all.sum[b] += one.sum[b];
              all.count[b] += one.count[b];
              all.min[b] = one.min[b] < all.min[b] ? one.min[b] : all.min[b];
              all.max[b] = one.max[b] > all.max[b] ? one.max[b] : all.max[b];
            }
        }
      acc_reset (&one, lo, hi);
    }

  out->name = g_strdup (group->name);
  out->n = n_bounds;
  out->starts = g_memdup2 (bounds, n_bounds * sizeof (gint64));
  out->values = g_new (double, MAX (n_bounds, 1));
  for (gsize b = 0; b < n_bounds; b++)
    {
      if (query->combine == COURANT_COMBINE_SUM)
        out->values[b] = all.count[b] > 0 ? all.sum[b] : NAN;
      else if (query->combine == COURANT_COMBINE_MEAN)
        out->values[b] = all.count[b] > 0 ? all.sum[b] / all.count[b] : NAN;
      else
        out->values[b] = acc_value (&all, b, query->agg);
    }

  acc_clear (&one);
  acc_clear (&all);
  return out;
}

static gboolean
wanted (const CourantSeriesQuery *query,
        const char               *name)
{
  return query->only == NULL || g_strv_contains (query->only, name);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = *(Group **) a, *y = *(Group **) b;

  return strcmp (x->name, y->name);
}

static GPtrArray *
make_groups (CourantSeriesStore       *store,
             const CourantSeriesQuery *query)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < courant_series_store_get_n_series (store); i++)
    {
      const CourantSeries *series = courant_series_store_get_series (store, i);
      const char *name;
      Group *group;

      if (!wanted (query, series->name))
        continue;
      if (query->combine == COURANT_COMBINE_PER_SERIES)
        name = series->name;
      else if (query->groups != NULL)
        name = g_hash_table_lookup (query->groups, series->name);
      else
        name = "all";
      if (name == NULL)
        continue;

      group = query->combine == COURANT_COMBINE_PER_SERIES ? NULL : g_hash_table_lookup (by_name, name);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->name = g_strdup (name);
          group->members = g_ptr_array_new ();
          g_ptr_array_add (groups, group);
          g_hash_table_insert (by_name, group->name, group);
        }
      g_ptr_array_add (group->members, (gpointer) series);
    }
  g_ptr_array_sort (groups, compare_groups);
  return groups;
}

CourantSeriesResult *
courant_series_query_run (CourantSeriesStore        *store,
                          const CourantSeriesQuery  *query,
                          GTimeZone                 *tz,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  g_autoptr(CourantSeriesResult) result = g_new0 (CourantSeriesResult, 1);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GArray) shared = NULL;
  gint64 lo = G_MAXINT64, hi = G_MININT64;
  gboolean empty = FALSE;
  gint64 to;

  g_return_val_if_fail (store != NULL && query != NULL && tz != NULL, NULL);

  result->series = g_ptr_array_new_with_free_func (NULL);
  groups = make_groups (store, query);
  to = query->to_ms == G_MAXINT64 ? G_MAXINT64 : query->to_ms - 1;

  /* The period actually covered by the chosen readings. */
  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);

      for (guint m = 0; m < group->members->len; m++)
        {
          const CourantSeries *series = g_ptr_array_index (group->members, m);
          gsize first, end;

          series_window (series, query->from_ms, to, &first, &end);
          if (first == end)
            continue;
          lo = MIN (lo, series->times[first]);
          hi = MAX (hi, series->times[end - 1]);
        }
    }

  /* Without readings in the window, every group is an empty series. */
  if (lo > hi)
    {
      lo = hi = query->from_ms != G_MININT64 ? query->from_ms : 0;
      empty = TRUE;
    }

  if (query->bucket != COURANT_BUCKET_RAW)
    shared = make_bounds (NULL, query, tz, lo, hi);
  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);
      g_autoptr(GArray) own = NULL;
      GArray *bounds = shared;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (bounds == NULL)
        bounds = own = make_bounds (group, query, tz, lo, hi);
      g_ptr_array_add (result->series,
                       run_group (group, query, (const gint64 *) bounds->data,
                                  empty ? 0 : bounds->len - 1, query->from_ms, to));
    }

  return g_steal_pointer (&result);
}

static void
result_series_free (CourantSeriesResultSeries *series)
{
  g_free (series->name);
  g_free (series->starts);
  g_free (series->values);
  g_free (series);
}

void
courant_series_result_free (CourantSeriesResult *result)
{
  if (result == NULL)
    return;

  if (result->series != NULL)
    {
      for (guint i = 0; i < result->series->len; i++)
        result_series_free (g_ptr_array_index (result->series, i));
      g_ptr_array_unref (result->series);
    }
  g_free (result);
}
