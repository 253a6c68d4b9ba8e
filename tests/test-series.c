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

#include "courant-demo.h"
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

  return g_test_run ();
}
