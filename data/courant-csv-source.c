/* courant-csv-source.c: a CSV file as a source with one table
 *
 * The whole file is read into a CourantCsvTable when the source is created,
 * so listing and previewing never touch the file again. The table is named
 * after the file, without its extension.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "courant-csv-source.h"
#include "courant-error.h"

struct _CourantCsvSource
{
  CourantSource    parent_instance;

  char            *table_name;
  CourantCsvTable *table;
};

static void courant_csv_source_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CourantCsvSource, courant_csv_source, COURANT_TYPE_SOURCE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      courant_csv_source_initable_iface_init))

/* "readings.csv" gives "readings"; a name that is all extension stays whole. */
static char *
table_name_for_file (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  char *name = g_filename_display_name (basename);
  char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    *dot = '\0';

  return name;
}

static gboolean
courant_csv_source_initable_init (GInitable     *initable,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  CourantCsvSource *self = COURANT_CSV_SOURCE (initable);
  GFile *file = courant_source_get_file (COURANT_SOURCE (self));

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  self->table = courant_csv_read_file (file, NULL, cancellable, error);
  if (self->table == NULL)
    return FALSE;
  self->table_name = table_name_for_file (file);

  return TRUE;
}

static void
courant_csv_source_initable_iface_init (GInitableIface *iface)
{
  iface->init = courant_csv_source_initable_init;
}

static GPtrArray *
courant_csv_source_list_tables (CourantSource  *source,
                                GCancellable   *cancellable,
                                GError        **error)
{
  CourantCsvSource *self = COURANT_CSV_SOURCE (source);
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_table_info_free);
  CourantTableInfo *info = courant_table_info_new (self->table_name);
  guint n_columns = courant_csv_table_get_n_columns (self->table);

  info->n_rows = (gint64) courant_csv_table_get_n_rows (self->table);
  for (guint i = 0; i < n_columns; i++)
    courant_table_info_add_column (info,
                                   courant_csv_table_get_column_name (self->table, i),
                                   "",
                                   courant_csv_table_get_column_type (self->table, i));
  g_ptr_array_add (tables, info);

  return tables;
}

static CourantPreview *
courant_csv_source_preview (CourantSource  *source,
                            const char     *table,
                            guint           limit,
                            GCancellable   *cancellable,
                            GError        **error)
{
  CourantCsvSource *self = COURANT_CSV_SOURCE (source);
  guint n_columns = courant_csv_table_get_n_columns (self->table);
  gsize n_rows = MIN (limit, courant_csv_table_get_n_rows (self->table));
  g_autofree const char **names = NULL;
  CourantPreview *preview;

  if (g_strcmp0 (table, self->table_name) != 0)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("There is no table named “%s” in this source."), table);
      return NULL;
    }

  names = g_new0 (const char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    names[i] = courant_csv_table_get_column_name (self->table, i);
  preview = courant_preview_new (n_columns, names);

  for (gsize r = 0; r < n_rows; r++)
    {
      char **row = g_new0 (char *, n_columns);

      for (guint i = 0; i < n_columns; i++)
        row[i] = g_strdup (courant_csv_table_get (self->table, r, i));
      courant_preview_append_row (preview, row);
    }

  return preview;
}

/* Reads one cell as the column's inferred type says it is. */
static void
read_cell (const CourantCsvTable *table,
           gsize                  row,
           guint                  column,
           CourantColumnType      type,
           CourantValue          *value)
{
  const char *text = courant_csv_table_get (table, row, column);

  value->type = text != NULL ? type : COURANT_COLUMN_EMPTY;
  value->text = text;
  value->length = text != NULL ? strlen (text) : 0;

  if (value->type == COURANT_COLUMN_INTEGER)
    {
      value->integer = g_ascii_strtoll (text, NULL, 10);
      value->real = (double) value->integer;
    }
  else if (value->type == COURANT_COLUMN_REAL)
    {
      if (!courant_csv_table_get_double (table, row, column, &value->real))
        value->type = COURANT_COLUMN_EMPTY;
      value->integer = (gint64) value->real;
    }
}

static gboolean
courant_csv_source_scan (CourantSource        *source,
                         const char           *table,
                         const char *const    *columns,
                         CourantScanFunc       func,
                         CourantScanProgress   progress,
                         gpointer              user_data,
                         GCancellable         *cancellable,
                         GError              **error)
{
  CourantCsvSource *self = COURANT_CSV_SOURCE (source);
  const CourantTableInfo *info = courant_source_find_table (source, table);
  guint n_columns = g_strv_length ((char **) columns);
  gsize n_rows = courant_csv_table_get_n_rows (self->table);
  g_autofree CourantValue *values = g_new0 (CourantValue, n_columns);
  g_autofree guint *indexes = g_new0 (guint, n_columns);
  g_autofree CourantColumnType *types = g_new0 (CourantColumnType, n_columns);

  for (guint c = 0; c < n_columns; c++)
    {
      indexes[c] = courant_table_info_find_column (info, columns[c]);
      types[c] = courant_csv_table_get_column_type (self->table, indexes[c]);
    }

  for (gsize r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        read_cell (self->table, r, indexes[c], types[c], &values[c]);
      if (!func (values, n_columns, user_data, error))
        return FALSE;

      if ((r + 1) % COURANT_SCAN_PROGRESS_ROWS == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (r + 1, n_rows, user_data);
        }
    }
  return TRUE;
}

static void
courant_csv_source_finalize (GObject *object)
{
  CourantCsvSource *self = COURANT_CSV_SOURCE (object);

  g_clear_pointer (&self->table, courant_csv_table_free);
  g_clear_pointer (&self->table_name, g_free);

  G_OBJECT_CLASS (courant_csv_source_parent_class)->finalize (object);
}

static void
courant_csv_source_class_init (CourantCsvSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CourantSourceClass *source_class = COURANT_SOURCE_CLASS (klass);

  object_class->finalize = courant_csv_source_finalize;

  source_class->list_tables = courant_csv_source_list_tables;
  source_class->preview = courant_csv_source_preview;
  source_class->scan = courant_csv_source_scan;
}

static void
courant_csv_source_init (CourantCsvSource *self)
{
}

/**
 * courant_csv_source_new:
 * @file: a CSV file
 *
 * Reads the whole file. Blocking: call it from a worker.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
CourantSource *
courant_csv_source_new (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (COURANT_TYPE_CSV_SOURCE, cancellable, error,
                         "file", file,
                         NULL);
}

/* The parsed file, for the queries that run over it. */
const CourantCsvTable *
courant_csv_source_get_table (CourantCsvSource *self)
{
  g_return_val_if_fail (COURANT_IS_CSV_SOURCE (self), NULL);

  return self->table;
}
