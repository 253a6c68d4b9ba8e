/* courant-timeline-view.c: the interactive series timeline
 *
 * The widget owns a scene for the visible window and one for the overview
 * strip below it (the whole range). Their drawings are kept as render
 * nodes until the data, the window, the size or the theme change; the
 * crosshair, the selection and the overview's window are drawn on top at
 * every frame. Zooming recomputes the M4 columns from the pyramids, well
 * under a millisecond for a zoomed window, so it runs on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "courant-format.h"
#include "courant-text.h"
#include "courant-timeline-render.h"
#include "courant-timeline-view.h"

#define OVERVIEW_HEIGHT 48     /* px */
#define OVERVIEW_GAP     6
#define MIN_SPAN_MS      60000 /* a minute across the plot */
#define ZOOM_STEP        1.5
#define PAN_STEP         0.1   /* of the window */
#define EDGE_GRAB        5     /* px either side of the overview window's edges */
/* How long the window must stay put before window-changed is emitted: long
 * enough to let a scroll or a drag finish, short enough to feel immediate. */
#define SETTLE_MS        250

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_SELECT,
  DRAG_OVERVIEW,
  DRAG_OVERVIEW_START,  /* resizing the overview's window by an edge */
  DRAG_OVERVIEW_END,
  DRAG_MARK,            /* marking a range to annotate */
} DragMode;

struct _CourantTimelineView
{
  GtkWidget              parent_instance;

  GArray                *specs;          /* CourantTimelineSeriesSpec, names owned */
  GTimeZone             *tz;
  gboolean               dark;
  gboolean               align_zeros;
  gint64                 lo;             /* the data's range [lo, hi) */
  gint64                 hi;
  gint64                 t0;
  gint64                 t1;

  PangoContext          *context;
  CourantTimelineScene  *scene;
  CourantTimelineScene  *overview;
  GskRenderNode         *base_node;
  GskRenderNode         *overview_node;

  double                 crosshair_x;    /* < 0: none */
  DragMode               drag;
  double                 drag_x;
  gint64                 drag_t0;
  gint64                 drag_t1;
  double                 drag_dx;

  GArray                *annotations;    /* CourantTimelineAnnotationSpec, labels owned */
  /* A marked range [mark_t0, mark_t1], for an annotation. */
  gboolean               has_mark;
  gint64                 mark_t0;
  gint64                 mark_t1;
  GtkWidget             *menu;

  /* The window moved since window-changed was last emitted. */
  gboolean               window_moved;
  guint                  settle_id;
};

G_DEFINE_FINAL_TYPE (CourantTimelineView, courant_timeline_view, GTK_TYPE_WIDGET)

enum
{
  WINDOW_CHANGED,
  ANNOTATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const CourantTheme *
get_theme (CourantTimelineView *self)
{
  return courant_theme_get (self->dark);
}

static void
clear_scenes (CourantTimelineView *self)
{
  g_clear_pointer (&self->scene, courant_timeline_scene_free);
  g_clear_pointer (&self->overview, courant_timeline_scene_free);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  g_clear_pointer (&self->overview_node, gsk_render_node_unref);
}

static gboolean
has_overview (CourantTimelineView *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self)) > 4 * OVERVIEW_HEIGHT;
}

static double
main_height (CourantTimelineView *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  return has_overview (self) ? height - OVERVIEW_HEIGHT - OVERVIEW_GAP : height;
}

static void
update_description (CourantTimelineView *self)
{
  g_autofree char *from = courant_format_date_time (self->t0, self->tz);
  g_autofree char *to = courant_format_date_time (self->t1, self->tz);
  /* Translators: the accessible description of a timeline. */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Timeline of %u series, from %s to %s",
                                                     "Timeline of %u series, from %s to %s",
                                                     self->specs->len),
                                           self->specs->len, from, to);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static gboolean
settle_cb (gpointer user_data)
{
  CourantTimelineView *self = user_data;

  self->settle_id = 0;
  /* The end of the drag emits it. */
  if (self->drag != DRAG_NONE)
    return G_SOURCE_REMOVE;
  self->window_moved = FALSE;
  g_signal_emit (self, signals[WINDOW_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Emits window-changed once the window or the width has stayed put for a
 * moment: a scroll gives many small zooms, and only the last one counts. */
static void
schedule_settle (CourantTimelineView *self)
{
  self->window_moved = TRUE;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

static void
update_annotate_action (CourantTimelineView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.annotate",
                                 self->has_mark || self->crosshair_x >= 0);
}

/* A new window, data or size: the scenes are made again at the next frame. */
static void
invalidate (CourantTimelineView *self)
{
  clear_scenes (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static CourantTimelineScene *
make_scene (CourantTimelineView *self,
            gint64               t0,
            gint64               t1,
            double               height,
            gboolean             compact)
{
  CourantTimelineOptions options = { 0 };

  options.t0 = t0;
  options.t1 = t1;
  options.tz = self->tz;
  options.width = MAX (16, gtk_widget_get_width (GTK_WIDGET (self)));
  options.height = MAX (16, height);
  options.scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  options.align_zeros = self->align_zeros;
  options.compact = compact;
  options.annotations = (const CourantTimelineAnnotationSpec *) self->annotations->data;
  options.n_annotations = self->annotations->len;
  return courant_timeline_scene_new ((CourantTimelineSeriesSpec *) self->specs->data, self->specs->len,
                                     &options, self->context, get_theme (self));
}

static void
ensure_scenes (CourantTimelineView *self)
{
  if (self->scene == NULL && self->t0 < self->t1)
    self->scene = make_scene (self, self->t0, self->t1, main_height (self), FALSE);
  if (self->overview == NULL && self->lo < self->hi && has_overview (self))
    self->overview = make_scene (self, self->lo, self->hi, OVERVIEW_HEIGHT, TRUE);
}

static GskRenderNode *
draw_node (const CourantTimelineScene *scene,
           const CourantTheme         *theme,
           gboolean                    compact)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, scene->width, scene->height));

  if (compact)
    {
      courant_rgba_set_source (cr, &theme->grid);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, scene->plot_x + 0.5, 0.5, scene->plot_width - 1, scene->height - 1);
      cairo_stroke (cr);
      courant_timeline_render_series (cr, scene, theme);
    }
  else
    courant_timeline_render (cr, scene, theme);
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* The marked range: the selection's tint between two solid rules. */
static void
snapshot_mark (CourantTimelineView *self,
               cairo_t             *cr,
               const CourantTheme  *theme)
{
  const CourantTimelineScene *scene = self->scene;
  double x0 = CLAMP (courant_timeline_scene_time_to_x (scene, self->mark_t0), scene->plot_x,
                     scene->plot_x + scene->plot_width);
  double x1 = CLAMP (courant_timeline_scene_time_to_x (scene, self->mark_t1), scene->plot_x,
                     scene->plot_x + scene->plot_width);

  courant_rgba_set_source (cr, &theme->selection);
  cairo_rectangle (cr, x0, scene->plot_y, MAX (1, x1 - x0), scene->plot_height);
  cairo_fill (cr);
  courant_rgba_set_source (cr, &theme->crosshair);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x0) + 0.5, scene->plot_y);
  cairo_line_to (cr, round (x0) + 0.5, scene->plot_y + scene->plot_height);
  cairo_move_to (cr, round (x1) - 0.5, scene->plot_y);
  cairo_line_to (cr, round (x1) - 0.5, scene->plot_y + scene->plot_height);
  cairo_stroke (cr);
}

static void
snapshot_overlay (CourantTimelineView *self,
                  GtkSnapshot         *snapshot)
{
  const CourantTheme *theme = get_theme (self);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->scene->width,
                                                                          self->scene->height));

  if (self->drag == DRAG_SELECT || self->drag == DRAG_MARK)
    {
      double x = MIN (self->drag_x, self->drag_x + self->drag_dx);

      courant_rgba_set_source (cr, &theme->selection);
      cairo_rectangle (cr, x, self->scene->plot_y, fabs (self->drag_dx), self->scene->plot_height);
      cairo_fill (cr);
    }
  else if (self->has_mark)
    snapshot_mark (self, cr, theme);
  if (self->crosshair_x >= 0)
    {
      g_auto(CourantTimelinePick) pick = { 0 };

      if (courant_timeline_scene_pick (self->scene, self->crosshair_x, &pick))
        courant_timeline_render_pick (cr, self->scene, &pick, theme);
    }
  cairo_destroy (cr);
}

/* The visible window on the overview strip. */
static void
snapshot_overview_window (CourantTimelineView *self,
                          GtkSnapshot         *snapshot)
{
  const CourantTheme *theme = get_theme (self);
  double x0 = courant_timeline_scene_time_to_x (self->overview, self->t0);
  double x1 = courant_timeline_scene_time_to_x (self->overview, self->t1);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->overview->width,
                                                                          self->overview->height));

  courant_rgba_set_source (cr, &theme->selection);
  cairo_rectangle (cr, x0, 0, MAX (2, x1 - x0), self->overview->height);
  cairo_fill_preserve (cr);
  courant_rgba_set_source (cr, &theme->crosshair);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  /* Grips on both edges say that they can be dragged. */
  if (x1 - x0 >= 3 * EDGE_GRAB)
    {
      double mid = self->overview->height / 2;

      cairo_rectangle (cr, x0 - 1.5, mid - 8, 3, 16);
      cairo_rectangle (cr, x1 - 1.5, mid - 8, 3, 16);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
courant_timeline_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  CourantTimelineView *self = COURANT_TIMELINE_VIEW (widget);

  ensure_scenes (self);
  if (self->scene == NULL)
    return;
  if (self->base_node == NULL)
    self->base_node = draw_node (self->scene, get_theme (self), FALSE);
  gtk_snapshot_append_node (snapshot, self->base_node);
  snapshot_overlay (self, snapshot);

  if (self->overview == NULL)
    return;
  if (self->overview_node == NULL)
    self->overview_node = draw_node (self->overview, get_theme (self), TRUE);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, main_height (self) + OVERVIEW_GAP));
  gtk_snapshot_append_node (snapshot, self->overview_node);
  snapshot_overview_window (self, snapshot);
  gtk_snapshot_restore (snapshot);
}

static void
courant_timeline_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  CourantTimelineView *self = COURANT_TIMELINE_VIEW (widget);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
  if (self->scene != NULL && self->scene->width != width)
    schedule_settle (self);
  if (self->scene == NULL || self->scene->width != width || self->scene->height != main_height (self))
    clear_scenes (self);
}

static void
courant_timeline_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 400;
}

void
courant_timeline_view_set_window (CourantTimelineView *self,
                                  gint64               t0,
                                  gint64               t1)
{
  gint64 span;

  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));

  if (self->lo >= self->hi)
    return;
  span = CLAMP (t1 - t0, MIN (MIN_SPAN_MS, self->hi - self->lo), self->hi - self->lo);
  t0 = CLAMP (t0, self->lo, self->hi - span);
  if (t0 == self->t0 && t0 + span == self->t1)
    return;
  self->t0 = t0;
  self->t1 = t0 + span;
  g_clear_pointer (&self->scene, courant_timeline_scene_free);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  update_description (self);
  schedule_settle (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
courant_timeline_view_get_window (CourantTimelineView *self,
                                  gint64              *t0,
                                  gint64              *t1)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));

  if (t0 != NULL)
    *t0 = self->t0;
  if (t1 != NULL)
    *t1 = self->t1;
}

void
courant_timeline_view_reset (CourantTimelineView *self)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));

  courant_timeline_view_set_window (self, self->lo, self->hi);
}

/* The plot's horizontal extent, from the scene or, before the first frame,
 * the whole width. */
static void
plot_extent (CourantTimelineView *self,
             double              *x,
             double              *width)
{
  ensure_scenes (self);
  *x = self->scene != NULL ? self->scene->plot_x : 0;
  *width = self->scene != NULL ? self->scene->plot_width : MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
}

void
courant_timeline_view_zoom (CourantTimelineView *self,
                            double               factor,
                            double               x)
{
  double plot_x, plot_width, at;
  gint64 span, anchor;

  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));
  g_return_if_fail (factor > 0);

  plot_extent (self, &plot_x, &plot_width);
  at = CLAMP ((x - plot_x) / plot_width, 0, 1);
  anchor = self->t0 + (gint64) (at * (self->t1 - self->t0));
  span = (gint64) ((self->t1 - self->t0) / factor);
  courant_timeline_view_set_window (self, anchor - (gint64) (at * span), anchor - (gint64) (at * span) + span);
}

void
courant_timeline_view_pan (CourantTimelineView *self,
                           double               dx)
{
  double plot_x, plot_width;
  gint64 shift;

  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));

  plot_extent (self, &plot_x, &plot_width);
  shift = (gint64) (dx * (self->t1 - self->t0) / plot_width);
  courant_timeline_view_set_window (self, self->t0 + shift, self->t1 + shift);
}

void
courant_timeline_view_set_crosshair (CourantTimelineView *self,
                                     double               x)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));

  if (self->crosshair_x == x)
    return;
  self->crosshair_x = x;
  update_annotate_action (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
courant_timeline_view_get_pick (CourantTimelineView *self,
                                CourantTimelinePick *pick)
{
  g_return_val_if_fail (COURANT_IS_TIMELINE_VIEW (self), FALSE);
  g_return_val_if_fail (pick != NULL, FALSE);

  pick->values = NULL;
  ensure_scenes (self);
  if (self->scene == NULL || self->crosshair_x < 0)
    return FALSE;
  return courant_timeline_scene_pick (self->scene, self->crosshair_x, pick);
}

const CourantTimelineScene *
courant_timeline_view_get_scene (CourantTimelineView *self)
{
  g_return_val_if_fail (COURANT_IS_TIMELINE_VIEW (self), NULL);

  ensure_scenes (self);
  return self->scene;
}

const CourantTimelineScene *
courant_timeline_view_get_overview (CourantTimelineView *self,
                                    double              *y)
{
  g_return_val_if_fail (COURANT_IS_TIMELINE_VIEW (self), NULL);

  ensure_scenes (self);
  if (y != NULL)
    *y = main_height (self) + OVERVIEW_GAP;
  return self->overview;
}

static void
clear_annotation_spec (gpointer data)
{
  CourantTimelineAnnotationSpec *spec = data;

  g_free ((char *) spec->label);
}

void
courant_timeline_view_set_annotations (CourantTimelineView                 *self,
                                       const CourantTimelineAnnotationSpec *annotations,
                                       guint                                n_annotations)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));
  g_return_if_fail (n_annotations == 0 || annotations != NULL);

  g_array_set_size (self->annotations, 0);
  for (guint i = 0; i < n_annotations; i++)
    {
      CourantTimelineAnnotationSpec spec = annotations[i];

      spec.label = g_strdup (spec.label);
      g_array_append_val (self->annotations, spec);
    }
  g_clear_pointer (&self->scene, courant_timeline_scene_free);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
courant_timeline_view_set_mark (CourantTimelineView *self,
                                gint64               t0,
                                gint64               t1)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));
  g_return_if_fail (t0 <= t1);

  self->has_mark = TRUE;
  self->mark_t0 = t0;
  self->mark_t1 = t1;
  update_annotate_action (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
courant_timeline_view_clear_mark (CourantTimelineView *self)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));

  if (!self->has_mark)
    return;
  self->has_mark = FALSE;
  update_annotate_action (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
courant_timeline_view_get_mark (CourantTimelineView *self,
                                gint64              *t0,
                                gint64              *t1)
{
  g_return_val_if_fail (COURANT_IS_TIMELINE_VIEW (self), FALSE);

  if (t0 != NULL)
    *t0 = self->mark_t0;
  if (t1 != NULL)
    *t1 = self->mark_t1;
  return self->has_mark;
}

/* @t rounded as the zoom allows one to point: to the local day when a
 * pixel spans hours, to the hour or to the minute closer in, so that an
 * annotation reads "10 Jan" rather than "10 Jan 03:17:42.716". */
static gint64
round_to_zoom (CourantTimelineView *self,
               gint64               t)
{
  const gint64 minute = 60 * 1000, hour = 60 * minute;
  double per_px = (double) (self->t1 - self->t0) / MAX (1, self->scene->plot_width);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  gint64 unit;

  if (per_px < 2 * hour)
    {
      /* Local hours and minutes start on whole UTC ones in every zone of
       * a whole-hour offset; that covers the datasets here. */
      unit = per_px >= 10 * minute ? hour : minute;
      return (t + unit / 2) / unit * unit;
    }
  local = courant_date_time_new_from_ms (t + 12 * hour, self->tz);
  midnight = g_date_time_new (self->tz, g_date_time_get_year (local), g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), 0, 0, 0);
  return g_date_time_to_unix (midnight) * 1000;
}

/* The time under the crosshair; FALSE without one. */
static gboolean
crosshair_time (CourantTimelineView *self,
                gint64              *time_ms)
{
  ensure_scenes (self);
  if (self->scene == NULL || self->crosshair_x < 0)
    return FALSE;
  *time_ms = round_to_zoom (self, courant_timeline_scene_x_to_time (self->scene, self->crosshair_x));
  return TRUE;
}

/* Asks for an annotation of the marked range or, without one, of the
 * instant under the crosshair. */
static void
annotate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CourantTimelineView *self = COURANT_TIMELINE_VIEW (widget);
  gint64 t;

  if (self->has_mark)
    g_signal_emit (self, signals[ANNOTATE], 0, self->mark_t0, self->mark_t1);
  else if (crosshair_time (self, &t))
    g_signal_emit (self, signals[ANNOTATE], 0, t, t);
}

/* `[` and `]` mark the start and the end of a range at the crosshair. */
static void
mark_edge (CourantTimelineView *self,
           gboolean             start)
{
  gint64 t;

  if (!crosshair_time (self, &t))
    return;
  if (start && self->has_mark && t <= self->mark_t1)
    courant_timeline_view_set_mark (self, t, self->mark_t1);
  else if (!start && self->has_mark && t >= self->mark_t0)
    courant_timeline_view_set_mark (self, self->mark_t0, t);
  else
    courant_timeline_view_set_mark (self, t, t);
}

/* The context menu, pointing at (@x, @y). Without a marked range, it
 * marks the instant at @x: the pointer leaves the plot for the menu, and
 * takes the crosshair with it. */
static void
popup_menu (CourantTimelineView *self,
            double               x,
            double               y)
{
  ensure_scenes (self);
  if (self->scene == NULL)
    return;
  if (!self->has_mark || self->mark_t0 == self->mark_t1)
    {
      gint64 t = round_to_zoom (self, courant_timeline_scene_x_to_time (self->scene, x));

      courant_timeline_view_set_mark (self, t, t);
    }
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) model = g_menu_new ();

      g_menu_append (model, _("_Add Annotation…"), "timeline.annotate");
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (model));
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* The keyboard moves the crosshair one device pixel at a time, from the
 * middle of the plot. */
static void
move_crosshair (CourantTimelineView *self,
                int                  direction)
{
  double plot_x, plot_width, step;

  plot_extent (self, &plot_x, &plot_width);
  step = 1.0 / gtk_widget_get_scale_factor (GTK_WIDGET (self));
  if (self->crosshair_x < 0)
    courant_timeline_view_set_crosshair (self, plot_x + plot_width / 2);
  else
    courant_timeline_view_set_crosshair (self, CLAMP (self->crosshair_x + direction * step,
                                                      plot_x, plot_x + plot_width - step));
}

static gboolean
key_pressed_cb (CourantTimelineView *self,
                guint                keyval,
                guint                keycode,
                GdkModifierType      state,
                GtkEventControllerKey *controller)
{
  double plot_x, plot_width, centre;
  gint64 span = self->t1 - self->t0;

  plot_extent (self, &plot_x, &plot_width);
  centre = plot_x + plot_width / 2;
  switch (keyval)
    {
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      courant_timeline_view_zoom (self, ZOOM_STEP, centre);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      courant_timeline_view_zoom (self, 1 / ZOOM_STEP, centre);
      return TRUE;
    case GDK_KEY_0: case GDK_KEY_KP_0:
      courant_timeline_view_reset (self);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_Right:
      if (state & GDK_SHIFT_MASK)
        move_crosshair (self, keyval == GDK_KEY_Left ? -1 : 1);
      else
        courant_timeline_view_pan (self, (keyval == GDK_KEY_Left ? -PAN_STEP : PAN_STEP) * plot_width);
      return TRUE;
    case GDK_KEY_Home:
      courant_timeline_view_set_window (self, self->lo, self->lo + span);
      return TRUE;
    case GDK_KEY_End:
      courant_timeline_view_set_window (self, self->hi - span, self->hi);
      return TRUE;
    case GDK_KEY_Escape:
      courant_timeline_view_set_crosshair (self, -1);
      courant_timeline_view_clear_mark (self);
      return TRUE;
    case GDK_KEY_bracketleft: case GDK_KEY_bracketright:
      if (self->crosshair_x < 0)
        move_crosshair (self, 0);
      mark_edge (self, keyval == GDK_KEY_bracketleft);
      return TRUE;
    case GDK_KEY_F10:
      if (!(state & GDK_SHIFT_MASK))
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case GDK_KEY_Menu:
      if (self->crosshair_x < 0)
        move_crosshair (self, 0);
      popup_menu (self, self->crosshair_x, main_height (self) / 2);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Which edge of the visible window on the overview strip is at (@x, @y):
 * DRAG_OVERVIEW_START or _END, or DRAG_NONE. */
static DragMode
overview_edge_at (CourantTimelineView *self,
                  double               x,
                  double               y)
{
  double x0, x1;

  if (self->overview == NULL || y < main_height (self))
    return DRAG_NONE;
  x0 = courant_timeline_scene_time_to_x (self->overview, self->t0);
  x1 = courant_timeline_scene_time_to_x (self->overview, self->t1);
  /* A narrow window is moved by its middle, not resized. */
  if (x1 - x0 < 3 * EDGE_GRAB)
    return DRAG_NONE;
  if (fabs (x - x0) <= EDGE_GRAB)
    return DRAG_OVERVIEW_START;
  if (fabs (x - x1) <= EDGE_GRAB)
    return DRAG_OVERVIEW_END;
  return DRAG_NONE;
}

static void
motion_cb (CourantTimelineView      *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  courant_timeline_view_set_crosshair (self, y < main_height (self) ? x : -1);
  /* While dragging, the cursor stays what it was when the drag began. */
  if (self->drag == DRAG_NONE)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                     overview_edge_at (self, x, y) != DRAG_NONE ? "ew-resize" : NULL);
}

static void
leave_cb (CourantTimelineView      *self,
          GtkEventControllerMotion *controller)
{
  courant_timeline_view_set_crosshair (self, -1);
}

static gboolean
scroll_cb (CourantTimelineView      *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  if (dy == 0)
    return FALSE;
  courant_timeline_view_zoom (self, pow (1.2, -dy), self->crosshair_x >= 0 ? self->crosshair_x
                                                    : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0);
  return TRUE;
}

static void
pressed_cb (CourantTimelineView *self,
            int                  n_press,
            double               x,
            double               y,
            GtkGestureClick     *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2 && y < main_height (self))
    courant_timeline_view_reset (self);
  else if (n_press == 1 && self->scene != NULL)
    {
      int series = courant_timeline_scene_pick_legend (self->scene, x, y);
      const CourantTimelineSeriesSpec *spec;

      if (series < 0)
        return;
      spec = &g_array_index (self->specs, CourantTimelineSeriesSpec, series);
      courant_timeline_view_set_series_visible (self, series, spec->hidden);
    }
}

/* A right click in the plot puts the crosshair there and opens the menu. */
static void
context_pressed_cb (CourantTimelineView *self,
                    int                  n_press,
                    double               x,
                    double               y,
                    GtkGestureClick     *gesture)
{
  if (y >= main_height (self))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  courant_timeline_view_set_crosshair (self, x);
  popup_menu (self, x, y);
}

/* The window centred on @x of the overview strip. */
static void
centre_on_overview (CourantTimelineView *self,
                    double               x)
{
  gint64 t = courant_timeline_scene_x_to_time (self->overview, x);
  gint64 span = self->drag_t1 - self->drag_t0;

  courant_timeline_view_set_window (self, t - span / 2, t - span / 2 + span);
}

/* Moves one edge of the window to @x of the overview strip; the other
 * stays. */
static void
resize_on_overview (CourantTimelineView *self,
                    double               x)
{
  gint64 t = courant_timeline_scene_x_to_time (self->overview, x);

  if (self->drag == DRAG_OVERVIEW_START)
    courant_timeline_view_set_window (self, MIN (t, self->drag_t1 - MIN_SPAN_MS), self->drag_t1);
  else
    courant_timeline_view_set_window (self, self->drag_t0, MAX (t, self->drag_t0 + MIN_SPAN_MS));
}

static void
drag_begin_cb (CourantTimelineView *self,
               double               x,
               double               y,
               GtkGestureDrag      *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  self->drag_x = x;
  self->drag_dx = 0;
  self->drag_t0 = self->t0;
  self->drag_t1 = self->t1;
  if (overview_edge_at (self, x, y) != DRAG_NONE)
    self->drag = overview_edge_at (self, x, y);
  else if (self->overview != NULL && y >= main_height (self))
    {
      double x0 = courant_timeline_scene_time_to_x (self->overview, self->t0);
      double x1 = courant_timeline_scene_time_to_x (self->overview, self->t1);

      self->drag = DRAG_OVERVIEW;
      /* Grabbed inside, the window follows the pointer from where it is;
       * elsewhere it jumps to be centred under the pointer. */
      if (x >= x0 && x <= x1)
        self->drag_x = (x0 + x1) / 2;
      else
        centre_on_overview (self, x);
    }
  else if (state & GDK_CONTROL_MASK)
    self->drag = DRAG_MARK;
  else
    self->drag = state & GDK_SHIFT_MASK ? DRAG_SELECT : DRAG_PAN;
}

static void
drag_update_cb (CourantTimelineView *self,
                double               dx,
                double               dy,
                GtkGestureDrag      *gesture)
{
  double plot_x, plot_width;
  gint64 shift;

  self->drag_dx = dx;
  switch (self->drag)
    {
    case DRAG_PAN:
      plot_extent (self, &plot_x, &plot_width);
      shift = (gint64) (-dx * (self->drag_t1 - self->drag_t0) / plot_width);
      courant_timeline_view_set_window (self, self->drag_t0 + shift, self->drag_t1 + shift);
      break;
    case DRAG_OVERVIEW:
      centre_on_overview (self, self->drag_x + dx);
      break;
    case DRAG_OVERVIEW_START:
    case DRAG_OVERVIEW_END:
      resize_on_overview (self, self->drag_x + dx);
      break;
    case DRAG_SELECT:
    case DRAG_MARK:
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (CourantTimelineView *self,
             double               dx,
             double               dy,
             GtkGestureDrag      *gesture)
{
  if (self->drag == DRAG_SELECT && fabs (dx) >= 3 && self->scene != NULL)
    {
      gint64 a = courant_timeline_scene_x_to_time (self->scene, self->drag_x);
      gint64 b = courant_timeline_scene_x_to_time (self->scene, self->drag_x + dx);

      courant_timeline_view_set_window (self, MIN (a, b), MAX (a, b));
    }
  else if (self->drag == DRAG_MARK && fabs (dx) >= 3 && self->scene != NULL)
    {
      gint64 a = round_to_zoom (self, courant_timeline_scene_x_to_time (self->scene, self->drag_x));
      gint64 b = round_to_zoom (self, courant_timeline_scene_x_to_time (self->scene, self->drag_x + dx));

      courant_timeline_view_set_mark (self, MIN (a, b), MAX (a, b));
    }
  self->drag = DRAG_NONE;
  if (self->window_moved && self->settle_id == 0)
    schedule_settle (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_spec (gpointer data)
{
  CourantTimelineSeriesSpec *spec = data;

  g_free ((char *) spec->name);
  g_free ((char *) spec->unit);
}

void
courant_timeline_view_set_series (CourantTimelineView             *self,
                                  const CourantTimelineSeriesSpec *series,
                                  guint                            n_series)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));
  g_return_if_fail (n_series == 0 || series != NULL);

  g_array_set_size (self->specs, 0);
  self->lo = G_MAXINT64;
  self->hi = G_MININT64;
  for (guint s = 0; s < n_series; s++)
    {
      CourantTimelineSeriesSpec spec = series[s];

      spec.name = g_strdup (spec.name);
      spec.unit = g_strdup (spec.unit);
      g_array_append_val (self->specs, spec);
      if (spec.data.n > 0 && spec.shift_ms == 0)
        {
          self->lo = MIN (self->lo, spec.data.times[0]);
          self->hi = MAX (self->hi, spec.data.times[spec.data.n - 1] + 1);
        }
    }
  if (self->lo >= self->hi)
    self->lo = self->hi = 0;
  self->t0 = self->t1 = 0;
  invalidate (self);
  courant_timeline_view_reset (self);
}

void
courant_timeline_view_set_series_visible (CourantTimelineView *self,
                                          guint                index,
                                          gboolean             visible)
{
  CourantTimelineSeriesSpec *spec;

  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));
  g_return_if_fail (index < self->specs->len);

  spec = &g_array_index (self->specs, CourantTimelineSeriesSpec, index);
  if (spec->hidden == !visible)
    return;
  spec->hidden = !visible;
  invalidate (self);
}

void
courant_timeline_view_set_time_zone (CourantTimelineView *self,
                                     GTimeZone           *tz)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));
  g_return_if_fail (tz != NULL);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_ref (tz);
  invalidate (self);
}

void
courant_timeline_view_set_dark (CourantTimelineView *self,
                                gboolean             dark)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));

  if (self->dark == !!dark)
    return;
  self->dark = !!dark;
  invalidate (self);
}

void
courant_timeline_view_set_align_zeros (CourantTimelineView *self,
                                       gboolean             align)
{
  g_return_if_fail (COURANT_IS_TIMELINE_VIEW (self));

  if (self->align_zeros == !!align)
    return;
  self->align_zeros = !!align;
  invalidate (self);
}

static void
courant_timeline_view_dispose (GObject *object)
{
  CourantTimelineView *self = COURANT_TIMELINE_VIEW (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  clear_scenes (self);
  G_OBJECT_CLASS (courant_timeline_view_parent_class)->dispose (object);
}

static void
courant_timeline_view_finalize (GObject *object)
{
  CourantTimelineView *self = COURANT_TIMELINE_VIEW (object);

  g_clear_pointer (&self->specs, g_array_unref);
  g_clear_pointer (&self->annotations, g_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (courant_timeline_view_parent_class)->finalize (object);
}

static void
courant_timeline_view_class_init (CourantTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_timeline_view_dispose;
  object_class->finalize = courant_timeline_view_finalize;
  widget_class->snapshot = courant_timeline_view_snapshot;
  widget_class->size_allocate = courant_timeline_view_size_allocate;
  widget_class->measure = courant_timeline_view_measure;
  gtk_widget_class_set_css_name (widget_class, "timeline");

  /**
   * CourantTimelineView::window-changed:
   *
   * The visible window or the plot's width changed, and has stayed put for
   * a moment (a scroll, a drag or a run of key presses has settled): the
   * time to fetch data that fits the new window.
   */
  signals[WINDOW_CHANGED] = g_signal_new ("window-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CourantTimelineView::annotate:
   * @start_ms: the start of the marked range, or the instant
   * @end_ms: its end, equal to @start_ms for an instant
   *
   * The user asked to annotate the marked range or the instant under the
   * crosshair (the "timeline.annotate" action, from the context menu).
   */
  signals[ANNOTATE] = g_signal_new ("annotate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  gtk_widget_class_install_action (widget_class, "timeline.annotate", NULL, annotate_action_cb);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (CourantTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
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

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (context_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_object (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-update", G_CALLBACK (drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

static void
courant_timeline_view_init (CourantTimelineView *self)
{
  self->specs = g_array_new (FALSE, TRUE, sizeof (CourantTimelineSeriesSpec));
  g_array_set_clear_func (self->specs, clear_spec);
  self->tz = g_time_zone_ref (courant_time_zone_get_default ());
  self->context = courant_text_create_context ();
  self->crosshair_x = -1;
  self->annotations = g_array_new (FALSE, TRUE, sizeof (CourantTimelineAnnotationSpec));
  g_array_set_clear_func (self->annotations, clear_annotation_spec);
  update_annotate_action (self);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  add_controllers (self);
}

GtkWidget *
courant_timeline_view_new (void)
{
  return g_object_new (COURANT_TYPE_TIMELINE_VIEW, NULL);
}
