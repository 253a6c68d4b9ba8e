/* test-thermo-scene.c: the layout of a thermosensitivity chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "courant-format.h"
#include "courant-text.h"
#include "courant-thermo-scene.h"

#define DAY (24 * 3600 * 1000LL)

/* 2025-01-01T00:00:00+01:00 */
static const gint64 jan_2025 = 1735686000000LL;
static PangoContext *context;

/* A year of days: the temperature follows the seasons, and consumption is
 * 200 + 10 per °C below 16 °C, exactly. */
typedef struct
{
  double  t[365];
  double  v[365];
  gint64  times[365];
} Year;

static void
make_year (Year *year)
{
  for (guint d = 0; d < 365; d++)
    {
      year->times[d] = jan_2025 + d * DAY;
      year->t[d] = 11 - 10 * cos (2 * G_PI * (d - 15) / 365.0) + (d % 7) * 0.3;
      year->v[d] = 200 + 10 * MAX (0, 16 - year->t[d]);
    }
}

static CourantThermoScene *
make_scene (Year          *year,
            CourantThermo *model)
{
  CourantThermoOptions options = { 0 };

  options.temperatures = year->t;
  options.values = year->v;
  options.times = year->times;
  options.n = 365;
  options.model = model;
  options.unit = "kWh";
  options.width = 800;
  options.height = 500;
  return courant_thermo_scene_new (&options, context, courant_theme_get_light ());
}

/* Every point sits at its temperature and value on the axes' scales,
 * inside the plot, and the axes follow the data. */
static void
test_points (void)
{
  Year year;
  g_autoptr(CourantThermo) model = NULL;
  g_autoptr(CourantThermoScene) scene = NULL;

  make_year (&year);
  model = courant_thermo_fit (year.t, year.v, 365, FALSE);
  scene = make_scene (&year, model);
  g_assert_cmpuint (scene->n_points, ==, 365);
  for (guint d = 0; d < 365; d++)
    {
      const CourantThermoPoint *p = &scene->points[d];

      g_assert_cmpfloat_with_epsilon (p->x, courant_linear_scale_map (&scene->x_scale, year.t[d]), 1e-9);
      g_assert_cmpfloat_with_epsilon (p->y, courant_linear_scale_map (&scene->y_scale, year.v[d]), 1e-9);
      g_assert_cmpfloat (p->x, >=, scene->plot_x);
      g_assert_cmpfloat (p->x, <=, scene->plot_x + scene->plot_width);
      g_assert_cmpfloat (p->y, >=, scene->plot_y);
      g_assert_cmpfloat (p->y, <=, scene->plot_y + scene->plot_height);
    }
  /* Colder is further left, more is higher up. */
  g_assert_cmpfloat (courant_linear_scale_map (&scene->x_scale, 0), <, courant_linear_scale_map (&scene->x_scale, 10));
  g_assert_cmpfloat (courant_linear_scale_map (&scene->y_scale, 100), >, courant_linear_scale_map (&scene->y_scale, 200));
  /* Positive consumption starts at zero. */
  g_assert_cmpfloat (scene->y_scale.domain_min, ==, 0);
  g_assert_nonnull (scene->x_axis);
  g_assert_nonnull (scene->y_axis);
  g_assert_cmpfloat (scene->plot_x, >, 0);
  g_assert_cmpfloat (scene->plot_x + scene->plot_width, <=, 800);
  g_assert_cmpfloat (scene->plot_y + scene->plot_height, <=, 500);
}

/* Months make the seasons: January is winter, July summer; the legend
 * lists the four, in order. */
static void
test_seasons (void)
{
  Year year;
  g_autoptr(CourantThermoScene) scene = NULL;
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");

  make_year (&year);
  scene = make_scene (&year, NULL);
  g_assert_cmpint (scene->points[0].season, ==, COURANT_THERMO_WINTER);
  g_assert_cmpint (scene->points[100].season, ==, COURANT_THERMO_SPRING);   /* 11 April */
  g_assert_cmpint (scene->points[190].season, ==, COURANT_THERMO_SUMMER);   /* 10 July */
  g_assert_cmpint (scene->points[300].season, ==, COURANT_THERMO_AUTUMN);   /* 28 October */
  g_assert_cmpint (scene->points[340].season, ==, COURANT_THERMO_WINTER);   /* 7 December */
  /* Midnight of 1 March in Paris is still February in UTC. */
  g_assert_cmpint (courant_thermo_season_of (1740783600000LL, paris), ==, COURANT_THERMO_SPRING);
  g_assert_cmpuint (scene->legend->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (g_array_index (scene->legend, CourantThermoLegendEntry, i).season, ==, i);
  g_assert_cmpuint (scene->season_counts[0] + scene->season_counts[1] + scene->season_counts[2] +
                    scene->season_counts[3], ==, 365);
  /* Without a model there is no line and no box. */
  g_assert_cmpuint (scene->segments->len, ==, 0);
  g_assert_null (scene->figures);
  g_assert_null (courant_thermo_scene_dup_model_text (scene));
}

/* The model's line is the heating slope down to the fitted base
 * temperature, then flat at the baseload: its corner is at the base. */
static void
test_model (void)
{
  Year year;
  g_autoptr(CourantThermo) model = NULL;
  g_autoptr(CourantThermoScene) scene = NULL;
  const CourantThermoSegment *heating, *flat;
  g_autofree char *text = NULL;
  g_autofree char *expected_base = NULL;

  make_year (&year);
  model = courant_thermo_fit (year.t, year.v, 365, FALSE);
  g_assert_cmpfloat_with_epsilon (model->base_temperature, 16, 0.051);
  scene = make_scene (&year, model);
  g_assert_cmpuint (scene->segments->len, ==, 2);
  heating = &g_array_index (scene->segments, CourantThermoSegment, 0);
  flat = &g_array_index (scene->segments, CourantThermoSegment, 1);
  g_assert_cmpfloat_with_epsilon (heating->t1, model->base_temperature, 1e-9);
  g_assert_cmpfloat_with_epsilon (flat->t0, model->base_temperature, 1e-9);
  g_assert_cmpfloat_with_epsilon (heating->x1, courant_linear_scale_map (&scene->x_scale, model->base_temperature), 1e-9);
  g_assert_cmpfloat_with_epsilon (flat->y0, courant_linear_scale_map (&scene->y_scale, model->baseload), 1e-9);
  g_assert_cmpfloat_with_epsilon (flat->y0, flat->y1, 1e-9);
  /* The heating end at the coldest point: baseload + slope × (base − T). */
  g_assert_cmpfloat_with_epsilon (heating->v0, model->baseload + model->slope * (model->base_temperature - heating->t0), 1e-9);
  g_assert_cmpfloat (heating->y0, <, heating->y1);
  /* Spans the points' temperatures. */
  g_assert_cmpfloat (heating->t0, <=, year.t[15]);

  /* The figures: base temperature, slope, baseload, R². */
  text = courant_thermo_scene_dup_model_text (scene);
  expected_base = courant_format_number_with_unit (model->base_temperature, 1, "°C");
  g_assert_nonnull (strstr (text, expected_base));
  g_assert_nonnull (strstr (text, "kWh/°C"));
  g_assert_nonnull (strstr (text, "R² 1.00"));
  g_assert_cmpuint (scene->figures->len, ==, 4);
  /* The box sits inside the plot. */
  g_assert_cmpfloat (scene->box_width, >, 0);
  g_assert_cmpfloat (scene->box_x, >=, scene->plot_x);
  g_assert_cmpfloat (scene->box_x + scene->box_width, <=, scene->plot_x + scene->plot_width);
  g_assert_cmpfloat (scene->box_y, >=, scene->plot_y);
}

/* With a cooling branch, a third segment rises above its base. */
static void
test_cooling (void)
{
  Year year;
  g_autoptr(CourantThermo) model = NULL;
  g_autoptr(CourantThermoScene) scene = NULL;
  const CourantThermoSegment *cooling;

  make_year (&year);
  for (guint d = 0; d < 365; d++)
    year.v[d] += 8 * MAX (0, year.t[d] - 19);
  model = courant_thermo_fit (year.t, year.v, 365, TRUE);
  g_assert_true (model->has_cooling);
  scene = make_scene (&year, model);
  g_assert_cmpuint (scene->segments->len, ==, 3);
  cooling = &g_array_index (scene->segments, CourantThermoSegment, 2);
  g_assert_cmpfloat_with_epsilon (cooling->t0, model->cooling_base, 1e-9);
  g_assert_cmpfloat (cooling->y1, <, cooling->y0);
  g_assert_cmpuint (scene->figures->len, ==, 5);
}

/* The pointer finds the nearest point within a few pixels, and nothing
 * far from every point. */
static void
test_pick (void)
{
  Year year;
  g_autoptr(CourantThermoScene) scene = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *value = NULL;

  make_year (&year);
  scene = make_scene (&year, NULL);
  for (guint d = 0; d < 365; d += 37)
    {
      int found = courant_thermo_scene_pick (scene, scene->points[d].x + 0.4, scene->points[d].y - 0.3);

      g_assert_cmpint (found, >=, 0);
      /* Either that point, or one drawn at the very same place. */
      g_assert_cmpfloat (fabs (scene->points[found].x - scene->points[d].x), <=, 0.8);
      g_assert_cmpfloat (fabs (scene->points[found].y - scene->points[d].y), <=, 0.8);
    }
  g_assert_cmpint (courant_thermo_scene_pick (scene, scene->plot_x + scene->plot_width - 1, scene->plot_y + 1), ==, -1);
  g_assert_cmpint (courant_thermo_scene_pick (scene, -100, -100), ==, -1);

  text = courant_thermo_scene_dup_point_text (scene, 40);
  date = courant_format_date (year.times[40], NULL);
  /* Three significant digits: no decimal above 100. */
  value = courant_format_number_with_unit (year.v[40], 0, "kWh");
  g_assert_nonnull (strstr (text, date));
  g_assert_nonnull (strstr (text, value));
}

/* Nothing to draw still makes axes, and a single temperature does not
 * divide by zero. */
static void
test_degenerate (void)
{
  double t[3] = { 5, 5, 5 }, v[3] = { 1, 2, 3 };
  CourantThermoOptions options = { 0 };
  g_autoptr(CourantThermoScene) empty = NULL;
  g_autoptr(CourantThermoScene) flat = NULL;

  options.width = 300;
  options.height = 200;
  empty = courant_thermo_scene_new (&options, context, courant_theme_get_dark ());
  g_assert_nonnull (empty->x_axis);
  g_assert_cmpint (courant_thermo_scene_pick (empty, 100, 100), ==, -1);

  options.temperatures = t;
  options.values = v;
  options.n = 3;
  flat = courant_thermo_scene_new (&options, context, courant_theme_get_dark ());
  g_assert_true (isfinite (flat->points[0].x));
  g_assert_cmpint (flat->points[0].season, ==, -1);
  g_assert_cmpuint (flat->legend->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  context = courant_text_create_context ();

  g_test_add_func ("/thermo-scene/points", test_points);
  g_test_add_func ("/thermo-scene/seasons", test_seasons);
  g_test_add_func ("/thermo-scene/model", test_model);
  g_test_add_func ("/thermo-scene/cooling", test_cooling);
  g_test_add_func ("/thermo-scene/pick", test_pick);
  g_test_add_func ("/thermo-scene/degenerate", test_degenerate);
  return g_test_run ();
}
