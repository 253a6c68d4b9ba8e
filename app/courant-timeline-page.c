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

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "courant-annotations.h"
#include "courant-drop-down.h"
#include "courant-error.h"
#include "courant-format.h"
#include "courant-labels.h"

#include "courant-measure-catalog.h"
#include "courant-series-choice.h"
#include "courant-series-query.h"
#include "courant-series-store.h"
#include "courant-timeline-page.h"
#include "courant-timeline-view.h"

/* What the chart draws, defined below. */
typedef struct _Plans Plans;

struct _CourantTimelinePage
{
  AdwBin               parent_instance;

  GtkDropDown         *measure_dropdown;
  GtkLabel            *entity_label;
  GtkDropDown         *entity_dropdown;
  GtkLabel            *group_label;
  GtkDropDown         *group_dropdown;
  GtkDropDown         *bucket_dropdown;
  GtkDropDown         *function_dropdown;
  GtkDropDown         *right_dropdown;
  GtkDropDown         *right_series_dropdown;
  GtkCheckButton      *align_check;
  GtkDropDown         *compare_dropdown;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_status;
  CourantTimelineView *view;
  GtkMenuButton       *annotations_button;
  GtkLabel            *annotations_error;
  GtkListBox          *annotations_list;

  CourantSource       *source;
  CourantTableRoles   *roles;
  GTimeZone           *timezone;
  CourantSeriesStore  *store;
  GCancellable        *cancellable;
  /* The measures of every table, for the right axis, and the one chosen
   * (a pointer into the catalog) with its series. */
  GPtrArray           *catalog;
  GCancellable        *catalog_cancellable;
  const CourantMeasureRef *right_ref;
  /* The attributes that group the table's entities (CourantEntityGrouping),
   * from the other tables. */
  GPtrArray           *groupings;
  GCancellable        *groupings_cancellable;
  CourantSeriesStore  *right_store;
  GCancellable        *right_cancellable;
  /* What is drawn (the view points into its buckets), and the computation
   * of what comes next. */
  Plans               *drawn;
  CourantSeriesStore  *drawn_store;
  int                  drawn_series;
  GCancellable        *compute_cancellable;
  /* The table's annotations (CourantAnnotation), and where they are kept;
   * a damaged file there is set aside before it is replaced. */
  GArray              *annotations;
  char                *annotations_uri;
  char                *annotations_path;
  gboolean             annotations_damaged;
  /* A measure waits for the page to be shown before it is loaded: a table
   * of millions of readings is not read for a page nobody looks at. */
  gboolean             pending;
};

G_DEFINE_FINAL_TYPE (CourantTimelinePage, courant_timeline_page, ADW_TYPE_BIN)

gboolean
courant_timeline_page_can_show (const CourantTableRoles *roles)
{
  return courant_series_choice_can_show (roles);
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

/* The choices of the "Group by" menu before the attributes. */
enum
{
  GROUP_NONE,
  GROUP_TOTAL,
  GROUP_FIRST_ATTRIBUTE,
};

/* The series index in the store, or -1 for the total of every series or
 * their groups. */
static int
selected_series (CourantTimelinePage *self)
{
  guint n = courant_series_store_get_n_series (self->store);
  guint selected = gtk_drop_down_get_selected (self->entity_dropdown);

  if (n <= 1)
    return 0;
  if (gtk_drop_down_get_selected (self->group_dropdown) != GROUP_NONE)
    return -1;
  return MIN (selected, n - 1);
}

/* The attribute chosen to group the series by, or NULL. */
static const CourantEntityGrouping *
selected_grouping (CourantTimelinePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->group_dropdown);

  if (self->groupings == NULL || selected == GTK_INVALID_LIST_POSITION || selected < GROUP_FIRST_ATTRIBUTE ||
      selected - GROUP_FIRST_ATTRIBUTE >= self->groupings->len)
    return NULL;
  return g_ptr_array_index (self->groupings, selected - GROUP_FIRST_ATTRIBUTE);
}

static CourantBucket
chosen_bucket (CourantTimelinePage *self,
               int                  series)
{
  guint selected = gtk_drop_down_get_selected (self->bucket_dropdown);
  const CourantSeries *first = courant_series_store_get_series (self->store, MAX (series, 0));
  CourantTimelineData data = { first->times, first->values, first->n, first->lod };
  double width = gtk_widget_get_width (GTK_WIDGET (self->view));
  gint64 lo, hi;

  /* The total of several meters only exists per bucket: raw readings of
   * different meters do not fall on the same instants. */
  if (selected > 0 && selected <= G_N_ELEMENTS (bucket_choices) &&
      (series >= 0 || bucket_choices[selected - 1] != COURANT_BUCKET_RAW))
    return bucket_choices[selected - 1];

  if (!courant_series_store_get_range (self->store, &lo, &hi))
    return COURANT_BUCKET_1D;
  /* Zoomed in on the series drawn, Auto fits the window; another series
   * starts from its whole range. */
  if (self->drawn != NULL && self->drawn_store == self->store && self->drawn_series == series)
    courant_timeline_view_get_window (self->view, &lo, &hi);
  if (width <= 0)
    width = gtk_widget_get_width (GTK_WIDGET (self));
  return auto_bucket (hi - lo, courant_timeline_data_guess_gap (&data) * 2 / 3,
                      width > 0 ? width : 1000);
}

static CourantAgg
chosen_function (CourantTimelinePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->function_dropdown);

  return function_choices[MIN (selected, G_N_ELEMENTS (function_choices) - 1)];
}

/* The legend of @series of @store (-1: the total): the measure, and the
 * site, meter or region when there are several. */
static char *
series_title (CourantSeriesStore *store,
              const char         *measure,
              int                 series)
{
  if (series < 0)
    /* Translators: the legend of the sum of every series of a measure. */
    return g_strdup_printf (_("%s, total"), measure);
  if (courant_series_store_get_n_series (store) <= 1)
    return g_strdup (measure);
  /* Translators: the legend of one series: the measure and the site, meter
   * or region. */
  return g_strdup_printf (_("%s, %s"), measure,
                          courant_series_store_get_series (store, series)->name);
}

/* Lines to draw: raw readings from a store's pyramid, or the buckets of a
 * series query, computed in a worker — one line, or one per group when the
 * series are grouped by an attribute. */
typedef struct
{
  CourantSeriesStore     *store;
  int                     series;     /* -1: the total or the groups */
  gboolean                raw;
  CourantSeriesQuery      query;
  char                   *only[2];
  char                   *title;      /* grouped: the measure */
  CourantTimelineSide     side;
  /* The result: CourantTimelineBuckets and their titles, one per line. */
  GPtrArray              *buckets;
  GPtrArray              *titles;
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->store, courant_series_store_unref);
  g_clear_pointer (&plan->only[0], g_free);
  g_clear_pointer (&plan->title, g_free);
  g_clear_pointer (&plan->query.groups, g_hash_table_unref);
  g_clear_pointer (&plan->buckets, g_ptr_array_unref);
  g_clear_pointer (&plan->titles, g_ptr_array_unref);
}

static void
plan_init (Plan               *plan,
           CourantSeriesStore *store,
           int                 series,
           CourantBucket       bucket,
           CourantAgg          agg,
           char               *title,
           CourantTimelineSide side)
{
  plan->store = courant_series_store_ref (store);
  plan->series = series;
  plan->raw = bucket == COURANT_BUCKET_RAW && series >= 0;
  plan->title = title;
  plan->side = side;
  plan->query = (CourantSeriesQuery) COURANT_SERIES_QUERY_INIT;
  plan->query.bucket = bucket;
  plan->query.agg = agg;
  if (series >= 0)
    {
      plan->only[0] = g_strdup (courant_series_store_get_series (store, series)->name);
      plan->query.only = (const char *const *) plan->only;
    }
  else
    plan->query.combine = COURANT_COMBINE_SUM;
}

/* Groups the plan's series by @groups (series → group): one line per
 * group, the sum of its series. */
static void
plan_group (Plan       *plan,
            GHashTable *groups)
{
  plan->query.groups = g_hash_table_ref (groups);
}

static guint
plan_get_n_lines (const Plan *plan)
{
  return plan->buckets != NULL ? plan->buckets->len : 1;
}

static CourantTimelineData
plan_get_data (const Plan *plan,
               guint       line)
{
  const CourantSeries *raw;

  if (plan->buckets != NULL)
    return *courant_timeline_buckets_get_data (g_ptr_array_index (plan->buckets, line));
  raw = courant_series_store_get_series (plan->store, plan->series);
  return (CourantTimelineData) { raw->times, raw->values, raw->n, raw->lod };
}

static const char *
plan_get_title (const Plan *plan,
                guint       line)
{
  return plan->titles != NULL ? g_ptr_array_index (plan->titles, line) : plan->title;
}

/* Keeps the result of the plan's query: the first series, or every group. */
static void
plan_take_result (Plan                *plan,
                  CourantSeriesResult *result)
{
  plan->buckets = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_timeline_buckets_free);
  plan->titles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < result->series->len; i++)
    {
      const CourantSeriesResultSeries *series = g_ptr_array_index (result->series, i);

      g_ptr_array_add (plan->buckets, courant_timeline_buckets_new (series->starts, series->values, series->n));
      if (plan->query.groups == NULL)
        {
          g_ptr_array_add (plan->titles, g_strdup (plan->title));
          return;
        }
      /* A dozen groups make a long legend: the group's name says it. */
      g_ptr_array_add (plan->titles, courant_label_display (series->name));
    }
  if (plan->buckets->len == 0)
    {
      g_ptr_array_add (plan->buckets, courant_timeline_buckets_new (NULL, NULL, 0));
      g_ptr_array_add (plan->titles, g_strdup (plan->title));
    }
}

struct _Plans
{
  Plan       plans[2];
  guint      n_plans;
  GTimeZone *tz;
};

static void
plans_free (Plans *plans)
{
  for (guint i = 0; i < plans->n_plans; i++)
    plan_clear (&plans->plans[i]);
  g_clear_pointer (&plans->tz, g_time_zone_unref);
  g_free (plans);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plans, plans_free)

/* The earlier periods of the "Compare with" menu, after "Nothing": a year
 * is 52 weeks, so that Mondays are compared with Mondays. */
static const gint64 compare_shifts[] = {
  G_GINT64_CONSTANT (24) * 3600 * 1000,
  G_GINT64_CONSTANT (7) * 24 * 3600 * 1000,
  G_GINT64_CONSTANT (364) * 24 * 3600 * 1000,
};

static char *
compare_title (const char *title,
               guint       choice)
{
  switch (choice)
    {
    case 0:
      /* Translators: the legend of the previous day drawn over the series. */
      return g_strdup_printf (_("%s, a day earlier"), title);
    case 1:
      /* Translators: the legend of the previous week drawn over the series. */
      return g_strdup_printf (_("%s, a week earlier"), title);
    default:
      /* Translators: the legend of the previous year drawn over the series. */
      return g_strdup_printf (_("%s, 52 weeks earlier"), title);
    }
}

/* Draws the plans (the left one first), with the left one again a period
 * earlier when a comparison is chosen; the page keeps their buckets, which
 * the view points into. */
static void
draw (CourantTimelinePage *self,
      Plans               *plans)
{
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (CourantTimelineSeriesSpec));
  g_autofree char *earlier = NULL;
  guint compare = gtk_drop_down_get_selected (self->compare_dropdown);
  gboolean same = self->drawn_store == plans->plans[0].store &&
                  self->drawn_series == plans->plans[0].series;
  gint64 t0, t1;

  courant_timeline_view_get_window (self->view, &t0, &t1);
  for (guint i = 0; i < plans->n_plans; i++)
    for (guint line = 0; line < plan_get_n_lines (&plans->plans[i]); line++)
      {
        CourantTimelineSeriesSpec spec = { 0 };

        spec.name = plan_get_title (&plans->plans[i], line);
        spec.data = plan_get_data (&plans->plans[i], line);
        spec.side = plans->plans[i].side;
        spec.colour = specs->len;
        g_array_append_val (specs, spec);
      }
  if (compare > 0 && compare <= G_N_ELEMENTS (compare_shifts))
    {
      CourantTimelineSeriesSpec spec = g_array_index (specs, CourantTimelineSeriesSpec, 0);

      earlier = compare_title (spec.name, compare - 1);
      spec.name = earlier;
      spec.shift_ms = compare_shifts[compare - 1];
      spec.dashed = TRUE;
      g_array_append_val (specs, spec);
    }

  courant_timeline_view_set_series (self->view, (CourantTimelineSeriesSpec *) specs->data, specs->len);
  /* A change of bucket, function or comparison keeps the window the user
   * zoomed to; another series starts from its whole range. */
  if (same && t1 > t0)
    courant_timeline_view_set_window (self->view, t0, t1);
  self->drawn_store = plans->plans[0].store;
  self->drawn_series = plans->plans[0].series;

  /* The view no longer points into the previous buckets. */
  g_clear_pointer (&self->drawn, plans_free);
  self->drawn = plans;
  gtk_stack_set_visible_child_name (self->stack, "chart");
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Plans *plans = task_data;

  for (guint i = 0; i < plans->n_plans; i++)
    {
      Plan *plan = &plans->plans[i];
      g_autoptr(CourantSeriesResult) result = NULL;
      GError *error = NULL;

      if (plan->raw)
        continue;
      result = courant_series_query_run (plan->store, &plan->query, plans->tz, cancellable, &error);
      if (result == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      plan_take_result (plan, result);
    }
  g_task_return_boolean (task, TRUE);
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CourantTimelinePage *self = COURANT_TIMELINE_PAGE (object);
  g_autoptr(GError) error = NULL;
  Plans *plans, *drawn;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->compute_cancellable);
      gtk_spinner_stop (self->spinner);
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_object (&self->compute_cancellable);
  gtk_spinner_stop (self->spinner);
  /* The plans move to the page, which draws from them; the task frees
   * what is left, nothing. */
  plans = g_task_get_task_data (G_TASK (result));
  drawn = g_memdup2 (plans, sizeof *plans);
  memset (plans, 0, sizeof *plans);
  draw (self, drawn);
}

static void
cancel_compute (CourantTimelinePage *self)
{
  if (self->compute_cancellable != NULL)
    g_cancellable_cancel (self->compute_cancellable);
  g_clear_object (&self->compute_cancellable);
}

/* The right axis's series: the one chosen, if its measure is loaded. */
static int
selected_right_series (CourantTimelinePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->right_series_dropdown);

  if (self->right_store == NULL || courant_series_store_get_n_series (self->right_store) == 0)
    return -1;
  return MIN (selected, courant_series_store_get_n_series (self->right_store) - 1);
}

static void
add_right_plan (CourantTimelinePage *self,
                Plans               *plans,
                CourantBucket        bucket)
{
  const CourantMeasureRef *ref = self->right_ref;
  int series = selected_right_series (self);
  CourantAgg agg = chosen_function (self);

  if (series < 0)
    return;
  /* A day's sum of temperatures means nothing: weather is averaged. */
  if (agg == COURANT_AGG_SUM && ref->roles->kind == COURANT_TABLE_WEATHER)
    agg = COURANT_AGG_MEAN;
  plan_init (&plans->plans[plans->n_plans++], self->right_store, series, bucket, agg,
             series_title (self->right_store, ref->measure, series), COURANT_TIMELINE_RIGHT);
}

/* Raw readings are drawn at once from the pyramids; buckets are computed
 * in a worker, since a total over hundreds of meters reads every reading.
 * With @keep_chart, the chart stays on screen while they are: Auto's finer
 * buckets after a zoom replace the coarser ones without a blank. */
static void
compute_series (CourantTimelinePage *self,
                gboolean             keep_chart)
{
  g_autoptr(Plans) plans = NULL;
  g_autoptr(GTask) task = NULL;
  const CourantEntityGrouping *grouping;
  const char *measure = courant_series_choice_get_measure (self->measure_dropdown);
  CourantBucket bucket;
  gboolean all_raw = TRUE;
  int series;

  cancel_compute (self);
  if (self->store == NULL || courant_series_store_get_n_series (self->store) == 0)
    return;

  series = selected_series (self);
  bucket = chosen_bucket (self, series);
  gtk_widget_set_sensitive (GTK_WIDGET (self->function_dropdown), bucket != COURANT_BUCKET_RAW);

  plans = g_new0 (Plans, 1);
  plans->tz = self->timezone != NULL ? g_time_zone_ref (self->timezone) : NULL;
  grouping = selected_grouping (self);
  if (grouping != NULL)
    {
      plan_init (&plans->plans[plans->n_plans++], self->store, series, bucket, chosen_function (self),
                 g_strdup (measure), COURANT_TIMELINE_LEFT);
      plan_group (&plans->plans[0], grouping->group_of_entity);
    }
  else
    plan_init (&plans->plans[plans->n_plans++], self->store, series, bucket, chosen_function (self),
               series_title (self->store, measure, series),
               COURANT_TIMELINE_LEFT);
  if (self->right_ref != NULL)
    add_right_plan (self, plans, bucket);

  for (guint i = 0; i < plans->n_plans; i++)
    all_raw &= plans->plans[i].raw;
  if (all_raw)
    {
      draw (self, g_steal_pointer (&plans));
      return;
    }

  self->compute_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  if (!keep_chart)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  task = g_task_new (self, self->compute_cancellable, compute_cb, NULL);
  g_task_set_source_tag (task, compute_series);
  g_task_set_task_data (task, g_steal_pointer (&plans), (GDestroyNotify) plans_free);
  g_task_run_in_thread (task, compute_thread);
}

static void
show_series (CourantTimelinePage *self)
{
  compute_series (self, FALSE);
}

/* With the Auto bucket, a zoom that settles picks the bucket that fits the
 * new window; the draw keeps that window. */
static void
window_changed_cb (CourantTimelinePage *self)
{
  if (self->store == NULL || self->drawn == NULL || gtk_drop_down_get_selected (self->bucket_dropdown) != 0)
    return;
  if (chosen_bucket (self, selected_series (self)) == self->drawn->plans[0].query.bucket)
    return;
  compute_series (self, TRUE);
}

static void group_changed_cb (CourantTimelinePage *self);

/* One series of several, the total, or the groups of an attribute. */
static void
update_grouping_controls (CourantTimelinePage *self)
{
  gboolean several = self->store != NULL && courant_series_store_get_n_series (self->store) > 1;
  gboolean one = gtk_drop_down_get_selected (self->group_dropdown) == GROUP_NONE;

  gtk_widget_set_visible (GTK_WIDGET (self->group_label), several);
  gtk_widget_set_visible (GTK_WIDGET (self->group_dropdown), several);
  gtk_widget_set_visible (GTK_WIDGET (self->entity_label), several && one);
  gtk_widget_set_visible (GTK_WIDGET (self->entity_dropdown), several && one);
}

/* Offers None, Total and the attributes found so far, keeping the choice
 * made. */
static void
fill_groups (CourantTimelinePage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->group_dropdown);

  /* Translators: "Group by" nothing: one series of several is drawn. */
  gtk_string_list_append (names, C_("group by", "None"));
  /* Translators: "Group by": the sum of every series. */
  gtk_string_list_append (names, C_("group by", "Total"));
  for (guint i = 0; self->groupings != NULL && i < self->groupings->len; i++)
    {
      const CourantEntityGrouping *grouping = g_ptr_array_index (self->groupings, i);
      /* Translators: "Group by" an attribute, and the table it comes from. */
      g_autofree char *column = courant_label_display (grouping->column);
      g_autofree char *name = g_strdup_printf (_("%s (%s)"), column, grouping->table);

      gtk_string_list_append (names, name);
    }

  g_signal_handlers_block_by_func (self->group_dropdown, group_changed_cb, self);
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION && selected < g_list_model_get_n_items (G_LIST_MODEL (names)))
    gtk_drop_down_set_selected (self->group_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->group_dropdown, group_changed_cb, self);
  update_grouping_controls (self);
}

static void
groupings_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CourantTimelinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *groupings;

  groupings = courant_entity_groupings_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->groupings_cancellable);
  /* Without the other tables, only the total is offered. */
  if (groupings == NULL)
    return;
  g_clear_pointer (&self->groupings, g_ptr_array_unref);
  self->groupings = groupings;
  fill_groups (self);
}

static void
load_groupings (CourantTimelinePage *self)
{
  if (self->groupings != NULL || self->groupings_cancellable != NULL || self->source == NULL ||
      courant_table_roles_get_column (self->roles, COURANT_ROLE_ENTITY) == NULL)
    return;

  self->groupings_cancellable = g_cancellable_new ();
  courant_entity_groupings_async (self->source, self->roles, self->timezone,
                                  self->groupings_cancellable, groupings_cb, g_object_ref (self));
}

static void
clear_groupings (CourantTimelinePage *self)
{
  if (self->groupings_cancellable != NULL)
    g_cancellable_cancel (self->groupings_cancellable);
  g_clear_object (&self->groupings_cancellable);
  g_clear_pointer (&self->groupings, g_ptr_array_unref);
}

static void
fill_entities (CourantTimelinePage *self)
{
  guint n = courant_series_store_get_n_series (self->store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, courant_series_store_get_series (self->store, i)->name);

  /* The first site rather than the total: a total of temperatures, say,
   * means nothing, and one series is what the raw readings show. */
  gtk_drop_down_set_model (self->entity_dropdown, G_LIST_MODEL (names));
  fill_groups (self);
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

static void
load_measure (CourantTimelinePage *self)
{
  const char *measure = courant_series_choice_get_measure (self->measure_dropdown);

  cancel_load (self);
  if (self->roles == NULL || measure == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  courant_series_choice_load_async (self->source, self->roles, measure, self->timezone,
                                    self->cancellable, load_cb, g_object_ref (self));
}

static void
cancel_right (CourantTimelinePage *self)
{
  if (self->right_cancellable != NULL)
    g_cancellable_cancel (self->right_cancellable);
  g_clear_object (&self->right_cancellable);
}

/* Offers the series of the right axis's measure, starting with the one
 * that goes with the left series: the same site in another table, or the
 * site's region in the weather. */
static void
fill_right_series (CourantTimelinePage *self)
{
  guint n = courant_series_store_get_n_series (self->right_store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  int left = self->store != NULL ? selected_series (self) : -1;
  int same = -1;

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, courant_series_store_get_series (self->right_store, i)->name);
  if (left >= 0)
    {
      const char *name = courant_series_store_get_series (self->store, left)->name;

      if (self->right_ref->series_of_entity != NULL)
        name = g_hash_table_lookup (self->right_ref->series_of_entity, name);
      same = name != NULL ? courant_series_store_find (self->right_store, name) : -1;
    }

  g_signal_handlers_block_by_func (self->right_series_dropdown, show_series, self);
  gtk_drop_down_set_model (self->right_series_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->right_series_dropdown, MAX (same, 0));
  g_signal_handlers_unblock_by_func (self->right_series_dropdown, show_series, self);
  gtk_widget_set_visible (GTK_WIDGET (self->right_series_dropdown), n > 1);
}

static void
right_load_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CourantTimelinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantSeriesStore *store;

  store = courant_series_store_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->right_cancellable);
  if (store == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->right_store, courant_series_store_unref);
  self->right_store = store;
  fill_right_series (self);
  show_series (self);
}

/* Loads the measure chosen for the right axis (the first choice is none). */
static void
right_selected_cb (CourantTimelinePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->right_dropdown);

  cancel_right (self);
  g_clear_pointer (&self->right_store, courant_series_store_unref);
  self->right_ref = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->right_series_dropdown), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->align_check), FALSE);
  if (self->catalog == NULL || selected == 0 || selected > self->catalog->len)
    {
      show_series (self);
      return;
    }

  self->right_ref = g_ptr_array_index (self->catalog, selected - 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->align_check), TRUE);
  self->right_cancellable = g_cancellable_new ();
  courant_series_choice_load_async (self->source, self->right_ref->roles, self->right_ref->measure,
                                    self->timezone, self->right_cancellable, right_load_cb,
                                    g_object_ref (self));
}

static void
catalog_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CourantTimelinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *catalog;

  catalog = courant_measure_catalog_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->catalog_cancellable);
  /* Without the other tables, the right axis is just not offered. */
  if (catalog == NULL)
    return;

  self->catalog = catalog;
  /* Translators: the right axis's menu, when it shows nothing. */
  gtk_string_list_append (names, _("Nothing"));
  for (guint i = 0; i < catalog->len; i++)
    {
      const CourantMeasureRef *ref = g_ptr_array_index (catalog, i);
      /* Translators: a measure in the right axis's menu, and its table. */
      g_autofree char *name = g_strdup_printf (_("%s (%s)"), ref->measure, ref->roles->table);

      gtk_string_list_append (names, name);
    }
  gtk_drop_down_set_model (self->right_dropdown, G_LIST_MODEL (names));
  gtk_widget_set_sensitive (GTK_WIDGET (self->right_dropdown), TRUE);
}

static void
load_catalog (CourantTimelinePage *self)
{
  if (self->catalog != NULL || self->catalog_cancellable != NULL || self->source == NULL)
    return;

  self->catalog_cancellable = g_cancellable_new ();
  courant_measure_catalog_async (self->source, self->roles, self->timezone,
                                 self->catalog_cancellable, catalog_cb, g_object_ref (self));
}

static void
clear_right (CourantTimelinePage *self)
{
  if (self->catalog_cancellable != NULL)
    g_cancellable_cancel (self->catalog_cancellable);
  g_clear_object (&self->catalog_cancellable);
  cancel_right (self);
  g_clear_pointer (&self->right_store, courant_series_store_unref);
  self->right_ref = NULL;
  g_clear_pointer (&self->catalog, g_ptr_array_unref);
}

static void
reset_right (CourantTimelinePage *self)
{
  clear_right (self);
  g_signal_handlers_block_by_func (self->right_dropdown, right_selected_cb, self);
  gtk_drop_down_set_model (self->right_dropdown, NULL);
  g_signal_handlers_unblock_by_func (self->right_dropdown, right_selected_cb, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->right_dropdown), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->right_series_dropdown), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->align_check), FALSE);
}

static GTimeZone *
page_time_zone (CourantTimelinePage *self)
{
  return self->timezone != NULL ? self->timezone : courant_time_zone_get_default ();
}

/* "At 10 Jan 2025 08:00" or "From … to …". */
static char *
describe_span (CourantTimelinePage *self,
               gint64               start_ms,
               gint64               end_ms)
{
  g_autofree char *from = courant_format_date_time (start_ms, page_time_zone (self));
  g_autofree char *to = NULL;

  if (start_ms == end_ms)
    /* Translators: when an annotation of an instant is. */
    return g_strdup_printf (_("At %s"), from);
  to = courant_format_date_time (end_ms, page_time_zone (self));
  /* Translators: when an annotation of a period is. */
  return g_strdup_printf (_("From %s to %s"), from, to);
}

static void save_annotations (CourantTimelinePage *self);

static void
delete_clicked_cb (CourantTimelinePage *self,
                   GtkButton           *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (index >= self->annotations->len)
    return;
  g_array_remove_index (self->annotations, index);
  save_annotations (self);
}

static GtkWidget *
make_annotation_row (CourantTimelinePage     *self,
                     const CourantAnnotation *annotation,
                     guint                    index)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (annotation->label);
  g_autofree char *span = describe_span (self, annotation->start_ms, annotation->end_ms);
  GtkWidget *when = gtk_label_new (span);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: the accessible name of the button that deletes an
   * annotation, and its label. */
  g_autofree char *name = g_strdup_printf (_("Delete the annotation “%s”"), annotation->label);

  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "caption");
  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (texts), when);
  gtk_box_append (GTK_BOX (row), texts);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", G_CALLBACK (delete_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), button);
  return row;
}

/* The list of the popover and the marks of the chart, from the
 * annotations. */
static void
show_annotations (CourantTimelinePage *self)
{
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (CourantTimelineAnnotationSpec));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->annotations_list))) != NULL)
    gtk_list_box_remove (self->annotations_list, child);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CourantAnnotation *annotation = &g_array_index (self->annotations, CourantAnnotation, i);
      CourantTimelineAnnotationSpec spec = { annotation->start_ms, annotation->end_ms, annotation->label };

      g_array_append_val (specs, spec);
      gtk_list_box_append (self->annotations_list, make_annotation_row (self, annotation, i));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->annotations_list), self->annotations->len > 0);
  courant_timeline_view_set_annotations (self->view, (CourantTimelineAnnotationSpec *) specs->data, specs->len);
}

static void
show_annotations_error (CourantTimelinePage *self,
                        const char          *message)
{
  gtk_label_set_text (self->annotations_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->annotations_error), message != NULL);
}

/* Writes the annotations at once, setting a damaged file aside first so
 * that nothing the user wrote by hand is lost. */
static void
save_annotations (CourantTimelinePage *self)
{
  g_autoptr(GError) error = NULL;

  show_annotations (self);
  if (self->annotations_path == NULL)
    return;
  if (self->annotations_damaged)
    {
      g_autofree char *aside = g_strconcat (self->annotations_path, ".damaged", NULL);

      if (g_rename (self->annotations_path, aside) != 0 && errno != ENOENT)
        {
          int saved = errno;
          /* Translators: the damaged file is kept under another name
           * before the annotations are written again. */
          g_autofree char *message = g_strdup_printf (_("The damaged annotations file could not be set aside, so nothing was saved: %s"),
                                                      g_strerror (saved));

          show_annotations_error (self, message);
          return;
        }
      self->annotations_damaged = FALSE;
    }
  if (courant_annotations_save (self->annotations_path, self->annotations_uri, self->roles->table,
                                self->annotations, &error))
    show_annotations_error (self, NULL);
  else
    show_annotations_error (self, error->message);
}

/* Reads the annotations saved for the source's file and this table. */
static void
load_annotations (CourantTimelinePage *self)
{
  GFile *file = courant_source_get_file (self->source);
  g_autoptr(GError) error = NULL;
  GArray *loaded;

  g_clear_pointer (&self->annotations_uri, g_free);
  g_clear_pointer (&self->annotations_path, g_free);
  self->annotations_damaged = FALSE;
  g_array_set_size (self->annotations, 0);
  show_annotations_error (self, NULL);
  if (file != NULL)
    {
      self->annotations_uri = g_file_get_uri (file);
      self->annotations_path = courant_annotations_path (self->annotations_uri, self->roles->table);
      loaded = courant_annotations_load (self->annotations_path, &error);
      if (loaded != NULL)
        {
          g_array_unref (self->annotations);
          self->annotations = loaded;
        }
      else
        {
          self->annotations_damaged = g_error_matches (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT);
          show_annotations_error (self, error->message);
        }
    }
  show_annotations (self);
}

typedef struct
{
  CourantTimelinePage *self;
  GtkEditable         *entry;
  gint64               start_ms;
  gint64               end_ms;
} AnnotateRequest;

static void
annotate_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AnnotateRequest  *request)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (request->entry)));

  if (!g_str_equal (response, "add") || label[0] == '\0')
    return;
  courant_annotations_add (request->self->annotations, request->start_ms, request->end_ms, label);
  save_annotations (request->self);
  courant_timeline_view_clear_mark (request->self->view);
}

static void
annotate_request_free (AnnotateRequest *request)
{
  g_object_unref (request->self);
  g_free (request);
}

static void
label_changed_cb (AdwMessageDialog *dialog,
                  GtkEditable      *entry)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", label[0] != '\0');
}

/* Asks for the label of a new annotation of [@start_ms, @end_ms]. */
static void
annotate_cb (CourantTimelinePage *self,
             gint64               start_ms,
             gint64               end_ms,
             CourantTimelineView *view)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *span = describe_span (self, start_ms, end_ms);
  AnnotateRequest *request;
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Add Annotation"), span);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  /* Translators: the placeholder of an annotation's label. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Cold snap, strike, new tariff…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Label"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  request = g_new0 (AnnotateRequest, 1);
  request->self = g_object_ref (self);
  request->entry = GTK_EDITABLE (entry);
  request->start_ms = start_ms;
  request->end_ms = end_ms;
  g_object_set_data_full (G_OBJECT (dialog), "request", request, (GDestroyNotify) annotate_request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (annotate_response_cb), request);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (label_changed_cb), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
courant_timeline_page_set_table (CourantTimelinePage     *self,
                                 CourantSource           *source,
                                 const CourantTableRoles *roles,
                                 GTimeZone               *timezone)
{
  g_autoptr(GtkStringList) measures = NULL;

  g_return_if_fail (COURANT_IS_TIMELINE_PAGE (self));
  g_return_if_fail (source == NULL || COURANT_IS_SOURCE (source));

  cancel_load (self);
  cancel_compute (self);
  reset_right (self);
  clear_groupings (self);
  g_signal_handlers_block_by_func (self->group_dropdown, group_changed_cb, self);
  gtk_drop_down_set_selected (self->group_dropdown, GROUP_NONE);
  g_signal_handlers_unblock_by_func (self->group_dropdown, group_changed_cb, self);
  self->pending = FALSE;
  courant_timeline_view_set_series (self->view, NULL, 0);
  g_clear_pointer (&self->drawn, plans_free);
  self->drawn_store = NULL;
  g_clear_pointer (&self->store, courant_series_store_unref);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_set_object (&self->source, source);
  g_clear_pointer (&self->annotations_uri, g_free);
  g_clear_pointer (&self->annotations_path, g_free);
  g_array_set_size (self->annotations, 0);
  show_annotations (self);

  if (source == NULL || !courant_timeline_page_can_show (roles))
    return;

  self->roles = courant_table_roles_copy (roles);
  self->timezone = timezone != NULL ? g_time_zone_ref (timezone) : NULL;
  courant_timeline_view_set_time_zone (self->view, timezone);
  load_annotations (self);
  /* Filling the measures selects the first one, which loads it. */
  measures = courant_series_choice_list_measures (roles);
  gtk_drop_down_set_model (self->measure_dropdown, G_LIST_MODEL (measures));
}

static void
measure_selected_cb (CourantTimelinePage *self)
{
  self->pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->pending)
    {
      load_measure (self);
      load_catalog (self);
      load_groupings (self);
    }
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
      load_catalog (self);
      load_groupings (self);
    }
}

static void
series_changed_cb (CourantTimelinePage *self)
{
  show_series (self);
}

static void
group_changed_cb (CourantTimelinePage *self)
{
  update_grouping_controls (self);
  if (self->right_store != NULL && self->store != NULL)
    fill_right_series (self);
  show_series (self);
}

/* Another site brings the temperature of its own region. */
static void
entity_changed_cb (CourantTimelinePage *self)
{
  if (self->right_store != NULL && self->store != NULL)
    fill_right_series (self);
  show_series (self);
}

static void
align_toggled_cb (CourantTimelinePage *self)
{
  courant_timeline_view_set_align_zeros (self->view, gtk_check_button_get_active (self->align_check));
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
  clear_right (self);
  clear_groupings (self);
  g_clear_pointer (&self->annotations, g_array_unref);
  g_clear_pointer (&self->annotations_uri, g_free);
  g_clear_pointer (&self->annotations_path, g_free);
  g_clear_pointer (&self->store, courant_series_store_unref);
  g_clear_pointer (&self->drawn, plans_free);
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
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, group_label);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, bucket_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, function_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, right_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, right_series_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, align_check);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, error_status);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, view);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, annotations_button);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, annotations_error);
  gtk_widget_class_bind_template_child (widget_class, CourantTimelinePage, annotations_list);
}

static void
courant_timeline_page_init (CourantTimelinePage *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->annotations = courant_annotations_new ();

  /* Lets the entity list be searched by typing, with hundreds of sites. */
  courant_drop_down_search_strings (self->entity_dropdown);

  g_signal_connect_object (self->measure_dropdown, "notify::selected",
                           G_CALLBACK (measure_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entity_dropdown, "notify::selected",
                           G_CALLBACK (entity_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->group_dropdown, "notify::selected",
                           G_CALLBACK (group_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bucket_dropdown, "notify::selected",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->function_dropdown, "notify::selected",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_dropdown, "notify::selected",
                           G_CALLBACK (series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->right_series_dropdown, "notify::selected",
                           G_CALLBACK (show_series), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->right_dropdown, "notify::selected",
                           G_CALLBACK (right_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->align_check, "toggled",
                           G_CALLBACK (align_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "annotate",
                           G_CALLBACK (annotate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "window-changed",
                           G_CALLBACK (window_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  courant_timeline_view_set_dark (self->view, adw_style_manager_get_dark (manager));
}
