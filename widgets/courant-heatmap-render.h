/* courant-heatmap-render.h: drawing a days × time-of-day heatmap with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "courant-heatmap-scene.h"
#include "courant-theme.h"

G_BEGIN_DECLS

/* Draws the whole chart: title, cells over the "no data" hatch, axes and
 * the legend. The background is the caller's. */
void courant_heatmap_render         (cairo_t                   *cr,
                                     const CourantHeatmapScene *scene,
                                     const CourantTheme        *theme);
/* The cells alone, clipped to the plot: one pixel per cell in an image
 * scaled with the nearest filter, or one rectangle per run of cells on a
 * vector surface (SVG, PDF), where an image would be resampled by the
 * viewer. */
void courant_heatmap_render_cells   (cairo_t                   *cr,
                                     const CourantHeatmapScene *scene,
                                     const CourantTheme        *theme);
/* An outline around one cell: the focused or hovered one. */
void courant_heatmap_render_outline (cairo_t                   *cr,
                                     const CourantHeatmapScene *scene,
                                     guint                      row,
                                     guint                      slot,
                                     const CourantTheme        *theme);

G_END_DECLS
