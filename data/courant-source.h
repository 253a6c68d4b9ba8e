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

/* One value met by courant_source_scan(). Integers also fill @real, and
 * reals @integer (truncated), so that a numeric column reads either way. */
typedef struct
{
  CourantColumnType  type;    /* COURANT_COLUMN_EMPTY when the value is missing */
  gint64             integer;
  double             real;
  const char        *text;    /* TEXT (NUL-terminated) and BLOB (@length bytes,
                               * not terminated), valid during the callback */
  gsize              length;
} CourantValue;

/* Called once per row with one value per requested column. Returning FALSE
 * (with @error set) stops the scan. */
typedef gboolean (*CourantScanFunc)     (const CourantValue  *values,
                                         guint                n_values,
                                         gpointer             user_data,
                                         GError             **error);
/* Called every few tens of thousands of rows, in the scanning thread. */
typedef void     (*CourantScanProgress) (gint64               rows_read,
                                         gint64               rows_estimated,
                                         gpointer             user_data);

#define COURANT_SCAN_PROGRESS_ROWS 65536

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
  /* @columns are known to exist in @table. */
  gboolean        (*scan)        (CourantSource       *self,
                                  const char          *table,
                                  const char *const   *columns,
                                  CourantScanFunc      func,
                                  CourantScanProgress  progress,
                                  gpointer             user_data,
                                  GCancellable        *cancellable,
                                  GError             **error);
  /* Optional, for sources that can read one table on several connections
   * at once: how many parts, at most @max_parts, scan_part() splits @table
   * into (1 when it cannot be split). */
  guint           (*count_parts) (CourantSource       *self,
                                  const char          *table,
                                  guint                max_parts,
                                  GCancellable        *cancellable,
                                  GError             **error);
  /* Reads @part of @n_parts (n_parts ≥ 2, as count_parts() gave it). Runs
   * without the source's lock: different parts run in different threads at
   * the same time, so it must use its own connection. */
  gboolean        (*scan_part)   (CourantSource       *self,
                                  const char          *table,
                                  const char *const   *columns,
                                  guint                part,
                                  guint                n_parts,
                                  CourantScanFunc      func,
                                  CourantScanProgress  progress,
                                  gpointer             user_data,
                                  GCancellable        *cancellable,
                                  GError             **error);
};

/* Opens @file as a SQLite database or a CSV file, whichever its content is,
 * and lists its tables. Blocking: call it from a worker. The user's file
 * is never modified. */
CourantSource  *courant_source_open           (GFile               *file,
                                               GCancellable        *cancellable,
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

/* Reads @columns of every row of @table in the table's own order (a
 * SQLite table's rowid or primary key order, whatever its indexes).
 * Blocking: call it from a worker. */
gboolean        courant_source_scan           (CourantSource       *self,
                                               const char          *table,
                                               const char *const   *columns,
                                               CourantScanFunc      func,
                                               CourantScanProgress  progress,
                                               gpointer             user_data,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* How many parts, at most @max_parts, courant_source_scan_part() reads
 * @table in: 1 when the source or the table cannot be split (a CSV file, a
 * view, a table without an integer key, a file another program may still
 * be writing), 0 with @error set on failure. Blocking: call it from a
 * worker. */
guint           courant_source_count_parts    (CourantSource       *self,
                                               const char          *table,
                                               guint                max_parts,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* Reads @part of the @n_parts that courant_source_count_parts() gave: the
 * parts, one after the other in order, are exactly the rows of
 * courant_source_scan() in the same order. Different parts of a table may
 * be read at the same time from different threads, each on its own
 * connection; @progress counts the rows of this part. With @n_parts 1 it
 * is courant_source_scan(). Blocking: call it from a worker. */
gboolean        courant_source_scan_part      (CourantSource       *self,
                                               const char          *table,
                                               const char *const   *columns,
                                               guint                part,
                                               guint                n_parts,
                                               CourantScanFunc      func,
                                               CourantScanProgress  progress,
                                               gpointer             user_data,
                                               GCancellable        *cancellable,
                                               GError             **error);
int             courant_table_info_find_column (const CourantTableInfo *info,
                                                const char             *name);

G_END_DECLS
