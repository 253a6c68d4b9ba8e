/* courant-journeys-task.c: running a journeys query in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "courant-journeys-task.h"

typedef struct
{
  CourantEventStore      *store;
  gpointer                options;
  GDestroyNotify          free_options;
  CourantJourneysCompute  compute;
  GDestroyNotify          free_result;
} Job;

static void
job_free (Job *job)
{
  courant_event_store_unref (job->store);
  job->free_options (job->options);
  g_free (job);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gpointer result = job->compute (job->store, job->options, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->free_result);
}

void
courant_journeys_task_run (CourantEventStore      *store,
                           gpointer                options,
                           GDestroyNotify          free_options,
                           CourantJourneysCompute  compute,
                           GDestroyNotify          free_result,
                           gpointer                source_tag,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (store != NULL);
  g_return_if_fail (options != NULL && free_options != NULL);
  g_return_if_fail (compute != NULL && free_result != NULL);

  job = g_new0 (Job, 1);
  job->store = courant_event_store_ref (store);
  job->options = options;
  job->free_options = free_options;
  job->compute = compute;
  job->free_result = free_result;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_thread);
}

gpointer
courant_journeys_task_finish (GAsyncResult  *result,
                              gpointer       source_tag,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
