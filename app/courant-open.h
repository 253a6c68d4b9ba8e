/* courant-open.h: opening a source and understanding its tables, in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "courant-roles.h"
#include "courant-source.h"

G_BEGIN_DECLS

typedef struct
{
  CourantSource *source;
  /* Of CourantTableRoles, in the order of courant_source_get_tables(). */
  GPtrArray     *roles;
  /* The zone of the source's local timestamps. */
  GTimeZone     *timezone;
} CourantOpened;

void           courant_opened_free  (CourantOpened        *opened);
const CourantTableRoles *courant_opened_get_roles (const CourantOpened *opened,
                                                   const char          *table);

/* Opens @file and infers the role of every column of every table, reading
 * local timestamps in @timezone. */
void           courant_open_async   (GFile                *file,
                                     const char           *timezone,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
CourantOpened *courant_open_finish  (GAsyncResult         *result,
                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantOpened, courant_opened_free)

G_END_DECLS
