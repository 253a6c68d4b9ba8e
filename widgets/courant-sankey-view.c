/* courant-sankey-view.c: the interactive Sankey diagram of journeys
 *
 * The scene and its rendering are the ones of the exports. The drawn
 * chart is kept as a texture (drawn on an image surface, where the
 * renderer rasterises bands itself) until the graph, the size, the scale
 * or the theme changes; hover and focus are drawn over it: hovering a
 * node or a band dims everything but the bands on a path through it, a
 * second texture kept until the hover changes. A texture, unlike a Cairo
 * node, is not drawn again at every frame by the Cairo renderer. A large
 * chart (hundreds of bands and their labels: tens of ms) is drawn in a
 * worker, the previous drawing standing in meanwhile, so that the main
 * loop does not wait for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "courant-format.h"
#include "courant-labels.h"
#include "courant-sankey-render.h"
#include "courant-sankey-view.h"

/* Charts with more bands than this are drawn in a worker. */
#define BACKGROUND_LINKS 300

/* The scene, shared with the worker that draws it (atomic reference
 * counted box). */
typedef struct
{
  CourantSankeyScene *scene;
} SceneBox;

struct _CourantSankeyView
{
  GtkWidget           parent_instance;

  CourantSankeyGraph *graph;
  CourantSankeyGraph *order_graph;
  SceneBox           *scene_box;
  CourantSankeyScene *scene;         /* scene_box's */
  CourantPaletteMap  *palette;
  gboolean            dark;
  GdkTexture         *base;
  GdkTexture         *stale_base;    /* shown while a worker draws the base */
  GCancellable       *drawing;       /* the worker's, while it draws */
  GdkTexture         *hover_layer;

  CourantSankeyPick   hover;
  guint8             *highlighted;   /* by link, for the hover */
  guint              *focus_order;   /* nodes by step, then from the top */
  guint               focus;         /* position in focus_order, or G_MAXUINT */
};

G_DEFINE_FINAL_TYPE (CourantSankeyView, courant_sankey_view, GTK_TYPE_WIDGET)

enum
{
  ACTIVATE_NODE,
  ACTIVATE_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const CourantTheme *
get_theme (CourantSankeyView *self)
{
  return courant_theme_get (self->dark);
}

static void
scene_box_clear (SceneBox *box)
{
  courant_sankey_scene_free (box->scene);
}

static void
scene_box_release (SceneBox *box)
{
  g_atomic_rc_box_release_full (box, (GDestroyNotify) scene_box_clear);
}

static void
stop_drawing (CourantSankeyView *self)
{
  if (self->drawing != NULL)
    g_cancellable_cancel (self->drawing);
  g_clear_object (&self->drawing);
}

/* The last drawing stays on screen until a worker has drawn the next. */
static void
invalidate (CourantSankeyView *self)
{
  stop_drawing (self);
  if (self->base != NULL)
    g_set_object (&self->stale_base, self->base);
  g_clear_object (&self->base);
  g_clear_object (&self->hover_layer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
compare_focus (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const CourantSankeyScene *scene = user_data;
  const CourantSankeyNode *x = &scene->nodes[*(const guint *) a];
  const CourantSankeyNode *y = &scene->nodes[*(const guint *) b];

  if (x->step != y->step)
    return x->step < y->step ? -1 : 1;
  return (x->rank > y->rank) - (x->rank < y->rank);
}

static void
relayout (CourantSankeyView *self,
          int                width,
          int                height)
{
  CourantSankeyOptions options;
  g_autoptr(CourantSankeyScene) order = NULL;
  guint focused = courant_sankey_view_get_focus_node (self);

  g_clear_pointer (&self->scene_box, scene_box_release);
  self->scene = NULL;
  g_clear_pointer (&self->highlighted, g_free);
  g_clear_pointer (&self->focus_order, g_free);
  self->hover.kind = COURANT_SANKEY_PICK_NONE;
  self->focus = G_MAXUINT;
  invalidate (self);
  if (self->graph == NULL || width < 16 || height < 16)
    return;

  courant_sankey_options_init (&options, width, height);
  if (self->order_graph != NULL)
    order = courant_sankey_scene_new (self->order_graph, &options);
  options.theme = get_theme (self);
  options.palette = self->palette;
  options.order = order;
  self->scene_box = g_atomic_rc_box_new0 (SceneBox);
  self->scene_box->scene = courant_sankey_scene_new (self->graph, &options);
  self->scene = self->scene_box->scene;
  self->highlighted = g_new0 (guint8, MAX (self->scene->n_links, 1));
  self->focus_order = g_new (guint, MAX (self->scene->n_nodes, 1));
  for (guint v = 0; v < self->scene->n_nodes; v++)
    self->focus_order[v] = v;
  g_qsort_with_data (self->focus_order, self->scene->n_nodes, sizeof (guint), compare_focus, self->scene);
  for (guint i = 0; i < self->scene->n_nodes && focused != G_MAXUINT; i++)
    if (self->focus_order[i] == focused)
      self->focus = i;

  {
    g_autofree char *description = courant_sankey_scene_describe (self->scene, 5);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  }
}

/* Marks the bands upstream of @node (walking in-links) or downstream
 * (out-links). Flows are step to step, so each walk visits a band once. */
static void
mark_paths (CourantSankeyView *self,
            guint              node,
            gboolean           downstream)
{
  const CourantSankeyScene *scene = self->scene;
  g_autoptr(GArray) todo = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint8 *seen = g_new0 (guint8, scene->n_nodes);

  g_array_append_val (todo, node);
  seen[node] = 1;
  while (todo->len > 0)
    {
      guint v = g_array_index (todo, guint, todo->len - 1);

      g_array_set_size (todo, todo->len - 1);
      for (guint l = 0; l < scene->n_links; l++)
        {
          guint from = downstream ? scene->links[l].source : scene->links[l].target;
          guint to = downstream ? scene->links[l].target : scene->links[l].source;

          if (from != v)
            continue;
          self->highlighted[l] = 1;
          if (!seen[to])
            {
              seen[to] = 1;
              g_array_append_val (todo, to);
            }
        }
    }
}

static void
update_highlight (CourantSankeyView *self)
{
  memset (self->highlighted, 0, MAX (self->scene->n_links, 1));
  if (self->hover.kind == COURANT_SANKEY_PICK_NODE)
    {
      mark_paths (self, self->hover.index, FALSE);
      mark_paths (self, self->hover.index, TRUE);
    }
  else if (self->hover.kind == COURANT_SANKEY_PICK_LINK)
    {
      self->highlighted[self->hover.index] = 1;
      mark_paths (self, self->scene->links[self->hover.index].source, FALSE);
      mark_paths (self, self->scene->links[self->hover.index].target, TRUE);
    }
}

typedef void (*DrawFunc) (CourantSankeyView *self,
                          cairo_t           *cr);

/* A transparent image for the chart at @scale. */
static cairo_surface_t *
create_surface (const CourantSankeyScene *scene,
                int                       scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (scene->width) * scale,
                                                         (int) ceil (scene->height) * scale);

  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}

/* Takes @surface: the texture keeps its pixels, premultiplied ARGB32
 * being GDK_MEMORY_DEFAULT. */
static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                 GDK_MEMORY_DEFAULT, bytes, stride);
}

/* What @draw draws over transparency, at the widget's scale. */
static GdkTexture *
draw_texture (CourantSankeyView *self,
              DrawFunc           draw)
{
  cairo_surface_t *surface = create_surface (self->scene, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  cairo_t *cr = cairo_create (surface);

  draw (self, cr);
  cairo_destroy (cr);
  return texture_from_surface (surface);
}

/* What the worker needs to draw the chart: the scene stays alive in its
 * box even if the view lays out again meanwhile. */
typedef struct
{
  SceneBox *box;
  gboolean  dark;
  int       scale;
} Drawing;

static void
drawing_free (Drawing *drawing)
{
  scene_box_release (drawing->box);
  g_free (drawing);
}

static void
draw_base_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Drawing *drawing = task_data;
  cairo_surface_t *surface = create_surface (drawing->box->scene, drawing->scale);
  cairo_t *cr = cairo_create (surface);

  courant_sankey_render (cr, drawing->box->scene, courant_theme_get (drawing->dark));
  cairo_destroy (cr);
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
base_drawn_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CourantSankeyView *self = COURANT_SANKEY_VIEW (object);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A drawing that was stopped is out of date. */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->drawing)
    {
      cairo_surface_destroy (surface);
      return;
    }
  g_clear_object (&self->drawing);
  self->base = texture_from_surface (surface);
  g_clear_object (&self->stale_base);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
start_drawing (CourantSankeyView *self)
{
  g_autoptr(GTask) task = NULL;
  Drawing *drawing = g_new0 (Drawing, 1);

  drawing->box = g_atomic_rc_box_acquire (self->scene_box);
  drawing->dark = self->dark;
  drawing->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  self->drawing = g_cancellable_new ();
  task = g_task_new (self, self->drawing, base_drawn_cb, NULL);
  g_task_set_source_tag (task, start_drawing);
  g_task_set_task_data (task, drawing, (GDestroyNotify) drawing_free);
  g_task_run_in_thread (task, draw_base_thread);
}

static void
append_texture (CourantSankeyView *self,
                GtkSnapshot       *snapshot,
                GdkTexture        *texture)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (0, 0,
                                                    gdk_texture_get_width (texture) / (double) scale,
                                                    gdk_texture_get_height (texture) / (double) scale));
}

static void
draw_base (CourantSankeyView *self,
           cairo_t           *cr)
{
  courant_sankey_render (cr, self->scene, get_theme (self));
}

/* Dims the chart, then draws the highlighted bands again. */
static void
draw_hover (CourantSankeyView *self,
            cairo_t           *cr)
{
  const CourantTheme *theme = get_theme (self);
  CourantRgba veil = theme->background;

  veil.alpha = 0.6;
  courant_rgba_set_source (cr, &veil);
  cairo_paint (cr);
  courant_sankey_render_bands (cr, self->scene, theme, self->highlighted, 0.6);
}

static void
snapshot_focus (CourantSankeyView *self,
                GtkSnapshot       *snapshot)
{
  const CourantSankeyNode *node;
  cairo_t *cr;

  if (self->focus == G_MAXUINT || !gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  node = &self->scene->nodes[self->focus_order[self->focus]];
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->scene->width,
                                                                 self->scene->height));
  courant_rgba_set_source (cr, &get_theme (self)->foreground);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, node->x0 - 2, node->y0 - 2, node->x1 - node->x0 + 4, node->y1 - node->y0 + 4);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
courant_sankey_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  CourantSankeyView *self = COURANT_SANKEY_VIEW (widget);

  if (self->scene == NULL)
    return;
  if (self->base == NULL && self->scene->n_links <= BACKGROUND_LINKS)
    self->base = draw_texture (self, draw_base);
  else if (self->base == NULL && self->drawing == NULL)
    start_drawing (self);
  if (self->base != NULL)
    append_texture (self, snapshot, self->base);
  else if (self->stale_base != NULL)
    append_texture (self, snapshot, self->stale_base);
  if (self->hover.kind != COURANT_SANKEY_PICK_NONE)
    {
      if (self->hover_layer == NULL)
        self->hover_layer = draw_texture (self, draw_hover);
      append_texture (self, snapshot, self->hover_layer);
    }
  snapshot_focus (self, snapshot);
}

static void
courant_sankey_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CourantSankeyView *self = COURANT_SANKEY_VIEW (widget);

  if (self->scene == NULL || self->scene->width != width || self->scene->height != height)
    relayout (self, width, height);
}

static void
courant_sankey_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  /* The chart takes whatever room it is given; its natural width is what
   * a panel folding by natural widths (the journeys' options) leaves it
   * at the least before folding over it. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 540;
}

/* The first labels an "(other)" node groups, one a line, then how many
 * more: a tooltip stays short. */
#define MAX_MEMBERS_SHOWN 8

static char *
describe_members (CourantSankeyView *self,
                  guint              node)
{
  const CourantSankeyGraphNode *owner = courant_sankey_graph_get_node (self->graph, node);
  g_autoptr(GString) text = NULL;
  guint shown;

  if (owner->n_members == 0)
    return NULL;
  /* TRANSLATORS: introduces the labels an "(other)" node of a Sankey groups. */
  text = g_string_new (_("\nIt groups:"));
  /* Showing all but one would take as much room as "and 1 more". */
  shown = owner->n_members <= MAX_MEMBERS_SHOWN + 1 ? owner->n_members : MAX_MEMBERS_SHOWN;
  for (guint i = 0; i < shown; i++)
    {
      const CourantSankeyGraphMember *member = courant_sankey_graph_get_member (self->graph, node, i);
      g_autofree char *value = courant_format_number (member->value, 0);
      g_autofree char *display = courant_label_display (member->label);

      /* TRANSLATORS: one label an "(other)" node groups, and its count. */
      g_string_append_printf (text, _("\n• %s %s"), display, value);
    }
  if (shown < owner->n_members)
    {
      guint more = owner->n_members - shown;

      g_string_append_c (text, '\n');
      /* TRANSLATORS: after the first labels an "(other)" node groups. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more),
                              more);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The mean time from a node to the next step, weighted by its bands
 * (drop-offs have none); NAN when no band knows it. */
static double
mean_gap_after (CourantSankeyView *self,
                guint              node)
{
  double weight = 0, sum = 0;

  for (guint l = 0; l < courant_sankey_graph_get_n_links (self->graph); l++)
    {
      const CourantSankeyGraphLink *link = courant_sankey_graph_get_link (self->graph, l);

      if (link->source == node && isfinite (link->mean_gap_ms) && link->value > 0)
        {
          weight += link->value;
          sum += link->value * link->mean_gap_ms;
        }
    }
  return weight > 0 ? sum / weight : NAN;
}

/* A mean time as people read it; NULL when it is unknown. */
static char *
format_gap (double gap_ms)
{
  return isfinite (gap_ms) ? courant_format_duration ((gint64) round (gap_ms)) : NULL;
}

char *
courant_sankey_view_describe_pick (CourantSankeyView *self,
                                   CourantSankeyPick  pick)
{
  const CourantSankeyScene *scene;

  g_return_val_if_fail (COURANT_IS_SANKEY_VIEW (self), NULL);

  scene = self->scene;
  if (scene == NULL || pick.kind == COURANT_SANKEY_PICK_NONE)
    return NULL;
  if (pick.kind == COURANT_SANKEY_PICK_NODE)
    {
      const CourantSankeyNode *node = &scene->nodes[pick.index];
      g_autofree char *value = courant_format_number (node->value, 0);
      g_autofree char *share = courant_format_number (100 * node->share, 1);
      g_autofree char *start = courant_format_number (scene->total > 0 ? 100 * node->value / scene->total : 0, 1);

      g_autofree char *members = describe_members (self, pick.index);
      g_autofree char *duration = format_gap (mean_gap_after (self, pick.index));
      /* TRANSLATORS: in a Sankey node's tooltip; %s is a duration. */
      g_autofree char *gap = duration != NULL ? g_strdup_printf (_("\nMean time to the next step: %s"), duration)
                                              : g_strdup ("");
      g_autofree char *text = NULL;

      /* TRANSLATORS: a Sankey node's tooltip: its label, its step, its count,
       * its share of the step and of the journeys' start. */
      text = g_strdup_printf (_("%s, step %u\n%s (%s%% of the step, %s%% of the start)"),
                              node->display, node->step + 1, value, share, start);
      return g_strconcat (text, gap, members != NULL ? members : "", NULL);
    }
  else
    {
      const CourantSankeyLink *link = &scene->links[pick.index];
      const CourantSankeyNode *source = &scene->nodes[link->source];
      g_autofree char *value = courant_format_number (link->value, 0);
      g_autofree char *share = courant_format_number (source->value > 0 ? 100 * link->value / source->value : 0, 1);
      g_autofree char *start = courant_format_number (scene->total > 0 ? 100 * link->value / scene->total : 0, 1);
      g_autofree char *duration = format_gap (courant_sankey_graph_get_link (self->graph, pick.index)->mean_gap_ms);
      /* TRANSLATORS: in a Sankey band's tooltip; %s is a duration. */
      g_autofree char *gap = duration != NULL ? g_strdup_printf (_("\nMean time between the two steps: %s"), duration)
                                              : g_strdup ("");
      g_autofree char *text = NULL;

      /* TRANSLATORS: a Sankey band's tooltip: from, to, the count, its share
       * of the previous step's node and of the journeys' start. */
      text = g_strdup_printf (_("%s → %s\n%s (%s%% of %s, %s%% of the start)"),
                              source->display, scene->nodes[link->target].display,
                              value, share, source->display, start);
      return g_strconcat (text, gap, NULL);
    }
}

static gboolean
query_tooltip_cb (CourantSankeyView *self,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip)
{
  g_autofree char *text = NULL;
  CourantSankeyPick pick = { COURANT_SANKEY_PICK_NONE, 0 };

  if (self->scene == NULL)
    return FALSE;
  if (keyboard && self->focus != G_MAXUINT)
    {
      pick.kind = COURANT_SANKEY_PICK_NODE;
      pick.index = self->focus_order[self->focus];
    }
  else if (!keyboard)
    pick = courant_sankey_scene_pick (self->scene, x, y);
  text = courant_sankey_view_describe_pick (self, pick);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
motion_cb (CourantSankeyView *self,
           double             x,
           double             y)
{
  if (self->scene != NULL)
    courant_sankey_view_set_hover (self, courant_sankey_scene_pick (self->scene, x, y));
}

static void
leave_cb (CourantSankeyView *self)
{
  CourantSankeyPick none = { COURANT_SANKEY_PICK_NONE, 0 };

  courant_sankey_view_set_hover (self, none);
}

static void
released_cb (CourantSankeyView *self,
             int                n_press,
             double             x,
             double             y)
{
  CourantSankeyPick pick;

  if (self->scene == NULL)
    return;
  pick = courant_sankey_scene_pick (self->scene, x, y);
  if (pick.kind == COURANT_SANKEY_PICK_NODE)
    g_signal_emit (self, signals[ACTIVATE_NODE], 0, pick.index);
  else if (pick.kind == COURANT_SANKEY_PICK_LINK)
    g_signal_emit (self, signals[ACTIVATE_LINK], 0, pick.index);
}

static void
set_focus (CourantSankeyView *self,
           guint              position)
{
  if (self->focus == position)
    return;
  self->focus = position;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* Left and right go to the node of the next column nearest in height. */
static guint
nearest_in_column (CourantSankeyView *self,
                   guint              step,
                   double             y)
{
  guint best = G_MAXUINT;
  double best_distance = G_MAXDOUBLE;

  for (guint i = 0; i < self->scene->n_nodes; i++)
    {
      const CourantSankeyNode *node = &self->scene->nodes[self->focus_order[i]];
      double distance = fabs ((node->y0 + node->y1) / 2 - y);

      if (node->step == step && distance < best_distance)
        {
          best = i;
          best_distance = distance;
        }
    }
  return best;
}

static gboolean
key_pressed_cb (CourantSankeyView *self,
                guint              keyval,
                guint              keycode,
                GdkModifierType    state)
{
  const CourantSankeyNode *node;
  guint target = G_MAXUINT;

  if (self->scene == NULL || self->scene->n_nodes == 0)
    return FALSE;
  if (self->focus == G_MAXUINT)
    {
      if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab)
        return FALSE;
      set_focus (self, 0);
      return TRUE;
    }
  node = &self->scene->nodes[self->focus_order[self->focus]];

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      g_signal_emit (self, signals[ACTIVATE_NODE], 0, self->focus_order[self->focus]);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->focus > 0 && self->scene->nodes[self->focus_order[self->focus - 1]].step == node->step)
        target = self->focus - 1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->focus + 1 < self->scene->n_nodes &&
          self->scene->nodes[self->focus_order[self->focus + 1]].step == node->step)
        target = self->focus + 1;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (node->step > 0)
        target = nearest_in_column (self, node->step - 1, (node->y0 + node->y1) / 2);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      target = nearest_in_column (self, node->step + 1, (node->y0 + node->y1) / 2);
      break;
    default:
      return FALSE;
    }
  if (target != G_MAXUINT)
    set_focus (self, target);
  return TRUE;
}

/* Tab walks through the nodes, column by column, then leaves the view. */
static gboolean
courant_sankey_view_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  CourantSankeyView *self = COURANT_SANKEY_VIEW (widget);
  guint n = self->scene != NULL ? self->scene->n_nodes : 0;

  if (n == 0 || (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD))
    return gtk_widget_grab_focus (widget);
  if (!gtk_widget_has_focus (widget) || self->focus == G_MAXUINT)
    {
      set_focus (self, direction == GTK_DIR_TAB_FORWARD ? 0 : n - 1);
      return gtk_widget_grab_focus (widget);
    }
  if (direction == GTK_DIR_TAB_FORWARD && self->focus + 1 < n)
    {
      set_focus (self, self->focus + 1);
      return TRUE;
    }
  if (direction == GTK_DIR_TAB_BACKWARD && self->focus > 0)
    {
      set_focus (self, self->focus - 1);
      return TRUE;
    }
  set_focus (self, G_MAXUINT);
  return FALSE;
}

static void
courant_sankey_view_dispose (GObject *object)
{
  CourantSankeyView *self = COURANT_SANKEY_VIEW (object);

  stop_drawing (self);
  g_clear_object (&self->base);
  g_clear_object (&self->stale_base);
  g_clear_object (&self->hover_layer);
  self->scene = NULL;
  g_clear_pointer (&self->scene_box, scene_box_release);
  g_clear_pointer (&self->graph, courant_sankey_graph_free);
  g_clear_pointer (&self->order_graph, courant_sankey_graph_free);
  g_clear_pointer (&self->palette, courant_palette_map_unref);
  g_clear_pointer (&self->highlighted, g_free);
  g_clear_pointer (&self->focus_order, g_free);

  G_OBJECT_CLASS (courant_sankey_view_parent_class)->dispose (object);
}

static void
courant_sankey_view_class_init (CourantSankeyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = courant_sankey_view_dispose;
  widget_class->snapshot = courant_sankey_view_snapshot;
  widget_class->size_allocate = courant_sankey_view_size_allocate;
  widget_class->measure = courant_sankey_view_measure;
  widget_class->focus = courant_sankey_view_focus;

  signals[ACTIVATE_NODE] = g_signal_new ("activate-node", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[ACTIVATE_LINK] = g_signal_new ("activate-link", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "sankeyview");
}

static void
courant_sankey_view_init (CourantSankeyView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->palette = courant_palette_map_new ();
  self->focus = G_MAXUINT;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::scale-factor", G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
courant_sankey_view_new (void)
{
  return g_object_new (COURANT_TYPE_SANKEY_VIEW, NULL);
}

void
courant_sankey_view_set_graph (CourantSankeyView  *self,
                               CourantSankeyGraph *graph)
{
  g_return_if_fail (COURANT_IS_SANKEY_VIEW (self));

  g_clear_pointer (&self->graph, courant_sankey_graph_free);
  self->graph = graph;
  relayout (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

void
courant_sankey_view_set_order_graph (CourantSankeyView  *self,
                                     CourantSankeyGraph *graph)
{
  g_return_if_fail (COURANT_IS_SANKEY_VIEW (self));

  g_clear_pointer (&self->order_graph, courant_sankey_graph_free);
  self->order_graph = graph;
  relayout (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

void
courant_sankey_view_set_palette (CourantSankeyView *self,
                                 CourantPaletteMap *palette)
{
  g_return_if_fail (COURANT_IS_SANKEY_VIEW (self));
  g_return_if_fail (palette != NULL);

  if (palette == self->palette)
    return;
  courant_palette_map_unref (self->palette);
  self->palette = courant_palette_map_ref (palette);
  relayout (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

void
courant_sankey_view_set_dark (CourantSankeyView *self,
                              gboolean           dark)
{
  g_return_if_fail (COURANT_IS_SANKEY_VIEW (self));

  if (self->dark == !!dark)
    return;
  self->dark = !!dark;
  invalidate (self);
}

CourantSankeyPick
courant_sankey_view_get_hover (CourantSankeyView *self)
{
  CourantSankeyPick none = { COURANT_SANKEY_PICK_NONE, 0 };

  g_return_val_if_fail (COURANT_IS_SANKEY_VIEW (self), none);
  return self->hover;
}

void
courant_sankey_view_set_hover (CourantSankeyView *self,
                               CourantSankeyPick  pick)
{
  g_return_if_fail (COURANT_IS_SANKEY_VIEW (self));

  if (self->scene == NULL || (pick.kind == self->hover.kind && pick.index == self->hover.index))
    return;
  g_return_if_fail (pick.kind != COURANT_SANKEY_PICK_NODE || pick.index < self->scene->n_nodes);
  g_return_if_fail (pick.kind != COURANT_SANKEY_PICK_LINK || pick.index < self->scene->n_links);
  self->hover = pick;
  update_highlight (self);
  g_clear_object (&self->hover_layer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
courant_sankey_view_get_focus_node (CourantSankeyView *self)
{
  g_return_val_if_fail (COURANT_IS_SANKEY_VIEW (self), G_MAXUINT);

  return self->focus == G_MAXUINT || self->focus_order == NULL ? G_MAXUINT
                                                               : self->focus_order[self->focus];
}

gboolean
courant_sankey_view_is_highlighted (CourantSankeyView *self,
                                    guint              link)
{
  g_return_val_if_fail (COURANT_IS_SANKEY_VIEW (self), FALSE);
  g_return_val_if_fail (self->scene != NULL && link < self->scene->n_links, FALSE);

  return self->hover.kind != COURANT_SANKEY_PICK_NONE && self->highlighted[link];
}

const CourantSankeyScene *
courant_sankey_view_get_scene (CourantSankeyView *self)
{
  g_return_val_if_fail (COURANT_IS_SANKEY_VIEW (self), NULL);
  return self->scene;
}
