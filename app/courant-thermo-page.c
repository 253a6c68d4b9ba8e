/* courant-thermo-page.c: consumption against temperature
 *
 * The table's measure is loaded into the series store, and the measures
 * of the other tables are listed by the measure catalog, which also tells
 * which weather series goes with each site (its region, through the sites
 * table). The temperature chosen is loaded in turn, then the periods are
 * paired and the model fitted in a worker; a new choice cancels the
 * computation it replaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-drop-down.h"
#include "courant-format.h"
#include "courant-measure-catalog.h"
#include "courant-series-choice.h"
#include "courant-series-store.h"
#include "courant-thermo-page.h"
#include "courant-thermo-periods.h"
#include "courant-thermo-view.h"

struct _CourantThermoPage
{
  AdwBin                   parent_instance;

  GtkDropDown             *measure_dropdown;
  GtkDropDown             *series_dropdown;
  GtkDropDown             *temperature_dropdown;
  GtkDropDown             *temperature_series_dropdown;
  GtkDropDown             *period_dropdown;
  GtkDropDown             *days_dropdown;
  GtkCheckButton          *cooling_check;
  GtkStack                *stack;
  GtkSpinner              *spinner;
  AdwStatusPage           *empty_status;
  AdwStatusPage           *error_status;
  CourantThermoView       *view;
  GtkLabel                *figures_label;

  CourantSource           *source;
  CourantTableRoles       *roles;
  GTimeZone               *timezone;
  CourantSeriesStore      *store;
  GCancellable            *cancellable;
  /* The measures of every table; those of the other tables are offered as
   * temperatures (pointers into the catalog), after "None". */
  GPtrArray               *catalog;
  GCancellable            *catalog_cancellable;
  GPtrArray               *temperatures;
  const CourantMeasureRef *temperature_ref;
  CourantSeriesStore      *temperature_store;
  GCancellable            *temperature_cancellable;
  GCancellable            *compute_cancellable;
  /* A measure waits for the page to be shown before it is loaded. */
  gboolean                 pending;
};

G_DEFINE_FINAL_TYPE (CourantThermoPage, courant_thermo_page, ADW_TYPE_BIN)

gboolean
courant_thermo_page_can_show (const CourantTableRoles *roles)
{
  return courant_series_choice_can_show (roles) && roles->kind == COURANT_TABLE_SERIES;
}

static GTimeZone *
page_time_zone (CourantThermoPage *self)
{
  return self->timezone != NULL ? self->timezone : courant_time_zone_get_default ();
}

static void
show_error (CourantThermoPage *self,
            const char        *message)
{
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_status, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_loading (CourantThermoPage *self)
{
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

/* The temperature series that goes with one consumption series: the
 * same name, or the attribute the catalog links it to (the site's
 * region); NULL when none does. */
static const char *
matching_series (CourantThermoPage *self)
{
  const char *name;

  if (self->temperature_store == NULL || courant_series_store_get_n_series (self->temperature_store) == 1)
    return NULL;
  name = courant_series_choice_get_series (self->series_dropdown, self->store);
  if (name == NULL)
    return NULL;
  if (self->temperature_ref->series_of_entity != NULL)
    name = g_hash_table_lookup (self->temperature_ref->series_of_entity, name);
  return name != NULL && courant_series_store_find (self->temperature_store, name) >= 0 ? name : NULL;
}

/* The temperature series: the matching one first, then the mean of all,
 * then each. NULL means the mean of all of them. */
static char **
temperature_only (CourantThermoPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->temperature_series_dropdown);
  const char *name = NULL;
  char **only;

  if (selected == 0)
    name = matching_series (self);
  else if (selected >= 2 && selected - 2 < courant_series_store_get_n_series (self->temperature_store))
    name = courant_series_store_get_series (self->temperature_store, selected - 2)->name;
  if (name == NULL)
    return NULL;
  only = g_new0 (char *, 2);
  only[0] = g_strdup (name);
  return only;
}

typedef struct
{
  CourantSeriesStore *consumption;
  char              **consumption_only;
  CourantSeriesStore *temperature;
  char              **temperature_only;
  gboolean            hourly;
  CourantThermoDays   days;
  gboolean            cooling;
  GTimeZone          *tz;
} Request;

static void
request_free (Request *request)
{
  courant_series_store_unref (request->consumption);
  courant_series_store_unref (request->temperature);
  g_strfreev (request->consumption_only);
  g_strfreev (request->temperature_only);
  g_time_zone_unref (request->tz);
  g_free (request);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;
  CourantThermoPeriods *periods;

  periods = courant_thermo_periods_compute (request->consumption, (const char *const *) request->consumption_only,
                                            request->temperature, (const char *const *) request->temperature_only,
                                            request->hourly, request->days, request->cooling, request->tz,
                                            cancellable, &error);
  if (periods == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, periods, (GDestroyNotify) courant_thermo_periods_free);
}

static void
show_figures (CourantThermoPage   *self,
              const CourantThermo *model,
              const char          *unit)
{
  g_autoptr(GPtrArray) figures = courant_thermo_model_figures (model, unit);

  g_ptr_array_add (figures, NULL);
  {
    g_autofree char *text = g_strjoinv (" · ", (char **) figures->pdata);

    gtk_label_set_label (self->figures_label, text);
  }
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CourantThermoPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantThermoPeriods) periods = NULL;
  Request *request = g_task_get_task_data (G_TASK (result));
  const char *unit;

  periods = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->compute_cancellable);
  if (periods == NULL)
    {
      courant_thermo_view_set_thermo (self->view, NULL, NULL, NULL, FALSE);
      gtk_label_set_label (self->figures_label, "");
      show_error (self, error->message);
      return;
    }
  unit = courant_thermo_guess_unit (courant_series_choice_get_measure (self->measure_dropdown));
  show_figures (self, periods->model, unit);
  courant_thermo_view_set_thermo (self->view, g_steal_pointer (&periods->model), periods->starts,
                                  unit, request->hourly);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "chart");
}

static void
compute (CourantThermoPage *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  cancel (&self->compute_cancellable);
  if (self->store == NULL || self->temperature_store == NULL)
    return;

  request = g_new0 (Request, 1);
  request->consumption = courant_series_store_ref (self->store);
  request->consumption_only = courant_series_choice_get_only (self->series_dropdown, self->store);
  request->temperature = courant_series_store_ref (self->temperature_store);
  request->temperature_only = temperature_only (self);
  request->hourly = gtk_drop_down_get_selected (self->period_dropdown) == 1;
  request->days = MIN (gtk_drop_down_get_selected (self->days_dropdown), COURANT_THERMO_WEEKENDS);
  request->cooling = gtk_check_button_get_active (self->cooling_check);
  request->tz = g_time_zone_ref (page_time_zone (self));

  self->compute_cancellable = g_cancellable_new ();
  show_loading (self);
  task = g_task_new (NULL, self->compute_cancellable, compute_cb, g_object_ref (self));
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, compute_thread);
}

/* The first choice follows the consumption series; it says which one. */
static void
fill_temperature_series (CourantThermoPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->temperature_series_dropdown);
  guint n = courant_series_store_get_n_series (self->temperature_store);
  const char *matching = self->store != NULL ? matching_series (self) : NULL;
  g_autofree char *first = NULL;

  if (matching != NULL)
    /* Translators: the temperature series that goes with the site, e.g. its region. */
    first = g_strdup_printf (_("Matching: %s"), matching);
  else if (n == 1)
    first = g_strdup_printf (_("Matching: %s"), courant_series_store_get_series (self->temperature_store, 0)->name);
  else
    /* Translators: the temperature matching all sites: the mean of every region's. */
    first = g_strdup (_("Matching: mean of all"));
  gtk_string_list_append (names, first);
  gtk_string_list_append (names, _("Mean of all"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, courant_series_store_get_series (self->temperature_store, i)->name);

  g_signal_handlers_block_by_func (self->temperature_series_dropdown, compute, self);
  gtk_drop_down_set_model (self->temperature_series_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->temperature_series_dropdown,
                              selected != GTK_INVALID_LIST_POSITION && selected < n + 2 ? selected : 0);
  g_signal_handlers_unblock_by_func (self->temperature_series_dropdown, compute, self);
  gtk_widget_set_visible (GTK_WIDGET (self->temperature_series_dropdown), n > 1);
}

static void
temperature_load_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CourantThermoPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantSeriesStore *store;

  store = courant_series_store_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->temperature_cancellable);
  if (store == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->temperature_store, courant_series_store_unref);
  self->temperature_store = store;
  fill_temperature_series (self);
  compute (self);
}

static void
show_empty (CourantThermoPage *self)
{
  gtk_spinner_stop (self->spinner);
  courant_thermo_view_set_thermo (self->view, NULL, NULL, NULL, FALSE);
  gtk_label_set_label (self->figures_label, "");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
temperature_selected_cb (CourantThermoPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->temperature_dropdown);

  cancel (&self->temperature_cancellable);
  cancel (&self->compute_cancellable);
  g_clear_pointer (&self->temperature_store, courant_series_store_unref);
  self->temperature_ref = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->temperature_series_dropdown), FALSE);
  if (self->temperatures == NULL || selected == 0 || selected > self->temperatures->len)
    {
      show_empty (self);
      return;
    }
  self->temperature_ref = g_ptr_array_index (self->temperatures, selected - 1);
  self->temperature_cancellable = g_cancellable_new ();
  show_loading (self);
  courant_series_choice_load_async (self->source, self->temperature_ref->roles, self->temperature_ref->measure,
                                    self->timezone, self->temperature_cancellable, temperature_load_cb,
                                    g_object_ref (self));
}

/* Offers the measures of the other tables, the first temperature chosen;
 * without one, the page says so and waits for a choice. */
static void
fill_temperatures (CourantThermoPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint chosen = 0;

  g_clear_pointer (&self->temperatures, g_ptr_array_unref);
  self->temperatures = g_ptr_array_new ();
  /* Translators: no temperature chosen. */
  gtk_string_list_append (names, C_("temperature", "None"));
  for (guint i = 0; i < self->catalog->len; i++)
    {
      const CourantMeasureRef *ref = g_ptr_array_index (self->catalog, i);
      g_autofree char *name = NULL;

      if (g_str_equal (ref->roles->table, self->roles->table))
        continue;
      g_ptr_array_add (self->temperatures, (gpointer) ref);
      /* Translators: a measure in the temperature menu, and its table. */
      name = g_strdup_printf (_("%s (%s)"), ref->measure, ref->roles->table);
      gtk_string_list_append (names, name);
      if (chosen == 0 && courant_thermo_is_temperature (ref->measure))
        chosen = self->temperatures->len;
    }
  g_signal_handlers_block_by_func (self->temperature_dropdown, temperature_selected_cb, self);
  gtk_drop_down_set_model (self->temperature_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->temperature_dropdown, chosen);
  g_signal_handlers_unblock_by_func (self->temperature_dropdown, temperature_selected_cb, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->temperature_dropdown), self->temperatures->len > 0);
  temperature_selected_cb (self);
}

static void
catalog_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CourantThermoPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *catalog;

  catalog = courant_measure_catalog_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->catalog_cancellable);
  if (catalog == NULL)
    {
      show_error (self, error->message);
      return;
    }
  self->catalog = catalog;
  fill_temperatures (self);
}

static void
load_catalog (CourantThermoPage *self)
{
  if (self->catalog != NULL || self->catalog_cancellable != NULL || self->source == NULL)
    return;

  self->catalog_cancellable = g_cancellable_new ();
  courant_measure_catalog_async (self->source, self->roles, self->timezone,
                                 self->catalog_cancellable, catalog_cb, g_object_ref (self));
}

static void
series_changed_cb (CourantThermoPage *self)
{
  if (self->temperature_store != NULL)
    fill_temperature_series (self);
  compute (self);
}

static void
fill_series (CourantThermoPage *self)
{
  g_autoptr(GtkStringList) names = courant_series_choice_list_series (self->store);

  g_signal_handlers_block_by_func (self->series_dropdown, series_changed_cb, self);
  gtk_drop_down_set_model (self->series_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->series_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->series_dropdown, series_changed_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->series_dropdown),
                          courant_series_store_get_n_series (self->store) > 1);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CourantThermoPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantSeriesStore *store;

  store = courant_series_store_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (store == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->store, courant_series_store_unref);
  self->store = store;
  fill_series (self);
  if (self->temperature_store != NULL)
    fill_temperature_series (self);
  compute (self);
}

static void
load_measure (CourantThermoPage *self)
{
  const char *measure = courant_series_choice_get_measure (self->measure_dropdown);

  cancel (&self->cancellable);
  cancel (&self->compute_cancellable);
  g_clear_pointer (&self->store, courant_series_store_unref);
  if (self->roles == NULL || measure == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  show_loading (self);
  courant_series_choice_load_async (self->source, self->roles, measure, self->timezone,
                                    self->cancellable, load_cb, g_object_ref (self));
}

static void
measure_selected_cb (CourantThermoPage *self)
{
  self->pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->pending)
    {
      load_measure (self);
      load_catalog (self);
    }
}

static void
courant_thermo_page_map (GtkWidget *widget)
{
  CourantThermoPage *self = COURANT_THERMO_PAGE (widget);

  GTK_WIDGET_CLASS (courant_thermo_page_parent_class)->map (widget);

  if (self->pending)
    {
      self->pending = FALSE;
      load_measure (self);
      load_catalog (self);
    }
}

static void
clear (CourantThermoPage *self)
{
  cancel (&self->cancellable);
  cancel (&self->catalog_cancellable);
  cancel (&self->temperature_cancellable);
  cancel (&self->compute_cancellable);
  self->temperature_ref = NULL;
  g_clear_pointer (&self->temperatures, g_ptr_array_unref);
  g_clear_pointer (&self->catalog, g_ptr_array_unref);
  g_clear_pointer (&self->store, courant_series_store_unref);
  g_clear_pointer (&self->temperature_store, courant_series_store_unref);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
}

void
courant_thermo_page_set_table (CourantThermoPage       *self,
                               CourantSource           *source,
                               const CourantTableRoles *roles,
                               GTimeZone               *timezone)
{
  g_autoptr(GtkStringList) measures = NULL;

  g_return_if_fail (COURANT_IS_THERMO_PAGE (self));
  g_return_if_fail (source == NULL || COURANT_IS_SOURCE (source));

  clear (self);
  self->pending = FALSE;
  courant_thermo_view_set_thermo (self->view, NULL, NULL, NULL, FALSE);
  gtk_label_set_label (self->figures_label, "");
  g_set_object (&self->source, source);
  g_signal_handlers_block_by_func (self->temperature_dropdown, temperature_selected_cb, self);
  gtk_drop_down_set_model (self->temperature_dropdown, NULL);
  g_signal_handlers_unblock_by_func (self->temperature_dropdown, temperature_selected_cb, self);
  if (source == NULL || !courant_thermo_page_can_show (roles))
    return;

  self->roles = courant_table_roles_copy (roles);
  self->timezone = timezone != NULL ? g_time_zone_ref (timezone) : NULL;
  if (timezone != NULL)
    courant_thermo_view_set_time_zone (self->view, timezone);
  /* Filling the measures selects the first one, which loads it. */
  measures = courant_series_choice_list_measures (roles);
  gtk_drop_down_set_model (self->measure_dropdown, G_LIST_MODEL (measures));
}

static void
dark_changed_cb (CourantThermoPage *self,
                 GParamSpec        *pspec,
                 AdwStyleManager   *manager)
{
  courant_thermo_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}

static void
courant_thermo_page_dispose (GObject *object)
{
  CourantThermoPage *self = COURANT_THERMO_PAGE (object);

  clear (self);
  g_clear_object (&self->source);
  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_THERMO_PAGE);

  G_OBJECT_CLASS (courant_thermo_page_parent_class)->dispose (object);
}

static void
courant_thermo_page_class_init (CourantThermoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_thermo_page_dispose;
  widget_class->map = courant_thermo_page_map;

  g_type_ensure (COURANT_TYPE_THERMO_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/courant-thermo-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, series_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, temperature_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, temperature_series_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, days_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, cooling_check);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, view);
  gtk_widget_class_bind_template_child (widget_class, CourantThermoPage, figures_label);
}

static void
courant_thermo_page_init (CourantThermoPage *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Lets the series be searched by typing, with hundreds of sites. */
  courant_drop_down_search_strings (self->series_dropdown);
  courant_drop_down_search_strings (self->temperature_series_dropdown);

  g_signal_connect_object (self->measure_dropdown, "notify::selected",
                           G_CALLBACK (measure_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->series_dropdown, "notify::selected",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->temperature_dropdown, "notify::selected",
                           G_CALLBACK (temperature_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->temperature_series_dropdown, "notify::selected",
                           G_CALLBACK (compute), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (compute), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->days_dropdown, "notify::selected",
                           G_CALLBACK (compute), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cooling_check, "toggled",
                           G_CALLBACK (compute), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  courant_thermo_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}
