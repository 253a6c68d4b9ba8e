/* test-drilldown.c: the customers behind a flow, under a virtual display
 *
 * A node of the demo's journeys is activated as a click or Enter does; the
 * list must hold exactly the customers that plain SQL over the demo file
 * finds at that step, with their attributes, number of events and last
 * event; the search and the CSV export are checked against the same rows.
 * Enter on a focused node lists its customers too, and "Re-root Here"
 * starts every journey with the node's event.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-demo-file.h"
#include "courant-drilldown-pane.h"
#include "courant-flows-page.h"
#include "courant-labels.h"
#include "courant-sankey-view.h"
#include "courant-test-app.h"
#include "courant-window.h"

static CourantApplication *app;

static gboolean
flows_shown (gpointer data)
{
  return courant_flows_page_get_flows (data) != NULL;
}

static gboolean
list_shown (gpointer data)
{
  return courant_drilldown_pane_get_model (data) != NULL;
}

static gboolean
pane_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The customers at @step (0 for the first) whose event there is @event,
 * with repeats collapsed as the page does by default: each with its
 * segment, region, number of events and last instant. */
static GPtrArray *
sql_customers (const char *event,
               guint       step)
{
  static const char sql[] =
    "WITH marked AS ("
    "  SELECT customer_id, ts, event,"
    "         lag (event) OVER (PARTITION BY customer_id ORDER BY ts) AS previous"
    "  FROM events),"
    " steps AS ("
    "  SELECT customer_id, event,"
    "         row_number () OVER (PARTITION BY customer_id ORDER BY ts) - 1 AS step"
    "  FROM marked WHERE previous IS NULL OR previous <> event)"
    " SELECT s.customer_id, c.segment, c.region,"
    "        (SELECT count (*) FROM events e WHERE e.customer_id = s.customer_id),"
    "        (SELECT max (ts) FROM events e WHERE e.customer_id = s.customer_id)"
    " FROM steps s JOIN customers c USING (customer_id)"
    " WHERE s.step = ?1 AND s.event = ?2 ORDER BY s.customer_id";
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, step);
  sqlite3_bind_text (stmt, 2, event, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 6);

      for (int c = 0; c < 5; c++)
        row[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static int
find_column (CourantDrilldownList *list,
             const char           *title)
{
  for (guint c = 0; c < courant_drilldown_list_get_n_columns (list); c++)
    if (g_strcmp0 (courant_drilldown_list_get_column_title (list, c), title) == 0)
      return c;
  return -1;
}

/* The last event, read back from ISO 8601 into Unix milliseconds. */
static char *
last_event_ms (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_strdup_printf ("%" G_GINT64_FORMAT,
                          g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000);
}

/* Every row of the list, as the list shows it in a file, against SQL's. */
static void
check_rows (CourantDrilldownModel *model,
            GPtrArray             *expected)
{
  CourantDrilldownList *list = courant_drilldown_model_get_list (model);
  int segment = find_column (list, "segment");
  int region = find_column (list, "region");
  guint n_columns = courant_drilldown_list_get_n_columns (list);

  g_assert_cmpint (segment, >, 0);
  g_assert_cmpint (region, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(CourantDrilldownRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      guint index = courant_drilldown_row_get_index (row);
      char **want = g_ptr_array_index (expected, i);
      g_autofree char *key = courant_drilldown_list_dup_cell (list, index, 0, TRUE);
      g_autofree char *seg = courant_drilldown_list_dup_cell (list, index, segment, TRUE);
      g_autofree char *reg = courant_drilldown_list_dup_cell (list, index, region, TRUE);
      g_autofree char *n = courant_drilldown_list_dup_cell (list, index, n_columns - 2, TRUE);
      g_autofree char *last = courant_drilldown_list_dup_cell (list, index, n_columns - 1, TRUE);
      g_autofree char *last_ms = last_event_ms (last);
      /* On screen the segment reads as a name; the file keeps the code. */
      g_autofree char *seg_shown = courant_drilldown_list_dup_cell (list, index, segment, FALSE);
      g_autofree char *seg_name = courant_label_display (want[1]);

      g_assert_cmpstr (seg_shown, ==, seg_name);
      g_assert_cmpstr (seg_shown, !=, want[1]);
      g_assert_cmpstr (key, ==, want[0]);
      g_assert_cmpstr (seg, ==, want[1]);
      g_assert_cmpstr (reg, ==, want[2]);
      g_assert_cmpstr (n, ==, want[3]);
      g_assert_cmpstr (last_ms, ==, want[4]);
    }
}

typedef struct
{
  CourantDrilldownModel *model;
  guint                  n;
} CountQuery;

static gboolean
count_reached (gpointer data)
{
  CountQuery *query = data;

  return g_list_model_get_n_items (G_LIST_MODEL (query->model)) == query->n;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveResult;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = courant_drilldown_model_save_csv_finish (COURANT_DRILLDOWN_MODEL (object), result,
                                                      &save->error);
  save->done = TRUE;
}

static gboolean
save_done (gpointer data)
{
  return ((SaveResult *) data)->done;
}

static void
save_csv (CourantDrilldownModel *model,
          const char            *path,
          SaveResult            *save)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  courant_drilldown_model_save_csv_async (model, file, NULL, save_cb, save);
  courant_test_wait_until (save_done, save, "the export");
}

/* The file has a header and then the expected rows, in RFC 4180. */
static void
check_csv (const char *path,
           GPtrArray  *expected)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));
  lines = g_strsplit (contents, "\r\n", -1);
  /* The header, the rows, and the empty text after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, expected->len + 2);
  g_assert_true (g_str_has_prefix (lines[0], "customer_id,"));
  g_assert_true (g_str_has_suffix (lines[0], ",events,last_event"));
  g_assert_nonnull (strstr (lines[0], ",segment,"));
  for (guint i = 0; i < expected->len; i++)
    {
      char **want = g_ptr_array_index (expected, i);
      g_autofree char *prefix = g_strdup_printf ("%s,", want[0]);

      g_assert_true (g_str_has_prefix (lines[i + 1], prefix));
      g_assert_nonnull (strstr (lines[i + 1], want[1]));
      g_assert_null (strchr (lines[i + 1], '\n'));
    }
}

typedef struct
{
  CourantFlowsPage *page;
  const char       *event;
} RerootQuery;

static gboolean
rerooted (gpointer data)
{
  RerootQuery *query = data;
  const CourantFlowsResult *flows = courant_flows_page_get_flows (query->page);
  guint n_first = 0;

  if (flows == NULL)
    return FALSE;
  for (guint i = 0; i < flows->nodes->len; i++)
    {
      const CourantFlowsNode *node = &g_array_index (flows->nodes, CourantFlowsNode, i);

      if (node->step != 0)
        continue;
      if (!g_str_equal (node->label, query->event))
        return FALSE;
      n_first++;
    }
  return n_first == 1;
}

/* The button whose label contains @needle. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *needle)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      strstr (gtk_button_get_label (GTK_BUTTON (widget)), needle) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Enter, as the view's key controller receives it. */
static gboolean
press_return (GtkWidget *view)
{
  GListModel *controllers = gtk_widget_observe_controllers (view);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
    }
  g_object_unref (controllers);
  return handled;
}

/* Tabs into the view until a node of an event has the focus. */
static guint
focus_listed_node (GtkWidget *view)
{
  const CourantFlowsResult *flows;
  GtkWidget *page = gtk_widget_get_ancestor (view, COURANT_TYPE_FLOWS_PAGE);

  flows = courant_flows_page_get_flows (COURANT_FLOWS_PAGE (page));
  g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD));
  for (;;)
    {
      guint focused = courant_sankey_view_get_focus_node (COURANT_SANKEY_VIEW (view));
      const CourantFlowsNode *node;

      g_assert_cmpuint (focused, <, flows->nodes->len);
      node = &g_array_index (flows->nodes, CourantFlowsNode, focused);
      if (!g_str_equal (node->label, COURANT_FLOWS_END) &&
          !g_str_equal (node->label, COURANT_FLOWS_OTHER))
        return focused;
      g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD));
    }
}

/* The node with the most customers at the second step, other than the
 * drop-offs and the rest. */
static guint
pick_node (const CourantFlowsResult *flows)
{
  guint best = G_MAXUINT;

  for (guint i = 0; i < flows->nodes->len; i++)
    {
      const CourantFlowsNode *node = &g_array_index (flows->nodes, CourantFlowsNode, i);

      if (node->step != 1 || g_str_equal (node->label, COURANT_FLOWS_END) ||
          g_str_equal (node->label, COURANT_FLOWS_OTHER))
        continue;
      if (best == G_MAXUINT ||
          node->n_entities > g_array_index (flows->nodes, CourantFlowsNode, best).n_entities)
        best = i;
    }
  g_assert_cmpuint (best, !=, G_MAXUINT);
  return best;
}

static void
select_events (CourantWindow *window)
{
  CourantSource *source = courant_window_get_source (window);
  GPtrArray *tables = courant_source_get_tables (source);
  GtkWidget *stack;

  for (guint i = 0; i < tables->len; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-table", NULL);
  for (guint i = 0; i < tables->len; i++)
    {
      const CourantTableInfo *table = g_ptr_array_index (tables, i);

      if (g_str_equal (table->name, "events"))
        break;
      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-table", NULL);
    }
  stack = courant_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "flows");
}

static void
test_node (void)
{
  CourantWindow *window = courant_window_new (app);
  GtkWidget *page, *view, *pane, *entry;
  const CourantFlowsResult *flows;
  const CourantFlowsNode *node;
  CourantDrilldownModel *model;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) filtered = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *csv_path = g_build_filename (courant_test_app_get_dir (), "customers.csv", NULL);
  g_autofree char *bad_path = g_build_filename (courant_test_app_get_dir (), "no-such-folder", "customers.csv", NULL);
  SaveResult save = { 0 };
  SaveResult failed = { 0 };
  CountQuery query;
  RerootQuery reroot;
  g_autofree char *event = NULL;
  guint index, focused;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_window_present (GTK_WINDOW (window));
  courant_window_open_demo (window);
  courant_test_wait_until (courant_test_window_idle, window, "the demo to open");
  g_assert_nonnull (courant_window_get_source (window));

  select_events (window);
  page = courant_test_find_widget (GTK_WIDGET (window), COURANT_TYPE_FLOWS_PAGE, NULL);
  g_assert_nonnull (page);
  courant_test_wait_until (flows_shown, page, "the flows");
  flows = courant_flows_page_get_flows (COURANT_FLOWS_PAGE (page));
  /* The page's defaults, which the SQL below follows. */
  g_assert_cmpuint (flows->n_steps, ==, 5);

  index = pick_node (flows);
  node = &g_array_index (flows->nodes, CourantFlowsNode, index);
  expected = sql_customers (node->label, node->step);
  g_assert_cmpuint (expected->len, >, 1);
  g_assert_cmpuint (expected->len, ==, node->n_entities);

  /* Enter on a node and a click emit the same signal. */
  view = courant_test_find_widget (page, COURANT_TYPE_SANKEY_VIEW, NULL);
  g_signal_emit_by_name (view, "activate-node", index);
  pane = courant_test_find_widget (page, COURANT_TYPE_DRILLDOWN_PANE, NULL);
  g_assert_nonnull (pane);
  courant_test_wait_until (list_shown, pane, "the list of customers");
  model = courant_drilldown_pane_get_model (COURANT_DRILLDOWN_PANE (pane));
  courant_test_wait_until (pane_mapped, pane, "the pane to slide in");
  check_rows (model, expected);
  g_assert_cmpstr (courant_drilldown_pane_get_event (COURANT_DRILLDOWN_PANE (pane)), ==, node->label);

  /* After the list's columns, a column of buttons that open a
   * customer's journey. */
  {
    GtkWidget *columns = courant_test_find_widget (pane, GTK_TYPE_COLUMN_VIEW, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (columns))), ==,
                      courant_drilldown_list_get_n_columns (courant_drilldown_model_get_list (model)) + 1);
  }

  /* The search keeps the ids that contain the text. */
  needle = g_strndup (((char **) g_ptr_array_index (expected, expected->len / 2))[0], 1);
  filtered = g_ptr_array_new ();
  for (guint i = 0; i < expected->len; i++)
    if (strstr (((char **) g_ptr_array_index (expected, i))[0], needle) != NULL)
      g_ptr_array_add (filtered, g_ptr_array_index (expected, i));
  g_assert_cmpuint (filtered->len, <, expected->len);
  entry = courant_test_find_widget (pane, GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), needle);
  query.model = model;
  query.n = filtered->len;
  courant_test_wait_until (count_reached, &query, "the search");
  check_rows (model, filtered);

  /* The export writes the rows that are shown. */
  save_csv (model, csv_path, &save);
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  check_csv (csv_path, filtered);

  /* A folder that does not exist is one sentence, naming the file. */
  save_csv (model, bad_path, &failed);
  g_assert_false (failed.ok);
  g_assert_nonnull (failed.error);
  g_assert_nonnull (strstr (failed.error->message, "customers.csv"));
  g_assert_true (g_str_has_suffix (failed.error->message, "."));
  g_clear_error (&failed.error);

  /* Enter on the focused node lists its customers too, unfiltered. */
  focused = focus_listed_node (view);
  node = &g_array_index (flows->nodes, CourantFlowsNode, focused);
  event = g_strdup (node->label);
  g_assert_true (press_return (view));
  courant_test_wait_until (list_shown, pane, "the list of the focused node");
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = sql_customers (node->label, node->step);
  g_assert_cmpuint (expected->len, >, 0);
  check_rows (courant_drilldown_pane_get_model (COURANT_DRILLDOWN_PANE (pane)), expected);

  /* Re-rooting there closes the list and starts every journey with the
   * node's event: the first step holds that event only. */
  gtk_widget_activate (find_button (pane, "Re-root"));
  reroot.page = COURANT_FLOWS_PAGE (page);
  reroot.event = event;
  courant_test_wait_until (rerooted, &reroot, "the journeys to start with the event");
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (pane, ADW_TYPE_FLAP))));

  /* The journey buttons' action reaches the table page from the pane. */
  g_assert_true (gtk_widget_activate_action (pane, "table.show-customer", "s",
                                             ((char **) g_ptr_array_index (expected, 0))[0]));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  app = courant_test_app_setup ("courant-drilldown-XXXXXX");

  g_test_add_func ("/drilldown/node", test_node);

  status = g_test_run ();

  courant_test_app_teardown ();
  return status;
}
