/* test-thermo-page.c: the thermosensitivity page under a virtual display
 *
 * Opens the small demo in a real window, shows the Thermosensitivity page
 * of the consumption table, and checks what it shows against plain SQL
 * over the demo file: the fit of data/courant-thermo over the days that
 * SQL pairs (a site's daily energy against the daily mean temperature of
 * its region), and a point's tooltip against that day's sum.
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
#include "courant-test-app.h"
#include "courant-thermo-page.h"
#include "courant-thermo-scene.h"
#include "courant-thermo-view.h"
#include "courant-window.h"

static CourantApplication *app;

/* The demo's 60 days from 1 November 2024 hold no clock change: a local
 * day is UTC + 1 h throughout. */
#define LOCAL_DAY(t) "((" t " + 3600000) / 86400000 * 86400000 - 3600000)"
/* The local day of a weather reading, from its local ISO date. */
#define WEATHER_DAY "(CAST(round((julianday(substr(date_heure, 1, 10)) - 2440587.5) * 86400000) AS INTEGER) - 3600000)"

typedef struct
{
  GArray *days;          /* gint64 */
  GArray *temperatures;  /* double */
  GArray *values;        /* double */
} Pairs;

static void
pairs_clear (Pairs *pairs)
{
  g_clear_pointer (&pairs->days, g_array_unref);
  g_clear_pointer (&pairs->temperatures, g_array_unref);
  g_clear_pointer (&pairs->values, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pairs, pairs_clear)

/* Site @site's energy per local day, and the mean temperature of its
 * region on that day, in plain SQL; only the days that pass @filter, an
 * SQL condition on the local day of the week @w (0 is Sunday). */
static void
query_pairs (int         site,
             const char *filter,
             Pairs      *pairs)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  sql = g_strdup_printf ("WITH load AS (SELECT " LOCAL_DAY ("ts") " AS d, sum(kwh) AS v FROM consumption "
                         "                WHERE site_id = %d GROUP BY d), "
                         "     temp AS (SELECT " WEATHER_DAY " AS d, avg(temperature) AS t FROM weather "
                         "                WHERE region = (SELECT region FROM sites WHERE site_id = %d) GROUP BY d) "
                         "SELECT d, t, v FROM (SELECT d, t, v, CAST(strftime ('%%w', (d + 3600000) / 1000, 'unixepoch') AS INTEGER) AS w "
                         "                     FROM load JOIN temp USING (d)) WHERE %s ORDER BY d",
                         site, site, filter);
  pairs->days = g_array_new (FALSE, FALSE, sizeof (gint64));
  pairs->temperatures = g_array_new (FALSE, FALSE, sizeof (double));
  pairs->values = g_array_new (FALSE, FALSE, sizeof (double));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 d = sqlite3_column_int64 (stmt, 0);
      double t = sqlite3_column_double (stmt, 1), v = sqlite3_column_double (stmt, 2);

      g_array_append_val (pairs->days, d);
      g_array_append_val (pairs->temperatures, t);
      g_array_append_val (pairs->values, v);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (pairs->days->len, >=, 15);
}

typedef struct
{
  GtkWidget  *root;
  const char *name;
  const char *text;
} Choice;

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
  CourantThermoView *view;
  GtkLabel          *figures;
  Pairs             *pairs;
  CourantThermo     *expected;
} Expectation;

/* Whether the chart shows the SQL pairs, with the model that
 * data/courant-thermo fits to them, and the label its figures. */
static gboolean
fit_matches (gpointer data)
{
  Expectation *e = data;
  const CourantThermo *shown = courant_thermo_view_get_thermo (e->view);
  g_autoptr(GPtrArray) figures = NULL;
  g_autofree char *text = NULL;

  if (shown == NULL || shown->n != e->pairs->days->len)
    return FALSE;
  for (gsize i = 0; i < shown->n; i++)
    if (fabs (shown->temperatures[i] - g_array_index (e->pairs->temperatures, double, i)) > 1e-6 ||
        fabs (shown->values[i] - g_array_index (e->pairs->values, double, i)) > 1e-6)
      return FALSE;
  if (fabs (shown->base_temperature - e->expected->base_temperature) > 1e-9 ||
      fabs (shown->slope - e->expected->slope) > 1e-6 * MAX (1, fabs (e->expected->slope)) ||
      fabs (shown->baseload - e->expected->baseload) > 1e-6 * MAX (1, fabs (e->expected->baseload)) ||
      fabs (shown->r2 - e->expected->r2) > 1e-6 || shown->has_cooling != e->expected->has_cooling)
    return FALSE;
  figures = courant_thermo_model_figures (e->expected, "kWh");
  g_ptr_array_add (figures, NULL);
  text = g_strjoinv (" · ", (char **) figures->pdata);
  return g_str_equal (gtk_label_get_label (e->figures), text);
}

static CourantWindow *
open_thermo (GtkWidget **page)
{
  CourantWindow *window = courant_window_new (app);
  GtkWidget *stack;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  courant_test_wait_until (courant_test_window_idle, window, "the demo to open");
  courant_test_select_table (window, "consumption");
  stack = courant_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "thermo");
  *page = courant_test_find_widget (GTK_WIDGET (window), COURANT_TYPE_THERMO_PAGE, NULL);
  g_assert_nonnull (*page);
  return window;
}

static void
expect_fit (GtkWidget *root,
            Pairs     *pairs,
            gboolean   cooling,
            const char *what)
{
  g_autoptr(CourantThermo) expected = NULL;
  Expectation e;

  expected = courant_thermo_fit ((double *) pairs->temperatures->data, (double *) pairs->values->data,
                                 pairs->days->len, cooling);
  e.view = COURANT_THERMO_VIEW (courant_test_find_widget (root, COURANT_TYPE_THERMO_VIEW, NULL));
  e.figures = GTK_LABEL (courant_test_find_widget (root, GTK_TYPE_LABEL, "thermo-figures-label"));
  e.pairs = pairs;
  e.expected = expected;
  courant_test_wait_until (fit_matches, &e, what);
}

/* One site against its region's temperature, found through the sites
 * table; then with a cooling branch. */
static void
test_fit (void)
{
  GtkWidget *root;
  CourantWindow *window = open_thermo (&root);
  GtkWidget *temperature = courant_test_find_widget (root, GTK_TYPE_DROP_DOWN, "thermo-temperature-dropdown");
  g_auto(Pairs) pairs = { 0 };

  query_pairs (2, "1", &pairs);
  choose (root, "thermo-temperature-dropdown", "temperature (weather)");
  choose (root, "thermo-period-dropdown", "Days");
  choose (root, "thermo-series-dropdown", "2");
  expect_fit (root, &pairs, FALSE, "site 2 against its region's daily temperature");
  g_assert_true (gtk_widget_get_sensitive (temperature));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (courant_test_find_widget (root, GTK_TYPE_CHECK_BUTTON, "thermo-cooling-check")),
                               TRUE);
  expect_fit (root, &pairs, TRUE, "the same with a cooling branch");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Working days and weekends are fitted apart. */
static void
test_days (void)
{
  GtkWidget *root;
  CourantWindow *window = open_thermo (&root);
  g_auto(Pairs) working = { 0 };
  g_auto(Pairs) weekends = { 0 };

  query_pairs (1, "w BETWEEN 1 AND 5", &working);
  query_pairs (1, "w IN (0, 6)", &weekends);
  choose (root, "thermo-temperature-dropdown", "temperature (weather)");
  choose (root, "thermo-period-dropdown", "Days");
  choose (root, "thermo-series-dropdown", "1");
  choose (root, "thermo-days-dropdown", "Working days");
  expect_fit (root, &working, FALSE, "site 1 on working days");
  choose (root, "thermo-days-dropdown", "Weekends");
  expect_fit (root, &weekends, FALSE, "site 1 at weekends");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A point's tooltip gives its day, and the energy of that day as SQL sums
 * it; the arrows step through the days in order. */
static void
test_tooltip (void)
{
  GtkWidget *root;
  CourantWindow *window = open_thermo (&root);
  CourantThermoView *view;
  g_auto(Pairs) pairs = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *value = NULL;
  g_autofree char *temperature = NULL;
  double v;

  query_pairs (3, "1", &pairs);
  choose (root, "thermo-temperature-dropdown", "temperature (weather)");
  choose (root, "thermo-period-dropdown", "Days");
  choose (root, "thermo-series-dropdown", "3");
  expect_fit (root, &pairs, FALSE, "site 3 against its region's daily temperature");
  view = COURANT_THERMO_VIEW (courant_test_find_widget (root, COURANT_TYPE_THERMO_VIEW, NULL));

  g_assert_null (courant_thermo_view_dup_tooltip_text (view));
  courant_thermo_view_set_focus (view, 9);
  g_assert_cmpint (courant_thermo_view_get_focus (view), ==, 9);
  text = courant_thermo_view_dup_tooltip_text (view);
  date = courant_format_date (g_array_index (pairs.days, gint64, 9), NULL);
  v = g_array_index (pairs.values, double, 9);
  value = courant_format_number_with_unit (v, fabs (v) >= 100 ? 0 : fabs (v) >= 10 ? 1 : 2, "kWh");
  temperature = courant_format_number_with_unit (g_array_index (pairs.temperatures, double, 9), 1, "°C");
  g_test_message ("tooltip: %s", text);
  g_assert_nonnull (strstr (text, date));
  g_assert_nonnull (strstr (text, value));
  g_assert_nonnull (strstr (text, temperature));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  app = courant_test_app_setup ("courant-thermo-page-XXXXXX");

  g_test_add_func ("/thermo-page/fit", test_fit);
  g_test_add_func ("/thermo-page/days", test_days);
  g_test_add_func ("/thermo-page/tooltip", test_tooltip);

  status = g_test_run ();

  courant_test_app_teardown ();
  return status;
}
