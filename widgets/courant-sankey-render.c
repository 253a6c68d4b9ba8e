/* courant-sankey-render.c: drawing a Sankey scene with Cairo
 *
 * Every band is a small filled shape (two Bézier edges), never a stroke:
 * Cairo's stroker is slow on wide curves and thousands of them, and a
 * filled outline looks the same on screen, in PNG, SVG and PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "courant-sankey-render.h"
#include "courant-text.h"

CourantRgba
courant_sankey_render_node_colour (const CourantSankeyScene *scene,
                                   guint                     node,
                                   const CourantTheme       *theme)
{
  static const CourantRgba black = { 0, 0, 0, 1 };
  const CourantSankeyNode *n;

  g_return_val_if_fail (scene != NULL && node < scene->n_nodes, black);
  g_return_val_if_fail (theme != NULL, black);

  n = &scene->nodes[node];
  if (n->kind != COURANT_SANKEY_NODE_PLAIN)
    {
      CourantRgba grey = theme->muted;

      grey.alpha = 1;
      return grey;
    }
  return courant_palette_map_get (scene->palette, n->label, theme->dark);
}

void
courant_sankey_render_link_path (cairo_t                  *cr,
                                 const CourantSankeyScene *scene,
                                 guint                     link)
{
  const CourantSankeyLink *l;
  double x0, x1, middle, half;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL && link < scene->n_links);

  l = &scene->links[link];
  x0 = scene->nodes[l->source].x1;
  x1 = scene->nodes[l->target].x0;
  middle = (x0 + x1) / 2;
  half = l->width / 2;

  cairo_move_to (cr, x0, l->y0 - half);
  cairo_curve_to (cr, middle, l->y0 - half, middle, l->y1 - half, x1, l->y1 - half);
  cairo_line_to (cr, x1, l->y1 + half);
  cairo_curve_to (cr, middle, l->y1 + half, middle, l->y0 + half, x0, l->y0 + half);
  cairo_close_path (cr);
}

static void
render_links (cairo_t                  *cr,
              const CourantSankeyScene *scene,
              const CourantTheme       *theme)
{
  double alpha = theme->dark ? 0.5 : 0.4;

  for (guint i = 0; i < scene->n_links; i++)
    {
      guint l = scene->step_links[i];
      CourantRgba colour;

      if (scene->links[l].width <= 0)
        continue;
      colour = courant_sankey_render_node_colour (scene, scene->links[l].source, theme);
      colour.alpha *= alpha;
      courant_rgba_set_source (cr, &colour);
      courant_sankey_render_link_path (cr, scene, l);
      cairo_fill (cr);
    }
}

static void
render_nodes (cairo_t                  *cr,
              const CourantSankeyScene *scene,
              const CourantTheme       *theme)
{
  for (guint v = 0; v < scene->n_nodes; v++)
    {
      const CourantSankeyNode *node = &scene->nodes[v];
      CourantRgba colour = courant_sankey_render_node_colour (scene, v, theme);

      courant_rgba_set_source (cr, &colour);
      cairo_rectangle (cr, node->x0, node->y0, node->x1 - node->x0, node->y1 - node->y0);
      cairo_fill (cr);
    }
}

static void
render_labels (cairo_t                  *cr,
               const CourantSankeyScene *scene,
               const CourantTheme       *theme)
{
  courant_rgba_set_source (cr, &theme->foreground);
  for (guint v = 0; v < scene->n_nodes; v++)
    {
      const CourantSankeyNode *node = &scene->nodes[v];

      if (node->label_visible)
        courant_text_draw (cr, theme, COURANT_TEXT_LABEL, node->label_text,
                           node->label_x, node->label_y, 0, 0, 0);
    }
}

void
courant_sankey_render (cairo_t                  *cr,
                       const CourantSankeyScene *scene,
                       const CourantTheme       *theme)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (theme != NULL);

  cairo_save (cr);
  render_links (cr, scene, theme);
  render_nodes (cr, scene, theme);
  render_labels (cr, scene, theme);
  if (scene->title != NULL)
    {
      courant_rgba_set_source (cr, &theme->foreground);
      courant_text_draw (cr, theme, COURANT_TEXT_TITLE, scene->title,
                         scene->title_x, scene->title_y, 0, 0, 0);
    }
  cairo_restore (cr);
}
