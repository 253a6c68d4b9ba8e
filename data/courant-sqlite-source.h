/* courant-sqlite-source.h: a user's SQLite file, opened read-only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_SQLITE_SOURCE (courant_sqlite_source_get_type ())
G_DECLARE_FINAL_TYPE (CourantSqliteSource, courant_sqlite_source, COURANT, SQLITE_SOURCE, CourantSource)

CourantSource *courant_sqlite_source_new (GFile         *file,
                                          GCancellable  *cancellable,
                                          GError       **error);

G_END_DECLS
