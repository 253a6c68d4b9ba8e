/* courant-timeline-page.c: a series table drawn over time
 *
 * One measure of the table is loaded into the columnar series store (with its
 * min/max pyramid) in a worker, then one of its series — a site, a meter, a
 * region — or the total of them all is drawn by the timeline widget. Raw
 * readings are drawn from the store's pyramid as they are; buckets (a day's
 * sum, a month's maximum) are computed by the series query in a worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-series-query.h"
#include "courant-series-store.h"
#include "courant-timeline-page.h"
#include "courant-timeline-view.h"

struct _CourantTimelinePage
{
  AdwBin               parent_instance;

  GtkDropDown         *measure_dropdown;
  GtkLabel            *entity_label;
  GtkDropDown         *entity_dropdown;
  GtkDropDown         *bucket_dropdown;
  GtkDropDown         *function_dropdown;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_status;
  CourantTimelineView *view;

  CourantSource       *source;
  CourantTableRoles   *roles;
  GTimeZone           *timezone;
  CourantSeriesStore  *store;
  GCancellable        *cancellable;
  /* The buckets being drawn (the view points into them), and the
   * computation of the next ones. */
  CourantTimelineBuckets *buckets;
  GCancellable        *compute_cancellable;
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

/* The choices of the bucket menu, in its order after "Auto". */
static const CourantBucket bucket_choices[] = {
  COURANT_BUCKET_RAW, COURANT_BUCKET_15MIN, COURANT_BUCKET_30MIN, COURANT_BUCKET_1H,
  COURANT_BUCKET_1D, COURANT_BUCKET_1W, COURANT_BUCKET_1M,
};

/* The buckets Auto chooses from, finest first, with their usual length. */
static const struct
{
  CourantBucket bucket;
  gint64        ms;
} auto_buckets[] = {
  { COURANT_BUCKET_15MIN, 15 * 60 * 1000 },
  { COURANT_BUCKET_30MIN, 30 * 60 * 1000 },
  { COURANT_BUCKET_1H, 60 * 60 * 1000 },
  { COURANT_BUCKET_1D, 24 * 60 * 60 * 1000 },
  { COURANT_BUCKET_1W, 7 * 24 * 60 * 60 * 1000 },
  { COURANT_BUCKET_1M, G_GINT64_CONSTANT (31) * 24 * 60 * 60 * 1000 },
};

static const CourantAgg function_choices[] = {
  COURANT_AGG_SUM, COURANT_AGG_MEAN, COURANT_AGG_MIN, COURANT_AGG_MAX,
};

/* The finest bucket that gives at most one bucket per pixel of @width over
 * @span_ms, and is not finer than the readings' own @step_ms (which would
 * leave every other bucket empty). */
static CourantBucket
auto_bucket (gint64 span_ms,
             gint64 step_ms,
             double width)
{
  for (guint i = 0; i < G_N_ELEMENTS (auto_buckets); i++)
    if (auto_buckets[i].ms >= step_ms && span_ms / auto_buckets[i].ms <= width)
      return auto_buckets[i].bucket;

  return COURANT_BUCKET_1M;
}

/* The series index in the store, or -1 for the total of every series
 * (the first choice when there are several). */
static int
selected_series (CourantTimelinePage *self)
{
  guint n = courant_series_store_get_n_series (self->store);
  guint selected = gtk_drop_down_get_selected (self->entity_dropdown);

  if (n <= 1)
    return 0;
  return selected == 0 ? -1 : (int) selected - 1;
}

static CourantBucket
chosen_bucket (CourantTimelinePage *self,
               int                  series)
{
  guint selected = gtk_drop_down_get_selected (self->bucket_dropdown);
  const CourantSeries *first = courant_series_store_get_series (self->store, MAX (series, 0));
  CourantTimelineData data = { first->times, first->values, first->n, first->lod };
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  gint64 lo, hi;

  /* The total of several meters only exists per bucket: raw readings of
   * different meters do not fall on the same instants. */
  if (selected > 0 && selected <= G_N_ELEMENTS (bucket_choices) &&
      (series >= 0 || bucket_choices[selected - 1] != COURANT_BUCKET_RAW))
    return bucket_choices[selected - 1];

  if (!courant_series_store_get_range (self->store, &lo, &hi))
    return COURANT_BUCKET_1D;
  return auto_bucket (hi - lo, courant_timeline_data_guess_gap (&data) * 2 / 3,
                      width > 0 ? width : 1000);
}

static CourantAgg
chosen_function (CourantTimelinePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->function_dropdown);

  return function_choices[MIN (selected, G_N_ELEMENTS (function_choices) - 1)];
}

static char *
series_title (CourantTimelinePage *self,
              int                  series)
{
  const char *measure = selected_string (self->measure_dropdown);

  if (series < 0)
    /* Translators: the legend of the sum of every series of a measure. */
    return g_strdup_printf (_("%s, total"), measure);
  if (courant_series_store_get_n_series (self->store) <= 1)
    return g_strdup (measure);
  /* Translators: the legend of one series: the measure and the site, meter
   * or region. */
  return g_strdup_printf (_("%s, %s"), measure,
                          courant_series_store_get_series (self->store, series)->name);
}

/* Draws @data (raw readings, or @buckets which the page then keeps). */
static void
draw (CourantTimelinePage       *self,
      const CourantTimelineData *data,
      CourantTimelineBuckets    *buckets,
      int                        series)
{
  g_autofree char *title = series_title (self, series);
  CourantTimelineSeriesSpec spec = { 0 };

  spec.name = title;
  spec.data = *data;
  spec.side = COURANT_TIMELINE_LEFT;
  spec.colour = -1;

  courant_timeline_view_set_series (self->view, &spec, 1);
  /* The view no longer points into the previous buckets. */
  g_clear_pointer (&self->buckets, courant_timeline_buckets_free);
  self->buckets = buckets;
  gtk_stack_set_visible_child_name (self->stack, "chart");
}

typedef struct
{
  CourantSeriesStore *store;
  GTimeZone          *tz;
  CourantSeriesQuery  query;
  char               *only[2];
  int                 series;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  courant_series_store_unref (data->store);
  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_free (data->only[0]);
  g_free (data);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  g_autoptr(CourantSeriesResult) result = NULL;
  const CourantSeriesResultSeries *series;
  GError *error = NULL;

  result = courant_series_query_run (data->store, &data->query, data->tz, cancellable, &error);
  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (result->series->len == 0)
    {
      g_task_return_pointer (task, courant_timeline_buckets_new (NULL, NULL, 0),
                             (GDestroyNotify) courant_timeline_buckets_free);
      return;
    }
  series = g_ptr_array_index (result->series, 0);
  g_task_return_pointer (task, courant_timeline_buckets_new (series->starts, series->values, series->n),
                         (GDestroyNotify) courant_timeline_buckets_free);
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CourantTimelinePage *self = COURANT_TIMELINE_PAGE (object);
  ComputeData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  CourantTimelineBuckets *buckets;

  buckets = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->compute_cancellable);
  gtk_spinner_stop (self->spinner);
  if (buckets == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  draw (self, courant_timeline_buckets_get_data (buckets), buckets, data->series);
}

static void
cancel_compute (CourantTimelinePage *self)
{
  if (self->compute_cancellable != NULL)
    g_cancellable_cancel (self->compute_cancellable);
  g_clear_object (&self->compute_cancellable);
}

/* Raw readings are drawn at once from the pyramid; buckets are computed in
 * a worker, since a total over hundreds of meters reads every reading. */
static void
show_series (CourantTimelinePage *self)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;
  CourantBucket bucket;
  int series;

  cancel_compute (self);
  if (self->store == NULL || courant_series_store_get_n_series (self->store) == 0)
    return;

  series = selected_series (self);
  bucket = chosen_bucket (self, series);
  gtk_widget_set_sensitive (GTK_WIDGET (self->function_dropdown), bucket != COURANT_BUCKET_RAW);
  if (bucket == COURANT_BUCKET_RAW)
    {
      const CourantSeries *raw = courant_series_store_get_series (self->store, series);
      CourantTimelineData readings = { raw->times, raw->values, raw->n, raw->lod };

      draw (self, &readings, NULL, series);
      return;
    }

  data = g_new0 (ComputeData, 1);
  data->store = courant_series_store_ref (self->store);
  data->tz = self->timezone != NULL ? g_time_zone_ref (self->timezone) : NULL;
  data->series = series;
  data->query = (CourantSeriesQuery) COURANT_SERIES_QUERY_INIT;
  data->query.bucket = bucket;
  data->query.agg = chosen_function (self);
  if (series >= 0)
    {
      data->only[0] = g_strdup (courant_series_store_get_series (self->store, series)->name);
      data->query.only = (const char *const *) data->only;
    }
  else
    data->query.combine = COURANT_COMBINE_SUM;

  self->compute_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  task = g_task_new (self, self->compute_cancellable, compute_cb, NULL);
  g_task_set_source_tag (task, show_series);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

static void
fill_entities (CourantTimelinePage *self)
{
  guint n = courant_series_store_get_n_series (self->store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  if (n > 1)
    /* Translators: in the list of series, the sum of them all. */
    gtk_string_list_append (names, _("Total"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, courant_series_store_get_series (self->store, i)->name);

  gtk_drop_down_set_model (self->entity_dropdown, G_LIST_MODEL (names));
  /* The first site rather than the total: a total of temperatures, say,
   * means nothing, and one series is what the raw readings show. */
  if (n > 1)
    gtk_drop_down_set_selected (self->entity_dropdown, 1);
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
  cancel_compute (self);
  self->pending = FALSE;
  courant_timeline_view_set_series (self->view, NULL, 0);
  g_clear_pointer (&self->buckets, courant_timeline_buckets_free);
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
series_changed_cb (CourantTimelinePage *self)
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
  cancel_compute (self);
  g_clear_pointer (&self->store, courant_series_store_unref);
  g_clear_pointer (&self->buckets, courant_timeline_buckets_free);
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
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, bucket_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, function_dropdown);
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
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bucket_dropdown, "notify::selected",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->function_dropdown, "notify::selected",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  courant_timeline_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}
