/* courant-demo-file.c: the demo dataset in the user data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "courant-demo-file.h"
#include "courant-demo.h"

typedef struct
{
  GFile                   *file;
  GMainContext            *context;
  CourantDemoFileProgress  progress;
  GObject                 *progress_object;
} EnsureData;

typedef struct
{
  CourantDemoFileProgress  progress;
  GObject                 *progress_object;
  double                   fraction;
  const char              *stage;
} ProgressUpdate;

static void
ensure_data_free (EnsureData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_clear_object (&data->progress_object);
  g_free (data);
}

GFile *
courant_demo_file_get (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "courant", "demo.sqlite", NULL);

  return g_file_new_for_path (path);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  update->progress (update->fraction, update->stage, update->progress_object);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (ProgressUpdate *update)
{
  g_object_unref (update->progress_object);
  g_free (update);
}

/* Runs in the worker: hands the figures over to the main thread. */
static void
generate_progress_cb (double      fraction,
                      const char *stage,
                      gpointer    user_data)
{
  EnsureData *data = user_data;
  ProgressUpdate *update;

  if (data->progress == NULL)
    return;

  update = g_new0 (ProgressUpdate, 1);
  update->progress = data->progress;
  update->progress_object = g_object_ref (data->progress_object);
  update->fraction = fraction;
  update->stage = stage;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress_cb,
                              update, (GDestroyNotify) progress_update_free);
}

static void
ensure_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EnsureData *data = task_data;
  g_autofree char *path = g_file_get_path (data->file);
  g_autofree char *folder = g_path_get_dirname (path);
  GError *error = NULL;
  CourantDemoOptions options;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, g_object_ref (data->file), g_object_unref);
      return;
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("The folder “%s” could not be created: %s."),
                               folder, g_strerror (saved));
      return;
    }

  courant_demo_options_init (&options);
  if (!courant_demo_generate (path, &options, generate_progress_cb, data, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (data->file), g_object_unref);
}

void
courant_demo_file_ensure_async (GCancellable            *cancellable,
                                CourantDemoFileProgress  progress,
                                GObject                 *progress_object,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  EnsureData *data;

  g_return_if_fail (progress == NULL || G_IS_OBJECT (progress_object));

  data = g_new0 (EnsureData, 1);
  data->file = courant_demo_file_get ();
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_object = progress_object ? g_object_ref (progress_object) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_demo_file_ensure_async);
  g_task_set_task_data (task, data, (GDestroyNotify) ensure_data_free);
  g_task_run_in_thread (task, ensure_thread);
}

GFile *
courant_demo_file_ensure_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
