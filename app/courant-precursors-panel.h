/* courant-precursors-panel.h: what comes before an outcome, ranked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-precursors.h"
#include "courant-roles.h"
#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_PRECURSORS_PANEL (courant_precursors_panel_get_type ())
G_DECLARE_FINAL_TYPE (CourantPrecursorsPanel, courant_precursors_panel, COURANT, PRECURSORS_PANEL, AdwBin)

/* The columns of the ranking, in the order they are shown. */
typedef enum
{
  COURANT_PRECURSORS_COLUMN_SEQUENCE,
  COURANT_PRECURSORS_COLUMN_CUSTOMERS,
  COURANT_PRECURSORS_COLUMN_SUPPORT,
  COURANT_PRECURSORS_COLUMN_BASELINE,
  COURANT_PRECURSORS_COLUMN_LIFT,
  COURANT_PRECURSORS_COLUMN_SIGNIFICANCE,
  COURANT_PRECURSORS_N_COLUMNS
} CourantPrecursorsColumn;

/* Ranks what precedes an outcome in the journeys of the table (who, when
 * and what, as for the flows), loaded in a worker once the panel is
 * shown; NULL clears the panel. */
void        courant_precursors_panel_set_table   (CourantPrecursorsPanel  *self,
                                                  CourantSource           *source,
                                                  const CourantTableRoles *roles,
                                                  GTimeZone               *timezone);
/* The table's events, loaded once by the table page for this panel and
 * the journeys; or why they could not be read. */
void        courant_precursors_panel_set_store   (CourantPrecursorsPanel  *self,
                                                  CourantEventStore       *store);
void        courant_precursors_panel_show_load_error (CourantPrecursorsPanel *self,
                                                      const GError           *error);
CourantEventStore *courant_precursors_panel_get_store (CourantPrecursorsPanel *self);
/* The outcome event ranked against, or NULL before the journeys are read. */
const char *courant_precursors_panel_get_outcome (CourantPrecursorsPanel  *self);
/* Chooses another outcome among the events of the table. */
void        courant_precursors_panel_set_outcome (CourantPrecursorsPanel  *self,
                                                  const char              *outcome);
/* The ranking on screen, or NULL while none is. */
const CourantPrecursorsResult *courant_precursors_panel_get_result (CourantPrecursorsPanel *self);
/* The rows shown, in the order of the current sort. */
guint       courant_precursors_panel_get_n_rows  (CourantPrecursorsPanel  *self);
/* A cell as the panel shows it. */
char       *courant_precursors_panel_dup_cell    (CourantPrecursorsPanel  *self,
                                                  guint                    row,
                                                  CourantPrecursorsColumn  column);

G_END_DECLS
