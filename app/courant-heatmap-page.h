/* courant-heatmap-page.h: a series table as days × time of day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-roles.h"
#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_HEATMAP_PAGE (courant_heatmap_page_get_type ())
G_DECLARE_FINAL_TYPE (CourantHeatmapPage, courant_heatmap_page, COURANT, HEATMAP_PAGE, AdwBin)

/* Whether a table has what a heatmap needs: a time and a measure. */
gboolean courant_heatmap_page_can_show  (const CourantTableRoles *roles);
/* Shows the table's measures by local day and slot of the day, loading and
 * computing them in a worker; NULL clears the page. Local days are those of
 * @timezone. */
void     courant_heatmap_page_set_table (CourantHeatmapPage      *self,
                                         CourantSource           *source,
                                         const CourantTableRoles *roles,
                                         GTimeZone               *timezone);

G_END_DECLS
