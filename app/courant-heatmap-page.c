/* courant-heatmap-page.c: a series table as days × time of day
 *
 * One measure of the table is loaded into the series store in a worker, as
 * on the timeline page; the grid of one series, or of their total, is
 * computed in another worker for the chosen slot and function, and folded
 * by day of the week for the profile. A new choice cancels the computation
 * it replaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "courant-drop-down.h"
#include "courant-format.h"
#include "courant-heatmap.h"
#include "courant-heatmap-page.h"
#include "courant-heatmap-view.h"
#include "courant-series-choice.h"
#include "courant-series-query.h"
#include "courant-series-store.h"

struct _CourantHeatmapPage
{
  AdwBin              parent_instance;

  GtkDropDown        *measure_dropdown;
  GtkDropDown        *series_dropdown;
  GtkDropDown        *slot_dropdown;
  GtkDropDown        *function_dropdown;
  GtkToggleButton    *profile_toggle;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_status;
  CourantHeatmapView *view;

  CourantSource      *source;
  CourantTableRoles  *roles;
  GTimeZone          *timezone;
  CourantSeriesStore *store;
  GCancellable       *load_cancellable;
  GCancellable       *compute_cancellable;
  /* A measure waits for the page to be shown before it is loaded. */
  gboolean            pending;
};

G_DEFINE_FINAL_TYPE (CourantHeatmapPage, courant_heatmap_page, ADW_TYPE_BIN)

/* The slot and function menus, in their order. */
static const guint slot_choices[] = { 15, 30, 60 };
static const CourantAgg function_choices[] = {
  COURANT_AGG_MEAN, COURANT_AGG_SUM, COURANT_AGG_MIN, COURANT_AGG_MAX,
};

/* What a worker computes: owned copies, so that the page may change. */
typedef struct
{
  CourantSeriesStore *store;
  char              **only;
  guint               slot_minutes;
  CourantAgg          agg;
  GTimeZone          *tz;
  gboolean            profile;
} Request;

static void
request_free (Request *request)
{
  courant_series_store_unref (request->store);
  g_strfreev (request->only);
  g_time_zone_unref (request->tz);
  g_free (request);
}

gboolean
courant_heatmap_page_can_show (const CourantTableRoles *roles)
{
  return courant_series_choice_can_show (roles);
}

static GTimeZone *
page_time_zone (CourantHeatmapPage *self)
{
  return self->timezone != NULL ? self->timezone : courant_time_zone_get_default ();
}

static void
show_error (CourantHeatmapPage *self,
            const char         *message)
{
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->error_status, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_loading (CourantHeatmapPage *self)
{
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/* The total of every series as one: each series' sum by quarter-hour, added
 * over the series that have one, so that a half-hourly load curve becomes
 * the half-hourly total load, whose cells then take the chosen function
 * (the mean of the total, not of a meter). A series missing at an instant
 * leaves the total, as on the timeline's Total. */
static CourantSeriesStore *
sum_series (CourantSeriesStore  *store,
            GTimeZone           *tz,
            GCancellable        *cancellable,
            GError             **error)
{
  CourantSeriesQuery query = COURANT_SERIES_QUERY_INIT;
  g_autoptr(CourantSeriesResult) result = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  const CourantSeriesResultSeries *total;

  query.bucket = COURANT_BUCKET_15MIN;
  query.agg = COURANT_AGG_SUM;
  query.combine = COURANT_COMBINE_SUM;
  result = courant_series_query_run (store, &query, tz, cancellable, error);
  if (result == NULL)
    return NULL;
  total = result->series->len > 0 ? g_ptr_array_index (result->series, 0) : NULL;
  for (gsize i = 0; total != NULL && i < total->n; i++)
    if (!isnan (total->values[i]))
      {
        g_array_append_val (times, total->starts[i]);
        g_array_append_val (values, total->values[i]);
      }
  return courant_series_store_new_from_arrays (NULL, (const gint64 *) times->data,
                                               (const double *) values->data, times->len);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(CourantHeatmap) heatmap = NULL;
  g_autoptr(CourantSeriesStore) total = NULL;
  GError *error = NULL;

  if (request->only == NULL && courant_series_store_get_n_series (request->store) > 1)
    {
      total = sum_series (request->store, request->tz, cancellable, &error);
      if (total == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  heatmap = courant_heatmap_compute (total != NULL ? total : request->store, (const char *const *) request->only,
                                     request->slot_minutes, request->agg, request->tz, cancellable, &error);
  if (heatmap == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (request->profile)
    {
      CourantHeatmap *profile = courant_heatmap_weekday_profile (heatmap);

      courant_heatmap_free (heatmap);
      heatmap = profile;
    }
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&heatmap), (GDestroyNotify) courant_heatmap_free);
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CourantHeatmapPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantHeatmap *heatmap;

  heatmap = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->compute_cancellable);
  if (heatmap == NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_spinner_stop (self->spinner);
  courant_heatmap_view_set_heatmap (self->view, heatmap,
                                    courant_series_choice_get_measure (self->measure_dropdown));
  gtk_stack_set_visible_child_name (self->stack, "chart");
}

static void
cancel_compute (CourantHeatmapPage *self)
{
  if (self->compute_cancellable != NULL)
    g_cancellable_cancel (self->compute_cancellable);
  g_clear_object (&self->compute_cancellable);
}

static void
compute (CourantHeatmapPage *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;
  guint slot = gtk_drop_down_get_selected (self->slot_dropdown);
  guint function = gtk_drop_down_get_selected (self->function_dropdown);

  cancel_compute (self);
  if (self->store == NULL)
    return;

  request = g_new0 (Request, 1);
  request->store = courant_series_store_ref (self->store);
  request->only = courant_series_choice_get_only (self->series_dropdown, self->store);
  request->slot_minutes = slot_choices[MIN (slot, G_N_ELEMENTS (slot_choices) - 1)];
  request->agg = function_choices[MIN (function, G_N_ELEMENTS (function_choices) - 1)];
  request->tz = g_time_zone_ref (page_time_zone (self));
  request->profile = gtk_toggle_button_get_active (self->profile_toggle);

  self->compute_cancellable = g_cancellable_new ();
  show_loading (self);
  task = g_task_new (NULL, self->compute_cancellable, compute_cb, g_object_ref (self));
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, compute_thread);
}

/* All the series together first, then each one. */
static void
fill_series (CourantHeatmapPage *self)
{
  g_autoptr(GtkStringList) names = courant_series_choice_list_series (self->store);

  gtk_drop_down_set_model (self->series_dropdown, G_LIST_MODEL (names));
  gtk_widget_set_sensitive (GTK_WIDGET (self->series_dropdown),
                            courant_series_store_get_n_series (self->store) > 1);
}

static void
series_changed_cb (CourantHeatmapPage *self)
{
  compute (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CourantHeatmapPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantSeriesStore *store;

  store = courant_series_store_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  if (store == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->store, courant_series_store_unref);
  self->store = store;
  /* Filling the menu selects its first item, "All series", without a
   * notification when it was already selected: compute in any case. */
  g_signal_handlers_block_by_func (self->series_dropdown, series_changed_cb, self);
  fill_series (self);
  gtk_drop_down_set_selected (self->series_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->series_dropdown, series_changed_cb, self);
  compute (self);
}

static void
cancel_load (CourantHeatmapPage *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
}

static void
load_measure (CourantHeatmapPage *self)
{
  const char *measure = courant_series_choice_get_measure (self->measure_dropdown);

  cancel_load (self);
  cancel_compute (self);
  if (self->roles == NULL || measure == NULL)
    return;

  self->load_cancellable = g_cancellable_new ();
  show_loading (self);
  courant_series_choice_load_async (self->source, self->roles, measure, self->timezone,
                                    self->load_cancellable, load_cb, g_object_ref (self));
}

void
courant_heatmap_page_set_table (CourantHeatmapPage      *self,
                                CourantSource           *source,
                                const CourantTableRoles *roles,
                                GTimeZone               *timezone)
{
  g_autoptr(GtkStringList) measures = NULL;

  g_return_if_fail (COURANT_IS_HEATMAP_PAGE (self));
  g_return_if_fail (source == NULL || COURANT_IS_SOURCE (source));

  cancel_load (self);
  cancel_compute (self);
  self->pending = FALSE;
  courant_heatmap_view_set_heatmap (self->view, NULL, NULL);
  g_clear_pointer (&self->store, courant_series_store_unref);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_set_object (&self->source, source);

  if (source == NULL || !courant_heatmap_page_can_show (roles))
    return;

  self->roles = courant_table_roles_copy (roles);
  self->timezone = timezone != NULL ? g_time_zone_ref (timezone) : NULL;
  /* Setting the measures selects the first one, which loads it. */
  measures = courant_series_choice_list_measures (roles);
  gtk_drop_down_set_model (self->measure_dropdown, G_LIST_MODEL (measures));
}

static void
measure_selected_cb (CourantHeatmapPage *self)
{
  self->pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->pending)
    load_measure (self);
}

static void
courant_heatmap_page_map (GtkWidget *widget)
{
  CourantHeatmapPage *self = COURANT_HEATMAP_PAGE (widget);

  GTK_WIDGET_CLASS (courant_heatmap_page_parent_class)->map (widget);

  if (self->pending)
    {
      self->pending = FALSE;
      load_measure (self);
    }
}

static void
dark_changed_cb (CourantHeatmapPage *self,
                 GParamSpec         *pspec,
                 AdwStyleManager    *manager)
{
  courant_heatmap_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}

static void
courant_heatmap_page_dispose (GObject *object)
{
  CourantHeatmapPage *self = COURANT_HEATMAP_PAGE (object);

  cancel_load (self);
  cancel_compute (self);
  g_clear_pointer (&self->store, courant_series_store_unref);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_clear_object (&self->source);

  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_HEATMAP_PAGE);

  G_OBJECT_CLASS (courant_heatmap_page_parent_class)->dispose (object);
}

static void
courant_heatmap_page_class_init (CourantHeatmapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_heatmap_page_dispose;
  widget_class->map = courant_heatmap_page_map;

  g_type_ensure (COURANT_TYPE_HEATMAP_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-heatmap-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantHeatmapPage, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantHeatmapPage, series_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantHeatmapPage, slot_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantHeatmapPage, function_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantHeatmapPage, profile_toggle);
  gtk_widget_class_bind_template_child (widget_class, CourantHeatmapPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantHeatmapPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantHeatmapPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, CourantHeatmapPage, view);
}

static void
courant_heatmap_page_init (CourantHeatmapPage *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Lets the series list be searched by typing, with hundreds of sites. */
  courant_drop_down_search_strings (self->series_dropdown);
  gtk_drop_down_set_selected (self->slot_dropdown, 1);

  g_signal_connect_object (self->measure_dropdown, "notify::selected",
                           G_CALLBACK (measure_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->series_dropdown, "notify::selected",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->slot_dropdown, "notify::selected",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->function_dropdown, "notify::selected",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->profile_toggle, "toggled",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  courant_heatmap_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}
