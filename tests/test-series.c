/* test-series.c: the series store and bucketed queries, against plain SQL
 *
 * The reference buckets of every row are computed here with GDateTime, one
 * row at a time (sub-daily buckets by subtracting the local minutes past the
 * bucket, so both passes of an autumn hour stay apart; days, weeks and months
 * from local midnight), and SQLite aggregates the rows by those buckets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-demo.h"
#include "courant-error.h"
#include "courant-series-query.h"
#include "courant-series-store.h"

#define MS_PER_HOUR G_GINT64_CONSTANT (3600000)

static const char *const bucket_columns[] = { NULL, "b15", "b30", "b1h", "b1d", "b1w", "b1M" };
static const char *const sql_aggs[] = { "sum(kwh)", "avg(kwh)", "min(kwh)", "max(kwh)", "count(kwh)" };

typedef struct
{
  char               *dir;
  char               *path;
  sqlite3            *db;
  GTimeZone          *tz;
  CourantSeriesStore *store;
  GHashTable         *regions;
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
ms_of (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * 1000;
}

/* The start of the bucket holding @ts, by the calendar, one row at a time. */
static gint64
reference_bucket (GTimeZone     *tz,
                  gint64         ts,
                  CourantBucket  bucket)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ts / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) midnight = NULL;
  int minutes = g_date_time_get_minute (local);

  switch (bucket)
    {
    case COURANT_BUCKET_15MIN:
      return ts - ((minutes % 15) * 60 + g_date_time_get_second (local)) * 1000 - ts % 1000;
    case COURANT_BUCKET_30MIN:
      return ts - ((minutes % 30) * 60 + g_date_time_get_second (local)) * 1000 - ts % 1000;
    case COURANT_BUCKET_1H:
      return ts - (minutes * 60 + g_date_time_get_second (local)) * 1000 - ts % 1000;
    case COURANT_BUCKET_1D:
      midnight = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                                  g_date_time_get_day_of_month (local), 0, 0, 0);
      return ms_of (midnight);
    case COURANT_BUCKET_1W:
      {
        g_autoptr(GDateTime) monday = g_date_time_add_days (local, 1 - g_date_time_get_day_of_week (local));

        midnight = g_date_time_new (tz, g_date_time_get_year (monday), g_date_time_get_month (monday),
                                    g_date_time_get_day_of_month (monday), 0, 0, 0);
        return ms_of (midnight);
      }
    case COURANT_BUCKET_1M:
      midnight = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local), 1, 0, 0, 0);
      return ms_of (midnight);
    case COURANT_BUCKET_RAW:
    default:
      return ts;
    }
}

/* Copies the rows of @table into ref with their buckets. */
static void
build_reference (Fixture    *fixture,
                 const char *table)
{
  g_autofree char *select = g_strdup_printf ("SELECT site_id, ts, kwh FROM %s", table);
  sqlite3_stmt *read, *write;

  exec_sql (fixture->db, "CREATE TABLE ref (site_id INTEGER, ts INTEGER, kwh REAL, b15 INTEGER, "
                         "b30 INTEGER, b1h INTEGER, b1d INTEGER, b1w INTEGER, b1M INTEGER)");
  exec_sql (fixture->db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, select, -1, &read, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, "INSERT INTO ref VALUES (?,?,?,?,?,?,?,?,?)",
                                       -1, &write, NULL), ==, SQLITE_OK);
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      gint64 ts = sqlite3_column_int64 (read, 1);

      /* Missing values are no reading at all. */
      if (sqlite3_column_type (read, 2) == SQLITE_NULL)
        continue;
      sqlite3_bind_int64 (write, 1, sqlite3_column_int64 (read, 0));
      sqlite3_bind_int64 (write, 2, ts);
      sqlite3_bind_double (write, 3, sqlite3_column_double (read, 2));
      for (CourantBucket b = COURANT_BUCKET_15MIN; b <= COURANT_BUCKET_1M; b++)
        sqlite3_bind_int64 (write, 3 + b, reference_bucket (fixture->tz, ts, b));
      g_assert_cmpint (sqlite3_step (write), ==, SQLITE_DONE);
      sqlite3_reset (write);
    }
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  exec_sql (fixture->db, "COMMIT");
}

static void
load_store (Fixture    *fixture,
            const char *table)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(GError) error = NULL;
  CourantSeriesSpec spec = { table, "ts", "kwh", "site_id" };
  sqlite3_stmt *stmt;

  source = courant_source_open (file, NULL, &error);
  g_assert_no_error (error);
  fixture->store = courant_series_store_load (source, &spec, fixture->tz, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, "SELECT site_id, region FROM sites", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (fixture->regions, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
}

/* Three sites every 15 minutes around both clock changes of 2025, with
 * outages, a missing value and a site that misses whole days. */
static void
write_handmade (Fixture *fixture)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const char *const windows[][2] = { { "2025-03-26T00:00:00+01:00", "2025-04-03T00:00:00+02:00" },
                                     { "2025-10-22T00:00:00+02:00", "2025-11-04T00:00:00+01:00" } };
  sqlite3_stmt *stmt;

  exec_sql (fixture->db, "CREATE TABLE sites (site_id INTEGER PRIMARY KEY, region TEXT);"
                         "INSERT INTO sites VALUES (1, 'Bretagne'), (2, 'Corse'), (3, 'Bretagne');"
                         "CREATE TABLE readings (site_id INTEGER, ts INTEGER, kwh REAL)");
  exec_sql (fixture->db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, "INSERT INTO readings VALUES (?,?,?)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int site = 1; site <= 3; site++)
    for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
      {
        g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (windows[w][0], NULL);
        g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (windows[w][1], NULL);

        for (gint64 ts = ms_of (a); ts < ms_of (b); ts += 15 * 60000)
          {
            /* Site 3 misses its second and fifth days entirely. */
            gint64 day = (ts - ms_of (a)) / (24 * MS_PER_HOUR);

            if (site == 3 && (day == 1 || day == 4))
              continue;
            if (g_rand_int_range (rand, 0, 100) < 3)
              continue;
            sqlite3_bind_int (stmt, 1, site);
            sqlite3_bind_int64 (stmt, 2, ts);
            if (g_rand_int_range (rand, 0, 500) == 0)
              sqlite3_bind_null (stmt, 3);
            else
              sqlite3_bind_double (stmt, 3, g_rand_int_range (rand, 0, 100000) / 1000.0);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
            sqlite3_reset (stmt);
          }
      }
  sqlite3_finalize (stmt);
  exec_sql (fixture->db, "COMMIT");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *kind = data;

  fixture->dir = g_dir_make_tmp ("courant-series-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "data.sqlite", NULL);
  fixture->tz = g_time_zone_new_identifier ("Europe/Paris");

  if (g_str_equal (kind, "demo"))
    {
      CourantDemoOptions options;
      g_autoptr(GError) error = NULL;

      courant_demo_options_init (&options);
      options.n_customers = 60;
      options.n_sites = 4;
      options.n_days = 45;
      options.start_date = "2025-03-10";
      g_assert_true (courant_demo_generate (fixture->path, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_open (fixture->path, &fixture->db), ==, SQLITE_OK);
      build_reference (fixture, "consumption");
      load_store (fixture, "consumption");
    }
  else
    {
      g_assert_cmpint (sqlite3_open (fixture->path, &fixture->db), ==, SQLITE_OK);
      write_handmade (fixture);
      build_reference (fixture, "readings");
      load_store (fixture, "readings");
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sqlite3_close (fixture->db);
  g_clear_pointer (&fixture->store, courant_series_store_unref);
  g_clear_pointer (&fixture->regions, g_hash_table_unref);
  g_time_zone_unref (fixture->tz);
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
assert_close (double a,
              double b)
{
  if (fabs (a - b) > 1e-9 * MAX (1.0, fabs (b)))
    g_error ("%.17g != %.17g", a, b);
}

/* Our buckets of one series against the SQL rows (bucket, value) in bucket
 * order: every non-empty bucket is a SQL row, every SQL row a non-empty
 * bucket, with the same value. */
static void
compare_series (const CourantSeriesResultSeries *series,
                sqlite3_stmt                    *stmt)
{
  gsize matched = 0;

  for (gsize i = 0; i < series->n; i++)
    {
      if (i > 0)
        g_assert_cmpint (series->starts[i], >, series->starts[i - 1]);
      if (isnan (series->values[i]))
        continue;
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, series->starts[i]);
      assert_close (series->values[i], sqlite3_column_double (stmt, 1));
      matched++;
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (matched, >, 0);
}

static CourantSeriesResult *
run (Fixture       *fixture,
     CourantBucket  bucket,
     CourantAgg     agg,
     CourantCombine combine,
     GHashTable    *groups)
{
  CourantSeriesQuery query = COURANT_SERIES_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  CourantSeriesResult *result;

  query.bucket = bucket;
  query.agg = agg;
  query.combine = combine;
  query.groups = groups;
  result = courant_series_query_run (fixture->store, &query, fixture->tz, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static sqlite3_stmt *
prepare (Fixture    *fixture,
         const char *format,
         ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  if (sqlite3_prepare_v2 (fixture->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (fixture->db));
  return stmt;
}

static void
test_per_series (Fixture       *fixture,
                 gconstpointer  data)
{
  for (CourantBucket b = COURANT_BUCKET_15MIN; b <= COURANT_BUCKET_1M; b++)
    for (CourantAgg a = COURANT_AGG_SUM; a <= COURANT_AGG_COUNT; a++)
      {
        g_autoptr(CourantSeriesResult) result = run (fixture, b, a, COURANT_COMBINE_PER_SERIES, NULL);

        g_assert_cmpuint (result->series->len, ==, courant_series_store_get_n_series (fixture->store));
        for (guint i = 0; i < result->series->len; i++)
          {
            const CourantSeriesResultSeries *series = g_ptr_array_index (result->series, i);
            sqlite3_stmt *stmt = prepare (fixture, "SELECT %s, %s FROM ref WHERE site_id = %s GROUP BY 1 ORDER BY 1",
                                          bucket_columns[b], sql_aggs[a], series->name);

            compare_series (series, stmt);
            sqlite3_finalize (stmt);
          }
      }
}

static void
test_pooled (Fixture       *fixture,
             gconstpointer  data)
{
  for (CourantBucket b = COURANT_BUCKET_15MIN; b <= COURANT_BUCKET_1M; b++)
    for (CourantAgg a = COURANT_AGG_SUM; a <= COURANT_AGG_COUNT; a++)
      {
        g_autoptr(CourantSeriesResult) result = run (fixture, b, a, COURANT_COMBINE_POOL, NULL);
        sqlite3_stmt *stmt = prepare (fixture, "SELECT %s, %s FROM ref GROUP BY 1 ORDER BY 1",
                                      bucket_columns[b], sql_aggs[a]);

        g_assert_cmpuint (result->series->len, ==, 1);
        compare_series (g_ptr_array_index (result->series, 0), stmt);
        sqlite3_finalize (stmt);
      }
}

/* Sum and mean over sites of each site's aggregate, per region. */
static void
test_grouped (Fixture       *fixture,
              gconstpointer  data)
{
  for (CourantBucket b = COURANT_BUCKET_30MIN; b <= COURANT_BUCKET_1W; b++)
    for (CourantAgg a = COURANT_AGG_SUM; a <= COURANT_AGG_COUNT; a++)
      for (CourantCombine c = COURANT_COMBINE_POOL; c <= COURANT_COMBINE_MEAN; c++)
        {
          g_autoptr(CourantSeriesResult) result = run (fixture, b, a, c, fixture->regions);

          for (guint i = 0; i < result->series->len; i++)
            {
              const CourantSeriesResultSeries *series = g_ptr_array_index (result->series, i);
              g_autofree char *region = sqlite3_mprintf ("%Q", series->name);
              sqlite3_stmt *stmt;

              if (c == COURANT_COMBINE_POOL)
                stmt = prepare (fixture, "SELECT %s, %s FROM ref JOIN sites USING (site_id) "
                                "WHERE region = %s GROUP BY 1 ORDER BY 1", bucket_columns[b], sql_aggs[a], region);
              else
                stmt = prepare (fixture, "SELECT b, %s(v) FROM (SELECT %s AS b, %s AS v FROM ref "
                                "JOIN sites USING (site_id) WHERE region = %s GROUP BY site_id, 1) "
                                "GROUP BY 1 ORDER BY 1", c == COURANT_COMBINE_SUM ? "sum" : "avg",
                                bucket_columns[b], sql_aggs[a], region);
              compare_series (series, stmt);
              sqlite3_free (g_steal_pointer (&region));
              sqlite3_finalize (stmt);
            }
        }
}

/* A 23-hour and a 25-hour local day, and missing days left missing. */
static void
test_dst_days (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CourantSeriesResult) result = run (fixture, COURANT_BUCKET_1D, COURANT_AGG_COUNT,
                                               COURANT_COMBINE_PER_SERIES, NULL);
  g_autoptr(GDateTime) spring = g_date_time_new_from_iso8601 ("2025-03-30T00:00:00+01:00", NULL);
  g_autoptr(GDateTime) autumn = g_date_time_new_from_iso8601 ("2025-10-26T00:00:00+02:00", NULL);
  gboolean seen_spring = FALSE, seen_autumn = FALSE, seen_gap = FALSE;

  for (guint s = 0; s < result->series->len; s++)
    {
      const CourantSeriesResultSeries *series = g_ptr_array_index (result->series, s);

      for (gsize i = 0; i + 1 < series->n; i++)
        {
          gint64 length = series->starts[i + 1] - series->starts[i];

          if (series->starts[i] == ms_of (spring))
            {
              g_assert_cmpint (length, ==, 23 * MS_PER_HOUR);
              seen_spring = TRUE;
            }
          else if (series->starts[i] == ms_of (autumn))
            {
              g_assert_cmpint (length, ==, 25 * MS_PER_HOUR);
              seen_autumn = TRUE;
            }
          else
            g_assert_cmpint (length, ==, 24 * MS_PER_HOUR);
          seen_gap |= isnan (series->values[i]);
        }
    }
  g_assert_true (seen_spring);
  g_assert_true (seen_autumn);
  g_assert_true (seen_gap);
}

static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  CourantSeriesQuery query = COURANT_SERIES_QUERY_INIT;
  g_autoptr(CourantSeriesResult) result = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 lo, hi;

  g_assert_true (courant_series_store_get_range (fixture->store, &lo, &hi));
  query.bucket = COURANT_BUCKET_1H;
  query.agg = COURANT_AGG_MEAN;
  query.combine = COURANT_COMBINE_POOL;
  /* Inside the first stretch of data, across the spring day of the hand-made table. */
  query.from_ms = lo + 2 * 24 * MS_PER_HOUR + 123;
  query.to_ms = lo + 5 * 24 * MS_PER_HOUR + 7;
  result = courant_series_query_run (fixture->store, &query, fixture->tz, NULL, &error);
  g_assert_no_error (error);
  stmt = prepare (fixture, "SELECT b1h, avg(kwh) FROM ref WHERE ts >= %" G_GINT64_FORMAT
                  " AND ts < %" G_GINT64_FORMAT " GROUP BY 1 ORDER BY 1", query.from_ms, query.to_ms);
  compare_series (g_ptr_array_index (result->series, 0), stmt);
  sqlite3_finalize (stmt);

  /* A window without readings gives the series, empty. */
  g_clear_pointer (&result, courant_series_result_free);
  query.from_ms = lo - 10 * 24 * MS_PER_HOUR;
  query.to_ms = lo;
  result = courant_series_query_run (fixture->store, &query, fixture->tz, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->series->len, ==, 1);
  g_assert_cmpuint (((CourantSeriesResultSeries *) g_ptr_array_index (result->series, 0))->n, ==, 0);
}

static void
test_raw_and_missing (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CourantSeriesResult) result = run (fixture, COURANT_BUCKET_RAW, COURANT_AGG_SUM,
                                               COURANT_COMBINE_POOL, NULL);
  sqlite3_stmt *stmt = prepare (fixture, "SELECT ts, sum(kwh) FROM ref GROUP BY 1 ORDER BY 1");
  sqlite3_stmt *count = prepare (fixture, "SELECT (SELECT count(*) FROM ref), "
                                 "(SELECT count(*) FROM %s WHERE kwh IS NULL)",
                                 data != NULL && g_str_equal (data, "demo") ? "consumption" : "readings");

  compare_series (g_ptr_array_index (result->series, 0), stmt);
  g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
  g_assert_cmpint (courant_series_store_get_n_readings (fixture->store), ==, sqlite3_column_int64 (count, 0));
  g_assert_cmpint (courant_series_store_get_n_missing (fixture->store), ==, sqlite3_column_int64 (count, 1));
  sqlite3_finalize (stmt);
  sqlite3_finalize (count);
}

/* Rows in any order make the same store as sorted rows. */
static void
test_unsorted (void)
{
  const char *names[] = { "b", "a", "b", "a", "b", "c" };
  const gint64 times[] = { 30, 20, 10, 10, 20, 5 };
  const double values[] = { 3, 2, 1, 1.5, 2, NAN };
  g_autoptr(CourantSeriesStore) store = courant_series_store_new_from_arrays (names, times, values, 6);
  const CourantSeries *b;

  g_assert_cmpuint (courant_series_store_get_n_series (store), ==, 2);
  g_assert_cmpuint (courant_series_store_get_n_missing (store), ==, 1);
  g_assert_cmpint (courant_series_store_find (store, "c"), ==, -1);
  b = courant_series_store_get_series (store, courant_series_store_find (store, "b"));
  g_assert_cmpuint (b->n, ==, 3);
  g_assert_cmpint (b->times[0], ==, 10);
  g_assert_cmpint (b->times[2], ==, 30);
  g_assert_cmpfloat (b->values[0], ==, 1);
  g_assert_cmpfloat (b->values[2], ==, 3);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CourantSeriesStore **store = user_data;
  g_autoptr(GError) error = NULL;

  *store = courant_series_store_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
progress_cb (gint64   rows,
             gint64   estimated,
             gpointer user_data)
{
  g_atomic_int_inc ((int *) user_data);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(CourantSource) source = courant_source_open (file, NULL, NULL);
  CourantSeriesSpec spec = { "consumption", "ts", "kwh", "site_id" };
  CourantSeriesStore *store = NULL;
  int progress = 0;

  courant_series_store_load_async (source, &spec, fixture->tz, progress_cb, &progress, NULL, loaded_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (courant_series_store_get_n_readings (store), ==,
                    courant_series_store_get_n_readings (fixture->store));
  /* Progress comes every COURANT_SCAN_PROGRESS_ROWS rows scanned. */
  g_assert_cmpint (progress, ==, (courant_series_store_get_n_readings (store) +
                                  courant_series_store_get_n_missing (store)) / COURANT_SCAN_PROGRESS_ROWS);
  courant_series_store_unref (store);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(CourantSource) source = courant_source_open (file, NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CourantSeriesSpec spec = { "consumption", "ts", "kwh", "site_id" };
  g_autoptr(GError) error = NULL;
  CourantSeriesStore *store;

  g_cancellable_cancel (cancellable);
  store = courant_series_store_load (source, &spec, fixture->tz, NULL, NULL, cancellable, &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Tables big enough for progress and parts: "keyed" by (site, ts)
 * WITHOUT ROWID, "flat" in rowid order with text sites whose runs go on
 * across the parts' bounds, and "mixed" whose sites take turns and whose
 * time sometimes goes back. Missing values in each; @pad makes the rows
 * wider, so that the file is past the size below which the whole file is
 * checked when opened. */
static char *
write_parts_database (const char *dir,
                      const char *name,
                      int         n_rows,
                      int         pad)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("CREATE TABLE keyed (site INTEGER, ts INTEGER, kwh REAL, pad TEXT, "
                         "  PRIMARY KEY (site, ts)) WITHOUT ROWID;"
                         "CREATE TABLE flat (site TEXT, ts INTEGER, kwh REAL);"
                         "CREATE TABLE mixed (site INTEGER, ts INTEGER, kwh REAL);"
                         "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
                         "INSERT INTO keyed SELECT i / 3000, 1735686000000 + (i %% 3000) * 1800000, "
                         "  CASE WHEN i %% 97 = 0 THEN NULL ELSE (i * 37 %% 1000) / 8.0 END, "
                         "  printf ('%%.%dc', 'x') FROM n;"
                         "INSERT INTO flat SELECT 'S' || site, ts, kwh FROM keyed;"
                         "INSERT INTO mixed SELECT rowid %% 7, ts - (rowid %% 5) * 900000, kwh FROM flat;",
                         n_rows - 1, pad);
  exec_sql (db, sql);
  sqlite3_close (db);
  return path;
}

static CourantSeriesStore *
load_with (CourantSource *source,
           const char    *table,
           guint          max_threads,
           GError       **error)
{
  CourantSeriesSpec spec = { table, "ts", "kwh", "site", COURANT_TIME_UNKNOWN, max_threads };

  return courant_series_store_load (source, &spec, NULL, NULL, NULL, NULL, error);
}

static void
assert_same_store (CourantSeriesStore *a,
                   CourantSeriesStore *b)
{
  g_assert_cmpuint (courant_series_store_get_n_series (a), ==, courant_series_store_get_n_series (b));
  g_assert_cmpuint (courant_series_store_get_n_readings (a), ==, courant_series_store_get_n_readings (b));
  g_assert_cmpuint (courant_series_store_get_n_missing (a), ==, courant_series_store_get_n_missing (b));
  for (guint i = 0; i < courant_series_store_get_n_series (a); i++)
    {
      const CourantSeries *x = courant_series_store_get_series (a, i);
      const CourantSeries *y = courant_series_store_get_series (b, i);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->n, ==, y->n);
      g_assert_cmpmem (x->times, x->n * sizeof (gint64), y->times, y->n * sizeof (gint64));
      g_assert_cmpmem (x->values, x->n * sizeof (double), y->values, y->n * sizeof (double));
    }
}

/* Each series' count, sum and first and last time, as SQL computes them. */
static void
assert_store_matches_sql (CourantSeriesStore *store,
                          const char         *path,
                          const char         *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT site, count(kwh), sum(kwh), min(ts), max(ts) FROM %s "
                                          "WHERE kwh IS NOT NULL GROUP BY site", table);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int index = courant_series_store_find (store, (const char *) sqlite3_column_text (stmt, 0));
      const CourantSeries *series;
      double sum = 0;

      g_assert_cmpint (index, >=, 0);
      series = courant_series_store_get_series (store, index);
      g_assert_cmpint (series->n, ==, sqlite3_column_int64 (stmt, 1));
      for (gsize i = 0; i < series->n; i++)
        {
          sum += series->values[i];
          if (i > 0)
            g_assert_cmpint (series->times[i - 1], <=, series->times[i]);
        }
      assert_close (sum, sqlite3_column_double (stmt, 2));
      g_assert_cmpint (series->times[0], ==, sqlite3_column_int64 (stmt, 3));
      g_assert_cmpint (series->times[series->n - 1], ==, sqlite3_column_int64 (stmt, 4));
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n, ==, courant_series_store_get_n_series (store));
}

/* Read on 2 or 3 connections at once, a table makes exactly the store one
 * connection makes, which is the one SQL describes. */
static void
test_parts_same_store (void)
{
  static const char *tables[] = { "keyed", "flat", "mixed" };
  g_autofree char *dir = g_dir_make_tmp ("courant-series-XXXXXX", NULL);
  g_autofree char *path = write_parts_database (dir, "parts.sqlite", 150000, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = courant_source_open (file, NULL, &error);

  g_assert_no_error (error);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(CourantSeriesStore) one = load_with (source, tables[t], 1, &error);

      g_assert_no_error (error);
      assert_store_matches_sql (one, path, tables[t]);
      for (guint threads = 2; threads <= 3; threads++)
        {
          g_autoptr(CourantSeriesStore) store = NULL;

          g_assert_cmpuint (courant_source_count_parts (source, tables[t], threads, NULL, &error), ==, threads);
          store = load_with (source, tables[t], threads, &error);
          g_assert_no_error (error);
          assert_same_store (store, one);
        }
    }

  /* Without an entity column, one series runs through every part. */
  {
    CourantSeriesSpec spec = { "mixed", "ts", "kwh", NULL, COURANT_TIME_UNKNOWN, 1 };
    g_autoptr(CourantSeriesStore) one = courant_series_store_load (source, &spec, NULL, NULL, NULL, NULL, &error);
    g_autoptr(CourantSeriesStore) store = NULL;

    g_assert_no_error (error);
    spec.max_threads = 2;
    store = courant_series_store_load (source, &spec, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (courant_series_store_get_n_series (store), ==, 1);
    assert_same_store (store, one);
  }
  g_clear_object (&source);
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  int     inside;
  guint   calls;
  gint64  last_rows;
  gint64  estimated;
  GCancellable *cancel;
} Progress;

/* Calls come from several threads, but never two at once, and the count
 * of rows only grows. */
static void
parts_progress_cb (gint64   rows,
                   gint64   estimated,
                   gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_true (g_atomic_int_compare_and_exchange (&progress->inside, 0, 1));
  g_assert_cmpint (rows, >, progress->last_rows);
  progress->last_rows = rows;
  progress->estimated = estimated;
  progress->calls++;
  if (progress->cancel != NULL)
    g_cancellable_cancel (progress->cancel);
  g_usleep (1000);
  g_atomic_int_set (&progress->inside, 0);
}

/* Progress and cancellation when two connections read at once. */
static void
test_parts_progress (void)
{
  g_autofree char *dir = g_dir_make_tmp ("courant-series-XXXXXX", NULL);
  g_autofree char *path = write_parts_database (dir, "parts.sqlite", 300000, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = courant_source_open (file, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CourantSeriesSpec spec = { "keyed", "ts", "kwh", "site", COURANT_TIME_UNKNOWN, 2 };
  g_autoptr(CourantSeriesStore) store = NULL;
  Progress progress = { 0 };
  guint expected = 300000 / COURANT_SCAN_PROGRESS_ROWS;

  g_assert_no_error (error);
  store = courant_series_store_load (source, &spec, NULL, parts_progress_cb, &progress, NULL, &error);
  g_assert_no_error (error);
  /* Each connection reports every COURANT_SCAN_PROGRESS_ROWS of its own rows. */
  g_assert_cmpuint (progress.calls, >=, expected - 1);
  g_assert_cmpuint (progress.calls, <=, expected);
  g_assert_cmpint (progress.last_rows, >=, (gint64) (expected - 1) * COURANT_SCAN_PROGRESS_ROWS);
  g_assert_cmpint (progress.last_rows, <=, 300000);
  g_assert_cmpint (progress.estimated, ==, 300000);
  g_assert_cmpuint (courant_series_store_get_n_readings (store) + courant_series_store_get_n_missing (store),
                    ==, 300000);

  /* Cancelled at the first report: both connections stop. */
  progress = (Progress) { 0, 0, 0, 0, cancellable };
  g_clear_pointer (&store, courant_series_store_unref);
  store = courant_series_store_load (source, &spec, NULL, parts_progress_cb, &progress, cancellable, &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, <, expected);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  store = courant_series_store_load (source, &spec, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The source is still usable. */
  spec.max_threads = 0;
  store = courant_series_store_load (source, &spec, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (courant_series_store_get_n_series (store), ==, 100);

  g_clear_object (&source);
  g_unlink (path);
  g_rmdir (dir);
}

/* Makes the record of each cell of a b-tree leaf page claim a header
 * longer than the record itself: the page still looks sound to the
 * structural checks and to count(*) when the file is opened, and only
 * reading the row's columns meets the damage. */
static void
damage_records (guint8 *page)
{
  guint n_cells = (page[3] << 8) | page[4];

  g_assert_cmpint (page[0], ==, 0x0a); /* an index leaf: WITHOUT ROWID */
  for (guint c = 0; c < n_cells; c++)
    {
      guint offset = (page[8 + 2 * c] << 8) | page[9 + 2 * c];

      /* Past the payload size, a varint. */
      while (page[offset] & 0x80)
        offset++;
      page[offset + 1] = 0x7f;
    }
}

/* Damage in the second part's rows: the part that meets it stops the
 * other, and the load fails with the damage, not with a cancellation. */
static void
test_parts_damaged (void)
{
  g_autofree char *dir = g_dir_make_tmp ("courant-series-XXXXXX", NULL);
  g_autofree char *path = write_parts_database (dir, "damaged.sqlite", 240000, 80);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = NULL;
  g_autofree char *contents = NULL;
  gint64 page = 0, page_size = 0;
  gsize len;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* A leaf of the second half of "keyed", in key order. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno, pgsize FROM dbstat WHERE name = 'keyed' "
                                       "AND pagetype = 'leaf' ORDER BY path LIMIT 1 OFFSET "
                                       "(SELECT count(*) * 5 / 8 FROM dbstat WHERE name = 'keyed' "
                                       "AND pagetype = 'leaf')", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  page_size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  /* Past the size below which the whole file is checked when opened. */
  g_assert_cmpuint (len, >, 16 * 1024 * 1024);
  damage_records ((guint8 *) contents + (page - 1) * page_size);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  source = courant_source_open (file, NULL, &error);
  g_assert_no_error (error);
  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr(CourantSeriesStore) store = load_with (source, "keyed", threads, &error);

      g_assert_null (store);
      g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "damaged.sqlite"));
      g_clear_error (&error);
    }

  g_clear_object (&source);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add ("/series/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("handmade/per-series", "handmade", test_per_series);
  ADD ("handmade/pooled", "handmade", test_pooled);
  ADD ("handmade/grouped", "handmade", test_grouped);
  ADD ("handmade/dst-days", "handmade", test_dst_days);
  ADD ("handmade/window", "handmade", test_window);
  ADD ("handmade/raw-and-missing", "handmade", test_raw_and_missing);
  ADD ("demo/per-series", "demo", test_per_series);
  ADD ("demo/pooled", "demo", test_pooled);
  ADD ("demo/grouped", "demo", test_grouped);
  ADD ("demo/window", "demo", test_window);
  ADD ("demo/raw-and-missing", "demo", test_raw_and_missing);
  ADD ("demo/async", "demo", test_async);
  ADD ("demo/cancelled", "demo", test_cancelled);
#undef ADD
  g_test_add_func ("/series/unsorted", test_unsorted);
  g_test_add_func ("/series/parts/same-store", test_parts_same_store);
  g_test_add_func ("/series/parts/progress", test_parts_progress);
  g_test_add_func ("/series/parts/damaged", test_parts_damaged);

  return g_test_run ();
}
