/* test-event-store.c: loading journeys into the columnar event store
 *
 * Every store is compared with the same rows read back by plain SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-demo.h"
#include "courant-error.h"
#include "courant-event-store.h"

static char *tmp_dir;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", message, sql);
}

static char *
write_database (const char *name,
                const char *sql)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, sql);
  sqlite3_close (db);
  return path;
}

static CourantSource *
open_source (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CourantSource *source = courant_source_open (file, NULL, &error);

  g_assert_no_error (error);
  return source;
}

static const char *
demo_path (void)
{
  static char *path;

  if (path == NULL)
    {
      CourantDemoOptions options;
      g_autoptr(GError) error = NULL;

      courant_demo_options_init (&options);
      options.n_customers = 2000;
      options.n_sites = 1;
      options.n_days = 365;
      path = g_build_filename (tmp_dir, "demo.sqlite", NULL);
      g_assert_true (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return path;
}

/* Unsorted rows, text keys, ties in time, missing values, weights. */
#define HAND_SQL \
  "CREATE TABLE ev (who TEXT, t INTEGER, what TEXT, via TEXT, w REAL);" \
  "INSERT INTO ev VALUES ('b', 30, 'x', 'web', 2), ('a', 20, 'y', 'app', 1)," \
  "  ('b', 10, 'y', NULL, 5), ('c', 5, 'z', 'web', 1), ('a', 20, 'x', 'web', 1)," \
  "  ('a', 10, 'z', 'app', 1), (NULL, 1, 'x', 'web', 1), ('c', NULL, 'x', 'web', 1)," \
  "  ('b', 30, 'z', 'web', 2), ('a', 5, NULL, 'web', 1), ('c', 1, 'x', 'shop', NULL);"

static CourantEventStore *
load_hand (const char *path,
           gboolean    with_weight)
{
  g_autoptr(CourantSource) source = open_source (path);
  g_autoptr(GError) error = NULL;
  CourantEventColumns columns = { "who", "t", "what", "via", with_weight ? "w" : NULL, 0 };
  CourantEventStore *store;

  store = courant_event_store_load (source, "ev", &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* The store holds exactly the rows SQL keeps, each entity's in (time, rowid) order. */
static void
check_against_sql (const CourantEventStore *store,
                   const char              *path,
                   const char              *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint row = 0, position = 0;
  guint32 current = G_MAXUINT32;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);

  /* SQL gives (key, time, event, channel) sorted by key; the store orders
   * entities by first appearance, so walk each SQL entity in the store. */
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      guint32 e = courant_event_store_find_entity (store, key);

      g_assert_cmpuint (e, !=, G_MAXUINT32);
      if (e != current)
        {
          current = e;
          position = store->offsets[e];
        }
      g_assert_cmpuint (position, <, store->offsets[e + 1]);
      g_assert_cmpint (store->time[position], ==, sqlite3_column_int64 (stmt, 1));
      g_assert_cmpstr (courant_dict_get (store->events, store->event[position]), ==,
                       (const char *) sqlite3_column_text (stmt, 2));
      if (store->channel != NULL)
        g_assert_cmpstr (courant_dict_get (store->channels, store->channel[position]), ==,
                         (const char *) sqlite3_column_text (stmt, 3));
      position++;
      row++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (row, ==, store->n_events);
}

static void
check_invariants (const CourantEventStore *store)
{
  g_assert_cmpuint (store->offsets[0], ==, 0);
  g_assert_cmpuint (store->offsets[store->n_entities], ==, store->n_events);
  for (guint e = 0; e < store->n_entities; e++)
    {
      g_assert_cmpuint (store->offsets[e], <, store->offsets[e + 1]);
      for (guint i = store->offsets[e]; i < store->offsets[e + 1]; i++)
        {
          g_assert_cmpuint (store->entity[i], ==, e);
          if (i > store->offsets[e])
            g_assert_cmpint (store->time[i - 1], <=, store->time[i]);
        }
    }
}

static void
test_hand_made (void)
{
  g_autofree char *path = write_database ("hand.sqlite", HAND_SQL);
  g_autoptr(CourantEventStore) store = load_hand (path, TRUE);

  check_invariants (store);
  /* Rows without entity, time, event or weight are skipped. */
  g_assert_cmpint (store->n_skipped, ==, 4);
  g_assert_cmpuint (store->n_entities, ==, 3);
  check_against_sql (store, path,
                     "SELECT who, t, what, coalesce (via, '(none)') FROM ev "
                     "WHERE who IS NOT NULL AND t IS NOT NULL AND what IS NOT NULL AND w IS NOT NULL "
                     "ORDER BY who, t, rowid");
  /* The weight follows its row through the sort. */
  g_assert_cmpfloat (store->weight[store->offsets[courant_event_store_find_entity (store, "b")]], ==, 5);
  g_assert_nonnull (store->channels);
}

static void
test_demo (void)
{
  g_autoptr(CourantSource) source = open_source (demo_path ());
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CourantEventColumns columns = { "customer_id", "ts", "event", "channel", NULL, 0 };
  sqlite3 *db;
  sqlite3_stmt *stmt;

  store = courant_event_store_load (source, "events", &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_invariants (store);
  check_against_sql (store, demo_path (),
                     "SELECT customer_id, ts, event, channel FROM events ORDER BY customer_id, ts");

  g_assert_cmpint (sqlite3_open_v2 (demo_path (), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (DISTINCT customer_id), count (DISTINCT event) FROM events",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpuint (store->n_entities, ==, sqlite3_column_int (stmt, 0));
  g_assert_cmpuint (courant_dict_size (store->events), ==, sqlite3_column_int (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The budget of ARCHITECTURE.md: 24 bytes per event at most. */
  g_assert_cmpuint (courant_event_store_bytes (store), <=, 24 * (gsize) store->n_events);
}

static void
test_attribute (void)
{
  g_autoptr(CourantSource) source = open_source (demo_path ());
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(CourantEntityAttribute) segment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *mask = NULL;
  CourantEventColumns columns = { "customer_id", "ts", "event", NULL, NULL, 0 };
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint n = 0;

  store = courant_event_store_load (source, "events", &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  segment = courant_event_store_load_attribute (store, source, "customers", "customer_id",
                                                "segment", NULL, &error);
  g_assert_no_error (error);
  mask = courant_entity_attribute_mask (segment, "residential");
  for (guint e = 0; e < store->n_entities; e++)
    n += mask[e];

  g_assert_cmpint (sqlite3_open_v2 (demo_path (), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count (*) FROM customers WHERE segment = 'residential' "
                                       "AND customer_id IN (SELECT customer_id FROM events)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpuint (n, ==, sqlite3_column_int (stmt, 0));
  g_assert_cmpuint (n, >, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_clear_pointer (&mask, g_free);
  mask = courant_entity_attribute_mask (segment, "no such segment");
  for (guint e = 0; e < store->n_entities; e++)
    g_assert_cmpuint (mask[e], ==, 0);
}

static void
test_errors (void)
{
  g_autofree char *path = write_database ("bad.sqlite",
                                          "CREATE TABLE mixed (k, t, e);"
                                          "INSERT INTO mixed VALUES (1, 1, 'a'), ('x', 2, 'b');"
                                          "CREATE TABLE badtime (k, t, e);"
                                          "INSERT INTO badtime VALUES (1, 'next tuesday', 'a');");
  g_autoptr(CourantSource) source = open_source (path);
  g_autoptr(GError) error = NULL;
  CourantEventColumns columns = { "k", "t", "e", NULL, NULL, 0 };
  CourantEventColumns missing = { "k", "t", "nope", NULL, NULL, 0 };

  g_assert_null (courant_event_store_load (source, "mixed", &columns, NULL, NULL, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (courant_event_store_load (source, "mixed", &missing, NULL, NULL, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (courant_event_store_load (source, "nope", &columns, NULL, NULL, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (courant_event_store_load (source, "badtime", &columns, NULL, NULL, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
}

/* Text instants, local to the zone given, and Unix seconds. */
static void
test_time_encodings (void)
{
  g_autofree char *path = write_database ("times.sqlite",
                                          "CREATE TABLE iso (k, t, e);"
                                          "INSERT INTO iso VALUES (1, '2025-03-30T03:30:00', 'b'), "
                                          "  (1, '2025-03-30 01:30', 'a'), (2, '2025-01-15T08:00:00Z', 'c');"
                                          "CREATE TABLE secs (k, t, e);"
                                          "INSERT INTO secs VALUES (1, 1700000000, 'a');");
  g_autoptr(CourantSource) source = open_source (path);
  g_autoptr(CourantEventStore) iso = NULL;
  g_autoptr(CourantEventStore) secs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) before = g_date_time_new (paris, 2025, 3, 30, 1, 30, 0);
  g_autoptr(GDateTime) after = g_date_time_new (paris, 2025, 3, 30, 3, 30, 0);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2025, 1, 15, 8, 0, 0);
  CourantEventColumns columns = { "k", "t", "e", NULL, NULL, COURANT_TIME_UNKNOWN, paris };
  CourantEventColumns seconds = { "k", "t", "e", NULL, NULL, COURANT_TIME_UNIX_SECONDS, NULL };

  iso = courant_event_store_load (source, "iso", &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_invariants (iso);
  /* Across the spring clock change: one hour apart, in order. */
  g_assert_cmpint (iso->time[0], ==, g_date_time_to_unix (before) * 1000);
  g_assert_cmpint (iso->time[1], ==, g_date_time_to_unix (after) * 1000);
  g_assert_cmpint (iso->time[1] - iso->time[0], ==, 3600000);
  g_assert_cmpint (iso->time[2], ==, g_date_time_to_unix (utc) * 1000);

  secs = courant_event_store_load (source, "secs", &seconds, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (secs->time[0], ==, G_GINT64_CONSTANT (1700000000000));
}

static void
test_csv (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "events.csv", NULL);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CourantEventColumns columns = { "entity", "ts_ms", "event", NULL, NULL, 0 };
  const CourantTableInfo *table;

  g_assert_true (g_file_set_contents (path,
                                      "entity,ts_ms,event\n"
                                      "7,300,call\n7,100,\"web visit\"\n3,50,call\n7,200,call\n",
                                      -1, NULL));
  source = open_source (path);
  table = g_ptr_array_index (courant_source_get_tables (source), 0);
  store = courant_event_store_load (source, table->name, &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_invariants (store);
  g_assert_cmpuint (store->n_events, ==, 4);
  g_assert_cmpuint (store->n_entities, ==, 2);
  g_assert_cmpint (store->integer_keys[0], ==, 7);
  g_assert_cmpint (store->time[0], ==, 100);
  g_assert_cmpstr (courant_dict_get (store->events, store->event[0]), ==, "web visit");
  g_assert_cmpint (store->time[2], ==, 300);
}

typedef struct
{
  GMainLoop         *loop;
  CourantEventStore *store;
  GError            *error;
  gint64             progress_rows;
} AsyncData;

static void
progress_cb (gint64   rows_read,
             gint64   rows_estimated,
             gpointer user_data)
{
  AsyncData *data = user_data;

  g_atomic_int_set ((int *) &data->progress_rows, 1);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncData *data = user_data;

  data->store = courant_event_store_load_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  /* Enough rows for the scan to report progress at least once. */
  g_autofree char *path = write_database ("many.sqlite",
                                          "CREATE TABLE ev (k INTEGER, t INTEGER, e TEXT);"
                                          "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999) "
                                          "INSERT INTO ev SELECT i % 1000, 100000 - i, 'e' || (i % 7) FROM n;");
  g_autoptr(CourantSource) source = open_source (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CourantEventColumns columns = { "k", "t", "e", NULL, NULL, 0 };
  AsyncData data = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0 };

  courant_event_store_load_async (source, "ev", &columns, progress_cb, &data, NULL,
                                  loaded_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_nonnull (data.store);
  check_invariants (data.store);
  check_against_sql (data.store, path, "SELECT k, t, e FROM ev ORDER BY k, t");
  g_assert_cmpint (g_atomic_int_get ((int *) &data.progress_rows), ==, 1);
  g_clear_pointer (&data.store, courant_event_store_unref);

  /* A cancelled load ends with an error and no store. */
  g_cancellable_cancel (cancellable);
  courant_event_store_load_async (source, "ev", &columns, NULL, NULL, cancellable,
                                  loaded_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_null (data.store);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&data.error);
  g_main_loop_unref (data.loop);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("courant-event-store-XXXXXX", NULL);

  g_test_add_func ("/event-store/hand-made", test_hand_made);
  g_test_add_func ("/event-store/demo", test_demo);
  g_test_add_func ("/event-store/attribute", test_attribute);
  g_test_add_func ("/event-store/errors", test_errors);
  g_test_add_func ("/event-store/csv", test_csv);
  g_test_add_func ("/event-store/time-encodings", test_time_encodings);
  g_test_add_func ("/event-store/async", test_async);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
