/* courant-flows-page.c: the journeys of a table as a Sankey diagram
 *
 * The table is loaded once into the columnar event store; every change of an
 * option recomputes the flows in a worker, cancelling the computation it
 * replaces, and lays them out again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-event-store.h"
#include "courant-flows.h"
#include "courant-flows-page.h"
#include "courant-format.h"
#include "courant-sankey-view.h"

struct _CourantFlowsPage
{
  AdwBin              parent_instance;

  GtkDropDown        *label_dropdown;
  GtkDropDown        *anchor_dropdown;
  GtkDropDown        *event_dropdown;
  GtkSpinButton      *steps_button;
  GtkCheckButton     *collapse_button;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_status;
  CourantSankeyView  *view;
  GtkLabel           *status_label;

  CourantSource      *source;
  CourantTableRoles  *roles;
  GTimeZone          *timezone;
  CourantEventStore  *store;
  CourantPaletteMap  *palette;
  GCancellable       *cancellable;
  /* The table waits for the page to be shown before it is read. */
  gboolean            pending;
};

G_DEFINE_FINAL_TYPE (CourantFlowsPage, courant_flows_page, ADW_TYPE_BIN)

gboolean
courant_flows_page_can_show (const CourantTableRoles *roles)
{
  return roles != NULL && roles->kind == COURANT_TABLE_JOURNEYS &&
         courant_table_roles_find (roles, COURANT_ROLE_ENTITY) >= 0 &&
         courant_table_roles_find (roles, COURANT_ROLE_TIME) >= 0 &&
         courant_table_roles_find (roles, COURANT_ROLE_EVENT) >= 0;
}

static void
cancel_request (CourantFlowsPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static GCancellable *
begin_request (CourantFlowsPage *self)
{
  cancel_request (self);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

static void
show_error (CourantFlowsPage *self,
            const GError     *error)
{
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_status, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_summary (CourantFlowsPage         *self,
              const CourantFlowsResult *flows)
{
  g_autofree char *entities = courant_format_number (flows->n_entities, 0);
  g_autofree char *text = NULL;

  /* Translators: “12,345 customers in these journeys · hover a flow for its figures”. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s customer in these journeys · hover a flow for its figures, Tab to move between steps",
                                       "%s customers in these journeys · hover a flow for its figures, Tab to move between steps",
                                       flows->n_entities),
                          entities);
  gtk_label_set_text (self->status_label, text);
}

static void
flows_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CourantFlowsPage) self = user_data;
  g_autoptr(CourantFlowsResult) flows = NULL;
  g_autoptr(GError) error = NULL;
  flows = courant_flows_compute_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (flows == NULL)
    {
      show_error (self, error);
      return;
    }

  courant_sankey_view_set_graph (self->view, courant_sankey_graph_new_from_flows (flows));
  show_summary (self, flows);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "chart");
}

/* The event strings come from the store's dictionary, which the worker
 * keeps alive: the options can be copied as they are. */
static void
compute_flows (CourantFlowsPage *self)
{
  static const CourantFlowsLabel labels[] = {
    COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_BY_CHANNEL, COURANT_FLOWS_BY_BOTH,
  };
  static const CourantFlowsAnchor anchors[] = {
    COURANT_FLOWS_ANCHOR_NONE, COURANT_FLOWS_ANCHOR_START, COURANT_FLOWS_ANCHOR_END,
  };
  guint label = gtk_drop_down_get_selected (self->label_dropdown);
  guint anchor = gtk_drop_down_get_selected (self->anchor_dropdown);
  guint event = gtk_drop_down_get_selected (self->event_dropdown);
  CourantFlowsOptions options;

  if (self->store == NULL)
    return;

  courant_flows_options_init (&options);
  options.label = labels[MIN (label, G_N_ELEMENTS (labels) - 1)];
  if (self->store->channels == NULL)
    options.label = COURANT_FLOWS_BY_EVENT;
  options.anchor = anchors[MIN (anchor, G_N_ELEMENTS (anchors) - 1)];
  if (options.anchor != COURANT_FLOWS_ANCHOR_NONE && event < courant_dict_size (self->store->events))
    options.anchor_event = courant_dict_get (self->store->events, event);
  else
    options.anchor = COURANT_FLOWS_ANCHOR_NONE;
  options.n_steps = gtk_spin_button_get_value_as_int (self->steps_button);
  options.collapse_repeats = gtk_check_button_get_active (self->collapse_button);
  options.top_n = 12;

  courant_flows_compute_async (self->store, &options, begin_request (self),
                               flows_cb, g_object_ref (self));
}

static void
fill_events (CourantFlowsPage *self)
{
  g_autoptr(GtkStringList) events = gtk_string_list_new (NULL);

  for (guint i = 0; i < courant_dict_size (self->store->events); i++)
    gtk_string_list_append (events, courant_dict_get (self->store->events, i));
  gtk_drop_down_set_model (self->event_dropdown, G_LIST_MODEL (events));
  gtk_widget_set_sensitive (GTK_WIDGET (self->label_dropdown), self->store->channels != NULL);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CourantFlowsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantEventStore *store;

  store = courant_event_store_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (store == NULL)
    {
      show_error (self, error);
      return;
    }

  g_clear_pointer (&self->store, courant_event_store_unref);
  self->store = store;
  fill_events (self);
  compute_flows (self);
}

static void
load_store (CourantFlowsPage *self)
{
  CourantEventColumns columns = { 0 };
  const char *time = courant_table_roles_get_column (self->roles, COURANT_ROLE_TIME);

  columns.entity = courant_table_roles_get_column (self->roles, COURANT_ROLE_ENTITY);
  columns.time = time;
  columns.event = courant_table_roles_get_column (self->roles, COURANT_ROLE_EVENT);
  columns.channel = courant_table_roles_get_column (self->roles, COURANT_ROLE_CHANNEL);
  columns.weight = courant_table_roles_get_column (self->roles, COURANT_ROLE_WEIGHT);
  columns.time_encoding = self->roles->columns[courant_table_roles_lookup (self->roles, time)].encoding;
  columns.tz = self->timezone;

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_label_set_text (self->status_label, "");
  courant_event_store_load_async (self->source, self->roles->table, &columns, NULL, NULL,
                                  begin_request (self), load_cb, g_object_ref (self));
}

void
courant_flows_page_set_table (CourantFlowsPage        *self,
                              CourantSource           *source,
                              const CourantTableRoles *roles,
                              GTimeZone               *timezone)
{
  g_return_if_fail (COURANT_IS_FLOWS_PAGE (self));
  g_return_if_fail (source == NULL || COURANT_IS_SOURCE (source));

  cancel_request (self);
  self->pending = FALSE;
  courant_sankey_view_set_graph (self->view, NULL);
  g_clear_pointer (&self->store, courant_event_store_unref);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_set_object (&self->source, source);

  if (source == NULL || !courant_flows_page_can_show (roles))
    return;

  self->roles = courant_table_roles_copy (roles);
  self->timezone = timezone != NULL ? g_time_zone_ref (timezone) : NULL;
  self->pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->pending)
    load_store (self);
}

static void
option_changed_cb (CourantFlowsPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->event_dropdown),
                            gtk_drop_down_get_selected (self->anchor_dropdown) != 0);
  compute_flows (self);
}

static void
dark_changed_cb (CourantFlowsPage *self,
                 GParamSpec       *pspec,
                 AdwStyleManager  *manager)
{
  courant_sankey_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}

static void
courant_flows_page_map (GtkWidget *widget)
{
  CourantFlowsPage *self = COURANT_FLOWS_PAGE (widget);

  GTK_WIDGET_CLASS (courant_flows_page_parent_class)->map (widget);

  if (self->pending)
    {
      self->pending = FALSE;
      load_store (self);
    }
}

static void
courant_flows_page_dispose (GObject *object)
{
  CourantFlowsPage *self = COURANT_FLOWS_PAGE (object);

  cancel_request (self);
  g_clear_pointer (&self->store, courant_event_store_unref);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_clear_pointer (&self->palette, courant_palette_map_unref);
  g_clear_object (&self->source);

  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_FLOWS_PAGE);

  G_OBJECT_CLASS (courant_flows_page_parent_class)->dispose (object);
}

static void
courant_flows_page_class_init (CourantFlowsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_flows_page_dispose;
  widget_class->map = courant_flows_page_map;

  g_type_ensure (COURANT_TYPE_SANKEY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-flows-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, anchor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, event_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, steps_button);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, collapse_button);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, view);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, status_label);
}

static void
courant_flows_page_init (CourantFlowsPage *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* One palette for the page, so that a label keeps its colour when the
   * options change. */
  self->palette = courant_palette_map_new ();
  courant_sankey_view_set_palette (self->view, self->palette);

  gtk_drop_down_set_expression (self->event_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->event_dropdown), FALSE);

  g_signal_connect_object (self->label_dropdown, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->anchor_dropdown, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_dropdown, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->steps_button, "value-changed",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collapse_button, "toggled",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  courant_sankey_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}
