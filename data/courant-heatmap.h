/* courant-heatmap.h: local day × slot of the day, and the weekday profile
 *
 * Rows are local days in the dataset's time zone and columns the slots of a
 * normal day (96, 48 or 24). A spring-forward day has no reading in its
 * 02:00–03:00 slots (they stay missing); an autumn day's 02:00–03:00 slots
 * gather both passes of that hour. A cell without readings is NaN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-series-query.h"
#include "courant-series-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint       slot_minutes;
  CourantAgg  agg;
  guint       n_slots;     /* slots of a normal day */
  guint       n_rows;
  /* Days since 1970-01-01 of the first row (local calendar); rows follow day by
   * day. For a weekday profile, row 0 is Monday and there are 7 rows. */
  gint64      first_day;
  gboolean    is_profile;
  double     *values;      /* n_rows × n_slots, NaN where there is no data */
  guint32    *counts;      /* n_rows × n_slots readings per cell */
} CourantHeatmap;

/* @only: the series to read (NULL: all); they are pooled in each cell. */
CourantHeatmap *courant_heatmap_compute           (CourantSeriesStore  *store,
                                                   const char *const   *only,
                                                   guint                slot_minutes,
                                                   CourantAgg           agg,
                                                   GTimeZone           *tz,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
/* Folds the days of @heatmap by day of the week (Monday first). */
CourantHeatmap *courant_heatmap_weekday_profile   (const CourantHeatmap *heatmap);
/* The local date of row @row as YYYY-MM-DD (a day name for a profile). */
char           *courant_heatmap_row_label         (const CourantHeatmap *heatmap,
                                                   guint                 row);
void            courant_heatmap_free              (CourantHeatmap      *heatmap);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantHeatmap, courant_heatmap_free)

G_END_DECLS
