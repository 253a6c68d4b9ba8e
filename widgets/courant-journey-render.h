/* courant-journey-render.h: drawing one customer's journey with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "courant-journey-scene.h"
#include "courant-theme.h"

G_BEGIN_DECLS

/* Draws the whole chart: legend, lanes and their marks, grid, and the time
 * axis or the curves under the lanes. The background is the caller's. */
void courant_journey_render       (cairo_t                   *cr,
                                   const CourantJourneyScene *scene,
                                   const CourantTheme        *theme);
/* Adds the path of a mark of @shape centred on (@x, @y). */
void courant_journey_render_shape (cairo_t                   *cr,
                                   CourantJourneyShape        shape,
                                   double                     x,
                                   double                     y,
                                   double                     radius);
/* Mark @mark highlighted: a focus ring, its tooltip, and with curves a
 * rule down through them. */
void courant_journey_render_focus (cairo_t                   *cr,
                                   const CourantJourneyScene *scene,
                                   guint                      mark,
                                   const CourantTheme        *theme);

G_END_DECLS
