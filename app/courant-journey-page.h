/* courant-journey-page.h: the 360° view of one customer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-palette.h"
#include "courant-roles.h"
#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_JOURNEY_PAGE (courant_journey_page_get_type ())
G_DECLARE_FINAL_TYPE (CourantJourneyPage, courant_journey_page, COURANT, JOURNEY_PAGE, AdwBin)

/* Whether a table has what a journey needs: an entity, a time and an event. */
gboolean courant_journey_page_can_show      (const CourantTableRoles *roles);
/* Shows the customers of a journeys table; NULL clears the page. Local
 * times are read and shown in @timezone. */
void     courant_journey_page_set_table     (CourantJourneyPage      *self,
                                             CourantSource           *source,
                                             const CourantTableRoles *roles,
                                             GTimeZone               *timezone,
                                             CourantPaletteMap       *palette);
/* Loads and shows customer @entity (their key, as text) in a worker. */
void     courant_journey_page_show_customer (CourantJourneyPage      *self,
                                             const char              *entity);
/* Draws a customer at random, then shows them. */
void     courant_journey_page_show_random   (CourantJourneyPage      *self);

G_END_DECLS
