/* courant-sankey-scene.h: the layout of a Sankey diagram of journeys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "courant-flows.h"
#include "courant-palette.h"
#include "courant-theme.h"

G_BEGIN_DECLS

/* The input of a layout: nodes in columns (steps), links from a node of
 * step k to a node of step k + 1. It copies its labels, so a graph can be
 * built by hand (tests, benchmarks) or from a flows result.
 */
typedef struct
{
  guint       step;
  const char *label;
  double      value;
  /* The labels it groups (an "(other)" node), in the graph's members. */
  guint       first_member;
  guint       n_members;
} CourantSankeyGraphNode;

typedef struct
{
  const char *label;
  double      value;
} CourantSankeyGraphMember;

typedef struct
{
  guint  source;
  guint  target;
  double value;
  double mean_gap_ms;   /* mean time between the two steps; NAN if unknown */
} CourantSankeyGraphLink;

typedef struct _CourantSankeyGraph CourantSankeyGraph;

CourantSankeyGraph           *courant_sankey_graph_new            (void);
CourantSankeyGraph           *courant_sankey_graph_new_from_flows (const CourantFlowsResult *flows);
/* Every node (step, label) and link of @a and @b once, values added up:
 * laid out once, it gives two graphs one node order to share. */
CourantSankeyGraph           *courant_sankey_graph_new_union      (const CourantSankeyGraph *a,
                                                                   const CourantSankeyGraph *b);
void                          courant_sankey_graph_free           (CourantSankeyGraph       *graph);
guint                         courant_sankey_graph_add_node       (CourantSankeyGraph       *graph,
                                                                   guint                     step,
                                                                   const char               *label,
                                                                   double                    value);
void                          courant_sankey_graph_add_link       (CourantSankeyGraph       *graph,
                                                                   guint                     source,
                                                                   guint                     target,
                                                                   double                    value);
/* A label that @node groups; a node's members are added one after the
 * other, the largest first. */
void                          courant_sankey_graph_add_member     (CourantSankeyGraph       *graph,
                                                                   guint                     node,
                                                                   const char               *label,
                                                                   double                    value);
const CourantSankeyGraphMember *courant_sankey_graph_get_member   (const CourantSankeyGraph *graph,
                                                                   guint                     node,
                                                                   guint                     index);
guint                         courant_sankey_graph_get_n_nodes    (const CourantSankeyGraph *graph);
guint                         courant_sankey_graph_get_n_links    (const CourantSankeyGraph *graph);
const CourantSankeyGraphNode *courant_sankey_graph_get_node       (const CourantSankeyGraph *graph,
                                                                   guint                     index);
const CourantSankeyGraphLink *courant_sankey_graph_get_link       (const CourantSankeyGraph *graph,
                                                                   guint                     index);

typedef struct _CourantSankeyScene CourantSankeyScene;

typedef struct
{
  double              width;            /* px */
  double              height;
  double              node_width;       /* default 16 */
  double              node_padding;     /* default 8; less where a column is crowded */
  double              min_node_height;  /* default 2: every node stays visible */
  gboolean            end_at_bottom;    /* default TRUE: (end) last in its column */
  guint               iterations;       /* relaxation sweeps, default 16 */
  /* With a theme, the scene places labels (and measures them in its
   * fonts) and keeps room for @title; without one it is geometry only. */
  const CourantTheme *theme;
  const char         *title;
  /* Colours by label, shared by the views that must agree; NULL: a new map. */
  CourantPaletteMap  *palette;
  /* A scene whose node order this one keeps: nodes with the same step
   * and label come in the same order, the others after them (by value),
   * "(end)" still last. NULL: the order that crosses least. */
  const CourantSankeyScene *order;
} CourantSankeyOptions;

typedef enum
{
  COURANT_SANKEY_NODE_PLAIN,
  COURANT_SANKEY_NODE_OTHER,    /* "(other)": drawn grey */
  COURANT_SANKEY_NODE_END,      /* "(end)": drop-offs, grey, last in its column */
} CourantSankeyNodeKind;

typedef struct
{
  double                 x0, y0, x1, y1;
  guint                  step;
  guint                  rank;          /* position in its column, from the top */
  CourantSankeyNodeKind  kind;
  char                  *label;         /* the code: colours, drill-downs, JSON */
  char                  *display;       /* the label as people read it */
  double                 value;
  double                 share;         /* of its column's total */
  /* The label, when it fits without touching another one. */
  gboolean               label_visible;
  char                  *label_text;
  double                 label_x, label_y, label_width, label_height;   /* its box */
} CourantSankeyNode;

typedef struct
{
  guint  source;
  guint  target;
  double value;
  double width;     /* px, the same at both ends */
  double y0;        /* band centre at the source */
  double y1;        /* band centre at the target */
} CourantSankeyLink;

struct _CourantSankeyScene
{
  double              width;
  double              height;
  double              node_width;
  guint               n_steps;
  guint               n_nodes;
  guint               n_links;
  /* Indices are the graph's (and so the flows result's) indices. */
  CourantSankeyNode  *nodes;
  CourantSankeyLink  *links;
  /* Links grouped by source step, for hit tests: step k's links are
   * step_links[step_link_start[k] .. step_link_start[k + 1]). */
  guint              *step_links;
  guint              *step_link_start;
  char               *title;
  double              title_x, title_y;
  double              total;              /* the first column's value */
  CourantPaletteMap  *palette;
};

CourantSankeyScene *courant_sankey_scene_new                 (const CourantSankeyGraph   *graph,
                                                              const CourantSankeyOptions *options);
void                courant_sankey_scene_free                (CourantSankeyScene         *scene);
void                courant_sankey_options_init              (CourantSankeyOptions       *options,
                                                              double                      width,
                                                              double                      height);

typedef enum
{
  COURANT_SANKEY_PICK_NONE,
  COURANT_SANKEY_PICK_NODE,
  COURANT_SANKEY_PICK_LINK,
} CourantSankeyPickKind;

typedef struct
{
  CourantSankeyPickKind kind;
  guint                 index;
} CourantSankeyPick;

/* The node or the band under (@x, @y); nodes win over bands, and of two
 * bands the one drawn last (on top). */
CourantSankeyPick   courant_sankey_scene_pick                (const CourantSankeyScene   *scene,
                                                              double                      x,
                                                              double                      y);
/* The centre line of link @index at @x (between its two nodes). */
double              courant_sankey_scene_link_centre         (const CourantSankeyScene   *scene,
                                                              guint                       index,
                                                              double                      x);
/* Pairs of links leaving the same column whose order differs at their two
 * ends, weighted by the product of their values (the peers' score). */
double              courant_sankey_scene_weighted_crossings  (const CourantSankeyScene   *scene,
                                                              guint64                    *crossings);
/* A sentence for screen readers: the journeys, the steps, the largest flows. */
char               *courant_sankey_scene_describe            (const CourantSankeyScene   *scene,
                                                              guint                       max_flows);
/* The layout in the peers' JSON shape: nodes with x0, x1, y0, y1; links
 * with width and band centres y0, y1. */
char               *courant_sankey_scene_to_json             (const CourantSankeyScene   *scene);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantSankeyGraph, courant_sankey_graph_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantSankeyScene, courant_sankey_scene_free)

G_END_DECLS
