/* test-heatmap.c: day × slot grids and weekday profiles against plain SQL
 *
 * Each row's local day, slot and weekday are computed here with GDateTime,
 * one row at a time; SQLite aggregates the rows by them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "courant-heatmap.h"

static const char *const sql_aggs[] = { "sum(v)", "avg(v)", "min(v)", "max(v)", "count(v)" };

typedef struct
{
  sqlite3            *db;
  GTimeZone          *tz;
  CourantSeriesStore *store;
} Fixture;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", message, sql);
}

static gint64
parse_ms (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  return g_date_time_to_unix (dt) * 1000;
}

/* Two meters every 10 minutes around both clock changes of 2025, with gaps
 * and a missing value; the rows go to SQLite with their local day, minute of
 * the day and weekday. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  const char *const windows[][2] = { { "2025-03-27T05:10:00+01:00", "2025-04-02T00:00:00+02:00" },
                                     { "2025-10-24T00:00:00+02:00", "2025-10-29T13:00:00+01:00" } };
  sqlite3_stmt *stmt;

  fixture->tz = g_time_zone_new_identifier ("Europe/Paris");
  g_assert_cmpint (sqlite3_open (":memory:", &fixture->db), ==, SQLITE_OK);
  exec_sql (fixture->db, "CREATE TABLE r (series TEXT, ts INTEGER, v REAL, day TEXT, minute INTEGER, weekday INTEGER)");
  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, "INSERT INTO r VALUES (?,?,?,?,?,?)", -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint s = 0; s < 2; s++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      for (gint64 ts = parse_ms (windows[w][0]); ts < parse_ms (windows[w][1]); ts += 10 * 60000)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ts / 1000);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, fixture->tz);
          g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
          double v = g_rand_int_range (rand, -5000, 100000) / 1000.0;

          if (g_rand_int_range (rand, 0, 100) < 4)
            continue;
          if (g_rand_int_range (rand, 0, 300) == 0)
            v = NAN;

          g_ptr_array_add (names, (gpointer) (s == 0 ? "a" : "b"));
          g_array_append_val (times, ts);
          g_array_append_val (values, v);
          if (isnan (v))
            continue;
          sqlite3_bind_text (stmt, 1, s == 0 ? "a" : "b", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, ts);
          sqlite3_bind_double (stmt, 3, v);
          sqlite3_bind_text (stmt, 4, day, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 5, g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));
          sqlite3_bind_int (stmt, 6, g_date_time_get_day_of_week (local) - 1);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_reset (stmt);
        }
  sqlite3_finalize (stmt);

  fixture->store = courant_series_store_new_from_arrays ((const char *const *) names->pdata,
                                                         (gint64 *) times->data, (double *) values->data,
                                                         times->len);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  courant_series_store_unref (fixture->store);
  sqlite3_close (fixture->db);
  g_time_zone_unref (fixture->tz);
}

/* Every cell with data is a SQL row with the same value and count, and
 * every SQL row a cell with data. */
static void
compare (Fixture              *fixture,
         const CourantHeatmap *heatmap,
         const char           *row_column,
         const char           *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s, minute / %u, %s, count(*) FROM r %s GROUP BY 1, 2 ORDER BY 1, 2",
                                          row_column, heatmap->slot_minutes, sql_aggs[heatmap->agg], where);
  sqlite3_stmt *stmt;
  guint cells = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint r = 0; r < heatmap->n_rows; r++)
    for (guint s = 0; s < heatmap->n_slots; s++)
      {
        gsize c = (gsize) r * heatmap->n_slots + s;
        g_autofree char *label = NULL;

        if (heatmap->counts[c] == 0)
          {
            g_assert_true (isnan (heatmap->values[c]));
            continue;
          }
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        label = courant_heatmap_row_label (heatmap, r);
        if (heatmap->is_profile)
          g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, r);
        else
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, label);
        g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, s);
        g_assert_cmpfloat_with_epsilon (heatmap->values[c], sqlite3_column_double (stmt, 2),
                                        1e-9 * MAX (1, fabs (heatmap->values[c])));
        g_assert_cmpint (heatmap->counts[c], ==, sqlite3_column_int (stmt, 3));
        cells++;
      }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpuint (cells, >, 0);
  sqlite3_finalize (stmt);
}

static void
test_grid (Fixture       *fixture,
           gconstpointer  data)
{
  static const guint slots[] = { 15, 30, 60 };

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    for (CourantAgg agg = COURANT_AGG_SUM; agg <= COURANT_AGG_COUNT; agg++)
      {
        g_autoptr(CourantHeatmap) heatmap = NULL;
        g_autoptr(CourantHeatmap) profile = NULL;
        g_autoptr(GError) error = NULL;
        const char *only[] = { "b", NULL };

        heatmap = courant_heatmap_compute (fixture->store, NULL, slots[i], agg, fixture->tz, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (heatmap->n_slots, ==, 24 * 60 / slots[i]);
        compare (fixture, heatmap, "day", "");

        profile = courant_heatmap_weekday_profile (heatmap);
        g_assert_cmpuint (profile->n_rows, ==, 7);
        compare (fixture, profile, "weekday", "");

        g_clear_pointer (&heatmap, courant_heatmap_free);
        heatmap = courant_heatmap_compute (fixture->store, only, slots[i], agg, fixture->tz, NULL, &error);
        g_assert_no_error (error);
        compare (fixture, heatmap, "day", "WHERE series = 'b'");
      }
}

static guint
row_of (const CourantHeatmap *heatmap,
        const char           *day)
{
  for (guint r = 0; r < heatmap->n_rows; r++)
    {
      g_autofree char *label = courant_heatmap_row_label (heatmap, r);

      if (g_str_equal (label, day))
        return r;
    }
  g_assert_not_reached ();
}

/* Spring: no 02:00–03:00 slot; autumn: both passes in the 02:00 slots. */
static void
test_dst (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CourantHeatmap) heatmap = courant_heatmap_compute (fixture->store, NULL, 30, COURANT_AGG_COUNT,
                                                               fixture->tz, NULL, NULL);
  guint spring = row_of (heatmap, "2025-03-30") * heatmap->n_slots;
  guint autumn = row_of (heatmap, "2025-10-26") * heatmap->n_slots;
  guint normal = row_of (heatmap, "2025-10-25") * heatmap->n_slots;

  g_assert_cmpuint (heatmap->counts[spring + 4], ==, 0);
  g_assert_cmpuint (heatmap->counts[spring + 5], ==, 0);
  g_assert_true (isnan (heatmap->values[spring + 4]));
  g_assert_cmpuint (heatmap->counts[spring + 3], >, 0);
  g_assert_cmpuint (heatmap->counts[spring + 6], >, 0);
  /* Two meters, three readings a slot, minus a few gaps: about twice that in autumn. */
  g_assert_cmpuint (heatmap->counts[autumn + 4], >, 6);
  g_assert_cmpuint (heatmap->counts[autumn + 5], >, 6);
  g_assert_cmpuint (heatmap->counts[normal + 4], <=, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/heatmap/grid", Fixture, NULL, fixture_set_up, test_grid, fixture_tear_down);
  g_test_add ("/heatmap/dst", Fixture, NULL, fixture_set_up, test_dst, fixture_tear_down);

  return g_test_run ();
}
