/* test-precursors-panel.c: what leads to an outcome, under a virtual display
 *
 * The panel of the demo's journeys starts on the termination; the first
 * row of its ranking must show what plain SQL over the demo file finds for
 * that sequence (customers, the two shares, the lift, the significance),
 * and activating the row must list exactly the customers SQL finds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-demo-file.h"
#include "courant-drilldown-pane.h"
#include "courant-format.h"
#include "courant-labels.h"
#include "courant-precursors-panel.h"
#include "courant-test-app.h"
#include "courant-window.h"

static CourantApplication *app;

/* What SQL finds for one sequence before @outcome: the customers who reach
 * the outcome and those who never do, and how many of each have @first
 * (then @second right after it, unless NULL) before their first outcome
 * or, for the others, anywhere; and the keys of the first. */
typedef struct
{
  guint      with;
  guint      without;
  guint      hit_with;
  guint      hit_without;
  GPtrArray *keys;
} SqlCounts;

#define SQL_HITS \
  "WITH p AS (SELECT customer_id, event," \
  "    row_number () OVER (PARTITION BY customer_id ORDER BY ts) AS pos," \
  "    lag (event) OVER (PARTITION BY customer_id ORDER BY ts) AS prev FROM events)," \
  " o AS (SELECT customer_id, min (pos) AS opos FROM p WHERE event = ?1 GROUP BY customer_id)," \
  " hit AS (SELECT DISTINCT p.customer_id, o.customer_id IS NOT NULL AS reached" \
  "    FROM p LEFT JOIN o USING (customer_id)" \
  "    WHERE (o.opos IS NULL OR p.pos < o.opos)" \
  "      AND CASE WHEN ?3 IS NULL THEN p.event = ?2 ELSE p.prev = ?2 AND p.event = ?3 END) "

static void
sql_counts (const char *outcome,
            const char *first,
            const char *second,
            SqlCounts  *counts)
{
  static const char totals[] = SQL_HITS
    "SELECT (SELECT count (*) FROM o),"
    " (SELECT count (DISTINCT customer_id) FROM events) - (SELECT count (*) FROM o),"
    " (SELECT count (*) FROM hit WHERE reached), (SELECT count (*) FROM hit WHERE NOT reached)";
  static const char keys[] = SQL_HITS
    "SELECT customer_id FROM hit WHERE reached ORDER BY customer_id";
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, totals, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, outcome, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, second, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  counts->with = sqlite3_column_int (stmt, 0);
  counts->without = sqlite3_column_int (stmt, 1);
  counts->hit_with = sqlite3_column_int (stmt, 2);
  counts->hit_without = sqlite3_column_int (stmt, 3);
  sqlite3_finalize (stmt);

  counts->keys = g_ptr_array_new_with_free_func (g_free);
  g_assert_cmpint (sqlite3_prepare_v2 (db, keys, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, outcome, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, second, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (counts->keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The event code that the panel shows as @name: the demo's events, read
 * by SQL, named as people read them. */
static char *
sql_code_of (const char *name)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  char *code = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT DISTINCT event FROM events", -1, &stmt, NULL), ==, SQLITE_OK);
  while (code == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *event = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *shown = courant_label_display (event);

      if (g_str_equal (shown, name))
        code = g_strdup (event);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (code);
  return code;
}

static char *
expected_share (guint count,
                guint total)
{
  g_autofree char *number = NULL;

  if (count > 0 && 1000.0 * count < 0.5 * total)
    return g_strdup ("< 0.1 %");
  number = courant_format_number (100.0 * count / total, 1);
  return g_strdup_printf ("%s %%", number);
}

/* The pooled two-proportion z test, written out again, and the words the
 * panel puts on its p-value. */
static char *
expected_significance (const SqlCounts *c)
{
  double pooled = (double) (c->hit_with + c->hit_without) / (c->with + c->without);
  double se = sqrt (pooled * (1 - pooled) * (1.0 / c->with + 1.0 / c->without));
  double z = se > 0 ? ((double) c->hit_with / c->with - (double) c->hit_without / c->without) / se : 0;
  double p = erfc (fabs (z) / sqrt (2));
  g_autofree char *number = NULL;

  if (p < 0.001)
    return g_strdup ("Strong · p < 0.001");
  if (p < 0.01)
    return g_strdup ("Clear · p < 0.01");
  if (p < 0.05)
    return g_strdup ("Weak · p < 0.05");
  number = courant_format_number (p, 2);
  return g_strdup_printf ("Could be chance · p = %s", number);
}

static void
assert_cell (CourantPrecursorsPanel  *panel,
             guint                    row,
             CourantPrecursorsColumn  column,
             const char              *expected)
{
  g_autofree char *cell = courant_precursors_panel_dup_cell (panel, row, column);

  g_assert_cmpstr (cell, ==, expected);
}

static gboolean
ranking_shown (gpointer data)
{
  return courant_precursors_panel_get_result (data) != NULL &&
         courant_precursors_panel_get_n_rows (data) > 0;
}

static gboolean
list_shown (gpointer data)
{
  return courant_drilldown_pane_get_model (data) != NULL;
}

/* The first row's figures, as shown, against SQL's. */
static void
check_first_row (CourantPrecursorsPanel *panel,
                 SqlCounts              *counts)
{
  g_autofree char *sequence = courant_precursors_panel_dup_cell (panel, 0, COURANT_PRECURSORS_COLUMN_SEQUENCE);
  g_auto(GStrv) events = g_strsplit (sequence, " → ", 2);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *support = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *lift = NULL;
  g_autofree char *significance = NULL;
  g_autofree char *lift_number = NULL;

  /* The sequence reads as names, not codes. */
  first = sql_code_of (events[0]);
  g_assert_cmpstr (first, !=, events[0]);
  second = events[1] != NULL ? sql_code_of (events[1]) : NULL;
  sql_counts ("termination", first, second, counts);
  g_assert_cmpuint (counts->with, >, 0);
  g_assert_cmpuint (counts->hit_with, >, 0);

  customers = courant_format_number (counts->hit_with, 0);
  support = expected_share (counts->hit_with, counts->with);
  baseline = expected_share (counts->hit_without, counts->without);
  if (counts->hit_without == 0)
    lift = g_strdup ("∞");
  else
    {
      lift_number = courant_format_number (((double) counts->hit_with / counts->with) /
                                           ((double) counts->hit_without / counts->without), 1);
      lift = g_strdup_printf ("%s×", lift_number);
    }
  significance = expected_significance (counts);

  assert_cell (panel, 0, COURANT_PRECURSORS_COLUMN_CUSTOMERS, customers);
  assert_cell (panel, 0, COURANT_PRECURSORS_COLUMN_SUPPORT, support);
  assert_cell (panel, 0, COURANT_PRECURSORS_COLUMN_BASELINE, baseline);
  assert_cell (panel, 0, COURANT_PRECURSORS_COLUMN_LIFT, lift);
  assert_cell (panel, 0, COURANT_PRECURSORS_COLUMN_SIGNIFICANCE, significance);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  gint64 ka = *(const gint64 *) a, kb = *(const gint64 *) b;

  return (ka > kb) - (ka < kb);
}

/* A count as shown, without its group separators. */
static guint64
parse_count (const char *text)
{
  guint64 value = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      value = value * 10 + (guint64) (*p - '0');
  return value;
}

/* The keys of the list, sorted as SQL sorts integers. */
static void
check_customers (CourantDrilldownModel *model,
                 GPtrArray             *expected)
{
  CourantDrilldownList *list = courant_drilldown_model_get_list (model);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint i = 0; i < courant_drilldown_list_get_n_rows (list); i++)
    {
      g_autofree char *key = courant_drilldown_list_dup_cell (list, i, 0, TRUE);
      gint64 value = g_ascii_strtoll (key, NULL, 10);

      g_array_append_val (keys, value);
    }
  g_array_sort (keys, compare_keys);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (keys, gint64, i), ==,
                     g_ascii_strtoll (g_ptr_array_index (expected, i), NULL, 10));
}

static void
test_ranking (void)
{
  CourantWindow *window = courant_window_new (app);
  GtkWidget *stack, *panel, *view, *pane;
  g_autoptr(GtkColumnViewColumn) customers = NULL;
  guint64 previous = G_MAXUINT64;
  SqlCounts counts = { 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_window_present (GTK_WINDOW (window));
  courant_window_open_demo (window);
  courant_test_wait_until (courant_test_window_idle, window, "the demo to open");
  courant_test_select_table (window, "events");
  stack = courant_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "precursors");
  panel = courant_test_find_widget (GTK_WIDGET (window), COURANT_TYPE_PRECURSORS_PANEL, NULL);
  g_assert_nonnull (panel);
  courant_test_wait_until (ranking_shown, panel, "the ranking");

  /* A termination-like event is the outcome to start with. */
  g_assert_cmpstr (courant_precursors_panel_get_outcome (COURANT_PRECURSORS_PANEL (panel)), ==,
                   "termination");
  check_first_row (COURANT_PRECURSORS_PANEL (panel), &counts);

  /* Activating the row, as a click or Enter does, lists its customers. */
  view = courant_test_find_widget (panel, GTK_TYPE_COLUMN_VIEW, "ranking");
  g_assert_nonnull (view);
  pane = courant_test_find_widget (panel, COURANT_TYPE_DRILLDOWN_PANE, NULL);
  g_assert_nonnull (pane);
  g_signal_emit_by_name (view, "activate", 0);
  courant_test_wait_until (list_shown, pane, "the customers of the first row");
  check_customers (courant_drilldown_pane_get_model (COURANT_DRILLDOWN_PANE (pane)), counts.keys);
  g_ptr_array_unref (counts.keys);

  /* Sorted by customers, the counts only go down. */
  customers = g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view)),
                                     COURANT_PRECURSORS_COLUMN_CUSTOMERS);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), customers, GTK_SORT_DESCENDING);
  for (guint i = 0; i < courant_precursors_panel_get_n_rows (COURANT_PRECURSORS_PANEL (panel)); i++)
    {
      g_autofree char *cell = courant_precursors_panel_dup_cell (COURANT_PRECURSORS_PANEL (panel), i,
                                                                 COURANT_PRECURSORS_COLUMN_CUSTOMERS);
      guint64 count = parse_count (cell);

      g_assert_cmpuint (previous, >=, count);
      previous = count;
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  app = courant_test_app_setup ("courant-precursors-panel-XXXXXX");

  g_test_add_func ("/precursors-panel/ranking", test_ranking);

  status = g_test_run ();

  courant_test_app_teardown ();
  return status;
}
