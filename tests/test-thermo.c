/* test-thermo.c: the heating (and cooling) fit recovers known hinges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "courant-thermo.h"

static double
model (double t,
       double base,
       double heat,
       double slope,
       double cool,
       double cooling_slope)
{
  return base + slope * MAX (0, heat - t) + cooling_slope * MAX (0, t - cool);
}

static void
test_heating (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  double t[800], y[800];
  g_autoptr(CourantThermo) fit = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      t[i] = g_rand_double_range (rand, -8, 30);
      y[i] = model (t[i], 1200, 16.3, 85, 100, 0) + g_rand_double_range (rand, -20, 20);
    }
  fit = courant_thermo_fit (t, y, G_N_ELEMENTS (t), FALSE);
  g_assert_nonnull (fit);
  g_assert_cmpfloat_with_epsilon (fit->base_temperature, 16.3, 0.15);
  g_assert_cmpfloat_with_epsilon (fit->slope, 85, 1.5);
  g_assert_cmpfloat_with_epsilon (fit->baseload, 1200, 10);
  g_assert_cmpfloat (fit->r2, >, 0.99);
  g_assert_cmpuint (fit->n, ==, G_N_ELEMENTS (t));
}

static void
test_cooling (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  double t[1000], y[1000];
  g_autoptr(CourantThermo) fit = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      t[i] = g_rand_double_range (rand, -5, 35);
      y[i] = model (t[i], 500, 14.0, 30, 24.5, 45) + g_rand_double_range (rand, -5, 5);
    }
  fit = courant_thermo_fit (t, y, G_N_ELEMENTS (t), TRUE);
  g_assert_true (fit->has_cooling);
  g_assert_cmpfloat_with_epsilon (fit->base_temperature, 14.0, 0.15);
  g_assert_cmpfloat_with_epsilon (fit->cooling_base, 24.5, 0.2);
  g_assert_cmpfloat_with_epsilon (fit->slope, 30, 1);
  g_assert_cmpfloat_with_epsilon (fit->cooling_slope, 45, 2);
  g_assert_cmpfloat_with_epsilon (fit->baseload, 500, 5);
}

/* Hourly readings of two meters and an hourly temperature: the daily sums
 * against the daily means follow the hinge planted in the daily totals. */
static void
test_compute (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) start = g_date_time_new (tz, 2025, 1, 1, 0, 0, 0);
  g_autoptr(GPtrArray) meters = g_ptr_array_new ();
  g_autoptr(GArray) mt = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) mv = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wt = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) wv = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CourantSeriesStore) load = NULL;
  g_autoptr(CourantSeriesStore) weather = NULL;
  g_autoptr(CourantThermo) fit = NULL;
  g_autoptr(GError) error = NULL;

  for (int d = 0; d < 365; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (start, d);
      g_autoptr(GDateTime) next = g_date_time_add_days (start, d + 1);
      gint64 t0 = g_date_time_to_unix (day) * 1000, t1 = g_date_time_to_unix (next) * 1000;
      double mean = 12 - 10 * cos (2 * G_PI * (d - 20) / 365.0) + g_rand_double_range (rand, -4, 4);
      double total = model (mean, 240, 15.5, 12, 100, 0);
      gsize hours = (t1 - t0) / 3600000;

      for (gint64 t = t0; t < t1; t += 3600000)
        {
          double temperature = mean + 3 * sin (2 * G_PI * (t - t0) / (double) (t1 - t0));
          double share = total / hours / 2;

          g_array_append_val (wt, t);
          g_array_append_val (wv, temperature);
          for (int m = 0; m < 2; m++)
            {
              g_ptr_array_add (meters, (gpointer) (m == 0 ? "m1" : "m2"));
              g_array_append_val (mt, t);
              g_array_append_val (mv, share);
            }
        }
    }
  load = courant_series_store_new_from_arrays ((const char *const *) meters->pdata, (gint64 *) mt->data,
                                               (double *) mv->data, mt->len);
  weather = courant_series_store_new_from_arrays (NULL, (gint64 *) wt->data, (double *) wv->data, wt->len);
  fit = courant_thermo_compute (load, NULL, weather, NULL, FALSE, FALSE, tz, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fit->n, ==, 365);
  g_assert_cmpfloat_with_epsilon (fit->base_temperature, 15.5, 0.3);
  g_assert_cmpfloat_with_epsilon (fit->slope, 12, 0.5);
  g_assert_cmpfloat_with_epsilon (fit->baseload, 240, 3);
}

static void
test_too_few (void)
{
  double t[2] = { 1, 2 }, y[2] = { 3, 4 };

  g_assert_null (courant_thermo_fit (t, y, 2, FALSE));
}

/* Slopes are never negative: consumption that falls as it gets warmer
 * above any cooling base (an office closed in summer) gives no cooling
 * branch, and consumption that rises with the temperature everywhere no
 * heating slope (the best fit is then flat: the mean). */
static void
test_slopes_not_negative (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  double t[600], y[600], rising[600];
  g_autoptr(CourantThermo) fit = NULL;
  g_autoptr(CourantThermo) flat = NULL;
  double mean = 0;

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      t[i] = g_rand_double_range (rand, -5, 32);
      /* Heating below 15 °C, and 40 less per °C above 22 °C. */
      y[i] = model (t[i], 900, 15.0, 50, 22.0, -40) + g_rand_double_range (rand, -5, 5);
      rising[i] = 100 + 3 * t[i] + g_rand_double_range (rand, -1, 1);
      mean += rising[i];
    }
  mean /= G_N_ELEMENTS (t);

  fit = courant_thermo_fit (t, y, G_N_ELEMENTS (t), TRUE);
  g_assert_nonnull (fit);
  g_assert_cmpfloat (fit->cooling_slope, ==, 0);
  g_assert_cmpfloat (fit->slope, >, 0);

  flat = courant_thermo_fit (t, rising, G_N_ELEMENTS (t), FALSE);
  g_assert_nonnull (flat);
  g_assert_cmpfloat (flat->slope, ==, 0);
  /* Without a slope the best fit is the mean. */
  g_assert_cmpfloat_with_epsilon (flat->baseload, mean, 1e-6 * fabs (mean));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/thermo/heating", test_heating);
  g_test_add_func ("/thermo/cooling", test_cooling);
  g_test_add_func ("/thermo/slopes-not-negative", test_slopes_not_negative);
  g_test_add_func ("/thermo/compute", test_compute);
  g_test_add_func ("/thermo/too-few", test_too_few);

  return g_test_run ();
}
