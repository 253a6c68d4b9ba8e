/* courant-timeline-page.h: a series table drawn over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-roles.h"
#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_TIMELINE_PAGE (courant_timeline_page_get_type ())
G_DECLARE_FINAL_TYPE (CourantTimelinePage, courant_timeline_page, COURANT, TIMELINE_PAGE, AdwBin)

/* Whether a table has what a timeline needs: a time and a measure. */
gboolean courant_timeline_page_can_show (const CourantTableRoles *roles);
/* Shows the table's measures over time, loading them in a worker; NULL
 * clears the page. Local times are read in @timezone. */
void     courant_timeline_page_set_table (CourantTimelinePage     *self,
                                          CourantSource           *source,
                                          const CourantTableRoles *roles,
                                          GTimeZone               *timezone);

G_END_DECLS
