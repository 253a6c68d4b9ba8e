/* courant-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-demo-file.h"
#include "courant-format.h"
#include "courant-open.h"
#include "courant-recent.h"
#include "courant-start-page.h"
#include "courant-table-page.h"
#include "courant-window.h"

struct _CourantWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  CourantStartPage     *start_page;
  AdwStatusPage        *loading_status;
  GtkProgressBar       *loading_progress;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *source_title;
  GtkListBox           *table_list;
  AdwViewSwitcherTitle *switcher_title;
  CourantTablePage     *table_page;

  GSettings            *settings;
  /* The open source and the roles of its tables. */
  CourantOpened        *opened;
  CourantSource        *source;
  /* The open or generate request running now, if any. */
  GCancellable         *cancellable;
  guint                 pulse_id;
};

G_DEFINE_FINAL_TYPE (CourantWindow, courant_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_actions (CourantWindow *self)
{
  gboolean loading = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-source",
                                 self->source != NULL && !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-table", self->source != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-table", self->source != NULL);
}

static void
stop_pulse (CourantWindow *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static gboolean
pulse_cb (gpointer user_data)
{
  CourantWindow *self = user_data;

  gtk_progress_bar_pulse (self->loading_progress);
  return G_SOURCE_CONTINUE;
}

/* Shows the loading page; a NULL @text means the duration is unknown. */
static void
show_loading (CourantWindow *self,
              const char    *title,
              const char    *text)
{
  adw_status_page_set_title (self->loading_status, title);
  gtk_progress_bar_set_text (self->loading_progress, text);
  gtk_progress_bar_set_show_text (self->loading_progress, text != NULL);
  gtk_progress_bar_set_fraction (self->loading_progress, 0.0);
  stop_pulse (self);
  if (text == NULL)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/* Starts a request, cancelling the one it replaces. */
static GCancellable *
begin_request (CourantWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  update_actions (self);
  return self->cancellable;
}

static void
end_request (CourantWindow *self)
{
  stop_pulse (self);
  g_clear_object (&self->cancellable);
  update_actions (self);
}

static void
show_current_page (CourantWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, self->source != NULL ? "source" : "start");
}

static void
show_error (CourantWindow *self,
            const GError  *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  /* Whoever started the app from a terminal reads the same sentence there. */
  g_printerr ("courant: %s\n", error->message);
}

static const char *
kind_icon_name (CourantTableKind kind)
{
  switch (kind)
    {
    case COURANT_TABLE_JOURNEYS: return "media-playlist-shuffle-symbolic";
    case COURANT_TABLE_SERIES:   return "power-profile-performance-symbolic";
    case COURANT_TABLE_WEATHER:  return "weather-few-clouds-symbolic";
    case COURANT_TABLE_UNKNOWN:
    default:                     return "x-office-spreadsheet-symbolic";
    }
}

static GtkWidget *
create_table_row (const CourantTableInfo  *table,
                  const CourantTableRoles *roles)
{
  g_autofree char *rows = courant_format_number ((double) table->n_rows, 0);
  g_autofree char *rows_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  CourantTableKind kind = roles != NULL ? roles->kind : COURANT_TABLE_UNKNOWN;
  GtkWidget *row, *box, *labels, *name, *detail;

  rows_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                            (gulong) table->n_rows),
                               rows);
  if (kind == COURANT_TABLE_UNKNOWN)
    subtitle = g_strdup (rows_text);
  else
    /* Translators: “Customer journeys · 999,749 rows”. */
    subtitle = g_strdup_printf (_("%s · %s"), courant_table_kind_get_title (kind), rows_text);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (kind_icon_name (kind)));

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  name = gtk_label_new (table->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  detail = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "table-row-subtitle");
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), labels);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "table", g_strdup (table->name), g_free);
  description = g_strdup_printf ("%s, %s", table->name, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  return row;
}

static void
fill_table_list (CourantWindow *self)
{
  GPtrArray *tables = courant_source_get_tables (self->source);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_list))) != NULL)
    gtk_list_box_remove (self->table_list, child);

  for (guint i = 0; i < tables->len; i++)
    {
      const CourantTableInfo *table = g_ptr_array_index (tables, i);

      gtk_list_box_append (self->table_list,
                           create_table_row (table, courant_opened_get_roles (self->opened, table->name)));
    }
}

/* Takes ownership of @opened. */
static void
set_opened (CourantWindow *self,
            CourantOpened *opened)
{
  CourantSource *source = opened != NULL ? opened->source : NULL;
  g_autofree char *title = NULL;

  courant_table_page_set_table (self->table_page, NULL, NULL);
  g_clear_pointer (&self->opened, courant_opened_free);
  self->opened = opened;
  self->source = source;
  update_actions (self);

  if (source == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Courant"));
      return;
    }

  /* Translators: the window title, “SOURCE — Courant”. */
  title = g_strdup_printf (_("%s — Courant"), courant_source_get_title (source));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->source_title, courant_source_get_title (source));
  adw_window_title_set_subtitle (self->source_title,
                                 courant_source_get_tables (source)->len == 0
                                 ? _("No tables") : NULL);
  fill_table_list (self);
  gtk_list_box_select_row (self->table_list, gtk_list_box_get_row_at_index (self->table_list, 0));
}

/* Ends a request that failed. A cancelled request that a newer one replaced
 * leaves the window to it; otherwise the window returns to the page it
 * showed, saying why unless the user cancelled. */
static void
fail_request (CourantWindow *self,
              const GError  *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable))
        return;
    }
  else
    show_error (self, error);

  end_request (self);
  show_current_page (self);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CourantWindow) self = user_data;
  g_autoptr(CourantOpened) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) demo = courant_demo_file_get ();
  GFile *file;

  opened = courant_open_finish (result, &error);

  if (opened == NULL)
    {
      fail_request (self, error);
      return;
    }

  end_request (self);
  file = courant_source_get_file (opened->source);
  if (g_file_equal (file, demo))
    g_settings_set_string (self->settings, "last-source", "demo");
  else
    courant_recent_add (self->settings, file);
  set_opened (self, g_steal_pointer (&opened));
  show_current_page (self);
}

void
courant_window_open_file (CourantWindow *self,
                          GFile         *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *timezone = NULL;
  GCancellable *cancellable;

  g_return_if_fail (COURANT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  name = g_filename_display_name (basename);
  /* Translators: shown while a file is read, “Opening data.sqlite…”. */
  title = g_strdup_printf (_("Opening %s…"), name);

  cancellable = begin_request (self);
  show_loading (self, title, NULL);
  timezone = g_settings_get_string (self->settings, "timezone");
  courant_open_async (file, timezone, cancellable, open_cb, g_object_ref (self));
}

static void
demo_progress_cb (double      fraction,
                  const char *stage,
                  gpointer    user_data)
{
  CourantWindow *self = user_data;

  stop_pulse (self);
  gtk_progress_bar_set_fraction (self->loading_progress, fraction);
  gtk_progress_bar_set_text (self->loading_progress, stage);
  gtk_progress_bar_set_show_text (self->loading_progress, TRUE);
}

static void
demo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CourantWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = courant_demo_file_ensure_finish (result, &error);
  if (file != NULL)
    {
      courant_window_open_file (self, file);
      return;
    }

  fail_request (self, error);
}

void
courant_window_open_demo (CourantWindow *self)
{
  GCancellable *cancellable;

  g_return_if_fail (COURANT_IS_WINDOW (self));

  cancellable = begin_request (self);
  show_loading (self, _("Preparing the Demo Data…"), NULL);
  courant_demo_file_ensure_async (cancellable, demo_progress_cb, G_OBJECT (self),
                                  demo_cb, g_object_ref (self));
}

void
courant_window_close_source (CourantWindow *self)
{
  g_return_if_fail (COURANT_IS_WINDOW (self));

  set_opened (self, NULL);
  g_settings_set_string (self->settings, "last-source", "");
  show_current_page (self);
}

void
courant_window_restore_session (CourantWindow *self)
{
  g_autofree char *last = NULL;
  g_auto(GStrv) recent = NULL;

  g_return_if_fail (COURANT_IS_WINDOW (self));

  last = g_settings_get_string (self->settings, "last-source");
  recent = g_settings_get_strv (self->settings, "recent-sources");

  if ((last[0] == '\0' && recent[0] == NULL) || g_str_equal (last, "demo"))
    {
      /* First use, or the demo was open when the app last closed. */
      if (last[0] == '\0' || g_settings_get_boolean (self->settings, "reopen-last-source"))
        courant_window_open_demo (self);
    }
  else if (last[0] != '\0' && g_settings_get_boolean (self->settings, "reopen-last-source"))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (last);

      if (g_file_query_exists (file, NULL))
        courant_window_open_file (self, file);
    }
}

gboolean
courant_window_is_empty (CourantWindow *self)
{
  g_return_val_if_fail (COURANT_IS_WINDOW (self), FALSE);

  return self->source == NULL && self->cancellable == NULL;
}

CourantSource *
courant_window_get_source (CourantWindow *self)
{
  g_return_val_if_fail (COURANT_IS_WINDOW (self), NULL);

  return self->source;
}

static void
file_chooser_response_cb (CourantWindow        *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      courant_window_open_file (self, file);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *const *mime_types,
            const char     *const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  static const char *sqlite_types[] = { "application/vnd.sqlite3", "application/x-sqlite3", NULL };
  static const char *sqlite_suffixes[] = { "sqlite", "sqlite3", "db", NULL };
  static const char *csv_types[] = { "text/csv", NULL };
  static const char *csv_suffixes[] = { "csv", "tsv", NULL };
  static const char *all_types[] = { "application/vnd.sqlite3", "application/x-sqlite3",
                                     "text/csv", NULL };
  static const char *all_suffixes[] = { "sqlite", "sqlite3", "db", "csv", "tsv", NULL };
  CourantWindow *self = COURANT_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Data File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("SQLite Databases and CSV Files"),
              all_types, all_suffixes);
  add_filter (GTK_FILE_CHOOSER (chooser), _("SQLite Databases"), sqlite_types, sqlite_suffixes);
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV Files"), csv_types, csv_suffixes);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  courant_window_open_demo (COURANT_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  courant_window_open_file (COURANT_WINDOW (widget), file);
}

static void
close_source_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  courant_window_close_source (COURANT_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CourantWindow *self = COURANT_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
show_tables_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CourantWindow *self = COURANT_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
step_table (CourantWindow *self,
            int            delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->table_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) + delta : 0;
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->table_list, MAX (index, 0));

  if (next != NULL)
    {
      gtk_list_box_select_row (self->table_list, next);
      gtk_widget_grab_focus (GTK_WIDGET (next));
    }
}

static void
previous_table_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step_table (COURANT_WINDOW (widget), -1);
}

static void
next_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  step_table (COURANT_WINDOW (widget), 1);
}

static void
table_selected_cb (CourantWindow *self,
                   GtkListBoxRow *row,
                   GtkListBox    *list)
{
  if (row == NULL || self->source == NULL)
    return;

  courant_table_page_set_table (self->table_page, self->opened,
                                g_object_get_data (G_OBJECT (row), "table"));
}

static void
table_activated_cb (CourantWindow *self,
                    GtkListBoxRow *row,
                    GtkListBox    *list)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
drop_cb (CourantWindow *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  courant_window_open_file (self, files->data);
  return TRUE;
}

static gboolean
courant_window_close_request (GtkWindow *window)
{
  CourantWindow *self = COURANT_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (courant_window_parent_class)->close_request (window);
}

/* The window's size and content follow the application's settings. */
static void
apply_settings (CourantWindow *self,
                GSettings     *settings)
{
  self->settings = g_object_ref (settings);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  courant_start_page_set_settings (self->start_page, settings);
  update_actions (self);
}

static void
courant_window_dispose (GObject *object)
{
  CourantWindow *self = COURANT_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  stop_pulse (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->opened, courant_opened_free);
  self->source = NULL;
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_WINDOW);

  G_OBJECT_CLASS (courant_window_parent_class)->dispose (object);
}

static void
courant_window_class_init (CourantWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = courant_window_dispose;
  window_class->close_request = courant_window_close_request;

  g_type_ensure (COURANT_TYPE_START_PAGE);
  g_type_ensure (COURANT_TYPE_TABLE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/courant-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, loading_status);
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, source_title);
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, table_list);
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CourantWindow, table_page);
  gtk_widget_class_bind_template_callback (widget_class, table_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.close-source", NULL, close_source_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.show-tables", NULL, show_tables_action);
  gtk_widget_class_install_action (widget_class, "win.previous-table", NULL, previous_table_action);
  gtk_widget_class_install_action (widget_class, "win.next-table", NULL, next_table_action);
}

static void
courant_window_init (CourantWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_view_switcher_title_set_stack (self->switcher_title,
                                     courant_table_page_get_stack (self->table_page));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

CourantWindow *
courant_window_new (CourantApplication *application)
{
  CourantWindow *self;

  g_return_val_if_fail (COURANT_IS_APPLICATION (application), NULL);

  self = g_object_new (COURANT_TYPE_WINDOW,
                       "application", application,
                       NULL);
  apply_settings (self, courant_application_get_settings (application));
  return self;
}
