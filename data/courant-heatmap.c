/* courant-heatmap.c: day × slot grids in one pass over memory
 *
 * Each reading's cell is found with one addition and one division by a
 * constant: within an interval of constant UTC offset, the local time is the
 * UTC time plus the offset, and a local day holds a whole number of slots, so
 * (local ms − local midnight of the first day) / slot is the cell index
 * itself. No GDateTime per reading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "courant-heatmap.h"

#define MS_PER_DAY G_GINT64_CONSTANT (86400000)

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Inlined with a constant @slot_ms, so that the division becomes a multiply. */
static inline __attribute__((always_inline)) void
accumulate (const gint64 *times,
            const double *values,
            gsize         lo,
            gsize         hi,
            gint64        shift,
            const gint64  slot_ms,
            CourantAgg    agg,
            double       *cells,
            guint32      *counts)
{
  switch (agg)
    {
    case COURANT_AGG_SUM:
    case COURANT_AGG_MEAN:
      for (gsize i = lo; i < hi; i++)
        {
          gint64 c = (times[i] + shift) / slot_ms;

          cells[c] += values[i];
          counts[c]++;
        }
      break;

    case COURANT_AGG_MIN:
      for (gsize i = lo; i < hi; i++)
        {
          gint64 c = (times[i] + shift) / slot_ms;

          cells[c] = values[i] < cells[c] ? values[i] : cells[c];
          counts[c]++;
        }
      break;

    case COURANT_AGG_MAX:
      for (gsize i = lo; i < hi; i++)
        {
          gint64 c = (times[i] + shift) / slot_ms;

          cells[c] = values[i] > cells[c] ? values[i] : cells[c];
          counts[c]++;
        }
      break;

    case COURANT_AGG_COUNT:
    default:
      for (gsize i = lo; i < hi; i++)
        counts[(times[i] + shift) / slot_ms]++;
      break;
    }
}

static void
accumulate_range (const CourantSeries *series,
                  gsize                lo,
                  gsize                hi,
                  gint64               shift,
                  guint                slot_minutes,
                  CourantAgg           agg,
                  double              *cells,
                  guint32             *counts)
{
  switch (slot_minutes)
    {
    case 15:
      accumulate (series->times, series->values, lo, hi, shift, 15 * 60000, agg, cells, counts);
      break;
    case 30:
      accumulate (series->times, series->values, lo, hi, shift, 30 * 60000, agg, cells, counts);
      break;
    case 60:
    default:
      accumulate (series->times, series->values, lo, hi, shift, 60 * 60000, agg, cells, counts);
      break;
    }
}

static gboolean
wanted (const char *const *only,
        const char        *name)
{
  return only == NULL || g_strv_contains (only, name);
}

static CourantHeatmap *
heatmap_new (guint      slot_minutes,
             CourantAgg agg,
             guint      n_rows)
{
  CourantHeatmap *heatmap = g_new0 (CourantHeatmap, 1);
  gsize n_cells;

  heatmap->slot_minutes = slot_minutes;
  heatmap->agg = agg;
  heatmap->n_slots = 24 * 60 / slot_minutes;
  heatmap->n_rows = n_rows;
  n_cells = (gsize) n_rows * heatmap->n_slots;
  heatmap->counts = g_new0 (guint32, MAX (n_cells, 1));
  heatmap->values = g_new (double, MAX (n_cells, 1));
  for (gsize c = 0; c < n_cells; c++)
    heatmap->values[c] = agg == COURANT_AGG_MIN ? INFINITY : agg == COURANT_AGG_MAX ? -INFINITY : 0;
  return heatmap;
}

static void
heatmap_finish (CourantHeatmap *heatmap)
{
  gsize n_cells = (gsize) heatmap->n_rows * heatmap->n_slots;

  for (gsize c = 0; c < n_cells; c++)
    {
      if (heatmap->counts[c] == 0)
        heatmap->values[c] = NAN;
      else if (heatmap->agg == COURANT_AGG_MEAN)
        heatmap->values[c] /= heatmap->counts[c];
      else if (heatmap->agg == COURANT_AGG_COUNT)
        heatmap->values[c] = heatmap->counts[c];
    }
}

CourantHeatmap *
courant_heatmap_compute (CourantSeriesStore  *store,
                         const char *const   *only,
                         guint                slot_minutes,
                         CourantAgg           agg,
                         GTimeZone           *tz,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(CourantHeatmap) heatmap = NULL;
  g_autoptr(GArray) offsets = NULL;
  gint64 min_ms, max_ms, first_day, last_day, origin;
  guint hint = 0;

  g_return_val_if_fail (store != NULL && tz != NULL, NULL);
  g_return_val_if_fail (slot_minutes == 15 || slot_minutes == 30 || slot_minutes == 60, NULL);

  if (!courant_series_store_get_range (store, &min_ms, &max_ms))
    return heatmap_new (slot_minutes, agg, 0);

  offsets = courant_offsets_new (tz, min_ms, max_ms);
  first_day = floor_div (min_ms + courant_offsets_lookup (offsets, min_ms, &hint), MS_PER_DAY);
  last_day = floor_div (max_ms + courant_offsets_lookup (offsets, max_ms, &hint), MS_PER_DAY);
  origin = first_day * MS_PER_DAY;
  heatmap = heatmap_new (slot_minutes, agg, (guint) (last_day - first_day + 1));
  heatmap->first_day = first_day;

  for (guint s = 0; s < courant_series_store_get_n_series (store); s++)
    {
      const CourantSeries *series = courant_series_store_get_series (store, s);

      if (!wanted (only, series->name) || series->n == 0)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      /* One tight loop per stretch of constant offset. */
      for (guint k = 0; k < offsets->len; k++)
        {
          const CourantOffsetInterval *interval = &g_array_index (offsets, CourantOffsetInterval, k);
          gsize lo = courant_lod_lower_bound (series->times, series->n, interval->start_ms);
          gsize hi = interval->end_ms == G_MAXINT64 ? series->n
                     : courant_lod_lower_bound (series->times, series->n, interval->end_ms);

          if (lo < hi)
            accumulate_range (series, lo, hi, interval->offset_ms - origin, slot_minutes, agg,
                              heatmap->values, heatmap->counts);
        }
    }

  heatmap_finish (heatmap);
  return g_steal_pointer (&heatmap);
}

/* 1970-01-01 was a Thursday: Monday is 0. */
static guint
weekday_of (gint64 day)
{
  return (guint) (((day % 7) + 7 + 3) % 7);
}

CourantHeatmap *
courant_heatmap_weekday_profile (const CourantHeatmap *heatmap)
{
  CourantHeatmap *profile;

  g_return_val_if_fail (heatmap != NULL && !heatmap->is_profile, NULL);

  profile = heatmap_new (heatmap->slot_minutes, heatmap->agg, 7);
  profile->is_profile = TRUE;
  for (guint r = 0; r < heatmap->n_rows; r++)
    {
      guint w = weekday_of (heatmap->first_day + r);

      for (guint s = 0; s < heatmap->n_slots; s++)
        {
          gsize from = (gsize) r * heatmap->n_slots + s;
          gsize to = (gsize) w * heatmap->n_slots + s;
          double v = heatmap->values[from];
          guint32 n = heatmap->counts[from];

          if (n == 0)
            continue;
          /* Means are re-weighted by their counts, so the profile is the
           * mean of the readings, not a mean of daily means. */
          if (heatmap->agg == COURANT_AGG_MEAN)
            profile->values[to] += v * n;
          else if (heatmap->agg == COURANT_AGG_MIN)
            profile->values[to] = v < profile->values[to] ? v : profile->values[to];
          else if (heatmap->agg == COURANT_AGG_MAX)
            profile->values[to] = v > profile->values[to] ? v : profile->values[to];
          else if (heatmap->agg == COURANT_AGG_SUM)
            profile->values[to] += v;
          profile->counts[to] += n;
        }
    }
  heatmap_finish (profile);
  return profile;
}

char *
courant_heatmap_row_label (const CourantHeatmap *heatmap,
                           guint                 row)
{
  static const char *const days[] = { "monday", "tuesday", "wednesday", "thursday",
                                      "friday", "saturday", "sunday" };
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (heatmap != NULL && row < heatmap->n_rows, NULL);

  if (heatmap->is_profile)
    return g_strdup (days[row]);

  dt = g_date_time_new_from_unix_utc ((heatmap->first_day + row) * 86400);
  return g_date_time_format (dt, "%Y-%m-%d");
}

void
courant_heatmap_free (CourantHeatmap *heatmap)
{
  if (heatmap == NULL)
    return;

  g_free (heatmap->values);
  g_free (heatmap->counts);
  g_free (heatmap);
}
