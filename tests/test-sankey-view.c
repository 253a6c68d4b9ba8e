/* test-sankey-view.c: the Sankey widget under a virtual display
 *
 * Three chains A, B, C over three steps, with drop-offs: hovering a node
 * highlights exactly the bands of its chain (and its drop-offs), the drawn
 * widget shows each node in its colour and dims the others on hover, Tab
 * and the arrows walk through the nodes and Enter activates the focused one.
 * The drawn chart is a texture kept across frames and hover changes; the
 * hover is a second texture, kept until the hover changes. A chart of
 * hundreds of bands is drawn in a worker: the first frame does not wait
 * for it, and what arrives is the renderer's drawing of the scene.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "courant-format.h"
#include "courant-labels.h"
#include "courant-sankey-render.h"
#include "courant-sankey-view.h"

#define WIDTH  700
#define HEIGHT 360

static GtkWidget *window;
static CourantSankeyView *view;
static guint ids[3][4];
/* Whether each link is on a path through the middle "call" node: its
 * chain's bands, and its own drop-off, but not the drop-off before it. */
static gboolean through_call[64];

static CourantSankeyGraph *
make_graph (void)
{
  const char *labels[] = { "web", "call", "shop" };
  CourantSankeyGraph *graph = courant_sankey_graph_new ();
  guint n_links = 0;

  for (guint k = 0; k < 3; k++)
    {
      for (guint c = 0; c < 3; c++)
        ids[k][c] = courant_sankey_graph_add_node (graph, k, labels[c], 100 - 20 * c - 10 * k);
      if (k > 0)
        ids[k][3] = courant_sankey_graph_add_node (graph, k, COURANT_FLOWS_END, 30);
    }
  for (guint k = 0; k + 1 < 3; k++)
    for (guint c = 0; c < 3; c++)
      {
        courant_sankey_graph_add_link (graph, ids[k][c], ids[k + 1][c], 100 - 20 * c - 10 * (k + 1));
        through_call[n_links++] = c == 1;
        courant_sankey_graph_add_link (graph, ids[k][c], ids[k + 1][3], 10);
        through_call[n_links++] = c == 1 && k == 1;
      }
  return graph;
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

  while (courant_sankey_view_get_scene (view) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static cairo_surface_t *
draw_view (void)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  courant_rgba_set_source (cr, &courant_theme_get_light ()->background);
  cairo_paint (cr);
  GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  gsk_render_node_unref (node);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static double
distance_to (cairo_surface_t    *surface,
             const CourantSankeyNode *node,
             CourantRgba         colour)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int x = (int) ((node->x0 + node->x1) / 2), y = (int) ((node->y0 + node->y1) / 2);
  guint32 pixel = *(guint32 *) (data + y * stride + 4 * x);

  return fabs (((pixel >> 16) & 0xff) / 255.0 - colour.red) +
         fabs (((pixel >> 8) & 0xff) / 255.0 - colour.green) +
         fabs ((pixel & 0xff) / 255.0 - colour.blue);
}

static void
test_hover (void)
{
  const CourantSankeyScene *scene = courant_sankey_view_get_scene (view);
  CourantSankeyPick pick = { COURANT_SANKEY_PICK_NODE, ids[1][1] };
  CourantSankeyPick none = { COURANT_SANKEY_PICK_NONE, 0 };
  const CourantSankeyNode *call = &scene->nodes[ids[1][1]];
  const CourantSankeyNode *web = &scene->nodes[ids[1][0]];
  g_autofree char *tooltip = NULL;
  cairo_surface_t *surface;
  CourantRgba call_colour, web_colour;

  g_assert_cmpfloat (scene->width, ==, WIDTH);
  g_assert_cmpfloat (scene->height, ==, HEIGHT);

  /* The pointer over the middle step's "call" node picks it... */
  g_assert_cmpint (courant_sankey_scene_pick (scene, (call->x0 + call->x1) / 2,
                                              (call->y0 + call->y1) / 2).kind, ==, COURANT_SANKEY_PICK_NODE);
  courant_sankey_view_set_hover (view, pick);
  g_assert_cmpint (courant_sankey_view_get_hover (view).kind, ==, COURANT_SANKEY_PICK_NODE);
  /* ...and exactly the bands on a path through it are highlighted. */
  for (guint l = 0; l < scene->n_links; l++)
    g_assert_cmpint (courant_sankey_view_is_highlighted (view, l), ==, through_call[l]);

  tooltip = courant_sankey_view_describe_pick (view, pick);
  g_assert_nonnull (strstr (tooltip, "Call, step 2"));
  g_assert_nonnull (strstr (tooltip, "70"));

  /* Drawn: the hovered chain keeps its colours, the others are dimmed. */
  call_colour = courant_palette_map_get (scene->palette, "call", FALSE);
  web_colour = courant_palette_map_get (scene->palette, "web", FALSE);
  surface = draw_view ();
  g_assert_cmpfloat (distance_to (surface, web, web_colour), >, 0.1);
  cairo_surface_destroy (surface);

  courant_sankey_view_set_hover (view, none);
  for (guint l = 0; l < scene->n_links; l++)
    g_assert_false (courant_sankey_view_is_highlighted (view, l));
  surface = draw_view ();
  g_assert_cmpfloat (distance_to (surface, web, web_colour), <, 0.02);
  g_assert_cmpfloat (distance_to (surface, call, call_colour), <, 0.02);
  cairo_surface_destroy (surface);
}

static void
activated_cb (CourantSankeyView *self,
              guint              node,
              guint             *out)
{
  *out = node;
}

static gboolean
press_key (guint keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_object_unref (controllers);
  return handled;
}

static void
test_keyboard (void)
{
  const CourantSankeyScene *scene = courant_sankey_view_get_scene (view);
  guint activated = G_MAXUINT, first, second;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_signal_connect (view, "activate-node", G_CALLBACK (activated_cb), &activated);

  /* Focus is only had in the active window, which the display may make
   * active a little after it is shown. */
  while (!gtk_window_is_active (GTK_WINDOW (window)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  /* Tab enters the view on the top node of the first column... */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  settle ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  first = courant_sankey_view_get_focus_node (view);
  g_assert_cmpuint (first, !=, G_MAXUINT);
  g_assert_cmpuint (scene->nodes[first].step, ==, 0);
  g_assert_cmpuint (scene->nodes[first].rank, ==, 0);

  /* ...Down goes to the next node of the column, Right to the next column. */
  g_assert_true (press_key (GDK_KEY_Down));
  second = courant_sankey_view_get_focus_node (view);
  g_assert_cmpuint (scene->nodes[second].step, ==, 0);
  g_assert_cmpuint (scene->nodes[second].rank, ==, 1);
  g_assert_true (press_key (GDK_KEY_Right));
  g_assert_cmpuint (scene->nodes[courant_sankey_view_get_focus_node (view)].step, ==, 1);
  g_assert_true (press_key (GDK_KEY_Left));
  g_assert_cmpuint (scene->nodes[courant_sankey_view_get_focus_node (view)].step, ==, 0);

  g_assert_true (press_key (GDK_KEY_Return));
  g_assert_cmpuint (activated, ==, courant_sankey_view_get_focus_node (view));

  /* Tab walks every node, then leaves. */
  for (guint i = courant_sankey_view_get_focus_node (view) == second ? 2 : 1; i < scene->n_nodes; i++)
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_FORWARD));
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_FORWARD));
  g_assert_cmpuint (courant_sankey_view_get_focus_node (view), ==, G_MAXUINT);

  g_signal_handlers_disconnect_by_func (view, activated_cb, &activated);
}

static void
add_flows_node (GArray     *nodes,
                guint       step,
                const char *label,
                double      value)
{
  CourantFlowsNode node = { NULL, step, (char *) label, value, (guint) value, NULL };

  g_array_append_val (nodes, node);
}

/* An "(other)" node of eleven labels, from a flows result made by hand:
 * its tooltip lists the eight largest with their counts, then the rest. */
static void
test_other (void)
{
  static const char *labels[] = { "k", "j", "i", "h", "g", "f", "e", "d", "c", "b", "a" };
  g_autoptr(GArray) nodes = g_array_new (FALSE, TRUE, sizeof (CourantFlowsNode));
  g_autoptr(GArray) links = g_array_new (FALSE, TRUE, sizeof (CourantFlowsLink));
  g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (CourantFlowsMember));
  CourantFlowsResult flows = { 0 };
  CourantSankeyPick pick = { COURANT_SANKEY_PICK_NODE, 1 };
  /* Both bands take 90 minutes on average. */
  CourantFlowsLink link = { 0, 2, 100, 100, 90 * 60000.0 };
  g_autofree char *tooltip = NULL;
  g_autofree char *plain = NULL;
  CourantSankeyGraph *graph;
  const char *previous;

  add_flows_node (nodes, 0, "web", 100);
  add_flows_node (nodes, 0, COURANT_FLOWS_OTHER, 66);
  add_flows_node (nodes, 1, COURANT_FLOWS_END, 166);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      /* 11, 10, ... 1: the largest first, as the flows give them. */
      CourantFlowsMember member = { (char *) labels[i], 11 - i, 11 - i };

      g_array_append_val (members, member);
    }
  g_array_index (nodes, CourantFlowsNode, 1).members = members;
  g_array_append_val (links, link);
  link.source = 1;
  link.value = 66;
  g_array_append_val (links, link);
  flows.n_steps = 2;
  flows.nodes = nodes;
  flows.links = links;

  graph = courant_sankey_graph_new_from_flows (&flows);
  g_assert_cmpuint (courant_sankey_graph_get_node (graph, 1)->n_members, ==, 11);
  g_assert_cmpstr (courant_sankey_graph_get_member (graph, 1, 10)->label, ==, "a");
  courant_sankey_view_set_graph (view, graph);
  wait_for_scene ();
  settle ();

  tooltip = courant_sankey_view_describe_pick (view, pick);
  g_test_message ("%s", tooltip);
  g_assert_nonnull (strstr (tooltip, "(other), step 1"));
  previous = tooltip;
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *display = courant_label_display (labels[i]);
      g_autofree char *line = g_strdup_printf ("\n• %s %u", display, 11 - i);
      const char *found = strstr (tooltip, line);

      g_assert_nonnull (found);
      g_assert_true (found > previous);
      previous = found;
    }
  g_assert_null (strstr (tooltip, "• C "));
  g_assert_true (g_str_has_suffix (tooltip, "\nand 3 more"));

  /* A plain node lists nothing. */
  pick.index = 0;
  plain = courant_sankey_view_describe_pick (view, pick);
  g_assert_null (strstr (plain, "•"));

  /* The mean time to the next step, on the node and on its band. */
  {
    g_autofree char *duration = courant_format_duration (90 * 60000);
    g_autofree char *node_line = g_strdup_printf ("\nMean time to the next step: %s", duration);
    g_autofree char *band_line = g_strdup_printf ("\nMean time between the two steps: %s", duration);
    CourantSankeyPick band = { COURANT_SANKEY_PICK_LINK, 0 };
    g_autofree char *band_tooltip = courant_sankey_view_describe_pick (view, band);

    g_assert_nonnull (strstr (plain, node_line));
    g_assert_nonnull (strstr (band_tooltip, band_line));
  }
}

/* Three chains, added in the order given: untangled, a layout keeps it. */
static CourantSankeyGraph *
make_chains (const char *const *labels)
{
  CourantSankeyGraph *graph = courant_sankey_graph_new ();
  guint chain[3][3];

  for (guint k = 0; k < 3; k++)
    for (guint c = 0; c < 3; c++)
      chain[k][c] = courant_sankey_graph_add_node (graph, k, labels[c], 60 - 10 * c);
  for (guint k = 0; k + 1 < 3; k++)
    for (guint c = 0; c < 3; c++)
      courant_sankey_graph_add_link (graph, chain[k][c], chain[k + 1][c], 60 - 10 * c);
  return graph;
}

/* The labels of column @step of @view's scene, from the top. */
static char *
column_labels (CourantSankeyView *side,
               guint              step)
{
  const CourantSankeyScene *scene = courant_sankey_view_get_scene (side);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint r = 0; r < scene->n_nodes; r++)
    for (guint v = 0; v < scene->n_nodes; v++)
      if (scene->nodes[v].step == step && scene->nodes[v].rank == r)
        g_string_append_printf (text, "%s,", scene->nodes[v].label);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
both_laid_out (CourantSankeyView **views)
{
  return courant_sankey_view_get_scene (views[0]) != NULL &&
         courant_sankey_view_get_scene (views[1]) != NULL;
}

/* Two views side by side, given the union of their graphs as order:
 * the same order in both, though each alone would keep its own. */
static void
test_compare (void)
{
  const char *first[] = { "web", "call", "shop" };
  const char *second[] = { "shop", "call", "web" };
  GtkWidget *side_window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  CourantSankeyView *views[2];
  g_autoptr(CourantPaletteMap) palette = courant_palette_map_new ();
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (side_window), 2 * 400, 300);
  gtk_window_set_child (GTK_WINDOW (side_window), box);
  for (guint i = 0; i < 2; i++)
    {
      views[i] = COURANT_SANKEY_VIEW (courant_sankey_view_new ());
      gtk_widget_set_hexpand (GTK_WIDGET (views[i]), TRUE);
      courant_sankey_view_set_palette (views[i], palette);
      courant_sankey_view_set_graph (views[i], make_chains (i == 0 ? first : second));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (views[i]));
    }
  gtk_window_present (GTK_WINDOW (side_window));
  while (!both_laid_out (views))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }

  /* Alone, each keeps its own order. */
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *a = column_labels (views[0], k);
      g_autofree char *b = column_labels (views[1], k);

      g_assert_cmpstr (a, ==, "web,call,shop,");
      g_assert_cmpstr (b, ==, "shop,call,web,");
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CourantSankeyGraph) a = make_chains (first);
      g_autoptr(CourantSankeyGraph) b = make_chains (second);

      courant_sankey_view_set_order_graph (views[i], courant_sankey_graph_new_union (a, b));
    }
  g_assert_true (both_laid_out (views));
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *a = column_labels (views[0], k);
      g_autofree char *b = column_labels (views[1], k);

      g_assert_cmpstr (a, ==, b);
    }
  /* One palette: one colour per label on both sides. */
  g_assert_true (courant_sankey_view_get_scene (views[0])->palette ==
                 courant_sankey_view_get_scene (views[1])->palette);

  gtk_window_destroy (GTK_WINDOW (side_window));
}

/* The textures that a snapshot of the view draws, in order. */
static void
collect_textures (GskRenderNode *node,
                  GPtrArray     *textures)
{
  if (gsk_render_node_get_node_type (node) == GSK_TEXTURE_NODE)
    g_ptr_array_add (textures, gsk_texture_node_get_texture (node));
  else if (gsk_render_node_get_node_type (node) == GSK_CONTAINER_NODE)
    for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
      collect_textures (gsk_container_node_get_child (node, i), textures);
}

/* Holds a reference on each texture, so that a texture freed and another
 * allocated at its address cannot pass for the same. */
static GPtrArray *
snapshot_textures (void)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GPtrArray *textures = g_ptr_array_new_with_free_func (g_object_unref);
  GskRenderNode *node;

  GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
  /* Nothing drawn yet gives no node. */
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return textures;
  collect_textures (node, textures);
  for (guint i = 0; i < textures->len; i++)
    g_object_ref (g_ptr_array_index (textures, i));
  gsk_render_node_unref (node);
  return textures;
}

static void
test_layers (void)
{
  /* Two nodes of whatever graph the view has now. */
  CourantSankeyPick call = { COURANT_SANKEY_PICK_NODE, 0 };
  CourantSankeyPick web = { COURANT_SANKEY_PICK_NODE, 1 };
  CourantSankeyPick none = { COURANT_SANKEY_PICK_NONE, 0 };
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) on_call = NULL;
  g_autoptr(GPtrArray) on_call_again = NULL;
  g_autoptr(GPtrArray) on_web = NULL;
  g_autoptr(GPtrArray) dark = NULL;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (view));

  g_assert_cmpuint (courant_sankey_view_get_scene (view)->n_nodes, >=, 2);
  courant_sankey_view_set_hover (view, none);
  plain = snapshot_textures ();
  g_assert_cmpuint (plain->len, ==, 1);
  g_assert_cmpint (gdk_texture_get_width (plain->pdata[0]), ==, WIDTH * scale);
  g_assert_cmpint (gdk_texture_get_height (plain->pdata[0]), ==, HEIGHT * scale);
  again = snapshot_textures ();
  g_assert_true (again->pdata[0] == plain->pdata[0]);

  /* The hover adds a layer; the chart under it is not drawn again. */
  courant_sankey_view_set_hover (view, call);
  on_call = snapshot_textures ();
  g_assert_cmpuint (on_call->len, ==, 2);
  g_assert_true (on_call->pdata[0] == plain->pdata[0]);
  on_call_again = snapshot_textures ();
  g_assert_true (on_call_again->pdata[1] == on_call->pdata[1]);
  courant_sankey_view_set_hover (view, web);
  on_web = snapshot_textures ();
  g_assert_true (on_web->pdata[0] == plain->pdata[0]);
  g_assert_true (on_web->pdata[1] != on_call->pdata[1]);

  /* Another theme draws the chart again. */
  courant_sankey_view_set_hover (view, none);
  courant_sankey_view_set_dark (view, TRUE);
  dark = snapshot_textures ();
  g_assert_cmpuint (dark->len, ==, 1);
  g_assert_true (dark->pdata[0] != plain->pdata[0]);
  courant_sankey_view_set_dark (view, FALSE);
}

/* Ten steps of twelve labels, each linked to seven of the next step. */
static CourantSankeyGraph *
make_big_graph (void)
{
  CourantSankeyGraph *graph = courant_sankey_graph_new ();
  guint nodes[10][12];

  for (guint k = 0; k < 10; k++)
    for (guint c = 0; c < 12; c++)
      {
        g_autofree char *label = g_strdup_printf ("event %u", c);

        nodes[k][c] = courant_sankey_graph_add_node (graph, k, label, 70 + c);
      }
  for (guint k = 0; k + 1 < 10; k++)
    for (guint c = 0; c < 12; c++)
      for (guint d = 0; d < 7; d++)
        courant_sankey_graph_add_link (graph, nodes[k][c], nodes[k + 1][(c + d * 5) % 12], 10 + (c + d) % 3);
  return graph;
}

/* Snapshots the view until it shows a texture other than @old. */
static GPtrArray *
wait_for_texture (GdkTexture *old)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (TRUE)
    {
      GPtrArray *textures = snapshot_textures ();

      if (textures->len > 0 && textures->pdata[0] != old)
        return textures;
      g_ptr_array_unref (textures);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_background (void)
{
  GtkWidget *big_window = gtk_window_new ();
  CourantSankeyView *big = COURANT_SANKEY_VIEW (courant_sankey_view_new ());
  CourantSankeyView *saved = view;
  g_autoptr(GPtrArray) light = NULL;
  g_autoptr(GPtrArray) asked = NULL;
  g_autoptr(GPtrArray) dark = NULL;
  const CourantSankeyScene *scene;
  cairo_surface_t *expected;
  cairo_t *cr;
  g_autofree guchar *pixels = NULL;
  int scale, width, height, stride;

  gtk_window_set_default_size (GTK_WINDOW (big_window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (big_window), GTK_WIDGET (big));
  courant_sankey_view_set_graph (big, make_big_graph ());
  gtk_window_present (GTK_WINDOW (big_window));
  view = big;
  wait_for_scene ();
  scene = courant_sankey_view_get_scene (big);
  g_assert_cmpuint (scene->n_links, >, 600);
  light = wait_for_texture (NULL);

  /* The frame after a change shows the last drawing: it does not wait. */
  courant_sankey_view_set_dark (big, TRUE);
  asked = snapshot_textures ();
  g_assert_cmpuint (asked->len, ==, 1);
  g_assert_true (asked->pdata[0] == light->pdata[0]);
  dark = wait_for_texture (light->pdata[0]);
  g_assert_cmpuint (dark->len, ==, 1);

  /* What the worker drew is the renderer's drawing of the scene. */
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (big));
  width = gdk_texture_get_width (dark->pdata[0]);
  height = gdk_texture_get_height (dark->pdata[0]);
  g_assert_cmpint (width, ==, WIDTH * scale);
  expected = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  stride = cairo_image_surface_get_stride (expected);
  cairo_surface_set_device_scale (expected, scale, scale);
  cr = cairo_create (expected);
  courant_sankey_render (cr, scene, courant_theme_get_dark ());
  cairo_destroy (cr);
  cairo_surface_flush (expected);
  pixels = g_malloc ((gsize) height * stride);
  gdk_texture_download (dark->pdata[0], pixels, stride);
  g_assert_cmpmem (pixels, (gsize) height * stride,
                   cairo_image_surface_get_data (expected), (gsize) height * stride);
  cairo_surface_destroy (expected);

  view = saved;
  gtk_window_destroy (GTK_WINDOW (big_window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return g_test_run ();
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  view = COURANT_SANKEY_VIEW (courant_sankey_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  courant_sankey_view_set_graph (view, make_graph ());
  gtk_window_present (GTK_WINDOW (window));
  wait_for_scene ();
  settle ();

  g_test_add_func ("/sankey-view/hover", test_hover);
  g_test_add_func ("/sankey-view/keyboard", test_keyboard);
  g_test_add_func ("/sankey-view/other", test_other);
  g_test_add_func ("/sankey-view/compare", test_compare);
  g_test_add_func ("/sankey-view/layers", test_layers);
  g_test_add_func ("/sankey-view/background", test_background);

  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
