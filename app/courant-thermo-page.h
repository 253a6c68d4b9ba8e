/* courant-thermo-page.h: consumption against temperature
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-roles.h"
#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_THERMO_PAGE (courant_thermo_page_get_type ())
G_DECLARE_FINAL_TYPE (CourantThermoPage, courant_thermo_page, COURANT, THERMO_PAGE, AdwBin)

/* Whether a table can be set against a temperature: a table of readings
 * (not of weather) with a time and a measure. */
gboolean courant_thermo_page_can_show  (const CourantTableRoles *roles);
/* Shows the table's consumption against the temperature of another
 * table of @source, loading and fitting in a worker; NULL clears it. */
void     courant_thermo_page_set_table (CourantThermoPage       *self,
                                        CourantSource           *source,
                                        const CourantTableRoles *roles,
                                        GTimeZone               *timezone);

G_END_DECLS
