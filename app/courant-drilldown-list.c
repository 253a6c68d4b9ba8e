/* courant-drilldown-list.c: the customers behind a node or a band of the flows
 *
 * A drill-down can hold every customer of a dataset, so the list keeps
 * plain arrays and the model makes a row object only when a view asks for
 * it. The keys are read and folded once, in the worker, for the search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "courant-drilldown-list.h"
#include "courant-format.h"
#include "courant-labels.h"
#include "courant-roles.h"

struct _CourantDrilldownList
{
  CourantEventStore *store;
  guint              n_rows;
  guint32           *entities;
  char             **keys;      /* n_rows, NULL-terminated */
  char             **folded;    /* the keys case-folded, for the search */
  char              *key_title;
  GPtrArray         *attributes;
  char             **attribute_names;
  GTimeZone         *tz;
  gboolean           ordinal;
};

/* A table of customers: its column named like the journeys' entity holds
 * a different value on every sampled row. */
static GPtrArray *
load_table_attributes (CourantEventStore  *store,
                       CourantSource      *source,
                       const char         *table,
                       const char         *entity_column,
                       GTimeZone          *tz,
                       GStrvBuilder       *names,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(CourantTableRoles) roles = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  int key;

  roles = courant_table_roles_infer_source (source, table, tz, cancellable, error);
  if (roles == NULL)
    return NULL;
  key = courant_table_roles_lookup (roles, entity_column);
  if (key < 0 || !roles->columns[key].unique)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) courant_entity_attribute_free);

  attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_entity_attribute_free);
  for (guint i = 0; i < roles->n_columns; i++)
    {
      CourantEntityAttribute *attribute;

      if (roles->columns[i].role != COURANT_ROLE_ATTRIBUTE)
        continue;
      attribute = courant_event_store_load_attribute (store, source, table, entity_column,
                                                      roles->columns[i].name,
                                                      cancellable, error);
      if (attribute == NULL)
        return NULL;
      g_ptr_array_add (attributes, attribute);
      g_strv_builder_add (names, roles->columns[i].name);
    }
  return g_steal_pointer (&attributes);
}

GPtrArray *
courant_drilldown_load_attributes (CourantEventStore  *store,
                                   CourantSource      *source,
                                   const char         *journeys_table,
                                   const char         *entity_column,
                                   GTimeZone          *tz,
                                   char             ***names,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  GPtrArray *tables;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (COURANT_IS_SOURCE (source), NULL);
  g_return_val_if_fail (entity_column != NULL, NULL);
  g_return_val_if_fail (names != NULL, NULL);

  tables = courant_source_get_tables (source);
  for (guint i = 0; i < tables->len; i++)
    {
      const CourantTableInfo *info = g_ptr_array_index (tables, i);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_autoptr(GPtrArray) attributes = NULL;

      if (g_strcmp0 (info->name, journeys_table) == 0)
        continue;
      attributes = load_table_attributes (store, source, info->name, entity_column, tz,
                                          builder, cancellable, error);
      if (attributes == NULL)
        return NULL;
      if (attributes->len > 0)
        {
          *names = g_strv_builder_end (builder);
          return g_steal_pointer (&attributes);
        }
    }

  *names = g_new0 (char *, 1);
  return g_ptr_array_new_with_free_func ((GDestroyNotify) courant_entity_attribute_free);
}

CourantDrilldownList *
courant_drilldown_list_new (CourantEventStore *store,
                            GArray            *entities,
                            const char        *key_title,
                            GPtrArray         *attributes,
                            const char *const *attribute_names,
                            GTimeZone         *tz,
                            gboolean           ordinal)
{
  CourantDrilldownList *self;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (entities != NULL, NULL);
  g_return_val_if_fail (attributes != NULL, NULL);

  self = g_atomic_rc_box_new0 (CourantDrilldownList);
  self->store = courant_event_store_ref (store);
  self->n_rows = entities->len;
  self->entities = g_memdup2 (entities->data, (gsize) entities->len * sizeof (guint32));
  self->keys = g_new (char *, self->n_rows + 1);
  self->folded = g_new (char *, self->n_rows + 1);
  for (guint i = 0; i < self->n_rows; i++)
    {
      self->keys[i] = courant_event_store_dup_entity_key (store, self->entities[i]);
      self->folded[i] = g_utf8_casefold (self->keys[i], -1);
    }
  self->keys[self->n_rows] = NULL;
  self->folded[self->n_rows] = NULL;
  self->key_title = g_strdup (key_title);
  self->attributes = g_ptr_array_ref (attributes);
  self->attribute_names = g_strdupv ((char **) attribute_names);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : courant_time_zone_get_default ();
  self->ordinal = ordinal;
  return self;
}

CourantDrilldownList *
courant_drilldown_list_ref (CourantDrilldownList *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
list_clear (CourantDrilldownList *self)
{
  courant_event_store_unref (self->store);
  g_free (self->entities);
  g_strfreev (self->keys);
  g_strfreev (self->folded);
  g_free (self->key_title);
  g_ptr_array_unref (self->attributes);
  g_strfreev (self->attribute_names);
  g_time_zone_unref (self->tz);
}

void
courant_drilldown_list_unref (CourantDrilldownList *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) list_clear);
}

guint
courant_drilldown_list_get_n_rows (const CourantDrilldownList *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

guint
courant_drilldown_list_get_n_columns (const CourantDrilldownList *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->attributes->len + 3;
}

const char *
courant_drilldown_list_get_column_title (const CourantDrilldownList *self,
                                         guint                       column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < courant_drilldown_list_get_n_columns (self), NULL);

  if (column == 0)
    return self->key_title;
  if (column <= self->attributes->len)
    return self->attribute_names[column - 1];
  if (column == self->attributes->len + 1)
    return _("Events");
  return _("Last Event");
}

static char *
format_last_event (const CourantDrilldownList *self,
                   gint64                      time,
                   gboolean                    for_csv)
{
  g_autoptr(GDateTime) dt = NULL;

  if (self->ordinal)
    return g_strdup_printf ("%" G_GINT64_FORMAT, time);
  if (!for_csv)
    return courant_format_date_time (time, self->tz);
  dt = courant_date_time_new_from_ms (time, self->tz);
  return dt != NULL ? g_date_time_format_iso8601 (dt) : g_strdup ("");
}

char *
courant_drilldown_list_dup_cell (const CourantDrilldownList *self,
                                 guint                       row,
                                 guint                       column,
                                 gboolean                    for_csv)
{
  guint32 entity;
  guint32 first, end;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);
  g_return_val_if_fail (column < courant_drilldown_list_get_n_columns (self), NULL);

  entity = self->entities[row];
  first = self->store->offsets[entity];
  end = self->store->offsets[entity + 1];
  if (column == 0)
    return g_strdup (self->keys[row]);
  if (column <= self->attributes->len)
    {
      const CourantEntityAttribute *attribute = g_ptr_array_index (self->attributes, column - 1);
      guint32 code = attribute->codes[entity];

      if (code == COURANT_DICT_NOT_FOUND)
        return g_strdup ("");
      /* A file keeps the codes, which programs read; people read names. */
      return for_csv ? g_strdup (courant_dict_get (attribute->values, code))
                     : courant_label_display (courant_dict_get (attribute->values, code));
    }
  if (column == self->attributes->len + 1)
    return for_csv ? g_strdup_printf ("%u", end - first) : courant_format_number (end - first, 0);
  return end > first ? format_last_event (self, self->store->time[end - 1], for_csv) : g_strdup ("");
}

struct _CourantDrilldownRow
{
  GObject               parent_instance;
  CourantDrilldownList *list;
  guint                 index;
};

G_DEFINE_FINAL_TYPE (CourantDrilldownRow, courant_drilldown_row, G_TYPE_OBJECT)

static void
courant_drilldown_row_finalize (GObject *object)
{
  CourantDrilldownRow *self = COURANT_DRILLDOWN_ROW (object);

  g_clear_pointer (&self->list, courant_drilldown_list_unref);

  G_OBJECT_CLASS (courant_drilldown_row_parent_class)->finalize (object);
}

static void
courant_drilldown_row_class_init (CourantDrilldownRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = courant_drilldown_row_finalize;
}

static void
courant_drilldown_row_init (CourantDrilldownRow *self)
{
}

CourantDrilldownList *
courant_drilldown_row_get_list (CourantDrilldownRow *self)
{
  g_return_val_if_fail (COURANT_IS_DRILLDOWN_ROW (self), NULL);

  return self->list;
}

guint
courant_drilldown_row_get_index (CourantDrilldownRow *self)
{
  g_return_val_if_fail (COURANT_IS_DRILLDOWN_ROW (self), 0);

  return self->index;
}

struct _CourantDrilldownModel
{
  GObject               parent_instance;
  CourantDrilldownList *list;
  /* The rows of the list that match the search, or NULL for all. */
  GArray               *visible;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CourantDrilldownModel, courant_drilldown_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
courant_drilldown_model_get_item_type (GListModel *model)
{
  return COURANT_TYPE_DRILLDOWN_ROW;
}

static guint
courant_drilldown_model_get_n_items (GListModel *model)
{
  CourantDrilldownModel *self = COURANT_DRILLDOWN_MODEL (model);

  return self->visible != NULL ? self->visible->len : self->list->n_rows;
}

static gpointer
courant_drilldown_model_get_item (GListModel *model,
                                  guint       position)
{
  CourantDrilldownModel *self = COURANT_DRILLDOWN_MODEL (model);
  CourantDrilldownRow *row;

  if (position >= courant_drilldown_model_get_n_items (model))
    return NULL;
  row = g_object_new (COURANT_TYPE_DRILLDOWN_ROW, NULL);
  row->list = courant_drilldown_list_ref (self->list);
  row->index = self->visible != NULL ? g_array_index (self->visible, guint32, position) : position;
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = courant_drilldown_model_get_item_type;
  iface->get_n_items = courant_drilldown_model_get_n_items;
  iface->get_item = courant_drilldown_model_get_item;
}

static void
courant_drilldown_model_finalize (GObject *object)
{
  CourantDrilldownModel *self = COURANT_DRILLDOWN_MODEL (object);

  g_clear_pointer (&self->list, courant_drilldown_list_unref);
  g_clear_pointer (&self->visible, g_array_unref);

  G_OBJECT_CLASS (courant_drilldown_model_parent_class)->finalize (object);
}

static void
courant_drilldown_model_class_init (CourantDrilldownModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = courant_drilldown_model_finalize;
}

static void
courant_drilldown_model_init (CourantDrilldownModel *self)
{
}

CourantDrilldownModel *
courant_drilldown_model_new (CourantDrilldownList *list)
{
  CourantDrilldownModel *self;

  g_return_val_if_fail (list != NULL, NULL);

  self = g_object_new (COURANT_TYPE_DRILLDOWN_MODEL, NULL);
  self->list = courant_drilldown_list_ref (list);
  return self;
}

CourantDrilldownList *
courant_drilldown_model_get_list (CourantDrilldownModel *self)
{
  g_return_val_if_fail (COURANT_IS_DRILLDOWN_MODEL (self), NULL);

  return self->list;
}

void
courant_drilldown_model_set_search (CourantDrilldownModel *self,
                                    const char            *text)
{
  g_autofree char *needle = NULL;
  guint old_n;

  g_return_if_fail (COURANT_IS_DRILLDOWN_MODEL (self));

  old_n = courant_drilldown_model_get_n_items (G_LIST_MODEL (self));
  g_clear_pointer (&self->visible, g_array_unref);
  if (text != NULL && *text != '\0')
    {
      needle = g_utf8_casefold (text, -1);
      self->visible = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint32 i = 0; i < self->list->n_rows; i++)
        if (strstr (self->list->folded[i], needle) != NULL)
          g_array_append_val (self->visible, i);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n,
                              courant_drilldown_model_get_n_items (G_LIST_MODEL (self)));
}

/* RFC 4180: a field with a comma, a quote or a line break is quoted, its
 * quotes doubled; records end with CRLF. */
static void
append_field (GString    *csv,
              const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (csv, field);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static GString *
build_csv (CourantDrilldownList *list,
           GArray               *rows)
{
  guint n_columns = courant_drilldown_list_get_n_columns (list);
  GString *csv = g_string_new (NULL);
  /* The header names every column for programs, not in the user's language. */
  const char *last_titles[] = { "events", "last_event" };

  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (csv, ',');
      append_field (csv, c + 2 < n_columns ? courant_drilldown_list_get_column_title (list, c)
                                           : last_titles[c + 2 - n_columns]);
    }
  g_string_append (csv, "\r\n");

  for (guint i = 0; i < rows->len; i++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *cell = courant_drilldown_list_dup_cell (list, g_array_index (rows, guint32, i),
                                                                   c, TRUE);

          if (c > 0)
            g_string_append_c (csv, ',');
          append_field (csv, cell);
        }
      g_string_append (csv, "\r\n");
    }
  return csv;
}

static gboolean
write_file (GFile       *file,
            GString     *csv,
            GError     **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *tmp = NULL;
  FILE *stream;
  int fd;
  int saved_errno = 0;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The list can only be saved to a local folder."));
      return FALSE;
    }

  tmp = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY, 0644);
  if (fd < 0)
    saved_errno = errno;
  else if ((stream = fdopen (fd, "wb")) == NULL)
    {
      saved_errno = errno;
      close (fd);
    }
  else
    {
      if (fwrite (csv->str, 1, csv->len, stream) != csv->len)
        saved_errno = errno;
      if (fclose (stream) != 0 && saved_errno == 0)
        saved_errno = errno;
      if (saved_errno == 0 && g_rename (tmp, path) != 0)
        saved_errno = errno;
      if (saved_errno != 0)
        g_unlink (tmp);
    }

  if (saved_errno == 0)
    return TRUE;
  /* Translators: the file name, then why, e.g. “Permission denied”. */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("The list could not be saved as “%s”: %s."), name, g_strerror (saved_errno));
  return FALSE;
}

typedef struct
{
  CourantDrilldownList *list;
  GArray               *rows;
  GFile                *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  courant_drilldown_list_unref (data->list);
  g_array_unref (data->rows);
  g_object_unref (data->file);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GString) csv = build_csv (data->list, data->rows);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (write_file (data->file, csv, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
courant_drilldown_model_save_csv_async (CourantDrilldownModel *self,
                                        GFile                 *file,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;
  guint n;

  g_return_if_fail (COURANT_IS_DRILLDOWN_MODEL (self));
  g_return_if_fail (G_IS_FILE (file));

  /* The rows are copied: the search may change while the worker writes. */
  n = courant_drilldown_model_get_n_items (G_LIST_MODEL (self));
  data = g_new0 (SaveData, 1);
  data->list = courant_drilldown_list_ref (self->list);
  data->rows = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 row = self->visible != NULL ? g_array_index (self->visible, guint32, i) : i;

      g_array_append_val (data->rows, row);
    }
  data->file = g_object_ref (file);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_drilldown_model_save_csv_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
courant_drilldown_model_save_csv_finish (CourantDrilldownModel  *self,
                                         GAsyncResult           *result,
                                         GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
setup_journey_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("avatar-default-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Open Journey"));
  gtk_list_item_set_child (item, button);
}

static void
bind_journey_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  CourantDrilldownRow *row = gtk_list_item_get_item (item);
  GtkWidget *button = gtk_list_item_get_child (item);
  const char *key = row->list->keys[row->index];
  g_autofree char *label = NULL;

  /* The target comes first: the action takes a string, never nothing. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", key);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "table.show-customer");
  /* Translators: the accessible name of a button of the list of customers. */
  label = g_strdup_printf (_("Open the journey of customer %s"), key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

GtkColumnViewColumn *
courant_drilldown_journey_column_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_journey_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_journey_cb), NULL);
  return gtk_column_view_column_new (NULL, factory);
}
