/* test-source.c: opening SQLite files safely, listing and previewing tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-error.h"
#include "courant-source.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", message, sql);
}

/* A database with a few shapes of tables, names that need quoting, missing
 * values and enough rows to span many pages. */
static void
write_database (const char *path,
                const char *journal_mode)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA journal_mode=%s", journal_mode);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, pragma);
  exec_sql (db,
            "CREATE TABLE readings (site INTEGER, ts INTEGER, kwh REAL);"
            "CREATE TABLE \"my \"\"odd\"\" table\" (\"Date début\" TEXT, \"Demande (MW)\" NUMERIC, blobby BLOB);"
            "CREATE TABLE empty_table (a, b);"
            "CREATE VIEW daily AS SELECT site, count(*) AS n FROM readings GROUP BY site;"
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999) "
            "INSERT INTO readings SELECT i % 7, 1700000000000 + i * 1800000, "
            "  CASE WHEN i % 11 = 0 THEN NULL ELSE i * 0.25 END FROM n;"
            "INSERT INTO \"my \"\"odd\"\" table\" VALUES ('2025-03-30', 12, x'00ff'), "
            "  (NULL, 3.5, NULL), ('été', NULL, NULL);");
  sqlite3_close (db);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("courant-source-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "data.sqlite", NULL);
  write_database (fixture->path, data != NULL ? data : "DELETE");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static CourantSource *
open_path (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return courant_source_open (file, NULL, error);
}

static gint64
sql_count (const char *path,
           const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static const CourantColumnInfo *
column (const CourantTableInfo *table,
        guint                   i)
{
  g_assert_cmpuint (i, <, table->columns->len);
  return g_ptr_array_index (table->columns, i);
}

static void
test_list_tables (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = open_path (fixture->path, &error);
  const CourantTableInfo *readings, *odd, *empty, *daily;

  g_assert_no_error (error);
  g_assert_true (COURANT_IS_SOURCE (source));
  g_assert_cmpstr (courant_source_get_title (source), ==, "data.sqlite");
  g_assert_cmpuint (courant_source_get_tables (source)->len, ==, 4);

  readings = courant_source_find_table (source, "readings");
  odd = courant_source_find_table (source, "my \"odd\" table");
  empty = courant_source_find_table (source, "empty_table");
  daily = courant_source_find_table (source, "daily");
  g_assert_nonnull (readings);
  g_assert_nonnull (odd);
  g_assert_nonnull (empty);
  g_assert_nonnull (daily);
  g_assert_null (courant_source_find_table (source, "sqlite_schema"));

  /* Row counts against an independent connection. */
  g_assert_cmpint (readings->n_rows, ==, sql_count (fixture->path, "SELECT count(*) FROM readings"));
  g_assert_cmpint (odd->n_rows, ==, 3);
  g_assert_cmpint (empty->n_rows, ==, 0);
  g_assert_cmpint (daily->n_rows, ==, sql_count (fixture->path, "SELECT count(DISTINCT site) FROM readings"));

  g_assert_cmpuint (readings->columns->len, ==, 3);
  g_assert_cmpstr (column (readings, 0)->name, ==, "site");
  g_assert_cmpint (column (readings, 0)->type, ==, COURANT_COLUMN_INTEGER);
  g_assert_cmpstr (column (readings, 0)->declared_type, ==, "INTEGER");
  g_assert_cmpint (column (readings, 2)->type, ==, COURANT_COLUMN_REAL);

  g_assert_cmpstr (column (odd, 0)->name, ==, "Date début");
  g_assert_cmpint (column (odd, 0)->type, ==, COURANT_COLUMN_TEXT);
  /* An integer and a real in one column make a real column. */
  g_assert_cmpint (column (odd, 1)->type, ==, COURANT_COLUMN_REAL);
  g_assert_cmpint (column (odd, 2)->type, ==, COURANT_COLUMN_BLOB);
  g_assert_cmpint (column (empty, 0)->type, ==, COURANT_COLUMN_EMPTY);
}

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = open_path (fixture->path, &error);
  g_autoptr(CourantPreview) preview = NULL;
  g_autoptr(CourantPreview) odd = NULL;

  g_assert_no_error (error);
  preview = courant_source_preview (source, "readings", 25, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_columns, ==, 3);
  g_assert_cmpuint (preview->rows->len, ==, 25);
  g_assert_cmpstr (preview->column_names[1], ==, "ts");
  g_assert_cmpstr (courant_preview_get (preview, 1, 1), ==, "1700001800000");
  /* Row 0 and row 11 have no kWh: missing, not "0". */
  g_assert_null (courant_preview_get (preview, 0, 2));
  g_assert_null (courant_preview_get (preview, 11, 2));
  g_assert_cmpstr (courant_preview_get (preview, 2, 2), ==, "0.5");

  odd = courant_source_preview (source, "my \"odd\" table", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odd->rows->len, ==, 3);
  g_assert_cmpstr (courant_preview_get (odd, 2, 0), ==, "été");
  g_assert_cmpstr (courant_preview_get (odd, 0, 2), ==, "(2 bytes)");

  g_assert_null (courant_source_preview (source, "nope", 10, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
assert_no_side_files (const char *path)
{
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      g_assert_false (g_file_test (side, G_FILE_TEST_EXISTS));
    }
}

/* The user's file is never modified, and nothing appears next to it. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *before = checksum_file (fixture->path);
  g_autofree char *after = NULL;
  GStatBuf st_before, st_after;

  g_assert_cmpint (g_stat (fixture->path, &st_before), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CourantSource) source = open_path (fixture->path, &error);
    g_autoptr(CourantPreview) preview = NULL;

    g_assert_no_error (error);
    preview = courant_source_preview (source, "readings", 1000, NULL, &error);
    g_assert_no_error (error);
    assert_no_side_files (fixture->path);
  }
  g_assert_cmpint (g_stat (fixture->path, &st_after), ==, 0);
  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  assert_no_side_files (fixture->path);
}

static void
write_bytes (const char *path,
             const void *bytes,
             gsize       len)
{
  g_assert_true (g_file_set_contents (path, bytes, len, NULL));
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "image.png", NULL);
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = NULL;

  write_bytes (path, png, sizeof png);
  source = open_path (path, &error);
  g_assert_null (source);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "image.png"));
}

/* A file with SQLite's magic string and garbage after it. */
static void
test_fake_header (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "fake.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = NULL;
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (i * 7919) & 0xff;
  memcpy (bytes, "SQLite format 3", 16);
  write_bytes (path, bytes, sizeof bytes);

  source = open_path (path, &error);
  g_assert_null (source);
  g_assert_true (g_error_matches (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_A_DATABASE) ||
                 g_error_matches (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT));
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nowhere.sqlite", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (open_path (path, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nowhere.sqlite"));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.sqlite", NULL);
  g_autoptr(GError) error = NULL;

  write_bytes (path, "", 0);
  g_assert_null (open_path (path, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
}

static void
test_folder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (open_path (fixture->dir, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cut.sqlite", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16384);
  write_bytes (path, contents, len / 2);

  g_assert_null (open_path (path, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "cut.sqlite"));
}

/* Damage in the middle of the file, where the header cannot tell. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "damaged.sqlite", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  /* Scribble over the b-tree pages after the schema page. */
  for (gsize i = 4096; i < len; i += 4096)
    memset (contents + i, 0xa5, 64);
  write_bytes (path, contents, len);

  g_assert_null (open_path (path, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (courant_source_open (file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A database in WAL mode with changes not yet checkpointed: they must be
 * seen, and the WAL must not be folded into the user's file. */
static void
test_pending_wal (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = NULL;
  g_autofree char *before = checksum_file (fixture->path);
  g_autofree char *after = NULL;
  sqlite3 *writer;

  g_assert_cmpint (sqlite3_open (fixture->path, &writer), ==, SQLITE_OK);
  exec_sql (writer, "PRAGMA wal_autocheckpoint=0; INSERT INTO empty_table VALUES (1, 2);");

  source = open_path (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (courant_source_find_table (source, "empty_table")->n_rows, ==, 1);
  /* The file may still change under a second connection: one part only. */
  g_assert_cmpuint (courant_source_count_parts (source, "readings", 4, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&source);

  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  sqlite3_close (writer);
}

typedef struct
{
  gint64 rows;
  gint64 missing;
  double sum;
  gint64 site_sum;
} ScanTotals;

static gboolean
scan_cb (const CourantValue  *values,
         guint                n_values,
         gpointer             user_data,
         GError             **error)
{
  ScanTotals *totals = user_data;

  g_assert_cmpuint (n_values, ==, 2);
  totals->rows++;
  totals->site_sum += values[1].integer;
  if (values[0].type == COURANT_COLUMN_EMPTY)
    totals->missing++;
  else
    totals->sum += values[0].real;
  return TRUE;
}

static double
sql_double (const char *path,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  double v;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* A scan reads every row, with missing values apart, in SQLite and in CSV. */
static void
test_scan (Fixture       *fixture,
           gconstpointer  data)
{
  static const char *columns[] = { "kwh", "site", NULL };
  g_autofree char *csv_path = g_build_filename (fixture->dir, "readings.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("site;ts;kwh\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = open_path (fixture->path, &error);
  g_autoptr(CourantSource) csv_source = NULL;
  ScanTotals totals = { 0 }, csv_totals = { 0 };
  static const char *bad[] = { "kwh", "nope", NULL };

  g_assert_no_error (error);
  g_assert_true (courant_source_scan (source, "readings", columns, scan_cb, NULL, &totals, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (totals.rows, ==, sql_count (fixture->path, "SELECT count(*) FROM readings"));
  g_assert_cmpint (totals.missing, ==, sql_count (fixture->path, "SELECT count(*) FROM readings WHERE kwh IS NULL"));
  g_assert_cmpint (totals.site_sum, ==, sql_count (fixture->path, "SELECT sum(site) FROM readings"));
  g_assert_cmpfloat_with_epsilon (totals.sum, sql_double (fixture->path, "SELECT sum(kwh) FROM readings"), 1e-6);

  /* The same rows as CSV, with a decimal comma. */
  for (int i = 0; i < 20000; i++)
    {
      if (i % 11 == 0)
        g_string_append_printf (csv, "%d;%d;\n", i % 7, i);
      else
        g_string_append_printf (csv, "%d;%d;%d,%02d\n", i % 7, i, i / 4, (i % 4) * 25);
    }
  write_bytes (csv_path, csv->str, csv->len);
  csv_source = open_path (csv_path, &error);
  g_assert_no_error (error);
  g_assert_true (courant_source_scan (csv_source, "readings", columns, scan_cb, NULL, &csv_totals, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csv_totals.rows, ==, totals.rows);
  g_assert_cmpint (csv_totals.missing, ==, totals.missing);
  g_assert_cmpint (csv_totals.site_sum, ==, totals.site_sum);
  g_assert_cmpfloat_with_epsilon (csv_totals.sum, totals.sum, 1e-6);

  /* A CSV file is read in one part, which is the whole scan. */
  g_assert_cmpuint (courant_source_count_parts (csv_source, "readings", 4, NULL, &error), ==, 1);
  g_assert_no_error (error);
  csv_totals = (ScanTotals) { 0 };
  g_assert_true (courant_source_scan_part (csv_source, "readings", columns, 0, 1, scan_cb, NULL, &csv_totals,
                                           NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csv_totals.rows, ==, totals.rows);
  g_assert_cmpint (csv_totals.site_sum, ==, totals.site_sum);

  g_assert_false (courant_source_scan (source, "readings", bad, scan_cb, NULL, &totals, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
}

typedef struct
{
  GPtrArray *rows; /* of char *, one line per row */
} TypedRows;

static gboolean
typed_rows_cb (const CourantValue  *values,
               guint                n_values,
               gpointer             user_data,
               GError             **error)
{
  TypedRows *rows = user_data;
  GString *line = g_string_new (NULL);

  for (guint c = 0; c < n_values; c++)
    {
      const CourantValue *v = &values[c];

      if (c > 0)
        g_string_append_c (line, '|');
      switch (v->type)
        {
        case COURANT_COLUMN_EMPTY:
          g_string_append (line, "null:");
          break;
        case COURANT_COLUMN_INTEGER:
          g_assert_cmpfloat (v->real, ==, (double) v->integer);
          g_string_append_printf (line, "integer:%" G_GINT64_FORMAT, v->integer);
          break;
        case COURANT_COLUMN_REAL:
          g_assert_cmpint (v->integer, ==, (gint64) v->real);
          g_string_append_printf (line, "real:%.15g", v->real);
          break;
        case COURANT_COLUMN_TEXT:
          g_assert_cmpuint (strlen (v->text), ==, v->length);
          g_string_append_printf (line, "text:%s", v->text);
          break;
        case COURANT_COLUMN_BLOB:
          g_assert_nonnull (v->text);
          g_string_append (line, "blob:");
          for (gsize i = 0; i < v->length; i++)
            g_string_append_printf (line, "%02X", (guint8) v->text[i]);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_ptr_array_add (rows->rows, g_string_free (line, FALSE));
  return TRUE;
}

/* The same lines, computed by SQLite itself with typeof(). */
static GPtrArray *
sql_typed_rows (const char *path,
                const char *sql)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static void
assert_same_rows (GPtrArray *got,
                  GPtrArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
}

#define TYPED(col) \
  "CASE typeof(" col ") WHEN 'null' THEN 'null:' WHEN 'integer' THEN 'integer:' || " col \
  " WHEN 'real' THEN 'real:' || printf('%.15g', " col ") WHEN 'text' THEN 'text:' || " col \
  " ELSE 'blob:' || hex(" col ") END"

/* Every storage class and missing values arrive as SQLite holds them, in
 * the table's order, from a table and from a view. */
static void
test_scan_types (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *odd_columns[] = { "Date début", "Demande (MW)", "blobby", NULL };
  static const char *view_columns[] = { "n", "site", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = open_path (fixture->path, &error);
  g_autoptr(GPtrArray) expected = NULL;
  TypedRows rows = { g_ptr_array_new_with_free_func (g_free) };

  g_assert_no_error (error);
  g_assert_true (courant_source_scan (source, "my \"odd\" table", odd_columns, typed_rows_cb, NULL,
                                      &rows, NULL, &error));
  g_assert_no_error (error);
  expected = sql_typed_rows (fixture->path,
                             "SELECT " TYPED ("\"Date début\"") " || '|' || " TYPED ("\"Demande (MW)\"")
                             " || '|' || " TYPED ("blobby") " FROM \"my \"\"odd\"\" table\"");
  g_assert_cmpuint (expected->len, ==, 3);
  assert_same_rows (rows.rows, expected);

  g_ptr_array_set_size (rows.rows, 0);
  g_clear_pointer (&expected, g_ptr_array_unref);
  g_assert_true (courant_source_scan (source, "daily", view_columns, typed_rows_cb, NULL,
                                      &rows, NULL, &error));
  g_assert_no_error (error);
  expected = sql_typed_rows (fixture->path, "SELECT " TYPED ("n") " || '|' || " TYPED ("site") " FROM daily");
  g_assert_cmpuint (expected->len, ==, 7);
  assert_same_rows (rows.rows, expected);

  /* Integers, reals and missing values of the big table, row by row. */
  g_ptr_array_set_size (rows.rows, 0);
  g_clear_pointer (&expected, g_ptr_array_unref);
  {
    static const char *columns[] = { "site", "ts", "kwh", NULL };

    g_assert_true (courant_source_scan (source, "readings", columns, typed_rows_cb, NULL,
                                        &rows, NULL, &error));
    g_assert_no_error (error);
  }
  expected = sql_typed_rows (fixture->path,
                             "SELECT " TYPED ("site") " || '|' || " TYPED ("ts") " || '|' || " TYPED ("kwh")
                             " FROM readings");
  g_assert_cmpuint (expected->len, ==, 20000);
  assert_same_rows (rows.rows, expected);
  g_ptr_array_unref (rows.rows);
}

typedef struct
{
  GCancellable *cancellable;
  gint64        rows;
  gint64        stop_at;
  gint64        progress_calls;
} StopScan;

static gboolean
cancel_at_cb (const CourantValue  *values,
              guint                n_values,
              gpointer             user_data,
              GError             **error)
{
  StopScan *stop = user_data;

  if (++stop->rows == stop->stop_at)
    g_cancellable_cancel (stop->cancellable);
  return TRUE;
}

static gboolean
fail_at_cb (const CourantValue  *values,
            guint                n_values,
            gpointer             user_data,
            GError             **error)
{
  StopScan *stop = user_data;

  g_assert_cmpint (stop->rows, <, stop->stop_at);
  if (++stop->rows == stop->stop_at)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID, "row %" G_GINT64_FORMAT, stop->rows);
      return FALSE;
    }
  return TRUE;
}

/* Cancelling while rows are being read stops the scan soon after, with
 * the cancelled error; a callback that fails stops it at once, with its
 * own error. */
static void
test_scan_stop (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *columns[] = { "site", "ts", "kwh", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = open_path (fixture->path, &error);
  StopScan stop = { cancellable, 0, 5000, 0 };
  gint64 total;

  g_assert_no_error (error);
  total = courant_source_find_table (source, "readings")->n_rows;
  g_assert_cmpint (total, ==, 20000);

  g_assert_false (courant_source_scan (source, "readings", columns, cancel_at_cb, NULL, &stop,
                                       cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (stop.rows, >=, stop.stop_at);
  g_assert_cmpint (stop.rows, <, total);
  g_clear_error (&error);

  stop = (StopScan) { NULL, 0, 10, 0 };
  g_assert_false (courant_source_scan (source, "readings", columns, fail_at_cb, NULL, &stop, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 10");
  g_assert_cmpint (stop.rows, ==, 10);
  g_clear_error (&error);

  /* The connection is still usable after both. */
  stop = (StopScan) { NULL, 0, -1, 0 };
  g_assert_true (courant_source_scan (source, "readings", columns, cancel_at_cb, NULL, &stop, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stop.rows, ==, total);
}

/* Tables of every kind of key, written next to the fixture's. */
static void
write_keyed_tables (const char *path)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db,
            "CREATE TABLE keyed (k INTEGER, t INTEGER, v REAL, PRIMARY KEY (k, t)) WITHOUT ROWID;"
            "CREATE TABLE keyed_desc (k INTEGER, t INTEGER, v REAL, PRIMARY KEY (k DESC, t)) WITHOUT ROWID;"
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999) "
            "INSERT INTO keyed SELECT (i * 7919) % 101 - 40, 3000 - i, CASE WHEN i % 13 = 0 THEN NULL ELSE i END FROM n;"
            /* Real keys among the integers, on both sides of bounds (-15
             * and 10 for 4 parts, -7 for 3). */
            "INSERT INTO keyed VALUES (2.5, 1, 1), (2.5, 2, 2), (9.5, 1, 3), (10.5, 1, 4), "
            "  (-15.5, 1, 5), (-14.5, 1, 6), (-7.25, 1, 7), (-6.75, 1, 8);"
            "INSERT INTO keyed_desc SELECT * FROM keyed;"
            /* Keys at both ends of int64. */
            "CREATE TABLE wide (k INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID;"
            "INSERT INTO wide VALUES (-9223372036854775808, 'min'), (-1, 'a'), (0, 'b'), (1, 'c'), "
            "  (4611686018427387904, 'd'), (9223372036854775807, 'max');"
            /* A covering index that SQLite would rather scan than the table. */
            "CREATE TABLE covered (a INTEGER, b INTEGER, pad TEXT);"
            "CREATE INDEX covered_ba ON covered (b, a);"
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999) "
            "INSERT INTO covered SELECT i, 1000 - i, printf ('%.60c', 'x') FROM n;"
            "ANALYZE;"
            "CREATE TABLE text_key (k TEXT PRIMARY KEY, v) WITHOUT ROWID;"
            "INSERT INTO text_key VALUES ('a', 1), ('b', 2), ('c', 3);"
            "CREATE TABLE shadowed (rowid, _rowid_, oid);"
            "INSERT INTO shadowed VALUES (1, 2, 3), (4, 5, 6), (7, 8, 9);"
            "CREATE TABLE two_rows (a);"
            "INSERT INTO two_rows VALUES (1), (2);");
  sqlite3_close (db);
}

/* The lines of every part, one part after the other. */
static GPtrArray *
scan_in_parts (CourantSource     *source,
               const char        *table,
               const char *const *columns,
               guint              n_parts)
{
  TypedRows rows = { g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GError) error = NULL;

  for (guint p = 0; p < n_parts; p++)
    {
      g_assert_true (courant_source_scan_part (source, table, columns, p, n_parts, typed_rows_cb, NULL, &rows,
                                               NULL, &error));
      g_assert_no_error (error);
    }
  return rows.rows;
}

/* Which tables split, and into how many parts at most. */
static void
test_count_parts (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *table;
    guint       max_parts;
    guint       n_parts;
  } cases[] = {
    { "readings", 4, 4 },     /* rowid */
    { "readings", 1, 1 },
    { "keyed", 3, 3 },        /* WITHOUT ROWID, integer key */
    { "keyed_desc", 2, 2 },
    { "wide", 4, 4 },
    { "covered", 2, 2 },
    { "two_rows", 4, 2 },     /* no more parts than keys */
    { "daily", 4, 1 },        /* a view */
    { "text_key", 4, 1 },     /* keys that are not integers */
    { "shadowed", 4, 1 },     /* no name left for the rowid */
    { "empty_table", 4, 1 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = NULL;

  write_keyed_tables (fixture->path);
  source = open_path (fixture->path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint n = courant_source_count_parts (source, cases[i].table, cases[i].max_parts, NULL, &error);

      g_assert_no_error (error);
      if (n != cases[i].n_parts)
        g_error ("%s: %u parts, expected %u", cases[i].table, n, cases[i].n_parts);
    }

  g_assert_cmpuint (courant_source_count_parts (source, "nope", 2, NULL, &error), ==, 0);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* More parts than the table has keys for. */
  {
    static const char *columns[] = { "a", NULL };
    TypedRows rows = { g_ptr_array_new_with_free_func (g_free) };

    g_assert_false (courant_source_scan_part (source, "two_rows", columns, 0, 3, typed_rows_cb, NULL, &rows,
                                              NULL, &error));
    g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_FAILED);
    g_assert_cmpuint (rows.rows->len, ==, 0);
    g_ptr_array_unref (rows.rows);
  }
}

/* Parts, one after the other, are the rows in the table's own order (the
 * rowid's or the primary key's, as SQL sorts them), whatever the number of
 * parts. */
static void
test_scan_parts (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *ktv[] = { "k", "t", "v", NULL };
  static const char *kv[] = { "k", "v", NULL };
  static const char *ab[] = { "a", "b", NULL };
  static const char *tv[] = { "t", "v", NULL };
  static const char *site_ts_kwh[] = { "site", "ts", "kwh", NULL };
  static const struct {
    const char        *table;
    const char *const *columns;
    const char        *sql;
  } cases[] = {
    { "readings", site_ts_kwh,
      "SELECT " TYPED ("site") " || '|' || " TYPED ("ts") " || '|' || " TYPED ("kwh") " FROM readings ORDER BY rowid" },
    { "keyed", ktv,
      "SELECT " TYPED ("k") " || '|' || " TYPED ("t") " || '|' || " TYPED ("v") " FROM keyed ORDER BY k, t" },
    { "keyed", tv,
      "SELECT " TYPED ("t") " || '|' || " TYPED ("v") " FROM keyed ORDER BY k, t" },
    { "keyed_desc", tv,
      "SELECT " TYPED ("t") " || '|' || " TYPED ("v") " FROM keyed_desc ORDER BY k DESC, t" },
    { "keyed_desc", ktv,
      "SELECT " TYPED ("k") " || '|' || " TYPED ("t") " || '|' || " TYPED ("v") " FROM keyed_desc ORDER BY k DESC, t" },
    { "wide", kv,
      "SELECT " TYPED ("k") " || '|' || " TYPED ("v") " FROM wide ORDER BY k" },
    { "covered", ab,
      "SELECT " TYPED ("a") " || '|' || " TYPED ("b") " FROM covered ORDER BY rowid" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = NULL;

  write_keyed_tables (fixture->path);
  source = open_path (fixture->path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) expected = sql_typed_rows (fixture->path, cases[i].sql);
      TypedRows scanned = { g_ptr_array_new_with_free_func (g_free) };

      /* One scan, and the same in 2, 3 and 4 parts. */
      g_assert_true (courant_source_scan (source, cases[i].table, cases[i].columns, typed_rows_cb, NULL,
                                          &scanned, NULL, &error));
      g_assert_no_error (error);
      assert_same_rows (scanned.rows, expected);
      g_ptr_array_unref (scanned.rows);

      for (guint n = 2; n <= 4; n++)
        {
          g_autoptr(GPtrArray) rows = NULL;

          g_assert_cmpuint (courant_source_count_parts (source, cases[i].table, n, NULL, &error), ==, n);
          rows = scan_in_parts (source, cases[i].table, cases[i].columns, n);
          assert_same_rows (rows, expected);
        }
    }
}

typedef struct
{
  CourantSource *source;
  guint          part;
  TypedRows      rows;
  gboolean       ok;
} PartThread;

static gpointer
part_thread (gpointer data)
{
  static const char *columns[] = { "site", "ts", "kwh", NULL };
  PartThread *thread = data;

  thread->ok = courant_source_scan_part (thread->source, "readings", columns, thread->part, 2, typed_rows_cb,
                                         NULL, &thread->rows, NULL, NULL);
  return NULL;
}

/* Two parts read at the same time, each in its own thread, while the
 * source's own connection serves another request. */
static void
test_scan_parts_threads (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = open_path (fixture->path, &error);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(CourantPreview) preview = NULL;
  PartThread threads[2];
  GThread *handles[2];

  g_assert_no_error (error);
  g_assert_cmpuint (courant_source_count_parts (source, "readings", 2, NULL, &error), ==, 2);
  for (guint p = 0; p < 2; p++)
    {
      threads[p] = (PartThread) { source, p, { g_ptr_array_new_with_free_func (g_free) }, FALSE };
      handles[p] = g_thread_new ("part", part_thread, &threads[p]);
    }
  preview = courant_source_preview (source, "readings", 5, NULL, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < 2; p++)
    {
      g_thread_join (handles[p]);
      g_assert_true (threads[p].ok);
    }
  g_assert_cmpuint (preview->rows->len, ==, 5);

  g_ptr_array_extend_and_steal (threads[0].rows.rows, threads[1].rows.rows);
  expected = sql_typed_rows (fixture->path,
                             "SELECT " TYPED ("site") " || '|' || " TYPED ("ts") " || '|' || " TYPED ("kwh")
                             " FROM readings ORDER BY rowid");
  assert_same_rows (threads[0].rows.rows, expected);
  g_ptr_array_unref (threads[0].rows.rows);
}

/* A part stops like a scan: cancelled soon after, or at once with the
 * callback's own error; its connection goes back to the pool usable. */
static void
test_scan_part_stop (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *columns[] = { "site", "ts", "kwh", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = open_path (fixture->path, &error);
  StopScan stop = { cancellable, 0, 2000, 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (courant_source_count_parts (source, "readings", 2, NULL, &error), ==, 2);

  g_assert_false (courant_source_scan_part (source, "readings", columns, 1, 2, cancel_at_cb, NULL, &stop,
                                            cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (stop.rows, >=, stop.stop_at);
  g_assert_cmpint (stop.rows, <, 10000);
  g_clear_error (&error);

  stop = (StopScan) { NULL, 0, 10, 0 };
  g_assert_false (courant_source_scan_part (source, "readings", columns, 0, 2, fail_at_cb, NULL, &stop,
                                            NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 10");
  g_clear_error (&error);

  stop = (StopScan) { NULL, 0, -1, 0 };
  g_assert_true (courant_source_scan_part (source, "readings", columns, 1, 2, cancel_at_cb, NULL, &stop,
                                           NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stop.rows, ==, 10000);
}

static void
no_op_cb (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_null (context);
}

/* A file whose schema calls the function through which scans read rows
 * must not reach it: from a view SQLite refuses the call, and a generated
 * column calling it makes the schema itself unreadable. */
static void
test_hostile_schema (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct {
    const char *sql;
    int         code;
    const char *detail;
  } cases[] = {
    { "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2);"
      "CREATE VIEW evil AS SELECT courant_scan (a) AS x FROM t;",
      COURANT_DATA_ERROR_FAILED, "unsafe use of courant_scan()" },
    { "CREATE TABLE t (a INTEGER, b AS (courant_scan (a)));"
      "INSERT INTO t (a) VALUES (1), (2);",
      COURANT_DATA_ERROR_CORRUPT, "damaged" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("hostile-%u.sqlite", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GError) error = NULL;
      sqlite3 *db;

      /* The writer knows a function of that name so that the schema can be
       * written at all. */
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_create_function (db, "courant_scan", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                                NULL, no_op_cb, NULL, NULL), ==, SQLITE_OK);
      exec_sql (db, cases[i].sql);
      sqlite3_close (db);

      g_assert_null (open_path (path, &error));
      g_assert_error (error, COURANT_DATA_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].detail));
    }
}

/* Another program is writing the file: say so instead of reading pages
 * half-written. */
static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *writer;

  g_assert_cmpint (sqlite3_open (fixture->path, &writer), ==, SQLITE_OK);
  exec_sql (writer, "BEGIN EXCLUSIVE; INSERT INTO empty_table VALUES (1, 2);");

  g_assert_null (open_path (fixture->path, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "data.sqlite"));

  exec_sql (writer, "ROLLBACK;");
  sqlite3_close (writer);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/source/sqlite/list-tables", Fixture, NULL, fixture_setup, test_list_tables, fixture_teardown);
  g_test_add ("/source/sqlite/preview", Fixture, NULL, fixture_setup, test_preview, fixture_teardown);
  g_test_add ("/source/sqlite/read-only", Fixture, NULL, fixture_setup, test_read_only, fixture_teardown);
  g_test_add ("/source/sqlite/read-only-wal", Fixture, "WAL", fixture_setup, test_read_only, fixture_teardown);
  g_test_add ("/source/sqlite/pending-wal", Fixture, "WAL", fixture_setup, test_pending_wal, fixture_teardown);
  g_test_add ("/source/errors/not-a-database", Fixture, NULL, fixture_setup, test_not_a_database, fixture_teardown);
  g_test_add ("/source/errors/fake-header", Fixture, NULL, fixture_setup, test_fake_header, fixture_teardown);
  g_test_add ("/source/errors/missing", Fixture, NULL, fixture_setup, test_missing, fixture_teardown);
  g_test_add ("/source/errors/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/source/errors/folder", Fixture, NULL, fixture_setup, test_folder, fixture_teardown);
  g_test_add ("/source/errors/truncated", Fixture, NULL, fixture_setup, test_truncated, fixture_teardown);
  g_test_add ("/source/errors/locked", Fixture, NULL, fixture_setup, test_locked, fixture_teardown);
  g_test_add ("/source/errors/damaged", Fixture, NULL, fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/source/scan", Fixture, NULL, fixture_setup, test_scan, fixture_teardown);
  g_test_add ("/source/scan-types", Fixture, NULL, fixture_setup, test_scan_types, fixture_teardown);
  g_test_add ("/source/scan-stop", Fixture, NULL, fixture_setup, test_scan_stop, fixture_teardown);
  g_test_add ("/source/parts/count", Fixture, NULL, fixture_setup, test_count_parts, fixture_teardown);
  g_test_add ("/source/parts/scan", Fixture, NULL, fixture_setup, test_scan_parts, fixture_teardown);
  g_test_add ("/source/parts/threads", Fixture, NULL, fixture_setup, test_scan_parts_threads, fixture_teardown);
  g_test_add ("/source/parts/stop", Fixture, NULL, fixture_setup, test_scan_part_stop, fixture_teardown);
  g_test_add ("/source/hostile-schema", Fixture, NULL, fixture_setup, test_hostile_schema, fixture_teardown);
  g_test_add ("/source/cancelled", Fixture, NULL, fixture_setup, test_cancelled, fixture_teardown);

  return g_test_run ();
}
