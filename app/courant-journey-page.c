/* courant-journey-page.c: the 360° view of one customer
 *
 * A customer is chosen from the search entry (their id, or the start of
 * their reference, with suggestions), drawn at random, or asked for by
 * another page through the table page's `table.show-customer` action.
 * Their events are read alone through the entity's index; the tables of
 * readings (the sites' consumption, the regions' weather) are found once
 * per table through the measure catalog that the timeline page also uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-format.h"
#include "courant-journey.h"
#include "courant-journey-page.h"
#include "courant-labels.h"
#include "courant-journey-view.h"
#include "courant-measure-catalog.h"

#define MAX_SUGGESTIONS 8

typedef enum
{
  CATALOG_NONE,
  CATALOG_RUNNING,
  CATALOG_DONE,
} CatalogState;

struct _CourantJourneyPage
{
  AdwBin              parent_instance;

  GtkSearchEntry     *search_entry;
  GtkButton          *random_button;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_status;
  GtkLabel           *title_label;
  GtkLabel           *attributes_label;
  CourantJourneyView *view;
  GtkPopover         *suggestions_popover;
  GtkListBox         *suggestions_list;

  CourantSource      *source;
  GTimeZone          *timezone;
  /* The spec's strings live in @strings, reset with the table. */
  CourantJourneySpec  spec;
  GStringChunk       *strings;
  CatalogState        catalog;
  char               *pending;        /* the customer to load once the catalog is known */

  GCancellable       *catalog_cancellable;
  GCancellable       *load_cancellable;
  GCancellable       *search_cancellable;
};

G_DEFINE_FINAL_TYPE (CourantJourneyPage, courant_journey_page, ADW_TYPE_BIN)

gboolean
courant_journey_page_can_show (const CourantTableRoles *roles)
{
  return roles != NULL && roles->kind == COURANT_TABLE_JOURNEYS &&
         courant_table_roles_find (roles, COURANT_ROLE_ENTITY) >= 0 &&
         courant_table_roles_find (roles, COURANT_ROLE_TIME) >= 0 &&
         courant_table_roles_find (roles, COURANT_ROLE_EVENT) >= 0;
}

static const char *
keep (CourantJourneyPage *self,
      const char         *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void
show_error (CourantJourneyPage *self,
            const GError       *error)
{
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_status, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* The header ---------------------------------------------------------------- */

static gboolean
is_label_column (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return strstr (lower, "ref") != NULL || strstr (lower, "name") != NULL || strstr (lower, "nom") != NULL;
}

static void
show_header (CourantJourneyPage   *self,
             const CourantJourney *journey)
{
  g_autoptr(GString) attributes = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *events = NULL;
  const char *reference = NULL;

  for (guint i = 0; i < journey->attribute_names->len; i++)
    {
      const char *name = g_ptr_array_index (journey->attribute_names, i);
      const char *value = g_ptr_array_index (journey->attribute_values, i);
      g_autofree char *name_label = NULL;
      g_autofree char *value_label = NULL;

      if (value == NULL)
        continue;
      if (reference == NULL && is_label_column (name))
        {
          reference = value;
          continue;
        }
      name_label = courant_label_display (name);
      value_label = courant_label_display (value);
      /* Translators: one attribute of a customer, “Segment: Enterprise”. */
      g_string_append_printf (attributes, _("%s: %s"), name_label, value_label);
      g_string_append (attributes, " · ");
    }
  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", journey->n_events),
                            journey->n_events);
  g_string_append (attributes, events);
  if (journey->sites->len > 0)
    {
      g_string_append (attributes, " · ");
      g_string_append_printf (attributes, g_dngettext (GETTEXT_PACKAGE, "%u site", "%u sites",
                                                       journey->sites->len),
                              journey->sites->len);
    }

  if (reference != NULL)
    /* Translators: “Customer 123 · CL-0000123”. */
    title = g_strdup_printf (_("Customer %s · %s"), journey->entity, reference);
  else
    title = g_strdup_printf (_("Customer %s"), journey->entity);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->attributes_label, attributes->str);
}

/* Loading a customer -------------------------------------------------------- */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CourantJourneyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantJourney *journey = courant_journey_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_cancellable);
  if (journey == NULL)
    {
      show_error (self, error);
      return;
    }
  gtk_spinner_stop (self->spinner);
  show_header (self, journey);
  courant_journey_view_set_journey (self->view, journey);
  gtk_stack_set_visible_child_name (self->stack, "journey");
}

static void
start_load (CourantJourneyPage *self,
            const char         *entity)
{
  cancel (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  courant_journey_load_async (self->source, &self->spec, entity, self->load_cancellable,
                              load_cb, g_object_ref (self));
}

/* The spec's strings, copied out of roles that do not last. */
static void
keep_spec (CourantJourneyPage *self)
{
  CourantJourneySpec *spec = &self->spec;

  spec->events_table = keep (self, spec->events_table);
  spec->entity_column = keep (self, spec->entity_column);
  spec->time_column = keep (self, spec->time_column);
  spec->event_column = keep (self, spec->event_column);
  spec->channel_column = keep (self, spec->channel_column);
  spec->series_table = keep (self, spec->series_table);
  spec->series_site_column = keep (self, spec->series_site_column);
  spec->series_time_column = keep (self, spec->series_time_column);
  spec->series_value_column = keep (self, spec->series_value_column);
  spec->weather_table = keep (self, spec->weather_table);
  spec->weather_region_column = keep (self, spec->weather_region_column);
  spec->weather_time_column = keep (self, spec->weather_time_column);
  spec->weather_value_column = keep (self, spec->weather_value_column);
}

static void
catalog_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CourantJourneyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refs = courant_measure_catalog_finish (result, &error);
  g_autofree char *pending = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->catalog_cancellable);
  self->catalog = CATALOG_DONE;
  /* Without the catalog, the journey still shows its events. */
  if (refs != NULL)
    {
      g_autoptr(GPtrArray) tables = g_ptr_array_new ();

      for (guint i = 0; i < refs->len; i++)
        g_ptr_array_add (tables, ((CourantMeasureRef *) g_ptr_array_index (refs, i))->roles);
      courant_journey_spec_find_readings (&self->spec, self->source, tables);
      keep_spec (self);
    }
  pending = g_steal_pointer (&self->pending);
  if (pending != NULL)
    start_load (self, pending);
}

void
courant_journey_page_show_customer (CourantJourneyPage *self,
                                    const char         *entity)
{
  g_return_if_fail (COURANT_IS_JOURNEY_PAGE (self));
  g_return_if_fail (entity != NULL);

  if (self->source == NULL)
    return;
  gtk_popover_popdown (self->suggestions_popover);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  if (self->catalog == CATALOG_DONE)
    {
      start_load (self, entity);
      return;
    }
  g_free (self->pending);
  self->pending = g_strdup (entity);
  if (self->catalog == CATALOG_RUNNING)
    return;
  self->catalog = CATALOG_RUNNING;
  self->catalog_cancellable = g_cancellable_new ();
  courant_measure_catalog_async (self->source, NULL, self->timezone, self->catalog_cancellable,
                                 catalog_cb, g_object_ref (self));
}

static void
random_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CourantJourneyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *entity = courant_journey_pick_random_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_cancellable);
  if (entity == NULL)
    {
      show_error (self, error);
      return;
    }
  courant_journey_page_show_customer (self, entity);
}

void
courant_journey_page_show_random (CourantJourneyPage *self)
{
  g_return_if_fail (COURANT_IS_JOURNEY_PAGE (self));

  if (self->source == NULL)
    return;
  cancel (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  courant_journey_pick_random_async (self->source, &self->spec, g_random_int (), self->load_cancellable,
                                     random_cb, g_object_ref (self));
}

/* Search suggestions -------------------------------------------------------- */

static void
clear_suggestions (CourantJourneyPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);
}

static GtkWidget *
create_suggestion (const CourantJourneyMatch *match)
{
  g_autofree char *text = NULL;
  GtkWidget *label;
  GtkWidget *row;

  if (match->label != NULL)
    /* Translators: a suggested customer, “CL-0000123 (customer 123)”. */
    text = g_strdup_printf (_("%s (customer %s)"), match->label, match->entity);
  else
    text = g_strdup_printf (_("Customer %s"), match->entity);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "entity", g_strdup (match->entity), g_free);
  return row;
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CourantJourneyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = courant_journey_search_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->search_cancellable);
  clear_suggestions (self);
  if (matches == NULL || matches->len == 0)
    {
      gtk_popover_popdown (self->suggestions_popover);
      return;
    }
  for (guint i = 0; i < matches->len; i++)
    gtk_list_box_append (self->suggestions_list, create_suggestion (g_ptr_array_index (matches, i)));
  gtk_popover_popup (self->suggestions_popover);
}

static void
search_changed_cb (CourantJourneyPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  cancel (&self->search_cancellable);
  if (self->source == NULL || *text == '\0')
    {
      clear_suggestions (self);
      gtk_popover_popdown (self->suggestions_popover);
      return;
    }
  self->search_cancellable = g_cancellable_new ();
  courant_journey_search_async (self->source, &self->spec, text, MAX_SUGGESTIONS, self->search_cancellable,
                                search_cb, g_object_ref (self));
}

/* Enter shows the first suggestion, or the customer with that key. */
static void
search_activate_cb (CourantJourneyPage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->suggestions_list, 0);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (first != NULL)
    courant_journey_page_show_customer (self, g_object_get_data (G_OBJECT (first), "entity"));
  else if (*text != '\0')
    courant_journey_page_show_customer (self, text);
}

static void
suggestion_activated_cb (CourantJourneyPage *self,
                         GtkListBoxRow      *row)
{
  courant_journey_page_show_customer (self, g_object_get_data (G_OBJECT (row), "entity"));
}

/* Down goes from the entry to the suggestions; Escape closes them. */
static gboolean
search_key_cb (CourantJourneyPage    *self,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GtkEventControllerKey *controller)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->suggestions_list, 0);

  if (keyval == GDK_KEY_Down && first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->suggestions_popover)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (first));
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape && gtk_widget_get_visible (GTK_WIDGET (self->suggestions_popover)))
    {
      gtk_popover_popdown (self->suggestions_popover);
      return TRUE;
    }
  return FALSE;
}

/* The table ----------------------------------------------------------------- */

void
courant_journey_page_set_table (CourantJourneyPage      *self,
                                CourantSource           *source,
                                const CourantTableRoles *roles,
                                GTimeZone               *timezone,
                                CourantPaletteMap       *palette)
{
  g_return_if_fail (COURANT_IS_JOURNEY_PAGE (self));
  g_return_if_fail (source == NULL || COURANT_IS_SOURCE (source));
  g_return_if_fail (palette != NULL);

  cancel (&self->catalog_cancellable);
  cancel (&self->load_cancellable);
  cancel (&self->search_cancellable);
  g_clear_pointer (&self->pending, g_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_string_chunk_clear (self->strings);
  memset (&self->spec, 0, sizeof self->spec);
  self->catalog = CATALOG_NONE;
  courant_journey_view_set_journey (self->view, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_stack_set_visible_child_name (self->stack, "empty");
  g_set_object (&self->source, source);
  /* An event has the colour it has in the table's Sankey. */
  courant_journey_view_set_palette (self->view, palette);
  if (source == NULL || !courant_journey_page_can_show (roles))
    {
      g_clear_object (&self->source);
      return;
    }

  self->timezone = timezone != NULL ? g_time_zone_ref (timezone) : NULL;
  if (timezone != NULL)
    courant_journey_view_set_time_zone (self->view, timezone);
  courant_journey_spec_init_from_roles (&self->spec, roles);
  keep_spec (self);
  self->spec.tz = self->timezone;
}

static void
dark_changed_cb (CourantJourneyPage *self,
                 GParamSpec         *pspec,
                 AdwStyleManager    *manager)
{
  courant_journey_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}

static void
courant_journey_page_dispose (GObject *object)
{
  CourantJourneyPage *self = COURANT_JOURNEY_PAGE (object);

  cancel (&self->catalog_cancellable);
  cancel (&self->load_cancellable);
  cancel (&self->search_cancellable);
  g_clear_pointer (&self->pending, g_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_clear_object (&self->source);
  if (self->suggestions_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->suggestions_popover));
      self->suggestions_popover = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_JOURNEY_PAGE);

  G_OBJECT_CLASS (courant_journey_page_parent_class)->dispose (object);
}

static void
courant_journey_page_finalize (GObject *object)
{
  CourantJourneyPage *self = COURANT_JOURNEY_PAGE (object);

  g_string_chunk_free (self->strings);
  G_OBJECT_CLASS (courant_journey_page_parent_class)->finalize (object);
}

static void
courant_journey_page_class_init (CourantJourneyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_journey_page_dispose;
  object_class->finalize = courant_journey_page_finalize;

  g_type_ensure (COURANT_TYPE_JOURNEY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-journey-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, random_button);
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, attributes_label);
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, view);
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, suggestions_popover);
  gtk_widget_class_bind_template_child (widget_class, CourantJourneyPage, suggestions_list);
}

static void
courant_journey_page_init (CourantJourneyPage *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkEventController *controller;

  self->strings = g_string_chunk_new (256);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->suggestions_popover), GTK_WIDGET (self->search_entry));

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->suggestions_list, "row-activated",
                           G_CALLBACK (suggestion_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->random_button, "clicked",
                           G_CALLBACK (courant_journey_page_show_random), self, G_CONNECT_SWAPPED);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (search_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  courant_journey_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}
