/* courant-heatmap-view.h: the interactive days × time-of-day heatmap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "courant-heatmap-scene.h"

G_BEGIN_DECLS

#define COURANT_TYPE_HEATMAP_VIEW (courant_heatmap_view_get_type ())

G_DECLARE_FINAL_TYPE (CourantHeatmapView, courant_heatmap_view, COURANT, HEATMAP_VIEW, GtkWidget)

GtkWidget                 *courant_heatmap_view_new              (void);
/* Takes @heatmap (NULL clears the view); @unit names its values (NULL: none). */
void                       courant_heatmap_view_set_heatmap      (CourantHeatmapView *self,
                                                                  CourantHeatmap     *heatmap,
                                                                  const char         *unit);
const CourantHeatmap      *courant_heatmap_view_get_heatmap      (CourantHeatmapView *self);
void                       courant_heatmap_view_set_dark         (CourantHeatmapView *self,
                                                                  gboolean            dark);
/* The cell that has the keyboard focus: FALSE when none has. */
gboolean                   courant_heatmap_view_get_focus        (CourantHeatmapView *self,
                                                                  guint              *row,
                                                                  guint              *slot);
/* Gives the cell the focus, kept inside the grid. */
void                       courant_heatmap_view_set_focus        (CourantHeatmapView *self,
                                                                  guint               row,
                                                                  guint               slot);
/* The text of the tooltip: the cell under the pointer, or else the focused
 * one; NULL over no cell. */
char                      *courant_heatmap_view_dup_tooltip_text (CourantHeatmapView *self);
/* The scene on screen, or NULL without a heatmap or before the first
 * allocation. */
const CourantHeatmapScene *courant_heatmap_view_get_scene        (CourantHeatmapView *self);

G_END_DECLS
