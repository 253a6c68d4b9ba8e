/* courant-timeline-page.c: a series table drawn over time
 *
 * One measure of the table is loaded into the columnar series store (with its
 * min/max pyramid) in a worker, then one of its series — a site, a meter, a
 * region — is drawn by the timeline widget, which zooms from the pyramid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-series-store.h"
#include "courant-timeline-page.h"
#include "courant-timeline-view.h"

struct _CourantTimelinePage
{
  AdwBin               parent_instance;

  GtkDropDown         *measure_dropdown;
  GtkLabel            *entity_label;
  GtkDropDown         *entity_dropdown;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_status;
  CourantTimelineView *view;

  CourantSource       *source;
  CourantTableRoles   *roles;
  GTimeZone           *timezone;
  CourantSeriesStore  *store;
  GCancellable        *cancellable;
  /* A measure waits for the page to be shown before it is loaded: a table
   * of millions of readings is not read for a page nobody looks at. */
  gboolean             pending;
};

G_DEFINE_FINAL_TYPE (CourantTimelinePage, courant_timeline_page, ADW_TYPE_BIN)

gboolean
courant_timeline_page_can_show (const CourantTableRoles *roles)
{
  return roles != NULL &&
         courant_table_roles_find (roles, COURANT_ROLE_TIME) >= 0 &&
         courant_table_roles_find (roles, COURANT_ROLE_VALUE) >= 0;
}

static const char *
selected_string (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
show_series (CourantTimelinePage *self)
{
  guint index = gtk_drop_down_get_selected (self->entity_dropdown);
  const char *measure = selected_string (self->measure_dropdown);
  const CourantSeries *series;
  CourantTimelineSeriesSpec spec = { 0 };

  if (self->store == NULL || index >= courant_series_store_get_n_series (self->store))
    return;

  series = courant_series_store_get_series (self->store, index);
  spec.name = measure;
  spec.data.times = series->times;
  spec.data.values = series->values;
  spec.data.n = series->n;
  spec.data.lod = series->lod;
  spec.side = COURANT_TIMELINE_LEFT;
  spec.colour = -1;

  courant_timeline_view_set_series (self->view, &spec, 1);
  courant_timeline_view_reset (self->view);
  gtk_stack_set_visible_child_name (self->stack, "chart");
}

static void
fill_entities (CourantTimelinePage *self)
{
  guint n = courant_series_store_get_n_series (self->store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, courant_series_store_get_series (self->store, i)->name);

  gtk_drop_down_set_model (self->entity_dropdown, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->entity_label), n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->entity_dropdown), n > 1);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CourantTimelinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantSeriesStore *store;

  store = courant_series_store_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->store, courant_series_store_unref);
  self->store = store;
  fill_entities (self);
  show_series (self);
}

static void
cancel_load (CourantTimelinePage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* What tells one series from another: the entity (a site, a meter), or else
 * an attribute such as the region of weather readings, which would
 * otherwise interleave into one meaningless line. */
static const char *
series_key_column (const CourantTableRoles *roles)
{
  const char *entity = courant_table_roles_get_column (roles, COURANT_ROLE_ENTITY);

  return entity != NULL ? entity : courant_table_roles_get_column (roles, COURANT_ROLE_ATTRIBUTE);
}

static void
load_measure (CourantTimelinePage *self)
{
  const char *measure = selected_string (self->measure_dropdown);
  const char *time_column;
  CourantSeriesSpec spec = { 0 };

  cancel_load (self);
  if (self->roles == NULL || measure == NULL)
    return;

  time_column = courant_table_roles_get_column (self->roles, COURANT_ROLE_TIME);
  spec.table = self->roles->table;
  spec.time_column = time_column;
  spec.value_column = measure;
  spec.entity_column = series_key_column (self->roles);
  spec.time_encoding = self->roles->columns[courant_table_roles_lookup (self->roles, time_column)].encoding;

  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  courant_series_store_load_async (self->source, &spec, self->timezone, NULL, NULL,
                                   self->cancellable, load_cb, g_object_ref (self));
}

static void
fill_measures (CourantTimelinePage *self)
{
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->roles->n_columns; i++)
    if (self->roles->columns[i].role == COURANT_ROLE_VALUE)
      gtk_string_list_append (measures, self->roles->columns[i].name);

  gtk_drop_down_set_model (self->measure_dropdown, G_LIST_MODEL (measures));
}

void
courant_timeline_page_set_table (CourantTimelinePage     *self,
                                 CourantSource           *source,
                                 const CourantTableRoles *roles,
                                 GTimeZone               *timezone)
{
  g_return_if_fail (COURANT_IS_TIMELINE_PAGE (self));
  g_return_if_fail (source == NULL || COURANT_IS_SOURCE (source));

  cancel_load (self);
  self->pending = FALSE;
  courant_timeline_view_set_series (self->view, NULL, 0);
  g_clear_pointer (&self->store, courant_series_store_unref);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_set_object (&self->source, source);

  if (source == NULL || !courant_timeline_page_can_show (roles))
    return;

  self->roles = courant_table_roles_copy (roles);
  self->timezone = timezone != NULL ? g_time_zone_ref (timezone) : NULL;
  courant_timeline_view_set_time_zone (self->view, timezone);
  /* Filling the measures selects the first one, which loads it. */
  fill_measures (self);
}

static void
measure_selected_cb (CourantTimelinePage *self)
{
  self->pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->pending)
    load_measure (self);
}

static void
courant_timeline_page_map (GtkWidget *widget)
{
  CourantTimelinePage *self = COURANT_TIMELINE_PAGE (widget);

  GTK_WIDGET_CLASS (courant_timeline_page_parent_class)->map (widget);

  if (self->pending)
    {
      self->pending = FALSE;
      load_measure (self);
    }
}

static void
entity_selected_cb (CourantTimelinePage *self)
{
  show_series (self);
}

static void
dark_changed_cb (CourantTimelinePage *self,
                 GParamSpec          *pspec,
                 AdwStyleManager     *manager)
{
  courant_timeline_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}

static void
courant_timeline_page_dispose (GObject *object)
{
  CourantTimelinePage *self = COURANT_TIMELINE_PAGE (object);

  cancel_load (self);
  g_clear_pointer (&self->store, courant_series_store_unref);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_clear_object (&self->source);

  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_TIMELINE_PAGE);

  G_OBJECT_CLASS (courant_timeline_page_parent_class)->dispose (object);
}

static void
courant_timeline_page_class_init (CourantTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_timeline_page_dispose;
  widget_class->map = courant_timeline_page_map;

  g_type_ensure (COURANT_TYPE_TIMELINE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, entity_label);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, entity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, error_status);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, view);
}

static void
courant_timeline_page_init (CourantTimelinePage *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Lets the entity list be searched by typing, with hundreds of sites. */
  gtk_drop_down_set_expression (self->entity_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));

  g_signal_connect_object (self->measure_dropdown, "notify::selected",
                           G_CALLBACK (measure_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entity_dropdown, "notify::selected",
                           G_CALLBACK (entity_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  courant_timeline_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}
