/* courant-drilldown-task.c: computing a drill-down's list in a worker
 *
 * The flows page and the precursors panel drill down the same way; only
 * what gives the entities differs, so that part is a callback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "courant-drilldown-task.h"

/* What the worker needs, owned by the task. */
typedef struct
{
  CourantEventStore            *store;
  CourantSource                *source;
  char                         *table;
  char                         *entity_column;
  GTimeZone                    *tz;
  gboolean                      ordinal;
  /* NULL until read once for the table. */
  GPtrArray                    *attributes;
  char                        **attribute_names;
  CourantDrilldownEntitiesFunc  entities_func;
  gpointer                      entities_data;
  GDestroyNotify                entities_data_free;
  guint                         index;
} Drilldown;

static void
drilldown_free (Drilldown *drill)
{
  courant_event_store_unref (drill->store);
  g_object_unref (drill->source);
  g_free (drill->table);
  g_free (drill->entity_column);
  g_clear_pointer (&drill->tz, g_time_zone_unref);
  g_clear_pointer (&drill->attributes, g_ptr_array_unref);
  g_strfreev (drill->attribute_names);
  if (drill->entities_data_free != NULL)
    drill->entities_data_free (drill->entities_data);
  g_free (drill);
}

static void
drilldown_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Drilldown *drill = task_data;
  g_autoptr(GArray) entities = NULL;
  GError *error = NULL;

  if (drill->attributes == NULL)
    {
      drill->attributes = courant_drilldown_load_attributes (drill->store, drill->source,
                                                             drill->table, drill->entity_column,
                                                             drill->tz, &drill->attribute_names,
                                                             cancellable, &error);
      if (drill->attributes == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  /* Before the entities, which can take long, and after them, which may
   * have stopped half way. */
  if (g_task_return_error_if_cancelled (task))
    return;

  entities = drill->entities_func (drill->entities_data, drill->index, cancellable);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task,
                         courant_drilldown_list_new (drill->store, entities, drill->entity_column,
                                                     drill->attributes,
                                                     (const char *const *) drill->attribute_names,
                                                     drill->tz, drill->ordinal),
                         (GDestroyNotify) courant_drilldown_list_unref);
}

void
courant_drilldown_task_run_async (CourantEventStore            *store,
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
                                  gpointer                      user_data)
{
  const char *time;
  g_autoptr(GTask) task = NULL;
  Drilldown *drill;

  g_return_if_fail (store != NULL);
  g_return_if_fail (COURANT_IS_SOURCE (source));
  g_return_if_fail (roles != NULL);
  g_return_if_fail (entities_func != NULL);

  time = courant_table_roles_get_column (roles, COURANT_ROLE_TIME);
  drill = g_new0 (Drilldown, 1);
  drill->store = courant_event_store_ref (store);
  drill->source = g_object_ref (source);
  drill->table = g_strdup (roles->table);
  drill->entity_column = g_strdup (courant_table_roles_get_column (roles, COURANT_ROLE_ENTITY));
  drill->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  drill->ordinal = roles->columns[courant_table_roles_lookup (roles, time)].encoding == COURANT_TIME_ORDINAL;
  if (attributes != NULL)
    {
      drill->attributes = g_ptr_array_ref (attributes);
      drill->attribute_names = g_strdupv (attribute_names);
    }
  drill->entities_func = entities_func;
  drill->entities_data = entities_data;
  drill->entities_data_free = entities_data_free;
  drill->index = index;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_drilldown_task_run_async);
  g_task_set_task_data (task, drill, (GDestroyNotify) drilldown_free);
  g_task_run_in_thread (task, drilldown_thread);
}

CourantDrilldownList *
courant_drilldown_task_run_finish (GAsyncResult  *result,
                                   GPtrArray    **attributes,
                                   char        ***attribute_names,
                                   GError       **error)
{
  CourantDrilldownList *list;
  Drilldown *drill;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == courant_drilldown_task_run_async, NULL);

  list = g_task_propagate_pointer (G_TASK (result), error);
  drill = g_task_get_task_data (G_TASK (result));
  if (attributes != NULL)
    *attributes = list != NULL ? g_ptr_array_ref (drill->attributes) : NULL;
  if (attribute_names != NULL)
    *attribute_names = list != NULL ? g_strdupv (drill->attribute_names) : NULL;
  return list;
}
