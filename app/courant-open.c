/* courant-open.c: opening a source and understanding its tables, in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "courant-open.h"

typedef struct
{
  GFile *file;
  char  *timezone;
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->file);
  g_free (request->timezone);
  g_free (request);
}

void
courant_opened_free (CourantOpened *opened)
{
  if (opened == NULL)
    return;

  g_clear_object (&opened->source);
  g_clear_pointer (&opened->roles, g_ptr_array_unref);
  g_clear_pointer (&opened->timezone, g_time_zone_unref);
  g_free (opened);
}

const CourantTableRoles *
courant_opened_get_roles (const CourantOpened *opened,
                          const char          *table)
{
  g_return_val_if_fail (opened != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; i < opened->roles->len; i++)
    {
      const CourantTableRoles *roles = g_ptr_array_index (opened->roles, i);

      if (g_str_equal (roles->table, table))
        return roles;
    }
  return NULL;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenRequest *request = task_data;
  g_autoptr(CourantOpened) opened = g_new0 (CourantOpened, 1);
  GError *error = NULL;
  GPtrArray *tables;

  opened->timezone = g_time_zone_new_identifier (request->timezone);
  if (opened->timezone == NULL)
    opened->timezone = g_time_zone_new_identifier ("Europe/Paris");
  opened->source = courant_source_open (request->file, cancellable, &error);
  if (opened->source == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  tables = courant_source_get_tables (opened->source);
  opened->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_table_roles_free);
  for (guint i = 0; i < tables->len; i++)
    {
      const CourantTableInfo *table = g_ptr_array_index (tables, i);
      CourantTableRoles *roles;

      roles = courant_table_roles_infer_source (opened->source, table->name, opened->timezone,
                                                cancellable, &error);
      if (roles == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (opened->roles, roles);
    }

  g_task_return_pointer (task, g_steal_pointer (&opened), (GDestroyNotify) courant_opened_free);
}

void
courant_open_async (GFile               *file,
                    const char          *timezone,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenRequest *request;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (timezone != NULL);

  request = g_new0 (OpenRequest, 1);
  request->file = g_object_ref (file);
  request->timezone = g_strdup (timezone);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_open_async);
  g_task_set_task_data (task, request, (GDestroyNotify) open_request_free);
  g_task_run_in_thread (task, open_thread);
}

CourantOpened *
courant_open_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
