/* courant-start-page.c: what a window shows before a source is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-recent.h"
#include "courant-start-page.h"

struct _CourantStartPage
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *recent_group;
  GtkListBox          *recent_list;

  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (CourantStartPage, courant_start_page, ADW_TYPE_BIN)

static GtkWidget *
create_recent_row (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent ? g_file_get_parse_name (parent) : NULL;
  GtkWidget *row;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (folder != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", uri);
  return row;
}

static void
refresh_recent (CourantStartPage *self)
{
  g_autoptr(GPtrArray) files = courant_recent_list (self->settings);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; i < files->len; i++)
    gtk_list_box_append (self->recent_list, create_recent_row (g_ptr_array_index (files, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), files->len > 0);
}

void
courant_start_page_set_settings (CourantStartPage *self,
                                 GSettings        *settings)
{
  g_return_if_fail (COURANT_IS_START_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::recent-sources",
                           G_CALLBACK (refresh_recent), self, G_CONNECT_SWAPPED);
  refresh_recent (self);
}

static void
courant_start_page_dispose (GObject *object)
{
  CourantStartPage *self = COURANT_START_PAGE (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_START_PAGE);

  G_OBJECT_CLASS (courant_start_page_parent_class)->dispose (object);
}

static void
courant_start_page_class_init (CourantStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_start_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantStartPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, CourantStartPage, recent_list);
}

static void
courant_start_page_init (CourantStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), FALSE);
}
