/* test-window.c: the application's windows under a virtual display
 *
 * Runs in English, and in French when LANGUAGE=fr (see tests/meson.build).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "courant-demo-file.h"
#include "courant-sankey-view.h"
#include "courant-test-app.h"
#include "courant-window.h"

static CourantApplication *app;

static gboolean
is_french (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "fr");
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

  courant_test_wait_until (text_shown, &query, needle);
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

/* Shows a page of the table's view stack, as its switcher does. */
static void
show_view (GtkWidget  *window,
           const char *name)
{
  GtkWidget *stack = courant_test_find_widget (window, ADW_TYPE_VIEW_STACK, NULL);

  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
}

/* The demo's events as a French or an English reader reads them. */
static const struct
{
  const char *code;
  const char *english;
  const char *french;
} event_names[] = {
  { "bill_issued", "Bill issued", "Facture émise" },
  { "bill_viewed", "Bill viewed", "Facture consultée" },
  { "account_visit", "Account visit", "Visite de l’espace client" },
  { "payment", "Payment", "Paiement" },
  { "call", "Call", "Appel" },
};

static gboolean
has_scene (gpointer view)
{
  return courant_sankey_view_get_scene (view) != NULL;
}

/* The Sankey's nodes keep the codes and show the names. */
static void
check_sankey_names (GtkWidget *window)
{
  GtkWidget *view = courant_test_find_widget (window, COURANT_TYPE_SANKEY_VIEW, NULL);
  const CourantSankeyScene *scene;
  guint named = 0;

  g_assert_nonnull (view);
  courant_test_wait_until (has_scene, view, "the Sankey's layout");
  scene = courant_sankey_view_get_scene (COURANT_SANKEY_VIEW (view));
  for (guint v = 0; v < scene->n_nodes; v++)
    for (guint i = 0; i < G_N_ELEMENTS (event_names); i++)
      if (g_str_equal (scene->nodes[v].label, event_names[i].code))
        {
          g_assert_cmpstr (scene->nodes[v].display, ==,
                           is_french () ? event_names[i].french : event_names[i].english);
          if (scene->nodes[v].label_visible)
            g_assert_true (g_str_has_prefix (scene->nodes[v].label_text, scene->nodes[v].display));
          named++;
        }
  g_assert_cmpuint (named, >, 0);
}

static void
test_demo (void)
{
  CourantWindow *window = new_window ();
  CourantSource *source;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  courant_test_wait_until (courant_test_window_idle, window, "the window to finish loading");
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
  courant_test_select_table (window, "events");
  show_view (GTK_WIDGET (window), "flows");
  wait_for_text (GTK_WIDGET (window), is_french () ? "clients dans ces parcours"
                                                   : "customers in these journeys");
  check_sankey_names (GTK_WIDGET (window));

  /* What leads to a termination names it, and its precursors, in words. */
  show_view (GTK_WIDGET (window), "precursors");
  wait_for_text (GTK_WIDGET (window), is_french () ? "Résiliation\u00a0» atteint" : "Reached “Termination”");

  /* The weather table draws each region's temperature over time. */
  courant_test_select_table (window, "weather");
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
  *path = g_build_filename (courant_test_app_get_dir (), name, NULL);
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
  courant_test_wait_until (courant_test_window_idle, window, "the window to finish loading");
  g_assert_null (courant_window_get_source (window));
  wait_for_text (GTK_WIDGET (window), is_french () ? french : english);
  wait_for_text (GTK_WIDGET (window), basename);
  /* libadwaita 1.2's toast overlay may unparent a toast twice when it is
   * destroyed in the middle of the toast's show animation: let it end. */
  for (guint i = 0; i < 3; i++)
    settle ();
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
  g_autofree char *path = g_build_filename (courant_test_app_get_dir (), "gone.sqlite", NULL);

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
  courant_test_wait_until (courant_test_window_idle, window, "the window to finish loading");
  g_assert_nonnull (courant_window_get_source (window));
  wait_for_text (GTK_WIDGET (window), "Demande (MW)");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Without the French locale the French run cannot run; with it, every
   * French string must be there. */
  if (setlocale (LC_ALL, "") == NULL && is_french ())
    {
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("The fr_FR.UTF-8 locale is not installed.");
      return g_test_run ();
    }
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COURANT_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  app = courant_test_app_setup ("courant-window-XXXXXX");

  g_test_add_func ("/window/start-page", test_start_page);
  g_test_add_func ("/window/demo", test_demo);
  g_test_add_func ("/window/csv", test_csv);
  g_test_add_func ("/window/errors/not-a-database", test_not_a_database);
  g_test_add_func ("/window/errors/missing", test_missing);
  g_test_add_func ("/window/errors/truncated", test_truncated);

  status = g_test_run ();

  courant_test_app_teardown ();
  return status;
}
