/* courant-series-query.h: bucketed and aggregated series
 *
 * Buckets are calendar-aware in the dataset's time zone: days, weeks (from
 * Monday) and months start at local midnight, so a spring day lasts 23 hours
 * and an autumn day 25; sub-daily buckets follow the local clock and the two
 * passes of an autumn hour stay distinct. An empty bucket is missing (NaN),
 * never zero.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-series-store.h"

G_BEGIN_DECLS

typedef enum
{
  COURANT_BUCKET_RAW,
  COURANT_BUCKET_15MIN,
  COURANT_BUCKET_30MIN,
  COURANT_BUCKET_1H,
  COURANT_BUCKET_1D,
  COURANT_BUCKET_1W,
  COURANT_BUCKET_1M,
} CourantBucket;

typedef enum
{
  COURANT_AGG_SUM,
  COURANT_AGG_MEAN,
  COURANT_AGG_MIN,
  COURANT_AGG_MAX,
  COURANT_AGG_COUNT,
} CourantAgg;

/* How the series of a group make one: PER_SERIES keeps every series apart;
 * POOL aggregates all the readings of a group's series in a bucket as one;
 * SUM and MEAN aggregate each series in the bucket first, then add or
 * average those values over the series that have one. */
typedef enum
{
  COURANT_COMBINE_PER_SERIES,
  COURANT_COMBINE_POOL,
  COURANT_COMBINE_SUM,
  COURANT_COMBINE_MEAN,
} CourantCombine;

gboolean    courant_bucket_parse     (const char    *text,
                                      CourantBucket *out);
const char *courant_bucket_to_string (CourantBucket  bucket);
gboolean    courant_agg_parse        (const char    *text,
                                      CourantAgg    *out);
const char *courant_agg_to_string    (CourantAgg     agg);

/* The UTC offsets of a time zone over a period, as intervals, so that hot
 * loops turn instants into local times with one addition. */
typedef struct
{
  gint64 start_ms;   /* inclusive */
  gint64 end_ms;     /* exclusive */
  gint64 offset_ms;  /* local = UTC + offset */
} CourantOffsetInterval;

/* Intervals covering [from_ms, to_ms] (and a day either side). */
GArray     *courant_offsets_new      (GTimeZone     *tz,
                                      gint64         from_ms,
                                      gint64         to_ms);
/* The offset at @t_ms, searching from *@hint (an interval index, updated). */
gint64      courant_offsets_lookup   (GArray        *offsets,
                                      gint64         t_ms,
                                      guint         *hint);

typedef struct
{
  CourantBucket       bucket;
  CourantAgg          agg;
  CourantCombine      combine;
  gint64              from_ms;  /* G_MININT64: from the first reading */
  gint64              to_ms;    /* exclusive; G_MAXINT64: to the last */
  /* Series name → group name (an attribute such as the site's region); NULL
   * makes one group of every series. Ignored with PER_SERIES. Series without
   * a group are left out. */
  GHashTable         *groups;
  /* The series to read (NULL: all). */
  const char *const  *only;
} CourantSeriesQuery;

#define COURANT_SERIES_QUERY_INIT { COURANT_BUCKET_1H, COURANT_AGG_SUM, COURANT_COMBINE_PER_SERIES, \
                                    G_MININT64, G_MAXINT64, NULL, NULL }

typedef struct
{
  char   *name;
  gint64 *starts;   /* bucket starts, ms UTC */
  double *values;   /* NaN where the bucket is empty */
  gsize   n;
} CourantSeriesResultSeries;

typedef struct
{
  GPtrArray *series;  /* of CourantSeriesResultSeries, in name order */
} CourantSeriesResult;

CourantSeriesResult *courant_series_query_run (CourantSeriesStore        *store,
                                               const CourantSeriesQuery  *query,
                                               GTimeZone                 *tz,
                                               GCancellable              *cancellable,
                                               GError                   **error);
void                 courant_series_result_free (CourantSeriesResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantSeriesResult, courant_series_result_free)

G_END_DECLS
