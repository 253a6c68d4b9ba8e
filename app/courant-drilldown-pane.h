/* courant-drilldown-pane.h: the list of the customers behind a flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-drilldown-list.h"

G_BEGIN_DECLS

#define COURANT_TYPE_DRILLDOWN_PANE (courant_drilldown_pane_get_type ())
G_DECLARE_FINAL_TYPE (CourantDrilldownPane, courant_drilldown_pane, COURANT, DRILLDOWN_PANE, AdwBin)

/* Signals: "close" when the user closes the list; "re-root" when the user
 * asks for the journeys that start with courant_drilldown_pane_get_event(). */

/* Shows that the list of @what ("bill_viewed at step 2") is being
 * computed. @event: the event of the clicked node, or NULL when the
 * journeys cannot be re-rooted there. */
void        courant_drilldown_pane_begin      (CourantDrilldownPane *self,
                                               const char           *what,
                                               const char           *event);
/* Shows the list of a courant_drilldown_task_run_async() (or why it
 * could not be made), and gives in @attributes and @attribute_names what
 * courant_drilldown_task_run_finish() does. Returns FALSE, leaving the
 * pane alone, when the drill-down was cancelled. */
gboolean    courant_drilldown_pane_finish     (CourantDrilldownPane  *self,
                                               GAsyncResult          *result,
                                               GPtrArray            **attributes,
                                               char               ***attribute_names);
const char *courant_drilldown_pane_get_event  (CourantDrilldownPane *self);
/* The rows shown, after the search (NULL while computing). */
CourantDrilldownModel *courant_drilldown_pane_get_model (CourantDrilldownPane *self);

G_END_DECLS
