/* test-time.c: reading timestamps in every encoding
 *
 * Instants are checked against GDateTime (ISO text with an offset, and local
 * times on days without a clock change) and against SQLite's julianday() and
 * unixepoch(), never against numbers computed by the parser itself. Clock
 * change days, where Courant's documented rules differ from GDateTime's,
 * are checked against explicit offsets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-time.h"

/* The instant GDateTime reads from ISO 8601 text with an offset, in ms. */
static gint64
gdatetime_ms (const char *iso)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
}

static gint64
parse_ok (const char          *text,
          CourantTimeEncoding  encoding,
          GTimeZone           *tz)
{
  gint64 ms = G_MININT64;

  if (!courant_time_parse_text (text, -1, encoding, tz, &ms))
    g_error ("“%s” was not read as %s", text, courant_time_encoding_to_string (encoding));

  return ms;
}

static GTimeZone *
paris (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Paris");

  g_assert_nonnull (tz);
  return tz;
}

static void
test_encoding_names (void)
{
  for (CourantTimeEncoding e = COURANT_TIME_UNKNOWN; e <= COURANT_TIME_ORDINAL; e++)
    {
      CourantTimeEncoding back = COURANT_TIME_UNKNOWN;

      g_assert_true (courant_time_encoding_from_string (courant_time_encoding_to_string (e),
                                                       &back));
      g_assert_cmpint (back, ==, e);
    }
  g_assert_cmpstr (courant_time_encoding_to_string (COURANT_TIME_UNIX_MILLISECONDS), ==,
                   "unix-milliseconds");

  {
    CourantTimeEncoding e = COURANT_TIME_ISO8601;

    g_assert_false (courant_time_encoding_from_string ("epoch", &e));
    g_assert_cmpint (e, ==, COURANT_TIME_ISO8601);
  }
}

static void
test_iso_offset (void)
{
  const char *texts[] = {
    "2025-01-15T08:00:00+01:00",
    "2025-01-15T08:00:00Z",
    "2025-01-15T08:00:00-05:00",
    "2025-07-01T23:59:59+05:45",
    "2025-07-01T00:00:00-09:30",
    "2025-01-15T08:00:00.1+01:00",
    "2025-01-15T08:00:00.12Z",
    "2025-01-15T08:00:00.123+01:00",
    "2025-01-15T08:00:00.999999Z",
    "1970-01-01T00:00:00Z",
    "1969-12-31T23:59:59.500Z",
    "1900-03-01T12:00:00+00:09",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "2024-02-29T12:00:00+14:00",
    "2024-12-31T23:30:00-12:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_assert_cmpint (parse_ok (texts[i], COURANT_TIME_ISO8601, NULL), ==,
                       gdatetime_ms (texts[i]));
      g_assert_cmpint (parse_ok (texts[i], COURANT_TIME_UNKNOWN, NULL), ==,
                       gdatetime_ms (texts[i]));
    }
}

/* Spellings GDateTime does not read, each next to its canonical form. */
static void
test_iso_variants (void)
{
  const char *pairs[][2] = {
    { "2025-01-15 08:00:00+01:00",      "2025-01-15T08:00:00+01:00" },
    { "2025-01-15t08:00:00z",           "2025-01-15T08:00:00Z" },
    { "2025-01-15T08:00:00+0100",       "2025-01-15T08:00:00+01:00" },
    { "2025-01-15T08:00:00+01",         "2025-01-15T08:00:00+01:00" },
    { "2025-01-15T08:00:00-0330",       "2025-01-15T08:00:00-03:30" },
    { "2025-01-15 08:00:00 UTC",        "2025-01-15T08:00:00Z" },
    { "2025-01-15 08:00:00 GMT",        "2025-01-15T08:00:00Z" },
    { "2025-01-15 08:00:00 +01:00",     "2025-01-15T08:00:00+01:00" },
    { "2025-01-15T08:00Z",              "2025-01-15T08:00:00Z" },
    { "2025-01-15T08:00+01:00",         "2025-01-15T08:00:00+01:00" },
    { "2025-01-15T08:00:00,250Z",       "2025-01-15T08:00:00.250Z" },
    { "  2025-01-15T08:00:00Z\t\n",     "2025-01-15T08:00:00Z" },
    { "2025-01-15T08:00:00.123456789Z", "2025-01-15T08:00:00.123Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpint (parse_ok (pairs[i][0], COURANT_TIME_ISO8601, NULL), ==,
                     gdatetime_ms (pairs[i][1]));
}

/* The UTC offset GDateTime gives at local midnight of a day. */
static gint64
midnight_offset (GTimeZone *tz,
                 GDate     *date)
{
  g_autoptr(GDateTime) time = g_date_time_new (tz, g_date_get_year (date),
                                               g_date_get_month (date),
                                               g_date_get_day (date), 0, 0, 0);

  return g_date_time_get_utc_offset (time);
}

/* Whether the clock changes within a day or next to it. */
static gboolean
is_quiet_day (GTimeZone *tz,
              GDate     *date)
{
  GDate day = *date;
  gint64 offset;

  g_date_subtract_days (&day, 1);
  offset = midnight_offset (tz, &day);
  for (int i = 0; i < 2; i++)
    {
      g_date_add_days (&day, 1);
      if (midnight_offset (tz, &day) != offset)
        return FALSE;
    }

  return TRUE;
}

/* Local times on every day of two years without a clock change, in zones
 * with summer time in either hemisphere, half-hour offsets and none, against
 * GDateTime; and the same instants written as DD/MM/YYYY and as
 * ClickHouse's "YYYY-MM-DD HH:MM:SS". */
static void
test_iso_local (void)
{
  const char *zones[] = { "Europe/Paris", "America/New_York", "Australia/Sydney",
                          "Asia/Kolkata", "UTC", "America/St_Johns", "Pacific/Apia" };
  guint n_checked = 0;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z]);
      g_autoptr(GDate) date = g_date_new_dmy (1, 1, 2011);

      g_assert_nonnull (tz);
      for (int i = 0; i < 800; i++, g_date_add_days (date, 1))
        {
          int y = g_date_get_year (date), m = g_date_get_month (date), d = g_date_get_day (date);

          if (!is_quiet_day (tz, date))
            continue;
          for (int hour = 0; hour < 24; hour += 5)
            {
              int minute = (hour * 7) % 60, second = (hour * 13) % 60;
              g_autoptr(GDateTime) expected = g_date_time_new (tz, y, m, d, hour, minute, second);
              gint64 expected_ms = g_date_time_to_unix (expected) * 1000;
              g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d",
                                                      y, m, d, hour, minute, second);
              g_autofree char *clickhouse = g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d",
                                                             y, m, d, hour, minute, second);
              g_autofree char *dmy = g_strdup_printf ("%02d/%02d/%04d %02d:%02d:%02d",
                                                      d, m, y, hour, minute, second);

              g_assert_cmpint (parse_ok (iso, COURANT_TIME_ISO8601, tz), ==, expected_ms);
              g_assert_cmpint (parse_ok (clickhouse, COURANT_TIME_UNKNOWN, tz), ==, expected_ms);
              g_assert_cmpint (parse_ok (dmy, COURANT_TIME_DMY, tz), ==, expected_ms);
              n_checked++;
            }

          {
            g_autoptr(GDateTime) midnight = g_date_time_new (tz, y, m, d, 0, 0, 0);
            g_autofree char *day = g_strdup_printf ("%04d-%02d-%02d", y, m, d);

            g_assert_cmpint (parse_ok (day, COURANT_TIME_ISO8601, tz), ==,
                             g_date_time_to_unix (midnight) * 1000);
          }
        }
    }

  /* Most days are quiet: the loop did check something in every zone. */
  g_assert_cmpuint (n_checked, >, G_N_ELEMENTS (zones) * 700 * 4);
}

static void
test_default_zone (void)
{
  g_autoptr(GTimeZone) tz = paris ();

  g_assert_cmpint (parse_ok ("2025-07-01 12:00", COURANT_TIME_ISO8601, NULL), ==,
                   parse_ok ("2025-07-01 12:00", COURANT_TIME_ISO8601, tz));
  g_assert_cmpint (parse_ok ("2025-07-01 12:00", COURANT_TIME_ISO8601, NULL), ==,
                   gdatetime_ms ("2025-07-01T12:00:00+02:00"));
}

static void
test_dst_paris (void)
{
  g_autoptr(GTimeZone) tz = paris ();
  const char *pairs[][2] = {
    /* Spring forward, 2025-03-30: 02:00–03:00 does not exist and shifts
     * forward by the hour of the gap. */
    { "2025-03-30 01:59:59", "2025-03-30T01:59:59+01:00" },
    { "2025-03-30 02:00:00", "2025-03-30T03:00:00+02:00" },
    { "2025-03-30 02:30:00", "2025-03-30T03:30:00+02:00" },
    { "2025-03-30 02:59:59", "2025-03-30T03:59:59+02:00" },
    { "2025-03-30 03:00:00", "2025-03-30T03:00:00+02:00" },
    { "2025-03-30 00:00:00", "2025-03-30T00:00:00+01:00" },
    { "2025-03-30",          "2025-03-30T00:00:00+01:00" },
    { "2025-03-31",          "2025-03-31T00:00:00+02:00" },
    /* Fall back, 2025-10-26: 02:00–03:00 happens twice; without an offset
     * it is the first pass. */
    { "2025-10-26 01:59:59", "2025-10-26T01:59:59+02:00" },
    { "2025-10-26 02:00:00", "2025-10-26T02:00:00+02:00" },
    { "2025-10-26 02:30:00", "2025-10-26T02:30:00+02:00" },
    { "2025-10-26 02:59:59", "2025-10-26T02:59:59+02:00" },
    { "2025-10-26 03:00:00", "2025-10-26T03:00:00+01:00" },
    { "26/10/2025 02:30",    "2025-10-26T02:30:00+02:00" },
    { "2025-10-27",          "2025-10-27T00:00:00+01:00" },
    /* 2024 and a year far from the tables GLib was built with. */
    { "2024-03-31 02:15:00", "2024-03-31T03:15:00+02:00" },
    { "2024-10-27 02:15:00", "2024-10-27T02:15:00+02:00" },
    { "2090-10-29 02:15:00", "2090-10-29T02:15:00+02:00" },
    { "2090-07-01 12:00:00", "2090-07-01T12:00:00+02:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_assert_cmpint (parse_ok (pairs[i][0], COURANT_TIME_UNKNOWN, tz), ==,
                     gdatetime_ms (pairs[i][1]));

  /* With an offset, both passes of the autumn hour stay distinct. */
  g_assert_cmpint (parse_ok ("2025-10-26T02:30:00+02:00", COURANT_TIME_ISO8601, tz) + 3600000,
                   ==, parse_ok ("2025-10-26T02:30:00+01:00", COURANT_TIME_ISO8601, tz));
}

/* Every half-hour of the clock change days, written as éCO2mix and the demo
 * data write them (local time with its offset), gives 46 and 50 distinct
 * instants 30 minutes apart. */
static void
test_dst_half_hours (void)
{
  g_autoptr(GTimeZone) tz = paris ();
  const struct { const char *day; guint n_slots; } days[] = {
    { "2025-03-30", 46 },
    { "2025-10-26", 50 },
    { "2025-06-15", 48 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *start_text = g_strdup_printf ("%sT00:00:00", days[i].day);
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (start_text, tz);
      g_autoptr(GDateTime) end = g_date_time_add_days (start, 1);
      gint64 previous = G_MININT64;
      guint n = 0;

      for (g_autoptr(GDateTime) t = g_date_time_ref (start);
           g_date_time_compare (t, end) < 0; )
        {
          g_autofree char *text = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S%:z");
          gint64 ms = parse_ok (text, COURANT_TIME_ISO8601, tz);
          GDateTime *next;

          g_assert_cmpint (ms, ==, g_date_time_to_unix (t) * 1000);
          if (previous != G_MININT64)
            g_assert_cmpint (ms - previous, ==, 1800000);
          previous = ms;
          n++;
          next = g_date_time_add_minutes (t, 30);
          g_date_time_unref (t);
          t = next;
        }
      g_assert_cmpuint (n, ==, days[i].n_slots);
    }
}

static void
test_leap_days (void)
{
  const char *valid[] = { "2024-02-29", "2000-02-29", "2400-02-29", "1600-02-29" };
  const char *invalid[] = { "2025-02-29", "1900-02-29", "2100-02-29", "2024-02-30",
                            "2025-04-31", "29/02/2025", "31/06/2024" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *iso = g_strdup_printf ("%sT12:00:00Z", valid[i]);

      g_assert_cmpint (parse_ok (iso, COURANT_TIME_ISO8601, NULL), ==, gdatetime_ms (iso));
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      gint64 ms;

      g_assert_false (courant_time_parse_text (invalid[i], -1, COURANT_TIME_UNKNOWN, NULL, &ms));
    }

  g_assert_cmpint (parse_ok ("29/02/2024", COURANT_TIME_DMY, NULL), ==,
                   gdatetime_ms ("2024-02-29T00:00:00+01:00"));
  g_assert_cmpint (parse_ok ("2024-12-31T23:59:59.999Z", COURANT_TIME_ISO8601, NULL) + 1, ==,
                   gdatetime_ms ("2025-01-01T00:00:00Z"));
}

static void
test_dmy (void)
{
  g_autoptr(GTimeZone) tz = paris ();
  const char *pairs[][2] = {
    { "15/01/2025",              "2025-01-15T00:00:00+01:00" },
    { "15/01/2025 08:00",        "2025-01-15T08:00:00+01:00" },
    { "15/01/2025 08:00:30",     "2025-01-15T08:00:30+01:00" },
    { "15/01/2025T08:00:30.5",   "2025-01-15T08:00:30.5+01:00" },
    { "1/2/2025",                "2025-02-01T00:00:00+01:00" },
    { "15.07.2025 23:59",        "2025-07-15T23:59:00+02:00" },
    { "15-07-2025",              "2025-07-15T00:00:00+02:00" },
    { "15/01/2025 08:00:00Z",    "2025-01-15T08:00:00Z" },
  };
  const char *invalid[] = { "15/01-2025", "32/01/2025", "15/13/2025", "15/01/25",
                            "123/01/2025", "15/01/2025 8:00", "15//2025", "15/01/2025 " "x" };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_assert_cmpint (parse_ok (pairs[i][0], COURANT_TIME_DMY, tz), ==,
                       gdatetime_ms (pairs[i][1]));
      g_assert_cmpint (parse_ok (pairs[i][0], COURANT_TIME_UNKNOWN, tz), ==,
                       gdatetime_ms (pairs[i][1]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      gint64 ms;

      g_assert_false (courant_time_parse_text (invalid[i], -1, COURANT_TIME_DMY, tz, &ms));
    }

  /* A DD/MM/YYYY date is not ISO, and the other way round. */
  {
    gint64 ms;

    g_assert_false (courant_time_parse_text ("15/01/2025", -1, COURANT_TIME_ISO8601, tz, &ms));
    g_assert_false (courant_time_parse_text ("2025-01-15", -1, COURANT_TIME_DMY, tz, &ms));
  }
}

static sqlite3 *
open_memory_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  return db;
}

static double
sqlite_double (sqlite3    *db,
               const char *sql,
               const char *argument)
{
  sqlite3_stmt *stmt = NULL;
  double value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, argument, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Julian days and Unix times as SQLite computes them from the same text. */
static void
test_numbers_against_sqlite (void)
{
  sqlite3 *db = open_memory_db ();
  const char *instants[] = {
    "2025-01-15 08:00:00", "2025-01-15 08:00:00.250", "1970-01-01 00:00:00",
    "1969-07-20 20:17:40", "2000-02-29 23:59:59.999", "2038-01-19 03:14:08",
    "1900-01-01 00:00:00", "2099-12-31 12:34:56.789",
  };

  for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
    {
      g_autofree char *iso = g_strdup_printf ("%sZ", instants[i]);
      gint64 expected = gdatetime_ms (iso);
      double julian = sqlite_double (db, "SELECT julianday(?1)", instants[i]);
      double seconds = sqlite_double (db, "SELECT unixepoch(?1) + strftime('%f', ?1)"
                                      " - CAST(strftime('%S', ?1) AS INTEGER)", instants[i]);
      double whole_seconds = sqlite_double (db, "SELECT unixepoch(?1)", instants[i]);
      g_autofree char *julian_text = g_strdup_printf ("%.15g", julian);
      g_autofree char *seconds_text = g_strdup_printf ("%.3f", seconds);
      g_autofree char *ms_text = g_strdup_printf ("%" G_GINT64_FORMAT, expected);
      gint64 ms;

      g_assert_true (courant_time_from_number (julian, COURANT_TIME_JULIAN_DAY, &ms));
      g_assert_cmpint (ABS (ms - expected), <=, 1);
      /* SQLite's text of a REAL keeps 15 digits, 8 decimals of a day. */
      g_assert_cmpint (ABS (parse_ok (julian_text, COURANT_TIME_JULIAN_DAY, NULL) - expected),
                       <=, 1);

      g_assert_true (courant_time_from_number (seconds, COURANT_TIME_UNIX_SECONDS, &ms));
      g_assert_cmpint (ms, ==, expected);
      g_assert_cmpint (parse_ok (seconds_text, COURANT_TIME_UNIX_SECONDS, NULL), ==, expected);
      g_assert_true (courant_time_from_number (whole_seconds, COURANT_TIME_UNIX_SECONDS, &ms));
      g_assert_cmpint (ms, ==, expected - ((expected % 1000) + 1000) % 1000);

      g_assert_true (courant_time_from_number ((double) expected,
                                               COURANT_TIME_UNIX_MILLISECONDS, &ms));
      g_assert_cmpint (ms, ==, expected);
      g_assert_cmpint (parse_ok (ms_text, COURANT_TIME_UNIX_MILLISECONDS, NULL), ==, expected);
    }

  sqlite3_close (db);
}

static void
test_number_text (void)
{
  const struct { const char *text; CourantTimeEncoding encoding; gint64 ms; } cases[] = {
    { "1736928000",        COURANT_TIME_UNIX_SECONDS,      G_GINT64_CONSTANT (1736928000000) },
    { " 1736928000 ",      COURANT_TIME_UNIX_SECONDS,      G_GINT64_CONSTANT (1736928000000) },
    { "1736928000.0",      COURANT_TIME_UNIX_SECONDS,      G_GINT64_CONSTANT (1736928000000) },
    { "1736928000,5",      COURANT_TIME_UNIX_SECONDS,      G_GINT64_CONSTANT (1736928000500) },
    { "+1736928000",       COURANT_TIME_UNIX_SECONDS,      G_GINT64_CONSTANT (1736928000000) },
    { "-86400",            COURANT_TIME_UNIX_SECONDS,      G_GINT64_CONSTANT (-86400000) },
    { "1.736928e9",        COURANT_TIME_UNIX_SECONDS,      G_GINT64_CONSTANT (1736928000000) },
    { "1736928000123",     COURANT_TIME_UNIX_MILLISECONDS, G_GINT64_CONSTANT (1736928000123) },
    { "1736928000123.0",   COURANT_TIME_UNIX_MILLISECONDS, G_GINT64_CONSTANT (1736928000123) },
    { "0",                 COURANT_TIME_UNIX_MILLISECONDS, 0 },
    { "2440587.5",         COURANT_TIME_JULIAN_DAY,        0 },
    { "2440588",           COURANT_TIME_JULIAN_DAY,        G_GINT64_CONSTANT (43200000) },
    { "3",                 COURANT_TIME_ORDINAL,           3 },
    { "-2",                COURANT_TIME_ORDINAL,           -2 },
    { "12.0",              COURANT_TIME_ORDINAL,           12 },
  };
  const struct { const char *text; CourantTimeEncoding encoding; } invalid[] = {
    { "",            COURANT_TIME_UNIX_SECONDS },
    { "-",           COURANT_TIME_UNIX_SECONDS },
    { ".",           COURANT_TIME_UNIX_SECONDS },
    { "12a",         COURANT_TIME_UNIX_SECONDS },
    { "1 2",         COURANT_TIME_UNIX_SECONDS },
    { "--1",         COURANT_TIME_UNIX_SECONDS },
    { "0x10",        COURANT_TIME_UNIX_SECONDS },
    { "nan",         COURANT_TIME_UNIX_SECONDS },
    { "inf",         COURANT_TIME_UNIX_MILLISECONDS },
    { "1e400",       COURANT_TIME_UNIX_MILLISECONDS },
    { "1e300",       COURANT_TIME_UNIX_SECONDS },
    { "99999999999999999999999", COURANT_TIME_UNIX_MILLISECONDS },
    { "300000000000", COURANT_TIME_UNIX_SECONDS },      /* after year 9999 */
    { "-62135596801", COURANT_TIME_UNIX_SECONDS },      /* before year 1 */
    { "5",           COURANT_TIME_JULIAN_DAY },         /* 4713 BC */
    { "2.5",         COURANT_TIME_ORDINAL },
    { "1e300",       COURANT_TIME_ORDINAL },
    { "2025-01-15",  COURANT_TIME_UNIX_SECONDS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (parse_ok (cases[i].text, cases[i].encoding, NULL), ==, cases[i].ms);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      gint64 ms = 42;

      if (courant_time_parse_text (invalid[i].text, -1, invalid[i].encoding, NULL, &ms))
        g_error ("“%s” was read as %s", invalid[i].text,
                 courant_time_encoding_to_string (invalid[i].encoding));
      g_assert_cmpint (ms, ==, 42);
    }
}

static void
test_from_number (void)
{
  gint64 ms = 42;

  g_assert_true (courant_time_from_number (1736928000, COURANT_TIME_UNIX_SECONDS, &ms));
  g_assert_cmpint (ms, ==, gdatetime_ms ("2025-01-15T08:00:00+00:00"));
  g_assert_true (courant_time_from_number (1736928000.123, COURANT_TIME_UNIX_SECONDS, &ms));
  g_assert_cmpint (ms, ==, gdatetime_ms ("2025-01-15T08:00:00.123+00:00"));

  ms = 42;
  g_assert_false (courant_time_from_number (NAN, COURANT_TIME_UNIX_SECONDS, &ms));
  g_assert_false (courant_time_from_number (INFINITY, COURANT_TIME_UNIX_MILLISECONDS, &ms));
  g_assert_false (courant_time_from_number (-INFINITY, COURANT_TIME_JULIAN_DAY, &ms));
  g_assert_false (courant_time_from_number (1e19, COURANT_TIME_UNIX_MILLISECONDS, &ms));
  g_assert_false (courant_time_from_number (1736928000, COURANT_TIME_ISO8601, &ms));
  g_assert_false (courant_time_from_number (1736928000, COURANT_TIME_DMY, &ms));
  g_assert_false (courant_time_from_number (1736928000, COURANT_TIME_UNKNOWN, &ms));
  g_assert_false (courant_time_from_number (0.5, COURANT_TIME_ORDINAL, &ms));
  g_assert_cmpint (ms, ==, 42);
}

static void
test_invalid_text (void)
{
  const char *invalid[] = {
    "", " ", "2025", "2025-01", "2025-1-15", "2025-01-5", "20250115", "2025/01/15",
    "2025-01-15T", "2025-01-15 T", "2025-01-15T8:00", "2025-01-15T08", "2025-01-15T0800",
    "2025-01-15T24:00", "2025-01-15T08:60", "2025-01-15T08:00:60", "2025-01-15T08:00:0",
    "2025-01-15T08:00:00.", "2025-01-15T08:00:00.Z", "2025-01-15T08:00:00+1",
    "2025-01-15T08:00:00+01:", "2025-01-15T08:00:00+01:0", "2025-01-15T08:00:00+24:00",
    "2025-01-15T08:00:00+01:60", "2025-01-15T08:00:00Zjunk", "2025-01-15T08:00:00ZZ",
    "2025-01-15T08:00:00+01:00:00", "2025-01-15T08:00:00  Z", "2025-01-15T08:00:00 EST",
    "2025-00-10", "2025-13-10", "2025-01-00", "2025-01-32", "0000-01-01", "abcd-ef-gh",
    "2025-01-15x", "2025-01-15TT08:00", "2025-01-15+01:00", "-2025-01-15",
    "２０２５-01-15", "2025-01-15T08:00:00\xc2\xa0Z", "2025‐01‐15", "NULL", "ND",
    "9999-12-31T23:59:59-01:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    for (CourantTimeEncoding e = COURANT_TIME_UNKNOWN; e <= COURANT_TIME_DMY; e++)
      {
        gint64 ms = 42;

        if (courant_time_parse_text (invalid[i], -1, e, NULL, &ms))
          g_error ("“%s” was read as %s", invalid[i], courant_time_encoding_to_string (e));
        g_assert_cmpint (ms, ==, 42);
      }
}

/* Only @len bytes are read: the text need not end with a NUL. */
static void
test_length (void)
{
  const char *text = "2025-01-15T08:00:00Zjunk";
  g_autofree char *exact = g_memdup2 (text, 20);
  gint64 ms;

  g_assert_true (courant_time_parse_text (exact, 20, COURANT_TIME_ISO8601, NULL, &ms));
  g_assert_cmpint (ms, ==, gdatetime_ms ("2025-01-15T08:00:00Z"));
  g_assert_true (courant_time_parse_text (exact, 10, COURANT_TIME_UNKNOWN, NULL, &ms));
  g_assert_false (courant_time_parse_text (exact, 9, COURANT_TIME_UNKNOWN, NULL, &ms));
  g_assert_false (courant_time_parse_text (exact, 0, COURANT_TIME_UNKNOWN, NULL, &ms));
  g_assert_false (courant_time_parse_text (NULL, 0, COURANT_TIME_UNKNOWN, NULL, &ms));

  {
    g_autofree char *digits = g_memdup2 ("1736928000", 10);

    g_assert_true (courant_time_parse_text (digits, 4, COURANT_TIME_ORDINAL, NULL, &ms));
    g_assert_cmpint (ms, ==, 1736);
  }

  /* A NUL inside the given length is not a digit nor a separator. */
  g_assert_false (courant_time_parse_text ("12\0003", 4, COURANT_TIME_UNIX_SECONDS, NULL, &ms));
  g_assert_false (courant_time_parse_text ("1e3\0", 4, COURANT_TIME_UNIX_SECONDS, NULL, &ms));
  g_assert_false (courant_time_parse_text ("2025-01-15\0", 11, COURANT_TIME_ISO8601, NULL, &ms));
}

/* More zones than the cache holds, in turn, still give GDateTime's answer. */
static void
test_zone_cache (void)
{
  const char *zones[] = { "Europe/Paris", "Europe/London", "America/New_York",
                          "America/Los_Angeles", "Australia/Sydney", "Asia/Tokyo",
                          "Africa/Casablanca", "America/Sao_Paulo", "Europe/Moscow",
                          "Pacific/Auckland", "Asia/Tehran", "America/Chicago" };

  for (int round = 0; round < 3; round++)
    for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
      for (int year = 2019; year <= 2021; year++)
        {
          g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z]);
          g_autoptr(GDate) date = g_date_new_dmy (1 + 9 * round, 1 + (5 * round + z) % 12, year);
          g_autoptr(GDateTime) expected = NULL;
          g_autofree char *text = NULL;

          g_assert_nonnull (tz);
          if (!is_quiet_day (tz, date))
            continue;
          expected = g_date_time_new (tz, year, g_date_get_month (date), g_date_get_day (date),
                                      13, 30, 0);
          text = g_date_time_format (expected, "%Y-%m-%d %H:%M:%S");
          g_assert_cmpint (parse_ok (text, COURANT_TIME_ISO8601, tz), ==,
                           g_date_time_to_unix (expected) * 1000);
        }
}

typedef struct
{
  const char *zone;
  gint64      sum;
} ThreadJob;

static gpointer
parse_in_thread (gpointer data)
{
  ThreadJob *job = data;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (job->zone);

  for (int day = 0; day < 2000; day++)
    {
      g_autoptr(GDateTime) start = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) utc = g_date_time_add_hours (start, day * 11);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");

      job->sum += parse_ok (text, COURANT_TIME_ISO8601, tz) - g_date_time_to_unix (utc) * 1000;
      /* Local text alternates with it, so that each thread's cache churns. */
      job->sum += parse_ok ("2021-06-01 12:00", COURANT_TIME_ISO8601, tz) -
                  parse_ok ("2021-06-01T12:00:00", COURANT_TIME_ISO8601, tz);
    }

  return NULL;
}

static void
test_threads (void)
{
  ThreadJob jobs[] = { { "Europe/Paris" }, { "America/New_York" }, { "Asia/Kolkata" },
                       { "Australia/Sydney" } };
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    threads[i] = g_thread_new ("parse", parse_in_thread, &jobs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpint (jobs[i].sum, ==, 0);
    }
}

/* Not a check: the figures behind the README, with `test-time -m perf`. */
static void
test_speed (void)
{
  g_autoptr(GTimeZone) tz = paris ();
  const guint n = 2000000;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) local_texts = g_ptr_array_new_with_free_func (g_free);
  gint64 sum = 0, start;
  double seconds;

  for (guint i = 0; i < 17520; i++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (1704067200 + (gint64) i * 1800);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

      g_ptr_array_add (texts, g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z"));
      g_ptr_array_add (local_texts, g_date_time_format (local, "%Y-%m-%d %H:%M:%S"));
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      gint64 ms = 0;

      courant_time_parse_text (texts->pdata[i % texts->len], -1, COURANT_TIME_ISO8601, tz, &ms);
      sum += ms;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_maximized_result (n / seconds, "ISO 8601 with offset: %.1f M strings/s", n / seconds / 1e6);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      gint64 ms = 0;

      courant_time_parse_text (local_texts->pdata[i % local_texts->len], -1,
                               COURANT_TIME_ISO8601, tz, &ms);
      sum += ms;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_maximized_result (n / seconds, "ISO 8601 local time in Europe/Paris: %.1f M strings/s",
                           n / seconds / 1e6);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n / 10; i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (texts->pdata[i % texts->len], tz);

      sum += g_date_time_to_unix (time);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_maximized_result (n / 10 / seconds, "g_date_time_new_from_iso8601 (peer): %.1f M strings/s",
                           n / 10 / seconds / 1e6);

  g_assert_cmpint (sum, !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/encoding-names", test_encoding_names);
  g_test_add_func ("/time/iso/offset", test_iso_offset);
  g_test_add_func ("/time/iso/variants", test_iso_variants);
  g_test_add_func ("/time/iso/local", test_iso_local);
  g_test_add_func ("/time/iso/default-zone", test_default_zone);
  g_test_add_func ("/time/dst/paris", test_dst_paris);
  g_test_add_func ("/time/dst/half-hours", test_dst_half_hours);
  g_test_add_func ("/time/leap-days", test_leap_days);
  g_test_add_func ("/time/dmy", test_dmy);
  g_test_add_func ("/time/numbers/sqlite", test_numbers_against_sqlite);
  g_test_add_func ("/time/numbers/text", test_number_text);
  g_test_add_func ("/time/numbers/from-number", test_from_number);
  g_test_add_func ("/time/invalid", test_invalid_text);
  g_test_add_func ("/time/length", test_length);
  g_test_add_func ("/time/zone-cache", test_zone_cache);
  g_test_add_func ("/time/threads", test_threads);
  if (g_test_perf ())
    g_test_add_func ("/time/speed", test_speed);

  return g_test_run ();
}
