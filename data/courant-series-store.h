/* courant-series-store.h: energy series in columnar memory
 *
 * One array of times (int64 ms UTC) and one of values (double) for all the
 * readings, sorted by (series, time); each series is a slice of them and
 * owns a min/max pyramid for level-of-detail queries. Series names (the
 * entity column's values) live once in a dictionary. A reading whose value
 * is missing is not stored: missing stays missing, never zero.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-lod.h"
#include "courant-source.h"
#include "courant-time.h"

G_BEGIN_DECLS

typedef struct
{
  char          *name;    /* the entity's value as text ("" without an entity column) */
  const gint64  *times;   /* n, strictly sorted is not required: ties keep input order */
  const double  *values;  /* n, never NaN */
  gsize          n;
  CourantLod    *lod;
} CourantSeries;

typedef struct _CourantSeriesStore CourantSeriesStore;

/* What to read. @entity_column may be NULL (one series). With an UNKNOWN
 * @time_encoding, text is read in any text encoding and numbers as Unix
 * milliseconds, or seconds when too small to be a date in milliseconds.
 * @max_threads bounds how many connections read the table at once, each
 * in its own thread, when the source can split it
 * (courant_source_count_parts()): 0 is one per processor, at most 4, for
 * tables big enough to gain from it; 1 is a single connection. The store
 * is the same whatever the number. */
typedef struct
{
  const char          *table;
  const char          *time_column;
  const char          *value_column;
  const char          *entity_column;
  CourantTimeEncoding  time_encoding;
  guint                max_threads;
} CourantSeriesSpec;

/* @progress is called every COURANT_SCAN_PROGRESS_ROWS rows of each
 * connection, with the rows read by all of them; from the scanning
 * threads, never two calls at once. */
CourantSeriesStore  *courant_series_store_load         (CourantSource            *source,
                                                        const CourantSeriesSpec  *spec,
                                                        GTimeZone                *tz,
                                                        CourantScanProgress       progress,
                                                        gpointer                  progress_data,
                                                        GCancellable             *cancellable,
                                                        GError                  **error);
void                 courant_series_store_load_async   (CourantSource            *source,
                                                        const CourantSeriesSpec  *spec,
                                                        GTimeZone                *tz,
                                                        CourantScanProgress       progress,
                                                        gpointer                  progress_data,
                                                        GCancellable             *cancellable,
                                                        GAsyncReadyCallback       callback,
                                                        gpointer                  user_data);
CourantSeriesStore  *courant_series_store_load_finish  (GAsyncResult             *result,
                                                        GError                  **error);

/* Builds a store from arrays (tests, benchmarks, derived series): @entities
 * names each row's series; rows need not be sorted. */
CourantSeriesStore  *courant_series_store_new_from_arrays (const char *const *entities,
                                                           const gint64      *times,
                                                           const double      *values,
                                                           gsize              n);

CourantSeriesStore  *courant_series_store_ref          (CourantSeriesStore *self);
void                 courant_series_store_unref        (CourantSeriesStore *self);

guint                courant_series_store_get_n_series (CourantSeriesStore *self);
const CourantSeries *courant_series_store_get_series   (CourantSeriesStore *self,
                                                        guint               index);
/* -1 when @name is not a series of the store. */
int                  courant_series_store_find         (CourantSeriesStore *self,
                                                        const char         *name);
gsize                courant_series_store_get_n_readings (CourantSeriesStore *self);
/* Readings dropped because their value (or time) was missing. */
gsize                courant_series_store_get_n_missing (CourantSeriesStore *self);
/* The smallest and largest time of the store; FALSE when it is empty. */
gboolean             courant_series_store_get_range    (CourantSeriesStore *self,
                                                        gint64             *min_ms,
                                                        gint64             *max_ms);
/* Bytes held by the store: arrays, pyramids and dictionary. */
gsize                courant_series_store_get_memory   (CourantSeriesStore *self);
gsize                courant_series_store_get_lod_memory (CourantSeriesStore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantSeriesStore, courant_series_store_unref)

G_END_DECLS
