/* courant-series-choice.h: what the series pages of a table offer and load
 *
 * The measures of a table, and the spec that loads one of them into the
 * series store with its series told apart by the entity (or else by an
 * attribute), shared by the pages that draw a table's series.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "courant-roles.h"
#include "courant-series-store.h"

G_BEGIN_DECLS

/* Whether a table has a time and a measure. */
gboolean       courant_series_choice_can_show      (const CourantTableRoles *roles);
/* The table's measures (its value columns), in the table's order. */
GtkStringList *courant_series_choice_list_measures (const CourantTableRoles *roles);
/* Fills @spec to load @measure of the table; it points into @roles and
 * @measure, which must outlive it. */
void           courant_series_choice_init_spec     (CourantSeriesSpec       *spec,
                                                    const CourantTableRoles *roles,
                                                    const char              *measure);

G_END_DECLS
