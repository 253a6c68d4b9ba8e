/* courant-thermo-render.h: drawing a thermosensitivity chart with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "courant-theme.h"
#include "courant-thermo-scene.h"

G_BEGIN_DECLS

/* Draws the whole chart: title, legend, axes and grid, the points, the
 * model's line and the box of its figures. */
void courant_thermo_render           (cairo_t                  *cr,
                                      const CourantThermoScene *scene,
                                      const CourantTheme       *theme);
/* A ring around point @index: the hovered or focused one. */
void courant_thermo_render_highlight (cairo_t                  *cr,
                                      const CourantThermoScene *scene,
                                      gsize                     index,
                                      const CourantTheme       *theme);

G_END_DECLS
