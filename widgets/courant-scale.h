/* courant-scale.h: linear and time scales, and their ticks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One tick of an axis. Scales return them in a GArray that frees the
 * strings with the array.
 */
typedef struct
{
  double    value;    /* in domain units; a time in ms UTC (exact up to 2^53) */
  char     *label;
  char     *context;  /* time scales: the day, month or year the tick falls in,
                       * on the first tick and where it changes; else NULL */
  gboolean  major;    /* on a boundary of the next coarser unit (midnight,
                       * first of the month, New Year) */
} CourantTick;

typedef struct
{
  double domain_min;
  double domain_max;
  double range_min;   /* the pixel of domain_min: the bottom of a vertical axis */
  double range_max;
} CourantLinearScale;

void    courant_linear_scale_init   (CourantLinearScale       *self,
                                     double                    domain_min,
                                     double                    domain_max,
                                     double                    range_min,
                                     double                    range_max);
double  courant_linear_scale_map    (const CourantLinearScale *self,
                                     double                    value);
double  courant_linear_scale_invert (const CourantLinearScale *self,
                                     double                    pixel);
void    courant_linear_scale_nice   (CourantLinearScale       *self,
                                     guint                     count);
double  courant_linear_scale_step   (const CourantLinearScale *self,
                                     guint                     count);
GArray *courant_linear_scale_ticks  (const CourantLinearScale *self,
                                     guint                     count,
                                     const char               *unit);

double  courant_scale_nice_step     (double                    span,
                                     guint                     count);
guint   courant_scale_tick_count    (double                    length,
                                     double                    spacing);

typedef enum
{
  COURANT_TIME_UNIT_SECOND,
  COURANT_TIME_UNIT_MINUTE,
  COURANT_TIME_UNIT_HOUR,
  COURANT_TIME_UNIT_DAY,
  COURANT_TIME_UNIT_WEEK,
  COURANT_TIME_UNIT_MONTH,
  COURANT_TIME_UNIT_YEAR,
} CourantTimeUnit;

/* Every @count @unit, counted on the local calendar: "every 6 hours"
 * means 00:00, 06:00, 12:00 and 18:00 by the clock, whatever DST does.
 */
typedef struct
{
  CourantTimeUnit unit;
  guint           count;
} CourantTimeInterval;

typedef struct
{
  gint64     domain_min;   /* ms UTC */
  gint64     domain_max;
  double     range_min;
  double     range_max;
  GTimeZone *tz;           /* owned */
} CourantTimeScale;

void                courant_time_scale_init     (CourantTimeScale       *self,
                                                 gint64                  domain_min,
                                                 gint64                  domain_max,
                                                 double                  range_min,
                                                 double                  range_max,
                                                 GTimeZone              *tz);
void                courant_time_scale_clear    (CourantTimeScale       *self);
double              courant_time_scale_map      (const CourantTimeScale *self,
                                                 gint64                  time_ms);
gint64              courant_time_scale_invert   (const CourantTimeScale *self,
                                                 double                  pixel);
CourantTimeInterval courant_time_scale_interval (const CourantTimeScale *self,
                                                 guint                   count);
GArray             *courant_time_scale_ticks    (const CourantTimeScale *self,
                                                 guint                   count);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CourantTimeScale, courant_time_scale_clear)

G_END_DECLS
