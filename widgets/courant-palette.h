/* courant-palette.h: categorical colours, stable label colours, heatmap ramp
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "courant-theme.h"

G_BEGIN_DECLS

#define COURANT_PALETTE_SIZE 8
/* Colours for labels: the palette's seven hues, then nine more. */
#define COURANT_PALETTE_LABEL_SIZE 16

CourantRgba courant_palette_get  (gboolean dark,
                                  guint    index);
CourantRgba courant_palette_ramp (double   t);
CourantRgba courant_palette_get_label (gboolean dark,
                                       guint    index);

/* Colours for labels (channels, events, production sources) that stay the
 * same in every view that shares the map: up to 16 labels get colours of
 * their own. Indices are in the label palette.
 */
typedef struct _CourantPaletteMap CourantPaletteMap;

CourantPaletteMap *courant_palette_map_new       (void);
CourantPaletteMap *courant_palette_map_ref       (CourantPaletteMap *self);
void               courant_palette_map_unref     (CourantPaletteMap *self);
void               courant_palette_map_set_fixed (CourantPaletteMap *self,
                                                  const char        *label,
                                                  guint              index);
/* Gives the labels not yet in the map colours of their own, in order:
 * the first ones (say, the commonest events) get the best colours. */
void               courant_palette_map_assign    (CourantPaletteMap *self,
                                                  const char *const *labels);
guint              courant_palette_map_lookup    (CourantPaletteMap *self,
                                                  const char        *label);
CourantRgba        courant_palette_map_get       (CourantPaletteMap *self,
                                                  const char        *label,
                                                  gboolean           dark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantPaletteMap, courant_palette_map_unref)

G_END_DECLS
