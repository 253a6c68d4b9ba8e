/* courant-measure-catalog.c: every measure over time of a source
 *
 * The timeline draws a second measure on its right axis, often from another
 * table (the temperature of the weather table against the kWh of the
 * meters). The page only knows its own table, so the others are understood
 * here, sampling each in a worker.
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

static void
catalog_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CatalogData *data = task_data;
  GPtrArray *tables = courant_source_get_tables (data->source);
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_measure_ref_free);

  for (guint t = 0; t < tables->len; t++)
    {
      const CourantTableInfo *info = g_ptr_array_index (tables, t);
      g_autoptr(CourantTableRoles) roles = NULL;
      GError *error = NULL;

      if (data->known != NULL && g_str_equal (info->name, data->known->table))
        {
          add_measures (refs, data->known);
          continue;
        }
      roles = courant_table_roles_infer_source (data->source, info->name, data->tz,
                                                cancellable, &error);
      if (roles == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      add_measures (refs, roles);
    }
  g_task_return_pointer (task, g_steal_pointer (&refs), (GDestroyNotify) g_ptr_array_unref);
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
  CatalogData *data;

  g_return_if_fail (COURANT_IS_SOURCE (source));

  data = g_new0 (CatalogData, 1);
  data->source = g_object_ref (source);
  data->known = known != NULL ? courant_table_roles_copy (known) : NULL;
  data->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_measure_catalog_async);
  g_task_set_task_data (task, data, (GDestroyNotify) catalog_data_free);
  g_task_run_in_thread (task, catalog_thread);
}

GPtrArray *
courant_measure_catalog_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
