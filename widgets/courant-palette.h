/* courant-palette.h: categorical colours, stable label colours, heatmap ramp
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "courant-theme.h"

G_BEGIN_DECLS

#define COURANT_PALETTE_SIZE 8

CourantRgba courant_palette_get  (gboolean dark,
                                  guint    index);
CourantRgba courant_palette_ramp (double   t);

/* Colours for labels (channels, events, production sources) that stay the
 * same in every view that shares the map.
 */
typedef struct _CourantPaletteMap CourantPaletteMap;

CourantPaletteMap *courant_palette_map_new       (void);
CourantPaletteMap *courant_palette_map_ref       (CourantPaletteMap *self);
void               courant_palette_map_unref     (CourantPaletteMap *self);
void               courant_palette_map_set_fixed (CourantPaletteMap *self,
                                                  const char        *label,
                                                  guint              index);
guint              courant_palette_map_lookup    (CourantPaletteMap *self,
                                                  const char        *label);
CourantRgba        courant_palette_map_get       (CourantPaletteMap *self,
                                                  const char        *label,
                                                  gboolean           dark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantPaletteMap, courant_palette_map_unref)

G_END_DECLS
