/* test-cli-flows.c: courant-cli flows --from/--to against plain SQL
 *
 * Journeys around the spring time change in Europe/Paris, many events
 * close to local midnights. courant-cli flows with --from and --to (local
 * days, both included) must count the same first steps and transitions as
 * SQLite, which picks the days with date (…, 'localtime') under
 * TZ=Europe/Paris: a computation that shares nothing with GTimeZone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>

#include "courant-flows.h"

#define N_CUSTOMERS 300
#define N_STEPS     "3"

static const char *cli_path;
static char *tmp_dir;
static char *db_path;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* From 2026-03-25 to 2026-04-02 UTC; a third of the events within half an
 * hour of a local midnight (22:00 or 23:00 UTC around the change). */
static void
make_database (void)
{
  static const char *events[] = { "web", "call", "shop", "mail" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);
  gint64 start = G_GINT64_CONSTANT (1774396800000);   /* 2026-03-25 00:00 UTC */
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE events (customer_id INTEGER, ts INTEGER, event TEXT, channel TEXT);"
                "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO events VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (int c = 1; c <= N_CUSTOMERS; c++)
    {
      int n = g_rand_int_range (rand, 3, 14);

      for (int i = 0; i < n; i++)
        {
          gint64 day = g_rand_int_range (rand, 0, 8);
          gint64 ms = g_rand_int_range (rand, 0, 3) == 0
            ? (g_rand_boolean (rand) ? 22 : 23) * 3600000 + g_rand_int_range (rand, -1800000, 1800000)
            : g_rand_int_range (rand, 0, 86400000);

          /* Distinct times within a customer: the order is the time's. */
          ms = ms / 1000 * 1000 + i;
          sqlite3_bind_int (stmt, 1, c);
          sqlite3_bind_int64 (stmt, 2, start + day * 86400000 + ms);
          sqlite3_bind_text (stmt, 3, events[g_rand_int_range (rand, 0, 4)], -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, "web", -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_reset (stmt);
        }
    }
  sqlite3_finalize (stmt);
  exec_sql (db, "COMMIT");
  sqlite3_close (db);
}

static int
run_cli (const char *const  *args,
         char              **output)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* "source target" (or "node") → entities, without the drop-offs. */
static GHashTable *
counts_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *root;
  JsonArray *nodes, *links;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  nodes = json_object_get_array_member (root, "nodes");
  links = json_object_get_array_member (root, "links");
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      const char *id = json_object_get_string_member (node, "id");

      if (g_str_has_suffix (id, COURANT_FLOWS_END))
        continue;
      g_hash_table_insert (counts, g_strdup (id),
                           GINT_TO_POINTER (json_object_get_int_member (node, "entities")));
    }
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      const char *target = json_object_get_string_member (link, "target");

      if (g_str_has_suffix (target, COURANT_FLOWS_END))
        continue;
      g_hash_table_insert (counts,
                           g_strdup_printf ("%s %s", json_object_get_string_member (link, "source"), target),
                           GINT_TO_POINTER (json_object_get_int_member (link, "entities")));
    }
  return counts;
}

/* The same from SQLite: each customer's events on the local days from
 * @from to @to, numbered in time; the first steps and their transitions. */
static GHashTable *
counts_from_sql (const char *from,
                 const char *to)
{
  static const char *sql =
    "WITH kept AS (SELECT customer_id, event, row_number () OVER (PARTITION BY customer_id ORDER BY ts) AS n"
    "              FROM events WHERE date (ts / 1000, 'unixepoch', 'localtime') BETWEEN ?1 AND ?2) "
    "SELECT (n - 1) || ':' || event, count (*) FROM kept WHERE n <= " N_STEPS " GROUP BY 1 "
    "UNION ALL "
    "SELECT (a.n - 1) || ':' || a.event || ' ' || (b.n - 1) || ':' || b.event, count (*)"
    " FROM kept a JOIN kept b ON b.customer_id = a.customer_id AND b.n = a.n + 1"
    " WHERE b.n <= " N_STEPS " GROUP BY 1";
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return counts;
}

static void
check_days (const char *from,
            const char *to)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GHashTable) ours = NULL;
  g_autoptr(GHashTable) expected = NULL;
  g_autofree char *output = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_ptr_array_add (args, (gpointer) "flows");
  g_ptr_array_add (args, db_path);
  g_ptr_array_add (args, (gpointer) "--steps=" N_STEPS);
  if (from != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--from");
      g_ptr_array_add (args, (gpointer) from);
    }
  if (to != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--to");
      g_ptr_array_add (args, (gpointer) to);
    }
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (run_cli ((const char *const *) args->pdata, &output), ==, 0);

  ours = counts_from_json (output);
  expected = counts_from_sql (from != NULL ? from : "0000-01-01", to != NULL ? to : "9999-12-31");
  g_assert_cmpuint (g_hash_table_size (expected), >, 10);
  g_assert_cmpuint (g_hash_table_size (ours), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("%s: %d", (const char *) key, GPOINTER_TO_INT (value));
      g_assert_true (g_hash_table_contains (ours, key));
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (ours, key)), ==, GPOINTER_TO_INT (value));
    }
}

/* The day of the change has 23 hours. */
static void
test_change_day (void)
{
  check_days ("2026-03-29", "2026-03-29");
}

static void
test_days (void)
{
  check_days ("2026-03-27", "2026-03-30");
}

static void
test_open_sides (void)
{
  check_days ("2026-03-30", NULL);
  check_days (NULL, "2026-03-28");
}

static void
test_bad_days (void)
{
  const char *not_a_day[] = { "flows", db_path, "--from", "2026-3-29", NULL };
  const char *no_such_day[] = { "flows", db_path, "--to", "2026-02-30", NULL };
  const char *backwards[] = { "flows", db_path, "--from", "2026-03-30", "--to", "2026-03-29", NULL };
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_assert_cmpint (run_cli (not_a_day, &a), ==, 2);
  g_assert_cmpint (run_cli (no_such_day, &b), ==, 2);
  g_assert_cmpint (run_cli (backwards, &c), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  cli_path = argc > 1 ? argv[1] : NULL;
  if (cli_path == NULL)
    {
      g_test_skip ("No courant-cli given");
      return g_test_run ();
    }

  /* SQLite's 'localtime' reads TZ. */
  g_setenv ("TZ", "Europe/Paris", TRUE);
  tzset ();
  tmp_dir = g_dir_make_tmp ("courant-cli-flows-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "journeys.sqlite", NULL);
  make_database ();

  g_test_add_func ("/cli-flows/change-day", test_change_day);
  g_test_add_func ("/cli-flows/days", test_days);
  g_test_add_func ("/cli-flows/open-sides", test_open_sides);
  g_test_add_func ("/cli-flows/bad-days", test_bad_days);
  status = g_test_run ();

  g_unlink (db_path);
  g_rmdir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
