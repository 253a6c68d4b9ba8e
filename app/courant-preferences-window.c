/* courant-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-preferences-window.h"

struct _CourantPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *style_row;
  AdwEntryRow          *timezone_row;
  GtkSwitch            *reopen_switch;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (CourantPreferencesWindow, courant_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
is_valid_timezone (const char *identifier)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (identifier[0] == '\0')
    return FALSE;

  zone = g_time_zone_new_identifier (identifier);
  return zone != NULL;
}

static void
timezone_changed_cb (CourantPreferencesWindow *self,
                     GtkEditable              *editable)
{
  if (is_valid_timezone (gtk_editable_get_text (editable)))
    gtk_widget_remove_css_class (GTK_WIDGET (self->timezone_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->timezone_row), "error");
}

static void
timezone_apply_cb (CourantPreferencesWindow *self,
                   AdwEntryRow              *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *message = NULL;

  if (is_valid_timezone (text))
    {
      g_settings_set_string (self->settings, "timezone", text);
      return;
    }

  /* Translators: %s is what the user typed, e.g. “Europe/Pari”. */
  message = g_strdup_printf (_("“%s” is not a time zone; use a name such as Europe/Paris."), text);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value,
                    g_str_equal (nick, "light") ? 1 : g_str_equal (nick, "dark") ? 2 : 0);
  return TRUE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  static const char *nicks[] = { "default", "light", "dark" };
  guint selected = g_value_get_uint (value);

  return g_variant_new_string (nicks[MIN (selected, G_N_ELEMENTS (nicks) - 1)]);
}

static void
courant_preferences_window_dispose (GObject *object)
{
  CourantPreferencesWindow *self = COURANT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (courant_preferences_window_parent_class)->dispose (object);
}

static void
courant_preferences_window_class_init (CourantPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, CourantPreferencesWindow, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, CourantPreferencesWindow, reopen_switch);
}

static void
courant_preferences_window_init (CourantPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->timezone_row, "changed",
                           G_CALLBACK (timezone_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timezone_row, "apply",
                           G_CALLBACK (timezone_apply_cb), self, G_CONNECT_SWAPPED);
}

CourantPreferencesWindow *
courant_preferences_window_new (GSettings *settings)
{
  CourantPreferencesWindow *self;
  g_autofree char *timezone = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (COURANT_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_get_mapping, style_set_mapping, NULL, NULL);
  g_settings_bind (settings, "reopen-last-source", self->reopen_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  timezone = g_settings_get_string (settings, "timezone");
  gtk_editable_set_text (GTK_EDITABLE (self->timezone_row), timezone);
  return self;
}
