/* courant-drilldown-pane.c: the list of the customers behind a flow
 *
 * A side pane next to the chart, so that the clicked flow stays in view:
 * what was clicked and how many customers it holds, a search by id, the
 * customers as a table, and the ways out (re-root the journeys there,
 * export the list).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-drilldown-pane.h"
#include "courant-drilldown-task.h"
#include "courant-format.h"
#include "courant-labels.h"

struct _CourantDrilldownPane
{
  AdwBin                 parent_instance;

  GtkLabel              *title_label;
  GtkButton             *close_button;
  GtkSearchEntry        *search_entry;
  GtkStack              *stack;
  GtkSpinner            *spinner;
  GtkColumnView         *column_view;
  AdwStatusPage         *empty_status;
  GtkButton             *reroot_button;
  GtkButton             *export_button;

  char                  *what;
  char                  *event;
  CourantDrilldownModel *model;
  GtkFileChooserNative  *chooser;
  GCancellable          *cancellable;
};

G_DEFINE_FINAL_TYPE (CourantDrilldownPane, courant_drilldown_pane, ADW_TYPE_BIN)

enum {
  CLOSE,
  RE_ROOT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (CourantDrilldownPane *self,
            const char           *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
cancel_save (CourantDrilldownPane *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
update_visible_child (CourantDrilldownPane *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !empty);
}

static void
search_changed_cb (CourantDrilldownPane *self)
{
  if (self->model == NULL)
    return;
  courant_drilldown_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_visible_child (self);
}

static void
close_cb (CourantDrilldownPane *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

static void
reroot_cb (CourantDrilldownPane *self)
{
  g_signal_emit (self, signals[RE_ROOT], 0);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CourantDrilldownPane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (courant_drilldown_model_save_csv_finish (COURANT_DRILLDOWN_MODEL (object), result, &error))
    show_toast (self, _("The list was exported."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message);
}

static void
chooser_response_cb (CourantDrilldownPane *self,
                     int                   response,
                     GtkNativeDialog      *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL && self->model != NULL)
    {
      cancel_save (self);
      self->cancellable = g_cancellable_new ();
      courant_drilldown_model_save_csv_async (self->model, file, self->cancellable,
                                              save_cb, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
export_cb (CourantDrilldownPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export the Customers"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the suggested name of the exported list of customers. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("customers.csv"));
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  numeric)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 4);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 12);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), numeric != NULL ? 1.0 : 0.0);
  /* The journey buttons make the rows taller than a line, which an
   * inscription would fill with a wrapped second line: centred, it keeps
   * its one line. */
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, inscription);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  column)
{
  CourantDrilldownRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = courant_drilldown_list_dup_cell (courant_drilldown_row_get_list (row),
                                                           courant_drilldown_row_get_index (row),
                                                           GPOINTER_TO_UINT (column), FALSE);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
set_columns (CourantDrilldownPane *self,
             CourantDrilldownList *list)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint n = courant_drilldown_list_get_n_columns (list);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }

  for (guint c = 0; c < n; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      /* The number of events reads as a figure, aligned right. */
      gpointer numeric = c == n - 2 ? GINT_TO_POINTER (TRUE) : NULL;
      /* The key's and the attributes' titles are the table's column names. */
      g_autofree char *title = c < n - 2 ? courant_label_display (courant_drilldown_list_get_column_title (list, c))
                                         : g_strdup (courant_drilldown_list_get_column_title (list, c));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), numeric);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }

  /* Last, a button per customer that opens their journey. */
  {
    g_autoptr(GtkColumnViewColumn) journey = courant_drilldown_journey_column_new ();

    gtk_column_view_append_column (self->column_view, journey);
  }
}

void
courant_drilldown_pane_begin (CourantDrilldownPane *self,
                              const char           *what,
                              const char           *event)
{
  g_return_if_fail (COURANT_IS_DRILLDOWN_PANE (self));
  g_return_if_fail (what != NULL);

  cancel_save (self);
  g_free (self->what);
  self->what = g_strdup (what);
  g_free (self->event);
  self->event = g_strdup (event);
  g_clear_object (&self->model);
  gtk_column_view_set_model (self->column_view, NULL);
  /* A new list starts unfiltered. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_label_set_text (self->title_label, what);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reroot_button), event != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), FALSE);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
set_list (CourantDrilldownPane *self,
          CourantDrilldownList *list)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  guint n;

  n = courant_drilldown_list_get_n_rows (list);
  count = courant_format_number (n, 0);
  /* Translators: what was clicked, then how many customers it holds:
   * “bill_viewed → call, steps 2 to 3: 1,234 customers”. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s customer", "%s: %s customers", n),
                           self->what, count);
  gtk_label_set_text (self->title_label, title);

  g_clear_object (&self->model);
  self->model = courant_drilldown_model_new (list);
  adw_status_page_set_title (self->empty_status, _("No Customers Found"));
  adw_status_page_set_description (self->empty_status, NULL);
  courant_drilldown_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  set_columns (self, list);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), TRUE);
  update_visible_child (self);
}

static void
set_error (CourantDrilldownPane *self,
           const GError         *error)
{
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_title (self->empty_status, _("The Customers Could Not Be Listed"));
  adw_status_page_set_description (self->empty_status, error->message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

gboolean
courant_drilldown_pane_finish (CourantDrilldownPane  *self,
                               GAsyncResult          *result,
                               GPtrArray            **attributes,
                               char               ***attribute_names)
{
  g_autoptr(CourantDrilldownList) list = NULL;
  g_autoptr(GError) error = NULL;

  list = courant_drilldown_task_run_finish (result, attributes, attribute_names, &error);
  /* Before looking at the pane: the page that started the drill-down
   * cancels it when it goes away, and the pane goes with it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  g_return_val_if_fail (COURANT_IS_DRILLDOWN_PANE (self), FALSE);

  if (list == NULL)
    set_error (self, error);
  else
    set_list (self, list);
  return TRUE;
}

const char *
courant_drilldown_pane_get_event (CourantDrilldownPane *self)
{
  g_return_val_if_fail (COURANT_IS_DRILLDOWN_PANE (self), NULL);

  return self->event;
}

CourantDrilldownModel *
courant_drilldown_pane_get_model (CourantDrilldownPane *self)
{
  g_return_val_if_fail (COURANT_IS_DRILLDOWN_PANE (self), NULL);

  return self->model;
}

static void
courant_drilldown_pane_dispose (GObject *object)
{
  CourantDrilldownPane *self = COURANT_DRILLDOWN_PANE (object);

  cancel_save (self);
  g_clear_object (&self->chooser);
  g_clear_object (&self->model);
  g_clear_pointer (&self->what, g_free);
  g_clear_pointer (&self->event, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_DRILLDOWN_PANE);

  G_OBJECT_CLASS (courant_drilldown_pane_parent_class)->dispose (object);
}

static void
courant_drilldown_pane_class_init (CourantDrilldownPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_drilldown_pane_dispose;

  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RE_ROOT] = g_signal_new ("re-root", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-drilldown-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantDrilldownPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, CourantDrilldownPane, close_button);
  gtk_widget_class_bind_template_child (widget_class, CourantDrilldownPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CourantDrilldownPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CourantDrilldownPane, spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantDrilldownPane, column_view);
  gtk_widget_class_bind_template_child (widget_class, CourantDrilldownPane, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CourantDrilldownPane, reroot_button);
  gtk_widget_class_bind_template_child (widget_class, CourantDrilldownPane, export_button);
}

static void
courant_drilldown_pane_init (CourantDrilldownPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  /* Escape in the search closes the list, as the close button does. */
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (close_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->close_button, "clicked",
                           G_CALLBACK (close_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reroot_button, "clicked",
                           G_CALLBACK (reroot_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->export_button, "clicked",
                           G_CALLBACK (export_cb), self, G_CONNECT_SWAPPED);
}
