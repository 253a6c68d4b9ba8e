/* courant-csv-source.h: a CSV file as a source with one table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "courant-csv.h"
#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_CSV_SOURCE (courant_csv_source_get_type ())
G_DECLARE_FINAL_TYPE (CourantCsvSource, courant_csv_source, COURANT, CSV_SOURCE, CourantSource)

CourantSource         *courant_csv_source_new       (GFile            *file,
                                                     GCancellable     *cancellable,
                                                     GError          **error);
const CourantCsvTable *courant_csv_source_get_table (CourantCsvSource *self);

G_END_DECLS
