/* test-timeline-page.c: the timeline page's controls under a virtual display
 *
 * Opens a small demo in a real window, drives the page's menus as a user
 * does, and checks the drawn series against the same aggregation written
 * in plain SQL over the demo file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-annotations.h"
#include "courant-demo-file.h"
#include "courant-timeline-view.h"
#include "courant-test-app.h"
#include "courant-window.h"

#define DAY_MS (G_GINT64_CONSTANT (24) * 3600 * 1000)
#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)

static CourantApplication *app;

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

/* The rows of @sql, (time ms, value) pairs, over the demo file. */
static GArray *
query_pairs (const char *sql)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (double[2]));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double row[2] = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (rows->len, >, 0);
  return rows;
}

typedef struct
{
  CourantTimelineView *view;
  CourantTimelineSide  side;
  gint64               shift_ms;
  GArray              *expected;
} Expectation;

static const CourantTimelineSeries *
find_series (const CourantTimelineScene *scene,
             CourantTimelineSide         side,
             gint64                      shift_ms)
{
  for (guint i = 0; i < scene->series->len; i++)
    {
      const CourantTimelineSeries *series = g_ptr_array_index (scene->series, i);

      if (series->side == side && series->shift_ms == shift_ms)
        return series;
    }
  return NULL;
}

/* Whether the chart on screen draws exactly the expected values at the
 * expected times. */
static gboolean
series_matches (gpointer user_data)
{
  Expectation *expectation = user_data;
  const CourantTimelineScene *scene = courant_timeline_view_get_scene (expectation->view);
  const CourantTimelineSeries *series;

  if (scene == NULL)
    return FALSE;
  series = find_series (scene, expectation->side, expectation->shift_ms);
  if (series == NULL || series->data.n != expectation->expected->len)
    return FALSE;
  for (gsize i = 0; i < series->data.n; i++)
    {
      const double *row = &g_array_index (expectation->expected, double, 2 * i);

      if (series->data.times[i] != (gint64) row[0] ||
          fabs (series->data.values[i] - row[1]) > 1e-6 * MAX (1, fabs (row[1])))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scene_has_one_series (gpointer data)
{
  const CourantTimelineScene *scene = courant_timeline_view_get_scene (data);

  return scene != NULL && scene->series->len == 1 && !scene->has_right;
}

static void
expect_series (CourantTimelineView *view,
               CourantTimelineSide  side,
               gint64               shift_ms,
               const char          *sql,
               const char          *what)
{
  g_autoptr(GArray) expected = query_pairs (sql);
  Expectation expectation = { view, side, shift_ms, expected };

  courant_test_wait_until (series_matches, &expectation, what);
}

/* The demo's 60 days from 1 November 2024 hold no clock change: a local
 * day is UTC + 1 h throughout, which keeps the SQL simple. */
#define LOCAL_DAY(t) "((" t " + 3600000) / 86400000 * 86400000 - 3600000)"

static CourantWindow *
open_timeline (const char *table)
{
  CourantWindow *window = courant_window_new (app);
  GtkWidget *stack;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  courant_test_wait_until (courant_test_window_idle, window, "the demo to open");
  courant_test_select_table (window, table);
  stack = courant_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "timeline");
  return window;
}

static void
test_buckets (void)
{
  CourantWindow *window = open_timeline ("consumption");
  GtkWidget *root = GTK_WIDGET (window);
  CourantTimelineView *view = COURANT_TIMELINE_VIEW (courant_test_find_widget (root, COURANT_TYPE_TIMELINE_VIEW, NULL));

  /* One site's daily energy. */
  choose (root, "series-dropdown", "2");
  choose (root, "bucket-dropdown", "Day");
  choose (root, "function-dropdown", "Sum");
  expect_series (view, COURANT_TIMELINE_LEFT, 0,
                 "SELECT " LOCAL_DAY ("ts") " AS d, sum(kwh) FROM consumption "
                 "WHERE site_id = 2 GROUP BY d ORDER BY d",
                 "the daily sums of site 2");

  /* Its weekly peak half-hour; weeks start on Monday, local midnight. */
  choose (root, "bucket-dropdown", "Week");
  choose (root, "function-dropdown", "Maximum");
  expect_series (view, COURANT_TIMELINE_LEFT, 0,
                 "SELECT (" LOCAL_DAY ("ts") " - ((" LOCAL_DAY ("ts") " + 3600000) / 86400000 + 3) % 7 * 86400000) AS w, "
                 "max(kwh) FROM consumption WHERE site_id = 2 GROUP BY w ORDER BY w",
                 "the weekly maxima of site 2");

  /* Auto: 60 days of hours (1,440) do not fit the chart, 60 days do. */
  choose (root, "bucket-dropdown", "Auto");
  choose (root, "function-dropdown", "Sum");
  expect_series (view, COURANT_TIMELINE_LEFT, 0,
                 "SELECT " LOCAL_DAY ("ts") " AS d, sum(kwh) FROM consumption "
                 "WHERE site_id = 2 GROUP BY d ORDER BY d",
                 "Auto to choose daily sums of site 2");

  /* Raw readings are the table's rows as they are. */
  choose (root, "bucket-dropdown", "Raw readings");
  expect_series (view, COURANT_TIMELINE_LEFT, 0,
                 "SELECT ts, kwh FROM consumption WHERE site_id = 2 ORDER BY ts",
                 "the raw readings of site 2");

  /* The total adds every site's own value of the bucket. */
  choose (root, "group-dropdown", "Total");
  choose (root, "bucket-dropdown", "Day");
  choose (root, "function-dropdown", "Maximum");
  expect_series (view, COURANT_TIMELINE_LEFT, 0,
                 "SELECT d, sum(m) FROM (SELECT site_id, " LOCAL_DAY ("ts") " AS d, max(kwh) AS m "
                 "FROM consumption GROUP BY site_id, d) GROUP BY d ORDER BY d",
                 "the daily total of the sites’ maxima");

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  CourantTimelineView *view;
  gint64               t0;
  gint64               t1;
} Window;

static gboolean
window_is (gpointer data)
{
  Window *expected = data;
  gint64 t0, t1;

  courant_timeline_view_get_window (expected->view, &t0, &t1);
  return t0 == expected->t0 && t1 == expected->t1;
}

/* Auto fits the window the user zoomed to: daily sums for the 60 days,
 * half-hours (the readings' own step) for five days, and back. The window
 * stays where the user left it. */
static void
test_auto_zoom (void)
{
  CourantWindow *window = open_timeline ("consumption");
  GtkWidget *root = GTK_WIDGET (window);
  CourantTimelineView *view = COURANT_TIMELINE_VIEW (courant_test_find_widget (root, COURANT_TYPE_TIMELINE_VIEW, NULL));
  const char *daily = "SELECT " LOCAL_DAY ("ts") " AS d, sum(kwh) FROM consumption "
                      "WHERE site_id = 2 GROUP BY d ORDER BY d";
  Window zoomed = { view, 0, 0 };
  gint64 lo, hi;

  choose (root, "series-dropdown", "2");
  choose (root, "bucket-dropdown", "Auto");
  choose (root, "function-dropdown", "Mean");
  choose (root, "function-dropdown", "Sum");
  expect_series (view, COURANT_TIMELINE_LEFT, 0, daily, "Auto to choose daily sums of site 2");

  courant_timeline_view_get_window (view, &lo, &hi);
  zoomed.t0 = lo + 20 * DAY_MS;
  zoomed.t1 = zoomed.t0 + 5 * DAY_MS;
  courant_timeline_view_set_window (view, zoomed.t0, zoomed.t1);
  expect_series (view, COURANT_TIMELINE_LEFT, 0,
                 "SELECT ts / 1800000 * 1800000 AS h, sum(kwh) FROM consumption "
                 "WHERE site_id = 2 GROUP BY h ORDER BY h",
                 "Auto to choose half-hourly sums of site 2 for five days");
  courant_test_wait_until (window_is, &zoomed, "the zoomed window to stay");

  courant_timeline_view_reset (view);
  expect_series (view, COURANT_TIMELINE_LEFT, 0, daily, "Auto to go back to daily sums");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether every region's line on screen is the SQL sum of its sites. */
static gboolean
groups_match (gpointer data)
{
  CourantTimelineView *view = data;
  const CourantTimelineScene *scene = courant_timeline_view_get_scene (view);
  g_autoptr(GArray) regions = query_pairs ("SELECT count (DISTINCT region), 0 FROM sites");

  if (scene == NULL || scene->series->len != (guint) g_array_index (regions, double, 0))
    return FALSE;
  for (guint i = 0; i < scene->series->len; i++)
    {
      const CourantTimelineSeries *series = g_ptr_array_index (scene->series, i);
      g_autofree char *sql = NULL;
      g_autoptr(GArray) expected = NULL;

      /* The legend names the region; it has sites. */
      sql = g_strdup_printf ("SELECT " LOCAL_DAY ("ts") " AS d, sum(kwh) FROM consumption "
                             "JOIN sites USING (site_id) WHERE region = '%s' GROUP BY d ORDER BY d",
                             series->name);
      expected = query_pairs (sql);
      if (series->data.n != expected->len)
        return FALSE;
      for (gsize r = 0; r < series->data.n; r++)
        {
          const double *row = &g_array_index (expected, double, 2 * r);

          if (series->data.times[r] != (gint64) row[0] ||
              fabs (series->data.values[r] - row[1]) > 1e-6 * MAX (1, fabs (row[1])))
            return FALSE;
        }
    }
  return TRUE;
}

/* The sites grouped by the region the sites table gives them: one line
 * per region, named after it, the sum of its sites. */
static void
test_group_by (void)
{
  CourantWindow *window = open_timeline ("consumption");
  GtkWidget *root = GTK_WIDGET (window);
  CourantTimelineView *view = COURANT_TIMELINE_VIEW (courant_test_find_widget (root, COURANT_TYPE_TIMELINE_VIEW, NULL));
  GtkWidget *series = courant_test_find_widget (root, GTK_TYPE_DROP_DOWN, "series-dropdown");

  choose (root, "bucket-dropdown", "Day");
  choose (root, "function-dropdown", "Sum");
  g_assert_true (gtk_widget_get_visible (series));
  choose (root, "group-dropdown", "Region (sites)");
  g_assert_false (gtk_widget_get_visible (series));
  courant_test_wait_until (groups_match, view, "one line per region, the sum of its sites");

  choose (root, "group-dropdown", "None");
  g_assert_true (gtk_widget_get_visible (series));
  courant_test_wait_until (scene_has_one_series, view, "one site again");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
find_dialog (gpointer data)
{
  GtkWidget **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        *dialog = GTK_WIDGET (window);
    }
  return *dialog != NULL;
}

/* Asks to annotate [@start, @end] as the context menu does, and answers
 * the dialog with @label. */
static void
annotate (CourantTimelineView *view,
          gint64               start,
          gint64               end,
          const char          *label)
{
  GtkWidget *dialog = NULL;
  GtkWidget *entry;

  courant_timeline_view_set_mark (view, start, end);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.annotate", NULL);
  courant_test_wait_until (find_dialog, &dialog, "the annotation dialog");
  entry = courant_test_find_widget (dialog, GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  gtk_editable_set_text (GTK_EDITABLE (entry), label);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
}

typedef struct
{
  CourantTimelineView *view;
  guint                n;
} Count;

static gboolean
scene_has_annotations (gpointer data)
{
  Count *count = data;
  const CourantTimelineScene *scene = courant_timeline_view_get_scene (count->view);

  return scene != NULL && scene->annotations->len == count->n;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* Selecting another table and back reads the annotations again. */
static void
reopen (CourantWindow *window)
{
  GtkWidget *stack;

  courant_test_select_table (window, "weather");
  courant_test_select_table (window, "consumption");
  stack = courant_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "timeline");
}

/* An annotation added from the chart is drawn, listed, saved for the file
 * and table, read again when the table is reopened, and deleted from the
 * list; a damaged file is reported in one sentence, set aside rather than
 * lost, and the chart works on. */
static void
test_annotations (void)
{
  CourantWindow *window = open_timeline ("consumption");
  GtkWidget *root = GTK_WIDGET (window);
  CourantTimelineView *view = COURANT_TIMELINE_VIEW (courant_test_find_widget (root, COURANT_TYPE_TIMELINE_VIEW, NULL));
  GtkWidget *list = courant_test_find_widget (root, GTK_TYPE_LIST_BOX, "annotations-list");
  GtkWidget *error_label = courant_test_find_widget (root, GTK_TYPE_LABEL, "annotations-error");
  g_autofree char *uri = g_file_get_uri (courant_source_get_file (courant_window_get_source (window)));
  g_autofree char *path = courant_annotations_path (uri, "consumption");
  g_autofree char *aside = g_strconcat (path, ".damaged", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GArray) saved = NULL;
  Count count = { view, 0 };
  GtkWidget *delete;
  gint64 lo, hi;

  g_assert_nonnull (list);
  g_assert_nonnull (error_label);
  choose (root, "series-dropdown", "1");
  courant_test_wait_until (scene_has_one_series, view, "the chart");
  courant_timeline_view_get_window (view, &lo, &hi);

  annotate (view, lo + 10 * DAY_MS, lo + 15 * DAY_MS, "Cold snap");
  count.n = 1;
  courant_test_wait_until (scene_has_annotations, &count, "the band to be drawn");
  g_assert_cmpuint (count_rows (list), ==, 1);
  g_assert_false (courant_timeline_view_get_mark (view, NULL, NULL));
  saved = courant_annotations_load (path, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpint (g_array_index (saved, CourantAnnotation, 0).start_ms, ==, lo + 10 * DAY_MS);
  g_assert_cmpint (g_array_index (saved, CourantAnnotation, 0).end_ms, ==, lo + 15 * DAY_MS);
  g_assert_cmpstr (g_array_index (saved, CourantAnnotation, 0).label, ==, "Cold snap");
  g_clear_pointer (&saved, g_array_unref);

  /* A point too, then the table again: both come back. */
  annotate (view, lo + 20 * DAY_MS, lo + 20 * DAY_MS, "Strike");
  reopen (window);
  count.n = 2;
  courant_test_wait_until (scene_has_annotations, &count, "the annotations to be read again");
  g_assert_cmpuint (count_rows (list), ==, 2);
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Deleting the first from the list. */
  delete = courant_test_find_widget (gtk_widget_get_first_child (list), GTK_TYPE_BUTTON, NULL);
  g_signal_emit_by_name (delete, "clicked");
  count.n = 1;
  courant_test_wait_until (scene_has_annotations, &count, "the deleted annotation to go");
  saved = courant_annotations_load (path, NULL);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (g_array_index (saved, CourantAnnotation, 0).label, ==, "Strike");

  /* A damaged file: reported, the chart still drawn, and set aside when
   * an annotation is added. */
  g_assert_true (g_file_set_contents (path, "{ not json", -1, NULL));
  reopen (window);
  count.n = 0;
  courant_test_wait_until (scene_has_annotations, &count, "the chart without annotations");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), path));
  annotate (view, lo + 30 * DAY_MS, lo + 31 * DAY_MS, "Holidays");
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "{ not json");
  g_clear_pointer (&saved, g_array_unref);
  saved = courant_annotations_load (path, NULL);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_false (gtk_widget_get_visible (error_label));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A measure of another table on the right axis, and an earlier period
 * dashed over the left series. */
static void
test_right_axis_and_compare (void)
{
  CourantWindow *window = open_timeline ("consumption");
  GtkWidget *root = GTK_WIDGET (window);
  CourantTimelineView *view = COURANT_TIMELINE_VIEW (courant_test_find_widget (root, COURANT_TYPE_TIMELINE_VIEW, NULL));
  GtkWidget *align = courant_test_find_widget (root, GTK_TYPE_CHECK_BUTTON, "align-check");
  const CourantTimelineSeries *earlier;

  choose (root, "series-dropdown", "1");
  choose (root, "bucket-dropdown", "Day");
  choose (root, "function-dropdown", "Sum");
  g_assert_false (gtk_widget_get_sensitive (align));

  /* Weather is averaged where meters are summed; the site's region is
   * found through the sites table, and any region can be chosen. */
  choose (root, "right-dropdown", "temperature (weather)");
  expect_series (view, COURANT_TIMELINE_RIGHT, 0,
                 "SELECT " LOCAL_DAY ("unixepoch (date_heure) * 1000") " AS d, avg(temperature) "
                 "FROM weather WHERE region = (SELECT region FROM sites WHERE site_id = 1) "
                 "GROUP BY d ORDER BY d",
                 "the daily mean temperature of site 1’s region");
  choose (root, "right-series-dropdown", "Bretagne");
  expect_series (view, COURANT_TIMELINE_RIGHT, 0,
                 "SELECT " LOCAL_DAY ("unixepoch (date_heure) * 1000") " AS d, avg(temperature) "
                 "FROM weather WHERE region = 'Bretagne' GROUP BY d ORDER BY d",
                 "the daily mean temperature of Bretagne on the right axis");
  g_assert_true (courant_timeline_view_get_scene (view)->has_right);
  g_assert_true (gtk_widget_get_sensitive (align));

  /* Another site brings the temperature of its own region, through the
   * sites table. */
  choose (root, "series-dropdown", "3");
  expect_series (view, COURANT_TIMELINE_RIGHT, 0,
                 "SELECT " LOCAL_DAY ("unixepoch (date_heure) * 1000") " AS d, avg(temperature) "
                 "FROM weather WHERE region = (SELECT region FROM sites WHERE site_id = 3) "
                 "GROUP BY d ORDER BY d",
                 "the daily mean temperature of site 3’s region");
  choose (root, "series-dropdown", "1");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (align), TRUE);

  /* The week before, drawn a week later, dashed, beside the left series. */
  choose (root, "compare-dropdown", "Previous week");
  expect_series (view, COURANT_TIMELINE_LEFT, 7 * DAY_MS,
                 "SELECT " LOCAL_DAY ("ts") " AS d, sum(kwh) FROM consumption "
                 "WHERE site_id = 1 GROUP BY d ORDER BY d",
                 "the daily sums of site 1 a week later");
  expect_series (view, COURANT_TIMELINE_LEFT, 0,
                 "SELECT " LOCAL_DAY ("ts") " AS d, sum(kwh) FROM consumption "
                 "WHERE site_id = 1 GROUP BY d ORDER BY d",
                 "the daily sums of site 1");
  earlier = find_series (courant_timeline_view_get_scene (view), COURANT_TIMELINE_LEFT, 7 * DAY_MS);
  g_assert_true (earlier->dashed);

  /* Back to nothing: the right axis goes. */
  choose (root, "right-dropdown", "Nothing");
  choose (root, "compare-dropdown", "Nothing");
  expect_series (view, COURANT_TIMELINE_LEFT, 0,
                 "SELECT " LOCAL_DAY ("ts") " AS d, sum(kwh) FROM consumption "
                 "WHERE site_id = 1 GROUP BY d ORDER BY d",
                 "the daily sums of site 1 alone");
  courant_test_wait_until (scene_has_one_series, view, "the right axis and the comparison to go");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  app = courant_test_app_setup ("courant-timeline-page-XXXXXX");

  g_test_add_func ("/timeline-page/buckets", test_buckets);
  g_test_add_func ("/timeline-page/auto-zoom", test_auto_zoom);
  g_test_add_func ("/timeline-page/group-by", test_group_by);
  g_test_add_func ("/timeline-page/annotations", test_annotations);
  g_test_add_func ("/timeline-page/right-axis-and-compare", test_right_axis_and_compare);

  status = g_test_run ();

  courant_test_app_teardown ();
  return status;
}
