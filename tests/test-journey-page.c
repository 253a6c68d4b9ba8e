/* test-journey-page.c: one customer's page under a virtual display
 *
 * Opens the demo in a real window, asks for a customer as another page
 * does (the table.show-customer action), through the search entry and at
 * random, and checks what the page shows against plain SQL over the demo
 * file; then walks the events with the keyboard and the pointer. The
 * drill-down list's "Open journey" buttons ask for the same action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-demo-file.h"
#include "courant-drilldown-list.h"
#include "courant-event-store.h"
#include "courant-flows-page.h"
#include "courant-journey-page.h"
#include "courant-labels.h"
#include "courant-precursors-panel.h"
#include "courant-sankey-view.h"
#include "courant-journey-view.h"
#include "courant-table-page.h"
#include "courant-test-app.h"
#include "courant-window.h"

static CourantApplication *app;
static CourantWindow *window;
static GtkWidget *page;
static CourantJourneyView *view;

static sqlite3 *
open_demo (void)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

/* The first column of the first row of @sql, with @key bound to ?1. */
static char *
sql_text (const char *sql,
          const char *key)
{
  sqlite3 *db = open_demo ();
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (key != NULL)
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static guint
sql_count (const char *sql,
           const char *key)
{
  g_autofree char *text = sql_text (sql, key);

  return text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : 0;
}

typedef struct
{
  GtkStack   *stack;
  const char *entity;
} Wanted;

static gboolean
journey_shown (gpointer data)
{
  Wanted *wanted = data;
  const CourantJourney *journey = courant_journey_view_get_journey (view);

  return g_strcmp0 (gtk_stack_get_visible_child_name (wanted->stack), "journey") == 0 && journey != NULL &&
         (wanted->entity == NULL || g_str_equal (journey->entity, wanted->entity));
}

/* Right after a customer was asked for: the page shows "loading" until
 * the journey is there. */
static void
wait_for_journey (const char *entity)
{
  Wanted wanted = { GTK_STACK (courant_test_find_widget (page, GTK_TYPE_STACK, NULL)), entity };

  g_assert_cmpstr (gtk_stack_get_visible_child_name (wanted.stack), ==, "loading");
  courant_test_wait_until (journey_shown, &wanted, "the customer's journey");
}

static const char *
label_text (const char *name)
{
  GtkWidget *label = courant_test_find_widget (page, GTK_TYPE_LABEL, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* What the page shows of @entity, against SQL. */
static void
check_customer (const char *entity)
{
  const CourantJourney *journey = courant_journey_view_get_journey (view);
  g_autofree char *reference = sql_text ("SELECT reference FROM customers WHERE customer_id = ?1", entity);
  g_autofree char *status = sql_text ("SELECT upper (substr (status, 1, 1)) || substr (status, 2)"
                                      " FROM customers WHERE customer_id = ?1", entity);
  guint n_events = sql_count ("SELECT count (*) FROM events WHERE customer_id = ?1", entity);
  g_autofree char *events_text = g_strdup_printf ("%u event", n_events);
  g_autofree char *status_text = g_strdup_printf ("Status: %s", status);

  g_assert_cmpuint (journey->n_events, ==, n_events);
  g_assert_nonnull (strstr (label_text ("customer-title"), reference));
  g_assert_nonnull (strstr (label_text ("customer-attributes"), events_text));
  g_assert_nonnull (strstr (label_text ("customer-attributes"), status_text));
  g_assert_cmpuint (journey->sites->len, ==,
                    sql_count ("SELECT count (*) FROM sites WHERE customer_id = ?1", entity));
}

/* Another page asks for the owner of sites: the Customer page shows them,
 * with the hourly consumption of their sites. */
static void
test_action (void)
{
  GtkWidget *table_page = courant_test_find_widget (GTK_WIDGET (window), COURANT_TYPE_TABLE_PAGE, NULL);
  g_autofree char *owner = sql_text ("SELECT customer_id FROM sites GROUP BY customer_id"
                                     " ORDER BY count (*) DESC, customer_id LIMIT 1", NULL);
  const CourantJourney *journey;

  g_assert_true (gtk_widget_activate_action (table_page, "table.show-customer", "s", owner));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (courant_table_page_get_stack (COURANT_TABLE_PAGE (table_page))),
                   ==, "customer");
  wait_for_journey (owner);
  check_customer (owner);
  journey = courant_journey_view_get_journey (view);
  g_assert_nonnull (journey->consumption);
  g_assert_cmpuint (journey->consumption->n, ==,
                    sql_count ("SELECT count (DISTINCT ts - ts % 3600000) FROM consumption"
                               " WHERE site_id IN (SELECT site_id FROM sites WHERE customer_id = ?1)", owner));
  g_assert_nonnull (journey->temperature);
  g_assert_nonnull (courant_journey_view_get_scene (view)->curve);
}

static gboolean
suggestions_are (gpointer data)
{
  GtkListBox *list = GTK_LIST_BOX (courant_test_find_widget (page, GTK_TYPE_LIST_BOX, "customer-suggestions"));
  GPtrArray *expected = data;
  GtkListBoxRow *row;

  for (guint i = 0; i < expected->len; i++)
    {
      row = gtk_list_box_get_row_at_index (list, i);
      if (row == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (row), "entity"), g_ptr_array_index (expected, i)) != 0)
        return FALSE;
    }
  return gtk_list_box_get_row_at_index (list, expected->len) == NULL;
}

static GPtrArray *
sql_keys (const char *sql)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = open_demo ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return keys;
}

/* Typing the start of a reference suggests the customers whose reference
 * starts so, in the table's order; a suggestion or Enter shows one. */
static void
test_search (void)
{
  GtkWidget *entry = courant_test_find_widget (page, GTK_TYPE_SEARCH_ENTRY, "customer-search");
  GtkListBox *list = GTK_LIST_BOX (courant_test_find_widget (page, GTK_TYPE_LIST_BOX, "customer-suggestions"));
  g_autoptr(GPtrArray) expected = sql_keys ("SELECT customer_id FROM customers WHERE reference LIKE 'CL-000012%'"
                                            " ORDER BY rowid LIMIT 8");
  g_autoptr(GPtrArray) by_key = sql_keys ("SELECT customer_id FROM customers WHERE customer_id = 7");
  const char *chosen;

  g_assert_cmpuint (expected->len, >, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "cl-000012");
  courant_test_wait_until (suggestions_are, expected, "the suggestions");
  chosen = g_ptr_array_index (expected, 1);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 1));
  wait_for_journey (chosen);
  check_customer (chosen);

  gtk_editable_set_text (GTK_EDITABLE (entry), "7");
  courant_test_wait_until (suggestions_are, by_key, "the customer by key");
  g_signal_emit_by_name (entry, "activate");
  wait_for_journey ("7");
  check_customer ("7");
}

static void
test_random (void)
{
  GtkWidget *button = courant_test_find_widget (page, GTK_TYPE_BUTTON, "random-customer");
  const CourantJourney *journey;

  for (guint i = 0; i < 3; i++)
    {
      g_signal_emit_by_name (button, "clicked");
      wait_for_journey (NULL);
      journey = courant_journey_view_get_journey (view);
      g_assert_cmpuint (journey->n_events, >, 0);
      check_customer (journey->entity);
    }
}

static gboolean
press_key (guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static void
move_pointer (double x,
              double y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "motion", x, y);
    }
}

static gboolean
view_allocated (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (view)) && gtk_widget_get_width (GTK_WIDGET (view)) > 100;
}

/* Tab walks the events in time order with their tooltips; the arrows move
 * between events then, and zoom and pan keys work as on the timeline. */
static void
test_keyboard (void)
{
  g_autofree char *busiest = sql_text ("SELECT customer_id FROM events GROUP BY customer_id"
                                     " ORDER BY count (*) DESC, customer_id LIMIT 1", NULL);
  g_autofree char *first = sql_text ("SELECT event FROM events WHERE customer_id = ?1 ORDER BY ts LIMIT 1", busiest);
  g_autofree char *expected = NULL;
  g_autofree char *tooltip = NULL;
  const CourantJourney *journey;
  const CourantJourneyScene *scene;
  const CourantJourneyMark *mark;
  gint64 t0, t1, z0, z1;
  int index;

  courant_journey_page_show_customer (COURANT_JOURNEY_PAGE (page), busiest);
  wait_for_journey (busiest);
  courant_test_wait_until (view_allocated, NULL, "the view's size");
  journey = courant_journey_view_get_journey (view);
  g_assert_cmpuint (journey->n_events, >=, 3);

  g_assert_true (press_key (GDK_KEY_Tab));
  g_assert_cmpint (courant_journey_view_get_focus (view), ==, 0);
  g_assert_cmpint (courant_journey_view_get_tooltip_event (view), ==, 0);
  scene = courant_journey_view_get_scene (view);
  index = courant_journey_scene_find_event (scene, 0);
  g_assert_cmpint (index, >=, 0);
  tooltip = courant_journey_scene_dup_event_text (scene, 0);
  expected = courant_label_display (first);
  g_assert_true (g_str_has_prefix (tooltip, expected));

  g_assert_true (press_key (GDK_KEY_Tab));
  g_assert_true (press_key (GDK_KEY_Right));
  g_assert_cmpint (courant_journey_view_get_focus (view), ==, 2);
  g_assert_true (press_key (GDK_KEY_Left));
  g_assert_cmpint (courant_journey_view_get_focus (view), ==, 1);
  g_assert_true (press_key (GDK_KEY_ISO_Left_Tab));
  g_assert_cmpint (courant_journey_view_get_focus (view), ==, 0);
  /* Before the first event, Shift+Tab leaves the chart. */
  g_assert_false (press_key (GDK_KEY_ISO_Left_Tab));
  g_assert_cmpint (courant_journey_view_get_focus (view), ==, -1);

  courant_journey_view_get_window (view, &t0, &t1);
  g_assert_true (press_key (GDK_KEY_plus));
  courant_journey_view_get_window (view, &z0, &z1);
  g_assert_cmpint (z1 - z0, <, t1 - t0);
  g_assert_true (press_key (GDK_KEY_End));
  courant_journey_view_get_window (view, &z0, &z1);
  g_assert_cmpint (z1, ==, t1);
  g_assert_true (press_key (GDK_KEY_Left));
  courant_journey_view_get_window (view, &z0, &z1);
  g_assert_cmpint (z1, <, t1);
  g_assert_true (press_key (GDK_KEY_Home));
  courant_journey_view_get_window (view, &z0, &z1);
  g_assert_cmpint (z0, ==, t0);
  g_assert_true (press_key (GDK_KEY_0));
  courant_journey_view_get_window (view, &z0, &z1);
  g_assert_cmpint (z0, ==, t0);
  g_assert_cmpint (z1, ==, t1);

  /* The pointer over a mark shows that event's tooltip. */
  scene = courant_journey_view_get_scene (view);
  mark = &g_array_index (scene->marks, CourantJourneyMark, scene->marks->len - 1);
  move_pointer (mark->x, mark->y);
  g_assert_cmpint (courant_journey_view_get_tooltip_event (view), ==, mark->event);
  move_pointer (mark->x, scene->lanes_y - 2);
  g_assert_cmpint (courant_journey_view_get_tooltip_event (view), ==, -1);
}

static GtkWidget *
find_journey_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), "table.show-customer") == 0 &&
          gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child)) != NULL)
        return child;
      if ((found = find_journey_button (child)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
journey_button_shown (gpointer data)
{
  return find_journey_button (data) != NULL;
}

static void
show_customer_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  char **shown = user_data;

  g_free (*shown);
  *shown = g_variant_dup_string (parameter, NULL);
}

/* The list of customers behind a flow: each row's "Open journey" button
 * activates table.show-customer with the row's key, which the table page
 * around the list answers (tested above). Here a window stands in for the
 * table page, with an action of the same name. */
static void
test_open_button (void)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autoptr(CourantSource) source = courant_source_open (demo, NULL, NULL);
  CourantEventColumns event_columns = { "customer_id", "ts", "event", "channel", NULL, COURANT_TIME_UNIX_MILLISECONDS, NULL };
  g_autoptr(CourantEventStore) store = courant_event_store_load (source, "events", &event_columns, NULL, NULL, NULL, NULL);
  g_autoptr(GArray) entities = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) attributes = g_ptr_array_new ();
  g_autoptr(CourantDrilldownList) list = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-customer", G_VARIANT_TYPE_STRING);
  g_autofree char *shown = NULL;
  GtkWidget *stand_in = gtk_window_new ();
  GtkWidget *columns, *button;
  const char *key;

  g_assert_nonnull (store);
  for (guint32 e = 0; e < 5; e++)
    g_array_append_val (entities, e);
  list = courant_drilldown_list_new (store, entities, "customer_id", attributes, NULL, NULL, FALSE);
  columns = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (courant_drilldown_model_new (list)))));
  gtk_column_view_append_column (GTK_COLUMN_VIEW (columns), courant_drilldown_journey_column_new ());
  g_signal_connect (action, "activate", G_CALLBACK (show_customer_cb), &shown);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (stand_in, "table", G_ACTION_GROUP (group));
  gtk_window_set_child (GTK_WINDOW (stand_in), columns);
  gtk_window_present (GTK_WINDOW (stand_in));
  courant_test_wait_until (journey_button_shown, columns, "the Open journey buttons");

  button = find_journey_button (columns);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Open Journey");
  key = g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL);
  g_assert_true (g_strv_contains ((const char *const *) (const char *[]) { "1", "2", "3", "4", "5", NULL }, key));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (shown, ==, key);
  gtk_window_destroy (GTK_WINDOW (stand_in));
}

static gboolean
flows_shown (gpointer flows_page)
{
  return courant_flows_page_get_flows (flows_page) != NULL;
}

static gboolean
ranking_shown (gpointer panel)
{
  return courant_precursors_panel_get_result (panel) != NULL;
}

static gboolean
sankey_laid_out (gpointer sankey)
{
  return courant_sankey_view_get_scene (sankey) != NULL;
}

static gboolean
same_rgba (CourantRgba a,
           CourantRgba b)
{
  return a.red == b.red && a.green == b.green && a.blue == b.blue && a.alpha == b.alpha;
}

/* The journeys and what leads to an outcome read the table's events once,
 * into one store; and a customer's events have the colours the Sankey of
 * the same table gives them, whoever the customer. */
static void
test_shared_events (void)
{
  GtkWidget *table_page = courant_test_find_widget (GTK_WIDGET (window), COURANT_TYPE_TABLE_PAGE, NULL);
  AdwViewStack *stack = courant_table_page_get_stack (COURANT_TABLE_PAGE (table_page));
  GtkWidget *flows_page = courant_test_find_widget (table_page, COURANT_TYPE_FLOWS_PAGE, NULL);
  GtkWidget *panel = courant_test_find_widget (table_page, COURANT_TYPE_PRECURSORS_PANEL, NULL);
  GtkWidget *sankey = courant_test_find_widget (flows_page, COURANT_TYPE_SANKEY_VIEW, NULL);
  g_autofree char *busiest = sql_text ("SELECT customer_id FROM events GROUP BY customer_id"
                                       " ORDER BY count (*) DESC, customer_id LIMIT 1", NULL);
  const char *customers[] = { "1", busiest };
  CourantEventStore *store;
  g_autoptr(CourantPaletteMap) palette = NULL;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  adw_view_stack_set_visible_child_name (stack, "flows");
  courant_test_wait_until (flows_shown, flows_page, "the flows");
  adw_view_stack_set_visible_child_name (stack, "precursors");
  courant_test_wait_until (ranking_shown, panel, "the precursors");
  store = courant_table_page_get_events (COURANT_TABLE_PAGE (table_page));
  g_assert_nonnull (store);
  g_assert_true (courant_flows_page_get_store (COURANT_FLOWS_PAGE (flows_page)) == store);
  g_assert_true (courant_precursors_panel_get_store (COURANT_PRECURSORS_PANEL (panel)) == store);

  adw_view_stack_set_visible_child_name (stack, "flows");
  courant_test_wait_until (sankey_laid_out, sankey, "the Sankey's layout");
  palette = courant_palette_map_ref (courant_sankey_view_get_scene (COURANT_SANKEY_VIEW (sankey))->palette);
  adw_view_stack_set_visible_child_name (stack, "customer");
  for (guint c = 0; c < G_N_ELEMENTS (customers); c++)
    {
      const CourantJourney *journey;
      const CourantJourneyScene *scene;

      courant_journey_page_show_customer (COURANT_JOURNEY_PAGE (page), customers[c]);
      wait_for_journey (customers[c]);
      courant_test_wait_until (view_allocated, NULL, "the view's size");
      journey = courant_journey_view_get_journey (view);
      scene = courant_journey_view_get_scene (view);
      g_assert_nonnull (scene);
      g_assert_cmpuint (scene->kinds->len, ==, journey->event_names->len);
      for (guint i = 0; i < scene->kinds->len; i++)
        {
          const char *code = g_ptr_array_index (journey->event_names, i);

          g_assert_true (same_rgba (g_array_index (scene->kinds, CourantJourneyKind, i).colour,
                                    courant_palette_map_get (palette, code, dark)));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  app = courant_test_app_setup ("courant-journey-page-XXXXXX");

  window = courant_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_window_present (GTK_WINDOW (window));
  courant_window_open_demo (window);
  courant_test_wait_until (courant_test_window_idle, window, "the demo to open");
  courant_test_select_table (window, "events");
  page = courant_test_find_widget (GTK_WIDGET (window), COURANT_TYPE_JOURNEY_PAGE, NULL);
  g_assert_nonnull (page);
  view = COURANT_JOURNEY_VIEW (courant_test_find_widget (page, COURANT_TYPE_JOURNEY_VIEW, NULL));

  g_test_add_func ("/journey-page/open-button", test_open_button);
  g_test_add_func ("/journey-page/action", test_action);
  g_test_add_func ("/journey-page/search", test_search);
  g_test_add_func ("/journey-page/random", test_random);
  g_test_add_func ("/journey-page/keyboard", test_keyboard);
  g_test_add_func ("/journey-page/shared-events", test_shared_events);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  courant_test_app_teardown ();
  return status;
}
