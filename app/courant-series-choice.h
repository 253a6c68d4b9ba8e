/* courant-series-choice.h: what the series pages of a table offer and load
 *
 * The measures of a table, the spec that loads one of them into the
 * series store with its series told apart by the entity (or else by an
 * attribute), and the menu of its series after their total, shared by
 * the pages that draw a table's series.
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
/* The measure chosen in a menu of courant_series_choice_list_measures(),
 * or NULL. */
const char    *courant_series_choice_get_measure   (GtkDropDown             *dropdown);
/* Fills @spec to load @measure of the table; it points into @roles and
 * @measure, which must outlive it. */
void           courant_series_choice_init_spec     (CourantSeriesSpec       *spec,
                                                    const CourantTableRoles *roles,
                                                    const char              *measure);
/* Loads @measure of the table as courant_series_store_load_async() does,
 * with the spec of courant_series_choice_init_spec(). */
void           courant_series_choice_load_async    (CourantSource           *source,
                                                    const CourantTableRoles *roles,
                                                    const char              *measure,
                                                    GTimeZone               *timezone,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
/* "All (sum)", then the name of each series of @store. */
GtkStringList *courant_series_choice_list_series   (CourantSeriesStore      *store);
/* The name of the series chosen in a menu of
 * courant_series_choice_list_series() over @store, or NULL for their sum. */
const char    *courant_series_choice_get_series    (GtkDropDown             *dropdown,
                                                    CourantSeriesStore      *store);
/* The same as a list for a query's `only`, or NULL for their sum. */
char         **courant_series_choice_get_only      (GtkDropDown             *dropdown,
                                                    CourantSeriesStore      *store);

G_END_DECLS
