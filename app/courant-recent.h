/* courant-recent.h: the recently opened sources, kept in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COURANT_RECENT_MAX 10

void       courant_recent_add    (GSettings *settings,
                                  GFile     *file);
/* The recent sources that still exist, most recent first. */
GPtrArray *courant_recent_list   (GSettings *settings);

G_END_DECLS
