/* courant-journey-view.c: the interactive journey of one customer
 *
 * Zoom and pan work as in the series timeline (scroll around the pointer,
 * drag, + - 0 Home End and the arrows). The keyboard also walks the
 * events: Tab and Shift+Tab go to the next and previous event, and once an
 * event has the focus the arrows move between events (Left and Right in
 * time, Up and Down to the nearest event of the lane above or below) and
 * Escape gives the arrows back to panning. The focused or hovered event
 * shows its tooltip, and screen readers get its text as the description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "courant-format.h"
#include "courant-journey-render.h"
#include "courant-journey-view.h"
#include "courant-text.h"
#include "courant-timeline-render.h"

#define MIN_SPAN_MS 60000  /* a minute across the plot */
#define ZOOM_STEP   1.5
#define PAN_STEP    0.1    /* of the window */

struct _CourantJourneyView
{
  GtkWidget             parent_instance;

  CourantJourney       *journey;
  GTimeZone            *tz;
  gboolean              dark;
  GHashTable           *styles;     /* event name → style + 1, across journeys */
  CourantPaletteMap    *palette;    /* event name → colour, shared with the table's Sankey */
  gint64                lo;         /* the journey's range [lo, hi) */
  gint64                hi;
  gint64                t0;
  gint64                t1;

  PangoContext         *context;
  CourantJourneyScene  *scene;
  GskRenderNode        *base_node;

  int                   focus;      /* journey event, or -1 */
  int                   hover;      /* journey event, or -1 */
  double                pointer_x;  /* < 0: outside */
  double                pointer_y;
  gint64                drag_t0;
  gint64                drag_t1;
};

G_DEFINE_FINAL_TYPE (CourantJourneyView, courant_journey_view, GTK_TYPE_WIDGET)

static const CourantTheme *
get_theme (CourantJourneyView *self)
{
  return courant_theme_get (self->dark);
}

static void
clear_scene (CourantJourneyView *self)
{
  g_clear_pointer (&self->scene, courant_journey_scene_free);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
}

static void
invalidate (CourantJourneyView *self)
{
  clear_scene (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_scene (CourantJourneyView *self)
{
  CourantJourneyOptions options = { 0 };

  if (self->scene != NULL || self->journey == NULL || self->t0 >= self->t1)
    return;
  options.t0 = self->t0;
  options.t1 = self->t1;
  options.tz = self->tz;
  options.width = MAX (16, gtk_widget_get_width (GTK_WIDGET (self)));
  options.height = MAX (16, gtk_widget_get_height (GTK_WIDGET (self)));
  options.scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  options.styles = self->styles;
  options.palette = self->palette;
  self->scene = courant_journey_scene_new (self->journey, &options, self->context, get_theme (self));
}

static void
update_accessible (CourantJourneyView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->journey == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: the accessible name of a journey chart. */
                                        "Journey of customer %s: %u event on %u channels",
                                        "Journey of customer %s: %u events on %u channels",
                                        self->journey->n_events),
                           self->journey->entity, self->journey->n_events, self->journey->channel_names->len);
  ensure_scene (self);
  if (self->focus >= 0 && self->scene != NULL)
    description = courant_journey_scene_dup_event_text (self->scene, self->focus);
  else
    description = g_strdup (_("Tab goes through the events; scroll or + and − zoom, drag or the arrows pan."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static GskRenderNode *
draw_node (CourantJourneyView *self)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->scene->width,
                                                                          self->scene->height));

  courant_journey_render (cr, self->scene, get_theme (self));
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* The pointer over the curves shows their values, as on the timeline. */
static void
draw_curve_pick (CourantJourneyView *self,
                 cairo_t            *cr)
{
  const CourantJourneyScene *scene = self->scene;
  g_auto(CourantTimelinePick) pick = { 0 };

  if (scene->curve == NULL || self->pointer_x < 0 || self->pointer_y < scene->curve_y ||
      !courant_timeline_scene_pick (scene->curve, self->pointer_x - scene->curve_x, &pick))
    return;
  cairo_save (cr);
  cairo_translate (cr, scene->curve_x, scene->curve_y);
  courant_timeline_render_pick (cr, scene->curve, &pick, get_theme (self));
  cairo_restore (cr);
}

static void
courant_journey_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CourantJourneyView *self = COURANT_JOURNEY_VIEW (widget);
  int event, mark;
  cairo_t *cr;

  ensure_scene (self);
  if (self->scene == NULL)
    return;
  if (self->base_node == NULL)
    self->base_node = draw_node (self);
  gtk_snapshot_append_node (snapshot, self->base_node);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->scene->width, self->scene->height));
  /* The keyboard's focus on the chart, before Tab reaches an event. */
  if (gtk_widget_has_visible_focus (widget) && self->focus < 0)
    {
      courant_rgba_set_source (cr, &get_theme (self)->crosshair);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, self->scene->plot_x - 1, self->scene->lanes_y - 1, self->scene->plot_width + 2,
                       self->scene->lanes_height + 2);
      cairo_stroke (cr);
    }
  draw_curve_pick (self, cr);
  event = courant_journey_view_get_tooltip_event (self);
  mark = event >= 0 ? courant_journey_scene_find_event (self->scene, event) : -1;
  if (mark >= 0)
    courant_journey_render_focus (cr, self->scene, mark, get_theme (self));
  cairo_destroy (cr);
}

static void
courant_journey_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  CourantJourneyView *self = COURANT_JOURNEY_VIEW (widget);

  if (self->scene != NULL && (self->scene->width != width || self->scene->height != height))
    clear_scene (self);
}

static void
courant_journey_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 300 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 500;
}

void
courant_journey_view_set_window (CourantJourneyView *self,
                                 gint64              t0,
                                 gint64              t1)
{
  gint64 span;

  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));

  if (self->lo >= self->hi)
    return;
  span = CLAMP (t1 - t0, MIN (MIN_SPAN_MS, self->hi - self->lo), self->hi - self->lo);
  t0 = CLAMP (t0, self->lo, self->hi - span);
  if (t0 == self->t0 && t0 + span == self->t1)
    return;
  self->t0 = t0;
  self->t1 = t0 + span;
  invalidate (self);
}

void
courant_journey_view_get_window (CourantJourneyView *self,
                                 gint64             *t0,
                                 gint64             *t1)
{
  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));

  if (t0 != NULL)
    *t0 = self->t0;
  if (t1 != NULL)
    *t1 = self->t1;
}

void
courant_journey_view_reset (CourantJourneyView *self)
{
  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));

  courant_journey_view_set_window (self, self->lo, self->hi);
}

static void
plot_extent (CourantJourneyView *self,
             double             *x,
             double             *width)
{
  ensure_scene (self);
  *x = self->scene != NULL ? self->scene->plot_x : 0;
  *width = self->scene != NULL ? self->scene->plot_width : MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
}

void
courant_journey_view_zoom (CourantJourneyView *self,
                           double              factor,
                           double              x)
{
  double plot_x, plot_width, at;
  gint64 span, anchor;

  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));
  g_return_if_fail (factor > 0);

  plot_extent (self, &plot_x, &plot_width);
  at = CLAMP ((x - plot_x) / plot_width, 0, 1);
  anchor = self->t0 + (gint64) (at * (self->t1 - self->t0));
  span = (gint64) ((self->t1 - self->t0) / factor);
  courant_journey_view_set_window (self, anchor - (gint64) (at * span), anchor - (gint64) (at * span) + span);
}

void
courant_journey_view_pan (CourantJourneyView *self,
                          double              dx)
{
  double plot_x, plot_width;
  gint64 shift;

  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));

  plot_extent (self, &plot_x, &plot_width);
  shift = (gint64) (dx * (self->t1 - self->t0) / plot_width);
  courant_journey_view_set_window (self, self->t0 + shift, self->t1 + shift);
}

int
courant_journey_view_get_focus (CourantJourneyView *self)
{
  g_return_val_if_fail (COURANT_IS_JOURNEY_VIEW (self), -1);

  return self->focus;
}

void
courant_journey_view_set_focus (CourantJourneyView *self,
                                int                 event)
{
  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));
  g_return_if_fail (event < 0 || (self->journey != NULL && (guint) event < self->journey->n_events));

  self->focus = MAX (-1, event);
  if (event >= 0)
    {
      gint64 t = self->journey->times[event], span = self->t1 - self->t0;

      /* An event outside the window brings the window to it, centred. */
      if (t < self->t0 || t >= self->t1)
        courant_journey_view_set_window (self, t - span / 2, t - span / 2 + span);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
courant_journey_view_get_tooltip_event (CourantJourneyView *self)
{
  g_return_val_if_fail (COURANT_IS_JOURNEY_VIEW (self), -1);

  return self->hover >= 0 ? self->hover : self->focus;
}

const CourantJourneyScene *
courant_journey_view_get_scene (CourantJourneyView *self)
{
  g_return_val_if_fail (COURANT_IS_JOURNEY_VIEW (self), NULL);

  ensure_scene (self);
  return self->scene;
}

const CourantJourney *
courant_journey_view_get_journey (CourantJourneyView *self)
{
  g_return_val_if_fail (COURANT_IS_JOURNEY_VIEW (self), NULL);

  return self->journey;
}

/* The event nearest in time to @event in the lane @step lanes away, or
 * @event when that lane has none. */
static int
nearest_in_lane (CourantJourneyView *self,
                 int                 event,
                 int                 step)
{
  const CourantJourney *journey = self->journey;
  int lane = (int) journey->channels[event] + step, best = event;
  gint64 best_distance = G_MAXINT64;

  if (lane < 0 || lane >= (int) journey->channel_names->len)
    return event;
  for (guint i = 0; i < journey->n_events; i++)
    {
      gint64 distance = ABS (journey->times[i] - journey->times[event]);

      if (journey->channels[i] == lane && distance < best_distance)
        {
          best_distance = distance;
          best = i;
        }
    }
  return best;
}

/* Tab and Shift+Tab go through the events, then leave the chart. */
static gboolean
step_event (CourantJourneyView *self,
            int                 step)
{
  int next;

  if (self->journey == NULL || self->journey->n_events == 0)
    return FALSE;
  next = self->focus < 0 ? (step > 0 ? 0 : (int) self->journey->n_events - 1) : self->focus + step;
  if (next < 0 || next >= (int) self->journey->n_events)
    {
      courant_journey_view_set_focus (self, -1);
      return FALSE;
    }
  courant_journey_view_set_focus (self, next);
  return TRUE;
}

static gboolean
arrow_on_event (CourantJourneyView *self,
                guint               keyval)
{
  int next = self->focus;

  switch (keyval)
    {
    case GDK_KEY_Left:
      next = MAX (0, self->focus - 1);
      break;
    case GDK_KEY_Right:
      next = MIN ((int) self->journey->n_events - 1, self->focus + 1);
      break;
    case GDK_KEY_Up:
      next = nearest_in_lane (self, self->focus, -1);
      break;
    case GDK_KEY_Down:
      next = nearest_in_lane (self, self->focus, 1);
      break;
    default:
      return FALSE;
    }
  courant_journey_view_set_focus (self, next);
  return TRUE;
}

static gboolean
key_pressed_cb (CourantJourneyView    *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  double plot_x, plot_width;
  gint64 span = self->t1 - self->t0;

  if (self->journey == NULL)
    return FALSE;
  if (self->focus >= 0 && arrow_on_event (self, keyval))
    return TRUE;
  plot_extent (self, &plot_x, &plot_width);
  switch (keyval)
    {
    case GDK_KEY_Tab: case GDK_KEY_KP_Tab:
      return step_event (self, 1);
    case GDK_KEY_ISO_Left_Tab:
      return step_event (self, -1);
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      courant_journey_view_zoom (self, ZOOM_STEP, plot_x + plot_width / 2);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      courant_journey_view_zoom (self, 1 / ZOOM_STEP, plot_x + plot_width / 2);
      return TRUE;
    case GDK_KEY_0: case GDK_KEY_KP_0:
      courant_journey_view_reset (self);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_Right:
      courant_journey_view_pan (self, (keyval == GDK_KEY_Left ? -PAN_STEP : PAN_STEP) * plot_width);
      return TRUE;
    case GDK_KEY_Home:
      courant_journey_view_set_window (self, self->lo, self->lo + span);
      return TRUE;
    case GDK_KEY_End:
      courant_journey_view_set_window (self, self->hi - span, self->hi);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->focus < 0)
        return FALSE;
      courant_journey_view_set_focus (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_pointer (CourantJourneyView *self,
             double              x,
             double              y)
{
  int mark;

  self->pointer_x = x;
  self->pointer_y = y;
  ensure_scene (self);
  mark = self->scene != NULL && x >= 0 ? courant_journey_scene_pick (self->scene, x, y) : -1;
  self->hover = mark >= 0 ? (int) g_array_index (self->scene->marks, CourantJourneyMark, mark).event : -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (CourantJourneyView       *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  set_pointer (self, x, y);
}

static void
leave_cb (CourantJourneyView       *self,
          GtkEventControllerMotion *controller)
{
  set_pointer (self, -1, -1);
}

static gboolean
scroll_cb (CourantJourneyView       *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  if (dy == 0 || self->journey == NULL)
    return FALSE;
  courant_journey_view_zoom (self, pow (1.2, -dy), self->pointer_x >= 0 ? self->pointer_x
                                                   : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0);
  return TRUE;
}

/* A click on a mark gives it the focus; a double click shows everything. */
static void
pressed_cb (CourantJourneyView *self,
            int                 n_press,
            double              x,
            double              y,
            GtkGestureClick    *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    courant_journey_view_reset (self);
  else if (self->scene != NULL)
    {
      int mark = courant_journey_scene_pick (self->scene, x, y);

      courant_journey_view_set_focus (self, mark >= 0 ? (int) g_array_index (self->scene->marks,
                                                                             CourantJourneyMark, mark).event
                                                      : -1);
    }
}

static void
drag_begin_cb (CourantJourneyView *self,
               double              x,
               double              y,
               GtkGestureDrag     *gesture)
{
  self->drag_t0 = self->t0;
  self->drag_t1 = self->t1;
}

static void
drag_update_cb (CourantJourneyView *self,
                double              dx,
                double              dy,
                GtkGestureDrag     *gesture)
{
  double plot_x, plot_width;
  gint64 shift;

  plot_extent (self, &plot_x, &plot_width);
  shift = (gint64) (-dx * (self->drag_t1 - self->drag_t0) / plot_width);
  courant_journey_view_set_window (self, self->drag_t0 + shift, self->drag_t1 + shift);
}

/* Kinds of events keep their look from one customer to the next. */
static void
register_styles (CourantJourneyView *self)
{
  for (guint i = 0; i < self->journey->event_names->len; i++)
    {
      const char *name = g_ptr_array_index (self->journey->event_names, i);

      if (!g_hash_table_contains (self->styles, name))
        g_hash_table_insert (self->styles, g_strdup (name),
                             GUINT_TO_POINTER (g_hash_table_size (self->styles) + 1));
    }
}

/* The journey's range with a margin, so that no mark sits on the edge. */
static void
compute_range (CourantJourneyView *self)
{
  self->lo = self->hi = self->t0 = self->t1 = 0;
  if (self->journey != NULL && !courant_journey_get_window (self->journey, &self->lo, &self->hi))
    self->lo = self->hi = 0;
}

void
courant_journey_view_set_journey (CourantJourneyView *self,
                                  CourantJourney     *journey)
{
  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));

  clear_scene (self);
  g_clear_pointer (&self->journey, courant_journey_free);
  self->journey = journey;
  self->focus = self->hover = -1;
  if (journey != NULL)
    register_styles (self);
  compute_range (self);
  courant_journey_view_reset (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Events take their colours from @palette, the map of the table's Sankey,
 * so that an event has the same colour in both. */
void
courant_journey_view_set_palette (CourantJourneyView *self,
                                  CourantPaletteMap  *palette)
{
  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));
  g_return_if_fail (palette != NULL);

  if (palette == self->palette)
    return;
  courant_palette_map_ref (palette);
  courant_palette_map_unref (self->palette);
  self->palette = palette;
  invalidate (self);
}

void
courant_journey_view_set_time_zone (CourantJourneyView *self,
                                    GTimeZone          *tz)
{
  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));
  g_return_if_fail (tz != NULL);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_ref (tz);
  invalidate (self);
}

void
courant_journey_view_set_dark (CourantJourneyView *self,
                               gboolean            dark)
{
  g_return_if_fail (COURANT_IS_JOURNEY_VIEW (self));

  if (self->dark == !!dark)
    return;
  self->dark = !!dark;
  invalidate (self);
}

static void
courant_journey_view_dispose (GObject *object)
{
  CourantJourneyView *self = COURANT_JOURNEY_VIEW (object);

  clear_scene (self);
  g_clear_pointer (&self->journey, courant_journey_free);
  G_OBJECT_CLASS (courant_journey_view_parent_class)->dispose (object);
}

static void
courant_journey_view_finalize (GObject *object)
{
  CourantJourneyView *self = COURANT_JOURNEY_VIEW (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->styles, g_hash_table_unref);
  g_clear_pointer (&self->palette, courant_palette_map_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (courant_journey_view_parent_class)->finalize (object);
}

static void
courant_journey_view_class_init (CourantJourneyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_journey_view_dispose;
  object_class->finalize = courant_journey_view_finalize;
  widget_class->snapshot = courant_journey_view_snapshot;
  widget_class->size_allocate = courant_journey_view_size_allocate;
  widget_class->measure = courant_journey_view_measure;
  gtk_widget_class_set_css_name (widget_class, "journey");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (CourantJourneyView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_object (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-update", G_CALLBACK (drag_update_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

static void
courant_journey_view_init (CourantJourneyView *self)
{
  self->tz = g_time_zone_ref (courant_time_zone_get_default ());
  self->styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Until the page gives it the table's, a map of its own keeps colours
   * from one customer to the next. */
  self->palette = courant_palette_map_new ();
  self->context = courant_text_create_context ();
  self->focus = self->hover = -1;
  self->pointer_x = self->pointer_y = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  add_controllers (self);
}

GtkWidget *
courant_journey_view_new (void)
{
  return g_object_new (COURANT_TYPE_JOURNEY_VIEW, NULL);
}
