/* courant-source.c: the base class of every data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "courant-csv-source.h"
#include "courant-error.h"
#include "courant-source.h"
#include "courant-sqlite-source.h"

typedef struct
{
  GFile     *file;
  char      *title;
  GPtrArray *tables;
  /* Sources are used from worker threads, one request at a time. */
  GMutex     mutex;
} CourantSourcePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CourantSource, courant_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
courant_column_type_to_string (CourantColumnType type)
{
  switch (type)
    {
    case COURANT_COLUMN_INTEGER: return "integer";
    case COURANT_COLUMN_REAL:    return "real";
    case COURANT_COLUMN_TEXT:    return "text";
    case COURANT_COLUMN_BLOB:    return "blob";
    case COURANT_COLUMN_EMPTY:
    default:                     return "empty";
    }
}

static void
courant_column_info_free (CourantColumnInfo *info)
{
  g_free (info->name);
  g_free (info->declared_type);
  g_free (info);
}

CourantTableInfo *
courant_table_info_new (const char *name)
{
  CourantTableInfo *info;

  g_return_val_if_fail (name != NULL, NULL);

  info = g_new0 (CourantTableInfo, 1);
  info->name = g_strdup (name);
  info->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_column_info_free);
  return info;
}

void
courant_table_info_add_column (CourantTableInfo  *info,
                               const char        *name,
                               const char        *declared_type,
                               CourantColumnType  type)
{
  CourantColumnInfo *column;

  g_return_if_fail (info != NULL);
  g_return_if_fail (name != NULL);

  column = g_new0 (CourantColumnInfo, 1);
  column->name = g_strdup (name);
  column->declared_type = g_strdup (declared_type ? declared_type : "");
  column->type = type;
  g_ptr_array_add (info->columns, column);
}

/* Returns the index of the column named @name, or -1. */
int
courant_table_info_find_column (const CourantTableInfo *info,
                                const char             *name)
{
  g_return_val_if_fail (info != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < info->columns->len; i++)
    {
      const CourantColumnInfo *column = g_ptr_array_index (info->columns, i);

      if (g_str_equal (column->name, name))
        return i;
    }
  return -1;
}

void
courant_table_info_free (CourantTableInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_ptr_array_unref (info->columns);
  g_free (info);
}

CourantPreview *
courant_preview_new (guint              n_columns,
                     const char *const *names)
{
  CourantPreview *preview;

  g_return_val_if_fail (names != NULL || n_columns == 0, NULL);

  preview = g_new0 (CourantPreview, 1);
  preview->n_columns = n_columns;
  preview->column_names = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    preview->column_names[i] = g_strdup (names[i]);
  preview->rows = g_ptr_array_new ();
  return preview;
}

/* Takes ownership of @row, an array of n_columns strings (or NULL). */
void
courant_preview_append_row (CourantPreview  *preview,
                            char           **row)
{
  g_return_if_fail (preview != NULL);
  g_return_if_fail (row != NULL);

  g_ptr_array_add (preview->rows, row);
}

const char *
courant_preview_get (const CourantPreview *preview,
                     guint                 row,
                     guint                 column)
{
  g_return_val_if_fail (preview != NULL, NULL);
  g_return_val_if_fail (row < preview->rows->len, NULL);
  g_return_val_if_fail (column < preview->n_columns, NULL);

  return ((char **) g_ptr_array_index (preview->rows, row))[column];
}

void
courant_preview_free (CourantPreview *preview)
{
  if (preview == NULL)
    return;

  for (guint i = 0; i < preview->rows->len; i++)
    {
      char **row = g_ptr_array_index (preview->rows, i);

      for (guint c = 0; c < preview->n_columns; c++)
        g_free (row[c]);
      g_free (row);
    }
  g_ptr_array_unref (preview->rows);
  g_strfreev (preview->column_names);
  g_free (preview);
}

static void
courant_source_dispose (GObject *object)
{
  CourantSource *self = COURANT_SOURCE (object);
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);

  g_clear_object (&priv->file);
  g_clear_pointer (&priv->tables, g_ptr_array_unref);

  G_OBJECT_CLASS (courant_source_parent_class)->dispose (object);
}

static void
courant_source_finalize (GObject *object)
{
  CourantSource *self = COURANT_SOURCE (object);
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);

  g_free (priv->title);
  g_mutex_clear (&priv->mutex);

  G_OBJECT_CLASS (courant_source_parent_class)->finalize (object);
}

static void
courant_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CourantSource *self = COURANT_SOURCE (object);
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, priv->file);
      break;

    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static char *
title_for_file (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static void
courant_source_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CourantSource *self = COURANT_SOURCE (object);
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_FILE:
      priv->file = g_value_dup_object (value);
      if (priv->file != NULL)
        priv->title = title_for_file (priv->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
courant_source_class_init (CourantSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = courant_source_dispose;
  object_class->finalize = courant_source_finalize;
  object_class->get_property = courant_source_get_property;
  object_class->set_property = courant_source_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
courant_source_init (CourantSource *self)
{
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);

  g_mutex_init (&priv->mutex);
}

typedef enum
{
  FORMAT_EMPTY,
  FORMAT_SQLITE,
  FORMAT_TEXT,
  FORMAT_BINARY,
} FileFormat;

/* Decides from the first bytes: SQLite files start with a fixed magic
 * string; anything else that is text without NUL bytes is read as CSV. */
static FileFormat
sniff_format (const guint8 *head,
              gsize         len)
{
  static const char sqlite_magic[16] = "SQLite format 3";
  const char *end;

  if (len == 0)
    return FORMAT_EMPTY;
  if (len >= sizeof sqlite_magic && memcmp (head, sqlite_magic, sizeof sqlite_magic) == 0)
    return FORMAT_SQLITE;
  if (memchr (head, '\0', len) != NULL)
    return FORMAT_BINARY;
  /* The buffer may end in the middle of a UTF-8 sequence: only what comes
   * before the last few bytes has to be valid. */
  if (!g_utf8_validate ((const char *) head, len, &end) && (gsize) (end - (const char *) head) + 4 < len)
    return FORMAT_BINARY;
  return FORMAT_TEXT;
}

static gboolean
read_head (GFile         *file,
           guint8        *head,
           gsize          size,
           gsize         *len,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = title_for_file (file);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                     _("The file “%s” does not exist."), name);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_PERMISSION,
                     _("You are not allowed to read “%s”."), name);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                     _("“%s” is a folder, not a data file."), name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_input_stream_read_all (G_INPUT_STREAM (stream), head, size, len, cancellable, error);
}

static CourantSource *
open_by_format (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  guint8 head[4096];
  gsize len = 0;
  g_autofree char *name = title_for_file (file);

  if (!read_head (file, head, sizeof head, &len, cancellable, error))
    return NULL;

  switch (sniff_format (head, len))
    {
    case FORMAT_SQLITE:
      return courant_sqlite_source_new (file, cancellable, error);

    case FORMAT_TEXT:
      return courant_csv_source_new (file, cancellable, error);

    case FORMAT_EMPTY:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("The file “%s” is empty."), name);
      return NULL;

    case FORMAT_BINARY:
    default:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_A_DATABASE,
                   _("“%s” is neither a SQLite database nor a CSV file."), name);
      return NULL;
    }
}

static GPtrArray *
call_list_tables (CourantSource  *self,
                  GCancellable   *cancellable,
                  GError        **error)
{
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&priv->mutex);

  return COURANT_SOURCE_GET_CLASS (self)->list_tables (self, cancellable, error);
}

CourantSource *
courant_source_open (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(CourantSource) source = NULL;
  CourantSourcePrivate *priv;
  GPtrArray *tables;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = open_by_format (file, cancellable, error);
  if (source == NULL)
    return NULL;

  tables = call_list_tables (source, cancellable, error);
  if (tables == NULL)
    return NULL;

  priv = courant_source_get_instance_private (source);
  priv->tables = tables;
  return g_steal_pointer (&source);
}

GFile *
courant_source_get_file (CourantSource *self)
{
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);

  g_return_val_if_fail (COURANT_IS_SOURCE (self), NULL);

  return priv->file;
}

const char *
courant_source_get_title (CourantSource *self)
{
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);

  g_return_val_if_fail (COURANT_IS_SOURCE (self), NULL);

  return priv->title;
}

GPtrArray *
courant_source_get_tables (CourantSource *self)
{
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);

  g_return_val_if_fail (COURANT_IS_SOURCE (self), NULL);

  return priv->tables;
}

const CourantTableInfo *
courant_source_find_table (CourantSource *self,
                           const char    *name)
{
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);

  g_return_val_if_fail (COURANT_IS_SOURCE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; priv->tables != NULL && i < priv->tables->len; i++)
    {
      const CourantTableInfo *info = g_ptr_array_index (priv->tables, i);

      if (g_strcmp0 (info->name, name) == 0)
        return info;
    }
  return NULL;
}

CourantPreview *
courant_source_preview (CourantSource  *self,
                        const char     *table,
                        guint           limit,
                        GCancellable   *cancellable,
                        GError        **error)
{
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (COURANT_IS_SOURCE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (courant_source_find_table (self, table) == NULL)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("There is no table named “%s” in this source."), table);
      return NULL;
    }

  locker = g_mutex_locker_new (&priv->mutex);
  return COURANT_SOURCE_GET_CLASS (self)->preview (self, table, limit, cancellable, error);
}

/* The table and columns of a scan exist. */
static gboolean
check_scan (CourantSource      *self,
            const char         *table,
            const char *const  *columns,
            GError            **error)
{
  const CourantTableInfo *info = courant_source_find_table (self, table);

  if (info == NULL)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("There is no table named “%s” in this source."), table);
      return FALSE;
    }

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    if (courant_table_info_find_column (info, columns[i]) < 0)
      {
        g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                     _("The table “%s” has no column named “%s”."), table, columns[i]);
        return FALSE;
      }
  return TRUE;
}

gboolean
courant_source_scan (CourantSource        *self,
                     const char           *table,
                     const char *const    *columns,
                     CourantScanFunc       func,
                     CourantScanProgress   progress,
                     gpointer              user_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (COURANT_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (columns != NULL && columns[0] != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_scan (self, table, columns, error))
    return FALSE;

  locker = g_mutex_locker_new (&priv->mutex);
  return COURANT_SOURCE_GET_CLASS (self)->scan (self, table, columns, func, progress,
                                                user_data, cancellable, error);
}

guint
courant_source_count_parts (CourantSource  *self,
                            const char     *table,
                            guint           max_parts,
                            GCancellable   *cancellable,
                            GError        **error)
{
  CourantSourcePrivate *priv = courant_source_get_instance_private (self);
  CourantSourceClass *klass;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (COURANT_IS_SOURCE (self), 0);
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (max_parts > 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_scan (self, table, NULL, error))
    return 0;

  klass = COURANT_SOURCE_GET_CLASS (self);
  if (klass->count_parts == NULL || klass->scan_part == NULL || max_parts == 1)
    return 1;

  locker = g_mutex_locker_new (&priv->mutex);
  return klass->count_parts (self, table, max_parts, cancellable, error);
}

gboolean
courant_source_scan_part (CourantSource        *self,
                          const char           *table,
                          const char *const    *columns,
                          guint                 part,
                          guint                 n_parts,
                          CourantScanFunc       func,
                          CourantScanProgress   progress,
                          gpointer              user_data,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_return_val_if_fail (COURANT_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (columns != NULL && columns[0] != NULL, FALSE);
  g_return_val_if_fail (part < n_parts, FALSE);
  g_return_val_if_fail (n_parts == 1 || COURANT_SOURCE_GET_CLASS (self)->scan_part != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_parts == 1)
    return courant_source_scan (self, table, columns, func, progress, user_data, cancellable, error);

  if (!check_scan (self, table, columns, error))
    return FALSE;

  return COURANT_SOURCE_GET_CLASS (self)->scan_part (self, table, columns, part, n_parts, func, progress,
                                                     user_data, cancellable, error);
}

typedef struct
{
  char  *table;
  guint  limit;
} PreviewRequest;

static void
preview_request_free (PreviewRequest *request)
{
  g_free (request->table);
  g_free (request);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewRequest *request = task_data;
  GError *error = NULL;
  CourantPreview *preview;

  preview = courant_source_preview (source_object, request->table, request->limit,
                                    cancellable, &error);
  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) courant_preview_free);
}

void
courant_source_preview_async (CourantSource       *self,
                              const char          *table,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PreviewRequest *request;

  g_return_if_fail (COURANT_IS_SOURCE (self));
  g_return_if_fail (table != NULL);

  request = g_new0 (PreviewRequest, 1);
  request->table = g_strdup (table);
  request->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_source_preview_async);
  g_task_set_task_data (task, request, (GDestroyNotify) preview_request_free);
  g_task_run_in_thread (task, preview_thread);
}

CourantPreview *
courant_source_preview_finish (CourantSource  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
