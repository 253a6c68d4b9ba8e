/* courant-demo-file.h: the demo dataset in the user data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Called on the main thread while the dataset is being written, with the
 * progress object given to courant_demo_file_ensure_async() first. */
typedef void (*CourantDemoFileProgress) (double      fraction,
                                         const char *stage,
                                         gpointer    user_data);

GFile *courant_demo_file_get         (void);
/* Writes the demo dataset unless it already exists, then returns its file. */
void   courant_demo_file_ensure_async  (GCancellable            *cancellable,
                                        CourantDemoFileProgress  progress,
                                        GObject                 *progress_object,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data);
GFile *courant_demo_file_ensure_finish (GAsyncResult            *result,
                                        GError                 **error);

G_END_DECLS
