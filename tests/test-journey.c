/* test-journey.c: one customer's journey, read through the entity's index
 *
 * Every part of a journey is compared with the same rows read by plain SQL
 * over the demo file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "courant-demo.h"
#include "courant-error.h"
#include "courant-journey.h"

static char *tmp_dir;
static char *demo_path;

static const CourantJourneySpec demo_spec = {
  "events", "customer_id", "ts", "event", "channel", COURANT_TIME_UNIX_MILLISECONDS,
  "consumption", "site_id", "ts", "kwh", COURANT_TIME_UNIX_MILLISECONDS,
  "weather", "region", "date_heure", "temperature", COURANT_TIME_ISO8601,
  NULL,
};

static CourantSource *
open_source (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CourantSource *source = courant_source_open (file, NULL, &error);

  g_assert_no_error (error);
  return source;
}

static sqlite3 *
open_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static sqlite3_stmt *
query (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

static CourantJourney *
load (CourantSource *source,
      const char    *entity)
{
  g_autoptr(GError) error = NULL;
  CourantJourney *journey = courant_journey_load (source, &demo_spec, entity, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journey);
  return journey;
}

static void
check_events (const CourantJourney *journey,
              sqlite3              *db)
{
  g_autofree char *sql = g_strdup_printf ("SELECT ts, event, channel FROM events WHERE customer_id = %s"
                                          " ORDER BY ts", journey->entity);
  sqlite3_stmt *stmt = query (db, sql);
  guint i = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, journey->n_events);
      g_assert_cmpint (journey->times[i], ==, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpstr (g_ptr_array_index (journey->event_names, journey->events[i]), ==,
                       (const char *) sqlite3_column_text (stmt, 1));
      g_assert_cmpstr (g_ptr_array_index (journey->channel_names, journey->channels[i]), ==,
                       (const char *) sqlite3_column_text (stmt, 2));
      i++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, journey->n_events);
  for (guint n = 1; n < journey->event_names->len; n++)
    g_assert_cmpstr (g_ptr_array_index (journey->event_names, n - 1), <,
                     g_ptr_array_index (journey->event_names, n));
}

static void
check_attributes (const CourantJourney *journey,
                  sqlite3              *db)
{
  g_autofree char *sql = g_strdup_printf ("SELECT reference, segment, region, tariff, status"
                                          " FROM customers WHERE customer_id = %s", journey->entity);
  static const char *names[] = { "reference", "segment", "region", "tariff", "status" };
  sqlite3_stmt *stmt = query (db, sql);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    g_assert_cmpstr (courant_journey_get_attribute (journey, names[c]), ==,
                     (const char *) sqlite3_column_text (stmt, c));
  sqlite3_finalize (stmt);
  g_assert_null (courant_journey_get_attribute (journey, "customer_id"));
}

static void
check_sites (const CourantJourney *journey,
             sqlite3              *db)
{
  g_autofree char *sql = g_strdup_printf ("SELECT site_id FROM sites WHERE customer_id = %s ORDER BY site_id",
                                          journey->entity);
  sqlite3_stmt *stmt = query (db, sql);
  guint i = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, journey->sites->len);
      g_assert_cmpstr (g_ptr_array_index (journey->sites, i), ==, (const char *) sqlite3_column_text (stmt, 0));
      i++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, journey->sites->len);
}

/* The hourly sum of the sites: Europe/Paris is a whole number of hours
 * from UTC, so local hours start on UTC hours. */
static void
check_consumption (const CourantJourney *journey,
                   sqlite3              *db)
{
  g_autofree char *sql = g_strdup_printf ("SELECT ts - ts %% 3600000 AS h, sum(kwh) FROM consumption"
                                          " WHERE site_id IN (SELECT site_id FROM sites WHERE customer_id = %s)"
                                          " GROUP BY h ORDER BY h", journey->entity);
  sqlite3_stmt *stmt = query (db, sql);
  gsize i = 0;

  g_assert_nonnull (journey->consumption);
  g_assert_cmpstr (journey->consumption->name, ==, "kwh");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, journey->consumption->n);
      g_assert_cmpint (journey->consumption->times[i], ==, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpfloat_with_epsilon (journey->consumption->values[i], sqlite3_column_double (stmt, 1), 1e-6);
      i++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, journey->consumption->n);
  g_assert_cmpuint (i, >, 24 * 50);
}

static void
check_temperature (const CourantJourney *journey,
                   sqlite3              *db)
{
  g_autofree char *best = g_strdup_printf ("SELECT count(*) = (SELECT max(c) FROM (SELECT count(*) AS c"
                                           " FROM sites WHERE customer_id = %s GROUP BY region))"
                                           " FROM sites WHERE customer_id = %s AND region = ?",
                                           journey->entity, journey->entity);
  sqlite3_stmt *stmt = query (db, best);
  gsize i = 0;

  /* The region of most of the sites. */
  g_assert_nonnull (journey->region);
  sqlite3_bind_text (stmt, 1, journey->region, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  stmt = query (db, "SELECT unixepoch (date_heure) * 1000, temperature FROM weather WHERE region = ?"
                    " ORDER BY unixepoch (date_heure)");
  sqlite3_bind_text (stmt, 1, journey->region, -1, SQLITE_STATIC);
  g_assert_nonnull (journey->temperature);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, journey->temperature->n);
      g_assert_cmpint (journey->temperature->times[i], ==, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpfloat (journey->temperature->values[i], ==, sqlite3_column_double (stmt, 1));
      i++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, journey->temperature->n);
}

/* The owner of the most sites. */
static char *
dup_site_owner (sqlite3 *db)
{
  sqlite3_stmt *stmt = query (db, "SELECT customer_id FROM sites GROUP BY customer_id"
                                  " ORDER BY count(*) DESC, customer_id LIMIT 1");
  char *key;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return key;
}

static void
test_site_owner (void)
{
  g_autoptr(CourantSource) source = open_source (demo_path);
  sqlite3 *db = open_db ();
  g_autofree char *owner = dup_site_owner (db);
  g_autoptr(CourantJourney) journey = load (source, owner);
  gint64 lo, hi;

  g_assert_cmpuint (journey->sites->len, >, 0);
  check_events (journey, db);
  check_attributes (journey, db);
  check_sites (journey, db);
  check_consumption (journey, db);
  check_temperature (journey, db);
  g_assert_true (courant_journey_get_range (journey, &lo, &hi));
  g_assert_cmpint (lo, <=, journey->consumption->times[0]);
  g_assert_cmpint (hi, >=, journey->consumption->times[journey->consumption->n - 1]);
  sqlite3_close (db);
}

/* Customers without sites: events and attributes, no series. */
static void
test_without_sites (void)
{
  g_autoptr(CourantSource) source = open_source (demo_path);
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt;
  guint n = 0;

  stmt = query (db, "SELECT customer_id FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM sites)"
                    " AND customer_id IN (SELECT customer_id FROM events) ORDER BY customer_id LIMIT 5");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(CourantJourney) journey = load (source, (const char *) sqlite3_column_text (stmt, 0));

      g_assert_cmpuint (journey->n_events, >, 0);
      check_events (journey, db);
      check_attributes (journey, db);
      g_assert_cmpuint (journey->sites->len, ==, 0);
      g_assert_null (journey->consumption);
      g_assert_null (journey->temperature);
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n, ==, 5);
}

static void
test_not_found (void)
{
  g_autoptr(CourantSource) source = open_source (demo_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantJourney) journey = courant_journey_load (source, &demo_spec, "999999", NULL, &error);

  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_assert_null (journey);
}

static void
check_search (CourantSource *source,
              const char    *text,
              const char    *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = courant_journey_search (source, &demo_spec, text, 5, NULL, &error);
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = query (db, sql);
  guint i = 0;

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CourantJourneyMatch *match;

      g_assert_cmpuint (i, <, matches->len);
      match = g_ptr_array_index (matches, i);
      g_assert_cmpstr (match->entity, ==, (const char *) sqlite3_column_text (stmt, 0));
      g_assert_cmpstr (match->label, ==, (const char *) sqlite3_column_text (stmt, 1));
      i++;
    }
  g_assert_cmpuint (i, ==, matches->len);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_search (void)
{
  g_autoptr(CourantSource) source = open_source (demo_path);

  check_search (source, "cl-000012", "SELECT customer_id, reference FROM customers"
                                     " WHERE reference LIKE 'CL-000012%' ORDER BY rowid LIMIT 5");
  /* The key first, then the references. */
  check_search (source, " 17 ", "SELECT customer_id, reference FROM customers WHERE customer_id = 17");
  check_search (source, "CL-0001999", "SELECT customer_id, reference FROM customers WHERE customer_id = 1999");
  check_search (source, "%", "SELECT 1 WHERE 0");
  check_search (source, "", "SELECT 1 WHERE 0");
}

static void
test_random (void)
{
  g_autoptr(CourantSource) source = open_source (demo_path);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = query (db, "SELECT count(*) FROM events WHERE customer_id = ?");

  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = courant_journey_pick_random (source, &demo_spec, seed, NULL, &error);
      g_autofree char *again = courant_journey_pick_random (source, &demo_spec, seed, NULL, NULL);

      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, again);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), >, 0);
      g_hash_table_add (seen, g_steal_pointer (&key));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (g_hash_table_size (seen), >=, 15);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CourantJourney **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = courant_journey_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantJourney) journey = courant_journey_load_finish (result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (journey);
  *done = TRUE;
}

static void
test_async (void)
{
  g_autoptr(CourantSource) source = open_source (demo_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CourantJourney *journey = NULL;
  gboolean done = FALSE;

  courant_journey_load_async (source, &demo_spec, "1", NULL, load_cb, &journey);
  while (journey == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (journey->entity, ==, "1");
  courant_journey_free (journey);

  g_cancellable_cancel (cancellable);
  courant_journey_load_async (source, &demo_spec, "1", cancellable, cancelled_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_csv_unsupported (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "journeys.csv", NULL);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantJourney) journey = NULL;

  g_assert_true (g_file_set_contents (path, "customer_id,ts,event\n1,1700000000000,call\n", -1, NULL));
  source = open_source (path);
  journey = courant_journey_load (source, &demo_spec, "1", NULL, &error);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED);
  g_assert_null (journey);
}

int
main (int   argc,
      char *argv[])
{
  CourantDemoOptions options;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("courant-journey-XXXXXX", NULL);
  demo_path = g_build_filename (tmp_dir, "demo.sqlite", NULL);
  courant_demo_options_init (&options);
  options.n_customers = 2000;
  options.n_sites = 8;
  options.n_days = 60;
  g_assert_true (courant_demo_generate (demo_path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/journey/site-owner", test_site_owner);
  g_test_add_func ("/journey/without-sites", test_without_sites);
  g_test_add_func ("/journey/not-found", test_not_found);
  g_test_add_func ("/journey/search", test_search);
  g_test_add_func ("/journey/random", test_random);
  g_test_add_func ("/journey/async", test_async);
  g_test_add_func ("/journey/csv-unsupported", test_csv_unsupported);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (tmp_dir);
  g_free (demo_path);
  g_free (tmp_dir);
  return status;
}
