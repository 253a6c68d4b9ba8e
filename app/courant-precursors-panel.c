/* courant-precursors-panel.c: what comes before an outcome, ranked
 *
 * The journeys of the table are loaded once into the columnar event store;
 * choosing another outcome ranks the events and the two-step sequences
 * that come before it in a worker, cancelling the ranking it replaces.
 * Activating a row lists the customers behind it in a side pane, computed
 * in another worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "courant-drilldown-list.h"
#include "courant-drilldown-pane.h"
#include "courant-drilldown-task.h"
#include "courant-drop-down.h"
#include "courant-event-store.h"
#include "courant-format.h"
#include "courant-labels.h"
#include "courant-precursors-panel.h"

/* A ranking is not reference-counted: the panel and a drill-down worker
 * share it through this box. */
typedef struct
{
  CourantPrecursorsResult *result;
} Ranking;

static void
ranking_clear (Ranking *ranking)
{
  courant_precursors_result_free (ranking->result);
}

static void
ranking_unref (Ranking *ranking)
{
  g_atomic_rc_box_release_full (ranking, (GDestroyNotify) ranking_clear);
}

/* One row of the ranking, as an item of the column view's model: a copy
 * of the figures, so that sorting needs nothing else. */
#define COURANT_TYPE_PRECURSOR_ITEM (courant_precursor_item_get_type ())
G_DECLARE_FINAL_TYPE (CourantPrecursorItem, courant_precursor_item, COURANT, PRECURSOR_ITEM, GObject)

struct _CourantPrecursorItem
{
  GObject           parent_instance;
  guint             index;      /* in the result's precursors */
  CourantPrecursor  precursor;
  char             *sequence;
};

G_DEFINE_FINAL_TYPE (CourantPrecursorItem, courant_precursor_item, G_TYPE_OBJECT)

static void
courant_precursor_item_finalize (GObject *object)
{
  g_free (COURANT_PRECURSOR_ITEM (object)->sequence);

  G_OBJECT_CLASS (courant_precursor_item_parent_class)->finalize (object);
}

static void
courant_precursor_item_class_init (CourantPrecursorItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = courant_precursor_item_finalize;
}

static void
courant_precursor_item_init (CourantPrecursorItem *self)
{
}

struct _CourantPrecursorsPanel
{
  AdwBin                parent_instance;

  GtkDropDown          *outcome_dropdown;
  GtkCheckButton       *pairs_button;
  GtkLabel             *summary_label;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_status;
  AdwStatusPage        *empty_status;
  GtkColumnView        *column_view;
  AdwFlap              *flap;
  CourantDrilldownPane *drilldown;

  GtkColumnViewColumn  *columns[COURANT_PRECURSORS_N_COLUMNS];
  GListStore           *items;
  GtkSortListModel     *sorted;

  CourantSource        *source;
  CourantTableRoles    *roles;
  GTimeZone            *timezone;
  CourantEventStore    *store;
  GCancellable         *cancellable;
  Ranking              *ranking;
  /* The attributes of the customers, read at the first drill-down. */
  GPtrArray            *attributes;
  char                **attribute_names;
  GCancellable         *drill_cancellable;
};

G_DEFINE_FINAL_TYPE (CourantPrecursorsPanel, courant_precursors_panel, ADW_TYPE_BIN)

static void
cancel_request (CourantPrecursorsPanel *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static GCancellable *
begin_request (CourantPrecursorsPanel *self)
{
  cancel_request (self);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

static void
cancel_drilldown (CourantPrecursorsPanel *self)
{
  if (self->drill_cancellable != NULL)
    g_cancellable_cancel (self->drill_cancellable);
  g_clear_object (&self->drill_cancellable);
}

static void
close_drilldown (CourantPrecursorsPanel *self)
{
  cancel_drilldown (self);
  if (adw_flap_get_reveal_flap (self->flap))
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
show_loading (CourantPrecursorsPanel *self)
{
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
show_error (CourantPrecursorsPanel *self,
            const GError           *error)
{
  gtk_spinner_stop (self->spinner);
  gtk_label_set_text (self->summary_label, "");
  adw_status_page_set_description (self->error_status, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static char *
format_share (double share)
{
  g_autofree char *number = NULL;

  /* A few customers are not none: 0.0 % would read as never. */
  if (share > 0 && share < 0.0005)
    {
      number = courant_format_number (0.1, 1);
      /* Translators: a share in percent too small to show, “< 0.1 %”. */
      return g_strdup_printf (_("< %s %%"), number);
    }
  number = courant_format_number (share * 100, 1);
  /* Translators: a share in percent, “12.5 %”. */
  return g_strdup_printf (_("%s %%"), number);
}

/* Significance in words first, for readers who do not know p-values, and
 * the p-value after it for those who do. */
static char *
format_significance (double p)
{
  g_autofree char *number = NULL;

  /* Translators: the significance of a precursor, in words then as a
   * p-value, “Strong · p < 0.001”. */
  if (p < 0.001)
    return g_strdup_printf (_("Strong · p < %s"), number = courant_format_number (0.001, 3));
  if (p < 0.01)
    return g_strdup_printf (_("Clear · p < %s"), number = courant_format_number (0.01, 2));
  if (p < 0.05)
    return g_strdup_printf (_("Weak · p < %s"), number = courant_format_number (0.05, 2));
  /* Translators: a difference that chance alone could make, “p = 0.23”. */
  return g_strdup_printf (_("Could be chance · p = %s"), number = courant_format_number (p, 2));
}

static char *
format_cell (const CourantPrecursorItem *item,
             CourantPrecursorsColumn     column)
{
  const CourantPrecursor *precursor = &item->precursor;
  g_autofree char *number = NULL;

  switch (column)
    {
    case COURANT_PRECURSORS_COLUMN_SEQUENCE:
      return g_strdup (item->sequence);
    case COURANT_PRECURSORS_COLUMN_CUSTOMERS:
      return courant_format_number (precursor->n_entities, 0);
    case COURANT_PRECURSORS_COLUMN_SUPPORT:
      return format_share (precursor->support);
    case COURANT_PRECURSORS_COLUMN_BASELINE:
      return format_share (precursor->baseline);
    case COURANT_PRECURSORS_COLUMN_LIFT:
      /* An infinite lift: nobody without the outcome has it. */
      if (!isfinite (precursor->lift))
        return g_strdup ("∞");
      number = courant_format_number (precursor->lift, 1);
      /* Translators: how many times more often, “3.4×”. */
      return g_strdup_printf (_("%s×"), number);
    case COURANT_PRECURSORS_COLUMN_SIGNIFICANCE:
      return format_significance (precursor->p);
    case COURANT_PRECURSORS_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

#define COMPARE(a, b) (((a) > (b)) - ((a) < (b)))

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      column)
{
  const CourantPrecursorItem *ia = a, *ib = b;
  const CourantPrecursor *pa = &ia->precursor, *pb = &ib->precursor;

  switch ((CourantPrecursorsColumn) GPOINTER_TO_UINT (column))
    {
    case COURANT_PRECURSORS_COLUMN_SEQUENCE:
      return COMPARE (g_utf8_collate (ia->sequence, ib->sequence), 0);
    case COURANT_PRECURSORS_COLUMN_CUSTOMERS:
      return COMPARE (pa->n_entities, pb->n_entities);
    case COURANT_PRECURSORS_COLUMN_SUPPORT:
      return COMPARE (pa->support, pb->support);
    case COURANT_PRECURSORS_COLUMN_BASELINE:
      return COMPARE (pa->baseline, pb->baseline);
    case COURANT_PRECURSORS_COLUMN_LIFT:
      return COMPARE (pa->lift, pb->lift);
    case COURANT_PRECURSORS_COLUMN_SIGNIFICANCE:
      /* The smaller the p-value, the stronger: it sorts higher. */
      return COMPARE (pb->p, pa->p);
    case COURANT_PRECURSORS_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  column)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);
  gboolean sequence = GPOINTER_TO_UINT (column) == COURANT_PRECURSORS_COLUMN_SEQUENCE;
  gboolean text = sequence || GPOINTER_TO_UINT (column) == COURANT_PRECURSORS_COLUMN_SIGNIFICANCE;

  /* The sequence is what the row is about: it keeps its width when the
   * list of customers opens beside it, and the figures scroll instead. */
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), sequence ? 30 : text ? 14 : 5);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), text ? 34 : 9);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  /* Figures align right, so that their digits line up. */
  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), text ? 0.0 : 1.0);
  gtk_list_item_set_child (item, inscription);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  column)
{
  CourantPrecursorItem *row = gtk_list_item_get_item (item);
  GtkWidget *inscription = gtk_list_item_get_child (item);
  g_autofree char *text = format_cell (row, GPOINTER_TO_UINT (column));

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  /* Less common before the outcome than among the others: not a precursor. */
  if (row->precursor.lift < 1)
    gtk_widget_add_css_class (inscription, "dim-label");
  else
    gtk_widget_remove_css_class (inscription, "dim-label");
}

static void
add_columns (CourantPrecursorsPanel *self)
{
  const char *titles[] = {
    N_("Sequence"), N_("Customers"), N_("Share Before"), N_("Share of Others"),
    N_("Lift"), N_("Significance"),
  };

  for (guint c = 0; c < COURANT_PRECURSORS_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkCustomSorter *sorter = gtk_custom_sorter_new (compare_items, GUINT_TO_POINTER (c), NULL);
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(titles[c]), factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == COURANT_PRECURSORS_COLUMN_SEQUENCE);
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[c] = column;
      g_object_unref (column);
    }
}

static char *
dup_sequence (const CourantEventStore *store,
              const CourantPrecursor  *precursor)
{
  g_autofree char *first = courant_label_display (courant_dict_get (store->events, precursor->first));
  g_autofree char *second = NULL;

  if (precursor->second == COURANT_DICT_NOT_FOUND)
    return g_steal_pointer (&first);
  second = courant_label_display (courant_dict_get (store->events, precursor->second));
  /* Translators: two events, one right after the other: “Complaint → Call”. */
  return g_strdup_printf (_("%s → %s"), first, second);
}

static void
show_summary (CourantPrecursorsPanel        *self,
              const CourantPrecursorsResult *result)
{
  guint total = result->entities_with + result->entities_without;
  g_autofree char *with = courant_format_number (result->entities_with, 0);
  g_autofree char *all = courant_format_number (total, 0);
  g_autofree char *outcome = courant_label_display (result->outcome);
  g_autofree char *text = NULL;

  /* Translators: the outcome, then how many customers reached it out of
   * all of them: “Reached “termination”: 1,234 of 20,000 customers. …” */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Reached “%s”: %s of %s customer. What came before it more often than among the others ranks first; click a row to list its customers.",
                                       "Reached “%s”: %s of %s customers. What came before it more often than among the others ranks first; click a row to list its customers.",
                                       total),
                          outcome, with, all);
  gtk_label_set_text (self->summary_label, text);
}

/* The column titles name the outcome, so that the two shares read apart. */
static void
set_share_titles (CourantPrecursorsPanel *self,
                  const char             *outcome)
{
  g_autofree char *name = courant_label_display (outcome);
  g_autofree char *before = NULL;

  /* Translators: the share of the customers who reached the outcome and
   * had the sequence before it: “Share Before “termination””. */
  before = g_strdup_printf (_("Share Before “%s”"), name);
  gtk_column_view_column_set_title (self->columns[COURANT_PRECURSORS_COLUMN_SUPPORT], before);
}

static void
show_ranking (CourantPrecursorsPanel *self)
{
  const CourantPrecursorsResult *result = self->ranking->result;
  g_autofree char *outcome = courant_label_display (result->outcome);
  g_autofree char *title = NULL;

  gtk_spinner_stop (self->spinner);
  g_list_store_remove_all (self->items);
  for (guint i = 0; i < result->precursors->len; i++)
    {
      g_autoptr(CourantPrecursorItem) item = g_object_new (COURANT_TYPE_PRECURSOR_ITEM, NULL);

      item->index = i;
      item->precursor = g_array_index (result->precursors, CourantPrecursor, i);
      item->sequence = dup_sequence (result->store, &item->precursor);
      g_list_store_append (self->items, item);
    }
  show_summary (self, result);
  set_share_titles (self, result->outcome);

  if (result->precursors->len > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "ranking");
      return;
    }
  if (result->entities_with == 0)
    {
      /* Translators: the outcome event, “termination”. */
      title = g_strdup_printf (_("No Customer Reached “%s”"), outcome);
      adw_status_page_set_description (self->empty_status, NULL);
    }
  else
    {
      title = g_strdup_printf (_("Nothing Stands Out Before “%s”"), outcome);
      adw_status_page_set_description (self->empty_status,
                                       _("No event or sequence comes before it for at least one in a hundred of the customers who reach it."));
    }
  adw_status_page_set_title (self->empty_status, title);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
precursors_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CourantPrecursorsPanel) self = user_data;
  g_autoptr(CourantPrecursorsResult) ranking = NULL;
  g_autoptr(GError) error = NULL;

  ranking = courant_precursors_compute_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (ranking == NULL)
    {
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->ranking, ranking_unref);
  self->ranking = g_atomic_rc_box_new0 (Ranking);
  self->ranking->result = g_steal_pointer (&ranking);
  show_ranking (self);
}

const char *
courant_precursors_panel_get_outcome (CourantPrecursorsPanel *self)
{
  GObject *item;

  g_return_val_if_fail (COURANT_IS_PRECURSORS_PANEL (self), NULL);

  item = gtk_drop_down_get_selected_item (self->outcome_dropdown);
  return item != NULL && self->store != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                                             : NULL;
}

static void
compute_ranking (CourantPrecursorsPanel *self)
{
  CourantPrecursorsOptions options;
  const char *outcome = courant_precursors_panel_get_outcome (self);

  if (outcome == NULL)
    return;

  close_drilldown (self);
  courant_precursors_options_init (&options);
  options.outcome = outcome;
  options.pairs = gtk_check_button_get_active (self->pairs_button);
  show_loading (self);
  courant_precursors_compute_async (self->store, &options, begin_request (self),
                                    precursors_cb, g_object_ref (self));
}

/* Events in the order of the names people read. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *name_a = courant_label_display (*(const char *const *) a);
  g_autofree char *name_b = courant_label_display (*(const char *const *) b);

  return g_utf8_collate (name_a, name_b);
}

/* A termination, a churn, a cancellation: the outcome marketers ask about
 * first. NULL when no event looks like one. */
static const char *
find_termination (GPtrArray *events)
{
  static const char *const stems[] = {
    "termin", "churn", "cancel", "résili", "resili", "unsubscri", "close",
  };

  for (guint s = 0; s < G_N_ELEMENTS (stems); s++)
    for (guint i = 0; i < events->len; i++)
      {
        g_autofree char *folded = g_utf8_casefold (g_ptr_array_index (events, i), -1);

        if (strstr (folded, stems[s]) != NULL)
          return g_ptr_array_index (events, i);
      }
  return NULL;
}

static void option_changed_cb (CourantPrecursorsPanel *self);

/* The events in the alphabetical order of their names, starting on a
 * termination. */
static void
fill_outcomes (CourantPrecursorsPanel *self)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);
  const char *chosen;
  guint selected = 0;

  for (guint i = 0; i < courant_dict_size (self->store->events); i++)
    g_ptr_array_add (events, (gpointer) courant_dict_get (self->store->events, i));
  g_ptr_array_sort (events, compare_names);
  chosen = find_termination (events);
  for (guint i = 0; i < events->len; i++)
    {
      gtk_string_list_append (outcomes, g_ptr_array_index (events, i));
      if (g_ptr_array_index (events, i) == chosen)
        selected = i;
    }

  g_signal_handlers_block_by_func (self->outcome_dropdown, option_changed_cb, self);
  gtk_drop_down_set_model (self->outcome_dropdown, G_LIST_MODEL (outcomes));
  gtk_drop_down_set_selected (self->outcome_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->outcome_dropdown, option_changed_cb, self);
}

void
courant_precursors_panel_set_outcome (CourantPrecursorsPanel *self,
                                      const char             *outcome)
{
  GListModel *outcomes;

  g_return_if_fail (COURANT_IS_PRECURSORS_PANEL (self));
  g_return_if_fail (outcome != NULL);

  outcomes = gtk_drop_down_get_model (self->outcome_dropdown);
  for (guint i = 0; outcomes != NULL && i < g_list_model_get_n_items (outcomes); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (outcomes), i), outcome) == 0)
      {
        gtk_drop_down_set_selected (self->outcome_dropdown, i);
        return;
      }
}

/* The table page loads the events once for this panel and the
 * journeys; the panel ranks them from here on. */
void
courant_precursors_panel_set_store (CourantPrecursorsPanel *self,
                                    CourantEventStore      *store)
{
  g_return_if_fail (COURANT_IS_PRECURSORS_PANEL (self));
  g_return_if_fail (store != NULL);
  g_return_if_fail (self->roles != NULL);

  cancel_request (self);
  g_clear_pointer (&self->store, courant_event_store_unref);
  self->store = courant_event_store_ref (store);
  fill_outcomes (self);
  compute_ranking (self);
}

void
courant_precursors_panel_show_load_error (CourantPrecursorsPanel *self,
                                          const GError           *error)
{
  g_return_if_fail (COURANT_IS_PRECURSORS_PANEL (self));
  g_return_if_fail (error != NULL);

  show_error (self, error);
}

CourantEventStore *
courant_precursors_panel_get_store (CourantPrecursorsPanel *self)
{
  g_return_val_if_fail (COURANT_IS_PRECURSORS_PANEL (self), NULL);

  return self->store;
}

void
courant_precursors_panel_set_table (CourantPrecursorsPanel  *self,
                                    CourantSource           *source,
                                    const CourantTableRoles *roles,
                                    GTimeZone               *timezone)
{
  g_return_if_fail (COURANT_IS_PRECURSORS_PANEL (self));
  g_return_if_fail (source == NULL || COURANT_IS_SOURCE (source));

  cancel_request (self);
  close_drilldown (self);
  g_list_store_remove_all (self->items);
  gtk_drop_down_set_model (self->outcome_dropdown, NULL);
  gtk_label_set_text (self->summary_label, "");
  g_clear_pointer (&self->ranking, ranking_unref);
  g_clear_pointer (&self->store, courant_event_store_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->attribute_names, g_strfreev);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_set_object (&self->source, source);

  if (source == NULL || roles == NULL || roles->kind != COURANT_TABLE_JOURNEYS ||
      courant_table_roles_find (roles, COURANT_ROLE_ENTITY) < 0 ||
      courant_table_roles_find (roles, COURANT_ROLE_TIME) < 0 ||
      courant_table_roles_find (roles, COURANT_ROLE_EVENT) < 0)
    return;

  self->roles = courant_table_roles_copy (roles);
  self->timezone = timezone != NULL ? g_time_zone_ref (timezone) : NULL;
  show_loading (self);
}

static void
option_changed_cb (CourantPrecursorsPanel *self)
{
  compute_ranking (self);
}

/* The entities behind precursor @index of the ranking @data, in the
 * drill-down's worker. */
static GArray *
ranking_entities (gpointer      data,
                  guint         index,
                  GCancellable *cancellable)
{
  return courant_precursors_entities (((Ranking *) data)->result, index, cancellable);
}

static void
drilldown_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CourantPrecursorsPanel) self = user_data;
  g_autoptr(GPtrArray) attributes = NULL;
  g_auto(GStrv) attribute_names = NULL;

  if (!courant_drilldown_pane_finish (self->drilldown, result, &attributes, &attribute_names))
    return;

  g_clear_object (&self->drill_cancellable);
  if (attributes != NULL && self->attributes == NULL)
    {
      self->attributes = g_steal_pointer (&attributes);
      self->attribute_names = g_steal_pointer (&attribute_names);
    }
}

static void
open_drilldown (CourantPrecursorsPanel *self,
                CourantPrecursorItem   *item)
{
  g_autofree char *what = NULL;
  g_autofree char *outcome = courant_label_display (self->ranking->result->outcome);

  /* Translators: a precursor and its outcome: “Complaint → Call before Termination”. */
  what = g_strdup_printf (_("%s before %s"), item->sequence, outcome);
  courant_drilldown_pane_begin (self->drilldown, what, NULL);
  adw_flap_set_reveal_flap (self->flap, TRUE);

  cancel_drilldown (self);
  self->drill_cancellable = g_cancellable_new ();
  courant_drilldown_task_run_async (self->ranking->result->store, self->source, self->roles,
                                    self->timezone, self->attributes, self->attribute_names,
                                    ranking_entities,
                                    g_atomic_rc_box_acquire (self->ranking),
                                    (GDestroyNotify) ranking_unref,
                                    item->index, self->drill_cancellable,
                                    drilldown_cb, g_object_ref (self));
}

static void
activate_cb (CourantPrecursorsPanel *self,
             guint                   position)
{
  g_autoptr(CourantPrecursorItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL && self->ranking != NULL)
    open_drilldown (self, item);
}

const CourantPrecursorsResult *
courant_precursors_panel_get_result (CourantPrecursorsPanel *self)
{
  g_return_val_if_fail (COURANT_IS_PRECURSORS_PANEL (self), NULL);

  return self->ranking != NULL ? self->ranking->result : NULL;
}

guint
courant_precursors_panel_get_n_rows (CourantPrecursorsPanel *self)
{
  g_return_val_if_fail (COURANT_IS_PRECURSORS_PANEL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

char *
courant_precursors_panel_dup_cell (CourantPrecursorsPanel  *self,
                                   guint                    row,
                                   CourantPrecursorsColumn  column)
{
  g_autoptr(CourantPrecursorItem) item = NULL;

  g_return_val_if_fail (COURANT_IS_PRECURSORS_PANEL (self), NULL);
  g_return_val_if_fail (row < courant_precursors_panel_get_n_rows (self), NULL);
  g_return_val_if_fail (column < COURANT_PRECURSORS_N_COLUMNS, NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), row);
  return format_cell (item, column);
}

static void
courant_precursors_panel_dispose (GObject *object)
{
  CourantPrecursorsPanel *self = COURANT_PRECURSORS_PANEL (object);

  cancel_request (self);
  cancel_drilldown (self);
  g_clear_pointer (&self->ranking, ranking_unref);
  g_clear_pointer (&self->store, courant_event_store_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->attribute_names, g_strfreev);
  g_clear_pointer (&self->roles, courant_table_roles_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_clear_object (&self->source);
  g_clear_object (&self->items);
  g_clear_object (&self->sorted);

  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_PRECURSORS_PANEL);

  G_OBJECT_CLASS (courant_precursors_panel_parent_class)->dispose (object);
}

static void
courant_precursors_panel_class_init (CourantPrecursorsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_precursors_panel_dispose;

  g_type_ensure (COURANT_TYPE_DRILLDOWN_PANE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-precursors-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, outcome_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, pairs_button);
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, error_status);
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, column_view);
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, flap);
  gtk_widget_class_bind_template_child (widget_class, CourantPrecursorsPanel, drilldown);
}

static void
courant_precursors_panel_init (CourantPrecursorsPanel *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  add_columns (self);
  self->items = g_list_store_new (COURANT_TYPE_PRECURSOR_ITEM);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  /* The strongest precursors first, as the ranking comes. */
  gtk_column_view_sort_by_column (self->column_view, self->columns[COURANT_PRECURSORS_COLUMN_LIFT],
                                  GTK_SORT_DESCENDING);

  courant_drop_down_show_names (self->outcome_dropdown);

  g_signal_connect_object (self->outcome_dropdown, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pairs_button, "toggled",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drilldown, "close",
                           G_CALLBACK (close_drilldown), self, G_CONNECT_SWAPPED);
}
