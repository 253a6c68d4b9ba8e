/* courant-drilldown-task.h: computing a drill-down's list in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "courant-drilldown-list.h"
#include "courant-roles.h"

G_BEGIN_DECLS

/* The entities behind thing @index of @data (a node, a band, a row), as
 * a GArray of guint32, computed in the worker; may stop early when
 * @cancellable is cancelled. */
typedef GArray *(*CourantDrilldownEntitiesFunc) (gpointer      data,
                                                 guint         index,
                                                 GCancellable *cancellable);

/* Lists the entities @entities_func gives for @index, with the attributes
 * of the journeys table of @roles in @source: @attributes and
 * @attribute_names when they were read already (both NULL otherwise, and
 * the worker reads them). Takes @entities_data, freed with
 * @entities_data_free. */
void                  courant_drilldown_task_run_async  (CourantEventStore            *store,
                                                         CourantSource                *source,
                                                         const CourantTableRoles      *roles,
                                                         GTimeZone                    *tz,
                                                         GPtrArray                    *attributes,
                                                         char                        **attribute_names,
                                                         CourantDrilldownEntitiesFunc  entities_func,
                                                         gpointer                      entities_data,
                                                         GDestroyNotify                entities_data_free,
                                                         guint                         index,
                                                         GCancellable                 *cancellable,
                                                         GAsyncReadyCallback           callback,
                                                         gpointer                      user_data);
/* The list; and in @attributes and @attribute_names (each may be NULL)
 * the attributes it was made with, for the caller to keep for the next
 * drill-down. */
CourantDrilldownList *courant_drilldown_task_run_finish (GAsyncResult                 *result,
                                                         GPtrArray                   **attributes,
                                                         char                       ***attribute_names,
                                                         GError                      **error);

G_END_DECLS
