/* courant-flows-page.h: the journeys of a table as a Sankey diagram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-flows.h"
#include "courant-palette.h"
#include "courant-roles.h"
#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_FLOWS_PAGE (courant_flows_page_get_type ())
G_DECLARE_FINAL_TYPE (CourantFlowsPage, courant_flows_page, COURANT, FLOWS_PAGE, AdwBin)

/* Whether a table holds journeys: who, when and what. */
gboolean courant_flows_page_can_show  (const CourantTableRoles *roles);
/* Shows the journeys of the table, loaded in a worker once the page is
 * shown; NULL clears the page. */
void     courant_flows_page_set_table (CourantFlowsPage        *self,
                                       CourantSource           *source,
                                       const CourantTableRoles *roles,
                                       GTimeZone               *timezone,
                                       CourantPaletteMap       *palette);
/* The table's events, loaded once by the table page for this page and
 * the precursors; or why they could not be read. */
void     courant_flows_page_set_store (CourantFlowsPage        *self,
                                       CourantEventStore       *store);
void     courant_flows_page_show_load_error (CourantFlowsPage *self,
                                             const GError     *error);
CourantEventStore *courant_flows_page_get_store (CourantFlowsPage *self);
/* The flows on screen, or NULL. */
const CourantFlowsResult *courant_flows_page_get_flows (CourantFlowsPage *self);
/* In compare mode, the flows of the second segment (on the right). */
const CourantFlowsResult *courant_flows_page_get_compare_flows (CourantFlowsPage *self);

G_END_DECLS
