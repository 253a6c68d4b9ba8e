/* courant-test-app.c: what the application tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "courant-demo.h"
#include "courant-demo-file.h"
#include "courant-test-app.h"

static CourantApplication *app;
static char *tmp_dir;

/* A small demo where the window looks for the demo, so that opening it
 * does not write the full-size one. */
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
  options.n_sites = 10;
  options.n_days = 60;
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

CourantApplication *
courant_test_app_setup (const char *template)
{
  tmp_dir = g_dir_make_tmp (template, NULL);
  g_assert_nonnull (tmp_dir);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);

  gtk_init ();
  app = courant_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  write_small_demo ();
  return app;
}

const char *
courant_test_app_get_dir (void)
{
  return tmp_dir;
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

void
courant_test_app_teardown (void)
{
  g_clear_object (&app);
  remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

void
courant_test_wait_until (gboolean  (*done) (gpointer),
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

GtkWidget *
courant_test_find_widget (GtkWidget  *root,
                          GType       type,
                          const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = courant_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
courant_test_window_idle (gpointer window)
{
  return courant_window_is_empty (window) || courant_window_get_source (window) != NULL;
}

void
courant_test_select_table (CourantWindow *window,
                           const char    *name)
{
  GPtrArray *tables = courant_source_get_tables (courant_window_get_source (window));

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
