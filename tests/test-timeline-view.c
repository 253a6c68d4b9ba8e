/* test-timeline-view.c: the timeline widget under a virtual display
 *
 * Zooming and panning through the API and through key presses delivered
 * to the widget's key controller, and the crosshair's values, checked
 * against the readings themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>

#include "courant-timeline-view.h"

#define HOUR (3600 * 1000LL)
#define N    (100 * 24)

/* 2025-01-01T00:00:00+01:00 */
static const gint64 jan_2025 = 1735686000000LL;

static gint64 times[N];
static double values[N];
static gsize n;
static CourantLod *lod;
static GtkWidget *window;
static CourantTimelineView *view;

/* Hourly readings whose value is their hour number, but for day 50. */
static void
make_readings (void)
{
  n = 0;
  for (guint h = 0; h < N; h++)
    {
      if (h / 24 == 50)
        continue;
      times[n] = jan_2025 + h * HOUR;
      values[n] = h;
      n++;
    }
  lod = courant_lod_new (values, n);
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 100 * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
wait_for_scene (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (gtk_widget_get_width (GTK_WIDGET (view)) < 100 || courant_timeline_view_get_scene (view) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  settle ();
}

static gboolean
press_key (guint           keyval,
           GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  settle ();
  return handled;
}

/* Emits @signal with two doubles on the view's controller of @type, as
 * the pointer does. */
static void
emit_on (GType       type,
         const char *signal,
         double      a,
         double      b)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        g_signal_emit_by_name (controller, signal, a, b);
    }
}

static void
drag (double x,
      double y,
      double dx)
{
  emit_on (GTK_TYPE_GESTURE_DRAG, "drag-begin", x, y);
  emit_on (GTK_TYPE_GESTURE_DRAG, "drag-update", dx / 2, 0);
  emit_on (GTK_TYPE_GESTURE_DRAG, "drag-update", dx, 0);
  emit_on (GTK_TYPE_GESTURE_DRAG, "drag-end", dx, 0);
  settle ();
}

static const char *
cursor_at (double x,
           double y)
{
  GdkCursor *cursor;

  emit_on (GTK_TYPE_EVENT_CONTROLLER_MOTION, "motion", x, y);
  cursor = gtk_widget_get_cursor (GTK_WIDGET (view));
  return cursor != NULL ? gdk_cursor_get_name (cursor) : NULL;
}

static void
get_window (gint64 *t0,
            gint64 *t1)
{
  courant_timeline_view_get_window (view, t0, t1);
  g_assert_cmpint (*t0, <, *t1);
}

static void
test_reset (void)
{
  gint64 t0, t1;

  courant_timeline_view_reset (view);
  get_window (&t0, &t1);
  g_assert_cmpint (t0, ==, times[0]);
  g_assert_cmpint (t1, ==, times[n - 1] + 1);
}

static void
test_zoom_pan (void)
{
  const CourantTimelineScene *scene;
  gint64 t0, t1, z0, z1, p0, p1, anchor;
  double x, plot_width;

  courant_timeline_view_reset (view);
  settle ();
  scene = courant_timeline_view_get_scene (view);
  get_window (&t0, &t1);
  x = scene->plot_x + scene->plot_width / 4;
  anchor = courant_timeline_scene_x_to_time (scene, x);

  courant_timeline_view_zoom (view, 4, x);
  settle ();
  get_window (&z0, &z1);
  g_assert_cmpint (llabs ((z1 - z0) - (t1 - t0) / 4), <=, 1);
  /* The time under the pointer stays under it. */
  scene = courant_timeline_view_get_scene (view);
  g_assert_cmpint (llabs (courant_timeline_scene_x_to_time (scene, x) - anchor), <, (z1 - z0) / scene->plot_width + 1);

  /* The scene is replaced when the window moves: keep what is needed. */
  plot_width = scene->plot_width;
  courant_timeline_view_pan (view, 100);
  settle ();
  get_window (&p0, &p1);
  g_assert_cmpint (p1 - p0, ==, z1 - z0);
  g_assert_cmpint (llabs ((p0 - z0) - (gint64) (100 * (z1 - z0) / plot_width)), <=, 1);

  /* Never past the data. */
  courant_timeline_view_pan (view, -1e9);
  get_window (&p0, &p1);
  g_assert_cmpint (p0, ==, times[0]);
  courant_timeline_view_zoom (view, 1e-6, x);
  get_window (&p0, &p1);
  g_assert_cmpint (p1 - p0, ==, times[n - 1] + 1 - times[0]);
}

static void
test_keys (void)
{
  gint64 t0, t1, k0, k1, span;

  courant_timeline_view_reset (view);
  get_window (&t0, &t1);

  g_assert_true (press_key (GDK_KEY_plus, 0));
  get_window (&k0, &k1);
  span = k1 - k0;
  g_assert_cmpint (llabs (span - (gint64) ((t1 - t0) / 1.5)), <=, 1);

  g_assert_true (press_key (GDK_KEY_End, 0));
  get_window (&k0, &k1);
  g_assert_cmpint (k1, ==, t1);
  g_assert_cmpint (k1 - k0, ==, span);

  g_assert_true (press_key (GDK_KEY_Left, 0));
  get_window (&k0, &k1);
  g_assert_cmpint (k1, <, t1);
  g_assert_cmpint (k1 - k0, ==, span);

  g_assert_true (press_key (GDK_KEY_Home, 0));
  get_window (&k0, &k1);
  g_assert_cmpint (k0, ==, t0);

  g_assert_true (press_key (GDK_KEY_minus, 0));
  get_window (&k0, &k1);
  g_assert_cmpint (k1 - k0, >, span);

  g_assert_true (press_key (GDK_KEY_plus, 0));
  g_assert_true (press_key (GDK_KEY_0, 0));
  get_window (&k0, &k1);
  g_assert_cmpint (k0, ==, t0);
  g_assert_cmpint (k1, ==, t1);

  g_assert_false (press_key (GDK_KEY_a, 0));
}

/* The value under the crosshair is the nearest reading's, as found here
 * by a plain search over the readings. */
static void
check_crosshair_at (gint64 when)
{
  const CourantTimelineScene *scene = courant_timeline_view_get_scene (view);
  g_auto(CourantTimelinePick) pick = { 0 };
  const CourantTimelinePickValue *value;
  gsize best = 0;

  courant_timeline_view_set_crosshair (view, courant_timeline_scene_time_to_x (scene, when));
  settle ();
  g_assert_true (courant_timeline_view_get_pick (view, &pick));
  g_assert_cmpuint (pick.values->len, ==, 1);
  value = &g_array_index (pick.values, CourantTimelinePickValue, 0);
  g_assert_true (value->found);
  for (gsize i = 0; i < n; i++)
    if (llabs (times[i] - pick.time_ms) < llabs (times[best] - pick.time_ms))
      best = i;
  g_assert_cmpint (value->time_ms, ==, times[best]);
  g_assert_cmpfloat (value->value, ==, values[best]);
}

static void
test_crosshair (void)
{
  gint64 t0, t1;

  /* Zoomed in on three days: a reading every few pixels. */
  courant_timeline_view_set_window (view, jan_2025 + 10 * 24 * HOUR, jan_2025 + 13 * 24 * HOUR);
  settle ();
  get_window (&t0, &t1);
  g_assert_cmpint (t0, ==, jan_2025 + 10 * 24 * HOUR);
  check_crosshair_at (jan_2025 + 11 * 24 * HOUR + 7 * HOUR + 60000);

  /* Shift+Right moves the crosshair by one device pixel. */
  {
    g_auto(CourantTimelinePick) before = { 0 };
    g_auto(CourantTimelinePick) after = { 0 };

    g_assert_true (courant_timeline_view_get_pick (view, &before));
    g_assert_true (press_key (GDK_KEY_Right, GDK_SHIFT_MASK));
    g_assert_true (courant_timeline_view_get_pick (view, &after));
    g_assert_cmpfloat (fabs (after.x - before.x - 1.0 / gtk_widget_get_scale_factor (GTK_WIDGET (view))), <, 1e-9);
  }

  /* Full range: decimated, with the column's min and max. */
  courant_timeline_view_reset (view);
  settle ();
  check_crosshair_at (jan_2025 + 30 * 24 * HOUR);
  {
    g_auto(CourantTimelinePick) pick = { 0 };
    const CourantTimelinePickValue *value;

    g_assert_true (courant_timeline_view_get_pick (view, &pick));
    value = &g_array_index (pick.values, CourantTimelinePickValue, 0);
    g_assert_cmpuint (value->count, >, 1);
    /* Values are the hour numbers: the column holds count consecutive ones. */
    g_assert_cmpfloat (value->max - value->min, ==, value->count - 1);
  }

  /* In the missing day: no value. */
  courant_timeline_view_set_window (view, jan_2025 + 48 * 24 * HOUR, jan_2025 + 53 * 24 * HOUR);
  settle ();
  {
    const CourantTimelineScene *scene = courant_timeline_view_get_scene (view);
    g_auto(CourantTimelinePick) pick = { 0 };

    courant_timeline_view_set_crosshair (view, courant_timeline_scene_time_to_x (scene, jan_2025 + 50 * 24 * HOUR + 12 * HOUR));
    g_assert_true (courant_timeline_view_get_pick (view, &pick));
    g_assert_false (g_array_index (pick.values, CourantTimelinePickValue, 0).found);
  }
  g_assert_true (press_key (GDK_KEY_Escape, 0));
  {
    g_auto(CourantTimelinePick) pick = { 0 };

    g_assert_false (courant_timeline_view_get_pick (view, &pick));
  }
}

/* The window on the overview strip is resized by either edge, under a
 * resize cursor, and moved by its middle. */
static void
test_overview_resize (void)
{
  const CourantTimelineScene *overview;
  gint64 t0, t1, r0, r1, step;
  double top, y, x0, x1;

  courant_timeline_view_set_window (view, jan_2025 + 20 * 24 * HOUR, jan_2025 + 40 * 24 * HOUR);
  settle ();
  overview = courant_timeline_view_get_overview (view, &top);
  g_assert_nonnull (overview);
  get_window (&t0, &t1);
  y = top + overview->height / 2;
  x0 = courant_timeline_scene_time_to_x (overview, t0);
  x1 = courant_timeline_scene_time_to_x (overview, t1);
  /* One pixel of the strip, in time. */
  step = (overview->t1 - overview->t0) / (gint64) overview->plot_width + 1;

  g_assert_cmpstr (cursor_at (x1 + 2, y), ==, "ew-resize");
  g_assert_cmpstr (cursor_at (x0 - 2, y), ==, "ew-resize");
  g_assert_null (cursor_at ((x0 + x1) / 2, y));
  g_assert_null (cursor_at (x1 + 2, top / 2));

  /* The end edge 60 px later: the start stays. */
  drag (x1 + 1, y, 60);
  get_window (&r0, &r1);
  g_assert_cmpint (r0, ==, t0);
  g_assert_cmpint (llabs (r1 - courant_timeline_scene_x_to_time (overview, x1 + 61)), <=, step);

  /* The start edge 40 px earlier: the end stays. */
  t1 = r1;
  drag (x0 - 1, y, -40);
  get_window (&r0, &r1);
  g_assert_cmpint (r1, ==, t1);
  g_assert_cmpint (llabs (r0 - courant_timeline_scene_x_to_time (overview, x0 - 41)), <=, step);

  /* Dragged by its middle, the window keeps its span and moves as far. */
  t0 = r0;
  t1 = r1;
  x0 = courant_timeline_scene_time_to_x (overview, t0);
  x1 = courant_timeline_scene_time_to_x (overview, t1);
  drag ((x0 + x1) / 2 + 10, y, 30);
  get_window (&r0, &r1);
  g_assert_cmpint (r1 - r0, ==, t1 - t0);
  g_assert_cmpint (llabs ((r0 - t0) - 30 * (overview->t1 - overview->t0) / (gint64) overview->plot_width), <=, 2 * step);
}

static void
window_changed_cb (CourantTimelineView *self,
                   guint               *count)
{
  (*count)++;
}

/* A run of zooms, as a scroll gives, is announced once when it settles. */
static void
test_window_changed (void)
{
  guint count = 0;
  gulong id = g_signal_connect (view, "window-changed", G_CALLBACK (window_changed_cb), &count);
  gint64 deadline;

  courant_timeline_view_reset (view);
  settle ();
  settle ();
  settle ();
  count = 0;
  for (guint i = 0; i < 5; i++)
    {
      courant_timeline_view_zoom (view, 1.2, 300);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (count, ==, 0);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (count == 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (count, ==, 1);
  settle ();
  settle ();
  settle ();
  settle ();
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (view, id);
}

typedef struct
{
  guint  count;
  gint64 start;
  gint64 end;
} Request;

static void
annotate_cb (CourantTimelineView *self,
             gint64               start,
             gint64               end,
             Request             *request)
{
  request->count++;
  request->start = start;
  request->end = end;
}

/* `[` and `]` mark a range at the crosshair, on whole minutes at this zoom;
 * the annotate action asks for that range, or for the instant under the
 * crosshair without one; the annotations given are in the scene. */
static void
test_annotate (void)
{
  const CourantTimelineScene *scene;
  const gint64 start = jan_2025 + 11 * 24 * HOUR + 7 * HOUR, end = jan_2025 + 12 * 24 * HOUR;
  CourantTimelineAnnotationSpec band = { start, end, "cold snap" };
  Request request = { 0 };
  gulong id = g_signal_connect (view, "annotate", G_CALLBACK (annotate_cb), &request);
  gint64 m0, m1, per_px;

  courant_timeline_view_set_window (view, jan_2025 + 10 * 24 * HOUR, jan_2025 + 13 * 24 * HOUR);
  settle ();
  scene = courant_timeline_view_get_scene (view);
  per_px = (scene->t1 - scene->t0) / (gint64) scene->plot_width + 1;
  g_assert_false (courant_timeline_view_get_mark (view, NULL, NULL));

  courant_timeline_view_set_crosshair (view, courant_timeline_scene_time_to_x (scene, start));
  g_assert_true (press_key (GDK_KEY_bracketleft, 0));
  courant_timeline_view_set_crosshair (view, courant_timeline_scene_time_to_x (scene, end));
  g_assert_true (press_key (GDK_KEY_bracketright, 0));
  g_assert_true (courant_timeline_view_get_mark (view, &m0, &m1));
  g_assert_cmpint (llabs (m0 - start), <=, per_px + 60000);
  g_assert_cmpint (llabs (m1 - end), <=, per_px + 60000);
  g_assert_cmpint (m0 % 60000, ==, 0);
  g_assert_cmpint (m1 % 60000, ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.annotate", NULL);
  g_assert_cmpuint (request.count, ==, 1);
  g_assert_cmpint (request.start, ==, m0);
  g_assert_cmpint (request.end, ==, m1);

  /* Escape forgets the range: the instant under the crosshair is asked. */
  g_assert_true (press_key (GDK_KEY_Escape, 0));
  g_assert_false (courant_timeline_view_get_mark (view, NULL, NULL));
  courant_timeline_view_set_crosshair (view, courant_timeline_scene_time_to_x (scene, start));
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.annotate", NULL);
  g_assert_cmpuint (request.count, ==, 2);
  g_assert_cmpint (request.start, ==, request.end);
  g_assert_cmpint (llabs (request.start - start), <=, per_px + 60000);

  /* The Menu key opens the context menu on the crosshair's instant. */
  g_assert_true (press_key (GDK_KEY_Menu, 0));
  g_assert_true (courant_timeline_view_get_mark (view, &m0, &m1));
  g_assert_cmpint (m0, ==, m1);
  g_assert_cmpint (m0, ==, request.start);
  g_assert_true (press_key (GDK_KEY_Escape, 0));

  courant_timeline_view_set_annotations (view, &band, 1);
  settle ();
  scene = courant_timeline_view_get_scene (view);
  g_assert_cmpuint (scene->annotations->len, ==, 1);
  g_assert_cmpstr (g_array_index (scene->annotations, CourantTimelineAnnotation, 0).label, ==, "cold snap");
  g_assert_cmpfloat (fabs (g_array_index (scene->annotations, CourantTimelineAnnotation, 0).x0 -
                           courant_timeline_scene_time_to_x (scene, start)), <, 1e-6);
  courant_timeline_view_set_annotations (view, NULL, 0);
  settle ();
  g_assert_cmpuint (courant_timeline_view_get_scene (view)->annotations->len, ==, 0);
  g_signal_handler_disconnect (view, id);
}

/* Hiding a series, switching theme and resizing draw again without trouble. */
static void
test_redraw (void)
{
  courant_timeline_view_set_series_visible (view, 0, FALSE);
  settle ();
  courant_timeline_view_set_series_visible (view, 0, TRUE);
  courant_timeline_view_set_dark (view, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 360);
  settle ();
  g_assert_nonnull (courant_timeline_view_get_scene (view));
  courant_timeline_view_set_dark (view, FALSE);
  settle ();
}

int
main (int    argc,
      char **argv)
{
  CourantTimelineSeriesSpec spec = { 0 };
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return g_test_run ();
    }

  make_readings ();
  spec.name = "meter";
  spec.unit = "kWh";
  spec.data = (CourantTimelineData) { times, values, n, lod };
  spec.colour = -1;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 400);
  view = COURANT_TIMELINE_VIEW (courant_timeline_view_new ());
  courant_timeline_view_set_series (view, &spec, 1);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_scene ();

  g_test_add_func ("/timeline-view/reset", test_reset);
  g_test_add_func ("/timeline-view/zoom-pan", test_zoom_pan);
  g_test_add_func ("/timeline-view/keys", test_keys);
  g_test_add_func ("/timeline-view/crosshair", test_crosshair);
  g_test_add_func ("/timeline-view/overview-resize", test_overview_resize);
  g_test_add_func ("/timeline-view/window-changed", test_window_changed);
  g_test_add_func ("/timeline-view/annotate", test_annotate);
  g_test_add_func ("/timeline-view/redraw", test_redraw);

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  courant_lod_free (lod);
  return status;
}
