/* courant-sankey-view.h: the interactive Sankey diagram of journeys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "courant-sankey-scene.h"

G_BEGIN_DECLS

#define COURANT_TYPE_SANKEY_VIEW (courant_sankey_view_get_type ())

G_DECLARE_FINAL_TYPE (CourantSankeyView, courant_sankey_view, COURANT, SANKEY_VIEW, GtkWidget)

/* Signals: "activate-node" (guint node) on click, Enter or Space on the
 * focused node; "activate-link" (guint link) on a click on a band. The
 * indices are the graph's, so the flows result's. */
GtkWidget                *courant_sankey_view_new          (void);
/* Takes @graph; the view lays it out again at every size. */
void                      courant_sankey_view_set_graph    (CourantSankeyView  *self,
                                                            CourantSankeyGraph *graph);
/* Takes @graph (or NULL): the view lays it out too and keeps its node
 * order, so that views given the same order graph (the union of their
 * graphs) show their common nodes in the same order. */
void                      courant_sankey_view_set_order_graph (CourantSankeyView  *self,
                                                               CourantSankeyGraph *graph);
/* Colours by label, shared with the other views that must agree. */
void                      courant_sankey_view_set_palette  (CourantSankeyView  *self,
                                                            CourantPaletteMap  *palette);
void                      courant_sankey_view_set_dark     (CourantSankeyView  *self,
                                                            gboolean            dark);
/* What the pointer is over (highlighted with every path through it). */
CourantSankeyPick         courant_sankey_view_get_hover    (CourantSankeyView  *self);
void                      courant_sankey_view_set_hover    (CourantSankeyView  *self,
                                                            CourantSankeyPick   pick);
/* The node that has the keyboard focus, or G_MAXUINT. */
guint                     courant_sankey_view_get_focus_node (CourantSankeyView *self);
/* TRUE for the links on a path through the hovered node or band. */
gboolean                  courant_sankey_view_is_highlighted (CourantSankeyView *self,
                                                              guint              link);
/* The tooltip text of a node or band. */
char                     *courant_sankey_view_describe_pick (CourantSankeyView *self,
                                                             CourantSankeyPick  pick);
/* The scene on screen, or NULL before the first allocation. */
const CourantSankeyScene *courant_sankey_view_get_scene    (CourantSankeyView  *self);

G_END_DECLS
