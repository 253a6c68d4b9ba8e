/* test-heatmap-export.c: courant-cli export --chart heatmap
 *
 * Runs the command line (its path is the first argument) on a small SQLite
 * file of two meters in January, where local time is UTC + 1 h all month,
 * so that plain SQL can group the readings by local day and hour. The grid
 * SQL finds is laid out here by the heatmap scene, and the middle of each
 * cell of the PNG must have its colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "courant-heatmap-scene.h"
#include "courant-text.h"

#define WIDTH   900
#define HEIGHT  500
#define N_DAYS  20
/* 2025-01-05 00:00 in Paris, as ms UTC. */
#define START_MS G_GINT64_CONSTANT (1736031600000)
#define HOUR_MS  G_GINT64_CONSTANT (3600000)

static const char *cli_path;
static char *tmp_dir;
static char *db_path;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", message, sql);
}

/* Half-hourly readings of two meters; meter b is off for the 8th and 9th
 * of January, meter a for the 12th from 06:00 to 18:00 as well. */
static void
write_readings (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE readings (meter TEXT, ts INTEGER, kwh REAL)");
  exec_sql (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO readings VALUES (?,?,?)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint m = 0; m < 2; m++)
    for (gint64 ts = START_MS; ts < START_MS + N_DAYS * 24 * HOUR_MS; ts += HOUR_MS / 2)
      {
        gint64 day = (ts - START_MS) / (24 * HOUR_MS);
        gint64 hour = (ts - START_MS) / HOUR_MS % 24;

        if ((m == 1 && (day == 3 || day == 4)) || (day == 7 && hour >= 6 && hour < 18))
          continue;
        sqlite3_bind_text (stmt, 1, m == 0 ? "a" : "b", -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 2, ts);
        sqlite3_bind_double (stmt, 3, (1 + m) * (2 + sin (hour / 3.0)) + g_rand_double (rand));
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
        sqlite3_reset (stmt);
      }
  sqlite3_finalize (stmt);
  exec_sql (db, "COMMIT");
  sqlite3_close (db);
}

/* The sums by local day and hour, from SQL alone. */
static CourantHeatmap *
sql_heatmap (void)
{
  CourantHeatmap *heatmap = g_new0 (CourantHeatmap, 1);
  g_autofree char *sql = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  heatmap->slot_minutes = 60;
  heatmap->agg = COURANT_AGG_SUM;
  heatmap->n_slots = 24;
  heatmap->n_rows = N_DAYS;
  heatmap->first_day = (START_MS + HOUR_MS) / (24 * HOUR_MS);
  heatmap->values = g_new (double, N_DAYS * 24);
  heatmap->counts = g_new0 (guint32, N_DAYS * 24);
  for (guint c = 0; c < N_DAYS * 24; c++)
    heatmap->values[c] = NAN;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sql = g_strdup_printf ("SELECT (ts - %" G_GINT64_FORMAT ") / 86400000, (ts - %" G_GINT64_FORMAT ") / 3600000 %% 24,"
                         " sum (kwh), count (*) FROM readings GROUP BY 1, 2", START_MS, START_MS);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gsize c = sqlite3_column_int (stmt, 0) * 24 + sqlite3_column_int (stmt, 1);

      heatmap->values[c] = sqlite3_column_double (stmt, 2);
      heatmap->counts[c] = sqlite3_column_int (stmt, 3);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return heatmap;
}

static gboolean
run_cli (const char *output,
         const char *extra)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *width = g_strdup_printf ("%d", WIDTH);
  g_autofree char *height = g_strdup_printf ("%d", HEIGHT);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              cli_path, "export", db_path, "--chart", "heatmap", "--table", "readings",
                              "--time", "ts", "--value", "kwh", "--entity", "meter", "--slot", "1h",
                              "--agg", "sum", "--width", width, "--height", height, "-o", output, extra, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &errors, &error));
  g_assert_no_error (error);
  if (errors != NULL && *errors != '\0')
    g_test_message ("%s", errors);
  return g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
}

static void
test_png (void)
{
  g_autofree char *png = g_build_filename (tmp_dir, "heatmap.png", NULL);
  g_autoptr(CourantHeatmap) heatmap = sql_heatmap ();
  PangoContext *context = courant_text_create_context ();
  CourantHeatmapOptions options = { WIDTH, HEIGHT, NULL, "kwh" };
  g_autoptr(CourantHeatmapScene) scene = NULL;
  cairo_surface_t *surface;
  guint checked = 0, missing = 0;

  g_assert_true (run_cli (png, NULL));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, WIDTH);

  scene = courant_heatmap_scene_new (heatmap, &options, context, courant_theme_get_light ());
  g_object_unref (context);
  for (guint r = 0; r < N_DAYS; r++)
    for (guint s = 0; s < 24; s++)
      {
        const guint32 *line;
        cairo_rectangle_t rect;
        CourantRgba expected;
        guint32 p;

        courant_heatmap_scene_cell_rect (scene, r, s, &rect);
        line = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                  (int) (rect.y + rect.height / 2) * cairo_image_surface_get_stride (surface));
        p = line[(int) (rect.x + rect.width / 2)];
        if (!courant_heatmap_scene_colour (scene, heatmap->values[r * 24 + s], &expected))
          {
            missing++;
            continue;
          }
        g_assert_cmpint (abs ((int) (p >> 16 & 0xff) - (int) lround (expected.red * 255)), <=, 1);
        g_assert_cmpint (abs ((int) (p >> 8 & 0xff) - (int) lround (expected.green * 255)), <=, 1);
        g_assert_cmpint (abs ((int) (p & 0xff) - (int) lround (expected.blue * 255)), <=, 1);
        checked++;
      }
  /* Both meters were off for half of the 12th only. */
  g_assert_cmpuint (missing, ==, 12);
  g_assert_cmpuint (checked, ==, N_DAYS * 24 - 12);
  cairo_surface_destroy (surface);
}

static void
test_vector_files (void)
{
  g_autofree char *svg = g_build_filename (tmp_dir, "heatmap.svg", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "heatmap.pdf", NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (run_cli (svg, "--weekdays"));
  g_assert_true (g_file_get_contents (svg, &text, &length, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  g_clear_pointer (&text, g_free);
  g_assert_true (run_cli (pdf, "--weekdays"));
  g_assert_true (g_file_get_contents (pdf, &text, &length, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
}

static void
test_bad_slot (void)
{
  g_autofree char *png = g_build_filename (tmp_dir, "bad.png", NULL);

  g_assert_false (run_cli (png, "--slot=20min"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
remove_dir (void)
{
  const char *names[] = { "heatmap.png", "heatmap.svg", "heatmap.pdf", "readings.sqlite" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  tmp_dir = g_dir_make_tmp ("test-heatmap-export-XXXXXX", NULL);
  db_path = g_build_filename (tmp_dir, "readings.sqlite", NULL);
  write_readings ();

  g_test_add_func ("/heatmap-export/png", test_png);
  g_test_add_func ("/heatmap-export/vector-files", test_vector_files);
  g_test_add_func ("/heatmap-export/bad-slot", test_bad_slot);

  status = g_test_run ();
  remove_dir ();
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
