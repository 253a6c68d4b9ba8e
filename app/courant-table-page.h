/* courant-table-page.h: what one table of a source holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-event-store.h"
#include "courant-open.h"

G_BEGIN_DECLS

#define COURANT_TYPE_TABLE_PAGE (courant_table_page_get_type ())
G_DECLARE_FINAL_TYPE (CourantTablePage, courant_table_page, COURANT, TABLE_PAGE, AdwBin)

/* Shows @table of the opened source; NULL clears the page. The page keeps
 * no reference to @opened: the window clears the page before freeing it. */
void          courant_table_page_set_table (CourantTablePage    *self,
                                            const CourantOpened *opened,
                                            const char          *table);
AdwViewStack *courant_table_page_get_stack (CourantTablePage *self);
/* The events of the table the journeys and the precursors share; NULL
 * until they are read. */
CourantEventStore *courant_table_page_get_events (CourantTablePage *self);

G_END_DECLS
