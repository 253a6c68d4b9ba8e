/* courant-flows-page.c: the journeys of a table as a Sankey diagram
 *
 * The table is loaded once into the columnar event store; every change of an
 * option recomputes the flows in a worker, cancelling the computation it
 * replaces, and lays them out again. Clicking a node or a band lists its
 * customers in a side pane, computed in another worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-drilldown-list.h"
#include "courant-drilldown-pane.h"
#include "courant-drilldown-task.h"
#include "courant-drop-down.h"
#include "courant-event-store.h"
#include "courant-flows-page.h"
#include "courant-flows.h"
#include "courant-format.h"
#include "courant-labels.h"
#include "courant-sankey-view.h"

/* A flows result is not reference-counted: the page and a drill-down
 * worker share it through this box. */
typedef struct
{
  CourantFlowsResult *result;
} Flows;

static void
flows_clear (Flows *flows)
{
  courant_flows_result_free (flows->result);
}

static void
flows_unref (Flows *flows)
{
  g_atomic_rc_box_release_full (flows, (GDestroyNotify) flows_clear);
}

struct _CourantFlowsPage
{
  AdwBin              parent_instance;

  GtkDropDown        *label_dropdown;
  GtkWidget          *period_box;
  GtkDropDown        *period_dropdown;
  GtkMenuButton      *dates_button;
  GtkCalendar        *from_calendar;
  GtkCalendar        *to_calendar;
  GtkDropDown        *anchor_dropdown;
  GtkDropDown        *event_dropdown;
  GtkSpinButton      *steps_button;
  GtkCheckButton     *collapse_button;
  GtkBox             *hidden_box;
  GtkSpinButton      *top_n_button;
  GtkSpinButton      *min_share_button;
  GtkDropDown        *max_gap_dropdown;
  GtkWidget          *segment_box;
  GtkDropDown        *attribute_dropdown;
  GtkDropDown        *value_dropdown;
  GtkToggleButton    *compare_button;
  GtkDropDown        *compare_dropdown;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_status;
  CourantSankeyView  *view;
  GtkLabel           *header_label;
  GtkWidget          *compare_box;
  GtkLabel           *compare_header_label;
  CourantSankeyView  *compare_view;
  GtkLabel           *status_label;
  AdwFlap            *controls_flap;
  GtkToggleButton    *controls_button;
  AdwFlap            *flap;
  CourantDrilldownPane *drilldown;
  /* Whether a drill-down was asked for, which alone reveals its pane;
   * the options make room for it, and come back after it if they were
   * shown. */
  gboolean            drilling;
  gboolean            controls_before_drilling;

  CourantSource      *source;
  CourantTableRoles  *roles;
  GTimeZone          *timezone;
  CourantEventStore  *store;
  CourantPaletteMap  *palette;
  GCancellable       *cancellable;
  /* The times of the first and last events, and the days the journeys
   * are read in (local days of the data's zone, both included); the
   * period is left out of the options while @dated is FALSE. */
  gboolean            dated;
  gint64              first_ms;
  gint64              last_ms;
  GDate               from_day;
  GDate               to_day;
  /* The flows on screen, shared with the drill-down's worker, and how
   * they are labelled. */
  Flows              *flows;
  /* Compare mode: the second segment's flows, on the right. */
  Flows              *compare_flows;
  /* The results of the request under way, slot by slot, shown together
   * once @n_waiting is back to 0; and the segments' names. */
  CourantFlowsResult *incoming[2];
  guint               n_waiting;
  char               *segment_names[2];
  CourantFlowsLabel   flows_label;
  CourantFlowsLabel   computing_label;
  /* The attributes of the customers, read once the store is loaded (or
   * at the first drill-down, if it comes first): the segment filter and
   * the drill-down's columns. */
  GPtrArray          *attributes;
  char              **attribute_names;
  GCancellable       *attributes_cancellable;
  GCancellable       *drill_cancellable;
};

G_DEFINE_FINAL_TYPE (CourantFlowsPage, courant_flows_page, ADW_TYPE_BIN)

static void close_drilldown  (CourantFlowsPage *self);
static void cancel_drilldown (CourantFlowsPage *self);

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

static void
cancel_attributes (CourantFlowsPage *self)
{
  if (self->attributes_cancellable != NULL)
    g_cancellable_cancel (self->attributes_cancellable);
  g_clear_object (&self->attributes_cancellable);
}

static void
clear_incoming (CourantFlowsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->incoming); i++)
    {
      g_clear_pointer (&self->incoming[i], courant_flows_result_free);
      g_clear_pointer (&self->segment_names[i], g_free);
    }
  self->n_waiting = 0;
}

static GCancellable *
begin_request (CourantFlowsPage *self)
{
  cancel_request (self);
  clear_incoming (self);
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

/* The options of a computation point to these arrays: the worker copies
 * the options but not what they point to, so the callback frees them,
 * once the worker is done, cancelled or not. */
typedef struct
{
  CourantFlowsPage  *self;
  guint              slot;      /* 1: the compared segment */
  const char       **hidden_events;
  guint8            *entity_mask;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request->hidden_events);
  g_free (request->entity_mask);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Flows *
flows_new (CourantFlowsResult *result)
{
  Flows *flows = g_atomic_rc_box_new0 (Flows);

  flows->result = result;
  return flows;
}

/* “residential · 1,234 customers” over a chart of compare mode. */
static void
set_header (GtkLabel                 *label,
            const char               *segment,
            const CourantFlowsResult *flows)
{
  g_autofree char *count = courant_format_number (flows->n_entities, 0);
  g_autofree char *text = NULL;

  /* Translators: the header of one of two charts side by side: the
   * customers' segment, then how many they are. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s customer", "%s · %s customers",
                                       flows->n_entities),
                          segment, count);
  gtk_label_set_text (label, text);
}

/* The flows of the request, one chart or two side by side; two share
 * the node order of their union and the page's colours. */
static void
show_flows (CourantFlowsPage *self)
{
  gboolean compare = self->incoming[1] != NULL;
  g_autoptr(CourantSankeyGraph) first = courant_sankey_graph_new_from_flows (self->incoming[0]);
  g_autoptr(CourantSankeyGraph) second = NULL;

  g_clear_pointer (&self->compare_flows, flows_unref);
  if (compare)
    {
      second = courant_sankey_graph_new_from_flows (self->incoming[1]);
      set_header (self->header_label, self->segment_names[0], self->incoming[0]);
      set_header (self->compare_header_label, self->segment_names[1], self->incoming[1]);
      courant_sankey_view_set_order_graph (self->view, courant_sankey_graph_new_union (first, second));
      courant_sankey_view_set_order_graph (self->compare_view, courant_sankey_graph_new_union (first, second));
      courant_sankey_view_set_graph (self->compare_view, g_steal_pointer (&second));
      self->compare_flows = flows_new (g_steal_pointer (&self->incoming[1]));
      /* Side by side, each chart is named by its header for screen readers. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->view),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->header_label, NULL, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->compare_view),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->compare_header_label, NULL, -1);
    }
  else
    {
      courant_sankey_view_set_order_graph (self->view, NULL);
      courant_sankey_view_set_graph (self->compare_view, NULL);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->header_label), compare);
  gtk_widget_set_visible (self->compare_box, compare);
  courant_sankey_view_set_graph (self->view, g_steal_pointer (&first));
  if (compare)
    /* The headers give each side's count. */
    gtk_label_set_text (self->status_label, _("Hover a flow for its figures, Tab to move between steps"));
  else
    show_summary (self, self->incoming[0]);
  g_clear_pointer (&self->flows, flows_unref);
  self->flows = flows_new (g_steal_pointer (&self->incoming[0]));
  self->flows_label = self->computing_label;
  clear_incoming (self);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "chart");
}

static void
flows_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  CourantFlowsPage *self = request->self;
  g_autoptr(CourantFlowsResult) flows = NULL;
  g_autoptr(GError) error = NULL;

  flows = courant_flows_compute_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (flows == NULL)
    {
      /* The other half, if any, is of no use any more. */
      cancel_request (self);
      clear_incoming (self);
      show_error (self, error);
      return;
    }

  self->incoming[request->slot] = g_steal_pointer (&flows);
  if (--self->n_waiting > 0)
    return;
  g_clear_object (&self->cancellable);
  show_flows (self);
}

/* The events whose box is ticked, from the store's dictionary, which
 * the worker keeps alive; NULL when none is. */
static const char **
dup_hidden_events (CourantFlowsPage *self)
{
  g_autoptr(GPtrArray) hidden = g_ptr_array_new ();
  guint code = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->hidden_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), code++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_ptr_array_add (hidden, (gpointer) courant_dict_get (self->store->events, code));
  if (hidden->len == 0)
    return NULL;
  g_ptr_array_add (hidden, NULL);
  return (const char **) g_ptr_array_free (g_steal_pointer (&hidden), FALSE);
}

/* The customers of the segment chosen in @dropdown, or NULL for all of
 * them; its name in @name. */
static guint8 *
dup_entity_mask (CourantFlowsPage  *self,
                 GtkDropDown       *dropdown,
                 char             **name)
{
  guint attribute = gtk_drop_down_get_selected (self->attribute_dropdown);
  guint value = gtk_drop_down_get_selected (dropdown);
  GListModel *values = gtk_drop_down_get_model (dropdown);

  if (values != NULL && value < g_list_model_get_n_items (values))
    *name = courant_label_display (gtk_string_list_get_string (GTK_STRING_LIST (values), value));
  else
    *name = g_strdup (C_("customers", "All"));
  if (self->attributes == NULL || attribute >= self->attributes->len ||
      values == NULL || value == 0 || value == GTK_INVALID_LIST_POSITION)
    return NULL;
  return courant_entity_attribute_mask (g_ptr_array_index (self->attributes, attribute),
                                        gtk_string_list_get_string (GTK_STRING_LIST (values), value));
}

/* Compare mode needs the segment filter, which needs attributes. */
static gboolean
comparing (CourantFlowsPage *self)
{
  return gtk_toggle_button_get_active (self->compare_button) &&
         gtk_widget_get_visible (gtk_widget_get_parent (self->segment_box)) &&
         gtk_drop_down_get_model (self->compare_dropdown) != NULL;
}

/* One computation: the segment of @dropdown into @slot. */
static void
start_request (CourantFlowsPage    *self,
               CourantFlowsOptions *options,
               GCancellable        *cancellable,
               guint                slot,
               GtkDropDown         *dropdown)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->slot = slot;
  request->hidden_events = dup_hidden_events (self);
  request->entity_mask = dup_entity_mask (self, dropdown, &self->segment_names[slot]);
  options->hidden_events = request->hidden_events;
  options->entity_mask = request->entity_mask;
  self->n_waiting++;
  courant_flows_compute_async (self->store, options, cancellable, flows_cb, request);
}

/* The zone of the dates: the data's. */
static GTimeZone *
page_zone (CourantFlowsPage *self)
{
  return self->timezone != NULL ? self->timezone : courant_time_zone_get_default ();
}

static void
compute_flows (CourantFlowsPage *self)
{
  static const gint64 gaps[] = {
    0, 3600 * G_GINT64_CONSTANT (1000), 86400 * G_GINT64_CONSTANT (1000),
    7 * 86400 * G_GINT64_CONSTANT (1000), 30 * 86400 * G_GINT64_CONSTANT (1000),
  };
  static const CourantFlowsLabel labels[] = {
    COURANT_FLOWS_BY_EVENT, COURANT_FLOWS_BY_CHANNEL, COURANT_FLOWS_BY_BOTH,
  };
  static const CourantFlowsAnchor anchors[] = {
    COURANT_FLOWS_ANCHOR_NONE, COURANT_FLOWS_ANCHOR_START, COURANT_FLOWS_ANCHOR_END,
  };
  guint label = gtk_drop_down_get_selected (self->label_dropdown);
  guint anchor = gtk_drop_down_get_selected (self->anchor_dropdown);
  guint event = gtk_drop_down_get_selected (self->event_dropdown);
  guint gap = gtk_drop_down_get_selected (self->max_gap_dropdown);
  CourantFlowsOptions options;
  GCancellable *cancellable;

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
  options.top_n = gtk_spin_button_get_value_as_int (self->top_n_button);
  options.min_share = gtk_spin_button_get_value (self->min_share_button) / 100.0;
  options.max_gap_ms = gaps[MIN (gap, G_N_ELEMENTS (gaps) - 1)];
  if (self->dated)
    courant_flows_days_to_range (&self->from_day, &self->to_day, page_zone (self),
                                 &options.time_from, &options.time_to);
  self->computing_label = options.label;

  cancellable = begin_request (self);
  start_request (self, &options, cancellable, 0, self->value_dropdown);
  if (comparing (self))
    start_request (self, &options, cancellable, 1, self->compare_dropdown);
}

static void option_changed_cb (CourantFlowsPage *self);

static GDateTime *
day_to_date_time (CourantFlowsPage *self,
                  const GDate      *day)
{
  return g_date_time_new (page_zone (self), g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day), 12, 0, 0);
}

static void
day_from_calendar (GtkCalendar *calendar,
                   GDate       *day)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (date), g_date_time_get_month (date),
                  g_date_time_get_year (date));
}

static void day_selected_cb (CourantFlowsPage *self);

/* The button says which days are read; the calendars show them. */
static void
show_days (CourantFlowsPage *self)
{
  g_autoptr(GDateTime) from = day_to_date_time (self, &self->from_day);
  g_autoptr(GDateTime) to = day_to_date_time (self, &self->to_day);
  g_autofree char *from_text = courant_format_date (courant_date_time_to_ms (from), page_zone (self));
  g_autofree char *to_text = courant_format_date (courant_date_time_to_ms (to), page_zone (self));
  /* Translators: the first and last days of the journeys: “Aug 1, 2025 – Oct 31, 2025”. */
  g_autofree char *text = g_strdup_printf (_("%s – %s"), from_text, to_text);

  gtk_menu_button_set_label (self->dates_button, text);
  g_signal_handlers_block_by_func (self->from_calendar, day_selected_cb, self);
  g_signal_handlers_block_by_func (self->to_calendar, day_selected_cb, self);
  gtk_calendar_select_day (self->from_calendar, from);
  gtk_calendar_select_day (self->to_calendar, to);
  g_signal_handlers_unblock_by_func (self->from_calendar, day_selected_cb, self);
  g_signal_handlers_unblock_by_func (self->to_calendar, day_selected_cb, self);
}

/* The days of the chosen preset; Custom keeps the days on the calendars. */
static void
apply_period (CourantFlowsPage *self)
{
  static const CourantFlowsPeriod periods[] = {
    COURANT_FLOWS_PERIOD_ALL, COURANT_FLOWS_PERIOD_LAST_12_MONTHS, COURANT_FLOWS_PERIOD_LAST_3_MONTHS,
  };
  guint period = gtk_drop_down_get_selected (self->period_dropdown);

  if (!self->dated || period >= G_N_ELEMENTS (periods))
    return;
  courant_flows_period_days (periods[period], self->first_ms, self->last_ms, page_zone (self),
                             &self->from_day, &self->to_day);
  show_days (self);
}

static void
period_changed_cb (CourantFlowsPage *self)
{
  if (gtk_drop_down_get_selected (self->period_dropdown) >= 3)
    {
      /* Custom: the days are picked on the calendars. */
      gtk_menu_button_popup (self->dates_button);
      return;
    }
  apply_period (self);
  compute_flows (self);
}

/* A day picked on a calendar makes the period custom; a first day after
 * the last one moves the other end along. */
static void
day_selected_cb (CourantFlowsPage *self)
{
  GDate from, to;

  day_from_calendar (self->from_calendar, &from);
  day_from_calendar (self->to_calendar, &to);
  if (g_date_compare (&from, &self->from_day) != 0 && g_date_compare (&from, &to) > 0)
    to = from;
  else if (g_date_compare (&from, &to) > 0)
    from = to;
  self->from_day = from;
  self->to_day = to;
  g_signal_handlers_block_by_func (self->period_dropdown, period_changed_cb, self);
  gtk_drop_down_set_selected (self->period_dropdown, 3);
  g_signal_handlers_unblock_by_func (self->period_dropdown, period_changed_cb, self);
  show_days (self);
  compute_flows (self);
}

/* Dates make sense for times, not for the ranks of an ordinal column. */
static void
fill_period (CourantFlowsPage *self)
{
  const char *time = courant_table_roles_get_column (self->roles, COURANT_ROLE_TIME);
  gboolean ordinal = self->roles->columns[courant_table_roles_lookup (self->roles, time)].encoding == COURANT_TIME_ORDINAL;

  self->dated = !ordinal && courant_flows_time_extent (self->store, &self->first_ms, &self->last_ms);
  gtk_widget_set_visible (gtk_widget_get_parent (self->period_box), self->dated);
  if (!self->dated)
    return;
  if (gtk_drop_down_get_selected (self->period_dropdown) >= 3)
    {
      g_signal_handlers_block_by_func (self->period_dropdown, period_changed_cb, self);
      gtk_drop_down_set_selected (self->period_dropdown, 0);
      g_signal_handlers_unblock_by_func (self->period_dropdown, period_changed_cb, self);
    }
  apply_period (self);
}

/* One check button per event, in the order of their codes, which
 * dup_hidden_events() relies on. */
static void
fill_events (CourantFlowsPage *self)
{
  g_autoptr(GtkStringList) events = gtk_string_list_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->hidden_box))) != NULL)
    gtk_box_remove (self->hidden_box, child);
  for (guint i = 0; i < courant_dict_size (self->store->events); i++)
    {
      const char *event = courant_dict_get (self->store->events, i);
      g_autofree char *name = courant_label_display (event);
      GtkWidget *check = gtk_check_button_new_with_label (name);

      gtk_string_list_append (events, event);
      g_signal_connect_object (check, "toggled", G_CALLBACK (option_changed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (self->hidden_box, check);
    }
  gtk_drop_down_set_model (self->event_dropdown, G_LIST_MODEL (events));
  gtk_widget_set_sensitive (GTK_WIDGET (self->label_dropdown), self->store->channels != NULL);
}

/* The flow box wraps each control in a child of its own: hiding that
 * child leaves no gap. */
static void
show_segment_filter (CourantFlowsPage *self,
                     gboolean          visible)
{
  gtk_widget_set_visible (gtk_widget_get_parent (self->segment_box), visible);
}

/* Values in the order of the names people read. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *name_a = courant_label_display (*(const char *const *) a);
  g_autofree char *name_b = courant_label_display (*(const char *const *) b);

  return g_utf8_collate (name_a, name_b);
}

/* "All", then the values of the chosen attribute in the alphabetical
 * order of their names. The flows are computed again only if they were
 * filtered. */
static void
fill_values (CourantFlowsPage *self)
{
  guint attribute = gtk_drop_down_get_selected (self->attribute_dropdown);
  guint value = gtk_drop_down_get_selected (self->value_dropdown);
  gboolean filtered = value != 0 && value != GTK_INVALID_LIST_POSITION;
  g_autoptr(GtkStringList) values = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  const CourantEntityAttribute *entity_attribute;

  if (self->attributes == NULL || attribute >= self->attributes->len)
    return;
  entity_attribute = g_ptr_array_index (self->attributes, attribute);
  for (guint i = 0; i < courant_dict_size (entity_attribute->values); i++)
    g_ptr_array_add (sorted, (gpointer) courant_dict_get (entity_attribute->values, i));
  g_ptr_array_sort (sorted, compare_names);

  values = gtk_string_list_new (NULL);
  /* Translators: the segment filter's choice that keeps every customer. */
  gtk_string_list_append (values, C_("customers", "All"));
  for (guint i = 0; i < sorted->len; i++)
    gtk_string_list_append (values, g_ptr_array_index (sorted, i));
  g_signal_handlers_block_by_func (self->value_dropdown, option_changed_cb, self);
  gtk_drop_down_set_model (self->value_dropdown, G_LIST_MODEL (values));
  gtk_drop_down_set_selected (self->value_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->value_dropdown, option_changed_cb, self);
  /* Compare mode starts with the first value against the second (or
   * against every customer). */
  g_signal_handlers_block_by_func (self->compare_dropdown, option_changed_cb, self);
  gtk_drop_down_set_model (self->compare_dropdown, G_LIST_MODEL (values));
  gtk_drop_down_set_selected (self->compare_dropdown, MIN (2, sorted->len));
  g_signal_handlers_unblock_by_func (self->compare_dropdown, option_changed_cb, self);
  if (filtered || comparing (self))
    compute_flows (self);
}

static void attribute_changed_cb (CourantFlowsPage *self);

/* The filter starts on the first attribute, with every customer. */
static void
fill_segment_filter (CourantFlowsPage *self)
{
  g_autoptr(GtkStringList) names = NULL;

  if (self->attributes == NULL || self->attributes->len == 0)
    {
      show_segment_filter (self, FALSE);
      return;
    }
  names = gtk_string_list_new ((const char *const *) self->attribute_names);
  g_signal_handlers_block_by_func (self->attribute_dropdown, attribute_changed_cb, self);
  gtk_drop_down_set_model (self->attribute_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->attribute_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->attribute_dropdown, attribute_changed_cb, self);
  fill_values (self);
  show_segment_filter (self, TRUE);
}

static void
attribute_changed_cb (CourantFlowsPage *self)
{
  fill_values (self);
}

/* What reading the attributes needs, owned by its worker. */
typedef struct
{
  CourantEventStore *store;
  CourantSource     *source;
  char              *table;
  char              *entity_column;
  GTimeZone         *tz;
  char             **names;
} AttributesLoad;

static void
attributes_load_free (AttributesLoad *load)
{
  courant_event_store_unref (load->store);
  g_object_unref (load->source);
  g_free (load->table);
  g_free (load->entity_column);
  g_clear_pointer (&load->tz, g_time_zone_unref);
  g_strfreev (load->names);
  g_free (load);
}

static void
attributes_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AttributesLoad *load = task_data;
  GPtrArray *attributes;
  GError *error = NULL;

  attributes = courant_drilldown_load_attributes (load->store, load->source, load->table,
                                                  load->entity_column, load->tz,
                                                  &load->names, cancellable, &error);
  if (attributes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, attributes, (GDestroyNotify) g_ptr_array_unref);
}

/* Without attributes the page still works: the filter stays hidden, and a
 * drill-down reports the error if it meets it again. */
static void
attributes_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CourantFlowsPage) self = user_data;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GError) error = NULL;
  AttributesLoad *load = g_task_get_task_data (G_TASK (result));

  attributes = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->attributes_cancellable);
  if (attributes == NULL || self->attributes != NULL)
    return;
  self->attributes = g_steal_pointer (&attributes);
  self->attribute_names = g_steal_pointer (&load->names);
  fill_segment_filter (self);
}

static void
load_attributes (CourantFlowsPage *self)
{
  g_autoptr(GTask) task = NULL;
  AttributesLoad *load = g_new0 (AttributesLoad, 1);

  load->store = courant_event_store_ref (self->store);
  load->source = g_object_ref (self->source);
  load->table = g_strdup (self->roles->table);
  load->entity_column = g_strdup (courant_table_roles_get_column (self->roles, COURANT_ROLE_ENTITY));
  load->tz = self->timezone != NULL ? g_time_zone_ref (self->timezone) : NULL;

  cancel_attributes (self);
  self->attributes_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->attributes_cancellable, attributes_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_attributes);
  g_task_set_task_data (task, load, (GDestroyNotify) attributes_load_free);
  g_task_run_in_thread (task, attributes_thread);
}

/* The table page loads the events once for this page and the
 * precursors; the page shows them from here on. */
void
courant_flows_page_set_store (CourantFlowsPage  *self,
                              CourantEventStore *store)
{
  g_return_if_fail (COURANT_IS_FLOWS_PAGE (self));
  g_return_if_fail (store != NULL);
  g_return_if_fail (self->roles != NULL);

  cancel_request (self);
  g_clear_pointer (&self->store, courant_event_store_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->attribute_names, g_strfreev);
  self->store = courant_event_store_ref (store);
  show_segment_filter (self, FALSE);
  fill_events (self);
  fill_period (self);
  compute_flows (self);
  load_attributes (self);
}

void
courant_flows_page_show_load_error (CourantFlowsPage *self,
                                    const GError     *error)
{
  g_return_if_fail (COURANT_IS_FLOWS_PAGE (self));
  g_return_if_fail (error != NULL);

  show_error (self, error);
}

CourantEventStore *
courant_flows_page_get_store (CourantFlowsPage *self)
{
  g_return_val_if_fail (COURANT_IS_FLOWS_PAGE (self), NULL);

  return self->store;
}

/* Until the store comes, the page says it is reading the table. */
static void
show_loading (CourantFlowsPage *self)
{
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_label_set_text (self->status_label, "");
}

void
courant_flows_page_set_table (CourantFlowsPage        *self,
                              CourantSource           *source,
                              const CourantTableRoles *roles,
                              GTimeZone               *timezone,
                              CourantPaletteMap       *palette)
{
  g_return_if_fail (COURANT_IS_FLOWS_PAGE (self));
  g_return_if_fail (source == NULL || COURANT_IS_SOURCE (source));
  g_return_if_fail (palette != NULL);

  cancel_request (self);
  cancel_attributes (self);
  close_drilldown (self);
  show_segment_filter (self, FALSE);
  self->dated = FALSE;
  gtk_widget_set_visible (gtk_widget_get_parent (self->period_box), FALSE);
  courant_sankey_view_set_graph (self->view, NULL);
  courant_sankey_view_set_graph (self->compare_view, NULL);
  g_clear_pointer (&self->flows, flows_unref);
  g_clear_pointer (&self->compare_flows, flows_unref);
  clear_incoming (self);
  g_clear_pointer (&self->store, courant_event_store_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->attribute_names, g_strfreev);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_set_object (&self->source, source);
  /* The table's colours, which its customers' journeys share. */
  courant_palette_map_ref (palette);
  g_clear_pointer (&self->palette, courant_palette_map_unref);
  self->palette = palette;
  courant_sankey_view_set_palette (self->view, self->palette);
  courant_sankey_view_set_palette (self->compare_view, self->palette);

  if (source == NULL || !courant_flows_page_can_show (roles))
    return;

  self->roles = courant_table_roles_copy (roles);
  self->timezone = timezone != NULL ? g_time_zone_ref (timezone) : NULL;
  show_loading (self);
}

static void
option_changed_cb (CourantFlowsPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->event_dropdown),
                            gtk_drop_down_get_selected (self->anchor_dropdown) != 0);
  compute_flows (self);
}

/* Comparing, the first value chooses the left chart's customers: it
 * starts on a value rather than on everyone. */
static void
compare_toggled_cb (CourantFlowsPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->compare_button);
  GListModel *values = gtk_drop_down_get_model (self->value_dropdown);

  gtk_widget_set_visible (GTK_WIDGET (self->compare_dropdown), active);
  if (active && gtk_drop_down_get_selected (self->value_dropdown) == 0 &&
      values != NULL && g_list_model_get_n_items (values) > 2)
    {
      g_signal_handlers_block_by_func (self->value_dropdown, option_changed_cb, self);
      gtk_drop_down_set_selected (self->value_dropdown, 1);
      g_signal_handlers_unblock_by_func (self->value_dropdown, option_changed_cb, self);
    }
  compute_flows (self);
}

static void
cancel_drilldown (CourantFlowsPage *self)
{
  if (self->drill_cancellable != NULL)
    g_cancellable_cancel (self->drill_cancellable);
  g_clear_object (&self->drill_cancellable);
}

static void
close_drilldown (CourantFlowsPage *self)
{
  cancel_drilldown (self);
  if (self->drilling && self->controls_before_drilling)
    adw_flap_set_reveal_flap (self->controls_flap, TRUE);
  self->drilling = FALSE;
  if (adw_flap_get_reveal_flap (self->flap))
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
}

/* The entities behind node or band @index of the flows @data, in the
 * drill-down's worker. */
static GArray *
node_entities (gpointer      data,
               guint         index,
               GCancellable *cancellable)
{
  return courant_flows_node_entities (((Flows *) data)->result, index);
}

static GArray *
link_entities (gpointer      data,
               guint         index,
               GCancellable *cancellable)
{
  return courant_flows_link_entities (((Flows *) data)->result, index);
}

static void
drilldown_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CourantFlowsPage) self = user_data;
  g_autoptr(GPtrArray) attributes = NULL;
  g_auto(GStrv) attribute_names = NULL;

  if (!courant_drilldown_pane_finish (self->drilldown, result, &attributes, &attribute_names))
    return;

  g_clear_object (&self->drill_cancellable);
  if (attributes != NULL && self->attributes == NULL)
    {
      self->attributes = g_steal_pointer (&attributes);
      self->attribute_names = g_steal_pointer (&attribute_names);
      cancel_attributes (self);
      fill_segment_filter (self);
    }
}

/* The event a node stands for, when the journeys can start there. */
static const char *
node_event (CourantFlowsPage       *self,
            const CourantFlowsNode *node)
{
  if (self->flows_label != COURANT_FLOWS_BY_EVENT ||
      courant_dict_lookup (self->store->events, node->label) == COURANT_DICT_NOT_FOUND)
    return NULL;
  return node->label;
}

static void
open_drilldown (CourantFlowsPage *self,
                Flows            *flows,
                gboolean          is_link,
                guint             index)
{
  const CourantFlowsResult *result = flows->result;
  g_autofree char *what = NULL;
  const char *event = NULL;

  if (is_link)
    {
      const CourantFlowsLink *link = &g_array_index (result->links, CourantFlowsLink, index);
      const CourantFlowsNode *source = &g_array_index (result->nodes, CourantFlowsNode, link->source);
      const CourantFlowsNode *target = &g_array_index (result->nodes, CourantFlowsNode, link->target);

      g_autofree char *from = courant_label_display (source->label);
      g_autofree char *to = courant_label_display (target->label);

      /* Translators: a band of the flows: “Bill viewed → Call, steps 2 to 3”. */
      what = g_strdup_printf (_("%s → %s, steps %u to %u"), from, to,
                              source->step + 1, target->step + 1);
    }
  else
    {
      const CourantFlowsNode *node = &g_array_index (result->nodes, CourantFlowsNode, index);
      g_autofree char *name = courant_label_display (node->label);

      /* Translators: a node of the flows: “Bill viewed at step 2”. */
      what = g_strdup_printf (_("%s at step %u"), name, node->step + 1);
      event = node_event (self, node);
    }

  courant_drilldown_pane_begin (self->drilldown, what, event);
  if (!self->drilling)
    self->controls_before_drilling = adw_flap_get_reveal_flap (self->controls_flap) &&
                                     !adw_flap_get_folded (self->controls_flap);
  self->drilling = TRUE;
  adw_flap_set_reveal_flap (self->controls_flap, FALSE);
  adw_flap_set_reveal_flap (self->flap, TRUE);

  cancel_drilldown (self);
  self->drill_cancellable = g_cancellable_new ();
  /* The store the flows were computed from. */
  courant_drilldown_task_run_async (self->store, self->source, self->roles, self->timezone,
                                    self->attributes, self->attribute_names,
                                    is_link ? link_entities : node_entities,
                                    g_atomic_rc_box_acquire (flows), (GDestroyNotify) flows_unref,
                                    index, self->drill_cancellable,
                                    drilldown_cb, g_object_ref (self));
}

static void
activate_node_cb (CourantFlowsPage *self,
                  guint             node)
{
  if (self->flows != NULL && node < self->flows->result->nodes->len)
    open_drilldown (self, self->flows, FALSE, node);
}

static void
activate_link_cb (CourantFlowsPage *self,
                  guint             link)
{
  if (self->flows != NULL && link < self->flows->result->links->len)
    open_drilldown (self, self->flows, TRUE, link);
}

static void
activate_compare_node_cb (CourantFlowsPage *self,
                          guint             node)
{
  if (self->compare_flows != NULL && node < self->compare_flows->result->nodes->len)
    open_drilldown (self, self->compare_flows, FALSE, node);
}

static void
activate_compare_link_cb (CourantFlowsPage *self,
                          guint             link)
{
  if (self->compare_flows != NULL && link < self->compare_flows->result->links->len)
    open_drilldown (self, self->compare_flows, TRUE, link);
}

/* The journeys start with the clicked node's event: the controls say so,
 * and changing them computes the flows again. */
static void
reroot_cb (CourantFlowsPage *self)
{
  const char *event = courant_drilldown_pane_get_event (self->drilldown);
  guint32 code;

  if (event == NULL || self->store == NULL)
    return;
  code = courant_dict_lookup (self->store->events, event);
  if (code == COURANT_DICT_NOT_FOUND)
    return;
  close_drilldown (self);
  gtk_drop_down_set_selected (self->event_dropdown, code);
  gtk_drop_down_set_selected (self->anchor_dropdown, 1);
}

const CourantFlowsResult *
courant_flows_page_get_flows (CourantFlowsPage *self)
{
  g_return_val_if_fail (COURANT_IS_FLOWS_PAGE (self), NULL);

  return self->flows != NULL ? self->flows->result : NULL;
}

const CourantFlowsResult *
courant_flows_page_get_compare_flows (CourantFlowsPage *self)
{
  g_return_val_if_fail (COURANT_IS_FLOWS_PAGE (self), NULL);

  return self->compare_flows != NULL ? self->compare_flows->result : NULL;
}

static void
dark_changed_cb (CourantFlowsPage *self,
                 GParamSpec       *pspec,
                 AdwStyleManager  *manager)
{
  courant_sankey_view_set_dark (self->view, adw_style_manager_get_dark (manager));
  courant_sankey_view_set_dark (self->compare_view, adw_style_manager_get_dark (manager));
}

static void
toggle_controls_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CourantFlowsPage *self = COURANT_FLOWS_PAGE (widget);

  adw_flap_set_reveal_flap (self->controls_flap, !adw_flap_get_reveal_flap (self->controls_flap));
}

/* The options fold away (over the chart) when the window is too narrow
 * for both, and come back beside it when it widens again. */
static void
controls_folded_cb (CourantFlowsPage *self)
{
  if (!adw_flap_get_folded (self->controls_flap))
    adw_flap_set_reveal_flap (self->controls_flap, TRUE);
}

/* A flap reveals itself when it unfolds, as the window widens: the
 * drill-down pane must not open empty. */
static void
drill_revealed_cb (CourantFlowsPage *self)
{
  if (adw_flap_get_reveal_flap (self->flap) && !self->drilling)
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* F9 works from anywhere in the window, but only while the page shows:
 * the other pages may have their own panel. */
static void
courant_flows_page_unmap (GtkWidget *widget)
{
  gtk_widget_action_set_enabled (widget, "flows.toggle-controls", FALSE);
  GTK_WIDGET_CLASS (courant_flows_page_parent_class)->unmap (widget);
}

static void
courant_flows_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (courant_flows_page_parent_class)->map (widget);
  gtk_widget_action_set_enabled (widget, "flows.toggle-controls", TRUE);
}

static void
courant_flows_page_dispose (GObject *object)
{
  CourantFlowsPage *self = COURANT_FLOWS_PAGE (object);

  cancel_request (self);
  cancel_attributes (self);
  cancel_drilldown (self);
  g_clear_pointer (&self->flows, flows_unref);
  g_clear_pointer (&self->compare_flows, flows_unref);
  clear_incoming (self);
  g_clear_pointer (&self->store, courant_event_store_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->attribute_names, g_strfreev);
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
  widget_class->unmap = courant_flows_page_unmap;

  g_type_ensure (COURANT_TYPE_SANKEY_VIEW);
  g_type_ensure (COURANT_TYPE_DRILLDOWN_PANE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-flows-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, period_box);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, dates_button);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, anchor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, event_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, steps_button);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, collapse_button);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, hidden_box);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, top_n_button);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, min_share_button);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, max_gap_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, segment_box);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, attribute_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, value_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, compare_button);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, header_label);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, compare_box);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, compare_header_label);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, compare_view);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, view);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, controls_button);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, flap);
  gtk_widget_class_install_action (widget_class, "flows.toggle-controls", NULL, toggle_controls_action);
  gtk_widget_class_bind_template_child (widget_class, CourantFlowsPage, drilldown);
}

static void
courant_flows_page_init (CourantFlowsPage *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's own child: binding it would unparent it twice. */
  self->controls_flap = ADW_FLAP (adw_bin_get_child (ADW_BIN (self)));
  g_object_bind_property (self->controls_button, "active", self->controls_flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flows.toggle-controls", FALSE);
  g_signal_connect_object (self->controls_flap, "notify::folded",
                           G_CALLBACK (controls_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (drill_revealed_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F9, 0),
                                                            gtk_named_action_new ("flows.toggle-controls")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  /* Colours for the page until a table brings its own, which its labels
   * keep whatever the options. */
  self->palette = courant_palette_map_new ();
  courant_sankey_view_set_palette (self->view, self->palette);
  courant_sankey_view_set_palette (self->compare_view, self->palette);

  courant_drop_down_show_names (self->event_dropdown);
  courant_drop_down_show_names (self->attribute_dropdown);
  courant_drop_down_show_names (self->value_dropdown);
  gtk_widget_set_sensitive (GTK_WIDGET (self->event_dropdown), FALSE);
  show_segment_filter (self, FALSE);
  gtk_widget_set_visible (gtk_widget_get_parent (self->period_box), FALSE);

  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (period_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_calendar, "day-selected",
                           G_CALLBACK (day_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_calendar, "day-selected",
                           G_CALLBACK (day_selected_cb), self, G_CONNECT_SWAPPED);
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
  g_signal_connect_object (self->top_n_button, "value-changed",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_share_button, "value-changed",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->max_gap_dropdown, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->attribute_dropdown, "notify::selected",
                           G_CALLBACK (attribute_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->value_dropdown, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_button, "toggled",
                           G_CALLBACK (compare_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_dropdown, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  courant_drop_down_show_names (self->compare_dropdown);
  g_signal_connect_object (self->compare_view, "activate-node",
                           G_CALLBACK (activate_compare_node_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_view, "activate-link",
                           G_CALLBACK (activate_compare_link_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "activate-node",
                           G_CALLBACK (activate_node_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "activate-link",
                           G_CALLBACK (activate_link_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drilldown, "close",
                           G_CALLBACK (close_drilldown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drilldown, "re-root",
                           G_CALLBACK (reroot_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  courant_sankey_view_set_dark (self->view, adw_style_manager_get_dark (manager));
  courant_sankey_view_set_dark (self->compare_view, adw_style_manager_get_dark (manager));
}
