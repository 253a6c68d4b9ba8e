/* courant-thermo-view.c: the interactive thermosensitivity chart
 *
 * The scene and its rendering are cached until the data, the size or the
 * theme change; the hovered or focused point is drawn over them with a
 * box of its day, temperature and consumption. The keyboard steps through
 * the points in date order (Left and Right a period, Page Up and Page Down
 * a week or a day of hours, Home and End), and screen readers get the
 * model's figures and the focused point as the description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "courant-format.h"
#include "courant-text.h"
#include "courant-thermo-render.h"
#include "courant-thermo-view.h"

struct _CourantThermoView
{
  GtkWidget            parent_instance;

  CourantThermo       *thermo;
  gint64              *starts;
  char                *unit;
  gboolean             hourly;
  GTimeZone           *tz;
  gboolean             dark;

  PangoContext        *context;
  CourantThermoScene  *scene;
  GskRenderNode       *base_node;

  int                  focus;   /* point, or -1 */
  int                  hover;   /* point, or -1 */
};

G_DEFINE_FINAL_TYPE (CourantThermoView, courant_thermo_view, GTK_TYPE_WIDGET)

static const CourantTheme *
get_theme (CourantThermoView *self)
{
  return courant_theme_get (self->dark);
}

static void
clear_scene (CourantThermoView *self)
{
  g_clear_pointer (&self->scene, courant_thermo_scene_free);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
}

static void
invalidate (CourantThermoView *self)
{
  clear_scene (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_scene (CourantThermoView *self)
{
  CourantThermoOptions options = { 0 };

  if (self->scene != NULL || self->thermo == NULL)
    return;
  options.temperatures = self->thermo->temperatures;
  options.values = self->thermo->values;
  options.times = self->starts;
  options.n = self->thermo->n;
  options.model = self->thermo;
  options.unit = self->unit;
  options.hourly = self->hourly;
  options.tz = self->tz;
  options.width = MAX (16, gtk_widget_get_width (GTK_WIDGET (self)));
  options.height = MAX (16, gtk_widget_get_height (GTK_WIDGET (self)));
  self->scene = courant_thermo_scene_new (&options, self->context, get_theme (self));
}

static void
update_accessible (CourantThermoView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *model = NULL;
  g_autofree char *description = NULL;

  if (self->thermo == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  label = g_strdup_printf (self->hourly
                           ? g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the accessible name of the thermosensitivity chart. */
                                          "Consumption against temperature: %u hour",
                                          "Consumption against temperature: %u hours",
                                          (gulong) self->thermo->n)
                           : g_dngettext (GETTEXT_PACKAGE,
                                          "Consumption against temperature: %u day",
                                          "Consumption against temperature: %u days",
                                          (gulong) self->thermo->n),
                           (guint) self->thermo->n);
  {
    g_autoptr(GPtrArray) figures = courant_thermo_model_figures (self->thermo, self->unit);

    g_ptr_array_add (figures, NULL);
    model = g_strjoinv (" · ", (char **) figures->pdata);
  }
  if (self->focus >= 0)
    {
      g_autofree char *point = NULL;

      ensure_scene (self);
      point = self->scene != NULL ? courant_thermo_scene_dup_point_text (self->scene, self->focus) : NULL;
      description = g_strdup_printf ("%s. %s", point != NULL ? point : "", model);
    }
  else
    description = g_strdup_printf ("%s. %s", model, _("The arrows step through the points by date."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static GskRenderNode *
draw_node (CourantThermoView *self)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->scene->width,
                                                                          self->scene->height));

  courant_thermo_render (cr, self->scene, get_theme (self));
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static int
tooltip_point (CourantThermoView *self)
{
  return self->hover >= 0 ? self->hover : self->focus;
}

/* The point's text in a box beside it, kept inside the widget. */
static void
draw_tooltip (CourantThermoView *self,
              cairo_t           *cr,
              int                point)
{
  const CourantTheme *theme = get_theme (self);
  const CourantThermoPoint *p = &self->scene->points[point];
  g_autofree char *text = courant_thermo_scene_dup_point_text (self->scene, point);
  double pad = courant_theme_px (theme, 6), width, height, x, y;

  courant_text_measure (self->context, theme, COURANT_TEXT_LABEL, text, &width, &height);
  width += 2 * pad;
  height += 2 * pad;
  x = p->x + 2 * pad;
  if (x + width > self->scene->width)
    x = p->x - 2 * pad - width;
  y = CLAMP (p->y - height - pad, 0, MAX (0, self->scene->height - height));
  courant_rgba_set_source (cr, &theme->background);
  cairo_rectangle (cr, MAX (0, x), y, width, height);
  cairo_fill_preserve (cr);
  courant_rgba_set_source (cr, &theme->axis);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  courant_rgba_set_source (cr, &theme->foreground);
  courant_text_draw (cr, theme, COURANT_TEXT_LABEL, text, MAX (0, x) + pad, y + pad, 0, 0, 0);
}

static void
courant_thermo_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CourantThermoView *self = COURANT_THERMO_VIEW (widget);
  int point;
  cairo_t *cr;

  ensure_scene (self);
  if (self->scene == NULL)
    return;
  if (self->base_node == NULL)
    self->base_node = draw_node (self);
  gtk_snapshot_append_node (snapshot, self->base_node);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->scene->width, self->scene->height));
  /* The keyboard's focus on the chart, before an arrow picks a point. */
  if (gtk_widget_has_visible_focus (widget) && self->focus < 0)
    {
      courant_rgba_set_source (cr, &get_theme (self)->crosshair);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, self->scene->plot_x - 1, self->scene->plot_y - 1, self->scene->plot_width + 2,
                       self->scene->plot_height + 2);
      cairo_stroke (cr);
    }
  point = tooltip_point (self);
  if (point >= 0 && (gsize) point < self->scene->n_points)
    {
      courant_thermo_render_highlight (cr, self->scene, point, get_theme (self));
      draw_tooltip (self, cr, point);
    }
  cairo_destroy (cr);
}

static void
courant_thermo_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CourantThermoView *self = COURANT_THERMO_VIEW (widget);

  if (self->scene != NULL && (self->scene->width != width || self->scene->height != height))
    clear_scene (self);
}

static void
courant_thermo_view_measure (GtkWidget      *widget,
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

int
courant_thermo_view_get_focus (CourantThermoView *self)
{
  g_return_val_if_fail (COURANT_IS_THERMO_VIEW (self), -1);

  return self->focus;
}

void
courant_thermo_view_set_focus (CourantThermoView *self,
                               int                point)
{
  g_return_if_fail (COURANT_IS_THERMO_VIEW (self));

  if (self->thermo == NULL || point < 0)
    point = -1;
  else
    point = MIN (point, (int) self->thermo->n - 1);
  if (point == self->focus)
    return;
  self->focus = point;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

char *
courant_thermo_view_dup_tooltip_text (CourantThermoView *self)
{
  int point;

  g_return_val_if_fail (COURANT_IS_THERMO_VIEW (self), NULL);

  ensure_scene (self);
  point = tooltip_point (self);
  if (self->scene == NULL || point < 0)
    return NULL;
  return courant_thermo_scene_dup_point_text (self->scene, point);
}

const CourantThermoScene *
courant_thermo_view_get_scene (CourantThermoView *self)
{
  g_return_val_if_fail (COURANT_IS_THERMO_VIEW (self), NULL);

  ensure_scene (self);
  return self->scene;
}

const CourantThermo *
courant_thermo_view_get_thermo (CourantThermoView *self)
{
  g_return_val_if_fail (COURANT_IS_THERMO_VIEW (self), NULL);

  return self->thermo;
}

/* A week of days, or a day of hours. */
static int
page_step (CourantThermoView *self)
{
  return self->hourly ? 24 : 7;
}

static gboolean
key_pressed_cb (CourantThermoView     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int n = self->thermo != NULL ? (int) self->thermo->n : 0;
  int step;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right: case GDK_KEY_KP_Right: case GDK_KEY_Up: case GDK_KEY_KP_Up:
      step = 1;
      break;
    case GDK_KEY_Left: case GDK_KEY_KP_Left: case GDK_KEY_Down: case GDK_KEY_KP_Down:
      step = -1;
      break;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
      step = page_step (self);
      break;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up:
      step = -page_step (self);
      break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      courant_thermo_view_set_focus (self, 0);
      return TRUE;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      courant_thermo_view_set_focus (self, n - 1);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->focus < 0)
        return FALSE;
      courant_thermo_view_set_focus (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
  /* The first press picks the first (or last) point. */
  if (self->focus < 0)
    courant_thermo_view_set_focus (self, step > 0 ? 0 : n - 1);
  else
    courant_thermo_view_set_focus (self, CLAMP (self->focus + step, 0, n - 1));
  return TRUE;
}

static void
set_hover (CourantThermoView *self,
           int                point)
{
  if (point == self->hover)
    return;
  self->hover = point;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (CourantThermoView        *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  ensure_scene (self);
  set_hover (self, self->scene != NULL ? courant_thermo_scene_pick (self->scene, x, y) : -1);
}

static void
leave_cb (CourantThermoView        *self,
          GtkEventControllerMotion *controller)
{
  set_hover (self, -1);
}

/* A click on a point gives it the focus; elsewhere it clears it. */
static void
pressed_cb (CourantThermoView *self,
            int                n_press,
            double             x,
            double             y,
            GtkGestureClick   *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  ensure_scene (self);
  if (self->scene != NULL)
    courant_thermo_view_set_focus (self, courant_thermo_scene_pick (self->scene, x, y));
}

void
courant_thermo_view_set_thermo (CourantThermoView *self,
                                CourantThermo     *thermo,
                                const gint64      *starts,
                                const char        *unit,
                                gboolean           hourly)
{
  g_return_if_fail (COURANT_IS_THERMO_VIEW (self));

  clear_scene (self);
  g_clear_pointer (&self->thermo, courant_thermo_free);
  g_clear_pointer (&self->starts, g_free);
  g_clear_pointer (&self->unit, g_free);
  self->thermo = thermo;
  if (thermo != NULL && starts != NULL)
    self->starts = g_memdup2 (starts, thermo->n * sizeof (gint64));
  self->unit = g_strdup (unit);
  self->hourly = hourly;
  self->focus = self->hover = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
courant_thermo_view_set_time_zone (CourantThermoView *self,
                                   GTimeZone         *tz)
{
  g_return_if_fail (COURANT_IS_THERMO_VIEW (self));
  g_return_if_fail (tz != NULL);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_ref (tz);
  invalidate (self);
}

void
courant_thermo_view_set_dark (CourantThermoView *self,
                              gboolean           dark)
{
  g_return_if_fail (COURANT_IS_THERMO_VIEW (self));

  if (self->dark == !!dark)
    return;
  self->dark = !!dark;
  invalidate (self);
}

static void
courant_thermo_view_dispose (GObject *object)
{
  CourantThermoView *self = COURANT_THERMO_VIEW (object);

  clear_scene (self);
  g_clear_pointer (&self->thermo, courant_thermo_free);
  g_clear_pointer (&self->starts, g_free);
  G_OBJECT_CLASS (courant_thermo_view_parent_class)->dispose (object);
}

static void
courant_thermo_view_finalize (GObject *object)
{
  CourantThermoView *self = COURANT_THERMO_VIEW (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->unit, g_free);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (courant_thermo_view_parent_class)->finalize (object);
}

static void
courant_thermo_view_class_init (CourantThermoViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_thermo_view_dispose;
  object_class->finalize = courant_thermo_view_finalize;
  widget_class->snapshot = courant_thermo_view_snapshot;
  widget_class->size_allocate = courant_thermo_view_size_allocate;
  widget_class->measure = courant_thermo_view_measure;
  gtk_widget_class_set_css_name (widget_class, "thermo");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (CourantThermoView *self)
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

  gesture = gtk_gesture_click_new ();
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

static void
courant_thermo_view_init (CourantThermoView *self)
{
  self->tz = g_time_zone_ref (courant_time_zone_get_default ());
  self->context = courant_text_create_context ();
  self->focus = self->hover = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  add_controllers (self);
}

GtkWidget *
courant_thermo_view_new (void)
{
  return g_object_new (COURANT_TYPE_THERMO_VIEW, NULL);
}
