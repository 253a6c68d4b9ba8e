/* courant-sankey-render.c: drawing a Sankey scene with Cairo
 *
 * Every band is a small filled shape (two Bézier edges), never a stroke:
 * Cairo's stroker is slow on wide curves and thousands of them, and a
 * filled outline looks the same on screen, in PNG, SVG and PDF.
 *
 * On image surfaces (the screen's cached layer, PNG export) the bands are
 * rasterised here instead: Cairo composites every pixel of a fill's
 * bounding box, and a band that climbs a whole column has a box 25 times
 * its area (850 bands took 70–130 ms, mostly that). Here each pixel
 * column of a band gets the exact area under its two edges, taken as
 * straight within the column, and only the band's own pixels are
 * blended, in the same order and with the same colours as Cairo would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

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

/* An image surface's pixels seen from a cairo_t: device = user × scale
 * + offset, and the pixels that the clip lets through. */
typedef struct
{
  guchar  *data;
  int      stride;
  double   sx, sy, tx, ty;
  int      x0, y0, x1, y1;    /* the clip, in whole pixels */
} Raster;

/* FALSE when @cr does not draw plainly on the pixels of an ARGB32 or
 * RGB24 image (another surface, a rotation, another operator, a clip that
 * is not one rectangle): Cairo then draws the bands. */
static gboolean
raster_init (cairo_t *cr,
             Raster  *raster)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_format_t format;
  cairo_matrix_t matrix;
  double ax, ay, bx, by, scale_x, scale_y, offset_x, offset_y;
  gboolean plain;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_get_matrix (cr, &matrix);
  if (matrix.xy != 0 || matrix.yx != 0 || matrix.xx <= 0 || matrix.yy <= 0)
    return FALSE;

  /* The CTM, then the surface's own scale and offset (HiDPI, groups). */
  ax = ay = 0;
  bx = by = 1;
  cairo_user_to_device (cr, &ax, &ay);
  cairo_user_to_device (cr, &bx, &by);
  cairo_surface_get_device_scale (target, &scale_x, &scale_y);
  cairo_surface_get_device_offset (target, &offset_x, &offset_y);
  raster->sx = (bx - ax) * scale_x;
  raster->sy = (by - ay) * scale_y;
  raster->tx = ax * scale_x + offset_x;
  raster->ty = ay * scale_y + offset_y;

  clip = cairo_copy_clip_rectangle_list (cr);
  plain = clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles == 1;
  if (plain)
    {
      const cairo_rectangle_t *r = &clip->rectangles[0];

      raster->x0 = MAX (0, (int) round (raster->sx * r->x + raster->tx));
      raster->y0 = MAX (0, (int) round (raster->sy * r->y + raster->ty));
      raster->x1 = MIN (cairo_image_surface_get_width (target),
                        (int) round (raster->sx * (r->x + r->width) + raster->tx));
      raster->y1 = MIN (cairo_image_surface_get_height (target),
                        (int) round (raster->sy * (r->y + r->height) + raster->ty));
    }
  cairo_rectangle_list_destroy (clip);
  if (!plain)
    return FALSE;

  cairo_surface_flush (target);
  raster->data = cairo_image_surface_get_data (target);
  raster->stride = cairo_image_surface_get_stride (target);
  return raster->data != NULL;
}

/* The mean, over a straight edge from @ya to @yb (@inverse being
 * 1 / (yb − ya), or 0 when the edge is flat), of the share of pixel row
 * @row that lies below the edge. */
static inline double
share_below (int    row,
             double ya,
             double yb,
             double inverse)
{
  double a = ya - row, b = yb - row;

  if (inverse == 0)
    return CLAMP (1 - a, 0, 1);
  if (MAX (a, b) <= 0)
    return 1;
  if (MIN (a, b) >= 1)
    return 0;

  /* ∫ clamp (1 − y, 0, 1) dy from a to b, over b − a. */
#define INTEGRAL(y) ((y) <= 0 ? (y) : (y) >= 1 ? 0.5 : (y) - (y) * (y) / 2)
  return (INTEGRAL (b) - INTEGRAL (a)) * inverse;
#undef INTEGRAL
}

/* Blends premultiplied @colour (alpha in the top byte) over @pixel, with
 * @coverage out of 255: two channels at a time, x / 255 rounded. */
static inline guint32
blend_pixel (guint32 pixel,
             guint32 colour,
             guint   coverage)
{
  guint32 rb = (colour & 0xff00ff) * coverage + 0x800080;
  guint32 ag = ((colour >> 8) & 0xff00ff) * coverage + 0x800080;
  guint keep;

  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = ((ag + ((ag >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  colour = rb | ag << 8;
  keep = 255 - (colour >> 24);
  rb = (pixel & 0xff00ff) * keep + 0x800080;
  ag = ((pixel >> 8) & 0xff00ff) * keep + 0x800080;
  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = ((ag + ((ag >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  return colour + (rb | ag << 8);
}

/* @rgba as Cairo hands it to pixman: 16 bits a channel, premultiplied,
 * then the high byte. */
static guint32
premultiply (const CourantRgba *rgba)
{
#define CHANNEL(v) (((guint32) ((v) * 65535 + 0.5)) >> 8)
  return CHANNEL (rgba->alpha) << 24 | CHANNEL (rgba->red * rgba->alpha) << 16 |
         CHANNEL (rgba->green * rgba->alpha) << 8 | CHANNEL (rgba->blue * rgba->alpha);
#undef CHANNEL
}

/* The parameter t where the band's edges reach @x, their shared abscissa
 * x0 + dx (3/2 t (1 - t) + t³) being increasing (its slope is at least
 * 3/4 dx); Newton from the previous column's @t converges in a few steps. */
static double
band_t_at (double x0,
           double dx,
           double x,
           double t)
{
  double f = (x - x0) / dx;

  for (int i = 0; i < 3; i++)
    {
      t -= (1.5 * t * (1 - t) + t * t * t - f) / (1.5 - 3 * t + 3 * t * t);
      t = CLAMP (t, 0, 1);
    }
  return t;
}

/* Band @link's pixels in premultiplied @colour, column by column, in
 * device pixels. Within a column both edges are straight and parallel. */
static void
raster_band (const Raster             *raster,
             const CourantSankeyScene *scene,
             guint                     link,
             guint32                   colour)
{
  const CourantSankeyLink *l = &scene->links[link];
  double x0 = raster->sx * scene->nodes[l->source].x1 + raster->tx;
  double x1 = raster->sx * scene->nodes[l->target].x0 + raster->tx;
  double y0 = raster->sy * l->y0 + raster->ty;
  double dy = raster->sy * (l->y1 - l->y0);
  double half = raster->sy * l->width / 2;
  double t = 0, left_y, dx = x1 - x0;
  int first, last;

  if (dx <= 1e-9)
    return;
  first = MAX ((int) floor (x0), raster->x0);
  last = MIN ((int) ceil (x1), raster->x1);
  t = band_t_at (x0, dx, MAX (first, x0), t);
  left_y = y0 + dy * t * t * (3 - 2 * t);
  for (int x = first; x < last; x++)
    {
      double width = MIN (x + 1, x1) - MAX (x, x0);
      double right_y, high, low, inverse;
      int row, end;

      t = band_t_at (x0, dx, MIN (x + 1, x1), t);
      right_y = y0 + dy * t * t * (3 - 2 * t);
      high = MIN (left_y, right_y);
      low = MAX (left_y, right_y);
      inverse = low - high < 1e-6 ? 0 : 1 / (right_y - left_y);
      row = MAX ((int) floor (high - half), raster->y0);
      end = MIN ((int) ceil (low + half), raster->y1);
      for (guint32 *pixel = (guint32 *) (raster->data + (gsize) row * raster->stride) + x;
           row < end;
           row++, pixel = (guint32 *) ((guchar *) pixel + raster->stride))
        {
          double inside = width;
          guint coverage;

          /* Rows between the two edges are covered whole. */
          if (row < low - half || row + 1 > high + half)
            inside *= share_below (row, left_y - half, right_y - half, inverse) -
                      share_below (row, left_y + half, right_y + half, inverse);
          coverage = (guint) (inside * 255 + 0.5);
          if (coverage > 0)
            *pixel = blend_pixel (*pixel, colour, MIN (coverage, 255));
        }
      left_y = right_y;
    }
}

void
courant_sankey_render_bands (cairo_t                  *cr,
                             const CourantSankeyScene *scene,
                             const CourantTheme       *theme,
                             const guint8             *only,
                             double                    alpha)
{
  Raster raster = { 0 };
  gboolean fast;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (theme != NULL);

  fast = raster_init (cr, &raster);
  for (guint i = 0; i < scene->n_links; i++)
    {
      guint l = scene->step_links[i];
      CourantRgba colour;

      if (scene->links[l].width <= 0 || (only != NULL && !only[l]))
        continue;
      colour = courant_sankey_render_node_colour (scene, scene->links[l].source, theme);
      colour.alpha *= alpha;
      if (fast)
        {
          raster_band (&raster, scene, l, premultiply (&colour));
          continue;
        }
      courant_rgba_set_source (cr, &colour);
      courant_sankey_render_link_path (cr, scene, l);
      cairo_fill (cr);
    }
  if (fast)
    cairo_surface_mark_dirty (cairo_get_group_target (cr));
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
  courant_sankey_render_bands (cr, scene, theme, NULL, theme->dark ? 0.5 : 0.4);
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
