/* courant-heatmap-view.c: the heatmap widget
 *
 * The scene is drawn once into a render node kept until the grid, the size
 * or the theme change; the hovered and the focused cells are drawn over it
 * on every frame. The pointer shows a crosshair and a tooltip with the day,
 * the slot, the value and the number of readings; the keyboard moves a
 * focused cell (arrows, Home and End along a time of day, Page Up and Page
 * Down by a week) whose text screen readers get as the description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "courant-heatmap-render.h"
#include "courant-heatmap-view.h"
#include "courant-text.h"

struct _CourantHeatmapView
{
  GtkWidget            parent_instance;

  CourantHeatmap      *heatmap;
  char                *unit;
  gboolean             dark;

  PangoContext        *context;
  CourantHeatmapScene *scene;
  GskRenderNode       *base_node;

  gboolean             has_focus_cell;
  guint                focus_row;
  guint                focus_slot;
  double               pointer_x;   /* < 0: outside */
  double               pointer_y;
};

G_DEFINE_FINAL_TYPE (CourantHeatmapView, courant_heatmap_view, GTK_TYPE_WIDGET)

static const CourantTheme *
get_theme (CourantHeatmapView *self)
{
  return courant_theme_get (self->dark);
}

static void
clear_scene (CourantHeatmapView *self)
{
  g_clear_pointer (&self->scene, courant_heatmap_scene_free);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
}

static void
invalidate (CourantHeatmapView *self)
{
  clear_scene (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_scene (CourantHeatmapView *self)
{
  CourantHeatmapOptions options = { 0 };

  if (self->scene != NULL || self->heatmap == NULL)
    return;
  options.width = MAX (16, gtk_widget_get_width (GTK_WIDGET (self)));
  options.height = MAX (16, gtk_widget_get_height (GTK_WIDGET (self)));
  options.unit = self->unit;
  self->scene = courant_heatmap_scene_new (self->heatmap, &options, self->context, get_theme (self));
}

static void
update_accessible (CourantHeatmapView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->heatmap == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  label = self->heatmap->is_profile
          /* Translators: the accessible name of a heatmap; %u is minutes. */
          ? g_strdup_printf (_("Weekday profile by slots of %u minutes"), self->heatmap->slot_minutes)
          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the accessible name of a heatmap. */
                                          "Heatmap of %u day by slots of %u minutes",
                                          "Heatmap of %u days by slots of %u minutes",
                                          self->heatmap->n_rows),
                             self->heatmap->n_rows, self->heatmap->slot_minutes);
  ensure_scene (self);
  if (self->has_focus_cell && self->scene != NULL)
    description = courant_heatmap_scene_describe (self->scene, self->focus_row, self->focus_slot);
  else
    description = g_strdup (_("The arrows move between cells, Page Up and Page Down by a week, "
                              "Home and End to the first and last day."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static GskRenderNode *
draw_node (CourantHeatmapView *self)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->scene->width,
                                                                          self->scene->height));

  courant_heatmap_render (cr, self->scene, get_theme (self));
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static gboolean
hovered_cell (CourantHeatmapView *self,
              guint              *row,
              guint              *slot)
{
  return self->scene != NULL && self->pointer_x >= 0 &&
         courant_heatmap_scene_pick (self->scene, self->pointer_x, self->pointer_y, row, slot);
}

/* Thin lines along the hovered cell's day and time of day. */
static void
draw_crosshair (CourantHeatmapView *self,
                cairo_t            *cr,
                guint               row,
                guint               slot)
{
  const CourantHeatmapScene *scene = self->scene;
  cairo_rectangle_t rect;

  courant_heatmap_scene_cell_rect (scene, row, slot, &rect);
  courant_rgba_set_source (cr, &get_theme (self)->crosshair);
  cairo_rectangle (cr, rect.x + rect.width / 2 - 0.5, scene->plot_y, 1, scene->plot_height);
  cairo_rectangle (cr, scene->plot_x, rect.y + rect.height / 2 - 0.5, scene->plot_width, 1);
  cairo_fill (cr);
}

static void
courant_heatmap_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CourantHeatmapView *self = COURANT_HEATMAP_VIEW (widget);
  const CourantTheme *theme = get_theme (self);
  guint row, slot;
  cairo_t *cr;

  ensure_scene (self);
  if (self->scene == NULL)
    return;
  if (self->base_node == NULL)
    self->base_node = draw_node (self);
  gtk_snapshot_append_node (snapshot, self->base_node);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->scene->width, self->scene->height));
  if (hovered_cell (self, &row, &slot))
    {
      draw_crosshair (self, cr, row, slot);
      courant_heatmap_render_outline (cr, self->scene, row, slot, theme);
    }
  if (gtk_widget_has_visible_focus (widget) && self->has_focus_cell &&
      self->focus_row < self->scene->n_rows && self->focus_slot < self->scene->n_slots)
    courant_heatmap_render_outline (cr, self->scene, self->focus_row, self->focus_slot, theme);
  cairo_destroy (cr);
}

static void
courant_heatmap_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  CourantHeatmapView *self = COURANT_HEATMAP_VIEW (widget);

  if (self->scene != NULL && (self->scene->width != width || self->scene->height != height))
    clear_scene (self);
}

static void
courant_heatmap_view_measure (GtkWidget      *widget,
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

static gboolean
courant_heatmap_view_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard_mode,
                                    GtkTooltip *tooltip)
{
  CourantHeatmapView *self = COURANT_HEATMAP_VIEW (widget);
  g_autofree char *text = NULL;
  guint row, slot;

  ensure_scene (self);
  if (self->scene == NULL)
    return FALSE;
  if (keyboard_mode)
    {
      if (!self->has_focus_cell)
        return FALSE;
      row = self->focus_row;
      slot = self->focus_slot;
    }
  else if (!courant_heatmap_scene_pick (self->scene, x, y, &row, &slot))
    return FALSE;

  /* No tip area: GTK 4.8 then keeps asking as the pointer moves, so the
   * text follows the cell under it. */
  text = courant_heatmap_scene_describe (self->scene, row, slot);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
courant_heatmap_view_set_focus (CourantHeatmapView *self,
                                guint               row,
                                guint               slot)
{
  g_return_if_fail (COURANT_IS_HEATMAP_VIEW (self));

  if (self->heatmap == NULL || self->heatmap->n_rows == 0)
    return;
  self->has_focus_cell = TRUE;
  self->focus_row = MIN (row, self->heatmap->n_rows - 1);
  self->focus_slot = MIN (slot, self->heatmap->n_slots - 1);
  update_accessible (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
courant_heatmap_view_get_focus (CourantHeatmapView *self,
                                guint              *row,
                                guint              *slot)
{
  g_return_val_if_fail (COURANT_IS_HEATMAP_VIEW (self), FALSE);

  if (row != NULL)
    *row = self->focus_row;
  if (slot != NULL)
    *slot = self->focus_slot;
  return self->has_focus_cell;
}

/* The focus moves by @drow days and @dslot slots, staying on the grid. */
static void
move_focus (CourantHeatmapView *self,
            int                 drow,
            int                 dslot)
{
  gint64 row = self->has_focus_cell ? (gint64) self->focus_row + drow : 0;
  gint64 slot = self->has_focus_cell ? (gint64) self->focus_slot + dslot : 0;

  courant_heatmap_view_set_focus (self, (guint) CLAMP (row, 0, (gint64) self->heatmap->n_rows - 1),
                                  (guint) CLAMP (slot, 0, (gint64) self->heatmap->n_slots - 1));
}

static gboolean
key_pressed_cb (CourantHeatmapView    *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (self->heatmap == NULL || self->heatmap->n_rows == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_focus (self, -1, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_focus (self, 1, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_focus (self, 0, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_focus (self, 0, 1);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_focus (self, -7, 0);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_focus (self, 7, 0);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_focus (self, -(int) self->heatmap->n_rows, (state & GDK_CONTROL_MASK) ? -(int) self->heatmap->n_slots : 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_focus (self, (int) self->heatmap->n_rows, (state & GDK_CONTROL_MASK) ? (int) self->heatmap->n_slots : 0);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
motion_cb (CourantHeatmapView       *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (CourantHeatmapView       *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_x = self->pointer_y = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A click gives the cell under the pointer the focus. */
static void
pressed_cb (CourantHeatmapView *self,
            int                 n_press,
            double              x,
            double              y,
            GtkGestureClick    *gesture)
{
  guint row, slot;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->scene != NULL && courant_heatmap_scene_pick (self->scene, x, y, &row, &slot))
    courant_heatmap_view_set_focus (self, row, slot);
}

char *
courant_heatmap_view_dup_tooltip_text (CourantHeatmapView *self)
{
  guint row, slot;

  g_return_val_if_fail (COURANT_IS_HEATMAP_VIEW (self), NULL);

  ensure_scene (self);
  if (self->scene == NULL)
    return NULL;
  if (!hovered_cell (self, &row, &slot))
    {
      if (!self->has_focus_cell)
        return NULL;
      row = self->focus_row;
      slot = self->focus_slot;
    }
  return courant_heatmap_scene_describe (self->scene, row, slot);
}

const CourantHeatmapScene *
courant_heatmap_view_get_scene (CourantHeatmapView *self)
{
  g_return_val_if_fail (COURANT_IS_HEATMAP_VIEW (self), NULL);

  return self->scene;
}

void
courant_heatmap_view_set_heatmap (CourantHeatmapView *self,
                                  CourantHeatmap     *heatmap,
                                  const char         *unit)
{
  g_return_if_fail (COURANT_IS_HEATMAP_VIEW (self));

  clear_scene (self);
  g_clear_pointer (&self->heatmap, courant_heatmap_free);
  g_free (self->unit);
  self->heatmap = heatmap;
  self->unit = g_strdup (unit);
  /* The focus stays on the same cell when the grid keeps its shape (another
   * function, another series); it is dropped otherwise. */
  if (heatmap == NULL || self->focus_row >= heatmap->n_rows || self->focus_slot >= heatmap->n_slots)
    self->has_focus_cell = FALSE;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const CourantHeatmap *
courant_heatmap_view_get_heatmap (CourantHeatmapView *self)
{
  g_return_val_if_fail (COURANT_IS_HEATMAP_VIEW (self), NULL);

  return self->heatmap;
}

void
courant_heatmap_view_set_dark (CourantHeatmapView *self,
                               gboolean            dark)
{
  g_return_if_fail (COURANT_IS_HEATMAP_VIEW (self));

  if (self->dark == !!dark)
    return;
  self->dark = !!dark;
  invalidate (self);
}

static void
courant_heatmap_view_dispose (GObject *object)
{
  CourantHeatmapView *self = COURANT_HEATMAP_VIEW (object);

  clear_scene (self);
  g_clear_pointer (&self->heatmap, courant_heatmap_free);
  G_OBJECT_CLASS (courant_heatmap_view_parent_class)->dispose (object);
}

static void
courant_heatmap_view_finalize (GObject *object)
{
  CourantHeatmapView *self = COURANT_HEATMAP_VIEW (object);

  g_free (self->unit);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (courant_heatmap_view_parent_class)->finalize (object);
}

static void
courant_heatmap_view_class_init (CourantHeatmapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_heatmap_view_dispose;
  object_class->finalize = courant_heatmap_view_finalize;
  widget_class->snapshot = courant_heatmap_view_snapshot;
  widget_class->size_allocate = courant_heatmap_view_size_allocate;
  widget_class->measure = courant_heatmap_view_measure;
  widget_class->query_tooltip = courant_heatmap_view_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (CourantHeatmapView *self)
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
courant_heatmap_view_init (CourantHeatmapView *self)
{
  self->context = courant_text_create_context ();
  self->pointer_x = self->pointer_y = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  add_controllers (self);
}

GtkWidget *
courant_heatmap_view_new (void)
{
  return g_object_new (COURANT_TYPE_HEATMAP_VIEW, NULL);
}
