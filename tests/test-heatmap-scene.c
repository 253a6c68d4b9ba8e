/* test-heatmap-scene.c: the heatmap's cells, colour scale, axes and hit-tests
 *
 * The grids come from readings laid out here in local time around the clock
 * changes of 2025, so that the expected cells (a spring day without its
 * 02:00–03:00 slots, an autumn day with both passes of them) are known from
 * the calendar, not from the program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "courant-heatmap-scene.h"
#include "courant-text.h"

static PangoContext *context;
static GTimeZone *paris;

static gint64
local_ms (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, paris);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * 1000;
}

/* One meter every 30 minutes from @from to @to (local), the value being the
 * local hour, except in the gaps [gap_from, gap_to). */
static CourantHeatmap *
make_heatmap (const char *from,
              const char *to,
              const char *gap_from,
              const char *gap_to,
              guint       slot_minutes)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CourantSeriesStore) store = NULL;
  gint64 gap0 = gap_from != NULL ? local_ms (gap_from) : 0;
  gint64 gap1 = gap_to != NULL ? local_ms (gap_to) : 0;

  for (gint64 ts = local_ms (from); ts < local_ms (to); ts += 30 * 60000)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ts / 1000);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, paris);
      double v = g_date_time_get_hour (local);

      if (ts >= gap0 && ts < gap1)
        continue;
      g_ptr_array_add (names, (gpointer) "m");
      g_array_append_val (times, ts);
      g_array_append_val (values, v);
    }
  store = courant_series_store_new_from_arrays ((const char *const *) names->pdata, (gint64 *) times->data,
                                                (double *) values->data, times->len);
  return courant_heatmap_compute (store, NULL, slot_minutes, COURANT_AGG_MEAN, paris, NULL, NULL);
}

static CourantHeatmapScene *
make_scene (const CourantHeatmap *heatmap,
            double                width,
            double                height)
{
  CourantHeatmapOptions options = { width, height, NULL, "kWh" };

  return courant_heatmap_scene_new (heatmap, &options, context, courant_theme_get_light ());
}

static double
cell (const CourantHeatmapScene *scene,
      guint                      row,
      guint                      slot)
{
  return scene->values[(gsize) row * scene->n_slots + slot];
}

static guint32
count (const CourantHeatmapScene *scene,
       guint                      row,
       guint                      slot)
{
  return scene->counts[(gsize) row * scene->n_slots + slot];
}

/* 29 March to 1 April 2025 and 25 to 28 October: rows are local days. */
static void
test_dst_days (void)
{
  g_autoptr(CourantHeatmap) spring = make_heatmap ("2025-03-29T00:00:00", "2025-04-01T00:00:00", NULL, NULL, 30);
  g_autoptr(CourantHeatmap) autumn = make_heatmap ("2025-10-25T00:00:00", "2025-10-28T00:00:00", NULL, NULL, 30);
  g_autoptr(CourantHeatmapScene) s = make_scene (spring, 800, 400);
  g_autoptr(CourantHeatmapScene) a = make_scene (autumn, 800, 400);
  g_autofree char *spring_day = NULL, *autumn_day = NULL;

  g_assert_cmpuint (s->n_rows, ==, 3);
  g_assert_cmpuint (s->n_slots, ==, 48);
  spring_day = courant_heatmap_scene_row_label (s, 1);
  g_assert_cmpstr (spring_day, ==, "Sun 30 Mar 2025");
  /* Sunday 30 March has no 02:00 to 03:00: slots 4 and 5 are missing. */
  for (guint slot = 0; slot < 48; slot++)
    {
      gboolean missing = slot == 4 || slot == 5;

      g_assert_cmpint (isnan (cell (s, 1, slot)), ==, missing);
      g_assert_cmpuint (count (s, 1, slot), ==, missing ? 0 : 1);
      g_assert_cmpuint (count (s, 0, slot), ==, 1);
    }
  /* Sunday 26 October holds both passes of 02:00 to 03:00. */
  autumn_day = courant_heatmap_scene_row_label (a, 1);
  g_assert_cmpstr (autumn_day, ==, "Sun 26 Oct 2025");
  for (guint slot = 0; slot < 48; slot++)
    {
      g_assert_cmpuint (count (a, 1, slot), ==, slot == 4 || slot == 5 ? 2 : 1);
      g_assert_cmpfloat (cell (a, 1, slot), ==, slot / 2);
    }
}

/* A gap of two days and five hours stays missing, never zero, and says so. */
static void
test_missing_cells (void)
{
  g_autoptr(CourantHeatmap) heatmap = make_heatmap ("2025-01-01T00:00:00", "2025-01-11T00:00:00",
                                                    "2025-01-04T19:00:00", "2025-01-07T00:00:00", 60);
  g_autoptr(CourantHeatmapScene) scene = make_scene (heatmap, 800, 400);
  g_autofree char *value = NULL, *described = NULL;
  CourantRgba colour;

  g_assert_cmpuint (scene->n_rows, ==, 10);
  g_assert_cmpuint (scene->n_slots, ==, 24);
  for (guint row = 0; row < 10; row++)
    for (guint slot = 0; slot < 24; slot++)
      {
        gboolean missing = row == 4 || row == 5 || (row == 3 && slot >= 19);

        g_assert_cmpint (isnan (cell (scene, row, slot)), ==, missing);
        g_assert_cmpint (courant_heatmap_scene_colour (scene, cell (scene, row, slot), &colour), ==, !missing);
      }
  /* The colour range is that of the values present: 0 to 23 o'clock. */
  g_assert_cmpfloat (scene->value_min, ==, 0);
  g_assert_cmpfloat (scene->value_max, ==, 23);

  value = courant_heatmap_scene_value_label (scene, 4, 8);
  g_assert_cmpstr (value, ==, "No data");
  described = courant_heatmap_scene_describe (scene, 2, 8);
  g_assert_cmpstr (described, ==, "Fri 3 Jan 2025, 08:00–09:00: 8.00\u00a0kWh (2 readings)");
}

static double
luminance (const CourantRgba *c)
{
  double channel[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    channel[i] = channel[i] <= 0.04045 ? channel[i] / 12.92 : pow ((channel[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

/* Higher values are lighter: the scale reads in order on any screen and in
 * grey print. */
static void
test_colour_monotonic (void)
{
  g_autoptr(CourantHeatmap) heatmap = make_heatmap ("2025-01-01T00:00:00", "2025-01-03T00:00:00", NULL, NULL, 30);
  g_autoptr(CourantHeatmapScene) scene = make_scene (heatmap, 600, 300);
  double previous = -1;
  CourantRgba colour;

  for (guint i = 0; i <= 200; i++)
    {
      double v = scene->value_min + (scene->value_max - scene->value_min) * i / 200.0;
      double y;

      g_assert_true (courant_heatmap_scene_colour (scene, v, &colour));
      y = luminance (&colour);
      g_assert_cmpfloat (y, >, previous);
      previous = y;
    }
  g_assert_false (courant_heatmap_scene_colour (scene, NAN, &colour));
  /* The ends are far apart: dark violet to yellow. */
  courant_heatmap_scene_colour (scene, scene->value_min, &colour);
  g_assert_cmpfloat (luminance (&colour), <, 0.05);
  courant_heatmap_scene_colour (scene, scene->value_max, &colour);
  g_assert_cmpfloat (luminance (&colour), >, 0.7);
}

static void
test_pick (void)
{
  g_autoptr(CourantHeatmap) heatmap = make_heatmap ("2025-01-01T00:00:00", "2026-01-01T00:00:00", NULL, NULL, 30);
  g_autoptr(CourantHeatmapScene) scene = make_scene (heatmap, 1600, 600);
  guint row, slot;

  g_assert_cmpuint (scene->n_rows, ==, 365);
  for (guint r = 0; r < 365; r += 37)
    for (guint s = 0; s < 48; s += 7)
      {
        cairo_rectangle_t rect;

        courant_heatmap_scene_cell_rect (scene, r, s, &rect);
        g_assert_true (courant_heatmap_scene_pick (scene, rect.x + rect.width / 2, rect.y + rect.height / 2,
                                                   &row, &slot));
        g_assert_cmpuint (row, ==, r);
        g_assert_cmpuint (slot, ==, s);
      }
  g_assert_true (courant_heatmap_scene_pick (scene, scene->plot_x + 0.01, scene->plot_y + 0.01, &row, &slot));
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpuint (slot, ==, 0);
  g_assert_true (courant_heatmap_scene_pick (scene, scene->plot_x + scene->plot_width - 0.01,
                                             scene->plot_y + scene->plot_height - 0.01, &row, &slot));
  g_assert_cmpuint (row, ==, 364);
  g_assert_cmpuint (slot, ==, 47);
  g_assert_false (courant_heatmap_scene_pick (scene, scene->plot_x - 1, scene->plot_y + 10, &row, &slot));
  g_assert_false (courant_heatmap_scene_pick (scene, scene->plot_x + 10, scene->plot_y + scene->plot_height + 1,
                                              &row, &slot));
  g_assert_false (courant_heatmap_scene_pick (scene, scene->legend_x + 1, scene->legend_y + 10, &row, &slot));
}

/* A year at 1600 px is labelled by month, the year under January; the time
 * of day runs from 00:00 at the top to 24:00 at the bottom of the plot. */
static void
test_axes (void)
{
  g_autoptr(CourantHeatmap) heatmap = make_heatmap ("2025-01-01T00:00:00", "2026-01-01T00:00:00", NULL, NULL, 30);
  g_autoptr(CourantHeatmap) profile = courant_heatmap_weekday_profile (heatmap);
  g_autoptr(CourantHeatmapScene) scene = make_scene (heatmap, 1600, 600);
  g_autoptr(CourantHeatmapScene) weekdays = make_scene (profile, 800, 400);
  const CourantHeatmapTick *first, *last;
  g_autofree char *slot = NULL;

  g_assert_cmpuint (scene->day_ticks->len, ==, 12);
  first = &g_array_index (scene->day_ticks, CourantHeatmapTick, 0);
  g_assert_cmpstr (first->label, ==, "Jan");
  g_assert_cmpstr (first->context, ==, "2025");
  g_assert_cmpfloat_with_epsilon (first->position, scene->plot_x, 1e-9);
  last = &g_array_index (scene->day_ticks, CourantHeatmapTick, 11);
  g_assert_cmpstr (last->label, ==, "Dec");
  g_assert_null (last->context);
  /* 1 December is the 335th day of 2025. */
  g_assert_cmpfloat_with_epsilon (last->position, scene->plot_x + 334 * scene->cell_width, 1e-9);

  first = &g_array_index (scene->time_ticks, CourantHeatmapTick, 0);
  last = &g_array_index (scene->time_ticks, CourantHeatmapTick, scene->time_ticks->len - 1);
  g_assert_cmpstr (first->label, ==, "00:00");
  g_assert_cmpstr (last->label, ==, "24:00");
  g_assert_cmpfloat_with_epsilon (first->position, scene->plot_y, 1e-9);
  g_assert_cmpfloat_with_epsilon (last->position, scene->plot_y + scene->plot_height, 1e-9);
  slot = courant_heatmap_scene_slot_label (scene, 16);
  g_assert_cmpstr (slot, ==, "08:00–08:30");

  /* The legend's ticks are in order, the highest at the top. */
  g_assert_cmpuint (scene->legend_ticks->len, >=, 2);
  for (guint i = 1; i < scene->legend_ticks->len; i++)
    g_assert_cmpfloat (g_array_index (scene->legend_ticks, CourantHeatmapTick, i).position, <,
                       g_array_index (scene->legend_ticks, CourantHeatmapTick, i - 1).position);
  g_assert_cmpstr (scene->legend_title, ==, "kWh, mean");

  g_assert_cmpuint (weekdays->day_ticks->len, ==, 7);
  g_assert_cmpstr (g_array_index (weekdays->day_ticks, CourantHeatmapTick, 0).label, ==, "Mon");
  g_assert_cmpstr (g_array_index (weekdays->day_ticks, CourantHeatmapTick, 6).label, ==, "Sun");
}

/* Three weeks at 1600 px are labelled by day; five months at 400 px by
 * Monday or by month, never with overlapping labels. */
static void
test_day_ticks_fit (void)
{
  g_autoptr(CourantHeatmap) weeks = make_heatmap ("2025-02-03T00:00:00", "2025-02-24T00:00:00", NULL, NULL, 60);
  g_autoptr(CourantHeatmap) months = make_heatmap ("2025-01-01T00:00:00", "2025-06-01T00:00:00", NULL, NULL, 60);
  g_autoptr(CourantHeatmapScene) days = make_scene (weeks, 1600, 400);
  g_autoptr(CourantHeatmapScene) narrow = make_scene (months, 400, 400);

  g_assert_cmpuint (days->day_ticks->len, ==, 21);
  g_assert_cmpstr (g_array_index (days->day_ticks, CourantHeatmapTick, 0).label, ==, "3");
  g_assert_true (days->day_ticks_centred);
  for (guint i = 1; i < narrow->day_ticks->len; i++)
    {
      const CourantHeatmapTick *tick = &g_array_index (narrow->day_ticks, CourantHeatmapTick, i);
      const CourantHeatmapTick *before = &g_array_index (narrow->day_ticks, CourantHeatmapTick, i - 1);
      double w, h;

      courant_text_measure (context, courant_theme_get_light (), COURANT_TEXT_LABEL, before->label, &w, &h);
      g_assert_cmpfloat (tick->position - before->position, >, w);
    }
}

/* French: the months, the days and the numbers follow the locale. */
static void
test_french (void)
{
  g_autoptr(CourantHeatmap) heatmap = make_heatmap ("2025-01-01T00:00:00", "2026-01-01T00:00:00", NULL, NULL, 30);
  g_autoptr(CourantHeatmapScene) scene = NULL;
  g_autofree char *day = NULL;

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("No French locale");
      return;
    }
  scene = make_scene (heatmap, 1600, 600);
  day = courant_heatmap_scene_row_label (scene, 5);
  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpstr (g_array_index (scene->day_ticks, CourantHeatmapTick, 0).label, ==, "janv.");
  g_assert_true (g_str_has_prefix (day, "lun."));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  context = courant_text_create_context ();
  paris = g_time_zone_new_identifier ("Europe/Paris");

  g_test_add_func ("/heatmap-scene/dst-days", test_dst_days);
  g_test_add_func ("/heatmap-scene/missing-cells", test_missing_cells);
  g_test_add_func ("/heatmap-scene/colour-monotonic", test_colour_monotonic);
  g_test_add_func ("/heatmap-scene/pick", test_pick);
  g_test_add_func ("/heatmap-scene/axes", test_axes);
  g_test_add_func ("/heatmap-scene/day-ticks-fit", test_day_ticks_fit);
  g_test_add_func ("/heatmap-scene/french", test_french);

  status = g_test_run ();
  g_object_unref (context);
  g_time_zone_unref (paris);
  return status;
}
