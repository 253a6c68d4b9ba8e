/* test-flows.c: the Sankey data of journeys, against plain SQL
 *
 * Each case computes the flows twice: with courant_flows_compute() over the
 * loaded store, and with one SQL query (window functions over the same rows
 * in SQLite) that reads the options its own way. Every node and link must
 * match: weighted value, number of entities and mean time between steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-demo.h"
#include "courant-flows.h"

static char *tmp_dir;

typedef struct
{
  double value;
  guint  n;
  double mean_gap;   /* NAN to (end) */
} Count;

/* One option set, as both sides read it. */
typedef struct
{
  const char         *name;
  CourantFlowsLabel   label;
  CourantFlowsAnchor  anchor;
  const char         *anchor_event;
  guint               n_steps;
  gboolean            collapse;
  const char         *hidden[4];
  gint64              max_gap_ms;
  guint               top_n;
  double              min_share;
  gint64              time_from;       /* 0: none */
  gint64              time_to;         /* 0: none */
  const char         *mask_sql;        /* "entity IN (…)" or NULL */
} Case;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", message, sql);
}

static const char *
label_sql (CourantFlowsLabel label)
{
  switch (label)
    {
    case COURANT_FLOWS_BY_CHANNEL:
      return "channel";
    case COURANT_FLOWS_BY_BOTH:
      return "event || ' (' || channel || ')'";
    case COURANT_FLOWS_BY_EVENT:
    default:
      return "event";
    }
}

/* The journeys as rows j(entity, step, label, ts, w), then mapped to
 * (other) in jm, from the view ev(entity, ts, seq, event, channel, w). */
static char *
journeys_sql (const Case *c)
{
  gboolean backward = c->anchor == COURANT_FLOWS_ANCHOR_END;
  const char *order = backward ? "DESC" : "";
  g_autoptr(GString) hidden = g_string_new ("''");
  g_autofree char *anchor_join = NULL;
  g_autofree char *gap = NULL;
  g_autofree char *step = backward ? g_strdup_printf ("%u - 1 - rn", c->n_steps) : g_strdup ("rn");

  for (guint i = 0; c->hidden[i] != NULL; i++)
    g_string_append_printf (hidden, ", '%s'", c->hidden[i]);

  if (c->anchor == COURANT_FLOWS_ANCHOR_NONE)
    anchor_join = g_strdup ("SELECT * FROM f");
  else
    anchor_join = g_strdup_printf ("SELECT f.* FROM f JOIN (SELECT entity, min (pos) AS apos FROM f "
                                   "WHERE event = '%s' GROUP BY entity) USING (entity) WHERE pos %s apos",
                                   c->anchor_event, backward ? "<=" : ">=");
  if (c->max_gap_ms == 0)
    gap = g_strdup ("0");
  else if (backward)
    gap = g_strdup_printf ("coalesce (lead (ts) OVER (PARTITION BY entity ORDER BY pos) - ts > %" G_GINT64_FORMAT ", 0)",
                           c->max_gap_ms);
  else
    gap = g_strdup_printf ("coalesce (ts - lag (ts) OVER (PARTITION BY entity ORDER BY pos) > %" G_GINT64_FORMAT ", 0)",
                           c->max_gap_ms);

  return g_strdup_printf (
    "WITH f AS (SELECT entity, ts, seq, event, %s AS label, "
    "    row_number () OVER (PARTITION BY entity ORDER BY ts, seq) AS pos FROM ev "
    "  WHERE ts >= %" G_GINT64_FORMAT " AND ts < %" G_GINT64_FORMAT " AND event NOT IN (%s) AND %s), "
    "g AS (%s), "
    "b AS (SELECT *, %s AS brk FROM g), "
    "c AS (SELECT *, sum (brk) OVER (PARTITION BY entity ORDER BY pos %s ROWS UNBOUNDED PRECEDING) AS cum FROM b), "
    "d AS (SELECT *, lag (label) OVER (PARTITION BY entity ORDER BY pos) AS prev, "
    "    lead (label) OVER (PARTITION BY entity ORDER BY pos) AS nxt FROM c WHERE cum = 0), "
    "k AS (SELECT * FROM d WHERE %s), "
    "s AS (SELECT entity, label, ts, row_number () OVER (PARTITION BY entity ORDER BY pos %s) - 1 AS rn FROM k), "
    "ew AS (SELECT entity, w FROM (SELECT entity, w, row_number () OVER (PARTITION BY entity ORDER BY ts, seq) AS r FROM ev) WHERE r = 1), "
    "j AS (SELECT s.entity, %s AS step, label, ts, ew.w AS w FROM s JOIN ew USING (entity) WHERE rn < %u), "
    "nr AS (SELECT step, label, sum (w) AS v FROM j GROUP BY step, label), "
    "rk AS (SELECT step, label, v, row_number () OVER (PARTITION BY step ORDER BY v DESC, label) AS rnk, "
    "    sum (v) OVER (PARTITION BY step) AS tot FROM nr), "
    "mp AS (SELECT step, label, CASE WHEN (%u = 0 OR rnk <= %u) AND v >= %.17g * tot "
    "    THEN label ELSE '(other)' END AS m FROM rk), "
    "jm AS (SELECT j.entity, j.step, mp.m AS label, j.ts, j.w FROM j JOIN mp USING (step, label)), "
    "len AS (SELECT entity, max (step) + 1 AS l, w FROM jm GROUP BY entity) ",
    label_sql (c->label),
    c->time_from != 0 ? c->time_from : G_MININT64,
    c->time_to != 0 ? c->time_to : G_MAXINT64,
    hidden->str,
    c->mask_sql != NULL ? c->mask_sql : "1",
    anchor_join, gap, order,
    c->collapse ? (backward ? "nxt IS NULL OR nxt <> label" : "prev IS NULL OR prev <> label") : "1",
    order,
    step,
    c->n_steps, c->top_n, c->top_n, c->min_share);
}

static void
read_counts (sqlite3    *db,
             const char *sql,
             GHashTable *into)
{
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", sqlite3_errmsg (db), sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Count *count = g_new (Count, 1);

      count->value = sqlite3_column_double (stmt, 1);
      count->n = sqlite3_column_int (stmt, 2);
      count->mean_gap = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 3);
      g_assert_false (g_hash_table_contains (into, sqlite3_column_text (stmt, 0)));
      g_hash_table_insert (into, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), count);
    }
  sqlite3_finalize (stmt);
}

static void
sql_flows (sqlite3    *db,
           const Case *c,
           GHashTable *nodes,
           GHashTable *links,
           guint      *n_entities,
           double     *total)
{
  g_autofree char *with = journeys_sql (c);
  gboolean drop_offs = c->anchor != COURANT_FLOWS_ANCHOR_END;
  g_autofree char *node_sql = NULL, *link_sql = NULL, *total_sql = NULL;
  sqlite3_stmt *stmt;

  node_sql = g_strdup_printf ("%s SELECT step || ':' || label, sum (w), count (*), NULL FROM jm GROUP BY step, label "
                              "UNION ALL SELECT l || ':(end)', sum (w), count (*), NULL FROM len "
                              "WHERE %d AND l < %u GROUP BY l",
                              with, drop_offs, c->n_steps);
  link_sql = g_strdup_printf ("%s SELECT a.step || ':' || a.label || ' -> ' || b.step || ':' || b.label, "
                              "  sum (a.w), count (*), sum (a.w * (b.ts - a.ts)) / sum (a.w) "
                              "FROM jm a JOIN jm b ON a.entity = b.entity AND b.step = a.step + 1 GROUP BY 1 "
                              "UNION ALL SELECT jm.step || ':' || jm.label || ' -> ' || l || ':(end)', sum (jm.w), count (*), NULL "
                              "FROM len JOIN jm ON jm.entity = len.entity AND jm.step = len.l - 1 "
                              "WHERE %d AND l < %u GROUP BY 1",
                              with, drop_offs, c->n_steps);
  total_sql = g_strdup_printf ("%s SELECT count (*), coalesce (sum (w), 0) FROM len", with);

  read_counts (db, node_sql, nodes);
  read_counts (db, link_sql, links);
  g_assert_cmpint (sqlite3_prepare_v2 (db, total_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *n_entities = sqlite3_column_int (stmt, 0);
  *total = sqlite3_column_double (stmt, 1);
  sqlite3_finalize (stmt);
}

static void
options_from_case (const Case          *c,
                   CourantFlowsOptions *options)
{
  courant_flows_options_init (options);
  options->label = c->label;
  options->anchor = c->anchor;
  options->anchor_event = c->anchor_event;
  options->n_steps = c->n_steps;
  options->collapse_repeats = c->collapse;
  options->hidden_events = c->hidden;
  options->max_gap_ms = c->max_gap_ms;
  options->top_n = c->top_n;
  options->min_share = c->min_share;
  if (c->time_from != 0)
    options->time_from = c->time_from;
  if (c->time_to != 0)
    options->time_to = c->time_to;
}

static void
assert_close (double a,
              double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat_with_epsilon (a, b, 1e-9 * MAX (1, fabs (b)));
}

/* The entity indices SQL puts behind one link of the mapped journeys. */
static void
check_drill_down (CourantFlowsResult *result)
{
  for (guint i = 0; i < result->links->len; i += MAX (1, result->links->len / 7))
    {
      g_autoptr(GArray) entities = courant_flows_link_entities (result, i);

      g_assert_cmpuint (entities->len, ==, g_array_index (result->links, CourantFlowsLink, i).n_entities);
    }
  for (guint i = 0; i < result->nodes->len; i += MAX (1, result->nodes->len / 7))
    {
      g_autoptr(GArray) entities = courant_flows_node_entities (result, i);

      g_assert_cmpuint (entities->len, ==, g_array_index (result->nodes, CourantFlowsNode, i).n_entities);
    }
}

/* The labels an "(other)" node groups are those of its step that the
 * same flows without top N nor minimum share show as nodes of their own
 * (that result was checked against SQL), with their figures. */
static void
check_members (CourantEventStore        *store,
               const Case               *c,
               const guint8             *mask,
               const CourantFlowsResult *grouped)
{
  g_autoptr(GHashTable) plain_nodes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CourantFlowsResult) plain = NULL;
  g_autoptr(GError) error = NULL;
  CourantFlowsOptions options;

  if (c->top_n == 0 && c->min_share <= 0)
    return;
  options_from_case (c, &options);
  options.entity_mask = mask;
  options.top_n = 0;
  options.min_share = 0;
  plain = courant_flows_compute (store, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < plain->nodes->len; i++)
    {
      CourantFlowsNode *node = &g_array_index (plain->nodes, CourantFlowsNode, i);

      g_assert_null (node->members);
      g_hash_table_insert (plain_nodes, node->id, node);
    }

  for (guint i = 0; i < grouped->nodes->len; i++)
    {
      const CourantFlowsNode *node = &g_array_index (grouped->nodes, CourantFlowsNode, i);
      double sum = 0;
      guint n = 0;

      if (g_strcmp0 (node->label, COURANT_FLOWS_OTHER) != 0)
        {
          g_assert_null (node->members);
          continue;
        }
      g_assert_nonnull (node->members);
      g_assert_cmpuint (node->members->len, >, 0);
      for (guint m = 0; m < node->members->len; m++)
        {
          const CourantFlowsMember *member = &g_array_index (node->members, CourantFlowsMember, m);
          g_autofree char *id = g_strdup_printf ("%u:%s", node->step, member->label);
          const CourantFlowsNode *alone = g_hash_table_lookup (plain_nodes, id);

          g_assert_nonnull (alone);
          assert_close (member->value, alone->value);
          g_assert_cmpuint (member->n_entities, ==, alone->n_entities);
          if (m > 0)
            g_assert_cmpfloat (member->value, <=, g_array_index (node->members, CourantFlowsMember, m - 1).value);
          sum += member->value;
          n += member->n_entities;
        }
      assert_close (sum, node->value);
      g_assert_cmpuint (n, ==, node->n_entities);
    }
}

static void
check_case (CourantEventStore *store,
            sqlite3           *db,
            const Case        *c,
            const guint8      *mask)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(CourantFlowsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CourantFlowsOptions options;
  guint n_entities;
  double total;

  g_test_message ("case %s", c->name);
  sql_flows (db, c, nodes, links, &n_entities, &total);

  for (guint threads = 1; threads <= 2; threads++)
    {
      g_clear_pointer (&result, courant_flows_result_free);
      options_from_case (c, &options);
      options.entity_mask = mask;
      options.n_threads = threads;
      result = courant_flows_compute (store, &options, NULL, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (result->n_entities, ==, n_entities);
      assert_close (result->total, total);
      g_assert_cmpuint (result->nodes->len, ==, g_hash_table_size (nodes));
      g_assert_cmpuint (result->links->len, ==, g_hash_table_size (links));
      for (guint i = 0; i < result->nodes->len; i++)
        {
          const CourantFlowsNode *node = &g_array_index (result->nodes, CourantFlowsNode, i);
          const Count *count = g_hash_table_lookup (nodes, node->id);

          g_assert_nonnull (count);
          assert_close (node->value, count->value);
          g_assert_cmpuint (node->n_entities, ==, count->n);
        }
      for (guint i = 0; i < result->links->len; i++)
        {
          const CourantFlowsLink *link = &g_array_index (result->links, CourantFlowsLink, i);
          g_autofree char *key = g_strdup_printf ("%s -> %s",
                                                  g_array_index (result->nodes, CourantFlowsNode, link->source).id,
                                                  g_array_index (result->nodes, CourantFlowsNode, link->target).id);
          const Count *count = g_hash_table_lookup (links, key);

          g_assert_nonnull (count);
          assert_close (link->value, count->value);
          g_assert_cmpuint (link->n_entities, ==, count->n);
          assert_close (link->mean_gap_ms, count->mean_gap);
        }
    }
  check_drill_down (result);
  check_members (store, c, mask, result);
}

/* Gaps of exactly 1 h (f) and of 2 h (a, d) around a maximum of 1 h; ties at t = 20 keep
 * the table's order (seq). Weights are exact in float. */
#define HAND_SQL \
  "CREATE TABLE raw (entity TEXT, ts INTEGER, event TEXT, channel TEXT, w REAL);" \
  "INSERT INTO raw VALUES " \
  " ('a', 30, 'bill', 'web', 2), ('a', 10, 'login', 'web', 2), ('a', 20, 'bill', 'app', 2)," \
  " ('a', 20, 'call', 'phone', 2), ('a', 9000000, 'quit', 'letter', 2)," \
  " ('b', 10, 'login', 'app', 0.5), ('b', 11, 'login', 'app', 0.5), ('b', 12, 'bill', 'app', 0.5)," \
  " ('b', 13, 'quit', 'phone', 0.5), ('b', 14, 'call', 'phone', 0.5)," \
  " ('c', 5, 'call', 'phone', 3.25), ('c', 6, 'quit', 'phone', 3.25)," \
  " ('d', 1, 'bill', 'web', 1), ('d', 7200001, 'bill', 'web', 1), ('d', 7200002, 'login', 'web', 1)," \
  " ('e', 100, 'login', 'web', 1), ('e', 50, 'login', 'web', 1), ('e', 60, 'call', 'web', 1)," \
  " ('e', 70, 'login', 'app', 1), ('e', 80, 'bill', 'app', 1), ('e', 90, 'quit', 'web', 1)," \
  " ('f', 0, 'bill', 'web', 1), ('f', 3600000, 'call', 'web', 1), ('f', 3600001, 'login', 'web', 1)," \
  " ('f', 7200002, 'quit', 'web', 1);" \
  "CREATE TABLE seg (entity TEXT, segment TEXT);" \
  "INSERT INTO seg VALUES ('a', 'pro'), ('b', 'home'), ('c', 'pro'), ('d', 'home'), ('e', 'pro');"

static const Case hand_cases[] = {
  { "plain", COURANT_FLOWS_BY_EVENT, 0, NULL, 5 },
  { "one step", COURANT_FLOWS_BY_EVENT, 0, NULL, 1 },
  { "by channel", COURANT_FLOWS_BY_CHANNEL, 0, NULL, 4 },
  { "by both", COURANT_FLOWS_BY_BOTH, 0, NULL, 4 },
  { "collapse", COURANT_FLOWS_BY_EVENT, 0, NULL, 4, TRUE },
  { "collapse channel", COURANT_FLOWS_BY_CHANNEL, 0, NULL, 4, TRUE },
  { "hidden", COURANT_FLOWS_BY_EVENT, 0, NULL, 4, FALSE, { "call", "nothing", NULL } },
  { "start", COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_ANCHOR_START, "bill", 3 },
  { "end", COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_ANCHOR_END, "quit", 3 },
  { "end collapse", COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_ANCHOR_END, "quit", 4, TRUE },
  { "unknown anchor", COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_ANCHOR_START, "nothing", 3 },
  { "max gap", COURANT_FLOWS_BY_EVENT, 0, NULL, 5, FALSE, { NULL }, 3600000 },
  { "max gap end", COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_ANCHOR_END, "login", 5, FALSE, { NULL }, 3600000 },
  { "top 1", COURANT_FLOWS_BY_EVENT, 0, NULL, 4, FALSE, { NULL }, 0, 1 },
  { "min share", COURANT_FLOWS_BY_EVENT, 0, NULL, 4, FALSE, { NULL }, 0, 0, 0.3 },
  { "time range", COURANT_FLOWS_BY_EVENT, 0, NULL, 4, FALSE, { NULL }, 0, 0, 0, 11, 90 },
  { "segment", COURANT_FLOWS_BY_EVENT, 0, NULL, 4, FALSE, { NULL }, 0, 0, 0, 0, 0,
    "entity IN (SELECT entity FROM seg WHERE segment = 'pro')" },
};

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The worker gives what the blocking call gives, and honours a cancel. */
static void
check_async (CourantEventStore *store)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CourantFlowsResult) blocking = NULL;
  g_autoptr(CourantFlowsResult) threaded = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *json = NULL;
  CourantFlowsOptions options;

  courant_flows_options_init (&options);
  options.n_steps = 3;
  blocking = courant_flows_compute (store, &options, NULL, &error);
  g_assert_no_error (error);
  courant_flows_compute_async (store, &options, NULL, store_result_cb, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  threaded = courant_flows_compute_finish (done, &error);
  g_assert_no_error (error);
  expected = courant_flows_result_to_json (blocking);
  json = courant_flows_result_to_json (threaded);
  g_assert_cmpstr (json, ==, expected);

  g_cancellable_cancel (cancellable);
  courant_flows_compute_async (store, &options, cancellable, store_result_cb, &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (courant_flows_compute_finish (cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_hand_made (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "hand.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(CourantEntityAttribute) segment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *pro = NULL;
  CourantEventColumns columns = { "entity", "ts", "event", "channel", "w", 0 };
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, HAND_SQL);
  exec_sql (db, "CREATE VIEW ev AS SELECT entity, ts, rowid AS seq, event, channel, w FROM raw");

  source = courant_source_open (file, NULL, &error);
  g_assert_no_error (error);
  store = courant_event_store_load (source, "raw", &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  segment = courant_event_store_load_attribute (store, source, "seg", "entity", "segment", NULL, &error);
  g_assert_no_error (error);
  pro = courant_entity_attribute_mask (segment, "pro");

  for (guint i = 0; i < G_N_ELEMENTS (hand_cases); i++)
    check_case (store, db, &hand_cases[i], hand_cases[i].mask_sql != NULL ? pro : NULL);
  sqlite3_close (db);
  check_async (store);
}

/* Ordinal time: a step number, not an instant; rows arrive unsorted. */
static void
test_ordinal (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "ordinal.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CourantEventColumns columns = { "student", "semester", "status", NULL, NULL, COURANT_TIME_ORDINAL };
  const Case c = { "ordinal", COURANT_FLOWS_BY_EVENT, 0, NULL, 4 };
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db,
            "CREATE TABLE s (student INTEGER, semester INTEGER, status TEXT);"
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 599) "
            "INSERT INTO s SELECT (i * 7919) % 97, (i * 31) % 6 + 1, "
            "  CASE (i * 13) % 5 WHEN 0 THEN 'enrolled' WHEN 1 THEN 'passed' WHEN 2 THEN 'failed' "
            "  WHEN 3 THEN 'repeat' ELSE 'left' END FROM n;"
            "CREATE VIEW ev AS SELECT student AS entity, semester AS ts, rowid AS seq, status AS event, "
            "  NULL AS channel, 1.0 AS w FROM s;");

  source = courant_source_open (file, NULL, &error);
  g_assert_no_error (error);
  store = courant_event_store_load (source, "s", &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_case (store, db, &c, NULL);
  sqlite3_close (db);
}

static const Case demo_cases[] = {
  { "demo plain", COURANT_FLOWS_BY_EVENT, 0, NULL, 6 },
  { "demo channel collapse", COURANT_FLOWS_BY_CHANNEL, 0, NULL, 5, TRUE },
  { "demo both top", COURANT_FLOWS_BY_BOTH, 0, NULL, 4, FALSE, { NULL }, 0, 5 },
  { "demo start gap", COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_ANCHOR_START, "complaint", 5, FALSE, { NULL }, 30 * 60000 },
  { "demo end", COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_ANCHOR_END, "termination", 5, TRUE,
    { "account_visit", NULL }, 0, 0, 0.05 },
  { "demo end gap", COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_ANCHOR_END, "termination", 6, FALSE, { NULL },
    7 * 86400000 },
  { "demo residential", COURANT_FLOWS_BY_EVENT, 0, NULL, 4, FALSE, { NULL }, 0, 6, 0, 0, 0,
    "entity IN (SELECT customer_id FROM customers WHERE segment = 'residential')" },
};

static void
test_demo (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "demo.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(CourantEntityAttribute) segment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *residential = NULL;
  CourantEventColumns columns = { "customer_id", "ts", "event", "channel", NULL, 0 };
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
  segment = courant_event_store_load_attribute (store, source, "customers", "customer_id",
                                                "segment", NULL, &error);
  g_assert_no_error (error);
  residential = courant_entity_attribute_mask (segment, "residential");

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TEMP VIEW ev AS SELECT customer_id AS entity, ts, ts AS seq, event, channel, "
                "1.0 AS w FROM events");
  for (guint i = 0; i < G_N_ELEMENTS (demo_cases); i++)
    check_case (store, db, &demo_cases[i], demo_cases[i].mask_sql != NULL ? residential : NULL);

  /* The last three months of the data, as the journeys page picks them. */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
    Case last = { "demo last 3 months", COURANT_FLOWS_BY_EVENT, 0, NULL, 4, TRUE, { NULL } };
    gint64 first_ms, last_ms;
    GDate from, to;

    g_assert_true (courant_flows_time_extent (store, &first_ms, &last_ms));
    courant_flows_period_days (COURANT_FLOWS_PERIOD_LAST_3_MONTHS, first_ms, last_ms, tz, &from, &to);
    courant_flows_days_to_range (&from, &to, tz, &last.time_from, &last.time_to);
    g_assert_cmpint (last.time_from, >, first_ms);
    g_assert_cmpint (last.time_to, >, last_ms);
    check_case (store, db, &last, NULL);
  }

  /* The JSON names the labels of "(other)", the largest first. */
  {
    g_autoptr(CourantFlowsResult) grouped = NULL;
    g_autofree char *json = NULL;
    CourantFlowsOptions options;
    const CourantFlowsNode *other = NULL;
    const char *at;

    courant_flows_options_init (&options);
    options.n_steps = 2;
    options.top_n = 2;
    grouped = courant_flows_compute (store, &options, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < grouped->nodes->len && other == NULL; i++)
      if (g_array_index (grouped->nodes, CourantFlowsNode, i).members != NULL)
        other = &g_array_index (grouped->nodes, CourantFlowsNode, i);
    g_assert_nonnull (other);
    json = courant_flows_result_to_json (grouped);
    at = strstr (json, "\"members\" : [");
    g_assert_nonnull (at);
    for (guint m = 0; m < other->members->len; m++)
      {
        g_autofree char *label = g_strdup_printf ("\"label\" : \"%s\"",
                                                  g_array_index (other->members, CourantFlowsMember, m).label);

        at = strstr (at, label);
        g_assert_nonnull (at);
      }
  }
  sqlite3_close (db);
}

static void
assert_day (const GDate *day,
            int          year,
            int          month,
            int          day_of_month)
{
  g_assert_cmpint (g_date_get_year (day), ==, year);
  g_assert_cmpint (g_date_get_month (day), ==, month);
  g_assert_cmpint (g_date_get_day (day), ==, day_of_month);
}

/* Days in Paris: the instants were computed with Python's zoneinfo. */
static void
test_periods (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  /* 2024-11-01 10:00 and 2025-10-31 23:30, Paris time (22:30 UTC). */
  const gint64 first = G_GINT64_CONSTANT (1730451600000);
  const gint64 last = G_GINT64_CONSTANT (1761949800000);
  gint64 time_from, time_to;
  GDate from, to;

  courant_flows_period_days (COURANT_FLOWS_PERIOD_ALL, first, last, tz, &from, &to);
  assert_day (&from, 2024, 11, 1);
  assert_day (&to, 2025, 10, 31);
  courant_flows_period_days (COURANT_FLOWS_PERIOD_LAST_3_MONTHS, first, last, tz, &from, &to);
  assert_day (&from, 2025, 8, 1);
  assert_day (&to, 2025, 10, 31);
  /* Twelve months back would start before the data: the first day. */
  courant_flows_period_days (COURANT_FLOWS_PERIOD_LAST_12_MONTHS, first + 86400000, last, tz, &from, &to);
  assert_day (&from, 2024, 11, 2);

  /* The spring change: 30 March 2025 lasts 23 hours. */
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 30, 3, 2025);
  courant_flows_days_to_range (&from, &from, tz, &time_from, &time_to);
  g_assert_cmpint (time_from, ==, G_GINT64_CONSTANT (1743289200000));
  g_assert_cmpint (time_to, ==, G_GINT64_CONSTANT (1743372000000));
}

static void
test_json (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "json.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(CourantFlowsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *csv = NULL;
  CourantEventColumns columns = { "entity", "ts", "event", NULL, NULL, 0 };
  CourantFlowsOptions options;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE ev (entity INTEGER, ts INTEGER, event TEXT);"
                "INSERT INTO ev VALUES (1, 1, 'a'), (1, 2, 'b'), (2, 1, 'a');");
  sqlite3_close (db);

  source = courant_source_open (file, NULL, &error);
  g_assert_no_error (error);
  store = courant_event_store_load (source, "ev", &columns, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  courant_flows_options_init (&options);
  options.n_steps = 2;
  result = courant_flows_compute (store, &options, NULL, &error);
  g_assert_no_error (error);
  json = courant_flows_result_to_json (result);
  g_assert_nonnull (strstr (json, "\"entities\" : 2"));
  g_assert_nonnull (strstr (json, "\"id\" : \"0:a\""));
  g_assert_nonnull (strstr (json, "\"target\" : \"1:(end)\""));
  csv = courant_flows_result_to_csv (result);
  g_assert_nonnull (strstr (csv, "node,0,a,0:a,,,2,2,\n"));
  g_assert_nonnull (strstr (csv, "link,0,,,0:a,1:b,1,1,1\n"));

  /* Flows by channel need a channel. */
  options.label = COURANT_FLOWS_BY_CHANNEL;
  g_assert_null (courant_flows_compute (store, &options, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("courant-flows-XXXXXX", NULL);

  g_test_add_func ("/flows/hand-made", test_hand_made);
  g_test_add_func ("/flows/ordinal", test_ordinal);
  g_test_add_func ("/flows/demo", test_demo);
  g_test_add_func ("/flows/json", test_json);
  g_test_add_func ("/flows/periods", test_periods);

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
