/* courant-source.h: a data source (SQLite file, CSV file, later remote servers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The storage class seen in a column's values, as SQLite names them. */
typedef enum
{
  COURANT_COLUMN_EMPTY,     /* every sampled value was missing */
  COURANT_COLUMN_INTEGER,
  COURANT_COLUMN_REAL,
  COURANT_COLUMN_TEXT,
  COURANT_COLUMN_BLOB,
} CourantColumnType;

typedef struct
{
  char              *name;
  char              *declared_type; /* as written in the schema, may be "" */
  CourantColumnType  type;
} CourantColumnInfo;

typedef struct
{
  char      *name;
  gint64     n_rows;
  GPtrArray *columns; /* of CourantColumnInfo */
} CourantTableInfo;

/* The first rows of a table, as display strings (NULL for a missing value). */
typedef struct
{
  guint      n_columns;
  char     **column_names; /* n_columns, NULL-terminated */
  GPtrArray *rows;         /* of char*[n_columns] (owned) */
} CourantPreview;

const char *courant_column_type_to_string (CourantColumnType type);

CourantTableInfo *courant_table_info_new          (const char *name);
void              courant_table_info_add_column   (CourantTableInfo *info,
                                                   const char       *name,
                                                   const char       *declared_type,
                                                   CourantColumnType type);
void              courant_table_info_free         (CourantTableInfo *info);

CourantPreview   *courant_preview_new             (guint              n_columns,
                                                   const char *const *names);
void              courant_preview_append_row      (CourantPreview    *preview,
                                                   char             **row);
const char       *courant_preview_get             (const CourantPreview *preview,
                                                   guint              row,
                                                   guint              column);
void              courant_preview_free            (CourantPreview    *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantTableInfo, courant_table_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantPreview, courant_preview_free)

#define COURANT_TYPE_SOURCE (courant_source_get_type ())
G_DECLARE_DERIVABLE_TYPE (CourantSource, courant_source, COURANT, SOURCE, GObject)

struct _CourantSourceClass
{
  GObjectClass parent_class;

  /* Both run in a worker thread; a source serialises its own access. */
  GPtrArray      *(*list_tables) (CourantSource *self,
                                  GCancellable  *cancellable,
                                  GError       **error);
  CourantPreview *(*preview)     (CourantSource *self,
                                  const char    *table,
                                  guint          limit,
                                  GCancellable  *cancellable,
                                  GError       **error);
};

/* Opens @file as a SQLite database or a CSV file, whichever its content is,
 * and lists its tables. Blocking: call it from a worker (or use the async
 * variant). The user's file is never modified. */
CourantSource  *courant_source_open           (GFile               *file,
                                               GCancellable        *cancellable,
                                               GError             **error);
void            courant_source_open_async     (GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
CourantSource  *courant_source_open_finish    (GAsyncResult        *result,
                                               GError             **error);

GFile          *courant_source_get_file       (CourantSource       *self);
const char     *courant_source_get_title      (CourantSource       *self);
/* The tables listed when the source was opened, of CourantTableInfo. */
GPtrArray      *courant_source_get_tables     (CourantSource       *self);
const CourantTableInfo *courant_source_find_table (CourantSource   *self,
                                                   const char      *name);

CourantPreview *courant_source_preview        (CourantSource       *self,
                                               const char          *table,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GError             **error);
void            courant_source_preview_async  (CourantSource       *self,
                                               const char          *table,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
CourantPreview *courant_source_preview_finish (CourantSource       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
