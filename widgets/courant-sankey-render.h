/* courant-sankey-render.h: drawing a Sankey scene with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "courant-sankey-scene.h"
#include "courant-theme.h"

G_BEGIN_DECLS

/* Draws the title, the bands, the nodes and the visible labels, in the
 * scene's px units, on any surface (screen, PNG, SVG, PDF). */
void        courant_sankey_render           (cairo_t                  *cr,
                                             const CourantSankeyScene *scene,
                                             const CourantTheme       *theme);
/* A node's colour: its label's in the scene's palette, grey for (end)
 * and (other). Bands take their source node's colour, translucent. */
CourantRgba courant_sankey_render_node_colour (const CourantSankeyScene *scene,
                                               guint                     node,
                                               const CourantTheme       *theme);
/* Draws the bands (those whose byte in @only is not 0, when @only is
 * not NULL), their source's colour at @alpha, in the order of the full
 * drawing, which takes 0.4 (light) or 0.5 (dark). */
void        courant_sankey_render_bands     (cairo_t                  *cr,
                                             const CourantSankeyScene *scene,
                                             const CourantTheme       *theme,
                                             const guint8             *only,
                                             double                    alpha);
/* Adds the outline of band @link to the current path (for highlights). */
void        courant_sankey_render_link_path (cairo_t                  *cr,
                                             const CourantSankeyScene *scene,
                                             guint                     link);

G_END_DECLS
