/* test-format.c: numbers, quantities, durations and dates in fr, en and C
 *
 * Each test sets its locale with setlocale() and skips when the system
 * lacks it (generate fr_FR.UTF-8 and en_US.UTF-8 with locale-gen).
 * Expected strings are written out by hand from the French and English
 * conventions, not taken from the program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "courant-format.h"

#define NBSP  "\u00a0"
#define MINUS "\u2212"

static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) != NULL)
    return TRUE;

  g_test_skip_printf ("locale %s is not available (generate it with locale-gen)", name);
  return FALSE;
}

static void
restore_locale (void)
{
  setlocale (LC_ALL, "C.UTF-8");
}

/* French groups thousands with a no-break space; glibc uses the narrow
 * one (U+202F), other C libraries U+00A0. Both are right: fold them into
 * "_" before comparing.
 */
static char *
fold_french_spaces (const char *text)
{
  g_autoptr(GString) folded = g_string_new (text);

  g_string_replace (folded, "\u202f", "_", 0);
  g_string_replace (folded, "\u00a0", "_", 0);
  return g_string_free (g_steal_pointer (&folded), FALSE);
}

#define assert_format(expr, expected) \
  G_STMT_START { \
    g_autofree char *_text = (expr); \
    g_assert_cmpstr (_text, ==, (expected)); \
  } G_STMT_END

#define assert_french(expr, expected) \
  G_STMT_START { \
    g_autofree char *_text = (expr); \
    g_autofree char *_folded = fold_french_spaces (_text); \
    g_assert_cmpstr (_folded, ==, (expected)); \
  } G_STMT_END

static void
test_number_c (void)
{
  if (!use_locale ("C.UTF-8"))
    return;

  assert_format (courant_format_number (12345.6, 1), "12345.6");
  assert_format (courant_format_number (12345.64, 1), "12345.6");
  assert_format (courant_format_number (-1234.5, 1), MINUS "1234.5");
  assert_format (courant_format_number (0.25, 3), "0.250");
  assert_format (courant_format_number (999.6, 0), "1000");
  /* Rounds to zero: no minus sign in front of a zero. */
  assert_format (courant_format_number (-0.04, 1), "0.0");
  assert_format (courant_format_number (-0.0, 0), "0");
  assert_format (courant_format_number (NAN, 2), "\u2014");
  assert_format (courant_format_number (-INFINITY, 2), MINUS "\u221e");
  assert_format (courant_format_number_with_unit (NAN, 1, "kWh"), "\u2014");

  restore_locale ();
}

static void
test_number_english (void)
{
  if (!use_locale ("en_US.UTF-8"))
    return;

  assert_format (courant_format_number (12345.6, 1), "12,345.6");
  assert_format (courant_format_number (1234567.891, 2), "1,234,567.89");
  assert_format (courant_format_number (-1234567, 0), MINUS "1,234,567");
  assert_format (courant_format_number (999, 0), "999");
  assert_format (courant_format_number (1000, 0), "1,000");
  assert_format (courant_format_number (100000, 0), "100,000");
  assert_format (courant_format_number_with_unit (12345.6, 1, "kWh"), "12,345.6" NBSP "kWh");
  assert_format (courant_format_number_with_unit (12345.6, 1, NULL), "12,345.6");

  restore_locale ();
}

static void
test_number_french (void)
{
  if (!use_locale ("fr_FR.UTF-8"))
    return;

  assert_french (courant_format_number (12345.6, 1), "12_345,6");
  assert_french (courant_format_number (1234567.891, 2), "1_234_567,89");
  assert_french (courant_format_number (-0.5, 2), MINUS "0,50");
  assert_french (courant_format_number (999, 0), "999");
  assert_french (courant_format_number_with_unit (12345.6, 1, "kWh"), "12_345,6_kWh");

  /* The unit is joined by a no-break space proper, not the grouping one. */
  assert_format (courant_format_number_with_unit (2.5, 1, "kWh"), "2,5" NBSP "kWh");

  restore_locale ();
}

static void
test_si_c (void)
{
  if (!use_locale ("C.UTF-8"))
    return;

  assert_format (courant_format_si (1500, "MW"), "1.5" NBSP "GW");
  assert_format (courant_format_si (-2500, "MW"), MINUS "2.5" NBSP "GW");
  assert_format (courant_format_si (12345, ""), "12.3" NBSP "k");
  assert_format (courant_format_si (1234567, NULL), "1.23" NBSP "M");
  assert_format (courant_format_si (42, NULL), "42");
  assert_format (courant_format_si (0.5, "kWh"), "500" NBSP "Wh");
  assert_format (courant_format_si (999960, "W"), "1" NBSP "MW");
  assert_format (courant_format_si (0, "MW"), "0" NBSP "MW");
  assert_format (courant_format_si (18.26, "°C"), "18.3" NBSP "°C");
  assert_format (courant_format_si (123456, "°C"), "123456" NBSP "°C");
  assert_format (courant_format_si (45, "min"), "45" NBSP "min");
  assert_format (courant_format_si (3400, "k€"), "3.4" NBSP "M€");

  /* Axis ticks: one exponent for the whole axis, decimals from the step. */
  g_assert_cmpint (courant_format_si_exponent (60000, "MW"), ==, 3);
  g_assert_cmpint (courant_format_si_exponent (999, "MW"), ==, 0);
  g_assert_cmpint (courant_format_si_exponent (1000, ""), ==, 3);
  g_assert_cmpint (courant_format_si_exponent (0.5, ""), ==, 0);
  g_assert_cmpint (courant_format_si_exponent (0.5, "W"), ==, -3);
  g_assert_cmpint (courant_format_si_exponent (5e6, "°C"), ==, 0);
  assert_format (courant_format_si_fixed (40000, 3, 0, "MW"), "40" NBSP "GW");
  assert_format (courant_format_si_fixed (2500, 3, 1, ""), "2.5" NBSP "k");
  assert_format (courant_format_si_fixed (0, 3, 1, "MW"), "0.0" NBSP "GW");

  restore_locale ();
}

static void
test_si_french (void)
{
  if (!use_locale ("fr_FR.UTF-8"))
    return;

  assert_format (courant_format_si (1500, "MW"), "1,5" NBSP "GW");
  assert_format (courant_format_si (3400000, ""), "3,4" NBSP "M");
  assert_french (courant_format_si (12345, "°C"), "12_345_°C");

  restore_locale ();
}

static void
test_duration (void)
{
  const gint64 s = 1000;
  const gint64 min = 60 * s;
  const gint64 h = 60 * min;
  const gint64 d = 24 * h;

  if (!use_locale ("C.UTF-8"))
    return;

  assert_format (courant_format_duration (45 * min), "45" NBSP "min");
  assert_format (courant_format_duration (3 * d + 4 * h), "3" NBSP "d 4" NBSP "h");
  assert_format (courant_format_duration (3 * d + 4 * h + 20 * min), "3" NBSP "d 4" NBSP "h");
  assert_format (courant_format_duration (2 * h), "2" NBSP "h");
  assert_format (courant_format_duration (2 * h + 29 * min + 31 * s), "2" NBSP "h 30" NBSP "min");
  assert_format (courant_format_duration (65 * s), "1" NBSP "min 5" NBSP "s");
  assert_format (courant_format_duration (45 * s + 400), "45" NBSP "s");
  assert_format (courant_format_duration (250), "250" NBSP "ms");
  assert_format (courant_format_duration (0), "0" NBSP "ms");
  /* Rounding carries into the larger unit. */
  assert_format (courant_format_duration (23 * h + 59 * min + 40 * s), "1" NBSP "d");
  assert_format (courant_format_duration (59 * s + 600), "1" NBSP "min");
  assert_format (courant_format_duration (-(90 * min)), MINUS "1" NBSP "h 30" NBSP "min");
  assert_format (courant_format_duration (400 * d), "400" NBSP "d");

  restore_locale ();
}

static GTimeZone *
paris_or_skip (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Paris");

  if (tz == NULL)
    g_test_skip ("no time zone data for Europe/Paris");
  return tz;
}

/* Milliseconds of a UTC wall time, computed by GLib directly. */
static gint64
utc_ms (int year,
        int month,
        int day,
        int hour,
        int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static void
test_dates (void)
{
  g_autoptr(GTimeZone) paris = paris_or_skip ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  /* Monday 3 February 2025, 12:30 in Paris (UTC+1 in winter). */
  gint64 winter = utc_ms (2025, 2, 3, 11, 30);
  /* 1 July 2025, 12:00 in Paris (UTC+2 in summer). */
  gint64 summer = utc_ms (2025, 7, 1, 10, 0);

  if (paris == NULL)
    return;

  if (use_locale ("fr_FR.UTF-8"))
    {
      assert_format (courant_format_time (winter, paris, "%a %-d %b"), "lun. 3 févr.");
      assert_format (courant_format_time (winter, paris, "%A %-d %B %Y"), "lundi 3 février 2025");
    }

  if (use_locale ("en_US.UTF-8"))
    {
      assert_format (courant_format_time (winter, paris, "%a %-d %b"), "Mon 3 Feb");
      /* The catalogue is not loaded in tests: the English formats show. */
      assert_format (courant_format_date (winter, paris), "Feb 3, 2025");
      assert_format (courant_format_date_time (winter, paris), "Feb 3, 2025 12:30");
    }

  if (use_locale ("C.UTF-8"))
    {
      assert_format (courant_format_time (winter, paris, "%H:%M"), "12:30");
      assert_format (courant_format_time (summer, paris, "%H:%M %Z"), "12:00 CEST");
      assert_format (courant_format_time (summer, utc, "%H:%M"), "10:00");
      /* NULL is the default zone, Paris. */
      assert_format (courant_format_time (summer, NULL, "%H:%M"), "12:00");
      /* A millisecond before the epoch is still 1969. */
      assert_format (courant_format_time (-1, utc, "%Y-%m-%d %H:%M:%S"), "1969-12-31 23:59:59");
      /* Past year 9999, GDateTime cannot say: a dash, not a crash. */
      assert_format (courant_format_time (G_MAXINT64 / 2, utc, "%Y"), "\u2014");
    }

  restore_locale ();
}

static void
test_date_time_ms (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 samples[] = { 0, 1, -1, 999, -999, -1000, 1738582200123, -86400001 };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GDateTime) dt = courant_date_time_new_from_ms (samples[i], utc);

      g_assert_nonnull (dt);
      g_assert_cmpint (courant_date_time_to_ms (dt), ==, samples[i]);
      /* The millisecond part is never negative. */
      g_assert_cmpint (g_date_time_get_microsecond (dt), >=, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/number/c", test_number_c);
  g_test_add_func ("/format/number/english", test_number_english);
  g_test_add_func ("/format/number/french", test_number_french);
  g_test_add_func ("/format/si/c", test_si_c);
  g_test_add_func ("/format/si/french", test_si_french);
  g_test_add_func ("/format/duration", test_duration);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/date-time-ms", test_date_time_ms);

  return g_test_run ();
}
