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

  g_assert_false (courant_source_scan (source, "readings", bad, scan_cb, NULL, &totals, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
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

static void
open_async_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CourantSource **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = courant_source_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(CourantSource) source = NULL;

  courant_source_open_async (file, NULL, open_async_cb, &source);
  while (source == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (courant_source_get_tables (source)->len, ==, 4);
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
  g_test_add ("/source/cancelled", Fixture, NULL, fixture_setup, test_cancelled, fixture_teardown);
  g_test_add ("/source/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);

  return g_test_run ();
}
