/* courant-format.c: numbers, quantities, durations and dates for people
 *
 * Numbers follow the LC_NUMERIC conventions in force at the time of the
 * call (a French user reads "12 345,6 kWh", an English one "12,345.6 kWh"),
 * but never through printf's own locale handling: digits are produced in
 * the C locale and then grouped by hand, so the result does not depend on
 * which categories the program happened to set. Dates go through
 * GDateTime, whose month and day names follow LC_TIME, with formats that
 * translators adapt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "courant-format.h"

#define NO_BREAK_SPACE "\u00a0"
#define MINUS_SIGN     "\u2212"
#define MISSING        "\u2014"

/* Enough for every finite double printed with %.17f. */
#define NUMBER_BUF_SIZE 400
#define MAX_DECIMALS    17

#define DEFAULT_TIME_ZONE "Europe/Paris"

/* Index of seconds in duration_units(): under a minute, one unit only. */
#define SECONDS_UNIT 3

static const struct {
  const char *symbol;
  int         exponent;
} si_prefixes[] = {
  { "m", -3 },
  { "", 0 },
  { "k", 3 },
  { "M", 6 },
  { "G", 9 },
  { "T", 12 },
  { "P", 15 },
};

/* Units that take SI prefixes. Anything else ("°C", "%", "min") is
 * printed in full with its unit untouched.
 */
static const char * const prefixable_units[] = {
  "W", "Wh", "Wc", "VA", "VAh", "var", "varh", "J", "Hz", "g", "t", "€",
};

typedef struct
{
  const char *base;        /* the unit without its prefix */
  int         exponent;    /* the power of ten of its prefix */
  gboolean    prefixable;
  gboolean    unitless;
} Unit;

static gboolean
is_prefixable (const char *base)
{
  for (guint i = 0; i < G_N_ELEMENTS (prefixable_units); i++)
    {
      if (strcmp (base, prefixable_units[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static Unit
parse_unit (const char *unit)
{
  if (unit == NULL || *unit == '\0')
    return (Unit) { "", 0, TRUE, TRUE };

  if (is_prefixable (unit))
    return (Unit) { unit, 0, TRUE, FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (si_prefixes); i++)
    {
      const char *symbol = si_prefixes[i].symbol;
      gsize len = strlen (symbol);

      if (len > 0 && strncmp (unit, symbol, len) == 0 && is_prefixable (unit + len))
        return (Unit) { unit + len, si_prefixes[i].exponent, TRUE, FALSE };
    }

  return (Unit) { unit, 0, FALSE, FALSE };
}

static const char *
prefix_symbol (int exponent)
{
  for (guint i = 0; i < G_N_ELEMENTS (si_prefixes); i++)
    {
      if (si_prefixes[i].exponent == exponent)
        return si_prefixes[i].symbol;
    }

  return NULL;
}

/* Inserts the locale's thousands separator into @digits following the
 * POSIX grouping rules: each byte of @grouping is the size of a group,
 * counted from the right; the last size repeats, and CHAR_MAX stops
 * grouping.
 */
static void
append_grouped (GString    *out,
                const char *digits,
                const char *grouping,
                const char *separator)
{
  gsize len = strlen (digits);
  g_autofree gboolean *break_before = g_new0 (gboolean, len + 1);
  gsize position = len;
  const char *group = grouping;

  if (*separator != '\0' && group != NULL)
    {
      while (*group != '\0' && *group != CHAR_MAX && *group > 0)
        {
          if (position <= (gsize) *group)
            break;
          position -= *group;
          break_before[position] = TRUE;
          if (group[1] != '\0')
            group++;
        }
    }

  for (gsize i = 0; i < len; i++)
    {
      if (break_before[i])
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

static gboolean
is_all_zeros (const char *digits)
{
  for (const char *p = digits; *p != '\0'; p++)
    {
      if (*p != '0')
        return FALSE;
    }

  return TRUE;
}

static char *
format_number (double   value,
               int      decimals,
               gboolean strip_zeros)
{
  char buffer[NUMBER_BUF_SIZE];
  char format[16];
  const struct lconv *conventions;
  GString *out;
  char *point;
  char *digits;

  if (isnan (value))
    return g_strdup (MISSING);
  if (isinf (value))
    return g_strdup (value > 0 ? "\u221e" : MINUS_SIGN "\u221e");

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, fabs (value));

  point = strchr (buffer, '.');
  if (point != NULL)
    {
      *point = '\0';
      if (strip_zeros)
        {
          char *end = point + strlen (point + 1);

          while (end > point && *end == '0')
            *end-- = '\0';
        }
    }
  digits = buffer;

  /* localeconv() is the only portable source of the grouping rules. It
   * fills a static struct from the current locale; every thread writes
   * the same values into it, and nothing here holds on to it.
   */
  conventions = localeconv ();

  out = g_string_new (NULL);
  /* "−0" would read as a value below zero. */
  if (signbit (value) && !(is_all_zeros (digits) && (point == NULL || is_all_zeros (point + 1))))
    g_string_append (out, MINUS_SIGN);
  append_grouped (out, digits, conventions->grouping, conventions->thousands_sep);
  if (point != NULL && point[1] != '\0')
    {
      g_string_append (out, conventions->decimal_point);
      g_string_append (out, point + 1);
    }

  return g_string_free (out, FALSE);
}

static char *
join_unit (char       *number,
           const char *unit)
{
  char *joined;

  if (unit == NULL || *unit == '\0' || g_str_equal (number, MISSING))
    return number;

  /* A no-break space, so that a wrapped label never leaves its unit
   * alone on the next line.
   */
  joined = g_strconcat (number, NO_BREAK_SPACE, unit, NULL);
  g_free (number);
  return joined;
}

/* @value with @decimals digits after the decimal point, grouped by
 * thousands, in the conventions of the current LC_NUMERIC locale.
 * Negative numbers take a true minus sign (U+2212); NaN, a missing value,
 * is an em dash.
 */
char *
courant_format_number (double value,
                       int    decimals)
{
  g_return_val_if_fail (decimals >= 0 && decimals <= MAX_DECIMALS, NULL);

  return format_number (value, decimals, FALSE);
}

/* Like courant_format_number(), followed by a no-break space and @unit:
 * "12 345,6 kWh".
 */
char *
courant_format_number_with_unit (double      value,
                                 int         decimals,
                                 const char *unit)
{
  g_return_val_if_fail (decimals >= 0 && decimals <= MAX_DECIMALS, NULL);

  return join_unit (format_number (value, decimals, FALSE), unit);
}

/* The power of ten, a multiple of three, by which to divide values of
 * about @magnitude expressed in @unit so that at most three digits stand
 * before the decimal point: 3 for 1,500 MW (shown in GW), 0 for "°C",
 * which takes no prefix. A NULL or empty @unit is a plain count, which is
 * compacted upwards only ("12 k"), never into milli.
 */
int
courant_format_si_exponent (double      magnitude,
                            const char *unit)
{
  Unit parsed = parse_unit (unit);
  int lowest = parsed.unitless ? 0 : -3;
  int absolute;

  magnitude = fabs (magnitude);
  if (!parsed.prefixable || magnitude == 0 || !isfinite (magnitude))
    return 0;

  /* The epsilon keeps exact powers of ten (1000) from falling a step
   * short through rounding in log10().
   */
  absolute = parsed.exponent + (int) floor (log10 (magnitude) + 1e-9);
  absolute = (int) floor (absolute / 3.0) * 3;
  absolute = CLAMP (absolute, lowest, 15);

  return absolute - parsed.exponent;
}

static char *
format_si (double      value,
           int         exponent,
           int         decimals,
           gboolean    strip_zeros,
           const char *unit)
{
  Unit parsed = parse_unit (unit);
  g_autofree char *full_unit = NULL;
  const char *prefix = prefix_symbol (parsed.exponent + exponent);

  g_assert (prefix != NULL);

  if (parsed.prefixable)
    full_unit = g_strconcat (prefix, parsed.base, NULL);
  else
    full_unit = g_strdup (unit);

  return join_unit (format_number (value / pow (10, exponent), decimals, strip_zeros),
                    full_unit);
}

/* @value, in @unit, divided by 10^@exponent (from
 * courant_format_si_exponent()) and printed with @decimals decimals and
 * the prefix that makes up for the division. Axis ticks use it: they
 * share one exponent and one number of decimals, so they line up.
 */
char *
courant_format_si_fixed (double      value,
                         int         exponent,
                         int         decimals,
                         const char *unit)
{
  Unit parsed = parse_unit (unit);

  g_return_val_if_fail (decimals >= 0 && decimals <= MAX_DECIMALS, NULL);
  g_return_val_if_fail (exponent == 0 || parsed.prefixable, NULL);
  g_return_val_if_fail (prefix_symbol (parsed.exponent + exponent) != NULL, NULL);

  return format_si (value, exponent, decimals, FALSE, unit);
}

/* @value in @unit, compact: three significant digits and an SI prefix
 * where the unit takes one. 1500 "MW" is "1.5 GW", 12345 "" is "12.3 k",
 * 18.25 "°C" is "18.3 °C" (18,3 °C in French).
 */
char *
courant_format_si (double      value,
                   const char *unit)
{
  Unit parsed = parse_unit (unit);
  int exponent;
  int decimals = 0;
  double scaled;

  if (!isfinite (value))
    return join_unit (format_number (value, 0, TRUE), unit);

  exponent = courant_format_si_exponent (value, unit);
  scaled = fabs (value) / pow (10, exponent);
  if (scaled > 0)
    decimals = MAX (0, 2 - (int) floor (log10 (scaled) + 1e-9));

  /* 999.96 k rounds to "1000 k": read it as 1 M instead. */
  if (parsed.prefixable && parsed.exponent + exponent < 15 &&
      round (scaled * pow (10, decimals)) >= 1000 * pow (10, decimals))
    {
      exponent += 3;
      decimals = 2;
    }

  return format_si (value, exponent, decimals, TRUE, unit);
}

typedef struct
{
  gint64      milliseconds;
  const char *symbol;
} DurationUnit;

static const DurationUnit *
duration_units (guint *n_units)
{
  static DurationUnit units[5];
  static gsize initialized = 0;

  /* Translated once, on first use, after the program set its locale. */
  if (g_once_init_enter (&initialized))
    {
      /* Translators: abbreviation of "days" in a duration, "3 d 4 h" */
      units[0] = (DurationUnit) { G_TIME_SPAN_DAY / 1000, C_("duration", "d") };
      /* Translators: abbreviation of "hours" in a duration, "3 d 4 h" */
      units[1] = (DurationUnit) { G_TIME_SPAN_HOUR / 1000, C_("duration", "h") };
      /* Translators: abbreviation of "minutes" in a duration, "45 min" */
      units[2] = (DurationUnit) { G_TIME_SPAN_MINUTE / 1000, C_("duration", "min") };
      /* Translators: abbreviation of "seconds" in a duration, "1 min 5 s" */
      units[3] = (DurationUnit) { G_TIME_SPAN_SECOND / 1000, C_("duration", "s") };
      /* Translators: abbreviation of "milliseconds" in a duration, "250 ms" */
      units[4] = (DurationUnit) { 1, C_("duration", "ms") };
      g_once_init_leave (&initialized, 1);
    }

  *n_units = G_N_ELEMENTS (units);
  return units;
}

static void
append_duration_part (GString            *out,
                      gint64              count,
                      const DurationUnit *unit)
{
  g_autofree char *number = courant_format_number_with_unit (count, 0, unit->symbol);

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, number);
}

/* The index of the largest unit not larger than @milliseconds. */
static guint
largest_unit (const DurationUnit *units,
              guint               n_units,
              gint64              milliseconds)
{
  for (guint i = 0; i < n_units; i++)
    {
      if (milliseconds >= units[i].milliseconds)
        return i;
    }

  return n_units - 1;
}

/* A duration the way people say it, in its two largest units, rounded
 * to the smaller of the two: "3 d 4 h", "45 min", "1 min 5 s". Under a
 * minute it is whole seconds ("45 s"), under a second milliseconds.
 */
char *
courant_format_duration (gint64 milliseconds)
{
  const DurationUnit *units;
  g_autoptr(GString) parts = g_string_new (NULL);
  guint n_units;
  guint big;
  guint small;
  gint64 magnitude;
  gint64 rounded;

  g_return_val_if_fail (milliseconds > G_MININT64, NULL);

  units = duration_units (&n_units);
  magnitude = ABS (milliseconds);
  big = largest_unit (units, n_units, magnitude);
  small = big < SECONDS_UNIT ? big + 1 : big;
  rounded = (magnitude + units[small].milliseconds / 2) / units[small].milliseconds *
            units[small].milliseconds;

  /* Rounding 23 h 59 min 40 s to the minute gives 24 h, which reads
   * "1 d"; the rounded value is then a whole number of the new smaller
   * unit too.
   */
  big = largest_unit (units, n_units, rounded);
  small = big < SECONDS_UNIT ? big + 1 : big;

  append_duration_part (parts, rounded / units[big].milliseconds, &units[big]);
  if (small != big && rounded % units[big].milliseconds != 0)
    append_duration_part (parts, rounded % units[big].milliseconds / units[small].milliseconds,
                          &units[small]);

  if (milliseconds < 0 && rounded > 0)
    g_string_prepend (parts, MINUS_SIGN);

  return g_string_free (g_steal_pointer (&parts), FALSE);
}

/* Europe/Paris, the zone of the datasets Courant was made for, or UTC
 * where the system has no time zone data. Owned by the library.
 */
GTimeZone *
courant_time_zone_get_default (void)
{
  static GTimeZone *tz = NULL;

  if (g_once_init_enter (&tz))
    {
      GTimeZone *zone = g_time_zone_new_identifier (DEFAULT_TIME_ZONE);

      g_once_init_leave (&tz, zone != NULL ? zone : g_time_zone_new_utc ());
    }

  return tz;
}

/* The instant @time_ms (milliseconds since the epoch, UTC) seen in @tz
 * (NULL: the default zone), or NULL outside GDateTime's years 1 to 9999.
 */
GDateTime *
courant_date_time_new_from_ms (gint64     time_ms,
                               GTimeZone *tz)
{
  /* Floor division, so that instants before 1970 keep a positive
   * millisecond remainder.
   */
  gint64 seconds = time_ms / 1000 - (time_ms % 1000 < 0);
  gint64 remainder_ms = time_ms - seconds * 1000;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) precise = NULL;

  if (utc == NULL)
    return NULL;

  precise = g_date_time_add (utc, remainder_ms * 1000);
  if (precise == NULL)
    return NULL;

  return g_date_time_to_timezone (precise, tz != NULL ? tz : courant_time_zone_get_default ());
}

gint64
courant_date_time_to_ms (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, 0);

  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* @time_ms in @tz (NULL: the default zone) through g_date_time_format(),
 * whose day and month names follow LC_TIME. An em dash outside the
 * range GDateTime can represent.
 */
char *
courant_format_time (gint64      time_ms,
                     GTimeZone  *tz,
                     const char *format)
{
  g_autoptr(GDateTime) dt = NULL;
  char *text;

  g_return_val_if_fail (format != NULL, NULL);

  dt = courant_date_time_new_from_ms (time_ms, tz);
  if (dt == NULL)
    return g_strdup (MISSING);

  text = g_date_time_format (dt, format);
  return text != NULL ? text : g_strdup (MISSING);
}

/* A day: "Feb 3, 2025", "3 févr. 2025". */
char *
courant_format_date (gint64     time_ms,
                     GTimeZone *tz)
{
  /* Translators: a date, in g_date_time_format() notation: %b is the
   * abbreviated month, %-d the day without padding, %Y the year. French
   * uses "%-d %b %Y".
   */
  /* xgettext:no-c-format */
  return courant_format_time (time_ms, tz, C_("date format", "%b %-d, %Y"));
}

/* A day and a time of day: "Feb 3, 2025 14:30", "3 févr. 2025 14:30". */
char *
courant_format_date_time (gint64     time_ms,
                          GTimeZone *tz)
{
  /* Translators: a date and time, in g_date_time_format() notation. French
   * uses "%-d %b %Y %H:%M".
   */
  /* xgettext:no-c-format */
  return courant_format_time (time_ms, tz, C_("date format", "%b %-d, %Y %H:%M"));
}
