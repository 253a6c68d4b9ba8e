/* test-scale.c: linear ticks, and time ticks at every zoom level
 *
 * Time ticks are checked against the wall clock as GLib reads it in
 * Europe/Paris (local hour, day, weekday), including the spring-forward
 * day (2025-03-30, 23 hours) and the fall-back day (2025-10-26, 25 hours),
 * and against instants built independently with g_date_time_new().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "courant-scale.h"

#define HOUR_MS   ((gint64) 3600 * 1000)
#define MINUTE_MS ((gint64) 60 * 1000)

/* The count an 800 px axis asks for with 80 px per label. */
#define AXIS_COUNT 10

static GTimeZone *paris;

static double
tick_value (GArray *ticks,
            guint   i)
{
  return g_array_index (ticks, CourantTick, i).value;
}

static gboolean
is_nice_step (double step)
{
  double mantissa = step / pow (10, floor (log10 (step) + 1e-9));

  return fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 || fabs (mantissa - 5) < 1e-9;
}

static void
test_nice_step (void)
{
  struct {
    double span;
    guint count;
    double step;
  } cases[] = {
    { 100, 10, 10 },
    { 100, 5, 20 },
    { 1, 10, 0.1 },
    { 0.7, 10, 0.05 },
    { 12345, 8, 2000 },
    { 60000, 6, 10000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (courant_scale_nice_step (cases[i].span, cases[i].count),
                                    cases[i].step, cases[i].step * 1e-12);

  /* Over many spans, the step is 1, 2 or 5 times a power of ten, and
   * cuts the span into the asked count within a factor of √2.5.
   */
  for (double span = 0.001; span < 1e9; span *= 1.37)
    for (guint count = 2; count <= 20; count += 3)
      {
        double step = courant_scale_nice_step (span, count);
        double parts = span / step;

        g_assert_true (is_nice_step (step));
        g_assert_cmpfloat (parts, >=, count / 1.6);
        g_assert_cmpfloat (parts, <=, count * 1.6);
      }

  g_assert_cmpfloat (courant_scale_nice_step (0, 10), ==, 0);
}

static void
test_tick_count (void)
{
  g_assert_cmpuint (courant_scale_tick_count (800, 80), ==, 10);
  g_assert_cmpuint (courant_scale_tick_count (850, 80), ==, 10);
  g_assert_cmpuint (courant_scale_tick_count (10, 80), ==, 2);
  g_assert_cmpuint (courant_scale_tick_count (0, 80), ==, 2);
}

static void
test_linear_map (void)
{
  CourantLinearScale scale;

  /* A vertical axis: value 0 at the bottom (y = 300), 100 at the top. */
  courant_linear_scale_init (&scale, 0, 100, 300, 20);
  g_assert_cmpfloat (courant_linear_scale_map (&scale, 0), ==, 300);
  g_assert_cmpfloat (courant_linear_scale_map (&scale, 100), ==, 20);
  g_assert_cmpfloat (courant_linear_scale_map (&scale, 50), ==, 160);
  g_assert_cmpfloat_with_epsilon (courant_linear_scale_invert (&scale, 160), 50, 1e-9);

  for (double v = -50; v <= 150; v += 7.3)
    g_assert_cmpfloat_with_epsilon (courant_linear_scale_invert (&scale,
                                      courant_linear_scale_map (&scale, v)), v, 1e-9);

  /* A domain of one point maps to the middle of the range. */
  courant_linear_scale_init (&scale, 5, 5, 0, 100);
  g_assert_cmpfloat (courant_linear_scale_map (&scale, 5), ==, 50);
}

static void
check_linear_ticks (double lo,
                    double hi,
                    guint  count)
{
  CourantLinearScale scale;
  g_autoptr(GArray) ticks = NULL;
  double step;

  courant_linear_scale_init (&scale, lo, hi, 0, 800);
  ticks = courant_linear_scale_ticks (&scale, count, NULL);
  step = courant_scale_nice_step (hi - lo, count);

  g_assert_cmpuint (ticks->len, >=, 2);
  for (guint i = 0; i < ticks->len; i++)
    {
      CourantTick *tick = &g_array_index (ticks, CourantTick, i);
      double multiple = tick->value / step;

      /* Inside the domain, on a multiple of the step, evenly spaced. */
      g_assert_cmpfloat (tick->value, >=, lo - step * 1e-9);
      g_assert_cmpfloat (tick->value, <=, hi + step * 1e-9);
      g_assert_cmpfloat_with_epsilon (multiple, round (multiple), 1e-6);
      if (i > 0)
        g_assert_cmpfloat_with_epsilon (tick->value - tick_value (ticks, i - 1), step, step * 1e-6);
      g_assert_nonnull (tick->label);
    }

  /* Covering: no room for another tick at either end. */
  g_assert_cmpfloat (g_array_index (ticks, CourantTick, 0).value - step, <, lo);
  g_assert_cmpfloat (g_array_index (ticks, CourantTick, ticks->len - 1).value + step, >, hi);
}

static void
test_linear_ticks (void)
{
  check_linear_ticks (3, 97, 10);
  check_linear_ticks (0, 1, 5);
  check_linear_ticks (-273.15, 1000, 8);
  check_linear_ticks (0.013, 0.087, 5);
  check_linear_ticks (1e9, 1e9 + 3e7, 6);
  check_linear_ticks (-5e-4, 2e-4, 7);
}

static void
assert_labels (GArray             *ticks,
               const char * const *expected)
{
  g_assert_cmpuint (ticks->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < ticks->len; i++)
    g_assert_cmpstr (g_array_index (ticks, CourantTick, i).label, ==, expected[i]);
}

static void
test_linear_labels (void)
{
  CourantLinearScale scale;
  g_autoptr(GArray) tenths = NULL;
  g_autoptr(GArray) power = NULL;
  g_autoptr(GArray) centred = NULL;
  const char * const tenths_labels[] = { "0.0", "0.1", "0.2", "0.3", NULL };
  const char * const power_labels[] = {
    "0\u00a0GW", "10\u00a0GW", "20\u00a0GW", "30\u00a0GW", "40\u00a0GW", "50\u00a0GW",
    "60\u00a0GW", NULL,
  };

  setlocale (LC_ALL, "C.UTF-8");

  courant_linear_scale_init (&scale, 0, 0.3, 0, 300);
  tenths = courant_linear_scale_ticks (&scale, 3, NULL);
  assert_labels (tenths, tenths_labels);
  /* Exactly 0.3, not 0.30000000000000004. */
  g_assert_cmpfloat (g_array_index (tenths, CourantTick, 3).value, ==, 0.3);

  /* Megawatts up to 60 000 read as gigawatts. */
  courant_linear_scale_init (&scale, 0, 60000, 0, 600);
  power = courant_linear_scale_ticks (&scale, 6, "MW");
  assert_labels (power, power_labels);

  /* Zero is major, the others are not. */
  courant_linear_scale_init (&scale, -50, 50, 0, 600);
  centred = courant_linear_scale_ticks (&scale, 4, NULL);
  for (guint i = 0; i < centred->len; i++)
    {
      CourantTick *tick = &g_array_index (centred, CourantTick, i);

      g_assert_cmpint (tick->major, ==, tick->value == 0);
    }
}

static void
test_linear_nice (void)
{
  struct {
    double lo, hi, nice_lo, nice_hi;
  } cases[] = {
    { 3, 97, 0, 100 },
    { 0.013, 0.087, 0, 0.1 },
    { -12, 47, -20, 50 },
    { 1020, 1090, 1020, 1090 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CourantLinearScale scale;

      courant_linear_scale_init (&scale, cases[i].lo, cases[i].hi, 0, 500);
      courant_linear_scale_nice (&scale, 5);
      g_assert_cmpfloat_with_epsilon (scale.domain_min, cases[i].nice_lo, 1e-12);
      g_assert_cmpfloat_with_epsilon (scale.domain_max, cases[i].nice_hi, 1e-12);
    }

  {
    CourantLinearScale reversed;
    CourantLinearScale point;

    /* A reversed domain stays reversed. */
    courant_linear_scale_init (&reversed, 97, 3, 0, 500);
    courant_linear_scale_nice (&reversed, 5);
    g_assert_cmpfloat (reversed.domain_min, ==, 100);
    g_assert_cmpfloat (reversed.domain_max, ==, 0);

    /* A single value gets a domain around it. */
    courant_linear_scale_init (&point, 42, 42, 0, 500);
    courant_linear_scale_nice (&point, 5);
    g_assert_cmpfloat (point.domain_min, <, 42);
    g_assert_cmpfloat (point.domain_max, >, 42);
  }
}

/* The instant of a Paris wall-clock time, as GLib reads it. */
static gint64
paris_ms (int year,
          int month,
          int day,
          int hour,
          int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (paris, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static GDateTime *
paris_wall_clock (double value)
{
  gint64 ms = (gint64) value;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);

  g_assert_cmpint (ms % 1000, ==, 0);
  return g_date_time_to_timezone (utc, paris);
}

static GArray *
time_ticks (gint64               start,
            gint64               end,
            guint                count,
            CourantTimeInterval *interval)
{
  g_auto(CourantTimeScale) scale = { 0 };

  courant_time_scale_init (&scale, start, end, 0, 800, paris);
  *interval = courant_time_scale_interval (&scale, count);
  return courant_time_scale_ticks (&scale, count);
}

/* Checks what every list of time ticks must satisfy: inside the domain,
 * strictly increasing, a context on the first tick, and no label twice
 * under the same context (the day or month it belongs to).
 */
static void
check_time_ticks (GArray *ticks,
                  gint64  start,
                  gint64  end)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *context = NULL;

  g_assert_cmpuint (ticks->len, >=, 2);
  for (guint i = 0; i < ticks->len; i++)
    {
      CourantTick *tick = &g_array_index (ticks, CourantTick, i);
      char *key;

      g_assert_cmpfloat (tick->value, >=, (double) start);
      g_assert_cmpfloat (tick->value, <=, (double) end);
      if (i > 0)
        g_assert_cmpfloat (tick->value, >, g_array_index (ticks, CourantTick, i - 1).value);

      if (tick->context != NULL)
        context = tick->context;
      key = g_strdup_printf ("%s|%s", context != NULL ? context : "", tick->label);
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, key);
    }
}

static void
assert_unique_labels (GArray *ticks)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ticks->len; i++)
    {
      const char *label = g_array_index (ticks, CourantTick, i).label;

      g_assert_false (g_hash_table_contains (seen, label));
      g_hash_table_add (seen, (gpointer) label);
    }
}

static void
assert_interval (CourantTimeInterval interval,
                 CourantTimeUnit     unit,
                 guint               count)
{
  g_assert_cmpint (interval.unit, ==, unit);
  g_assert_cmpuint (interval.count, ==, count);
}

/* Checks that the ticks are exactly the instants in @expected. */
static void
assert_values (GArray       *ticks,
               const gint64 *expected,
               guint         n_expected)
{
  g_assert_cmpuint (ticks->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint ((gint64) g_array_index (ticks, CourantTick, i).value, ==, expected[i]);
}

static void
test_time_ten_years (void)
{
  gint64 start = paris_ms (2015, 1, 1, 0, 0);
  gint64 end = paris_ms (2025, 1, 1, 0, 0);
  CourantTimeInterval interval;
  g_autoptr(GArray) ticks = time_ticks (start, end, AXIS_COUNT, &interval);

  setlocale (LC_ALL, "C.UTF-8");

  assert_interval (interval, COURANT_TIME_UNIT_YEAR, 1);
  check_time_ticks (ticks, start, end);
  assert_unique_labels (ticks);
  g_assert_cmpuint (ticks->len, ==, 11);
  for (guint i = 0; i < ticks->len; i++)
    {
      CourantTick *tick = &g_array_index (ticks, CourantTick, i);
      g_autoptr(GDateTime) local = paris_wall_clock (tick->value);
      g_autofree char *year = g_strdup_printf ("%d", 2015 + i);

      g_assert_cmpint (g_date_time_get_year (local), ==, 2015 + i);
      g_assert_cmpint (g_date_time_get_day_of_year (local), ==, 1);
      g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
      g_assert_cmpstr (tick->label, ==, year);
    }

  /* Fewer ticks asked for: every second or fifth year, on years that are
   * multiples of the step.
   */
  {
    g_autoptr(GArray) sparse = time_ticks (start, end, 3, &interval);

    assert_interval (interval, COURANT_TIME_UNIT_YEAR, 5);
    g_assert_cmpuint (sparse->len, ==, 3);
    for (guint i = 0; i < sparse->len; i++)
      {
        g_autoptr(GDateTime) local = paris_wall_clock (tick_value (sparse, i));

        g_assert_cmpint (g_date_time_get_year (local) % 5, ==, 0);
      }
  }
}

static void
test_time_one_year (void)
{
  gint64 start = paris_ms (2025, 1, 1, 0, 0);
  gint64 end = paris_ms (2026, 1, 1, 0, 0);
  CourantTimeInterval interval;
  g_autoptr(GArray) ticks = NULL;
  const char * const english[] = {
    "2025", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "2026",
    NULL,
  };

  setlocale (LC_ALL, "C.UTF-8");
  ticks = time_ticks (start, end, AXIS_COUNT, &interval);

  assert_interval (interval, COURANT_TIME_UNIT_MONTH, 1);
  check_time_ticks (ticks, start, end);
  assert_unique_labels (ticks);
  assert_labels (ticks, english);
  for (guint i = 0; i < ticks->len; i++)
    {
      CourantTick *tick = &g_array_index (ticks, CourantTick, i);
      g_autoptr(GDateTime) local = paris_wall_clock (tick->value);

      /* Local midnight on the first, in CET and CEST alike. */
      g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 1);
      g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
      g_assert_cmpint (g_date_time_get_month (local), ==, i % 12 + 1);
      g_assert_cmpint (tick->major, ==, g_date_time_get_month (local) == 1);
    }
  /* The year shows as context where it starts and where it changes. */
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 0).context, ==, "2025");
  g_assert_null (g_array_index (ticks, CourantTick, 1).context);
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 12).context, ==, "2026");

  if (setlocale (LC_ALL, "fr_FR.UTF-8") != NULL)
    {
      g_autoptr(GArray) french = time_ticks (start, end, AXIS_COUNT, &interval);

      g_assert_cmpstr (g_array_index (french, CourantTick, 1).label, ==, "févr.");
      g_assert_cmpstr (g_array_index (french, CourantTick, 7).label, ==, "août");
      assert_unique_labels (french);
    }
  setlocale (LC_ALL, "C.UTF-8");

  /* Quarters start in January, April, July and October. */
  {
    g_autoptr(GArray) quarters = time_ticks (start, end, 4, &interval);

    assert_interval (interval, COURANT_TIME_UNIT_MONTH, 3);
    g_assert_cmpuint (quarters->len, ==, 5);
    for (guint i = 0; i < quarters->len; i++)
      {
        g_autoptr(GDateTime) local = paris_wall_clock (tick_value (quarters, i));

        g_assert_cmpint ((g_date_time_get_month (local) - 1) % 3, ==, 0);
      }
  }
}

static void
test_time_one_month (void)
{
  /* March 2025: its last Sunday changes to summer time. */
  gint64 start = paris_ms (2025, 3, 1, 0, 0);
  gint64 end = paris_ms (2025, 4, 1, 0, 0);
  const gint64 mondays[] = {
    paris_ms (2025, 3, 3, 0, 0), paris_ms (2025, 3, 10, 0, 0), paris_ms (2025, 3, 17, 0, 0),
    paris_ms (2025, 3, 24, 0, 0), paris_ms (2025, 3, 31, 0, 0),
  };
  CourantTimeInterval interval;
  g_autoptr(GArray) ticks = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  ticks = time_ticks (start, end, AXIS_COUNT, &interval);

  assert_interval (interval, COURANT_TIME_UNIT_WEEK, 1);
  check_time_ticks (ticks, start, end);
  assert_unique_labels (ticks);
  assert_values (ticks, mondays, G_N_ELEMENTS (mondays));
  for (guint i = 0; i < ticks->len; i++)
    {
      g_autoptr(GDateTime) local = paris_wall_clock (g_array_index (ticks, CourantTick, i).value);

      g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 1);
      g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
    }
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 0).label, ==, "Mar 3");
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 0).context, ==, "March 2025");

  /* With room for a tick a day: every local midnight, 31 of them plus
   * April 1st, which reads as its month.
   */
  {
    g_autoptr(GArray) days = time_ticks (start, end, 31, &interval);

    assert_interval (interval, COURANT_TIME_UNIT_DAY, 1);
    check_time_ticks (days, start, end);
    assert_unique_labels (days);
    g_assert_cmpuint (days->len, ==, 32);
    for (guint i = 0; i < days->len; i++)
      {
        CourantTick *tick = &g_array_index (days, CourantTick, i);
        g_autoptr(GDateTime) local = paris_wall_clock (tick->value);

        g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
        g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
      }
    g_assert_cmpstr (g_array_index (days, CourantTick, 0).label, ==, "Mar");
    g_assert_cmpstr (g_array_index (days, CourantTick, 2).label, ==, "Mon 3");
    g_assert_cmpstr (g_array_index (days, CourantTick, 31).label, ==, "Apr");
    g_assert_cmpstr (g_array_index (days, CourantTick, 31).context, ==, "April 2025");
  }
}

static void
test_time_one_week (void)
{
  /* The week of the spring-forward Sunday: 167 hours, not 168. */
  gint64 start = paris_ms (2025, 3, 24, 0, 0);
  gint64 end = paris_ms (2025, 3, 31, 0, 0);
  CourantTimeInterval interval;
  g_autoptr(GArray) ticks = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  ticks = time_ticks (start, end, 7, &interval);

  assert_interval (interval, COURANT_TIME_UNIT_DAY, 1);
  check_time_ticks (ticks, start, end);
  assert_unique_labels (ticks);
  g_assert_cmpuint (ticks->len, ==, 8);
  for (guint i = 0; i < ticks->len; i++)
    {
      CourantTick *tick = &g_array_index (ticks, CourantTick, i);

      g_assert_cmpint ((gint64) tick->value, ==, paris_ms (2025, 3, 24 + i, 0, 0));
    }
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 6).label, ==, "Sun 30");

  /* Twice as many asked for: noon and midnight, by the local clock. */
  {
    g_autoptr(GArray) halves = time_ticks (start, end, 14, &interval);

    assert_interval (interval, COURANT_TIME_UNIT_HOUR, 12);
    check_time_ticks (halves, start, end);
    g_assert_cmpuint (halves->len, ==, 15);
    for (guint i = 0; i < halves->len; i++)
      {
        CourantTick *tick = &g_array_index (halves, CourantTick, i);
        g_autoptr(GDateTime) local = paris_wall_clock (tick->value);

        g_assert_cmpint (g_date_time_get_hour (local), ==, i % 2 == 0 ? 0 : 12);
        g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
        g_assert_cmpint (tick->major, ==, i % 2 == 0);
      }
  }
}

static void
test_time_spring_forward_day (void)
{
  gint64 start = paris_ms (2025, 3, 30, 0, 0);
  gint64 end = paris_ms (2025, 3, 31, 0, 0);
  const gint64 six_hours[] = {
    paris_ms (2025, 3, 30, 0, 0), paris_ms (2025, 3, 30, 6, 0), paris_ms (2025, 3, 30, 12, 0),
    paris_ms (2025, 3, 30, 18, 0), paris_ms (2025, 3, 31, 0, 0),
  };
  const char * const six_hour_labels[] = { "Sun 30", "06:00", "12:00", "18:00", "Mon 31", NULL };
  CourantTimeInterval interval;
  g_autoptr(GArray) ticks = NULL;
  g_autoptr(GArray) hours = NULL;

  setlocale (LC_ALL, "C.UTF-8");

  /* 23 hours long. */
  g_assert_cmpint (end - start, ==, 23 * HOUR_MS);

  /* Every 6 hours: 00, 06, 12 and 18 by the clock, though 00:00 CET to
   * 06:00 CEST is only 5 hours.
   */
  ticks = time_ticks (start, end, 4, &interval);
  assert_interval (interval, COURANT_TIME_UNIT_HOUR, 6);
  check_time_ticks (ticks, start, end);
  assert_values (ticks, six_hours, G_N_ELEMENTS (six_hours));
  assert_labels (ticks, six_hour_labels);
  g_assert_cmpint ((gint64) g_array_index (ticks, CourantTick, 1).value - start, ==, 5 * HOUR_MS);

  /* Every hour: 02:00 does not exist that day, 01:00 is followed by
   * 03:00, one hour later.
   */
  hours = time_ticks (start, end, 23, &interval);
  assert_interval (interval, COURANT_TIME_UNIT_HOUR, 1);
  check_time_ticks (hours, start, end);
  assert_unique_labels (hours);
  g_assert_cmpuint (hours->len, ==, 24);
  for (guint i = 0; i < hours->len; i++)
    {
      CourantTick *tick = &g_array_index (hours, CourantTick, i);
      g_autoptr(GDateTime) local = paris_wall_clock (tick->value);

      g_assert_cmpint ((gint64) tick->value, ==, start + i * HOUR_MS);
      g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
      g_assert_cmpint (g_date_time_get_hour (local), !=, 2);
      g_assert_cmpstr (tick->label, !=, "02:00");
    }
  g_assert_cmpstr (g_array_index (hours, CourantTick, 1).label, ==, "01:00");
  g_assert_cmpstr (g_array_index (hours, CourantTick, 2).label, ==, "03:00");

  /* Every 3 hours: 00, 03, 06… and 03:00 comes 2 hours after midnight. */
  {
    g_autoptr(GArray) threes = time_ticks (start, end, 8, &interval);

    assert_interval (interval, COURANT_TIME_UNIT_HOUR, 3);
    check_time_ticks (threes, start, end);
    g_assert_cmpuint (threes->len, ==, 9);
    for (guint i = 0; i < threes->len; i++)
      {
        g_autoptr(GDateTime) local = paris_wall_clock (tick_value (threes, i));

        g_assert_cmpint (g_date_time_get_hour (local), ==, (3 * i) % 24);
      }
  }
}

static void
test_time_fall_back_day (void)
{
  gint64 start = paris_ms (2025, 10, 26, 0, 0);
  gint64 end = paris_ms (2025, 10, 27, 0, 0);
  CourantTimeInterval interval;
  g_autoptr(GArray) hours = NULL;
  g_autoptr(GArray) six_hours = NULL;
  guint twos = 0;

  setlocale (LC_ALL, "C.UTF-8");

  /* 25 hours long. */
  g_assert_cmpint (end - start, ==, 25 * HOUR_MS);

  /* Every hour: 02:00 comes twice, an hour apart, and the two labels
   * differ.
   */
  hours = time_ticks (start, end, 25, &interval);
  assert_interval (interval, COURANT_TIME_UNIT_HOUR, 1);
  check_time_ticks (hours, start, end);
  assert_unique_labels (hours);
  g_assert_cmpuint (hours->len, ==, 26);
  for (guint i = 0; i < hours->len; i++)
    {
      CourantTick *tick = &g_array_index (hours, CourantTick, i);
      g_autoptr(GDateTime) local = paris_wall_clock (tick->value);

      g_assert_cmpint ((gint64) tick->value, ==, start + i * HOUR_MS);
      if (g_date_time_get_hour (local) == 2)
        twos++;
    }
  g_assert_cmpuint (twos, ==, 2);
  g_assert_cmpstr (g_array_index (hours, CourantTick, 2).label, ==, "02:00 CEST");
  g_assert_cmpstr (g_array_index (hours, CourantTick, 3).label, ==, "02:00 CET");
  g_assert_cmpstr (g_array_index (hours, CourantTick, 4).label, ==, "03:00");

  /* Every 6 hours: still 00, 06, 12, 18 by the clock, 7 hours for the first. */
  six_hours = time_ticks (start, end, 4, &interval);
  assert_interval (interval, COURANT_TIME_UNIT_HOUR, 6);
  check_time_ticks (six_hours, start, end);
  g_assert_cmpuint (six_hours->len, ==, 5);
  for (guint i = 0; i < six_hours->len; i++)
    {
      g_autoptr(GDateTime) local = paris_wall_clock (tick_value (six_hours, i));

      g_assert_cmpint (g_date_time_get_hour (local), ==, (6 * i) % 24);
    }
  g_assert_cmpint ((gint64) tick_value (six_hours, 1) - start, ==, 7 * HOUR_MS);
}

static void
test_time_six_hours (void)
{
  /* 00:00 to 06:00 on the fall-back day: 7 hours, with 02:00 to 03:00 twice. */
  gint64 start = paris_ms (2025, 10, 26, 0, 0);
  gint64 end = paris_ms (2025, 10, 26, 6, 0);
  CourantTimeInterval interval;
  g_autoptr(GArray) ticks = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  ticks = time_ticks (start, end, AXIS_COUNT, &interval);

  assert_interval (interval, COURANT_TIME_UNIT_MINUTE, 30);
  check_time_ticks (ticks, start, end);
  assert_unique_labels (ticks);
  g_assert_cmpuint (ticks->len, ==, 15);
  for (guint i = 0; i < ticks->len; i++)
    {
      CourantTick *tick = &g_array_index (ticks, CourantTick, i);
      g_autoptr(GDateTime) local = paris_wall_clock (tick->value);

      g_assert_cmpint ((gint64) tick->value, ==, start + i * 30 * MINUTE_MS);
      g_assert_cmpint (g_date_time_get_minute (local) % 30, ==, 0);
    }
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 0).label, ==, "Sun 26");
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 0).context, ==, "Sun Oct 26, 2025");
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 5).label, ==, "02:30 CEST");
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 7).label, ==, "02:30 CET");

  /* A plain 6-hour afternoon: on the hour and half hour, majors none. */
  {
    gint64 afternoon = paris_ms (2025, 6, 12, 12, 0);
    gint64 evening = afternoon + 6 * HOUR_MS;
    g_autoptr(GArray) plain = time_ticks (afternoon, evening, AXIS_COUNT, &interval);

    check_time_ticks (plain, afternoon, evening);
    assert_unique_labels (plain);
    g_assert_cmpuint (plain->len, ==, 13);
    g_assert_cmpstr (g_array_index (plain, CourantTick, 1).label, ==, "12:30");
    g_assert_cmpstr (g_array_index (plain, CourantTick, 0).context, ==, "Thu Jun 12, 2025");
  }
}

static void
test_time_one_hour (void)
{
  /* 01:30 CET to 03:30 CEST on the spring-forward day: one hour. */
  gint64 start = paris_ms (2025, 3, 30, 1, 30);
  gint64 end = start + HOUR_MS;
  CourantTimeInterval interval;
  g_autoptr(GArray) ticks = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  ticks = time_ticks (start, end, AXIS_COUNT, &interval);

  assert_interval (interval, COURANT_TIME_UNIT_MINUTE, 5);
  check_time_ticks (ticks, start, end);
  assert_unique_labels (ticks);
  g_assert_cmpuint (ticks->len, ==, 13);
  for (guint i = 0; i < ticks->len; i++)
    {
      CourantTick *tick = &g_array_index (ticks, CourantTick, i);
      g_autoptr(GDateTime) local = paris_wall_clock (tick->value);

      g_assert_cmpint ((gint64) tick->value, ==, start + i * 5 * MINUTE_MS);
      g_assert_cmpint (g_date_time_get_minute (local) % 5, ==, 0);
      g_assert_cmpint (g_date_time_get_hour (local), !=, 2);
    }
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 5).label, ==, "01:55");
  g_assert_cmpstr (g_array_index (ticks, CourantTick, 6).label, ==, "03:00");

  /* Seconds, for a minute: aligned on the local clock. */
  {
    gint64 minute = paris_ms (2025, 6, 12, 12, 0) + 7 * 1000;
    g_autoptr(GArray) seconds = time_ticks (minute, minute + MINUTE_MS, AXIS_COUNT, &interval);

    assert_interval (interval, COURANT_TIME_UNIT_SECOND, 5);
    check_time_ticks (seconds, minute, minute + MINUTE_MS);
    assert_unique_labels (seconds);
    g_assert_cmpstr (g_array_index (seconds, CourantTick, 0).label, ==, "12:00:10");
  }
}

static void
test_time_default_zone (void)
{
  g_auto(CourantTimeScale) scale = { 0 };

  /* NULL is Europe/Paris. */
  courant_time_scale_init (&scale, 0, 1000, 0, 100, NULL);
  g_assert_cmpstr (g_time_zone_get_identifier (scale.tz), ==, "Europe/Paris");

  g_assert_cmpfloat (courant_time_scale_map (&scale, 500), ==, 50);
  g_assert_cmpint (courant_time_scale_invert (&scale, 25), ==, 250);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  paris = g_time_zone_new_identifier ("Europe/Paris");

  g_test_add_func ("/scale/nice-step", test_nice_step);
  g_test_add_func ("/scale/tick-count", test_tick_count);
  g_test_add_func ("/scale/linear/map", test_linear_map);
  g_test_add_func ("/scale/linear/ticks", test_linear_ticks);
  g_test_add_func ("/scale/linear/labels", test_linear_labels);
  g_test_add_func ("/scale/linear/nice", test_linear_nice);
  if (paris != NULL)
    {
      g_test_add_func ("/scale/time/ten-years", test_time_ten_years);
      g_test_add_func ("/scale/time/one-year", test_time_one_year);
      g_test_add_func ("/scale/time/one-month", test_time_one_month);
      g_test_add_func ("/scale/time/one-week", test_time_one_week);
      g_test_add_func ("/scale/time/spring-forward-day", test_time_spring_forward_day);
      g_test_add_func ("/scale/time/fall-back-day", test_time_fall_back_day);
      g_test_add_func ("/scale/time/six-hours", test_time_six_hours);
      g_test_add_func ("/scale/time/one-hour", test_time_one_hour);
      g_test_add_func ("/scale/time/default-zone", test_time_default_zone);
    }
  else
    {
      g_test_message ("no time zone data for Europe/Paris: skipping the time scale");
    }

  status = g_test_run ();
  g_clear_pointer (&paris, g_time_zone_unref);
  return status;
}
