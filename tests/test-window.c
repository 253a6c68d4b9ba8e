/* test-window.c: the application's windows under a virtual display
 *
 * Runs in English, and in French when LANGUAGE=fr (see tests/meson.build).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "courant-application.h"
#include "courant-demo.h"
#include "courant-demo-file.h"
#include "courant-window.h"

static CourantApplication *app;
static char *tmp_dir;

static gboolean
is_french (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "fr");
}

/* Iterates the main loop until @done returns TRUE, or fails after a while. */
static void
wait_until (gboolean  (*done) (gpointer),
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Finds a mapped widget whose text (label, button, row title, window title)
 * contains @needle. */
static GtkWidget *
find_text (GtkWidget  *widget,
           const char *needle)
{
  const char *text = NULL;

  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_INSCRIPTION (widget))
    text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  if (text != NULL && strstr (text, needle) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *needle;
} TextQuery;

static gboolean
text_shown (gpointer data)
{
  TextQuery *query = data;

  return find_text (query->root, query->needle) != NULL;
}

static void
wait_for_text (GtkWidget  *root,
               const char *needle)
{
  TextQuery query = { root, needle };

  wait_until (text_shown, &query, needle);
}

static gboolean
window_idle (gpointer data)
{
  return courant_window_is_empty (data) || courant_window_get_source (data) != NULL;
}

static CourantWindow *
new_window (void)
{
  CourantWindow *window = courant_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  settle ();
  return window;
}

static void
test_start_page (void)
{
  CourantWindow *window = new_window ();

  g_assert_true (courant_window_is_empty (window));
  wait_for_text (GTK_WIDGET (window), is_french () ? "Ouvrir un fichier" : "Open a File");
  wait_for_text (GTK_WIDGET (window), is_french () ? "données de démonstration"
                                                   : "Demo Data");
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shows a page of the table's view stack, as its switcher does. */
static void
show_view (GtkWidget  *window,
           const char *name)
{
  GtkWidget *stack = find_type (window, ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
}

/* Selects a table as the keyboard does, stepping down the sidebar. */
static void
select_table (CourantWindow *window,
              const char    *name)
{
  CourantSource *source = courant_window_get_source (window);
  GPtrArray *tables = courant_source_get_tables (source);

  for (guint i = 0; i < tables->len; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-table", NULL);
  for (guint i = 0; i < tables->len; i++)
    {
      const CourantTableInfo *table = g_ptr_array_index (tables, i);

      if (g_str_equal (table->name, name))
        return;
      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-table", NULL);
    }
  g_assert_not_reached ();
}

static void
test_demo (void)
{
  CourantWindow *window = new_window ();
  CourantSource *source;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  wait_until (window_idle, window, "the window to finish loading");
  source = courant_window_get_source (window);
  g_assert_nonnull (source);
  g_assert_nonnull (courant_source_find_table (source, "events"));

  /* The sidebar lists every table, and the first one is shown. */
  for (guint i = 0; i < courant_source_get_tables (source)->len; i++)
    {
      const CourantTableInfo *table = g_ptr_array_index (courant_source_get_tables (source), i);

      wait_for_text (GTK_WIDGET (window), table->name);
    }
  wait_for_text (GTK_WIDGET (window), "site_id");
  /* What each table holds is inferred from its columns. */
  wait_for_text (GTK_WIDGET (window), is_french () ? "Parcours clients" : "Customer journeys");
  wait_for_text (GTK_WIDGET (window), is_french () ? "Séries d’énergie" : "Energy series");
  wait_for_text (GTK_WIDGET (window), is_french () ? "colonnes" : "columns");

  /* Alt+Down steps to the next table: customers, and its columns. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-table", NULL);
  wait_for_text (GTK_WIDGET (window), "segment");

  /* The events table draws its journeys as flows between steps. */
  select_table (window, "events");
  show_view (GTK_WIDGET (window), "flows");
  wait_for_text (GTK_WIDGET (window), is_french () ? "clients dans ces parcours"
                                                   : "customers in these journeys");

  /* The weather table draws each region's temperature over time. */
  select_table (window, "weather");
  show_view (GTK_WIDGET (window), "timeline");
  wait_for_text (GTK_WIDGET (window), "temperature");
  wait_for_text (GTK_WIDGET (window), "Auvergne-Rhône-Alpes");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-source", NULL);
  settle ();
  g_assert_true (courant_window_is_empty (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
write_file (const char *name,
            const void *bytes,
            gsize       len,
            char      **path)
{
  *path = g_build_filename (tmp_dir, name, NULL);
  g_assert_true (g_file_set_contents (*path, bytes, len, NULL));
}

/* A file that cannot be opened leaves the window usable and says why in one
 * sentence, naming the file. */
static void
check_open_error (const char *path,
                  const char *english,
                  const char *french)
{
  CourantWindow *window = new_window ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_path_get_basename (path);

  courant_window_open_file (window, file);
  wait_until (window_idle, window, "the window to finish loading");
  g_assert_null (courant_window_get_source (window));
  wait_for_text (GTK_WIDGET (window), is_french () ? french : english);
  wait_for_text (GTK_WIDGET (window), basename);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_not_a_database (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autofree char *path = NULL;

  write_file ("picture.png", png, sizeof png, &path);
  check_open_error (path, "neither a SQLite database nor a CSV file",
                    "ni une base SQLite ni un fichier CSV");
}

static void
test_missing (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "gone.sqlite", NULL);

  check_open_error (path, "does not exist", "n’existe pas");
}

static void
test_truncated (void)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *demo_path = g_file_get_path (demo);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (demo_path, &contents, &len, NULL));
  write_file ("cut.sqlite", contents, len / 3, &path);
  check_open_error (path, "truncated", "tronquée");
}

static void
test_csv (void)
{
  static const char csv[] = "Date début;Demande (MW);Région\n"
                            "2025-01-15;61234,5;Bretagne\n"
                            "2025-01-16;;Normandie\n";
  CourantWindow *window = new_window ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  write_file ("demande.csv", csv, strlen (csv), &path);
  file = g_file_new_for_path (path);
  courant_window_open_file (window, file);
  wait_until (window_idle, window, "the window to finish loading");
  g_assert_nonnull (courant_window_get_source (window));
  wait_for_text (GTK_WIDGET (window), "Demande (MW)");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* A small demo in the test's data folder, so that the window finds it
 * instead of writing the full-size one. */
static void
write_small_demo (void)
{
  g_autoptr(GFile) demo = courant_demo_file_get ();
  g_autofree char *path = g_file_get_path (demo);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  CourantDemoOptions options;

  courant_demo_options_init (&options);
  options.n_customers = 300;
  options.n_sites = 3;
  options.n_days = 60;
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  int status;

  tmp_dir = g_dir_make_tmp ("courant-window-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COURANT_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (is_french () && g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, "Courant"), "Courant") == 0 &&
      g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, "_Open a File…"), "_Open a File…") == 0)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("No French translation or French locale is available.");
      return g_test_run ();
    }

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  app = courant_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  write_small_demo ();

  g_test_add_func ("/window/start-page", test_start_page);
  g_test_add_func ("/window/demo", test_demo);
  g_test_add_func ("/window/csv", test_csv);
  g_test_add_func ("/window/errors/not-a-database", test_not_a_database);
  g_test_add_func ("/window/errors/missing", test_missing);
  g_test_add_func ("/window/errors/truncated", test_truncated);

  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
