/* courant-time.c: reading timestamps in every common encoding
 *
 * Text is parsed by hand and calendar dates become days with Howard
 * Hinnant's days-from-civil arithmetic, so that a row costs no allocation:
 * the weather and production tables hold hundreds of thousands of ISO
 * strings. Local times are resolved against a per-thread cache of each
 * year's UTC offset transitions, read once from GLib.
 *
 * Rules for local times without an offset, where the wall clock is not a
 * one-to-one map of instants:
 *  - in the spring-forward gap (02:30 on the last Sunday of March in Paris),
 *    the time is read with the offset in force before the change, which
 *    shifts it forward by the length of the gap (02:30 becomes 03:30+02:00),
 *    as Java, Python's zoneinfo (fold=0) and PostgreSQL do;
 *  - in the autumn overlap (02:00–03:00 on the last Sunday of October),
 *    it is read as the first pass (02:30+02:00). Text with an offset keeps
 *    both passes distinct.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "courant-time.h"

#define SECONDS_PER_DAY   86400
#define MS_PER_DAY        86400000.0
/* Instants are accepted from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. */
#define MIN_MS            G_GINT64_CONSTANT (-62135596800000)
#define MAX_MS            G_GINT64_CONSTANT (253402300799999)
#define MAX_ORDINAL       9007199254740992.0 /* 2^53: every integer below is exact */
#define UNIX_EPOCH_JULIAN 2440587.5
#define DEFAULT_ZONE      "Europe/Paris"

/* Real zones change their offset at most four times a year. */
#define MAX_TRANSITIONS   16
#define ZONE_CACHE_SIZE   8
#define MAX_IDENTIFIER    128

typedef struct
{
  int      year;
  int      month;
  int      day;
  int      hour;
  int      minute;
  int      second;
  int      millisecond;
  gboolean has_offset;
  int      offset; /* seconds east of UTC */
} CivilTime;

/* The offset changes of a time zone around one wall-clock year. */
typedef struct
{
  char    identifier[MAX_IDENTIFIER]; /* "" while the slot is free */
  int     year;
  gint32  first_offset;
  guint   n_transitions;
  gint64  at[MAX_TRANSITIONS];    /* UTC seconds of the change */
  gint32  after[MAX_TRANSITIONS]; /* offset from then on */
} ZoneYear;

/* Each thread keeps its own cache, so that parsing takes no lock. */
static _Thread_local ZoneYear zone_cache[ZONE_CACHE_SIZE];
static _Thread_local guint zone_cache_next;
static _Thread_local guint zone_cache_last;

const char *
courant_time_encoding_to_string (CourantTimeEncoding encoding)
{
  switch (encoding)
    {
    case COURANT_TIME_ISO8601:           return "iso8601";
    case COURANT_TIME_DMY:               return "dmy";
    case COURANT_TIME_UNIX_SECONDS:      return "unix-seconds";
    case COURANT_TIME_UNIX_MILLISECONDS: return "unix-milliseconds";
    case COURANT_TIME_JULIAN_DAY:        return "julian-day";
    case COURANT_TIME_ORDINAL:           return "ordinal";
    case COURANT_TIME_UNKNOWN:
    default:                             return "unknown";
    }
}

gboolean
courant_time_encoding_from_string (const char          *text,
                                   CourantTimeEncoding *encoding)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);

  for (CourantTimeEncoding e = COURANT_TIME_UNKNOWN; e <= COURANT_TIME_ORDINAL; e++)
    if (g_ascii_strcasecmp (text, courant_time_encoding_to_string (e)) == 0)
      {
        *encoding = e;
        return TRUE;
      }

  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Calendar arithmetic                                                      */
/* ------------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms"). */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static int
days_in_month (int year,
               int month)
{
  static const guint8 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

/* ------------------------------------------------------------------------ */
/* Time zones                                                               */
/* ------------------------------------------------------------------------ */

static GTimeZone *
default_zone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *paris = g_time_zone_new_identifier (DEFAULT_ZONE);

      /* Without tzdata (a bare container) UTC is the only honest choice. */
      g_once_init_leave (&zone, paris != NULL ? paris : g_time_zone_new_utc ());
    }

  return zone;
}

/* The first second in (@from, @to] whose interval is later than @from's. */
static gint64
find_change (GTimeZone *tz,
             gint64     from,
             gint64     to)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, from);

  while (to - from > 1)
    {
      gint64 middle = from + (to - from) / 2;

      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, middle) == interval)
        from = middle;
      else
        to = middle;
    }

  return to;
}

/* Lists the offset changes that can affect a wall-clock time of @year, by
 * walking the UTC intervals a day at a time (GLib does not expose its
 * transitions) and bisecting each change to the second. */
static gboolean
zone_year_build (ZoneYear  *zone,
                 GTimeZone *tz,
                 int        year)
{
  /* Offsets stay within a day, so two days of margin cover the year. */
  gint64 from = (days_from_civil (year, 1, 1) - 2) * SECONDS_PER_DAY;
  gint64 to = (days_from_civil (year + 1, 1, 1) + 2) * SECONDS_PER_DAY;
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, from);
  gint32 offset = g_time_zone_get_offset (tz, interval);

  zone->year = year;
  zone->first_offset = offset;
  zone->n_transitions = 0;

  for (gint64 t = from; t < to; )
    {
      gint64 next = MIN (t + SECONDS_PER_DAY, to);
      int next_interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, next);
      gint64 change;

      if (next_interval == interval)
        {
          t = next;
          continue;
        }

      change = find_change (tz, t, next);
      interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, change);
      if (g_time_zone_get_offset (tz, interval) != offset)
        {
          if (zone->n_transitions == MAX_TRANSITIONS)
            return FALSE;
          offset = g_time_zone_get_offset (tz, interval);
          zone->at[zone->n_transitions] = change;
          zone->after[zone->n_transitions] = offset;
          zone->n_transitions++;
        }
      t = change;
    }

  return TRUE;
}

static const ZoneYear *
zone_year_lookup (GTimeZone *tz,
                  int        year)
{
  const char *identifier = g_time_zone_get_identifier (tz);
  ZoneYear *slot;

  if (zone_cache[zone_cache_last].year == year &&
      strcmp (zone_cache[zone_cache_last].identifier, identifier) == 0)
    return &zone_cache[zone_cache_last];

  for (guint i = 0; i < ZONE_CACHE_SIZE; i++)
    if (zone_cache[i].year == year && strcmp (zone_cache[i].identifier, identifier) == 0)
      {
        zone_cache_last = i;
        return &zone_cache[i];
      }

  /* An identifier too long for the cache never matches a slot: such a zone
   * is rebuilt on every call, slow but right. */
  slot = &zone_cache[zone_cache_next];
  slot->identifier[0] = '\0';
  if (!zone_year_build (slot, tz, year))
    return NULL;
  if (strlen (identifier) < MAX_IDENTIFIER)
    {
      strcpy (slot->identifier, identifier);
      zone_cache_last = zone_cache_next;
      zone_cache_next = (zone_cache_next + 1) % ZONE_CACHE_SIZE;
    }

  return slot;
}

/* Wall-clock seconds of @year in @tz to UTC seconds, with the gap and
 * overlap rules of the header comment: until the wall clock has passed a
 * change under both offsets, the earlier offset holds. */
static gboolean
wall_to_utc (GTimeZone *tz,
             int        year,
             gint64     wall,
             gint64    *utc)
{
  const ZoneYear *zone = zone_year_lookup (tz, year);
  gint32 before;

  if (zone == NULL)
    return FALSE;

  before = zone->first_offset;
  for (guint i = 0; i < zone->n_transitions; i++)
    {
      if (wall < zone->at[i] + MAX (before, zone->after[i]))
        break;
      before = zone->after[i];
    }

  *utc = wall - before;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Text                                                                     */
/* ------------------------------------------------------------------------ */

static gboolean
read_digits (const char **p,
             const char  *end,
             int          n,
             int         *value)
{
  int v = 0;

  if (end - *p < n)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      unsigned d = (unsigned char) (*p)[i] - '0';

      if (d > 9)
        return FALSE;
      v = v * 10 + (int) d;
    }
  *p += n;
  *value = v;

  return TRUE;
}

/* One or two digits, as day and month numbers are written in DD/MM/YYYY. */
static gboolean
read_short_number (const char **p,
                   const char  *end,
                   int         *value)
{
  if (!read_digits (p, end, 1, value))
    return FALSE;
  if (*p < end && g_ascii_isdigit (**p))
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
    }

  return TRUE;
}

static gboolean
skip_char (const char **p,
           const char  *end,
           char         c)
{
  if (*p < end && **p == c)
    {
      (*p)++;
      return TRUE;
    }

  return FALSE;
}

static gboolean
skip_word (const char **p,
           const char  *end,
           const char  *word)
{
  gsize n = strlen (word);

  if ((gsize) (end - *p) >= n && g_ascii_strncasecmp (*p, word, n) == 0)
    {
      *p += n;
      return TRUE;
    }

  return FALSE;
}

/* Z, UTC, GMT, ±HH, ±HHMM or ±HH:MM, optionally after one space, and then
 * the end of the text. */
static gboolean
parse_zone (const char *p,
            const char *end,
            CivilTime  *time)
{
  int sign, hours, minutes = 0;

  if (p == end)
    return TRUE;

  skip_char (&p, end, ' ');
  time->has_offset = TRUE;
  if (p < end && g_ascii_isalpha (*p) &&
      (skip_word (&p, end, "Z") || skip_word (&p, end, "UTC") || skip_word (&p, end, "GMT")))
    {
      time->offset = 0;
      return p == end;
    }

  if (skip_char (&p, end, '+'))
    sign = 1;
  else if (skip_char (&p, end, '-'))
    sign = -1;
  else
    return FALSE;

  if (!read_digits (&p, end, 2, &hours))
    return FALSE;
  if (p < end)
    {
      skip_char (&p, end, ':');
      if (!read_digits (&p, end, 2, &minutes))
        return FALSE;
    }
  if (p != end || hours > 23 || minutes > 59)
    return FALSE;

  time->offset = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* HH:MM[:SS[(.|,)fraction]] and an optional zone. */
static gboolean
parse_clock (const char *p,
             const char *end,
             CivilTime  *time)
{
  if (!read_digits (&p, end, 2, &time->hour) || !skip_char (&p, end, ':') ||
      !read_digits (&p, end, 2, &time->minute))
    return FALSE;

  if (skip_char (&p, end, ':'))
    {
      if (!read_digits (&p, end, 2, &time->second))
        return FALSE;
      if (p < end && (*p == '.' || *p == ','))
        {
          int scale = 100;

          p++;
          if (p == end || !g_ascii_isdigit (*p))
            return FALSE;
          /* Digits past the millisecond are dropped: instants are in ms. */
          for (; p < end && g_ascii_isdigit (*p); p++, scale /= 10)
            time->millisecond += (*p - '0') * scale;
        }
    }

  if (time->hour > 23 || time->minute > 59 || time->second > 59)
    return FALSE;

  return parse_zone (p, end, time);
}

/* After a date: nothing, or a T or space and a clock time. */
static gboolean
parse_time_part (const char *p,
                 const char *end,
                 CivilTime  *time)
{
  if (p == end)
    return TRUE;
  if (*p != 'T' && *p != 't' && *p != ' ')
    return FALSE;

  return parse_clock (p + 1, end, time);
}

/* YYYY-MM-DD[(T| )HH:MM[:SS[.fff]][zone]], which also covers ClickHouse's
 * Date and DateTime text. */
static gboolean
parse_iso (const char *p,
           const char *end,
           CivilTime  *time)
{
  if (!read_digits (&p, end, 4, &time->year) || !skip_char (&p, end, '-') ||
      !read_digits (&p, end, 2, &time->month) || !skip_char (&p, end, '-') ||
      !read_digits (&p, end, 2, &time->day))
    return FALSE;

  return parse_time_part (p, end, time);
}

/* D[D]/M[M]/YYYY with '/', '.' or '-' used throughout, then an optional time. */
static gboolean
parse_dmy (const char *p,
           const char *end,
           CivilTime  *time)
{
  char separator;

  if (!read_short_number (&p, end, &time->day) || p == end)
    return FALSE;
  separator = *p;
  if (separator != '/' && separator != '.' && separator != '-')
    return FALSE;
  p++;
  if (!read_short_number (&p, end, &time->month) || !skip_char (&p, end, separator) ||
      !read_digits (&p, end, 4, &time->year))
    return FALSE;

  return parse_time_part (p, end, time);
}

static gboolean
civil_to_ms (const CivilTime *time,
             GTimeZone       *tz,
             gint64          *out_ms)
{
  gint64 wall, utc;

  if (time->year < 1 || time->month < 1 || time->month > 12 || time->day < 1 ||
      time->day > days_in_month (time->year, time->month))
    return FALSE;

  wall = days_from_civil (time->year, time->month, time->day) * SECONDS_PER_DAY +
         time->hour * 3600 + time->minute * 60 + time->second;

  if (time->has_offset)
    utc = wall - time->offset;
  else if (!wall_to_utc (tz != NULL ? tz : default_zone (), time->year, wall, &utc))
    return FALSE;

  utc = utc * 1000 + time->millisecond;
  if (utc < MIN_MS || utc > MAX_MS)
    return FALSE;

  *out_ms = utc;
  return TRUE;
}

/* A decimal number, with a point or a comma, and for the rare exponent
 * form a detour through g_ascii_strtod(). */
static gboolean
parse_number (const char *p,
              const char *end,
              double     *value)
{
  const char *start = p;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int n_digits = 0, n_decimals = 0;
  static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
                                   1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18 };

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';

  for (; p < end && g_ascii_isdigit (*p) && n_digits < 18; p++, n_digits++)
    mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (p < end && (*p == '.' || *p == ','))
    for (p++; p < end && g_ascii_isdigit (*p) && n_digits < 18; p++, n_digits++, n_decimals++)
      mantissa = mantissa * 10 + (guint64) (*p - '0');

  if (p == end && n_digits > 0)
    {
      *value = (negative ? -(double) mantissa : (double) mantissa) / powers[n_decimals];
      return TRUE;
    }

  {
    char buffer[64];
    char *number_end;

    if (end - start >= (gssize) sizeof buffer)
      return FALSE;
    for (p = start; p < end; p++)
      if (!g_ascii_isdigit (*p) && (*p == '\0' || strchr ("+-.eE", *p) == NULL))
        return FALSE;
    memcpy (buffer, start, end - start);
    buffer[end - start] = '\0';
    *value = g_ascii_strtod (buffer, &number_end);

    return number_end != buffer && *number_end == '\0' && isfinite (*value);
  }
}

gboolean
courant_time_parse_text (const char          *text,
                         gssize               len,
                         CourantTimeEncoding  encoding,
                         GTimeZone           *tz,
                         gint64              *out_ms)
{
  const char *end;
  CivilTime time = { 0 };
  double number;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out_ms != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  end = text + (len < 0 ? strlen (text) : (gsize) len);
  while (text < end && g_ascii_isspace (*text))
    text++;
  while (end > text && g_ascii_isspace (end[-1]))
    end--;

  switch (encoding)
    {
    case COURANT_TIME_ISO8601:
      return parse_iso (text, end, &time) && civil_to_ms (&time, tz, out_ms);

    case COURANT_TIME_DMY:
      return parse_dmy (text, end, &time) && civil_to_ms (&time, tz, out_ms);

    case COURANT_TIME_UNKNOWN:
      if (parse_iso (text, end, &time))
        return civil_to_ms (&time, tz, out_ms);
      memset (&time, 0, sizeof time);
      return parse_dmy (text, end, &time) && civil_to_ms (&time, tz, out_ms);

    case COURANT_TIME_UNIX_SECONDS:
    case COURANT_TIME_UNIX_MILLISECONDS:
    case COURANT_TIME_JULIAN_DAY:
    case COURANT_TIME_ORDINAL:
      return parse_number (text, end, &number) &&
             courant_time_from_number (number, encoding, out_ms);

    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
ms_from_double (double  ms,
                gint64 *out_ms)
{
  /* Checked as a double first: converting an out-of-range double to an
   * integer is undefined. */
  if (!isfinite (ms) || ms < (double) MIN_MS || ms > (double) MAX_MS)
    return FALSE;

  *out_ms = llround (ms);
  return *out_ms >= MIN_MS && *out_ms <= MAX_MS;
}

gboolean
courant_time_from_number (double               value,
                          CourantTimeEncoding  encoding,
                          gint64              *out_ms)
{
  g_return_val_if_fail (out_ms != NULL, FALSE);

  switch (encoding)
    {
    case COURANT_TIME_UNIX_SECONDS:
      return ms_from_double (value * 1000.0, out_ms);

    case COURANT_TIME_UNIX_MILLISECONDS:
      return ms_from_double (value, out_ms);

    case COURANT_TIME_JULIAN_DAY:
      /* The subtraction is exact for any Julian day of our range, so only
       * the product rounds: well below a millisecond. */
      return ms_from_double ((value - UNIX_EPOCH_JULIAN) * MS_PER_DAY, out_ms);

    case COURANT_TIME_ORDINAL:
      /* An order (step 3, semester 2) is kept as is; it must be a whole
       * number so that its order survives. */
      if (!isfinite (value) || value != floor (value) || fabs (value) > MAX_ORDINAL)
        return FALSE;
      *out_ms = (gint64) value;
      return TRUE;

    case COURANT_TIME_UNKNOWN:
    case COURANT_TIME_ISO8601:
    case COURANT_TIME_DMY:
    default:
      return FALSE;
    }
}
