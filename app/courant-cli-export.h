/* courant-cli-export.h: the charts that courant-cli export can draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "courant-flows.h"
#include "courant-source.h"
#include "courant-theme.h"

G_BEGIN_DECLS

/* Milliseconds spent in each phase; a phase that did not run stays negative. */
typedef struct
{
  double open_ms;
  double load_ms;
  double query_ms;
  double layout_ms;
  double render_ms;
  double write_ms;
} CourantExportTimings;

/* One chart of `courant-cli export --chart NAME`. The same scene and renderer
 * as the widget draw the file, so the file is what the screen shows. */
typedef struct
{
  const char   *name;
  const char   *summary;
  gpointer      (*new_state)   (void);
  /* The chart's own options (flows or series options…), owned by the state. */
  GOptionGroup *(*get_options) (gpointer              state);
  /* Loads, queries and lays out for a drawing of @width × @height px. */
  gboolean      (*prepare)     (gpointer              state,
                                CourantSource        *source,
                                double                width,
                                double                height,
                                const CourantTheme   *theme,
                                CourantExportTimings *timings,
                                GError              **error);
  /* Draws on @cr, already filled with the background, in px units. */
  void          (*render)      (gpointer              state,
                                cairo_t              *cr,
                                const CourantTheme   *theme,
                                const char           *title);
  void          (*free_state)  (gpointer              state);
} CourantExportChart;

extern const CourantExportChart courant_export_timeline;

extern const CourantExportChart courant_export_sankey;

extern const CourantExportChart courant_export_journey;

extern const CourantExportChart courant_export_thermo;

extern const CourantExportChart courant_export_heatmap;

/* The Sankey layout of @flows at @width × @height px, as JSON (courant-cli
 * flows --layout), drawn by the same scene as the export and the view. */
char  *courant_cli_sankey_layout_json (const CourantFlowsResult *flows,
                                       int                       width,
                                       int                       height);

G_END_DECLS
