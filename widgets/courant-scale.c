/* courant-scale.c: linear and time scales, and their ticks
 *
 * Linear ticks fall on multiples of 1, 2 or 5 times a power of ten, the
 * steps people count in. Time ticks fall on the local calendar of the
 * dataset's time zone: midnight, Mondays, the first of the month, New
 * Year, and hours that are multiples of the step by the wall clock. So
 * they are not evenly spaced in absolute time around a DST change, which
 * is what the reader expects: on the last Sunday of March a tick every
 * 6 hours reads 00:00, 06:00, 12:00, 18:00.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "courant-format.h"
#include "courant-scale.h"

#define SECOND_MS ((gint64) 1000)
#define MINUTE_MS (60 * SECOND_MS)
#define HOUR_MS   (60 * MINUTE_MS)
#define DAY_MS    (24 * HOUR_MS)
#define WEEK_MS   (7 * DAY_MS)
#define MONTH_MS  ((gint64) (30.436875 * DAY_MS))
#define YEAR_MS   ((gint64) (365.2425 * DAY_MS))

/* A bound on the ticks one call makes, against a count or a domain that
 * makes no sense on a screen.
 */
#define MAX_TICKS 10000

/* Against rounding in log10() and in divisions by the step. */
#define EPSILON 1e-9

static void
tick_clear (gpointer data)
{
  CourantTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
  g_clear_pointer (&tick->context, g_free);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (CourantTick));

  g_array_set_clear_func (ticks, tick_clear);
  return ticks;
}

void
courant_linear_scale_init (CourantLinearScale *self,
                           double              domain_min,
                           double              domain_max,
                           double              range_min,
                           double              range_max)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (domain_min) && isfinite (domain_max));
  g_return_if_fail (isfinite (range_min) && isfinite (range_max));

  self->domain_min = domain_min;
  self->domain_max = domain_max;
  self->range_min = range_min;
  self->range_max = range_max;
}

/* The pixel of @value. A domain of one point maps to the middle. */
double
courant_linear_scale_map (const CourantLinearScale *self,
                          double                    value)
{
  double span;

  g_return_val_if_fail (self != NULL, 0);

  span = self->domain_max - self->domain_min;
  if (span == 0)
    return (self->range_min + self->range_max) / 2;

  return self->range_min + (value - self->domain_min) / span * (self->range_max - self->range_min);
}

double
courant_linear_scale_invert (const CourantLinearScale *self,
                             double                    pixel)
{
  double span;

  g_return_val_if_fail (self != NULL, 0);

  span = self->range_max - self->range_min;
  if (span == 0)
    return self->domain_min;

  return self->domain_min +
         (pixel - self->range_min) / span * (self->domain_max - self->domain_min);
}

/* The step of 1, 2 or 5 times a power of ten that cuts @span into about
 * @count parts. The thresholds are the geometric means between the
 * candidates, so the count is off by at most a factor of √2 either way.
 */
double
courant_scale_nice_step (double span,
                         guint  count)
{
  double raw;
  double power;
  double error;

  g_return_val_if_fail (count > 0, 0);

  if (!(span > 0) || !isfinite (span))
    return 0;

  raw = span / count;
  power = pow (10, floor (log10 (raw)));
  error = raw / power;

  if (error >= G_SQRT2 * 5)
    return 10 * power;
  if (error >= sqrt (10))
    return 5 * power;
  if (error >= G_SQRT2)
    return 2 * power;
  return power;
}

/* The number of ticks that fit along @length px with @spacing px between
 * them, at least two so that an axis always shows its scale.
 */
guint
courant_scale_tick_count (double length,
                          double spacing)
{
  g_return_val_if_fail (spacing > 0, 2);

  if (!(length > 0))
    return 2;

  return (guint) MAX (2.0, MIN (floor (length / spacing), (double) MAX_TICKS));
}

double
courant_linear_scale_step (const CourantLinearScale *self,
                           guint                     count)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (count > 0, 0);

  return courant_scale_nice_step (fabs (self->domain_max - self->domain_min), count);
}

/* The @i-th multiple of @step. For steps under one, dividing by the
 * inverse keeps 0.3 from coming out as 0.30000000000000004.
 */
static double
step_multiple (double i,
               double step)
{
  if (step < 1)
    return i / round (1 / step);

  return i * step;
}

/* Extends the domain outwards to multiples of the step that gives about
 * @count ticks, so the axis starts and ends on a labelled tick. A domain
 * of one point is widened first, so that it has a scale at all.
 */
void
courant_linear_scale_nice (CourantLinearScale *self,
                           guint               count)
{
  gboolean reversed;
  double lo;
  double hi;

  g_return_if_fail (self != NULL);
  g_return_if_fail (count > 0);

  reversed = self->domain_min > self->domain_max;
  lo = MIN (self->domain_min, self->domain_max);
  hi = MAX (self->domain_min, self->domain_max);

  if (lo == hi)
    {
      double margin = lo != 0 ? fabs (lo) * 0.1 : 1;

      lo -= margin;
      hi += margin;
    }

  /* Widening can make the step grow, and the new step can call for a
   * wider domain again; it settles in a few rounds.
   */
  for (guint round = 0; round < 10; round++)
    {
      double step = courant_scale_nice_step (hi - lo, count);
      double new_lo = step_multiple (floor (lo / step + EPSILON), step);
      double new_hi = step_multiple (ceil (hi / step - EPSILON), step);

      if (new_lo == lo && new_hi == hi)
        break;
      lo = new_lo;
      hi = new_hi;
    }

  self->domain_min = reversed ? hi : lo;
  self->domain_max = reversed ? lo : hi;
}

/* The number of decimals that shows every multiple of @step, a power of
 * ten times 1, 2 or 5.
 */
static int
step_decimals (double step)
{
  return CLAMP (-(int) floor (log10 (step) + EPSILON), 0, 17);
}

/* Ticks on the multiples of the nice step for about @count ticks. With a
 * NULL @unit the labels are plain numbers in the locale ("12 500"); with
 * a unit (or "" for a count) they share one SI prefix and carry the unit
 * ("12,5 GW", "12,5 k"). Zero is major: charts draw its grid line darker.
 */
GArray *
courant_linear_scale_ticks (const CourantLinearScale *self,
                            guint                     count,
                            const char               *unit)
{
  GArray *ticks;
  double lo;
  double hi;
  double step;
  double first;
  double last;
  int exponent = 0;
  int decimals;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (count > 0, NULL);

  ticks = tick_array_new ();
  lo = MIN (self->domain_min, self->domain_max);
  hi = MAX (self->domain_min, self->domain_max);
  step = courant_linear_scale_step (self, count);

  if (step == 0)
    {
      CourantTick tick = { lo, NULL, NULL, lo == 0 };

      tick.label = unit != NULL ? courant_format_si (lo, unit) : courant_format_number (lo, 0);
      g_array_append_val (ticks, tick);
      return ticks;
    }

  if (unit != NULL)
    exponent = courant_format_si_exponent (MAX (fabs (lo), fabs (hi)), unit);
  decimals = step_decimals (step / pow (10, exponent));

  first = ceil (lo / step - EPSILON);
  last = floor (hi / step + EPSILON);
  for (double i = first; i <= last && ticks->len < MAX_TICKS; i++)
    {
      CourantTick tick = { step_multiple (i, step), NULL, NULL, i == 0 };

      if (unit != NULL)
        tick.label = courant_format_si_fixed (tick.value, exponent, decimals, unit);
      else
        tick.label = courant_format_number (tick.value, decimals);
      g_array_append_val (ticks, tick);
    }

  return ticks;
}

void
courant_time_scale_init (CourantTimeScale *self,
                         gint64            domain_min,
                         gint64            domain_max,
                         double            range_min,
                         double            range_max,
                         GTimeZone        *tz)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (range_min) && isfinite (range_max));

  self->domain_min = domain_min;
  self->domain_max = domain_max;
  self->range_min = range_min;
  self->range_max = range_max;
  self->tz = g_time_zone_ref (tz != NULL ? tz : courant_time_zone_get_default ());
}

void
courant_time_scale_clear (CourantTimeScale *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->tz, g_time_zone_unref);
}

double
courant_time_scale_map (const CourantTimeScale *self,
                        gint64                  time_ms)
{
  double span;

  g_return_val_if_fail (self != NULL, 0);

  span = (double) (self->domain_max - self->domain_min);
  if (span == 0)
    return (self->range_min + self->range_max) / 2;

  return self->range_min +
         (double) (time_ms - self->domain_min) / span * (self->range_max - self->range_min);
}

gint64
courant_time_scale_invert (const CourantTimeScale *self,
                           double                  pixel)
{
  double span;

  g_return_val_if_fail (self != NULL, 0);

  span = self->range_max - self->range_min;
  if (span == 0)
    return self->domain_min;

  return self->domain_min + llround ((pixel - self->range_min) / span *
                                    (double) (self->domain_max - self->domain_min));
}

static const struct {
  CourantTimeInterval interval;
  gint64              duration;
} time_intervals[] = {
  { { COURANT_TIME_UNIT_SECOND, 1 }, SECOND_MS },
  { { COURANT_TIME_UNIT_SECOND, 5 }, 5 * SECOND_MS },
  { { COURANT_TIME_UNIT_SECOND, 15 }, 15 * SECOND_MS },
  { { COURANT_TIME_UNIT_SECOND, 30 }, 30 * SECOND_MS },
  { { COURANT_TIME_UNIT_MINUTE, 1 }, MINUTE_MS },
  { { COURANT_TIME_UNIT_MINUTE, 5 }, 5 * MINUTE_MS },
  { { COURANT_TIME_UNIT_MINUTE, 15 }, 15 * MINUTE_MS },
  { { COURANT_TIME_UNIT_MINUTE, 30 }, 30 * MINUTE_MS },
  { { COURANT_TIME_UNIT_HOUR, 1 }, HOUR_MS },
  { { COURANT_TIME_UNIT_HOUR, 3 }, 3 * HOUR_MS },
  { { COURANT_TIME_UNIT_HOUR, 6 }, 6 * HOUR_MS },
  { { COURANT_TIME_UNIT_HOUR, 12 }, 12 * HOUR_MS },
  { { COURANT_TIME_UNIT_DAY, 1 }, DAY_MS },
  { { COURANT_TIME_UNIT_WEEK, 1 }, WEEK_MS },
  { { COURANT_TIME_UNIT_MONTH, 1 }, MONTH_MS },
  { { COURANT_TIME_UNIT_MONTH, 3 }, 3 * MONTH_MS },
  { { COURANT_TIME_UNIT_MONTH, 6 }, 6 * MONTH_MS },
  { { COURANT_TIME_UNIT_YEAR, 1 }, YEAR_MS },
};

/* The interval, among those that read naturally, closest (by ratio) to
 * cutting the domain into @count parts. Past a year it counts years in
 * 1, 2, 5, 10… as a linear scale would.
 */
CourantTimeInterval
courant_time_scale_interval (const CourantTimeScale *self,
                             guint                   count)
{
  CourantTimeInterval years = { COURANT_TIME_UNIT_YEAR, 1 };
  double target;

  g_return_val_if_fail (self != NULL, years);
  g_return_val_if_fail (count > 0, years);

  target = fabs ((double) (self->domain_max - self->domain_min)) / count;

  for (guint i = 0; i < G_N_ELEMENTS (time_intervals); i++)
    {
      double duration = time_intervals[i].duration;

      if (duration < target)
        continue;
      if (i > 0 && target / time_intervals[i - 1].duration < duration / target)
        return time_intervals[i - 1].interval;
      return time_intervals[i].interval;
    }

  years.count = (guint) MAX (1.0, courant_scale_nice_step (target / YEAR_MS, 1));
  return years;
}

/* The formats of one level of ticks. */
typedef struct
{
  const char *label;
  const char *major_label;   /* NULL: majors read like the others */
  const char *context;       /* NULL: no context line */
} TickFormats;

static TickFormats
tick_formats (CourantTimeUnit unit)
{
  /* Translators: this and the formats below label the ticks of a time
   * axis, in g_date_time_format() notation: %a abbreviated weekday, %b
   * abbreviated month, %B month, %-d day of the month without padding.
   * Write them as your language writes dates; French uses "%a %-d".
   */
  /* xgettext:no-c-format */
  const char *day = C_("time axis", "%a %-d");
  /* Translators: a week on a time axis, its Monday; French uses "%-d %b". */
  /* xgettext:no-c-format */
  const char *week = C_("time axis", "%b %-d");
  /* xgettext:no-c-format */
  const char *month = C_("time axis", "%b");
  /* xgettext:no-c-format */
  const char *year = C_("time axis", "%Y");
  /* xgettext:no-c-format */
  const char *hour = C_("time axis", "%H:%M");
  /* xgettext:no-c-format */
  const char *second = C_("time axis", "%H:%M:%S");
  /* Translators: the day shown under the hour ticks of a time axis;
   * French uses "%a %-d %b %Y".
   */
  /* xgettext:no-c-format */
  const char *context_day = C_("time axis", "%a %b %-d, %Y");
  /* Translators: the month shown under the day ticks of a time axis. */
  /* xgettext:no-c-format */
  const char *context_month = C_("time axis", "%B %Y");

  switch (unit)
    {
    case COURANT_TIME_UNIT_SECOND:
      return (TickFormats) { second, day, context_day };
    case COURANT_TIME_UNIT_MINUTE:
    case COURANT_TIME_UNIT_HOUR:
      return (TickFormats) { hour, day, context_day };
    case COURANT_TIME_UNIT_DAY:
      return (TickFormats) { day, month, context_month };
    case COURANT_TIME_UNIT_WEEK:
      return (TickFormats) { week, NULL, context_month };
    case COURANT_TIME_UNIT_MONTH:
      return (TickFormats) { month, year, year };
    case COURANT_TIME_UNIT_YEAR:
    default:
      return (TickFormats) { year, NULL, NULL };
    }
}

/* Whether @dt starts a period of the unit above @unit, where the axis
 * marks a boundary: midnight below a day, the first of the month for
 * days and the first week of the month, New Year for months.
 */
static gboolean
is_major (CourantTimeUnit  unit,
          GDateTime       *dt)
{
  gboolean midnight = g_date_time_get_hour (dt) == 0 &&
                      g_date_time_get_minute (dt) == 0 &&
                      g_date_time_get_second (dt) == 0;

  switch (unit)
    {
    case COURANT_TIME_UNIT_SECOND:
    case COURANT_TIME_UNIT_MINUTE:
    case COURANT_TIME_UNIT_HOUR:
      return midnight;
    case COURANT_TIME_UNIT_DAY:
      return g_date_time_get_day_of_month (dt) == 1;
    case COURANT_TIME_UNIT_WEEK:
      return g_date_time_get_day_of_month (dt) <= 7;
    case COURANT_TIME_UNIT_MONTH:
      return g_date_time_get_month (dt) == 1;
    case COURANT_TIME_UNIT_YEAR:
    default:
      return FALSE;
    }
}

/* What identifies the context a tick falls in: its day below a day, its
 * month for days and weeks, its year for months.
 */
static int
context_key (CourantTimeUnit  unit,
             GDateTime       *dt)
{
  int year = g_date_time_get_year (dt);
  int month = g_date_time_get_month (dt);

  switch (unit)
    {
    case COURANT_TIME_UNIT_SECOND:
    case COURANT_TIME_UNIT_MINUTE:
    case COURANT_TIME_UNIT_HOUR:
      return (year * 100 + month) * 100 + g_date_time_get_day_of_month (dt);
    case COURANT_TIME_UNIT_DAY:
    case COURANT_TIME_UNIT_WEEK:
      return year * 100 + month;
    case COURANT_TIME_UNIT_MONTH:
    case COURANT_TIME_UNIT_YEAR:
    default:
      return year;
    }
}

/* Whether the local clock shows the same time as at @time_ms at another
 * instant too: in the hour repeated when DST ends. Offsets seen within
 * three hours either side are the candidates for the other reading.
 */
static gboolean
is_repeated_wall_time (GTimeZone *tz,
                       gint64     time_ms)
{
  g_autoptr(GDateTime) dt = courant_date_time_new_from_ms (time_ms, tz);
  GTimeSpan offset;

  if (dt == NULL)
    return FALSE;

  offset = g_date_time_get_utc_offset (dt);
  for (int side = -1; side <= 1; side += 2)
    {
      g_autoptr(GDateTime) near = courant_date_time_new_from_ms (time_ms + side * 3 * HOUR_MS, tz);
      g_autoptr(GDateTime) other = NULL;
      GTimeSpan other_offset;

      if (near == NULL || g_date_time_get_utc_offset (near) == offset)
        continue;

      /* The instant at which the other offset shows the same wall time. */
      other_offset = g_date_time_get_utc_offset (near);
      other = courant_date_time_new_from_ms (time_ms + (offset - other_offset) / 1000, tz);
      if (other != NULL && g_date_time_get_utc_offset (other) == other_offset)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  const CourantTimeScale *scale;
  CourantTimeInterval     interval;
  TickFormats             formats;
  GArray                 *ticks;
  int                     last_context;
} TickBuilder;

static void
builder_add (TickBuilder *builder,
             gint64       time_ms)
{
  g_autoptr(GDateTime) dt = courant_date_time_new_from_ms (time_ms, builder->scale->tz);
  CourantTick tick = { (double) time_ms, NULL, NULL, FALSE };
  const char *format;
  int key;

  if (dt == NULL || time_ms < builder->scale->domain_min || time_ms > builder->scale->domain_max)
    return;

  tick.major = is_major (builder->interval.unit, dt);
  format = tick.major && builder->formats.major_label != NULL
    ? builder->formats.major_label
    : builder->formats.label;
  /* In the hour repeated when DST ends, the zone abbreviation ("02:00
   * CEST", "02:00 CET") keeps the two readings of the clock apart.
   */
  if (builder->interval.unit <= COURANT_TIME_UNIT_HOUR &&
      is_repeated_wall_time (builder->scale->tz, time_ms))
    {
      g_autofree char *zoned = g_strconcat (format, " %Z", NULL);

      tick.label = g_date_time_format (dt, zoned);
    }
  else
    {
      tick.label = g_date_time_format (dt, format);
    }

  key = context_key (builder->interval.unit, dt);
  if (builder->formats.context != NULL &&
      (builder->ticks->len == 0 || key != builder->last_context))
    tick.context = g_date_time_format (dt, builder->formats.context);
  builder->last_context = key;

  g_array_append_val (builder->ticks, tick);
}

/* Local wall-clock time of @time_ms, as an offset into its local hour. */
static gint64
ms_into_local_hour (const CourantTimeScale *scale,
                    gint64                  time_ms)
{
  g_autoptr(GDateTime) dt = courant_date_time_new_from_ms (time_ms, scale->tz);

  if (dt == NULL)
    return 0;

  return g_date_time_get_minute (dt) * MINUTE_MS + g_date_time_get_second (dt) * SECOND_MS +
         g_date_time_get_microsecond (dt) / 1000;
}

/* Seconds and minutes: aligned on the local clock, then evenly spaced in
 * absolute time. Offsets change by whole hours or half hours, so a
 * step that divides 30 minutes stays aligned across a change; and around
 * a fall-back the repeated hour gets its ticks twice, as it should.
 */
static void
build_sub_hour (TickBuilder *builder,
                gint64       unit_ms)
{
  const CourantTimeScale *scale = builder->scale;
  gint64 step = unit_ms * builder->interval.count;
  gint64 into_hour = ms_into_local_hour (scale, scale->domain_min);
  gint64 t = scale->domain_min - into_hour % step;

  for (; t <= scale->domain_max && builder->ticks->len < MAX_TICKS; t += step)
    builder_add (builder, t);
}

/* Hours: every hour that exists on the local clock, kept when the local
 * hour is a multiple of the step. A spring-forward day has no 02:00, a
 * fall-back day has two, and a 6-hour step still reads 00, 06, 12, 18.
 */
static void
build_hours (TickBuilder *builder)
{
  const CourantTimeScale *scale = builder->scale;
  gint64 t = scale->domain_min - ms_into_local_hour (scale, scale->domain_min);

  for (; t <= scale->domain_max && builder->ticks->len < MAX_TICKS; t += HOUR_MS)
    {
      g_autoptr(GDateTime) dt = courant_date_time_new_from_ms (t, scale->tz);

      if (dt != NULL && g_date_time_get_minute (dt) == 0 &&
          g_date_time_get_hour (dt) % builder->interval.count == 0)
        builder_add (builder, t);
    }
}

/* The instant of local midnight starting @date. */
static gint64
local_midnight (const CourantTimeScale *scale,
                const GDate            *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new (scale->tz, g_date_get_year (date),
                                             g_date_get_month (date),
                                             g_date_get_day (date), 0, 0, 0);

  return dt != NULL ? courant_date_time_to_ms (dt) : G_MAXINT64;
}

static gboolean
local_date_of (const CourantTimeScale *scale,
               gint64                  time_ms,
               GDate                  *date)
{
  g_autoptr(GDateTime) dt = courant_date_time_new_from_ms (time_ms, scale->tz);

  if (dt == NULL)
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  return TRUE;
}

/* Days and weeks: local midnights, of every day or of Mondays. */
static void
build_days (TickBuilder *builder,
            gboolean     mondays_only)
{
  const CourantTimeScale *scale = builder->scale;
  GDate date;

  if (!local_date_of (scale, scale->domain_min, &date))
    return;

  while (builder->ticks->len < MAX_TICKS)
    {
      gint64 t = local_midnight (scale, &date);

      if (t > scale->domain_max)
        break;
      if (!mondays_only || g_date_get_weekday (&date) == G_DATE_MONDAY)
        builder_add (builder, t);
      if (g_date_get_julian (&date) >= G_MAXUINT32 - 1)
        break;
      g_date_add_days (&date, 1);
    }
}

/* Months and years: local midnight on the first of the month, for months
 * (or years) that are multiples of the step counted from January (or
 * from year 0): quarters start in January, April, July and October.
 */
static void
build_months (TickBuilder *builder,
              guint        months_per_tick)
{
  const CourantTimeScale *scale = builder->scale;
  GDate date;
  guint index;

  if (!local_date_of (scale, scale->domain_min, &date))
    return;

  index = g_date_get_year (&date) * 12 + (g_date_get_month (&date) - 1);
  index -= index % months_per_tick;

  /* GDate and GDateTime hold the years 1 to 9999. */
  while (index < 12)
    index += months_per_tick;

  while (builder->ticks->len < MAX_TICKS && index / 12 <= 9999)
    {
      GDate first;
      gint64 t;

      g_date_clear (&first, 1);
      g_date_set_dmy (&first, 1, index % 12 + 1, index / 12);
      t = local_midnight (scale, &first);
      if (t > scale->domain_max)
        break;
      builder_add (builder, t);
      index += months_per_tick;
    }
}

/* Ticks for about @count intervals of the domain, on the local calendar
 * of the scale's time zone, labelled in the current LC_TIME locale.
 */
GArray *
courant_time_scale_ticks (const CourantTimeScale *self,
                          guint                   count)
{
  TickBuilder builder;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->tz != NULL, NULL);
  g_return_val_if_fail (count > 0, NULL);

  builder = (TickBuilder) {
    .scale = self,
    .interval = courant_time_scale_interval (self, count),
    .ticks = tick_array_new (),
  };
  builder.formats = tick_formats (builder.interval.unit);

  if (self->domain_max < self->domain_min)
    return builder.ticks;

  switch (builder.interval.unit)
    {
    case COURANT_TIME_UNIT_SECOND:
      build_sub_hour (&builder, SECOND_MS);
      break;
    case COURANT_TIME_UNIT_MINUTE:
      build_sub_hour (&builder, MINUTE_MS);
      break;
    case COURANT_TIME_UNIT_HOUR:
      build_hours (&builder);
      break;
    case COURANT_TIME_UNIT_DAY:
      build_days (&builder, FALSE);
      break;
    case COURANT_TIME_UNIT_WEEK:
      build_days (&builder, TRUE);
      break;
    case COURANT_TIME_UNIT_MONTH:
      build_months (&builder, builder.interval.count);
      break;
    case COURANT_TIME_UNIT_YEAR:
    default:
      build_months (&builder, builder.interval.count * 12);
      break;
    }

  return builder.ticks;
}
