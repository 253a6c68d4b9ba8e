/* courant-journeys-task.h: running a journeys query in a worker thread
 *
 * Internal to libcourant-data: the GTask plumbing shared by the flows and
 * the precursors, which differ only in their options and results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-event-store.h"

G_BEGIN_DECLS

/* A blocking query: a result, or NULL with @error set (cancelled too). */
typedef gpointer (*CourantJourneysCompute) (CourantEventStore  *store,
                                            gconstpointer       options,
                                            GCancellable       *cancellable,
                                            GError            **error);

/* Runs @compute on @store (referenced until the task ends) and @options
 * (taken, freed with @free_options) in a worker thread; the result is
 * freed with @free_result if nobody finishes the task. */
void     courant_journeys_task_run    (CourantEventStore      *store,
                                       gpointer                options,
                                       GDestroyNotify          free_options,
                                       CourantJourneysCompute  compute,
                                       GDestroyNotify          free_result,
                                       gpointer                source_tag,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
/* The result of a task started with @source_tag, or NULL and @error. */
gpointer courant_journeys_task_finish (GAsyncResult           *result,
                                       gpointer                source_tag,
                                       GError                **error);

G_END_DECLS
