/* test-journey-export.c: courant-cli export --chart journey
 *
 * Runs the command line (its path is the first argument) on a demo file
 * and checks the PNG against the scene of the same journey read here:
 * every event's mark is where the scene puts it, in its kind's colour.
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

#include "courant-demo.h"
#include "courant-format.h"
#include "courant-journey-scene.h"
#include "courant-text.h"

#define WIDTH  900
#define HEIGHT 500

static const char *cli_path;
static char *tmp_dir;
static char *demo_path;

static gboolean
run_cli (const char *const *args,
         char              **errors)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, errors, &error));
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
}

static char *
site_owner (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *owner;

  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT customer_id FROM sites GROUP BY customer_id"
                                           " ORDER BY count (*) DESC, customer_id LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return owner;
}

/* The journey as the command line finds it: the roles of every table, the
 * journeys table, the readings beside it. */
static CourantJourney *
load_journey (const char *entity)
{
  g_autoptr(GFile) file = g_file_new_for_path (demo_path);
  g_autoptr(CourantSource) source = courant_source_open (file, NULL, NULL);
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_table_roles_free);
  GPtrArray *tables = courant_source_get_tables (source);
  CourantJourneySpec spec;
  CourantJourney *journey;

  for (guint t = 0; t < tables->len; t++)
    g_ptr_array_add (roles, courant_table_roles_infer_source (source, ((CourantTableInfo *) g_ptr_array_index (tables, t))->name,
                                                              NULL, NULL, NULL));
  for (guint t = 0; t < roles->len; t++)
    if (g_str_equal (((CourantTableRoles *) g_ptr_array_index (roles, t))->table, "events"))
      g_assert_true (courant_journey_spec_init_from_roles (&spec, g_ptr_array_index (roles, t)));
  courant_journey_spec_find_readings (&spec, source, roles);
  g_assert_cmpstr (spec.series_table, ==, "consumption");
  g_assert_cmpstr (spec.weather_table, ==, "weather");
  journey = courant_journey_load (source, &spec, entity, NULL, NULL);
  g_assert_nonnull (journey);
  return journey;
}

static gboolean
pixel_is (cairo_surface_t   *surface,
          double             x,
          double             y,
          const CourantRgba *rgba)
{
  guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                                (int) y * cairo_image_surface_get_stride (surface) + (int) x * 4);
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) round (rgba->red * 255)) <= 3 && abs (g - (int) round (rgba->green * 255)) <= 3 &&
         abs (b - (int) round (rgba->blue * 255)) <= 3;
}

static void
test_png (void)
{
  g_autofree char *owner = site_owner ();
  g_autofree char *png = g_build_filename (tmp_dir, "journey.png", NULL);
  g_autofree char *errors = NULL;
  const char *args[] = { "export", demo_path, "--chart", "journey", "--entity-id", owner,
                         "--width", G_STRINGIFY (WIDTH), "--height", G_STRINGIFY (HEIGHT), "-o", png, NULL };
  g_autoptr(CourantJourney) journey = load_journey (owner);
  PangoContext *context = courant_text_create_context ();
  g_autoptr(CourantJourneyScene) scene = NULL;
  CourantJourneyOptions options = { 0 };
  cairo_surface_t *surface;

  g_assert_true (run_cli (args, &errors));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, HEIGHT);

  g_assert_true (courant_journey_get_window (journey, &options.t0, &options.t1));
  options.width = WIDTH;
  options.height = HEIGHT;
  scene = courant_journey_scene_new (journey, &options, context, courant_theme_get_light ());
  g_object_unref (context);
  g_assert_nonnull (scene->curve);
  g_assert_cmpuint (scene->marks->len, ==, journey->n_events);
  for (guint i = 0; i < scene->marks->len; i++)
    {
      const CourantJourneyMark *mark = &g_array_index (scene->marks, CourantJourneyMark, i);
      const CourantJourneyKind *kind = &g_array_index (scene->kinds, CourantJourneyKind, mark->kind);

      /* A later mark of another kind may cover this one's centre. */
      if (i + 1 < scene->marks->len &&
          fabs (g_array_index (scene->marks, CourantJourneyMark, i + 1).x - mark->x) < 2 * scene->mark_radius)
        continue;
      g_assert_true (pixel_is (surface, mark->x, mark->y, &kind->colour));
    }
  cairo_surface_destroy (surface);
}

static void
test_svg_and_errors (void)
{
  g_autofree char *svg = g_build_filename (tmp_dir, "journey.svg", NULL);
  g_autofree char *text = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *missing = NULL;
  const char *good[] = { "export", demo_path, "--chart", "journey", "--entity-id", "7", "--theme", "dark",
                         "--title", "Customer 7", "-o", svg, NULL };
  const char *no_entity[] = { "export", demo_path, "--chart", "journey", "-o", svg, NULL };
  const char *unknown[] = { "export", demo_path, "--chart", "journey", "--entity-id", "999999", "-o", svg, NULL };

  g_assert_true (run_cli (good, &errors));
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  g_clear_pointer (&errors, g_free);
  g_assert_false (run_cli (no_entity, &errors));
  g_assert_nonnull (strstr (errors, "--entity-id"));
  g_assert_false (run_cli (unknown, &missing));
  g_assert_nonnull (strstr (missing, "999999"));
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
  tmp_dir = g_dir_make_tmp ("courant-journey-export-XXXXXX", NULL);
  demo_path = g_build_filename (tmp_dir, "demo.sqlite", NULL);
  courant_demo_options_init (&options);
  options.n_customers = 500;
  options.n_sites = 6;
  options.n_days = 60;
  g_assert_true (courant_demo_generate (demo_path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/journey-export/png", test_png);
  g_test_add_func ("/journey-export/svg-and-errors", test_svg_and_errors);

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
