/* courant-thermo.c: the piecewise-linear heating (and cooling) fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "courant-series-query.h"
#include "courant-thermo.h"

#define HEATING_MIN 10.0
#define HEATING_MAX 20.0
#define COOLING_MIN 18.0
#define COOLING_MAX 28.0
#define GRID_STEP   0.1

/* Solves the k × k system @a x = @b (k ≤ 3) by Gaussian elimination with
 * partial pivoting; FALSE when it is singular. */
static gboolean
solve (double   a[3][3],
       double   b[3],
       guint    k,
       double   x[3])
{
  for (guint c = 0; c < k; c++)
    {
      guint p = c;

      for (guint r = c + 1; r < k; r++)
        if (fabs (a[r][c]) > fabs (a[p][c]))
          p = r;
      if (fabs (a[p][c]) < 1e-12)
        return FALSE;
      for (guint j = 0; j < k; j++)
        {
          double t = a[c][j];
          a[c][j] = a[p][j];
          a[p][j] = t;
        }
      {
        double t = b[c];
        b[c] = b[p];
        b[p] = t;
      }
      for (guint r = c + 1; r < k; r++)
        {
          double f = a[r][c] / a[c][c];

          for (guint j = c; j < k; j++)
            a[r][j] -= f * a[c][j];
          b[r] -= f * b[c];
        }
    }
  for (int r = (int) k - 1; r >= 0; r--)
    {
      double s = b[r];

      for (guint j = r + 1; j < k; j++)
        s -= a[r][j] * x[j];
      x[r] = s / a[r][r];
    }
  return TRUE;
}

/* Least squares of y = c0 + c1 h + c2 g, h = max(0, heat − T), g = max(0,
 * T − cool), with only the slope terms that @use_heat and @use_cool allow (the others
 * are zero); returns the sum of squared residuals, or INFINITY when the
 * design is singular. */
static double
fit_terms (const double *t,
           const double *y,
           gsize         n,
           double        heat,
           double        cool,
           gboolean      use_heat,
           gboolean      use_cool,
           double        coef[3])
{
  double a[3][3] = { { 0 } }, b[3] = { 0 }, x[3] = { 0 }, sse = 0;
  guint column[3], k = 0;

  column[k++] = 0;
  if (use_heat)
    column[k++] = 1;
  if (use_cool)
    column[k++] = 2;

  for (gsize i = 0; i < n; i++)
    {
      double full[3] = { 1, heat - t[i] > 0 ? heat - t[i] : 0, t[i] - cool > 0 ? t[i] - cool : 0 };

      for (guint r = 0; r < k; r++)
        {
          for (guint c = 0; c < k; c++)
            a[r][c] += full[column[r]] * full[column[c]];
          b[r] += full[column[r]] * y[i];
        }
    }
  if (!solve (a, b, k, x))
    return INFINITY;

  coef[0] = coef[1] = coef[2] = 0;
  for (guint r = 0; r < k; r++)
    coef[column[r]] = x[r];
  for (gsize i = 0; i < n; i++)
    {
      double h = heat - t[i] > 0 ? heat - t[i] : 0;
      double g = t[i] - cool > 0 ? t[i] - cool : 0;
      double e = y[i] - (coef[0] + coef[1] * h + coef[2] * g);

      sse += e * e;
    }
  return sse;
}

/* The best fit at these base temperatures whose slopes are not negative:
 * consumption never falls as it gets colder below the heating base, nor
 * as it gets warmer above the cooling base. The constrained optimum is the
 * unconstrained fit of one of the subsets of slope terms, so the best
 * feasible of those is it. */
static double
fit_at (const double *t,
        const double *y,
        gsize         n,
        double        heat,
        double        cool,
        gboolean      cooling,
        double        coef[3])
{
  double best = INFINITY;

  for (guint subset = 0; subset < (cooling ? 4u : 2u); subset++)
    {
      gboolean use_heat = (subset & 1) == 0, use_cool = cooling && (subset & 2) == 0;
      double trial[3], sse;

      sse = fit_terms (t, y, n, heat, cool, use_heat, use_cool, trial);
      if (sse < best && trial[1] >= 0 && trial[2] >= 0)
        {
          best = sse;
          memcpy (coef, trial, sizeof trial);
        }
    }
  return best;
}

CourantThermo *
courant_thermo_fit (const double *temperatures,
                    const double *values,
                    gsize         n,
                    gboolean      cooling)
{
  CourantThermo *thermo;
  double best = INFINITY, mean = 0, sst = 0;
  guint n_heat = (guint) lround ((HEATING_MAX - HEATING_MIN) / GRID_STEP) + 1;
  guint n_cool = cooling ? (guint) lround ((COOLING_MAX - COOLING_MIN) / GRID_STEP) + 1 : 1;

  g_return_val_if_fail (n == 0 || (temperatures != NULL && values != NULL), NULL);

  if (n < 3)
    return NULL;

  thermo = g_new0 (CourantThermo, 1);
  thermo->n = n;
  thermo->temperatures = g_memdup2 (temperatures, n * sizeof (double));
  thermo->values = g_memdup2 (values, n * sizeof (double));
  thermo->has_cooling = cooling;

  for (guint i = 0; i < n_heat; i++)
    for (guint j = 0; j < n_cool; j++)
      {
        double heat = HEATING_MIN + i * GRID_STEP;
        double cool = cooling ? COOLING_MIN + j * GRID_STEP : 0;
        double coef[3] = { 0 }, sse;

        if (cooling && cool <= heat)
          continue;
        sse = fit_at (temperatures, values, n, heat, cool, cooling, coef);
        if (sse < best)
          {
            best = sse;
            thermo->baseload = coef[0];
            thermo->slope = coef[1];
            thermo->base_temperature = heat;
            thermo->cooling_slope = coef[2];
            thermo->cooling_base = cool;
          }
      }

  for (gsize i = 0; i < n; i++)
    mean += values[i];
  mean /= n;
  for (gsize i = 0; i < n; i++)
    sst += (values[i] - mean) * (values[i] - mean);
  thermo->r2 = sst > 0 ? 1 - best / sst : 1;
  return thermo;
}

CourantThermo *
courant_thermo_compute (CourantSeriesStore *consumption,
                        const char *const  *consumption_only,
                        CourantSeriesStore *temperature,
                        const char *const  *temperature_only,
                        gboolean            hourly,
                        gboolean            cooling,
                        GTimeZone          *tz,
                        GCancellable       *cancellable,
                        GError            **error)
{
  CourantSeriesQuery query = COURANT_SERIES_QUERY_INIT;
  g_autoptr(CourantSeriesResult) load = NULL;
  g_autoptr(CourantSeriesResult) weather = NULL;
  g_autoptr(GArray) t = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  const CourantSeriesResultSeries *a, *b;
  CourantThermo *thermo;
  gsize j = 0;

  g_return_val_if_fail (consumption != NULL && temperature != NULL && tz != NULL, NULL);

  query.bucket = hourly ? COURANT_BUCKET_1H : COURANT_BUCKET_1D;
  query.combine = COURANT_COMBINE_POOL;
  query.agg = COURANT_AGG_SUM;
  query.only = consumption_only;
  load = courant_series_query_run (consumption, &query, tz, cancellable, error);
  if (load == NULL)
    return NULL;

  query.agg = COURANT_AGG_MEAN;
  query.only = temperature_only;
  weather = courant_series_query_run (temperature, &query, tz, cancellable, error);
  if (weather == NULL)
    return NULL;

  if (load->series->len == 0 || weather->series->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
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
      if (b->starts[j] != a->starts[i] || isnan (a->values[i]) || isnan (b->values[j]))
        continue;
      g_array_append_val (t, b->values[j]);
      g_array_append_val (y, a->values[i]);
    }

  thermo = courant_thermo_fit ((double *) t->data, (double *) y->data, t->len, cooling);
  if (thermo == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("Consumption and temperature share fewer than three periods."));
  return thermo;
}

void
courant_thermo_free (CourantThermo *thermo)
{
  if (thermo == NULL)
    return;

  g_free (thermo->temperatures);
  g_free (thermo->values);
  g_free (thermo);
}
