/* courant-thermo-periods.c: the fitted model with the periods behind it
 *
 * courant_thermo_compute() keeps the pairs it fits but not their dates;
 * the chart shows the day of each point and its season. The pairing is
 * the same: consumption summed and temperature averaged per local day (or
 * hour), merged on the period's start, empty periods left out; then
 * only the periods of the days asked for are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "courant-series-query.h"
#include "courant-thermo-periods.h"

void
courant_thermo_periods_free (CourantThermoPeriods *periods)
{
  if (periods == NULL)
    return;
  g_clear_pointer (&periods->model, courant_thermo_free);
  g_free (periods->starts);
  g_free (periods);
}

/* Whether the period starting at @start_ms falls on one of @days. */
static gboolean
on_days (gint64             start_ms,
         CourantThermoDays  days,
         GTimeZone         *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  gboolean weekend;

  if (days == COURANT_THERMO_ALL_DAYS)
    return TRUE;
  utc = g_date_time_new_from_unix_utc (start_ms / 1000);
  local = g_date_time_to_timezone (utc, tz);
  weekend = g_date_time_get_day_of_week (local) >= 6;
  return days == COURANT_THERMO_WEEKENDS ? weekend : !weekend;
}

static CourantSeriesResult *
run_query (CourantSeriesStore *store,
           const char *const  *only,
           CourantAgg          agg,
           gboolean            hourly,
           GTimeZone          *tz,
           GCancellable       *cancellable,
           GError            **error)
{
  CourantSeriesQuery query = COURANT_SERIES_QUERY_INIT;

  query.bucket = hourly ? COURANT_BUCKET_1H : COURANT_BUCKET_1D;
  query.combine = COURANT_COMBINE_POOL;
  query.agg = agg;
  query.only = only;
  return courant_series_query_run (store, &query, tz, cancellable, error);
}

CourantThermoPeriods *
courant_thermo_periods_compute (CourantSeriesStore *consumption,
                                const char *const  *consumption_only,
                                CourantSeriesStore *temperature,
                                const char *const  *temperature_only,
                                gboolean            hourly,
                                CourantThermoDays   days,
                                gboolean            cooling,
                                GTimeZone          *tz,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_autoptr(CourantSeriesResult) load = NULL;
  g_autoptr(CourantSeriesResult) weather = NULL;
  g_autoptr(GArray) t = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  const CourantSeriesResultSeries *a, *b;
  CourantThermoPeriods *periods;
  gsize j = 0;

  g_return_val_if_fail (consumption != NULL && temperature != NULL && tz != NULL, NULL);

  load = run_query (consumption, consumption_only, COURANT_AGG_SUM, hourly, tz, cancellable, error);
  if (load == NULL)
    return NULL;
  weather = run_query (temperature, temperature_only, COURANT_AGG_MEAN, hourly, tz, cancellable, error);
  if (weather == NULL)
    return NULL;
  if (load->series->len == 0 || weather->series->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("There is no consumption or no temperature to compare."));
      return NULL;
    }

  /* Both are sorted by period start: pair them as in a merge. */
  a = g_ptr_array_index (load->series, 0);
  b = g_ptr_array_index (weather->series, 0);
  for (gsize i = 0; i < a->n; i++)
    {
      while (j < b->n && b->starts[j] < a->starts[i])
        j++;
      if (j == b->n)
        break;
      if (b->starts[j] != a->starts[i] || isnan (a->values[i]) || isnan (b->values[j]) ||
          !on_days (a->starts[i], days, tz))
        continue;
      g_array_append_val (t, b->values[j]);
      g_array_append_val (y, a->values[i]);
      g_array_append_val (starts, a->starts[i]);
    }

  periods = g_new0 (CourantThermoPeriods, 1);
  periods->model = courant_thermo_fit ((double *) t->data, (double *) y->data, t->len, cooling);
  if (periods->model == NULL)
    {
      courant_thermo_periods_free (periods);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Consumption and temperature share fewer than three periods."));
      return NULL;
    }
  periods->starts = (gint64 *) g_array_free (g_steal_pointer (&starts), FALSE);
  return periods;
}

const char *
courant_thermo_guess_unit (const char *measure)
{
  static const char *const units[] = { "kWh", "MWh", "GWh", "Wh", "kW", "MW", "GW" };
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (measure != NULL, NULL);

  lower = g_ascii_strdown (measure, -1);
  words = g_regex_split_simple ("[^a-z0-9]+", lower, 0, 0);
  for (guint w = 0; words[w] != NULL; w++)
    for (guint u = 0; u < G_N_ELEMENTS (units); u++)
      if (g_ascii_strcasecmp (words[w], units[u]) == 0)
        return units[u];
  return NULL;
}

gboolean
courant_thermo_is_temperature (const char *measure)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (measure != NULL, FALSE);

  lower = g_utf8_casefold (measure, -1);
  return strstr (lower, "temp") != NULL || strstr (lower, "degc") != NULL;
}
