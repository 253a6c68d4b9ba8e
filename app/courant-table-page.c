/* courant-table-page.c: what one table of a source holds
 *
 * An overview of its columns, and its first rows. The chart views of the
 * later issues join the view stack as pages of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-flows-page.h"
#include "courant-journey-page.h"
#include "courant-format.h"
#include "courant-heatmap-page.h"
#include "courant-precursors-panel.h"
#include "courant-table-page.h"
#include "courant-thermo-page.h"
#include "courant-timeline-page.h"

#define PREVIEW_ROWS 200

/* One row of the preview, as an item of the column view's model. */
#define COURANT_TYPE_ROW_ITEM (courant_row_item_get_type ())
G_DECLARE_FINAL_TYPE (CourantRowItem, courant_row_item, COURANT, ROW_ITEM, GObject)

struct _CourantRowItem
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (CourantRowItem, courant_row_item, G_TYPE_OBJECT)

static void
courant_row_item_class_init (CourantRowItemClass *klass)
{
}

static void
courant_row_item_init (CourantRowItem *self)
{
}

struct _CourantTablePage
{
  AdwBin          parent_instance;

  AdwViewStack   *view_stack;
  AdwViewStackPage    *flows_stack_page;
  CourantFlowsPage    *flows_page;
  AdwViewStackPage    *precursors_stack_page;
  CourantPrecursorsPanel *precursors_panel;
  AdwViewStackPage    *timeline_stack_page;
  CourantTimelinePage *timeline_page;
  AdwViewStackPage    *heatmap_stack_page;
  CourantHeatmapPage  *heatmap_page;
  AdwViewStackPage    *thermo_stack_page;
  CourantThermoPage   *thermo_page;
  AdwViewStackPage    *customer_stack_page;
  CourantJourneyPage  *journey_page;
  /* The events of a journeys table, read once for the two pages that need
   * them all (the journeys and what leads to an outcome), and the colours
   * of its labels, which the customer page shares. */
  CourantTableRoles   *event_roles;
  GTimeZone           *event_timezone;
  CourantEventStore   *events;
  GCancellable        *events_cancellable;
  gboolean             events_requested;
  CourantPaletteMap   *palette;
  GtkLabel       *name_label;
  GtkLabel       *summary_label;
  GtkListBox     *columns_list;
  GtkStack       *preview_stack;
  GtkSpinner     *preview_spinner;
  AdwStatusPage  *preview_error;
  GtkColumnView  *preview_view;
  GtkLabel       *preview_footer;

  CourantSource  *source;
  char           *table;
  CourantPreview *preview;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (CourantTablePage, courant_table_page, ADW_TYPE_BIN)

static const char *
column_type_label (CourantColumnType type)
{
  switch (type)
    {
    case COURANT_COLUMN_INTEGER: return _("Integer");
    case COURANT_COLUMN_REAL:    return _("Decimal");
    case COURANT_COLUMN_TEXT:    return _("Text");
    case COURANT_COLUMN_BLOB:    return _("Binary");
    case COURANT_COLUMN_EMPTY:
    default:                     return _("Empty");
    }
}

static const char *
time_encoding_label (CourantTimeEncoding encoding)
{
  switch (encoding)
    {
    case COURANT_TIME_ISO8601:           return _("ISO 8601 dates");
    case COURANT_TIME_DMY:               return _("day/month/year dates");
    case COURANT_TIME_UNIX_SECONDS:      return _("Unix seconds");
    case COURANT_TIME_UNIX_MILLISECONDS: return _("Unix milliseconds");
    case COURANT_TIME_JULIAN_DAY:        return _("Julian days");
    case COURANT_TIME_ORDINAL:           return _("an order, not dates");
    case COURANT_TIME_UNKNOWN:
    default:                             return _("unknown encoding");
    }
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The column's name, what its values are, and the role inferred for it. */
static GtkWidget *
create_column_row (const CourantColumnInfo *column,
                   const CourantColumnRole *role)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->name);

  if (role != NULL && role->role == COURANT_ROLE_TIME)
    /* Translators: “Text · ISO 8601 dates”. */
    subtitle = g_strdup_printf (_("%s · %s"), column_type_label (column->type),
                                time_encoding_label (role->encoding));
  else
    subtitle = g_strdup (column_type_label (column->type));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (role != NULL && role->role != COURANT_ROLE_NONE)
    {
      GtkWidget *badge = gtk_label_new (courant_role_get_title (role->role));

      gtk_widget_add_css_class (badge, "role-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  return row;
}

static void
show_table_info (CourantTablePage        *self,
                 const CourantTableInfo  *info,
                 const CourantTableRoles *roles)
{
  g_autofree char *rows = courant_format_number ((double) info->n_rows, 0);
  g_autofree char *rows_text = NULL;
  g_autofree char *columns_text = NULL;
  g_autofree char *summary = NULL;

  rows_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                            (gulong) info->n_rows), rows);
  columns_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns",
                                               info->columns->len), info->columns->len);
  /* Translators: “Customer journeys · 1 234 rows · 5 columns”. */
  summary = g_strdup_printf (_("%s · %s · %s"),
                             courant_table_kind_get_title (roles != NULL ? roles->kind
                                                                         : COURANT_TABLE_UNKNOWN),
                             rows_text, columns_text);

  gtk_label_set_text (self->name_label, info->name);
  gtk_label_set_text (self->summary_label, summary);

  clear_list_box (self->columns_list);
  for (guint i = 0; i < info->columns->len; i++)
    {
      const CourantColumnInfo *column = g_ptr_array_index (info->columns, i);
      int index = roles != NULL ? courant_table_roles_lookup (roles, column->name) : -1;

      gtk_list_box_append (self->columns_list,
                           create_column_row (column, index >= 0 ? &roles->columns[index] : NULL));
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 6);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 14);
  gtk_list_item_set_child (item, inscription);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CourantTablePage         *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  CourantRowItem *row = gtk_list_item_get_item (item);
  GtkWidget *inscription = gtk_list_item_get_child (item);
  const char *value = NULL;

  if (self->preview != NULL && row->index < self->preview->rows->len)
    value = courant_preview_get (self->preview, row->index, column);

  /* Missing is not empty: it reads differently from an empty string. */
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), value != NULL ? value : "—");
  if (value == NULL)
    gtk_widget_add_css_class (inscription, "missing");
  else
    gtk_widget_remove_css_class (inscription, "missing");
}

static void
clear_preview_columns (CourantTablePage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }
  gtk_column_view_set_model (self->preview_view, NULL);
}

static void
show_preview (CourantTablePage *self)
{
  const CourantTableInfo *info = courant_source_find_table (self->source, self->table);
  g_autoptr(GListStore) store = g_list_store_new (COURANT_TYPE_ROW_ITEM);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *shown = courant_format_number ((double) self->preview->rows->len, 0);
  g_autofree char *total = courant_format_number (info != NULL ? (double) info->n_rows : 0, 0);
  g_autofree char *footer = NULL;

  clear_preview_columns (self);

  for (guint c = 0; c < self->preview->n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect_object (factory, "bind", G_CALLBACK (cell_bind_cb), self, 0);
      column = gtk_column_view_column_new (self->preview->column_names[c], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->preview_view, column);
    }

  for (guint r = 0; r < self->preview->rows->len; r++)
    {
      g_autoptr(CourantRowItem) item = g_object_new (COURANT_TYPE_ROW_ITEM, NULL);

      item->index = r;
      g_list_store_append (store, item);
    }

  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&store)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));

  /* Translators: “The first 200 rows of 1 234 567”. */
  footer = g_strdup_printf (_("The first %s rows of %s"), shown, total);
  gtk_label_set_text (self->preview_footer, footer);
  gtk_stack_set_visible_child_name (self->preview_stack, "rows");
}

static void
preview_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CourantTablePage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantPreview *preview;

  preview = courant_source_preview_finish (COURANT_SOURCE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->preview_spinner);

  if (preview == NULL)
    {
      adw_status_page_set_description (self->preview_error, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      return;
    }

  g_clear_pointer (&self->preview, courant_preview_free);
  self->preview = preview;
  show_preview (self);
}

typedef struct
{
  const char *label;
  guint       count;
} LabelCount;

static int
compare_label_counts (gconstpointer a,
                      gconstpointer b)
{
  const LabelCount *la = a, *lb = b;

  if (la->count != lb->count)
    return la->count > lb->count ? -1 : 1;
  return g_strcmp0 (la->label, lb->label);
}

/* Colours follow the whole table, not the journeys on screen, so that a
 * label keeps its colour whatever the options and on every page: the
 * commonest labels of @dict get the best ones. */
static void
assign_colours (CourantPaletteMap *palette,
                const CourantDict *dict,
                const guint16     *codes,
                guint              n_events)
{
  guint n_labels = courant_dict_size (dict);
  g_autofree LabelCount *counts = g_new0 (LabelCount, n_labels);
  g_autofree const char **labels = g_new0 (const char *, n_labels + 1);

  for (guint i = 0; i < n_labels; i++)
    counts[i].label = courant_dict_get (dict, i);
  for (guint i = 0; i < n_events; i++)
    counts[codes[i]].count++;
  qsort (counts, n_labels, sizeof *counts, compare_label_counts);
  for (guint i = 0; i < n_labels; i++)
    labels[i] = counts[i].label;
  courant_palette_map_assign (palette, labels);
}

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CourantTablePage) self = user_data;
  g_autoptr(GError) error = NULL;
  CourantEventStore *store;

  store = courant_event_store_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->events_cancellable);
  if (store == NULL)
    {
      courant_flows_page_show_load_error (self->flows_page, error);
      courant_precursors_panel_show_load_error (self->precursors_panel, error);
      return;
    }
  self->events = store;
  assign_colours (self->palette, store->events, store->event, store->n_events);
  if (store->channels != NULL)
    assign_colours (self->palette, store->channels, store->channel, store->n_events);
  courant_flows_page_set_store (self->flows_page, store);
  courant_precursors_panel_set_store (self->precursors_panel, store);
}

/* The events are read once, when a page that needs them is first shown:
 * at a million customers they take hundreds of megabytes, and the
 * customer page, which reads one customer at a time, does not wait. */
static void
load_events (CourantTablePage *self)
{
  const CourantTableRoles *roles = self->event_roles;
  CourantEventColumns columns = { 0 };
  const char *time;

  if (roles == NULL || self->events_requested)
    return;

  time = courant_table_roles_get_column (roles, COURANT_ROLE_TIME);
  columns.entity = courant_table_roles_get_column (roles, COURANT_ROLE_ENTITY);
  columns.time = time;
  columns.event = courant_table_roles_get_column (roles, COURANT_ROLE_EVENT);
  columns.channel = courant_table_roles_get_column (roles, COURANT_ROLE_CHANNEL);
  columns.weight = courant_table_roles_get_column (roles, COURANT_ROLE_WEIGHT);
  columns.time_encoding = roles->columns[courant_table_roles_lookup (roles, time)].encoding;
  columns.tz = self->event_timezone;

  self->events_requested = TRUE;
  self->events_cancellable = g_cancellable_new ();
  courant_event_store_load_async (self->source, roles->table, &columns, NULL, NULL,
                                  self->events_cancellable, events_cb, g_object_ref (self));
}

static void
clear_events (CourantTablePage *self)
{
  if (self->events_cancellable != NULL)
    g_cancellable_cancel (self->events_cancellable);
  g_clear_object (&self->events_cancellable);
  g_clear_pointer (&self->events, courant_event_store_unref);
  g_clear_pointer (&self->event_roles, courant_table_roles_free);
  g_clear_pointer (&self->event_timezone, g_time_zone_unref);
  g_clear_pointer (&self->palette, courant_palette_map_unref);
  self->events_requested = FALSE;
}

/* A new table: new colours, and its events to read if they are journeys. */
static void
reset_events (CourantTablePage        *self,
              const CourantTableRoles *roles,
              GTimeZone               *timezone)
{
  clear_events (self);
  self->palette = courant_palette_map_new ();
  if (self->source == NULL || !courant_flows_page_can_show (roles))
    return;
  self->event_roles = courant_table_roles_copy (roles);
  self->event_timezone = timezone != NULL ? g_time_zone_ref (timezone) : NULL;
}

CourantEventStore *
courant_table_page_get_events (CourantTablePage *self)
{
  g_return_val_if_fail (COURANT_IS_TABLE_PAGE (self), NULL);

  return self->events;
}

void
courant_table_page_set_table (CourantTablePage    *self,
                              const CourantOpened *opened,
                              const char          *table)
{
  CourantSource *source = opened != NULL ? opened->source : NULL;
  const CourantTableRoles *roles;
  const CourantTableInfo *info;

  g_return_if_fail (COURANT_IS_TABLE_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_preview_columns (self);
  g_clear_pointer (&self->preview, courant_preview_free);
  g_set_object (&self->source, source);
  g_free (self->table);
  self->table = g_strdup (table);

  info = source != NULL && table != NULL ? courant_source_find_table (source, table) : NULL;
  roles = info != NULL ? courant_opened_get_roles (opened, table) : NULL;
  reset_events (self, roles, opened != NULL ? opened->timezone : NULL);
  courant_flows_page_set_table (self->flows_page, source, roles,
                                opened != NULL ? opened->timezone : NULL, self->palette);
  adw_view_stack_page_set_visible (self->flows_stack_page, courant_flows_page_can_show (roles));
  courant_precursors_panel_set_table (self->precursors_panel, source, roles,
                                      opened != NULL ? opened->timezone : NULL);
  adw_view_stack_page_set_visible (self->precursors_stack_page, courant_flows_page_can_show (roles));
  courant_timeline_page_set_table (self->timeline_page, source, roles,
                                   opened != NULL ? opened->timezone : NULL);
  adw_view_stack_page_set_visible (self->timeline_stack_page,
                                   courant_timeline_page_can_show (roles));
  courant_heatmap_page_set_table (self->heatmap_page, source, roles,
                                  opened != NULL ? opened->timezone : NULL);
  adw_view_stack_page_set_visible (self->heatmap_stack_page, courant_heatmap_page_can_show (roles));
  courant_thermo_page_set_table (self->thermo_page, source, roles,
                                 opened != NULL ? opened->timezone : NULL);
  adw_view_stack_page_set_visible (self->thermo_stack_page, courant_thermo_page_can_show (roles));
  courant_journey_page_set_table (self->journey_page, source, roles,
                                  opened != NULL ? opened->timezone : NULL, self->palette);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->flows_page)) ||
      gtk_widget_get_mapped (GTK_WIDGET (self->precursors_panel)))
    load_events (self);
  adw_view_stack_page_set_visible (self->customer_stack_page, courant_journey_page_can_show (roles));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.show-customer",
                                 courant_journey_page_can_show (roles));
  if (info == NULL)
    {
      clear_list_box (self->columns_list);
      return;
    }

  show_table_info (self, info, roles);

  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->preview_spinner);
  gtk_stack_set_visible_child_name (self->preview_stack, "loading");
  courant_source_preview_async (source, table, PREVIEW_ROWS, self->cancellable,
                                preview_cb, g_object_ref (self));
}

AdwViewStack *
courant_table_page_get_stack (CourantTablePage *self)
{
  g_return_val_if_fail (COURANT_IS_TABLE_PAGE (self), NULL);

  return self->view_stack;
}

static void
courant_table_page_dispose (GObject *object)
{
  CourantTablePage *self = COURANT_TABLE_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_events (self);
  g_clear_object (&self->source);
  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->preview, courant_preview_free);

  /* The view stack is the bin's child and a template child: the bin lets
   * go of it first, or both would unparent it (the second time a freed
   * widget). */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COURANT_TYPE_TABLE_PAGE);

  G_OBJECT_CLASS (courant_table_page_parent_class)->dispose (object);
}

/* Another page (a drill-down list) opens one customer's journey. */
static void
show_customer_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CourantTablePage *self = COURANT_TABLE_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "customer");
  courant_journey_page_show_customer (self->journey_page, g_variant_get_string (parameter, NULL));
}

static void
courant_table_page_class_init (CourantTablePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_table_page_dispose;

  g_type_ensure (COURANT_TYPE_FLOWS_PAGE);
  g_type_ensure (COURANT_TYPE_PRECURSORS_PANEL);
  g_type_ensure (COURANT_TYPE_TIMELINE_PAGE);
  g_type_ensure (COURANT_TYPE_HEATMAP_PAGE);
  g_type_ensure (COURANT_TYPE_THERMO_PAGE);
  g_type_ensure (COURANT_TYPE_JOURNEY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/courant-table-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, flows_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, flows_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, precursors_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, precursors_panel);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, timeline_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, timeline_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, heatmap_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, heatmap_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, thermo_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, thermo_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, customer_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, journey_page);
  gtk_widget_class_install_action (widget_class, "table.show-customer", "s", show_customer_cb);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, columns_list);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, preview_error);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, preview_view);
  gtk_widget_class_bind_template_child (widget_class, CourantTablePage, preview_footer);
}

static void
courant_table_page_init (CourantTablePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->palette = courant_palette_map_new ();
  g_signal_connect_object (self->flows_page, "map",
                           G_CALLBACK (load_events), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->precursors_panel, "map",
                           G_CALLBACK (load_events), self, G_CONNECT_SWAPPED);
}
