/* courant-table-page.h: what one table of a source holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_TABLE_PAGE (courant_table_page_get_type ())
G_DECLARE_FINAL_TYPE (CourantTablePage, courant_table_page, COURANT, TABLE_PAGE, AdwBin)

/* Shows @table of @source; NULL clears the page. */
void          courant_table_page_set_table (CourantTablePage *self,
                                            CourantSource    *source,
                                            const char       *table);
AdwViewStack *courant_table_page_get_stack (CourantTablePage *self);

G_END_DECLS
