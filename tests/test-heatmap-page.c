/* test-heatmap-page.c: the heatmap page under a virtual display
 *
 * Opens the small demo in a real window, drives the page's menus and the
 * chart's keys as a user does, and checks the focused cell's tooltip
 * against the same aggregation written in plain SQL over the demo file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-demo-file.h"
#include "courant-format.h"
#include "courant-heatmap-page.h"
#include "courant-heatmap-view.h"
#include "courant-test-app.h"
#include "courant-window.h"

static CourantApplication *app;
static GTimeZone *paris;

typedef struct
{
  GtkWidget  *root;
  const char *name;
  const char *text;
} Choice;

/* Picks the item reading @text in the menu named @name, as a user does,
 * once the menu is filled. */
static gboolean
try_choose (gpointer data)
{
  Choice *choice = data;
  GtkWidget *dropdown = courant_test_find_widget (choice->root, GTK_TYPE_DROP_DOWN, choice->name);
  GListModel *model;

  g_assert_nonnull (dropdown);
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), choice->text))
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
choose (GtkWidget  *root,
        const char *name,
        const char *text)
{
  Choice choice = { root, name, text };

  courant_test_wait_until (try_choose, &choice, text);
}

typedef struct
{
  CourantHeatmapView *view;
  guint               slot_minutes;
  CourantAgg          agg;
  gboolean            profile;
} Shape;

static gboolean
heatmap_is (gpointer data)
{
  Shape *shape = data;
  const CourantHeatmap *heatmap = courant_heatmap_view_get_heatmap (shape->view);

  return heatmap != NULL && heatmap->slot_minutes == shape->slot_minutes && heatmap->agg == shape->agg &&
         heatmap->is_profile == shape->profile && gtk_widget_get_mapped (GTK_WIDGET (shape->view));
}

static void
wait_for (CourantHeatmapView *view,
          guint               slot_minutes,
          CourantAgg          agg,
          gboolean            profile,
          const char         *what)
{
  Shape shape = { view, slot_minutes, agg, profile };

  courant_test_wait_until (heatmap_is, &shape, what);
}

static GtkWidget *
open_heatmap (CourantWindow **window)
{
  GtkWidget *stack;

  *window = courant_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (*window), 1200, 800);
  gtk_window_present (GTK_WINDOW (*window));
  gtk_widget_activate_action (GTK_WIDGET (*window), "win.open-demo", NULL);
  courant_test_wait_until (courant_test_window_idle, *window, "the demo to open");
  courant_test_select_table (*window, "consumption");
  stack = courant_test_find_widget (GTK_WIDGET (*window), ADW_TYPE_VIEW_STACK, NULL);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "heatmap");
  return courant_test_find_widget (GTK_WIDGET (*window), COURANT_TYPE_HEATMAP_PAGE, NULL);
}

static gboolean
press_key (CourantHeatmapView *view,
           guint               keyval,
           GdkModifierType     state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

static void
assert_focus (CourantHeatmapView *view,
              guint               row,
              guint               slot)
{
  guint r, s;

  g_assert_true (courant_heatmap_view_get_focus (view, &r, &s));
  g_assert_cmpuint (r, ==, row);
  g_assert_cmpuint (s, ==, slot);
}

/* The readings of [from, to) added up by instant (the total of the sites
 * chosen by @where), by plain SQL: the sum and the mean of those totals, and
 * their count. */
static void
query_cell (gint64      from,
            gint64      to,
            const char *where,
            double     *sum,
            double     *mean,
            guint      *count)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  g_autofree char *sql = g_strdup_printf ("SELECT sum(t), avg(t), count(t) FROM (SELECT ts, sum(kwh) AS t FROM consumption"
                                          " WHERE ts >= %" G_GINT64_FORMAT " AND ts < %" G_GINT64_FORMAT " %s"
                                          " GROUP BY ts)", from, to, where);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *sum = sqlite3_column_double (stmt, 0);
  *mean = sqlite3_column_double (stmt, 1);
  *count = sqlite3_column_int (stmt, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The local day of the demo's first reading, by plain SQL and GDateTime. */
static GDateTime *
first_local_day (void)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT min(ts) FROM consumption", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  utc = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0) / 1000);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  local = g_date_time_to_timezone (utc, paris);
  return g_date_time_new (paris, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 0, 0, 0);
}

/* The scene's rule: three significant digits, at most three decimals. */
static char *
format_value (double value)
{
  double magnitude = fabs (value);
  int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;

  return courant_format_number_with_unit (value, decimals, "kwh");
}

typedef struct
{
  CourantHeatmapView *view;
  CourantAgg          agg;
  guint               row;
  guint               slot;
  guint               count;
  double              value;
} Cell;

static gboolean
cell_matches (gpointer data)
{
  Cell *cell = data;
  const CourantHeatmap *heatmap = courant_heatmap_view_get_heatmap (cell->view);
  gsize c;

  if (heatmap == NULL || heatmap->agg != cell->agg || cell->row >= heatmap->n_rows || cell->slot >= heatmap->n_slots)
    return FALSE;
  c = (gsize) cell->row * heatmap->n_slots + cell->slot;
  return heatmap->counts[c] == cell->count &&
         fabs (heatmap->values[c] - cell->value) <= 1e-9 * MAX (1, fabs (cell->value));
}

/* Once the grid of @agg is drawn, the focused cell's tooltip holds its local
 * day, its slot, the sum or the mean of its readings and their count, as
 * SQL finds them in the same rows. */
static void
check_tooltip (CourantHeatmapView *view,
               CourantAgg          agg,
               guint               row,
               guint               slot,
               const char         *where)
{
  g_autoptr(GDateTime) first = first_local_day ();
  g_autoptr(GDateTime) day = g_date_time_add_days (first, row);
  g_autoptr(GDateTime) start = g_date_time_new (paris, g_date_time_get_year (day), g_date_time_get_month (day),
                                                g_date_time_get_day_of_month (day), slot, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_hours (start, 1);
  g_autofree char *text = NULL;
  g_autofree char *date = g_date_time_format (day, "%a %-d %b %Y");
  g_autofree char *value = NULL;
  g_autofree char *expected = NULL;
  double sum, mean;
  guint count;

  query_cell (g_date_time_to_unix (start) * 1000, g_date_time_to_unix (end) * 1000, where, &sum, &mean, &count);
  g_assert_cmpuint (count, >, 0);
  /* A new choice is computed in a worker: wait for a grid with SQL's
   * figures in the cell. */
  {
    Cell cell = { view, agg, row, slot, count, agg == COURANT_AGG_SUM ? sum : mean };

    courant_test_wait_until (cell_matches, &cell, "the cell's figures");
  }
  text = courant_heatmap_view_dup_tooltip_text (view);
  value = format_value (agg == COURANT_AGG_SUM ? sum : mean);
  expected = g_strdup_printf ("%s, %02u:00–%02u:00: %s (%u readings)", date, slot, slot + 1, value, count);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_tooltip_matches_sql (void)
{
  CourantWindow *window;
  GtkWidget *page = open_heatmap (&window);
  CourantHeatmapView *view = COURANT_HEATMAP_VIEW (courant_test_find_widget (page, COURANT_TYPE_HEATMAP_VIEW, NULL));

  /* Shown (mapped, in place of the loading page) with its defaults: the
   * mean of all series by half-hour. */
  wait_for (view, 30, COURANT_AGG_MEAN, FALSE, "the default heatmap");

  /* The total energy of every site by hour. */
  choose (page, "heatmap-slot-dropdown", "1 h");
  choose (page, "heatmap-function-dropdown", "Sum");
  wait_for (view, 60, COURANT_AGG_SUM, FALSE, "the hourly sums");

  /* Home, ten days on, nine hours down, a week on: 17 days after the
   * first, 09:00–10:00. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (press_key (view, GDK_KEY_Home, 0));
  for (guint i = 0; i < 10; i++)
    g_assert_true (press_key (view, GDK_KEY_Right, 0));
  for (guint i = 0; i < 9; i++)
    g_assert_true (press_key (view, GDK_KEY_Down, 0));
  g_assert_true (press_key (view, GDK_KEY_Page_Down, 0));
  assert_focus (view, 17, 9);
  check_tooltip (view, COURANT_AGG_SUM, 17, 9, "");

  /* The mean of the total load of its half-hours, not of a site's. */
  choose (page, "heatmap-function-dropdown", "Mean");
  check_tooltip (view, COURANT_AGG_MEAN, 17, 9, "");

  /* One site alone: the focus stays on the same cell. */
  choose (page, "heatmap-series-dropdown", "2");
  check_tooltip (view, COURANT_AGG_MEAN, 17, 9, "AND site_id = 2");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keys stay on the grid: Home and End go to the first and last day,
 * Page Up and Page Down by a week, Control with Home and End to the corners. */
static void
test_keyboard (void)
{
  CourantWindow *window;
  GtkWidget *page = open_heatmap (&window);
  CourantHeatmapView *view = COURANT_HEATMAP_VIEW (courant_test_find_widget (page, COURANT_TYPE_HEATMAP_VIEW, NULL));
  const CourantHeatmap *heatmap;
  guint last;

  wait_for (view, 30, COURANT_AGG_MEAN, FALSE, "the default heatmap");
  heatmap = courant_heatmap_view_get_heatmap (view);
  last = heatmap->n_rows - 1;
  gtk_widget_grab_focus (GTK_WIDGET (view));

  g_assert_true (press_key (view, GDK_KEY_Left, 0));
  assert_focus (view, 0, 0);
  g_assert_true (press_key (view, GDK_KEY_Up, 0));
  assert_focus (view, 0, 0);
  g_assert_true (press_key (view, GDK_KEY_Down, 0));
  g_assert_true (press_key (view, GDK_KEY_End, 0));
  assert_focus (view, last, 1);
  g_assert_true (press_key (view, GDK_KEY_Page_Up, 0));
  assert_focus (view, last - 7, 1);
  g_assert_true (press_key (view, GDK_KEY_Right, 0));
  assert_focus (view, last - 6, 1);
  g_assert_true (press_key (view, GDK_KEY_Page_Down, 0));
  assert_focus (view, last, 1);
  g_assert_true (press_key (view, GDK_KEY_End, GDK_CONTROL_MASK));
  assert_focus (view, last, 47);
  g_assert_true (press_key (view, GDK_KEY_Home, GDK_CONTROL_MASK));
  assert_focus (view, 0, 0);
  g_assert_false (press_key (view, GDK_KEY_a, 0));

  /* The weekday profile: seven columns, Monday first. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (courant_test_find_widget (page, GTK_TYPE_TOGGLE_BUTTON,
                                                                             "profile-toggle")), TRUE);
  wait_for (view, 30, COURANT_AGG_MEAN, TRUE, "the weekday profile");
  g_assert_cmpuint (courant_heatmap_view_get_heatmap (view)->n_rows, ==, 7);
  g_assert_true (press_key (view, GDK_KEY_Home, GDK_CONTROL_MASK));
  {
    g_autofree char *text = courant_heatmap_view_dup_tooltip_text (view);

    g_assert_true (g_str_has_prefix (text, "Mon, 00:00–00:30: "));
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
  app = courant_test_app_setup ("courant-heatmap-page-XXXXXX");
  paris = g_time_zone_new_identifier ("Europe/Paris");

  g_test_add_func ("/heatmap-page/tooltip-matches-sql", test_tooltip_matches_sql);
  g_test_add_func ("/heatmap-page/keyboard", test_keyboard);

  status = g_test_run ();

  g_time_zone_unref (paris);
  courant_test_app_teardown ();
  return status;
}
