/* courant-format.h: numbers, quantities, durations and dates for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *courant_format_number           (double      value,
                                            int         decimals);
char      *courant_format_number_with_unit (double      value,
                                            int         decimals,
                                            const char *unit);
char      *courant_format_si               (double      value,
                                            const char *unit);
char      *courant_format_si_fixed         (double      value,
                                            int         exponent,
                                            int         decimals,
                                            const char *unit);
int        courant_format_si_exponent      (double      magnitude,
                                            const char *unit);
char      *courant_format_duration         (gint64      milliseconds);
char      *courant_format_time             (gint64      time_ms,
                                            GTimeZone  *tz,
                                            const char *format);
char      *courant_format_date             (gint64      time_ms,
                                            GTimeZone  *tz);
char      *courant_format_date_time        (gint64      time_ms,
                                            GTimeZone  *tz);

GTimeZone *courant_time_zone_get_default   (void);
GDateTime *courant_date_time_new_from_ms   (gint64      time_ms,
                                            GTimeZone  *tz);
gint64     courant_date_time_to_ms         (GDateTime  *dt);

G_END_DECLS
