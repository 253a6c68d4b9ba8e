/* courant-timeline-render.h: drawing a series timeline with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "courant-theme.h"
#include "courant-timeline-scene.h"

G_BEGIN_DECLS

/* Draws the whole chart: title, legend, axes and grid, annotations and the
 * series. The background is the caller's. */
void courant_timeline_render        (cairo_t                    *cr,
                                     const CourantTimelineScene *scene,
                                     const CourantTheme         *theme);
/* Only the series, clipped to the plot: the base layer's costly part. */
void courant_timeline_render_series (cairo_t                    *cr,
                                     const CourantTimelineScene *scene,
                                     const CourantTheme         *theme);
/* The crosshair at @pick: a rule, a dot per series and a label box. */
void courant_timeline_render_pick   (cairo_t                    *cr,
                                     const CourantTimelineScene *scene,
                                     const CourantTimelinePick  *pick,
                                     const CourantTheme         *theme);

G_END_DECLS
