/* test-flows-page.c: the controls of the journeys page, under a virtual display
 *
 * The controls are set as a user sets them; the first step of the flows
 * must then hold, for each event, the number of customers that plain SQL
 * over the demo file finds starting with it: without the hidden event, and
 * only within the chosen segment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "courant-demo-file.h"
#include "courant-flows-page.h"
#include "courant-labels.h"
#include "courant-sankey-view.h"
#include "courant-test-app.h"
#include "courant-window.h"

static CourantApplication *app;

static sqlite3 *
open_demo (void)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

/* Customers by first event, leaving out @hidden events (or none), the
 * events outside [@from, @to) and keeping the customers of @segment (or
 * all): event → count. */
static GHashTable *
sql_first_events_between (const char *hidden,
                          const char *segment,
                          gint64      from,
                          gint64      to)
{
  static const char sql[] =
    "WITH kept AS ("
    "  SELECT customer_id, ts, event FROM events WHERE (?1 IS NULL OR event <> ?1)"
    "  AND ts >= ?3 AND ts < ?4),"
    " firsts AS ("
    "  SELECT customer_id, event,"
    "         row_number () OVER (PARTITION BY customer_id ORDER BY ts) AS rn"
    "  FROM kept)"
    " SELECT f.event, count (*) FROM firsts f JOIN customers c USING (customer_id)"
    " WHERE f.rn = 1 AND (?2 IS NULL OR c.segment = ?2) GROUP BY f.event";
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = open_demo ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, hidden, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, segment, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return counts;
}

static GHashTable *
sql_first_events (const char *hidden,
                  const char *segment)
{
  return sql_first_events_between (hidden, segment, G_MININT64, G_MAXINT64);
}

/* The demo's last event, by SQL. */
static gint64
sql_last_time (void)
{
  sqlite3 *db = open_demo ();
  sqlite3_stmt *stmt = NULL;
  gint64 last;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT max (ts) FROM events", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  last = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return last;
}

/* Midnight in Paris, @months before the day of @time plus @days. */
static gint64
paris_midnight (gint64 time,
                int    months,
                int    days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) shifted = g_date_time_add_months (midnight, -months);
  g_autoptr(GDateTime) moved = g_date_time_add_days (shifted, days);
  g_autoptr(GDateTime) again = g_date_time_new (tz, g_date_time_get_year (moved),
                                                g_date_time_get_month (moved),
                                                g_date_time_get_day_of_month (moved), 0, 0, 0);

  return g_date_time_to_unix (again) * 1000;
}

static guint
sum_counts (GHashTable *counts)
{
  GHashTableIter iter;
  gpointer value;
  guint sum = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum += GPOINTER_TO_INT (value);
  return sum;
}

typedef struct
{
  CourantFlowsPage *page;
  GHashTable       *expected;
  const char       *hidden;
  gboolean          compared;   /* the flows on the right, in compare mode */
} FlowsQuery;

/* Whether the flows on screen start as SQL says, and never show the
 * hidden event: the page computes in a worker, so the test waits for it. */
static gboolean
flows_match (gpointer data)
{
  FlowsQuery *query = data;
  const CourantFlowsResult *flows = query->compared ? courant_flows_page_get_compare_flows (query->page)
                                                   : courant_flows_page_get_flows (query->page);
  guint n_first = 0;

  if (flows == NULL)
    return FALSE;
  for (guint i = 0; i < flows->nodes->len; i++)
    {
      const CourantFlowsNode *node = &g_array_index (flows->nodes, CourantFlowsNode, i);
      gpointer count;

      if (g_strcmp0 (node->label, query->hidden) == 0)
        return FALSE;
      if (node->step != 0)
        continue;
      if (!g_hash_table_lookup_extended (query->expected, node->label, NULL, &count) ||
          (guint) GPOINTER_TO_INT (count) != node->n_entities)
        return FALSE;
      n_first++;
    }
  return n_first == g_hash_table_size (query->expected) &&
         flows->n_entities == sum_counts (query->expected);
}

static void
wait_for_flows (CourantFlowsPage *page,
                GHashTable       *expected,
                const char       *hidden,
                const char       *what)
{
  FlowsQuery query = { page, expected, hidden, FALSE };

  courant_test_wait_until (flows_match, &query, what);
}

/* The event most customers start with. */
static const char *
most_common (GHashTable *counts)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  int best_count = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_INT (value) > best_count)
      {
        best = key;
        best_count = GPOINTER_TO_INT (value);
      }
  return best;
}

static GtkCheckButton *
find_check (GtkWidget  *root,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return GTK_CHECK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_check (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_items (gpointer data)
{
  GListModel *model = gtk_drop_down_get_model (data);

  return model != NULL && g_list_model_get_n_items (model) > 0 &&
         gtk_widget_is_visible (data);
}

static guint
find_item (GtkDropDown *dropdown,
           const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;
  g_assert_not_reached ();
}

/* The last three months of the data, in Paris, then a custom day picked
 * on the calendars. */
static void
check_period (GtkWidget  *page,
              const char *hidden)
{
  GtkWidget *period = courant_test_find_widget (page, GTK_TYPE_DROP_DOWN, "period");
  GtkWidget *dates = courant_test_find_widget (page, GTK_TYPE_MENU_BUTTON, "dates");
  GtkWidget *popover, *from_calendar;
  gint64 last = sql_last_time ();
  gint64 from = paris_midnight (last, 3, 1);
  gint64 to = paris_midnight (last, 0, 1);
  g_autoptr(GHashTable) recent = NULL;
  g_autoptr(GHashTable) custom = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) utc = NULL;

  g_assert_nonnull (period);
  g_assert_nonnull (dates);
  g_assert_true (gtk_widget_is_visible (period));
  recent = sql_first_events_between (hidden, NULL, from, to);
  g_assert_cmpuint (sum_counts (recent), >, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (period), 2);
  wait_for_flows (COURANT_FLOWS_PAGE (page), recent, hidden, "the flows of the last three months");

  /* A later first day on the calendar: the period becomes custom. */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (dates)));
  from_calendar = courant_test_find_widget (popover, GTK_TYPE_CALENDAR, "from-calendar");
  g_assert_nonnull (from_calendar);
  utc = g_date_time_new_from_unix_utc (paris_midnight (last, 1, 0) / 1000);
  day = g_date_time_to_timezone (utc, tz);
  gtk_calendar_select_day (GTK_CALENDAR (from_calendar), day);
  g_signal_emit_by_name (from_calendar, "day-selected");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (period)), ==, 3);
  custom = sql_first_events_between (hidden, NULL, paris_midnight (last, 1, 0), to);
  g_assert_cmpuint (sum_counts (custom), <, sum_counts (recent));
  wait_for_flows (COURANT_FLOWS_PAGE (page), custom, hidden, "the flows of the last month");

  /* The whole period brings the earlier journeys back. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (period), 0);
}

static void
wait_for_compared_flows (CourantFlowsPage *page,
                         GHashTable       *expected,
                         const char       *hidden,
                         const char       *what)
{
  FlowsQuery query = { page, expected, hidden, TRUE };

  courant_test_wait_until (flows_match, &query, what);
}

/* "step:label" → rank in its column, of the scene on screen. */
static GHashTable *
scene_ranks (const CourantSankeyScene *scene)
{
  GHashTable *ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint v = 0; v < scene->n_nodes; v++)
    g_hash_table_insert (ranks, g_strdup_printf ("%u:%s", scene->nodes[v].step, scene->nodes[v].label),
                         GUINT_TO_POINTER (scene->nodes[v].rank));
  return ranks;
}

typedef struct
{
  CourantSankeyView        *view;
  const CourantFlowsResult *flows;
} ViewQuery;

static gboolean
view_shows (gpointer data)
{
  ViewQuery *query = data;
  const CourantSankeyScene *scene = courant_sankey_view_get_scene (query->view);

  return scene != NULL && scene->n_nodes == query->flows->nodes->len &&
         gtk_widget_get_mapped (GTK_WIDGET (query->view));
}

static gboolean
single_chart (gpointer page)
{
  return courant_flows_page_get_compare_flows (page) == NULL;
}

/* A label under @root whose text starts with @prefix. */
static GtkWidget *
find_label_starting (GtkWidget  *root,
                     const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_starting (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Two segments side by side: each chart holds its segment's customers,
 * as SQL counts them, and the nodes both show come in the same order. */
static void
check_compare (GtkWidget  *page,
               const char *hidden)
{
  GtkWidget *compare = courant_test_find_widget (page, GTK_TYPE_TOGGLE_BUTTON, "compare");
  GtkWidget *value = courant_test_find_widget (page, GTK_TYPE_DROP_DOWN, "segment-value");
  GtkWidget *other = courant_test_find_widget (page, GTK_TYPE_DROP_DOWN, "compare-value");
  GtkWidget *right = courant_test_find_widget (page, COURANT_TYPE_SANKEY_VIEW, "compare-view");
  GtkWidget *left = courant_test_find_widget (page, COURANT_TYPE_SANKEY_VIEW, NULL);
  GListModel *values;
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) second = NULL;
  g_autoptr(GHashTable) left_ranks = NULL;
  g_autoptr(GHashTable) right_ranks = NULL;
  ViewQuery left_query, right_query;
  GHashTableIter iter;
  gpointer key, rank;
  guint shared = 0;

  g_assert_nonnull (compare);
  g_assert_nonnull (other);
  g_assert_nonnull (right);
  g_assert_true (left != right);
  g_assert_false (gtk_widget_get_visible (other));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (compare), TRUE);
  g_assert_true (gtk_widget_get_visible (other));

  values = gtk_drop_down_get_model (GTK_DROP_DOWN (other));
  g_assert_cmpuint (g_list_model_get_n_items (values), >, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (value), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (other), 2);
  first = sql_first_events (hidden, gtk_string_list_get_string (GTK_STRING_LIST (values), 1));
  second = sql_first_events (hidden, gtk_string_list_get_string (GTK_STRING_LIST (values), 2));
  wait_for_flows (COURANT_FLOWS_PAGE (page), first, hidden, "the first segment, on the left");
  wait_for_compared_flows (COURANT_FLOWS_PAGE (page), second, hidden, "the second segment, on the right");

  left_query.view = COURANT_SANKEY_VIEW (left);
  left_query.flows = courant_flows_page_get_flows (COURANT_FLOWS_PAGE (page));
  right_query.view = COURANT_SANKEY_VIEW (right);
  right_query.flows = courant_flows_page_get_compare_flows (COURANT_FLOWS_PAGE (page));
  courant_test_wait_until (view_shows, &left_query, "the left chart");
  courant_test_wait_until (view_shows, &right_query, "the right chart");

  /* The headers name the segments as people read them, not by code. */
  for (guint i = 1; i <= 2; i++)
    {
      const char *code = gtk_string_list_get_string (GTK_STRING_LIST (values), i);
      g_autofree char *name = courant_label_display (code);
      g_autofree char *header = g_strconcat (name, " · ", NULL);

      g_assert_cmpstr (name, !=, code);
      g_assert_nonnull (find_label_starting (page, header));
    }

  /* Same order: for any two nodes of a column on both sides, the one
   * above on the left is above on the right. */
  left_ranks = scene_ranks (courant_sankey_view_get_scene (COURANT_SANKEY_VIEW (left)));
  right_ranks = scene_ranks (courant_sankey_view_get_scene (COURANT_SANKEY_VIEW (right)));
  g_hash_table_iter_init (&iter, left_ranks);
  while (g_hash_table_iter_next (&iter, &key, &rank))
    {
      GHashTableIter other_iter;
      gpointer other_key, other_rank;

      if (!g_hash_table_contains (right_ranks, key))
        continue;
      shared++;
      g_hash_table_iter_init (&other_iter, left_ranks);
      while (g_hash_table_iter_next (&other_iter, &other_key, &other_rank))
        {
          guint step = (guint) g_ascii_strtoull (key, NULL, 10);
          guint other_step = (guint) g_ascii_strtoull (other_key, NULL, 10);

          if (step != other_step || !g_hash_table_contains (right_ranks, other_key) ||
              GPOINTER_TO_UINT (rank) >= GPOINTER_TO_UINT (other_rank))
            continue;
          g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (right_ranks, key)), <,
                            GPOINTER_TO_UINT (g_hash_table_lookup (right_ranks, other_key)));
        }
    }
  g_assert_cmpuint (shared, >, 10);

  /* Off again: one chart, every customer of the chosen value. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (compare), FALSE);
  g_assert_false (gtk_widget_get_visible (other));
  courant_test_wait_until (single_chart, page, "one chart again");
  wait_for_flows (COURANT_FLOWS_PAGE (page), first, hidden, "one segment again");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (right)));
}

static gboolean
is_folded (gpointer flap)
{
  return adw_flap_get_folded (flap);
}

/* The options fold over the chart in this window (too narrow for both
 * side by side, compare mode even more): F9's action and the button show
 * and hide them, and agree. */
static void
check_panel (GtkWidget *page)
{
  GtkWidget *flap = courant_test_find_widget (page, ADW_TYPE_FLAP, NULL);
  GtkWidget *button = NULL;

  g_assert_nonnull (flap);
  g_assert_true (gtk_widget_get_parent (flap) == page);
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (adw_flap_get_content (ADW_FLAP (flap))));
       w != NULL && button == NULL; w = gtk_widget_get_next_sibling (w))
    button = courant_test_find_widget (w, GTK_TYPE_TOGGLE_BUTTON, NULL);
  g_assert_nonnull (button);

  courant_test_wait_until (is_folded, flap, "the options to fold");
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  g_assert_true (gtk_widget_activate_action (page, "flows.toggle-controls", NULL));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
}

static void
test_controls (void)
{
  CourantWindow *window = courant_window_new (app);
  GtkWidget *page, *top_n, *hide, *attribute, *value;
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GHashTable) shown = NULL;
  g_autoptr(GHashTable) segment = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *hidden_name = NULL;
  GtkWidget *stack;
  GtkCheckButton *check;
  const char *chosen;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_window_present (GTK_WINDOW (window));
  courant_window_open_demo (window);
  courant_test_wait_until (courant_test_window_idle, window, "the demo to open");
  g_assert_nonnull (courant_window_get_source (window));
  courant_test_select_table (window, "events");
  stack = courant_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "flows");
  page = courant_test_find_widget (GTK_WIDGET (window), COURANT_TYPE_FLOWS_PAGE, NULL);
  g_assert_nonnull (page);

  /* Every label of the first step, none in "(other)". */
  top_n = courant_test_find_widget (page, GTK_TYPE_SPIN_BUTTON, "top-n");
  g_assert_nonnull (top_n);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (top_n), 0);
  all = sql_first_events (NULL, NULL);
  g_assert_cmpuint (g_hash_table_size (all), >, 1);
  wait_for_flows (COURANT_FLOWS_PAGE (page), all, NULL, "every first event");

  /* Hiding the commonest first event: customers start with what follows. */
  hidden = g_strdup (most_common (all));
  hide = courant_test_find_widget (page, GTK_TYPE_MENU_BUTTON, "hidden-events");
  g_assert_nonnull (hide);
  hidden_name = courant_label_display (hidden);
  check = find_check (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (hide))), hidden_name);
  g_assert_nonnull (check);
  gtk_check_button_set_active (check, TRUE);
  shown = sql_first_events (hidden, NULL);
  g_assert_false (g_hash_table_contains (shown, hidden));
  wait_for_flows (COURANT_FLOWS_PAGE (page), shown, hidden, "the flows without the hidden event");

  /* A segment keeps its customers only. */
  attribute = courant_test_find_widget (page, GTK_TYPE_DROP_DOWN, "segment-attribute");
  value = courant_test_find_widget (page, GTK_TYPE_DROP_DOWN, "segment-value");
  g_assert_nonnull (attribute);
  g_assert_nonnull (value);
  courant_test_wait_until (has_items, attribute, "the attributes of the customers");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (attribute),
                              find_item (GTK_DROP_DOWN (attribute), "segment"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (value))), >, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (value)), ==, 0);
  chosen = gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (value))), 1);
  segment = sql_first_events (hidden, chosen);
  g_assert_cmpuint (sum_counts (segment), >, 0);
  g_assert_cmpuint (sum_counts (segment), <, sum_counts (shown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (value), 1);
  wait_for_flows (COURANT_FLOWS_PAGE (page), segment, hidden, "the flows of one segment");

  /* "All" brings every customer back. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (value), 0);
  wait_for_flows (COURANT_FLOWS_PAGE (page), shown, hidden, "the flows of every segment");

  check_period (page, hidden);
  check_compare (page, hidden);
  check_panel (page);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  app = courant_test_app_setup ("courant-flows-page-XXXXXX");

  g_test_add_func ("/flows-page/controls", test_controls);

  status = g_test_run ();

  courant_test_app_teardown ();
  return status;
}
