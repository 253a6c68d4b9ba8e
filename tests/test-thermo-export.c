/* test-thermo-export.c: courant-cli export --chart thermo
 *
 * Runs the command line (its path is the first argument) on a demo file
 * and checks the PNG against a scene made here from plain SQL: a site's
 * daily energy against the daily mean temperature of its region, fitted
 * by data/courant-thermo. Every point the SQL gives is painted where
 * that scene puts it, in its season's colour, and the model's line runs
 * through the fitted baseload.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "courant-demo.h"
#include "courant-text.h"
#include "courant-thermo-scene.h"

#define WIDTH  900
#define HEIGHT 500

/* The demo's 60 days from 1 November 2024 hold no clock change: a local
 * day is UTC + 1 h throughout. */
#define LOCAL_DAY(t) "((" t " + 3600000) / 86400000 * 86400000 - 3600000)"
#define WEATHER_DAY "(CAST(round((julianday(substr(date_heure, 1, 10)) - 2440587.5) * 86400000) AS INTEGER) - 3600000)"

static const char *cli_path;
static char *tmp_dir;
static char *demo_path;

static gboolean
run_cli (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
}

typedef struct
{
  GArray *days;
  GArray *temperatures;
  GArray *values;
} Pairs;

static void
pairs_clear (Pairs *pairs)
{
  g_clear_pointer (&pairs->days, g_array_unref);
  g_clear_pointer (&pairs->temperatures, g_array_unref);
  g_clear_pointer (&pairs->values, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pairs, pairs_clear)

static void
query_pairs (int    site,
             Pairs *pairs)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  sql = g_strdup_printf ("WITH load AS (SELECT " LOCAL_DAY ("ts") " AS d, sum(kwh) AS v FROM consumption "
                         "                WHERE site_id = %d GROUP BY d), "
                         "     temp AS (SELECT " WEATHER_DAY " AS d, avg(temperature) AS t FROM weather "
                         "                WHERE region = (SELECT region FROM sites WHERE site_id = %d) GROUP BY d) "
                         "SELECT d, t, v FROM load JOIN temp USING (d) ORDER BY d", site, site);
  pairs->days = g_array_new (FALSE, FALSE, sizeof (gint64));
  pairs->temperatures = g_array_new (FALSE, FALSE, sizeof (double));
  pairs->values = g_array_new (FALSE, FALSE, sizeof (double));
  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 d = sqlite3_column_int64 (stmt, 0);
      double t = sqlite3_column_double (stmt, 1), v = sqlite3_column_double (stmt, 2);

      g_array_append_val (pairs->days, d);
      g_array_append_val (pairs->temperatures, t);
      g_array_append_val (pairs->values, v);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (pairs->days->len, >=, 50);
}

static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          double           rgb[3])
{
  guint32 *data = (guint32 *) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  guint32 p = data[(int) floor (y) * stride + (int) floor (x)];

  rgb[0] = (p >> 16 & 0xff) / 255.0;
  rgb[1] = (p >> 8 & 0xff) / 255.0;
  rgb[2] = (p & 0xff) / 255.0;
}

static gboolean
near (const double       rgb[3],
      const CourantRgba *c,
      double             tolerance)
{
  return fabs (rgb[0] - c->red) <= tolerance && fabs (rgb[1] - c->green) <= tolerance &&
         fabs (rgb[2] - c->blue) <= tolerance;
}

/* Whether point @i stands apart from the others and from the model's
 * line, so that its centre shows its own colour. */
static gboolean
stands_apart (const CourantThermoScene *scene,
              gsize                     i)
{
  double gap = 2 * scene->radius + 3;

  for (gsize j = 0; j < scene->n_points; j++)
    if (j != i && fabs (scene->points[j].x - scene->points[i].x) < gap &&
        fabs (scene->points[j].y - scene->points[i].y) < gap)
      return FALSE;
  for (guint s = 0; s < scene->segments->len; s++)
    {
      const CourantThermoSegment *seg = &g_array_index (scene->segments, CourantThermoSegment, s);
      double x = scene->points[i].x, t, y;

      if (x < seg->x0 - gap || x > seg->x1 + gap)
        continue;
      t = seg->x1 > seg->x0 ? CLAMP ((x - seg->x0) / (seg->x1 - seg->x0), 0, 1) : 0;
      y = seg->y0 + t * (seg->y1 - seg->y0);
      if (fabs (y - scene->points[i].y) < gap + 6)
        return FALSE;
    }
  return TRUE;
}

static void
test_png (void)
{
  g_autofree char *png = g_build_filename (tmp_dir, "thermo.png", NULL);
  const char *args[] = { "export", demo_path, "--chart", "thermo", "--series", "2",
                         "--width", "900", "--height", "500", "-o", png, NULL };
  const CourantTheme *theme = courant_theme_get_light ();
  g_auto(Pairs) pairs = { 0 };
  g_autoptr(CourantThermo) model = NULL;
  g_autoptr(CourantThermoScene) scene = NULL;
  PangoContext *context = courant_text_create_context ();
  CourantThermoOptions options = { 0 };
  cairo_surface_t *surface;
  guint checked = 0;
  double rgb[3];

  g_assert_true (run_cli (args));
  query_pairs (2, &pairs);
  model = courant_thermo_fit ((double *) pairs.temperatures->data, (double *) pairs.values->data,
                              pairs.days->len, FALSE);
  options.temperatures = (double *) pairs.temperatures->data;
  options.values = (double *) pairs.values->data;
  options.times = (gint64 *) pairs.days->data;
  options.n = pairs.days->len;
  options.model = model;
  options.unit = "kWh";
  options.width = WIDTH;
  options.height = HEIGHT;
  scene = courant_thermo_scene_new (&options, context, theme);
  g_object_unref (context);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, WIDTH);
  for (gsize i = 0; i < scene->n_points; i++)
    {
      CourantRgba colour = courant_thermo_season_colour (scene->points[i].season, FALSE), blend;

      if (!stands_apart (scene, i))
        continue;
      blend.red = 0.75 * colour.red + 0.25 * theme->background.red;
      blend.green = 0.75 * colour.green + 0.25 * theme->background.green;
      blend.blue = 0.75 * colour.blue + 0.25 * theme->background.blue;
      pixel_at (surface, scene->points[i].x, scene->points[i].y, rgb);
      g_assert_true (near (rgb, &blend, 0.04));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 5);
  /* The model's line, drawn over the points, halfway along its heating
   * slope: at baseload + slope × (base − T). */
  {
    const CourantThermoSegment *heating = &g_array_index (scene->segments, CourantThermoSegment, 0);
    double t = (heating->t0 + heating->t1) / 2;

    pixel_at (surface, courant_linear_scale_map (&scene->x_scale, t),
              courant_linear_scale_map (&scene->y_scale, model->baseload + model->slope * (model->base_temperature - t)),
              rgb);
    g_assert_true (near (rgb, &theme->foreground, 0.2));
  }
  cairo_surface_destroy (surface);
}

static void
test_svg_and_errors (void)
{
  g_autofree char *svg = g_build_filename (tmp_dir, "thermo.svg", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "bad.svg", NULL);
  const char *good[] = { "export", demo_path, "--chart", "thermo", "--hourly", "--cooling", "--days", "working",
                         "--theme", "dark", "-o", svg, NULL };
  const char *bad_days[] = { "export", demo_path, "--chart", "thermo", "--days", "sundays", "-o", bad, NULL };
  const char *no_column[] = { "export", demo_path, "--chart", "thermo", "--temperature", "weather.nope", "-o", bad, NULL };
  const char *no_series[] = { "export", demo_path, "--chart", "thermo", "--series", "999999", "-o", bad, NULL };
  g_autofree char *text = NULL;

  g_assert_true (run_cli (good));
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_false (run_cli (no_column));
  g_assert_false (run_cli (no_series));
  g_assert_false (run_cli (bad_days));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  CourantDemoOptions options;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  tmp_dir = g_dir_make_tmp ("courant-thermo-export-XXXXXX", NULL);
  demo_path = g_build_filename (tmp_dir, "demo.sqlite", NULL);
  courant_demo_options_init (&options);
  options.n_customers = 300;
  options.n_sites = 4;
  options.n_days = 60;
  g_assert_true (courant_demo_generate (demo_path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/thermo-export/png", test_png);
  g_test_add_func ("/thermo-export/svg-and-errors", test_svg_and_errors);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (tmp_dir);
  g_free (demo_path);
  g_free (tmp_dir);
  return status;
}
