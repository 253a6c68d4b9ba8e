/* courant-drilldown-list.h: the customers behind a node or a band of the flows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "courant-event-store.h"
#include "courant-source.h"

G_BEGIN_DECLS

/* The entities of a drill-down, with what the list shows of each: the
 * key, the attributes of a table of customers, the number of events and
 * the last one. Immutable once made, so that a worker can read it. */
typedef struct _CourantDrilldownList CourantDrilldownList;

/* The attribute columns (segment, region…) of the table whose unique key
 * column has the name of @entity_column, joined to @store's entities: a
 * GPtrArray of CourantEntityAttribute, empty when the source has no such
 * table. Blocking: call it from a worker. */
GPtrArray            *courant_drilldown_load_attributes (CourantEventStore  *store,
                                                         CourantSource      *source,
                                                         const char         *journeys_table,
                                                         const char         *entity_column,
                                                         GTimeZone          *tz,
                                                         char             ***names,
                                                         GCancellable       *cancellable,
                                                         GError            **error);

/* Takes nothing: @entities, @attributes and @attribute_names are
 * referenced or copied. @ordinal: the times are an order, not instants. */
CourantDrilldownList *courant_drilldown_list_new        (CourantEventStore  *store,
                                                         GArray             *entities,
                                                         const char         *key_title,
                                                         GPtrArray          *attributes,
                                                         const char *const  *attribute_names,
                                                         GTimeZone          *tz,
                                                         gboolean            ordinal);
CourantDrilldownList *courant_drilldown_list_ref        (CourantDrilldownList *self);
void                  courant_drilldown_list_unref      (CourantDrilldownList *self);

guint                 courant_drilldown_list_get_n_rows    (const CourantDrilldownList *self);
/* The key, the attributes, the number of events, the last event. */
guint                 courant_drilldown_list_get_n_columns (const CourantDrilldownList *self);
/* Column names for data (the key and the attributes), titles otherwise. */
const char           *courant_drilldown_list_get_column_title (const CourantDrilldownList *self,
                                                               guint                       column);
/* For the screen (@for_csv FALSE): numbers and dates in the locale; for a
 * file: plain numbers and ISO 8601 instants. */
char                 *courant_drilldown_list_dup_cell      (const CourantDrilldownList *self,
                                                            guint                       row,
                                                            guint                       column,
                                                            gboolean                    for_csv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantDrilldownList, courant_drilldown_list_unref)

/* The rows of a list whose key contains a search text, as a GListModel of
 * CourantDrilldownRow made on demand: cheap for 100,000 rows. */
#define COURANT_TYPE_DRILLDOWN_ROW (courant_drilldown_row_get_type ())
G_DECLARE_FINAL_TYPE (CourantDrilldownRow, courant_drilldown_row, COURANT, DRILLDOWN_ROW, GObject)

CourantDrilldownList *courant_drilldown_row_get_list  (CourantDrilldownRow *self);
guint                 courant_drilldown_row_get_index (CourantDrilldownRow *self);

#define COURANT_TYPE_DRILLDOWN_MODEL (courant_drilldown_model_get_type ())
G_DECLARE_FINAL_TYPE (CourantDrilldownModel, courant_drilldown_model, COURANT, DRILLDOWN_MODEL, GObject)

CourantDrilldownModel *courant_drilldown_model_new        (CourantDrilldownList  *list);
CourantDrilldownList  *courant_drilldown_model_get_list   (CourantDrilldownModel *self);
/* Keeps the rows whose key contains @text, ignoring case; "" keeps all. */
void                   courant_drilldown_model_set_search (CourantDrilldownModel *self,
                                                           const char            *text);

/* Writes the rows of the model as they are now as CSV (RFC 4180) in a
 * worker, to a temporary file renamed over @file at the end. */
void                   courant_drilldown_model_save_csv_async  (CourantDrilldownModel *self,
                                                                GFile                 *file,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
gboolean               courant_drilldown_model_save_csv_finish (CourantDrilldownModel *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);

/* A column of "Open journey" buttons for a view of CourantDrilldownRow:
 * each activates `table.show-customer` with its row's key. */
GtkColumnViewColumn   *courant_drilldown_journey_column_new    (void);

G_END_DECLS
