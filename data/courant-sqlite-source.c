/* courant-sqlite-source.c: a user's SQLite file, opened read-only
 *
 * The file may come from anywhere, so it is opened the way SQLite's own
 * documentation advises for untrusted databases: read-only (immutable when no
 * write-ahead log is pending, so that no -wal or -shm file appears next to
 * it), defensive mode, untrusted schema, no extensions, cell size checks, no
 * memory mapping, and a progress handler so that any statement can be
 * interrupted. Every connection is opened that way: the main one, and the
 * spare ones on which parts of a table are read at the same time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-error.h"
#include "courant-sqlite-source.h"

/* Below this size a full quick_check costs little; above it only the cheap
 * structural checks run at open, and damage is reported when a query meets
 * it. */
#define QUICK_CHECK_MAX_BYTES (16 * 1024 * 1024)
#define TYPE_SAMPLE_ROWS 200
/* The aggregate through which a scan receives its rows (see scan_step_cb). */
#define SCAN_FUNCTION "courant_scan"

/* The state of the scan running now, read by the scan aggregate. */
typedef struct
{
  CourantScanFunc      func;
  CourantScanProgress  progress;
  gpointer             user_data;
  CourantValue        *values;    /* n_arguments */
  guint                n_columns;
  guint                n_arguments;
  gint64               rows;
  gint64               estimated;
  GError              *error;
  /* A part that ends before the table does reads its key in argument
   * @end_argument: one of the columns, or one more (see build_select). */
  gboolean             has_end;
  guint                end_argument;
  gboolean             descending;
  gint64               end;
  gboolean             ended;
} Scan;

/* One connection to the file, used by one thread at a time. */
typedef struct
{
  sqlite3      *db;
  /* The cancellable of the request running now, read by the progress handler. */
  GCancellable *cancellable;
  Scan         *scan;
} Connection;

/* How a table is cut into parts: ranges of an integer key, the rowid or
 * the first column of a WITHOUT ROWID table's primary key, in the order
 * the table stores its rows. */
typedef struct
{
  char     *key;         /* quoted */
  gboolean  descending;
  gint64    lo;
  gint64    hi;
  guint     n_parts;
} Split;

struct _CourantSqliteSource
{
  CourantSource  parent_instance;

  /* Used under CourantSource's lock. */
  Connection     main;
  char          *uri;
  gboolean       immutable;
  /* Idle connections for courant_source_scan_part(), of Connection. */
  GMutex         pool_lock;
  GPtrArray     *pool;
};

static void courant_sqlite_source_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CourantSqliteSource, courant_sqlite_source, COURANT_TYPE_SOURCE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      courant_sqlite_source_initable_iface_init))

static char *
display_name (CourantSqliteSource *self)
{
  return g_strdup (courant_source_get_title (COURANT_SOURCE (self)));
}

/* Turns an SQLite result code into one sentence a user can act on. */
static void
set_sqlite_error (CourantSqliteSource  *self,
                  sqlite3              *db,
                  int                   rc,
                  GError              **error)
{
  g_autofree char *name = display_name (self);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a SQLite database."), name);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_IOERR:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT,
                   _("The database “%s” is damaged and cannot be read."), name);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_LOCKED,
                   _("The database “%s” is locked by another program; close it and try again."),
                   name);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_PERMISSION,
                   _("The database “%s” cannot be opened for reading."), name);
      break;

    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The operation was cancelled."));
      break;

    case SQLITE_NOMEM:
    case SQLITE_TOOBIG:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                   _("The database “%s” holds values too large to read."), name);
      break;

    default:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_FAILED,
                   _("The database “%s” could not be read: %s."), name, detail);
      break;
    }
}

static int
progress_cb (void *user_data)
{
  Connection *conn = user_data;

  return g_cancellable_is_cancelled (conn->cancellable);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A copy cut short (a download or a copy that did not finish) is the most
 * common damage: the header records the database size, so compare it with
 * the file's size before SQLite trips on a missing page mid-query. */
static gboolean
check_header (CourantSqliteSource  *self,
              const char           *path,
              goffset              *size,
              GError              **error)
{
  g_autofree char *name = display_name (self);
  guint8 header[100];
  guint32 page_size;
  GStatBuf st;
  FILE *fp;
  gsize len;

  fp = g_fopen (path, "rb");
  if (fp == NULL || g_stat (path, &st) != 0)
    {
      g_clear_pointer (&fp, fclose);
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_PERMISSION,
                   _("The database “%s” cannot be opened for reading."), name);
      return FALSE;
    }
  len = fread (header, 1, sizeof header, fp);
  fclose (fp);
  *size = st.st_size;

  if (len < sizeof header)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT,
                   _("The database “%s” is truncated."), name);
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;

  /* The in-header size is valid only when the version-valid-for number
   * matches the change counter (SQLite ≥ 3.7.0 writers). */
  if (read_be32 (header + 92) == read_be32 (header + 24) && page_size >= 512)
    {
      guint64 expected = (guint64) read_be32 (header + 28) * page_size;

      if (expected > 0 && (guint64) *size < expected)
        {
          g_autofree char *expected_size = g_format_size (expected);
          g_autofree char *actual_size = g_format_size (*size);

          g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT,
                       _("The database “%s” is truncated: it should hold %s but holds %s."),
                       name, expected_size, actual_size);
          return FALSE;
        }
    }

  return TRUE;
}

/* An immutable open ignores a pending write-ahead log or hot journal and
 * would read stale pages: only then is the plain read-only mode needed. */
static gboolean
has_pending_changes (const char *path)
{
  static const char *suffixes[] = { "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (side, &st) == 0 && st.st_size > 0)
        return TRUE;
    }
  return FALSE;
}

static char *
build_uri (const char *path,
           gboolean    immutable)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strdup_printf ("file:%s?mode=ro%s", escaped, immutable ? "&immutable=1" : "");
}

static gboolean
exec_pragma (CourantSqliteSource  *self,
             Connection           *conn,
             const char           *sql,
             GError              **error)
{
  int rc = sqlite3_exec (conn->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, conn->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_quick_check (CourantSqliteSource  *self,
                 GError              **error)
{
  g_autofree char *name = display_name (self);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->main.db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
      if (!ok)
        g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT,
                     _("The database “%s” is damaged and cannot be read."), name);
    }
  else
    set_sqlite_error (self, self->main.db, rc, error);

  sqlite3_finalize (stmt);
  return ok;
}

static void scan_step_cb  (sqlite3_context  *context,
                           int               argc,
                           sqlite3_value   **argv);
static void scan_final_cb (sqlite3_context  *context);

static gboolean
harden (CourantSqliteSource  *self,
        Connection           *conn,
        GError              **error)
{
  int rc;

  sqlite3_db_config (conn->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (conn->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (conn->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (conn->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_limit (conn->db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_busy_timeout (conn->db, 2000);
  sqlite3_progress_handler (conn->db, 10000, progress_cb, conn);

  /* DIRECTONLY: the file's own schema (views, triggers, generated columns,
   * CHECK constraints) must never reach the scan, whatever trusted_schema
   * says. The aggregate has side effects, so it is not DETERMINISTIC. */
  rc = sqlite3_create_function_v2 (conn->db, SCAN_FUNCTION, -1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                   conn, NULL, scan_step_cb, scan_final_cb, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, conn->db, rc, error);
      return FALSE;
    }

  return exec_pragma (self, conn, "PRAGMA cell_size_check=ON", error) &&
         exec_pragma (self, conn, "PRAGMA mmap_size=0", error) &&
         exec_pragma (self, conn, "PRAGMA query_only=ON", error);
}

/* Opens and hardens @conn; the cancellable is set for the whole of it. */
static gboolean
open_connection (CourantSqliteSource  *self,
                 Connection           *conn,
                 GError              **error)
{
  /* A connection is used by one thread at a time, so SQLite's own mutex
   * would only add a lock and an unlock to each row of a scan. */
  int rc = sqlite3_open_v2 (self->uri, &conn->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                            NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, conn->db, rc, error);
      return FALSE;
    }
  return harden (self, conn, error);
}

static gboolean
courant_sqlite_source_initable_init (GInitable     *initable,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  CourantSqliteSource *self = COURANT_SQLITE_SOURCE (initable);
  g_autofree char *path = g_file_get_path (courant_source_get_file (COURANT_SOURCE (self)));
  goffset size = 0;

  if (path == NULL)
    {
      g_set_error_literal (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                           _("Only databases on a local disk can be opened."));
      return FALSE;
    }

  if (!check_header (self, path, &size, error))
    return FALSE;

  /* Only an immutable file is read in parts: connections opened one after
   * the other on a file that may still change could see different
   * versions of it. */
  self->immutable = !has_pending_changes (path);
  self->uri = build_uri (path, self->immutable);

  self->main.cancellable = cancellable;
  if (!open_connection (self, &self->main, error) ||
      (size <= QUICK_CHECK_MAX_BYTES && !run_quick_check (self, error)))
    {
      self->main.cancellable = NULL;
      return FALSE;
    }
  self->main.cancellable = NULL;
  return TRUE;
}

static void
courant_sqlite_source_initable_iface_init (GInitableIface *iface)
{
  iface->init = courant_sqlite_source_initable_init;
}

static char *
quote_identifier (const char *name)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

static gboolean
prepare (CourantSqliteSource  *self,
         sqlite3              *db,
         const char           *sql,
         sqlite3_stmt        **stmt,
         GError              **error)
{
  int rc = sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static CourantColumnType
merge_type (CourantColumnType seen,
            int               sqlite_type)
{
  CourantColumnType type;

  switch (sqlite_type)
    {
    case SQLITE_INTEGER: type = COURANT_COLUMN_INTEGER; break;
    case SQLITE_FLOAT:   type = COURANT_COLUMN_REAL;    break;
    case SQLITE_TEXT:    type = COURANT_COLUMN_TEXT;    break;
    case SQLITE_BLOB:    type = COURANT_COLUMN_BLOB;    break;
    case SQLITE_NULL:
    default:             return seen;
    }

  /* Integers among reals are reals; anything among text is text. */
  return MAX (seen, type);
}

static gboolean
describe_columns (CourantSqliteSource  *self,
                  CourantTableInfo     *info,
                  GError              **error)
{
  g_autofree char *quoted = quote_identifier (info->name);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s LIMIT %d", quoted, TYPE_SAMPLE_ROWS);
  g_autofree CourantColumnType *types = NULL;
  sqlite3_stmt *stmt = NULL;
  int n_columns;
  int rc;

  if (!prepare (self, self->main.db, sql, &stmt, error))
    return FALSE;

  n_columns = sqlite3_column_count (stmt);
  types = g_new0 (CourantColumnType, n_columns);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < n_columns; c++)
      types[c] = merge_type (types[c], sqlite3_column_type (stmt, c));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, self->main.db, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  for (int c = 0; c < n_columns; c++)
    courant_table_info_add_column (info,
                                   sqlite3_column_name (stmt, c),
                                   sqlite3_column_decltype (stmt, c),
                                   types[c]);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
count_rows (CourantSqliteSource  *self,
            CourantTableInfo     *info,
            GError              **error)
{
  g_autofree char *quoted = quote_identifier (info->name);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (self, self->main.db, sql, &stmt, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    info->n_rows = sqlite3_column_int64 (stmt, 0);
  else
    set_sqlite_error (self, self->main.db, rc, error);

  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static GPtrArray *
list_table_names (CourantSqliteSource  *self,
                  GError              **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (self, self->main.db,
                "SELECT name FROM sqlite_schema "
                "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "ORDER BY name",
                &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, self->main.db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&names);
}

static GPtrArray *
courant_sqlite_source_list_tables (CourantSource  *source,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  CourantSqliteSource *self = COURANT_SQLITE_SOURCE (source);
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) names = NULL;

  self->main.cancellable = cancellable;
  names = list_table_names (self, error);
  if (names != NULL)
    {
      tables = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_table_info_free);
      for (guint i = 0; i < names->len; i++)
        {
          g_autoptr(CourantTableInfo) info = courant_table_info_new (g_ptr_array_index (names, i));

          if (!describe_columns (self, info, error) || !count_rows (self, info, error))
            {
              g_clear_pointer (&tables, g_ptr_array_unref);
              break;
            }
          g_ptr_array_add (tables, g_steal_pointer (&info));
        }
    }
  self->main.cancellable = NULL;
  return g_steal_pointer (&tables);
}

static char *
value_to_string (sqlite3_stmt *stmt,
                 int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      return NULL;

    case SQLITE_BLOB:
      {
        int bytes = sqlite3_column_bytes (stmt, column);

        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "(%d byte)", "(%d bytes)", bytes), bytes);
      }

    case SQLITE_TEXT:
      {
        const char *text = (const char *) sqlite3_column_text (stmt, column);

        /* A TEXT value is not guaranteed to be valid UTF-8. */
        return g_utf8_make_valid (text, sqlite3_column_bytes (stmt, column));
      }

    default:
      return g_strdup ((const char *) sqlite3_column_text (stmt, column));
    }
}

static CourantPreview *
courant_sqlite_source_preview (CourantSource  *source,
                               const char     *table,
                               guint           limit,
                               GCancellable   *cancellable,
                               GError        **error)
{
  CourantSqliteSource *self = COURANT_SQLITE_SOURCE (source);
  const CourantTableInfo *info = courant_source_find_table (source, table);
  g_autofree char *quoted = quote_identifier (table);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s LIMIT %u", quoted, limit);
  g_autofree const char **names = NULL;
  g_autoptr(CourantPreview) preview = NULL;
  sqlite3_stmt *stmt = NULL;
  int n_columns;
  int rc;

  g_assert (info != NULL);

  self->main.cancellable = cancellable;
  if (!prepare (self, self->main.db, sql, &stmt, error))
    {
      self->main.cancellable = NULL;
      return NULL;
    }

  n_columns = sqlite3_column_count (stmt);
  names = g_new0 (const char *, n_columns + 1);
  for (int c = 0; c < n_columns; c++)
    names[c] = sqlite3_column_name (stmt, c);
  preview = courant_preview_new (n_columns, names);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, n_columns);

      for (int c = 0; c < n_columns; c++)
        row[c] = value_to_string (stmt, c);
      courant_preview_append_row (preview, row);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, self->main.db, rc, error);
      g_clear_pointer (&preview, courant_preview_free);
    }

  sqlite3_finalize (stmt);
  self->main.cancellable = NULL;
  return g_steal_pointer (&preview);
}

/* Inlined: called for every value of every row. */
static G_ALWAYS_INLINE inline void
read_value (sqlite3_value *sql_value,
            CourantValue  *value)
{
  switch (sqlite3_value_type (sql_value))
    {
    case SQLITE_INTEGER:
      value->type = COURANT_COLUMN_INTEGER;
      value->integer = sqlite3_value_int64 (sql_value);
      value->real = (double) value->integer;
      break;

    case SQLITE_FLOAT:
      value->type = COURANT_COLUMN_REAL;
      value->real = sqlite3_value_double (sql_value);
      value->integer = (gint64) value->real;
      break;

    case SQLITE_TEXT:
      value->type = COURANT_COLUMN_TEXT;
      value->text = (const char *) sqlite3_value_text (sql_value);
      value->length = sqlite3_value_bytes (sql_value);
      break;

    case SQLITE_BLOB:
      /* Never a stale pointer: readers take a blob's bytes as text of
       * @length bytes, and an empty blob has no pointer of its own. */
      value->type = COURANT_COLUMN_BLOB;
      value->text = sqlite3_value_blob (sql_value);
      value->length = sqlite3_value_bytes (sql_value);
      if (value->text == NULL)
        value->text = "";
      break;

    case SQLITE_NULL:
    default:
      value->type = COURANT_COLUMN_EMPTY;
      break;
    }
}

/* Whether @key is past the end of the part, compared exactly as SQLite
 * compares a value with the integer bound when it searches for the next
 * part's first key: NULL before numbers, text and blobs after them. */
static G_ALWAYS_INLINE inline gboolean
is_past_end (const Scan         *scan,
             const CourantValue *key)
{
  gboolean at_or_after;

  if (G_LIKELY (key->type == COURANT_COLUMN_INTEGER))
    at_or_after = key->integer >= scan->end;
  else if (key->type == COURANT_COLUMN_REAL)
    {
      /* For an integer bound, x ≥ end exactly when ⌊x⌋ ≥ end, and ⌊x⌋
       * converts exactly within the range of int64. */
      double x = floor (key->real);

      if (x >= 9223372036854775808.0)
        at_or_after = TRUE;
      else if (x < -9223372036854775808.0)
        at_or_after = FALSE;
      else
        at_or_after = (gint64) x >= scan->end;
    }
  else
    at_or_after = key->type != COURANT_COLUMN_EMPTY;

  /* A descending key ends below the part's first key. */
  return scan->descending ? !at_or_after : at_or_after;
}

/* One row of a scan. The rows reach the scan as the arguments of an
 * aggregate, inside SQLite's own loop: there is no sqlite3_step() return,
 * result row and sqlite3_column_*() call per row, which cost more than
 * reading the row itself. */
static void
scan_step_cb (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  Connection *conn = sqlite3_user_data (context);
  Scan *scan = conn->scan;

  if (G_UNLIKELY (scan == NULL || (guint) argc != scan->n_arguments))
    {
      sqlite3_result_error (context, "courant_scan() is internal to Courant", -1);
      return;
    }

  for (guint c = 0; c < scan->n_arguments; c++)
    read_value (argv[c], &scan->values[c]);

  if (scan->has_end && is_past_end (scan, &scan->values[scan->end_argument]))
    {
      /* The rows come in key order: every row from here on is past the
       * part's end too. */
      scan->ended = TRUE;
      sqlite3_result_error_code (context, SQLITE_ABORT);
      return;
    }

  if (G_UNLIKELY (!scan->func (scan->values, scan->n_columns, scan->user_data, &scan->error)))
    {
      /* Stops the statement; the callback's own error is the one reported. */
      sqlite3_result_error_code (context, SQLITE_ABORT);
      return;
    }

  if (scan->progress != NULL && ++scan->rows % COURANT_SCAN_PROGRESS_ROWS == 0)
    scan->progress (scan->rows, scan->estimated, scan->user_data);
}

static void
scan_final_cb (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

/* The first key of range @r (0 < @r < n_parts), ranges counted in key
 * order: lo + ⌊(span + 1) r / n⌋, computed without overflow. */
static gint64
split_bound (const Split *split,
             guint        r)
{
  guint64 span = (guint64) split->hi - (guint64) split->lo;
  guint64 q = span / split->n_parts, rem = span % split->n_parts;

  return (gint64) ((guint64) split->lo + q * r + (rem + 1) * r / split->n_parts);
}

/* NOT INDEXED: a table is read in the order it stores its rows, never
 * through a covering index, so that a scan and its parts agree. With a
 * @split, the part holds the keys of range @r. Where it starts, in the
 * order the table stores its keys, is a search in the b-tree (bound as
 * ?1). Where it ends is not a condition of the query, which SQLite would
 * check by comparing whole records on every row, but the key compared with
 * the bound in the aggregate: one of the columns read (often the entity
 * is the key), or one more argument. */
static char *
build_select (const char        *table,
              const char *const *columns,
              const Split       *split,
              guint              r,
              Scan              *scan)
{
  g_autofree char *quoted_table = quote_identifier (table);
  GString *sql = g_string_new ("SELECT " SCAN_FUNCTION " (");
  gboolean has_lower = split != NULL && r > 0;
  gboolean has_upper = split != NULL && r + 1 < split->n_parts;
  gboolean has_start = split != NULL && (split->descending ? has_upper : has_lower);

  scan->has_end = split != NULL && (split->descending ? has_lower : has_upper);
  scan->end_argument = scan->n_columns;
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *quoted = quote_identifier (columns[i]);

      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, quoted);
      if (scan->has_end && g_ascii_strcasecmp (quoted, split->key) == 0)
        scan->end_argument = i;
    }

  if (scan->has_end)
    {
      scan->descending = split->descending;
      scan->end = split_bound (split, split->descending ? r : r + 1);
      if (scan->end_argument == scan->n_columns)
        g_string_append_printf (sql, ", %s", split->key);
    }
  scan->n_arguments = scan->n_columns + (scan->has_end && scan->end_argument == scan->n_columns);
  g_string_append_printf (sql, ") FROM %s NOT INDEXED", quoted_table);
  if (has_start)
    g_string_append_printf (sql, " WHERE %s %s ?1", split->key, split->descending ? "<" : ">=");
  return g_string_free (sql, FALSE);
}

/* Runs @stmt, whose one row is the scan aggregate's, on @conn. */
static gboolean
run_scan (CourantSqliteSource  *self,
          Connection           *conn,
          sqlite3_stmt         *stmt,
          Scan                 *scan,
          GError              **error)
{
  gboolean ok;
  int rc;

  conn->scan = scan;
  rc = sqlite3_step (stmt);
  conn->scan = NULL;

  /* One row, the aggregate's, comes back when every row was read. */
  ok = scan->error == NULL && (rc == SQLITE_ROW || scan->ended);
  if (scan->error != NULL)
    g_propagate_error (error, g_steal_pointer (&scan->error));
  else if (!ok)
    set_sqlite_error (self, conn->db, rc, error);
  return ok;
}

static gboolean
courant_sqlite_source_scan (CourantSource        *source,
                            const char           *table,
                            const char *const    *columns,
                            CourantScanFunc       func,
                            CourantScanProgress   progress,
                            gpointer              user_data,
                            GCancellable         *cancellable,
                            GError              **error)
{
  CourantSqliteSource *self = COURANT_SQLITE_SOURCE (source);
  Scan scan = { .func = func, .progress = progress, .user_data = user_data,
                .n_columns = g_strv_length ((char **) columns),
                .estimated = courant_source_find_table (source, table)->n_rows };
  g_autofree char *sql = build_select (table, columns, NULL, 0, &scan);
  g_autofree CourantValue *values = g_new0 (CourantValue, scan.n_columns + 1);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  scan.values = values;
  self->main.cancellable = cancellable;
  ok = prepare (self, self->main.db, sql, &stmt, error) &&
       run_scan (self, &self->main, stmt, &scan, error);
  sqlite3_finalize (stmt);
  self->main.cancellable = NULL;
  return ok;
}

/* The first row of @sql, with @table (if not NULL) bound as ?1; FALSE with
 * @error set on failure, and *@stmt NULL when there is no row. */
static gboolean
query_row (CourantSqliteSource  *self,
           Connection           *conn,
           const char           *sql,
           const char           *table,
           sqlite3_stmt        **stmt,
           GError              **error)
{
  int rc;

  if (!prepare (self, conn->db, sql, stmt, error))
    return FALSE;
  if (table != NULL)
    sqlite3_bind_text (*stmt, 1, table, -1, SQLITE_STATIC);
  rc = sqlite3_step (*stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  g_clear_pointer (stmt, sqlite3_finalize);
  if (rc == SQLITE_DONE)
    return TRUE;
  set_sqlite_error (self, conn->db, rc, error);
  return FALSE;
}

/* The first name that means the rowid and is not a column's. */
static gboolean
find_rowid (CourantSqliteSource  *self,
            Connection           *conn,
            const char           *table,
            char                **key,
            GError              **error)
{
  static const char *names[] = { "rowid", "_rowid_", "oid" };
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (self, conn->db, "SELECT lower (name) FROM pragma_table_xinfo (?1, 'main')", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, conn->db, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names) && *key == NULL; i++)
    if (!g_hash_table_contains (columns, names[i]))
      *key = g_strdup (names[i]);
  return TRUE;
}

/* The key whose ranges cut @table in its own order: the rowid of an
 * ordinary table, the first column of a WITHOUT ROWID table's primary key.
 * Views and virtual tables have none. */
static gboolean
find_key (CourantSqliteSource  *self,
          Connection           *conn,
          const char           *table,
          Split                *split,
          GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean is_table, without_rowid;

  if (!query_row (self, conn, "SELECT type = 'table', wr FROM pragma_table_list WHERE schema = 'main' AND name = ?1",
                  table, &stmt, error))
    return FALSE;
  is_table = stmt != NULL && sqlite3_column_int (stmt, 0);
  without_rowid = stmt != NULL && sqlite3_column_int (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!is_table)
    return TRUE;
  if (!without_rowid)
    return find_rowid (self, conn, table, &split->key, error);

  if (!query_row (self, conn,
                  "SELECT x.name, x.desc FROM pragma_index_list (?1, 'main') AS i, "
                  "pragma_index_xinfo (i.name, 'main') AS x WHERE i.origin = 'pk' AND x.seqno = 0",
                  table, &stmt, error))
    return FALSE;
  if (stmt != NULL && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    {
      split->key = quote_identifier ((const char *) sqlite3_column_text (stmt, 0));
      split->descending = sqlite3_column_int (stmt, 1) != 0;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return TRUE;
}

/* The smallest and largest key, each found by one descent of the b-tree
 * (min() and max() alone in their query). A table whose keys are not all
 * integers between the two is not split. */
static gboolean
find_range (CourantSqliteSource  *self,
            Connection           *conn,
            const char           *table,
            Split                *split,
            gboolean             *found,
            GError              **error)
{
  g_autofree char *quoted = quote_identifier (table);
  g_autofree char *sql = g_strdup_printf ("SELECT (SELECT min(%s) FROM %s NOT INDEXED), "
                                          "(SELECT max(%s) FROM %s NOT INDEXED)",
                                          split->key, quoted, split->key, quoted);
  sqlite3_stmt *stmt = NULL;

  if (!query_row (self, conn, sql, NULL, &stmt, error))
    return FALSE;
  *found = stmt != NULL && sqlite3_column_type (stmt, 0) == SQLITE_INTEGER &&
           sqlite3_column_type (stmt, 1) == SQLITE_INTEGER;
  if (*found)
    {
      split->lo = sqlite3_column_int64 (stmt, 0);
      split->hi = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static void
split_clear (Split *split)
{
  g_clear_pointer (&split->key, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Split, split_clear)

/* Cuts @table into at most @max_parts equal ranges of its key. The same
 * file gives the same split on every connection, so that the parts read on
 * different connections fit together. */
static gboolean
plan_split (CourantSqliteSource  *self,
            Connection           *conn,
            const char           *table,
            guint                 max_parts,
            Split                *split,
            GError              **error)
{
  gboolean found = FALSE;
  guint64 span;

  split->n_parts = 1;
  if (!self->immutable || max_parts < 2)
    return TRUE;
  if (!find_key (self, conn, table, split, error))
    return FALSE;
  if (split->key == NULL)
    return TRUE;
  if (!find_range (self, conn, table, split, &found, error))
    return FALSE;
  if (!found)
    return TRUE;

  /* Unsigned, so that the widest range of int64 keys does not overflow. */
  span = (guint64) split->hi - (guint64) split->lo;
  split->n_parts = span < max_parts - 1 ? (guint) span + 1 : max_parts;
  return TRUE;
}

static guint
courant_sqlite_source_count_parts (CourantSource  *source,
                                   const char     *table,
                                   guint           max_parts,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  CourantSqliteSource *self = COURANT_SQLITE_SOURCE (source);
  g_auto(Split) split = { NULL };
  gboolean ok;

  self->main.cancellable = cancellable;
  ok = plan_split (self, &self->main, table, max_parts, &split, error);
  self->main.cancellable = NULL;
  return ok ? split.n_parts : 0;
}

static void
connection_free (gpointer data)
{
  Connection *conn = data;

  sqlite3_close (conn->db);
  g_free (conn);
}

/* An idle connection of the pool, or a new one. */
static Connection *
take_connection (CourantSqliteSource  *self,
                 GError              **error)
{
  Connection *conn = NULL;

  g_mutex_lock (&self->pool_lock);
  if (self->pool->len > 0)
    conn = g_ptr_array_steal_index (self->pool, self->pool->len - 1);
  g_mutex_unlock (&self->pool_lock);
  if (conn != NULL)
    return conn;

  conn = g_new0 (Connection, 1);
  if (!open_connection (self, conn, error))
    g_clear_pointer (&conn, connection_free);
  return conn;
}

static void
give_back_connection (CourantSqliteSource *self,
                      Connection          *conn)
{
  g_mutex_lock (&self->pool_lock);
  g_ptr_array_add (self->pool, conn);
  g_mutex_unlock (&self->pool_lock);
}

static gboolean
scan_range (CourantSqliteSource  *self,
            Connection           *conn,
            const char           *table,
            const char *const    *columns,
            guint                 part,
            guint                 n_parts,
            Scan                 *scan,
            GError              **error)
{
  g_auto(Split) split = { NULL };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  guint r;
  gboolean ok;

  if (!plan_split (self, conn, table, n_parts, &split, error))
    return FALSE;
  if (split.n_parts != n_parts)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_FAILED,
                   _("The table “%s” cannot be read in %u parts."), table, n_parts);
      return FALSE;
    }

  /* A descending key stores its last range first. */
  r = split.descending ? n_parts - 1 - part : part;
  sql = build_select (table, columns, &split, r, scan);
  if (!prepare (self, conn->db, sql, &stmt, error))
    return FALSE;
  /* The first key of the part, or for a descending key the first after it. */
  if (split.descending ? r + 1 < n_parts : r > 0)
    sqlite3_bind_int64 (stmt, 1, split_bound (&split, split.descending ? r + 1 : r));
  ok = run_scan (self, conn, stmt, scan, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
courant_sqlite_source_scan_part (CourantSource        *source,
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
  CourantSqliteSource *self = COURANT_SQLITE_SOURCE (source);
  Scan scan = { .func = func, .progress = progress, .user_data = user_data,
                .n_columns = g_strv_length ((char **) columns),
                .estimated = courant_source_find_table (source, table)->n_rows / n_parts };
  g_autofree CourantValue *values = g_new0 (CourantValue, scan.n_columns + 1);
  Connection *conn;
  gboolean ok;

  conn = take_connection (self, error);
  if (conn == NULL)
    return FALSE;

  scan.values = values;
  conn->cancellable = cancellable;
  ok = scan_range (self, conn, table, columns, part, n_parts, &scan, error);
  conn->cancellable = NULL;
  give_back_connection (self, conn);
  return ok;
}

static void
courant_sqlite_source_finalize (GObject *object)
{
  CourantSqliteSource *self = COURANT_SQLITE_SOURCE (object);

  g_clear_pointer (&self->pool, g_ptr_array_unref);
  g_clear_pointer (&self->main.db, sqlite3_close);
  g_mutex_clear (&self->pool_lock);
  g_free (self->uri);

  G_OBJECT_CLASS (courant_sqlite_source_parent_class)->finalize (object);
}

static void
courant_sqlite_source_class_init (CourantSqliteSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CourantSourceClass *source_class = COURANT_SOURCE_CLASS (klass);

  object_class->finalize = courant_sqlite_source_finalize;

  source_class->list_tables = courant_sqlite_source_list_tables;
  source_class->preview = courant_sqlite_source_preview;
  source_class->scan = courant_sqlite_source_scan;
  source_class->count_parts = courant_sqlite_source_count_parts;
  source_class->scan_part = courant_sqlite_source_scan_part;
}

static void
courant_sqlite_source_init (CourantSqliteSource *self)
{
  g_mutex_init (&self->pool_lock);
  self->pool = g_ptr_array_new_with_free_func (connection_free);
}

CourantSource *
courant_sqlite_source_new (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_initable_new (COURANT_TYPE_SQLITE_SOURCE, cancellable, error,
                         "file", file,
                         NULL);
}
