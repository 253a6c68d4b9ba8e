/* courant-thermo-periods.h: the fitted model with the periods behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "courant-series-store.h"
#include "courant-thermo.h"

G_BEGIN_DECLS

/* Which days take part: occupancy, not only the weather, drives the
 * consumption of offices and shops, whose weekends make a second cloud
 * below the working days'. */
typedef enum
{
  COURANT_THERMO_ALL_DAYS,
  COURANT_THERMO_WORKING_DAYS,  /* Monday to Friday, public holidays included */
  COURANT_THERMO_WEEKENDS,
} CourantThermoDays;

/* The model of courant_thermo_compute(), and the start of each of its
 * periods (ms UTC), which the chart needs to colour and name a point. */
typedef struct
{
  CourantThermo *model;
  gint64        *starts;   /* model->n */
} CourantThermoPeriods;

/* Pairs the periods as courant_thermo_compute() does, keeping their
 * starts, and fits the same model to those on @days (in @tz). */
CourantThermoPeriods *courant_thermo_periods_compute (CourantSeriesStore *consumption,
                                                      const char *const  *consumption_only,
                                                      CourantSeriesStore *temperature,
                                                      const char *const  *temperature_only,
                                                      gboolean            hourly,
                                                      CourantThermoDays   days,
                                                      gboolean            cooling,
                                                      GTimeZone          *tz,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
void                  courant_thermo_periods_free    (CourantThermoPeriods *periods);

/* The unit of an energy or power column, read from its name ("kwh",
 * "conso_mwh"); NULL when the name does not say. */
const char           *courant_thermo_guess_unit      (const char           *measure);
/* Whether a column's name says it is a temperature. */
gboolean              courant_thermo_is_temperature  (const char           *measure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantThermoPeriods, courant_thermo_periods_free)

G_END_DECLS
