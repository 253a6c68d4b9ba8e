/* courant-measure-catalog.c: every measure over time of a source
 *
 * The timeline draws a second measure on its right axis, often from another
 * table (the temperature of the weather table against the kWh of the
 * meters). The page only knows its own table, so the others are understood
 * here, sampling each in a worker; and the temperature that goes with a
 * site is found through a table that gives each site its region. The same
 * tables give the attributes that group the page's entities (the sites of
 * a region, of a usage).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "courant-measure-catalog.h"

void
courant_measure_ref_free (CourantMeasureRef *ref)
{
  if (ref == NULL)
    return;
  courant_table_roles_free (ref->roles);
  g_free (ref->measure);
  g_clear_pointer (&ref->series_of_entity, g_hash_table_unref);
  g_free (ref);
}

typedef struct
{
  CourantSource     *source;
  CourantTableRoles *known;
  GTimeZone         *tz;
} CatalogData;

static void
catalog_data_free (CatalogData *data)
{
  g_object_unref (data->source);
  g_clear_pointer (&data->known, courant_table_roles_free);
  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_free (data);
}

static void
add_measures (GPtrArray               *refs,
              const CourantTableRoles *roles)
{
  if (courant_table_roles_find (roles, COURANT_ROLE_TIME) < 0)
    return;

  for (guint i = 0; i < roles->n_columns; i++)
    if (roles->columns[i].role == COURANT_ROLE_VALUE)
      {
        CourantMeasureRef *ref = g_new0 (CourantMeasureRef, 1);

        ref->roles = courant_table_roles_copy (roles);
        ref->measure = g_strdup (roles->columns[i].name);
        g_ptr_array_add (refs, ref);
      }
}

/* What tells the series of a table apart, as the timeline page loads them:
 * the entity, or else an attribute such as the region. */
static const char *
series_key (const CourantTableRoles *roles)
{
  const char *entity = courant_table_roles_get_column (roles, COURANT_ROLE_ENTITY);

  return entity != NULL ? entity : courant_table_roles_get_column (roles, COURANT_ROLE_ATTRIBUTE);
}

/* The most rows read from a table that links entities to an attribute:
 * such tables (sites, meters) are small, and a larger one is a table of
 * readings, not a list of entities. */
#define MAX_LINK_ROWS 100000

/* Reads @entity → @key from a table where @entity is a key (the region of
 * each site), or returns NULL when no table has both. */
static GHashTable *
read_link (CourantSource  *source,
           GPtrArray      *all_roles,
           const char     *entity,
           const char     *key,
           GCancellable   *cancellable)
{
  for (guint t = 0; t < all_roles->len; t++)
    {
      const CourantTableRoles *roles = g_ptr_array_index (all_roles, t);
      int e = courant_table_roles_lookup (roles, entity);
      int k = courant_table_roles_lookup (roles, key);
      g_autoptr(CourantPreview) rows = NULL;
      GHashTable *link;

      if (e < 0 || k < 0 || !roles->columns[e].unique)
        continue;
      rows = courant_source_preview (source, roles->table, MAX_LINK_ROWS, cancellable, NULL);
      if (rows == NULL || rows->rows->len >= MAX_LINK_ROWS)
        continue;
      link = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint r = 0; r < rows->rows->len; r++)
        {
          char **row = g_ptr_array_index (rows->rows, r);

          if (row[e] != NULL && row[k] != NULL)
            g_hash_table_insert (link, g_strdup (row[e]), g_strdup (row[k]));
        }
      return link;
    }
  return NULL;
}

static void
link_series (CourantSource           *source,
             GPtrArray               *refs,
             GPtrArray               *all_roles,
             const CourantTableRoles *known,
             GCancellable            *cancellable)
{
  const char *entity = courant_table_roles_get_column (known, COURANT_ROLE_ENTITY);

  if (entity == NULL)
    return;
  for (guint i = 0; i < refs->len; i++)
    {
      CourantMeasureRef *ref = g_ptr_array_index (refs, i);
      const char *key = series_key (ref->roles);

      /* The known table's own entities already name its series. */
      if (key == NULL || g_str_equal (key, entity))
        continue;
      ref->series_of_entity = read_link (source, all_roles, entity, key, cancellable);
    }
}

/* The roles of every table of @source, @known's as they are. */
static GPtrArray *
infer_all_roles (CatalogData   *data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GPtrArray *tables = courant_source_get_tables (data->source);
  g_autoptr(GPtrArray) all_roles = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_table_roles_free);

  for (guint t = 0; t < tables->len; t++)
    {
      const CourantTableInfo *info = g_ptr_array_index (tables, t);
      CourantTableRoles *roles;

      if (data->known != NULL && g_str_equal (info->name, data->known->table))
        roles = courant_table_roles_copy (data->known);
      else
        roles = courant_table_roles_infer_source (data->source, info->name, data->tz, cancellable, error);
      if (roles == NULL)
        return NULL;
      g_ptr_array_add (all_roles, roles);
    }
  return g_steal_pointer (&all_roles);
}

static void
catalog_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CatalogData *data = task_data;
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_measure_ref_free);
  g_autoptr(GPtrArray) all_roles = NULL;
  GError *error = NULL;

  all_roles = infer_all_roles (data, cancellable, &error);
  if (all_roles == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint t = 0; t < all_roles->len; t++)
    add_measures (refs, g_ptr_array_index (all_roles, t));
  if (data->known != NULL)
    link_series (data->source, refs, all_roles, data->known, cancellable);
  g_task_return_pointer (task, g_steal_pointer (&refs), (GDestroyNotify) g_ptr_array_unref);
}

static CatalogData *
catalog_data_new (CourantSource           *source,
                  const CourantTableRoles *known,
                  GTimeZone               *tz)
{
  CatalogData *data = g_new0 (CatalogData, 1);

  data->source = g_object_ref (source);
  data->known = known != NULL ? courant_table_roles_copy (known) : NULL;
  data->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  return data;
}

void
courant_measure_catalog_async (CourantSource           *source,
                               const CourantTableRoles *known,
                               GTimeZone               *tz,
                               GCancellable            *cancellable,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COURANT_IS_SOURCE (source));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_measure_catalog_async);
  g_task_set_task_data (task, catalog_data_new (source, known, tz), (GDestroyNotify) catalog_data_free);
  g_task_run_in_thread (task, catalog_thread);
}

GPtrArray *
courant_measure_catalog_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
courant_entity_grouping_free (CourantEntityGrouping *grouping)
{
  if (grouping == NULL)
    return;
  g_free (grouping->table);
  g_free (grouping->column);
  g_clear_pointer (&grouping->group_of_entity, g_hash_table_unref);
  g_free (grouping);
}

/* A chart of more lines than this is unreadable: such an attribute (a
 * customer number, a name) does not group, it lists. */
#define MAX_GROUPS 20

/* Whether @column of @roles can group entities: a segment, a region, a
 * customer that owns several sites. */
static gboolean
groups_entities (const CourantTableRoles *roles,
                 guint                    column,
                 int                      entity)
{
  CourantRole role = roles->columns[column].role;

  return (int) column != entity && !roles->columns[column].unique &&
         (role == COURANT_ROLE_ATTRIBUTE || role == COURANT_ROLE_ENTITY);
}

/* The attributes that @table (where @entity is a key) gives each entity,
 * appended to @groupings. */
static void
read_groupings (CourantSource           *source,
                const CourantTableRoles *roles,
                int                      entity,
                GPtrArray               *groupings,
                GCancellable            *cancellable)
{
  g_autoptr(CourantPreview) rows = courant_source_preview (source, roles->table, MAX_LINK_ROWS, cancellable, NULL);

  if (rows == NULL || rows->rows->len >= MAX_LINK_ROWS)
    return;
  for (guint c = 0; c < roles->n_columns; c++)
    {
      g_autoptr(GHashTable) link = NULL;
      g_autoptr(GHashTable) values = NULL;
      CourantEntityGrouping *grouping;

      if (!groups_entities (roles, c, entity))
        continue;
      link = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      values = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint r = 0; r < rows->rows->len; r++)
        {
          char **row = g_ptr_array_index (rows->rows, r);

          if (row[entity] == NULL || row[c] == NULL)
            continue;
          g_hash_table_insert (link, g_strdup (row[entity]), g_strdup (row[c]));
          g_hash_table_add (values, row[c]);
        }
      if (g_hash_table_size (values) < 2 || g_hash_table_size (values) > MAX_GROUPS)
        continue;
      grouping = g_new0 (CourantEntityGrouping, 1);
      grouping->table = g_strdup (roles->table);
      grouping->column = g_strdup (roles->columns[c].name);
      grouping->group_of_entity = g_steal_pointer (&link);
      grouping->n_groups = g_hash_table_size (values);
      g_ptr_array_add (groupings, grouping);
    }
}

static void
groupings_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CatalogData *data = task_data;
  const char *entity = courant_table_roles_get_column (data->known, COURANT_ROLE_ENTITY);
  g_autoptr(GPtrArray) groupings = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_entity_grouping_free);
  g_autoptr(GPtrArray) all_roles = NULL;
  GError *error = NULL;

  all_roles = infer_all_roles (data, cancellable, &error);
  if (all_roles == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint t = 0; entity != NULL && t < all_roles->len; t++)
    {
      const CourantTableRoles *roles = g_ptr_array_index (all_roles, t);
      int e = courant_table_roles_lookup (roles, entity);

      /* The known table is a table of readings: an attribute there varies
       * with time, and reading it means reading every row. */
      if (e >= 0 && roles->columns[e].unique && !g_str_equal (roles->table, data->known->table))
        read_groupings (data->source, roles, e, groupings, cancellable);
    }
  g_task_return_pointer (task, g_steal_pointer (&groupings), (GDestroyNotify) g_ptr_array_unref);
}

void
courant_entity_groupings_async (CourantSource           *source,
                                const CourantTableRoles *known,
                                GTimeZone               *tz,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COURANT_IS_SOURCE (source));
  g_return_if_fail (known != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_entity_groupings_async);
  g_task_set_task_data (task, catalog_data_new (source, known, tz), (GDestroyNotify) catalog_data_free);
  g_task_run_in_thread (task, groupings_thread);
}

GPtrArray *
courant_entity_groupings_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
