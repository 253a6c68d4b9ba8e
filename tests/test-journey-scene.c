/* test-journey-scene.c: lanes, marks, hit-tests and the shared time axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "courant-journey-scene.h"
#include "courant-text.h"

#define HOUR (3600 * 1000LL)
#define DAY  (24 * HOUR)

/* 2025-01-01T00:00:00+01:00 */
static const gint64 jan_2025 = 1735686000000LL;
static PangoContext *context;

static GPtrArray *
strv_array (const char *const *names)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (names[i]));
  return array;
}

static CourantJourneySeries *
hourly (const char *name,
        gint64      from,
        guint       hours,
        double      base)
{
  CourantJourneySeries *series = g_new0 (CourantJourneySeries, 1);

  series->name = g_strdup (name);
  series->n = hours;
  series->times = g_new (gint64, hours);
  series->values = g_new (double, hours);
  for (guint h = 0; h < hours; h++)
    {
      series->times[h] = from + h * HOUR;
      series->values[h] = base + (h % 24);
    }
  series->lod = courant_lod_new (series->values, series->n);
  return series;
}

/* Ten events a day apart over three channels and four kinds, and with
 * @sites a consumption and a temperature over the same twelve days. */
static CourantJourney *
make_journey (gboolean    sites,
              const char *long_channel)
{
  static const char *events[] = { "bill_issued", "call", "complaint", "payment", NULL };
  const char *channels[] = { "app", "call_centre", long_channel != NULL ? long_channel : "web", NULL };
  CourantJourney *journey = g_new0 (CourantJourney, 1);

  journey->entity = g_strdup ("42");
  journey->attribute_names = g_ptr_array_new_with_free_func (g_free);
  journey->attribute_values = g_ptr_array_new_with_free_func (g_free);
  journey->event_names = strv_array (events);
  journey->channel_names = strv_array (channels);
  journey->sites = g_ptr_array_new_with_free_func (g_free);
  journey->n_events = 10;
  journey->times = g_new (gint64, 10);
  journey->events = g_new (guint16, 10);
  journey->channels = g_new (guint16, 10);
  for (guint i = 0; i < 10; i++)
    {
      journey->times[i] = jan_2025 + (i + 1) * DAY + 10 * HOUR;
      journey->events[i] = i % 4;
      journey->channels[i] = i % 3;
    }
  if (sites)
    {
      g_ptr_array_add (journey->sites, g_strdup ("7"));
      journey->region = g_strdup ("Bretagne");
      journey->consumption = hourly ("kwh", jan_2025, 12 * 24, 100);
      journey->temperature = hourly ("temperature", jan_2025, 12 * 24, -5);
    }
  return journey;
}

static CourantJourneyScene *
make_scene (const CourantJourney *journey,
            gint64                t0,
            gint64                t1,
            GHashTable           *styles)
{
  CourantJourneyOptions options = { 0 };

  options.t0 = t0;
  options.t1 = t1;
  options.width = 800;
  options.height = 500;
  options.styles = styles;
  return courant_journey_scene_new (journey, &options, context, courant_theme_get_light ());
}

static void
check_marks (const CourantJourneyScene *scene,
             const CourantJourney      *journey)
{
  guint expected = 0;

  for (guint i = 0; i < journey->n_events; i++)
    {
      const CourantJourneyMark *mark;
      const CourantJourneyLane *lane;
      int index = courant_journey_scene_find_event (scene, i);
      double x;

      if (journey->times[i] < scene->t0 || journey->times[i] >= scene->t1)
        {
          g_assert_cmpint (index, ==, -1);
          continue;
        }
      g_assert_cmpint (index, ==, expected);
      expected++;
      mark = &g_array_index (scene->marks, CourantJourneyMark, index);
      lane = &g_array_index (scene->lanes, CourantJourneyLane, journey->channels[i]);
      x = scene->plot_x + scene->plot_width * (double) (journey->times[i] - scene->t0) / (double) (scene->t1 - scene->t0);
      g_assert_cmpfloat_with_epsilon (mark->x, x, 1e-6);
      g_assert_cmpfloat_with_epsilon (mark->y, lane->y + lane->height / 2, 1e-6);
      g_assert_cmpuint (mark->kind, ==, journey->events[i]);
      g_assert_cmpint (courant_journey_scene_pick (scene, mark->x + 1, mark->y - 1), ==, index);
      /* The lane below has no event at that time. */
      g_assert_cmpint (courant_journey_scene_pick (scene, mark->x, mark->y + lane->height), ==, -1);
    }
  g_assert_cmpuint (scene->marks->len, ==, expected);
}

static void
test_lanes (void)
{
  g_autoptr(CourantJourney) journey = make_journey (FALSE, NULL);
  g_autoptr(CourantJourneyScene) scene = make_scene (journey, jan_2025, jan_2025 + 12 * DAY, NULL);

  g_assert_null (scene->curve);
  g_assert_nonnull (scene->time_axis);
  g_assert_cmpuint (scene->lanes->len, ==, 3);
  g_assert_cmpstr (g_array_index (scene->lanes, CourantJourneyLane, 0).label, ==, "App");
  g_assert_cmpstr (g_array_index (scene->lanes, CourantJourneyLane, 1).label, ==, "Call centre");
  for (guint i = 1; i < scene->lanes->len; i++)
    {
      const CourantJourneyLane *above = &g_array_index (scene->lanes, CourantJourneyLane, i - 1);
      const CourantJourneyLane *lane = &g_array_index (scene->lanes, CourantJourneyLane, i);

      g_assert_cmpfloat_with_epsilon (lane->y, above->y + above->height, 1e-9);
    }
  g_assert_cmpfloat (scene->lanes_y + scene->lanes_height, <=, scene->time_axis->offset + 1e-9);
  g_assert_cmpfloat (scene->time_axis->offset, <, scene->height);
  g_assert_cmpuint (scene->kinds->len, ==, 4);
  g_assert_cmpfloat (scene->plot_x + scene->plot_width, <=, scene->width);
  check_marks (scene, journey);
}

static void
test_zoomed (void)
{
  g_autoptr(CourantJourney) journey = make_journey (TRUE, NULL);
  g_autoptr(CourantJourneyScene) scene = make_scene (journey, jan_2025 + 3 * DAY, jan_2025 + 6 * DAY, NULL);

  g_assert_cmpuint (scene->marks->len, ==, 3);
  check_marks (scene, journey);
}

/* The curves share the lanes' time axis: the same plot, below them. */
static void
test_curves (void)
{
  g_autoptr(CourantJourney) journey = make_journey (TRUE, NULL);
  g_autoptr(CourantJourneyScene) scene = make_scene (journey, jan_2025, jan_2025 + 12 * DAY, NULL);
  g_autoptr(GArray) grid = NULL;

  g_assert_nonnull (scene->curve);
  g_assert_null (scene->time_axis);
  g_assert_cmpuint (scene->curve->series->len, ==, 2);
  g_assert_true (scene->curve->has_left && scene->curve->has_right);
  g_assert_cmpfloat (scene->curve_y, >=, scene->lanes_y + scene->lanes_height);
  g_assert_cmpfloat_with_epsilon (scene->plot_x, scene->curve_x + scene->curve->plot_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (scene->plot_width, scene->curve->plot_width, 1e-9);
  for (gint64 t = jan_2025; t <= jan_2025 + 12 * DAY; t += DAY)
    g_assert_cmpfloat_with_epsilon (courant_journey_scene_time_to_x (scene, t),
                                    scene->curve_x + courant_timeline_scene_time_to_x (scene->curve, t), 1e-6);
  grid = courant_journey_scene_get_grid (scene);
  g_assert_cmpuint (grid->len, >, 2);
  for (guint i = 0; i < grid->len; i++)
    {
      double x = g_array_index (grid, double, i);

      g_assert_cmpfloat (x, >=, scene->plot_x - 1e-6);
      g_assert_cmpfloat (x, <=, scene->plot_x + scene->plot_width + 1e-6);
    }
  check_marks (scene, journey);
}

/* A long channel name moves the curves right rather than overlapping. */
static void
test_long_lane_name (void)
{
  g_autoptr(CourantJourney) journey = make_journey (TRUE, "regional_customer_advisor_office");
  g_autoptr(CourantJourneyScene) scene = make_scene (journey, jan_2025, jan_2025 + 12 * DAY, NULL);
  double width;

  courant_text_measure (context, courant_theme_get_light (), COURANT_TEXT_LABEL,
                        "Regional customer advisor office", &width, NULL);
  g_assert_cmpfloat (scene->curve_x, >, 0);
  g_assert_cmpfloat (scene->plot_x, >=, width);
  g_assert_cmpfloat_with_epsilon (scene->plot_x, scene->curve_x + scene->curve->plot_x, 1e-9);
  check_marks (scene, journey);
}

static void
test_styles (void)
{
  g_autoptr(CourantJourney) journey = make_journey (FALSE, NULL);
  g_autoptr(GHashTable) styles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CourantJourneyScene) plain = make_scene (journey, jan_2025, jan_2025 + 12 * DAY, NULL);
  g_autoptr(CourantJourneyScene) styled = NULL;
  const CourantJourneyKind *a, *b;

  /* "payment" takes the shape of the first kind, whatever its rank, and
   * keeps its colour, which is its event's. */
  g_hash_table_insert (styles, (gpointer) "payment", GUINT_TO_POINTER (1));
  styled = make_scene (journey, jan_2025, jan_2025 + 12 * DAY, styles);
  a = &g_array_index (plain->kinds, CourantJourneyKind, 0);
  b = &g_array_index (styled->kinds, CourantJourneyKind, 3);
  g_assert_cmpint (a->shape, ==, b->shape);
  a = &g_array_index (plain->kinds, CourantJourneyKind, 3);
  g_assert_true (memcmp (&a->colour, &b->colour, sizeof a->colour) == 0);

  /* Every kind looks different from the others. */
  for (guint i = 0; i < plain->kinds->len; i++)
    for (guint j = i + 1; j < plain->kinds->len; j++)
      {
        a = &g_array_index (plain->kinds, CourantJourneyKind, i);
        b = &g_array_index (plain->kinds, CourantJourneyKind, j);
        g_assert_true (a->shape != b->shape || memcmp (&a->colour, &b->colour, sizeof a->colour) != 0);
      }
  for (guint i = 0; i < plain->kinds->len; i++)
    {
      const CourantJourneyKind *kind = &g_array_index (plain->kinds, CourantJourneyKind, i);

      g_assert_cmpfloat (kind->x + kind->width, <=, plain->width);
      g_assert_cmpfloat (kind->y + kind->height, <=, plain->lanes_y);
    }
}

static gboolean
same_rgba (CourantRgba a,
           CourantRgba b)
{
  return a.red == b.red && a.green == b.green && a.blue == b.blue && a.alpha == b.alpha;
}

/* With the table's map, an event has its colour there, whatever its rank
 * among this customer's kinds: the Sankey of the same table draws it so. */
static void
test_palette (void)
{
  static const char *const table_order[] = { "payment", "call", "bill_issued", "complaint", NULL };
  g_autoptr(CourantJourney) journey = make_journey (FALSE, NULL);
  g_autoptr(CourantPaletteMap) palette = courant_palette_map_new ();
  g_autoptr(CourantJourneyScene) scene = NULL;
  CourantJourneyOptions options = { 0 };

  courant_palette_map_assign (palette, table_order);
  options.t0 = jan_2025;
  options.t1 = jan_2025 + 12 * DAY;
  options.width = 800;
  options.height = 500;
  options.palette = palette;
  scene = courant_journey_scene_new (journey, &options, context, courant_theme_get_light ());

  /* The journey's kinds are bill_issued, call, complaint, payment; the
   * table's commonest, payment, has the label palette's first colour. */
  g_assert_true (same_rgba (g_array_index (scene->kinds, CourantJourneyKind, 3).colour,
                            courant_palette_get_label (FALSE, 0)));
  g_assert_true (same_rgba (g_array_index (scene->kinds, CourantJourneyKind, 1).colour,
                            courant_palette_get_label (FALSE, 1)));
  g_assert_true (same_rgba (g_array_index (scene->kinds, CourantJourneyKind, 0).colour,
                            courant_palette_get_label (FALSE, 2)));
  g_assert_true (same_rgba (g_array_index (scene->kinds, CourantJourneyKind, 2).colour,
                            courant_palette_get_label (FALSE, 3)));
}

static void
test_text (void)
{
  g_autoptr(CourantJourney) journey = make_journey (FALSE, NULL);
  g_autoptr(CourantJourneyScene) scene = make_scene (journey, jan_2025, jan_2025 + 12 * DAY, NULL);
  g_autofree char *text = courant_journey_scene_dup_event_text (scene, 1);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  /* Event 1: a call through the call centre on 3 January 2025 at 10:00. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "Call");
  g_assert_cmpstr (lines[1], ==, "Call centre");
  g_assert_nonnull (strstr (lines[2], "10:00"));
  g_assert_nonnull (strstr (lines[2], "2025"));
  g_assert_nonnull (strstr (lines[2], "3"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  context = courant_text_create_context ();

  g_test_add_func ("/journey-scene/lanes", test_lanes);
  g_test_add_func ("/journey-scene/zoomed", test_zoomed);
  g_test_add_func ("/journey-scene/curves", test_curves);
  g_test_add_func ("/journey-scene/long-lane-name", test_long_lane_name);
  g_test_add_func ("/journey-scene/styles", test_styles);
  g_test_add_func ("/journey-scene/palette", test_palette);
  g_test_add_func ("/journey-scene/text", test_text);

  status = g_test_run ();
  g_object_unref (context);
  return status;
}
