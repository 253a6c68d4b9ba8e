/* courant-thermo.h: thermosensitivity (consumption against temperature)
 *
 * The classic model: value = baseload + slope × max(0, base − T), optionally
 * plus cooling_slope × max(0, T − cooling_base). The base temperatures are
 * searched on a grid of 0.1 °C (heating 10–20 °C, cooling 18–28 °C) and the
 * other parameters fitted by least squares at each, the slopes kept from
 * going negative; the best fit wins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-series-store.h"

G_BEGIN_DECLS

typedef struct
{
  double    baseload;
  double    base_temperature;
  double    slope;             /* value per °C below the base (kWh/°C for kWh) */
  gboolean  has_cooling;
  double    cooling_base;
  double    cooling_slope;     /* value per °C above the cooling base */
  double    r2;
  gsize     n;
  double   *temperatures;      /* n points, in time order */
  double   *values;
} CourantThermo;

/* Fits the model to @n pairs; NULL when fewer than 3 are given. */
CourantThermo *courant_thermo_fit     (const double       *temperatures,
                                       const double       *values,
                                       gsize               n,
                                       gboolean            cooling);
/* Sums @consumption over its series (or @consumption_only) per local day
 * (or hour), averages @temperature (or @temperature_only) over the same
 * periods, pairs the periods that have both and fits the model. */
CourantThermo *courant_thermo_compute (CourantSeriesStore *consumption,
                                       const char *const  *consumption_only,
                                       CourantSeriesStore *temperature,
                                       const char *const  *temperature_only,
                                       gboolean            hourly,
                                       gboolean            cooling,
                                       GTimeZone          *tz,
                                       GCancellable       *cancellable,
                                       GError            **error);
void           courant_thermo_free    (CourantThermo      *thermo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantThermo, courant_thermo_free)

G_END_DECLS
