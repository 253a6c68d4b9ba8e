/* courant-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-application.h"
#include "courant-preferences-window.h"
#include "courant-window.h"

struct _CourantApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (CourantApplication, courant_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.new-window",          { "<Control>n", NULL } },
  { "app.preferences",         { "<Control>comma", NULL } },
  { "app.quit",                { "<Control>q", NULL } },
  { "win.open",                { "<Control>o", NULL } },
  { "win.open-demo",           { "<Control><Shift>d", NULL } },
  { "win.close-source",        { "<Control><Shift>w", NULL } },
  { "win.cancel",              { "Escape", NULL } },
  { "win.previous-table",      { "<Alt>Up", NULL } },
  { "win.next-table",          { "<Alt>Down", NULL } },
  { "window.close",            { "<Control>w", NULL } },
  { "win.show-help-overlay",   { "<Control>question", NULL } },
};

CourantApplication *
courant_application_new (void)
{
  return g_object_new (COURANT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
courant_application_get_settings (CourantApplication *self)
{
  g_return_val_if_fail (COURANT_IS_APPLICATION (self), NULL);

  return self->settings;
}

static void
apply_color_scheme (CourantApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint scheme = g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (scheme, G_N_ELEMENTS (schemes) - 1)]);
}

static void
color_scheme_changed_cb (CourantApplication *self)
{
  apply_color_scheme (self);
}

static CourantWindow *
find_empty_window (CourantApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (COURANT_IS_WINDOW (l->data) && courant_window_is_empty (l->data))
      return l->data;
  return NULL;
}

static void
courant_application_activate (GApplication *app)
{
  CourantApplication *self = COURANT_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (courant_window_new (self));
      courant_window_restore_session (COURANT_WINDOW (window));
    }
  gtk_window_present (window);
}

static void
courant_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  CourantApplication *self = COURANT_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      CourantWindow *window = find_empty_window (self);

      if (window == NULL)
        window = courant_window_new (self);
      courant_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CourantApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (courant_window_new (self)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CourantApplication *self = user_data;

  /* Closing each window lets it save its size first. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CourantApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CourantPreferencesWindow *preferences = courant_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CourantApplication *self = user_data;
  static const char *developers[] = { "The Courant developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Courant"),
                        "developer-name", _("The Courant developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Explore customer journeys and energy data: "
                                      "journey flows, consumption timelines, heatmaps "
                                      "and thermosensitivity."),
                        "website", "https://github.com/courant/courant",
                        "issue-url", "https://github.com/courant/courant/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Courant developers",
                        "developers", developers,
                        /* Translators: your name and e-mail, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "new-window",  new_window_action },
  { "preferences", preferences_action },
  { "about",       about_action },
  { "quit",        quit_action },
};

static void
courant_application_startup (GApplication *app)
{
  CourantApplication *self = COURANT_APPLICATION (app);

  G_APPLICATION_CLASS (courant_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
courant_application_dispose (GObject *object)
{
  CourantApplication *self = COURANT_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (courant_application_parent_class)->dispose (object);
}

static void
courant_application_class_init (CourantApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = courant_application_dispose;

  app_class->startup = courant_application_startup;
  app_class->activate = courant_application_activate;
  app_class->open = courant_application_open;
}

static void
courant_application_init (CourantApplication *self)
{
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[FILE…]"));
}
