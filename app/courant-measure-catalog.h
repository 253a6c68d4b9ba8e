/* courant-measure-catalog.h: every measure over time of a source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "courant-roles.h"
#include "courant-source.h"

G_BEGIN_DECLS

/* A measure of a table that has a time: what a timeline can draw. */
typedef struct
{
  CourantTableRoles *roles;
  char              *measure;
  /* When the measure's series are told apart by an attribute (the region
   * of weather readings) that another table gives each entity of the known
   * table (the region of each site): entity → series name. NULL when no
   * such table was found. */
  GHashTable        *series_of_entity;
} CourantMeasureRef;

void       courant_measure_ref_free         (CourantMeasureRef   *ref);

/* Lists the measures of every table of @source that has a time, inferring
 * the roles of the tables in a worker; @known gives the roles of a table
 * already understood (its overrides are kept), whose entities are joined to
 * the series of the other measures where a table links them. Local times
 * are read in @tz. */
void       courant_measure_catalog_async    (CourantSource           *source,
                                             const CourantTableRoles *known,
                                             GTimeZone               *tz,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
/* A GPtrArray of CourantMeasureRef, in the order of the tables. */
GPtrArray *courant_measure_catalog_finish   (GAsyncResult            *result,
                                             GError                 **error);

/* An attribute that groups the entities of a table, read from another
 * table where they are a key: the region or the usage of each site. */
typedef struct
{
  char       *table;
  char       *column;
  GHashTable *group_of_entity;  /* entity → attribute value */
  guint       n_groups;
} CourantEntityGrouping;

void       courant_entity_grouping_free     (CourantEntityGrouping   *grouping);

/* Finds, in a worker, the attributes that other tables of @source give the
 * entities of @known (at most a few dozen groups each, from tables of
 * entities rather than of readings). */
void       courant_entity_groupings_async   (CourantSource           *source,
                                             const CourantTableRoles *known,
                                             GTimeZone               *tz,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
/* A GPtrArray of CourantEntityGrouping, in the order of the tables. */
GPtrArray *courant_entity_groupings_finish  (GAsyncResult            *result,
                                             GError                 **error);

G_END_DECLS
