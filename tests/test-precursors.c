/* test-precursors.c: the events over-represented before an outcome, against SQL
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
#include "courant-precursors.h"

static char *tmp_dir;

typedef struct
{
  double  with;
  double  without;
  guint   n_with;
  char   *keys;     /* the entities with it, "," between, in order */
} Share;

static void
share_free (Share *share)
{
  g_free (share->keys);
  g_free (share);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", message, sql);
}

/* From the view ev(entity, ts, seq, event, w): the weighted number of
 * entities with and without the outcome having each event and pair. */
static void
sql_precursors (sqlite3    *db,
                const char *outcome,
                GHashTable *shares,
                double     *weight_with,
                double     *weight_without)
{
  g_autofree char *with = g_strdup_printf (
    "WITH p AS (SELECT entity, event, row_number () OVER (PARTITION BY entity ORDER BY ts, seq) AS pos, "
    "    lag (event) OVER (PARTITION BY entity ORDER BY ts, seq) AS prev FROM ev), "
    "o AS (SELECT entity, min (pos) AS opos FROM p WHERE event = '%s' GROUP BY entity), "
    "ew AS (SELECT entity, w FROM (SELECT entity, w, row_number () OVER (PARTITION BY entity ORDER BY ts, seq) AS r FROM ev) WHERE r = 1), "
    "pre AS (SELECT p.entity, p.event, p.prev, o.entity IS NOT NULL AS has FROM p LEFT JOIN o USING (entity) "
    "    WHERE o.opos IS NULL OR p.pos < o.opos), "
    "items AS (SELECT DISTINCT entity, event AS item, has FROM pre "
    "    UNION SELECT DISTINCT entity, prev || ' > ' || event, has FROM pre WHERE prev IS NOT NULL) ",
    outcome);
  g_autofree char *items_sql = g_strdup_printf (
    "%s SELECT item, sum (CASE WHEN has THEN w ELSE 0 END), sum (CASE WHEN has THEN 0 ELSE w END), "
    "  sum (has), (SELECT group_concat (entity, ',') FROM (SELECT DISTINCT i2.entity FROM items i2 "
    "      WHERE i2.item = items.item AND i2.has ORDER BY i2.entity)) "
    "FROM items JOIN ew USING (entity) GROUP BY item", with);
  g_autofree char *totals_sql = g_strdup_printf (
    "%s SELECT sum (CASE WHEN entity IN (SELECT entity FROM o) THEN w ELSE 0 END), "
    "  sum (CASE WHEN entity IN (SELECT entity FROM o) THEN 0 ELSE w END) FROM ew", with);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, items_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Share *share = g_new (Share, 1);

      share->with = sqlite3_column_double (stmt, 1);
      share->without = sqlite3_column_double (stmt, 2);
      share->n_with = sqlite3_column_int (stmt, 3);
      share->keys = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_hash_table_insert (shares, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), share);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, totals_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *weight_with = sqlite3_column_double (stmt, 0);
  *weight_without = sqlite3_column_double (stmt, 1);
  sqlite3_finalize (stmt);
}

static void
assert_close (double a,
              double b)
{
  g_assert_cmpfloat_with_epsilon (a, b, 1e-9 * MAX (1, fabs (b)));
}

/* The drill-down's entities, in index order, against SQL's list of keys. */
static void
check_entities (const CourantPrecursorsResult *result,
                guint                          index,
                const char                    *expected)
{
  g_autoptr(GArray) entities = courant_precursors_entities (result, index, NULL);
  g_auto(GStrv) keys = g_strsplit (expected, ",", -1);
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; keys[i] != NULL; i++)
    g_hash_table_add (set, keys[i]);
  g_assert_cmpuint (entities->len, ==, g_hash_table_size (set));
  for (guint i = 0; i < entities->len; i++)
    {
      guint32 entity = g_array_index (entities, guint32, i);
      g_autofree char *key = courant_event_store_dup_entity_key (result->store, entity);

      g_assert_true (g_hash_table_contains (set, key));
      if (i > 0)
        g_assert_cmpuint (g_array_index (entities, guint32, i - 1), <, entity);
    }
}

static void
check (CourantEventStore *store,
       sqlite3           *db,
       const char        *outcome,
       double             min_support)
{
  g_autoptr(GHashTable) shares = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) share_free);
  g_autoptr(CourantPrecursorsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CourantPrecursorsOptions options;
  double weight_with, weight_without;
  guint expected = 0;
  GHashTableIter iter;
  gpointer value;

  sql_precursors (db, outcome, shares, &weight_with, &weight_without);
  g_hash_table_iter_init (&iter, shares);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    expected += ((Share *) value)->with > 0 && ((Share *) value)->with / weight_with >= min_support;

  courant_precursors_options_init (&options);
  options.outcome = outcome;
  options.min_support = min_support;
  result = courant_precursors_compute (store, &options, NULL, &error);
  g_assert_no_error (error);
  assert_close (result->weight_with, weight_with);
  assert_close (result->weight_without, weight_without);
  g_assert_cmpuint (result->precursors->len, ==, expected);
  g_assert_cmpuint (expected, >, 0);

  for (guint i = 0; i < result->precursors->len; i++)
    {
      const CourantPrecursor *item = &g_array_index (result->precursors, CourantPrecursor, i);
      g_autofree char *key = NULL;
      const Share *share;
      double pooled, z;

      if (item->second == COURANT_DICT_NOT_FOUND)
        key = g_strdup (courant_dict_get (store->events, item->first));
      else
        key = g_strdup_printf ("%s > %s", courant_dict_get (store->events, item->first),
                               courant_dict_get (store->events, item->second));
      share = g_hash_table_lookup (shares, key);
      g_assert_nonnull (share);
      g_assert_cmpuint (item->n_entities, ==, share->n_with);
      check_entities (result, i, share->keys);
      assert_close (item->support, share->with / weight_with);
      assert_close (item->baseline, share->without / weight_without);
      if (share->without > 0)
        assert_close (item->lift, (share->with / weight_with) / (share->without / weight_without));
      else
        g_assert_true (isinf (item->lift));

      /* The pooled two-proportion z statistic, written out again. */
      pooled = (share->with + share->without) / (weight_with + weight_without);
      z = (share->with / weight_with - share->without / weight_without) /
          sqrt (pooled * (1 - pooled) * (1 / weight_with + 1 / weight_without));
      if (pooled < 1)
        assert_close (item->z, z);
      g_assert_cmpfloat (item->p, >=, 0);
      g_assert_cmpfloat (item->p, <=, 1);

      /* Sorted by lift, then support. */
      if (i > 0)
        {
          const CourantPrecursor *before = item - 1;

          g_assert_true (before->lift > item->lift ||
                         (before->lift == item->lift && before->support >= item->support));
        }
    }
}

#define HAND_SQL \
  "CREATE TABLE raw (entity INTEGER, ts INTEGER, event TEXT, w REAL);" \
  "INSERT INTO raw VALUES " \
  " (1, 1, 'complaint', 1), (1, 2, 'call', 1), (1, 3, 'quit', 1), (1, 4, 'call', 1)," \
  " (2, 5, 'call', 2), (2, 4, 'complaint', 2), (2, 6, 'complaint', 2), (2, 9, 'quit', 2), (2, 10, 'quit', 2)," \
  " (3, 1, 'bill', 0.5), (3, 2, 'call', 0.5), (3, 3, 'bill', 0.5)," \
  " (4, 1, 'quit', 1), (4, 2, 'bill', 1)," \
  " (5, 1, 'bill', 4), (5, 2, 'complaint', 4), (5, 3, 'bill', 4);"

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The worker gives what the blocking call gives, keeps its own copy of
 * the outcome, and honours a cancel. */
static void
check_async (CourantEventStore *store)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CourantPrecursorsResult) blocking = NULL;
  g_autoptr(CourantPrecursorsResult) threaded = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *json = NULL;
  char outcome[] = "quit";
  CourantPrecursorsOptions options;

  courant_precursors_options_init (&options);
  options.outcome = outcome;
  options.min_support = 0;
  blocking = courant_precursors_compute (store, &options, NULL, &error);
  g_assert_no_error (error);
  courant_precursors_compute_async (store, &options, NULL, store_result_cb, &done);
  outcome[0] = 'Q';
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  threaded = courant_precursors_compute_finish (done, &error);
  g_assert_no_error (error);
  expected = courant_precursors_result_to_json (blocking);
  json = courant_precursors_result_to_json (threaded);
  g_assert_cmpstr (json, ==, expected);

  outcome[0] = 'q';
  g_cancellable_cancel (cancellable);
  courant_precursors_compute_async (store, &options, cancellable, store_result_cb, &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (courant_precursors_compute_finish (cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_hand_made (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "hand.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CourantEventColumns columns = { "entity", "ts", "event", NULL, "w", 0 };
  CourantPrecursorsOptions options;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, HAND_SQL);
  exec_sql (db, "CREATE VIEW ev AS SELECT entity, ts, rowid AS seq, event, w FROM raw");
  source = courant_source_open (file, NULL, &error);
  g_assert_no_error (error);
  store = courant_event_store_load (source, "raw", &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  check (store, db, "quit", 0);
  check (store, db, "complaint", 0.3);
  sqlite3_close (db);
  check_async (store);

  courant_precursors_options_init (&options);
  options.outcome = "nothing";
  g_assert_null (courant_precursors_compute (store, &options, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
}

static void
test_demo (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "demo.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(CourantPrecursorsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree guint8 *mask = NULL;
  CourantEventColumns columns = { "customer_id", "ts", "event", NULL, NULL, 0 };
  CourantPrecursorsOptions options;
  CourantDemoOptions demo;
  sqlite3 *db;

  courant_demo_options_init (&demo);
  demo.n_customers = 2000;
  demo.n_sites = 1;
  demo.n_days = 365;
  g_assert_true (courant_demo_generate (path, &demo, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  source = courant_source_open (file, NULL, &error);
  g_assert_no_error (error);
  store = courant_event_store_load (source, "events", &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TEMP VIEW ev AS SELECT customer_id AS entity, ts, ts AS seq, event, 1.0 AS w FROM events");
  check (store, db, "termination", 0.01);
  check (store, db, "call", 0.05);
  sqlite3_close (db);

  courant_precursors_options_init (&options);
  options.outcome = "termination";
  result = courant_precursors_compute (store, &options, NULL, &error);
  g_assert_no_error (error);
  json = courant_precursors_result_to_json (result);
  g_assert_nonnull (strstr (json, "\"outcome\" : \"termination\""));
  g_assert_nonnull (strstr (json, "\"sequence\" : ["));

  /* A segment: the drill-down keeps to it, and finds every entity counted. */
  mask = g_new0 (guint8, store->n_entities);
  for (guint e = 0; e < store->n_entities; e += 2)
    mask[e] = 1;
  options.entity_mask = mask;
  g_clear_pointer (&result, courant_precursors_result_free);
  result = courant_precursors_compute (store, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->precursors->len, >, 0);
  for (guint i = 0; i < result->precursors->len; i++)
    {
      g_autoptr(GArray) entities = courant_precursors_entities (result, i, NULL);

      g_assert_cmpuint (entities->len, ==, g_array_index (result->precursors, CourantPrecursor, i).n_entities);
      for (guint j = 0; j < entities->len; j++)
        g_assert_cmpuint (g_array_index (entities, guint32, j) % 2, ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("courant-precursors-XXXXXX", NULL);

  g_test_add_func ("/precursors/hand-made", test_hand_made);
  g_test_add_func ("/precursors/demo", test_demo);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (tmp_dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
