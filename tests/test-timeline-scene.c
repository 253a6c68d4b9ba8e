/* test-timeline-scene.c: the series timeline's scene
 *
 * Decimation is checked against a brute-force M4 written here from the
 * definition (reading t goes to pixel floor ((t - t0) width / span)), not
 * against the pyramid's own code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "courant-format.h"
#include "courant-text.h"
#include "courant-timeline-scene.h"

#define HALF_HOUR (30 * 60 * 1000)
#define DAY       (24 * 3600 * 1000LL)

typedef struct
{
  gint64     *times;
  double     *values;
  gsize       n;
  CourantLod *lod;
} Readings;

static PangoContext *context;

/* 2025-01-01T00:00:00+01:00 */
static const gint64 jan_2025 = 1735686000000LL;

/* Half-hourly readings with a deterministic wiggle, and no readings in
 * [gap_from, gap_to). */
static void
readings_init (Readings *r,
               gint64    start,
               gsize     n,
               gint64    gap_from,
               gint64    gap_to)
{
  GRand *rand = g_rand_new_with_seed (42);

  r->times = g_new (gint64, n);
  r->values = g_new (double, n);
  r->n = 0;
  for (gsize i = 0; i < n; i++)
    {
      gint64 t = start + (gint64) i * HALF_HOUR;

      if (t >= gap_from && t < gap_to)
        continue;
      r->times[r->n] = t;
      r->values[r->n] = 100 * sin (i / 48.0) + g_rand_double_range (rand, -20, 20);
      r->n++;
    }
  r->lod = courant_lod_new (r->values, r->n);
  g_rand_free (rand);
}

static void
readings_clear (Readings *r)
{
  courant_lod_free (r->lod);
  g_free (r->times);
  g_free (r->values);
}

static CourantTimelineSeriesSpec
spec_for (const Readings *r,
          const char     *name)
{
  CourantTimelineSeriesSpec spec = { 0 };

  spec.name = name;
  spec.unit = "kWh";
  spec.data = (CourantTimelineData) { r->times, r->values, r->n, r->lod };
  spec.colour = -1;
  return spec;
}

static CourantTimelineScene *
scene_new (const CourantTimelineSeriesSpec *specs,
           guint                            n,
           gint64                           t0,
           gint64                           t1,
           double                           width)
{
  CourantTimelineOptions options = { 0 };

  options.t0 = t0;
  options.t1 = t1;
  options.width = width;
  options.height = 400;
  return courant_timeline_scene_new (specs, n, &options, context, courant_theme_get_light ());
}

static void
check_brute_force (const CourantTimelineScene *scene,
                   const Readings             *r,
                   gint64                      shift)
{
  const CourantTimelineSeries *series = g_ptr_array_index (scene->series, 0);
  guint width = scene->n_columns;
  gint64 t0 = scene->t0 - shift, t1 = scene->t1 - shift;
  g_autofree CourantM4 *expected = g_new (CourantM4, width);

  for (guint p = 0; p < width; p++)
    expected[p] = (CourantM4) { NAN, INFINITY, -INFINITY, NAN, 0 };
  for (gsize i = 0; i < r->n; i++)
    {
      gint64 p;

      if (r->times[i] < t0 || r->times[i] >= t1)
        continue;
      p = (gint64) ((__int128) (r->times[i] - t0) * width / (t1 - t0));
      if (expected[p].count == 0)
        expected[p].first = r->values[i];
      expected[p].last = r->values[i];
      expected[p].min = MIN (expected[p].min, r->values[i]);
      expected[p].max = MAX (expected[p].max, r->values[i]);
      expected[p].count++;
    }
  for (guint p = 0; p < width; p++)
    {
      g_assert_cmpuint (series->columns[p].count, ==, expected[p].count);
      if (expected[p].count == 0)
        continue;
      g_assert_cmpfloat (series->columns[p].first, ==, expected[p].first);
      g_assert_cmpfloat (series->columns[p].min, ==, expected[p].min);
      g_assert_cmpfloat (series->columns[p].max, ==, expected[p].max);
      g_assert_cmpfloat (series->columns[p].last, ==, expected[p].last);
    }
}

static void
test_decimation (void)
{
  Readings r;
  CourantTimelineSeriesSpec spec;

  /* Two years of half-hours: about 35k readings, 18 per pixel. */
  readings_init (&r, jan_2025, 2 * 365 * 48, jan_2025 + 100 * DAY, jan_2025 + 103 * DAY);
  spec = spec_for (&r, "meter");

  {
    g_autoptr(CourantTimelineScene) full = scene_new (&spec, 1, r.times[0], r.times[r.n - 1] + 1, 2000);

    g_assert_cmpuint (full->n_columns, >, 1000);
    g_assert_cmpfloat (full->plot_width, ==, full->n_columns / full->scale);
    check_brute_force (full, &r, 0);
  }
  {
    /* A zoomed window that does not fall on reading times. */
    g_autoptr(CourantTimelineScene) zoomed = scene_new (&spec, 1, jan_2025 + 37 * DAY + 12345,
                                                        jan_2025 + 61 * DAY + 777, 900);
    check_brute_force (zoomed, &r, 0);
  }
  {
    CourantTimelineOptions options = { 0 };
    g_autoptr(CourantTimelineScene) hidpi = NULL;

    options.t0 = jan_2025;
    options.t1 = jan_2025 + 200 * DAY;
    options.width = 700;
    options.height = 300;
    options.scale = 2;
    hidpi = courant_timeline_scene_new (&spec, 1, &options, context, courant_theme_get_light ());
    /* One column per device pixel. */
    g_assert_cmpfloat (fabs (hidpi->n_columns - 2 * hidpi->plot_width), <, 1e-9);
    check_brute_force (hidpi, &r, 0);
  }
  readings_clear (&r);
}

/* A missing day is a gap: its columns are empty and the line does not
 * cross it, whether the view is dense or zoomed in past the readings. */
static void
test_gaps (void)
{
  gint64 gap_from = jan_2025 + 10 * DAY, gap_to = jan_2025 + 11 * DAY;
  Readings r;
  CourantTimelineSeriesSpec spec;

  readings_init (&r, jan_2025, 20 * 48, gap_from, gap_to);
  spec = spec_for (&r, "meter");

  for (guint zoom = 0; zoom < 2; zoom++)
    {
      /* 20 days on 1000 px (dense), then 3 days around the gap (sparse). */
      gint64 t0 = zoom == 0 ? jan_2025 : jan_2025 + 9 * DAY;
      gint64 t1 = zoom == 0 ? jan_2025 + 20 * DAY : jan_2025 + 12 * DAY;
      g_autoptr(CourantTimelineScene) scene = scene_new (&spec, 1, t0, t1, 1000);
      const CourantTimelineSeries *series = g_ptr_array_index (scene->series, 0);
      guint breaks = 0, links = 0, empty_in_gap = 0;
      gboolean seen = FALSE;

      g_assert_cmpint (series->gap_ms, ==, HALF_HOUR + HALF_HOUR / 2);
      for (guint p = 0; p < scene->n_columns; p++)
        {
          gint64 start = courant_timeline_scene_x_to_time (scene, scene->plot_x + (p + 0.5) / scene->scale);

          if (start > gap_from + HALF_HOUR && start < gap_to - HALF_HOUR)
            {
              g_assert_cmpuint (series->columns[p].count, ==, 0);
              empty_in_gap++;
            }
          if (series->columns[p].count > 0)
            {
              links += series->linked[p];
              breaks += seen && !series->linked[p];
              seen = TRUE;
            }
        }
      g_assert_cmpuint (empty_in_gap, >, 0);
      /* Only the gap breaks the line. */
      g_assert_cmpuint (breaks, ==, 1);
      g_assert_cmpuint (links, >, 0);
    }
  readings_clear (&r);
}

/* Bucketed results: an empty (NaN) bucket is a gap, never a zero. */
static void
test_buckets (void)
{
  gint64 starts[10];
  double values[10];
  g_autoptr(CourantTimelineBuckets) buckets = NULL;
  const CourantTimelineData *data;
  CourantTimelineSeriesSpec spec = { 0 };
  g_autoptr(CourantTimelineScene) scene = NULL;
  const CourantTimelineSeries *series;
  guint breaks = 0;

  for (guint i = 0; i < 10; i++)
    {
      starts[i] = jan_2025 + i * DAY;
      values[i] = i == 4 ? NAN : 10 + i;
    }
  buckets = courant_timeline_buckets_new (starts, values, 10);
  data = courant_timeline_buckets_get_data (buckets);
  g_assert_cmpuint (data->n, ==, 9);
  for (gsize i = 0; i < data->n; i++)
    g_assert_false (isnan (data->values[i]));

  spec.name = "daily";
  spec.data = *data;
  spec.colour = -1;
  scene = scene_new (&spec, 1, jan_2025, jan_2025 + 10 * DAY, 600);
  series = g_ptr_array_index (scene->series, 0);
  for (guint p = 1; p < scene->n_columns; p++)
    if (series->columns[p].count > 0)
      {
        g_assert_cmpfloat (series->columns[p].min, !=, 0);
        breaks += !series->linked[p];
      }
  g_assert_cmpuint (breaks, ==, 1);
  /* The value axis is not stretched down to a zero that is not there. */
  g_assert_cmpfloat (scene->y_left.domain_min, >, 0);
}

static void
test_pick (void)
{
  Readings r;
  CourantTimelineSeriesSpec spec;

  readings_init (&r, jan_2025, 365 * 48, jan_2025 + 50 * DAY, jan_2025 + 52 * DAY);
  spec = spec_for (&r, "meter");

  {
    /* Zoomed in: one reading every 8 px or so. */
    g_autoptr(CourantTimelineScene) scene = scene_new (&spec, 1, jan_2025 + 10 * DAY, jan_2025 + 12 * DAY, 800);
    g_auto(CourantTimelinePick) pick = { 0 };
    const CourantTimelinePickValue *value;
    gint64 target = jan_2025 + 11 * DAY + 3 * HALF_HOUR;
    gsize index = (target - jan_2025) / HALF_HOUR;

    /* A little after the reading: its column, or the nearest one. */
    g_assert_true (courant_timeline_scene_pick (scene, courant_timeline_scene_time_to_x (scene, target + 60000), &pick));
    g_assert_cmpuint (pick.values->len, ==, 1);
    value = &g_array_index (pick.values, CourantTimelinePickValue, 0);
    g_assert_true (value->found);
    g_assert_cmpint (value->time_ms, ==, target);
    g_assert_cmpfloat (value->value, ==, r.values[index]);
    g_assert_cmpint (llabs (pick.time_ms - (target + 60000)), <, (2 * DAY) / scene->plot_width + 1);
    g_assert_false (courant_timeline_scene_pick (scene, scene->plot_x - 1, &pick));
  }
  {
    /* Full range: decimated, the column's min and max come along. */
    g_autoptr(CourantTimelineScene) scene = scene_new (&spec, 1, jan_2025, jan_2025 + 365 * DAY, 800);
    g_auto(CourantTimelinePick) pick = { 0 };
    const CourantTimelinePickValue *value;
    double x = scene->plot_x + 200.5 / scene->scale;
    gint64 c0, c1;
    double lo = INFINITY, hi = -INFINITY;
    guint count = 0;

    g_assert_true (courant_timeline_scene_pick (scene, x, &pick));
    value = &g_array_index (pick.values, CourantTimelinePickValue, 0);
    g_assert_true (value->found);
    c0 = scene->t0 + (gint64) ceil ((double) (scene->t1 - scene->t0) * 200 / scene->n_columns);
    c1 = scene->t0 + (gint64) ceil ((double) (scene->t1 - scene->t0) * 201 / scene->n_columns);
    for (gsize i = 0; i < r.n; i++)
      if (r.times[i] >= c0 && r.times[i] < c1)
        {
          lo = MIN (lo, r.values[i]);
          hi = MAX (hi, r.values[i]);
          count++;
        }
    g_assert_cmpuint (value->count, ==, count);
    g_assert_cmpuint (count, >, 1);
    g_assert_cmpfloat (value->min, ==, lo);
    g_assert_cmpfloat (value->max, ==, hi);
  }
  {
    /* Inside the gap: nothing. */
    g_autoptr(CourantTimelineScene) scene = scene_new (&spec, 1, jan_2025 + 49 * DAY, jan_2025 + 53 * DAY, 800);
    g_auto(CourantTimelinePick) pick = { 0 };

    g_assert_true (courant_timeline_scene_pick (scene, courant_timeline_scene_time_to_x (scene, jan_2025 + 51 * DAY), &pick));
    g_assert_false (g_array_index (pick.values, CourantTimelinePickValue, 0).found);
  }
  readings_clear (&r);
}

static gint64
tick_time (const CourantTimelineScene *scene,
           const CourantAxisTick      *tick)
{
  double t = scene->t0 + (tick->position - scene->plot_x) * (double) (scene->t1 - scene->t0) / scene->plot_width;

  /* Positions are doubles: round to the second. */
  return (gint64) (round (t / 1000) * 1000);
}

/* Every tick falls on a local calendar boundary fitting the zoom. */
static void
check_ticks (gint64       t0,
             gint64       t1,
             const char  *boundary)
{
  Readings r;
  CourantTimelineSeriesSpec spec;
  g_autoptr(CourantTimelineScene) scene = NULL;
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  GHashTable *labels = g_hash_table_new (g_str_hash, g_str_equal);
  guint visible = 0;

  readings_init (&r, t0, MAX (2, (t1 - t0) / HALF_HOUR / 64), G_MAXINT64, G_MAXINT64);
  spec = spec_for (&r, "meter");
  scene = scene_new (&spec, 1, t0, t1, 1200);
  g_assert_cmpuint (scene->time_axis->ticks->len, >=, 3);
  for (guint i = 0; i < scene->time_axis->ticks->len; i++)
    {
      const CourantAxisTick *tick = &g_array_index (scene->time_axis->ticks, CourantAxisTick, i);
      g_autoptr(GDateTime) dt = courant_date_time_new_from_ms (tick_time (scene, tick), paris);

      g_assert_cmpint (g_date_time_get_second (dt), ==, 0);
      if (g_str_equal (boundary, "year"))
        g_assert_true (g_date_time_get_day_of_year (dt) == 1 && g_date_time_get_hour (dt) == 0);
      else if (g_str_equal (boundary, "month"))
        g_assert_true (g_date_time_get_day_of_month (dt) == 1 && g_date_time_get_hour (dt) == 0);
      else if (g_str_equal (boundary, "day"))
        g_assert_true (g_date_time_get_hour (dt) == 0 && g_date_time_get_minute (dt) == 0);
      else if (g_str_equal (boundary, "hour"))
        g_assert_cmpint (g_date_time_get_minute (dt), ==, 0);
      if (tick->label_visible)
        {
          visible++;
          /* Within one axis, a visible label names one instant only. */
          g_assert_false (g_hash_table_contains (labels, tick->label) && tick->context == NULL);
          g_hash_table_add (labels, tick->label);
        }
    }
  g_assert_cmpuint (visible, >=, 2);
  g_hash_table_unref (labels);
  readings_clear (&r);
}

static void
test_ticks (void)
{
  check_ticks (jan_2025 - 8 * 365 * DAY, jan_2025 + 2 * 365 * DAY, "year");
  check_ticks (jan_2025, jan_2025 + 300 * DAY, "month");
  check_ticks (jan_2025, jan_2025 + 20 * DAY, "day");
  check_ticks (jan_2025 + 3600000, jan_2025 + DAY / 2, "hour");
  check_ticks (jan_2025 + 3600000, jan_2025 + 3600000 + 3 * 3600000, "minute");
}

/* Spring and autumn days: ticks stay on the local clock's hours. */
static void
test_ticks_dst (void)
{
  /* 2025-03-30 00:00+01:00 (23 h) and 2025-10-26 00:00+02:00 (25 h). */
  check_ticks (1743289200000LL, 1743289200000LL + 23 * 3600000LL, "hour");
  check_ticks (1761429600000LL, 1761429600000LL + 25 * 3600000LL, "hour");
}

static void
test_two_axes (void)
{
  gint64 times[] = { jan_2025, jan_2025 + DAY, jan_2025 + 2 * DAY, jan_2025 + 3 * DAY };
  double kwh[] = { 40, 100, 70, 20 };
  double celsius[] = { -10, 5, 30, 12 };
  g_autoptr(CourantLod) kwh_lod = courant_lod_new (kwh, 4);
  g_autoptr(CourantLod) celsius_lod = courant_lod_new (celsius, 4);
  CourantTimelineSeriesSpec specs[2] = { { 0 } };
  CourantTimelineOptions options = { 0 };
  g_autoptr(CourantTimelineScene) scene = NULL;

  specs[0].name = "Consumption";
  specs[0].unit = "kWh";
  specs[0].data = (CourantTimelineData) { times, kwh, 4, kwh_lod };
  specs[0].colour = -1;
  specs[1].name = "Temperature";
  specs[1].unit = "°C";
  specs[1].data = (CourantTimelineData) { times, celsius, 4, celsius_lod };
  specs[1].side = COURANT_TIMELINE_RIGHT;
  specs[1].colour = -1;
  options.t0 = jan_2025;
  options.t1 = jan_2025 + 4 * DAY;
  options.width = 800;
  options.height = 400;
  options.align_zeros = TRUE;

  scene = courant_timeline_scene_new (specs, 2, &options, context, courant_theme_get_light ());
  g_assert_nonnull (scene->left_axis);
  g_assert_nonnull (scene->right_axis);
  g_assert_cmpstr (scene->left_axis->title, ==, "kWh");
  g_assert_cmpstr (scene->right_axis->title, ==, "°C");
  g_assert_cmpfloat (scene->y_left.domain_max, >=, 100);
  g_assert_cmpfloat (scene->y_right.domain_min, <=, -10);
  g_assert_cmpfloat (scene->y_right.domain_max, >=, 30);
  g_assert_cmpfloat (fabs (courant_linear_scale_map (&scene->y_left, 0) -
                           courant_linear_scale_map (&scene->y_right, 0)), <, 1e-6);
  /* Different colours, and the legend hit-test finds each entry. */
  {
    const CourantTimelineSeries *a = g_ptr_array_index (scene->series, 0);
    const CourantTimelineSeries *b = g_ptr_array_index (scene->series, 1);
    const CourantTimelineLegendEntry *entry = &g_array_index (scene->legend, CourantTimelineLegendEntry, 1);

    g_assert_false (a->colour.red == b->colour.red && a->colour.green == b->colour.green &&
                    a->colour.blue == b->colour.blue);
    g_assert_cmpint (courant_timeline_scene_pick_legend (scene, entry->x + 2, entry->y + 2), ==, 1);
    g_assert_cmpint (courant_timeline_scene_pick_legend (scene, -5, -5), ==, -1);
  }
}

/* A previous period shifted onto the window: its columns are the M4 of
 * the shifted window. */
static void
test_overlay (void)
{
  Readings r;
  CourantTimelineSeriesSpec specs[2];
  g_autoptr(CourantTimelineScene) scene = NULL;
  const CourantTimelineSeries *overlay;

  readings_init (&r, jan_2025, 60 * 48, G_MAXINT64, G_MAXINT64);
  specs[0] = spec_for (&r, "this week");
  specs[1] = spec_for (&r, "last week");
  specs[1].shift_ms = 7 * DAY;
  specs[1].dashed = TRUE;
  scene = scene_new (specs, 2, jan_2025 + 30 * DAY, jan_2025 + 37 * DAY, 700);
  overlay = g_ptr_array_index (scene->series, 1);
  g_assert_true (overlay->dashed);
  /* check_brute_force reads series 0: swap the view to the overlay. */
  g_ptr_array_remove_index (scene->series, 0);
  g_assert_true (g_ptr_array_index (scene->series, 0) == overlay);
  check_brute_force (scene, &r, 7 * DAY);
  readings_clear (&r);
}

static void
test_annotations (void)
{
  Readings r;
  CourantTimelineSeriesSpec spec;
  CourantTimelineAnnotationSpec notes[] = {
    { jan_2025 + 2 * DAY, jan_2025 + 4 * DAY, "cold snap" },
    { jan_2025 + 6 * DAY, jan_2025 + 6 * DAY, "strike" },
    { jan_2025 + 60 * DAY, jan_2025 + 61 * DAY, "outside" },
  };
  CourantTimelineOptions options = { 0 };
  g_autoptr(CourantTimelineScene) scene = NULL;
  const CourantTimelineAnnotation *range, *point;

  readings_init (&r, jan_2025, 10 * 48, G_MAXINT64, G_MAXINT64);
  spec = spec_for (&r, "meter");
  options.t0 = jan_2025;
  options.t1 = jan_2025 + 10 * DAY;
  options.width = 1000;
  options.height = 300;
  options.annotations = notes;
  options.n_annotations = G_N_ELEMENTS (notes);
  scene = courant_timeline_scene_new (&spec, 1, &options, context, courant_theme_get_light ());
  g_assert_cmpuint (scene->annotations->len, ==, 2);
  range = &g_array_index (scene->annotations, CourantTimelineAnnotation, 0);
  point = &g_array_index (scene->annotations, CourantTimelineAnnotation, 1);
  g_assert_cmpstr (range->label, ==, "cold snap");
  g_assert_false (range->point);
  g_assert_cmpfloat (fabs (range->x0 - (scene->plot_x + scene->plot_width * 0.2)), <, 1e-6);
  g_assert_cmpfloat (fabs (range->x1 - (scene->plot_x + scene->plot_width * 0.4)), <, 1e-6);
  g_assert_true (point->point);
  g_assert_cmpfloat (fabs (point->x0 - (scene->plot_x + scene->plot_width * 0.6)), <, 1e-6);
  g_assert_cmpint (courant_timeline_scene_pick_annotation (scene, range->label_x + 1, range->label_y + 1), ==, 0);
  g_assert_cmpint (courant_timeline_scene_pick_annotation (scene, point->label_x + 1, point->label_y + 1), ==, 1);
  g_assert_cmpint (courant_timeline_scene_pick_annotation (scene, scene->plot_x + 1,
                                                           scene->plot_y + scene->plot_height - 1), ==, -1);
  readings_clear (&r);
}

static gboolean
boxes_overlap (const CourantTimelineAnnotation *a,
               const CourantTimelineAnnotation *b)
{
  return a->label_x < b->label_x + b->label_width && b->label_x < a->label_x + a->label_width &&
         a->label_y < b->label_y + b->label_height && b->label_y < a->label_y + a->label_height;
}

/* Marks close together: every label is drawn, inside the plot, at its
 * mark or pushed left by the plot's edge, and no two overlap. */
static void
test_annotation_labels (void)
{
  Readings r;
  CourantTimelineSeriesSpec spec;
  CourantTimelineAnnotationSpec notes[] = {
    { jan_2025 + 2 * DAY, jan_2025 + 4 * DAY, "a long cold snap in the north" },
    { jan_2025 + 2 * DAY + 3600000, jan_2025 + 2 * DAY + 3600000, "strike" },
    { jan_2025 + 3 * DAY, jan_2025 + 5 * DAY, "holidays" },
    { jan_2025 + 8 * DAY, jan_2025 + 8 * DAY, "a" },
    { jan_2025 + 10 * DAY - 1, jan_2025 + 10 * DAY - 1, "at the very end of the window" },
  };
  CourantTimelineOptions options = { 0 };
  g_autoptr(CourantTimelineScene) scene = NULL;

  readings_init (&r, jan_2025, 10 * 48, G_MAXINT64, G_MAXINT64);
  spec = spec_for (&r, "meter");
  options.t0 = jan_2025;
  options.t1 = jan_2025 + 10 * DAY;
  options.width = 600;
  options.height = 300;
  options.annotations = notes;
  options.n_annotations = G_N_ELEMENTS (notes);
  scene = courant_timeline_scene_new (&spec, 1, &options, context, courant_theme_get_light ());
  g_assert_cmpuint (scene->annotations->len, ==, G_N_ELEMENTS (notes));
  for (guint i = 0; i < scene->annotations->len; i++)
    {
      const CourantTimelineAnnotation *a = &g_array_index (scene->annotations, CourantTimelineAnnotation, i);

      g_assert_cmpfloat (a->label_width, >, 0);
      g_assert_cmpfloat (a->label_x, >=, scene->plot_x);
      g_assert_cmpfloat (a->label_x + a->label_width, <=, scene->plot_x + scene->plot_width + 1e-9);
      g_assert_cmpfloat (a->label_y, >=, scene->plot_y);
      g_assert_cmpfloat (a->label_x, <=, a->x0 + 8);
      g_assert_cmpstr (a->label, ==, notes[a->index].label);
      for (guint j = 0; j < i; j++)
        g_assert_false (boxes_overlap (a, &g_array_index (scene->annotations, CourantTimelineAnnotation, j)));
    }
  readings_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  context = courant_text_create_context ();

  g_test_add_func ("/timeline-scene/decimation", test_decimation);
  g_test_add_func ("/timeline-scene/gaps", test_gaps);
  g_test_add_func ("/timeline-scene/buckets", test_buckets);
  g_test_add_func ("/timeline-scene/pick", test_pick);
  g_test_add_func ("/timeline-scene/ticks", test_ticks);
  g_test_add_func ("/timeline-scene/ticks-dst", test_ticks_dst);
  g_test_add_func ("/timeline-scene/two-axes", test_two_axes);
  g_test_add_func ("/timeline-scene/overlay", test_overlay);
  g_test_add_func ("/timeline-scene/annotations", test_annotations);
  g_test_add_func ("/timeline-scene/annotation-labels", test_annotation_labels);

  status = g_test_run ();
  g_object_unref (context);
  return status;
}
