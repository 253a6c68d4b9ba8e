/* fuzz-time.c: the time parser against arbitrary bytes
 *
 * Besides not crashing nor reading past the given length, the parser must
 * agree with itself: guessing the encoding gives what ISO 8601 or else
 * DD/MM/YYYY gives, surrounding spaces change nothing, the zone moves a
 * local time by no more than the offsets differ, and every instant lies in
 * years 1–9999. Built by hand like fuzz-csv (see meson.build), from
 * tests/fuzz/fuzz-time.c and data/courant-time.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "courant-time.h"
#include "fuzz.h"

#define MIN_MS G_GINT64_CONSTANT (-62135596800000)
#define MAX_MS G_GINT64_CONSTANT (253402300799999)

static GTimeZone *zones[3];

static void
init_zones (void)
{
  if (zones[0] != NULL)
    return;

  zones[0] = g_time_zone_new_identifier ("Europe/Paris");
  zones[1] = g_time_zone_new_identifier ("America/New_York");
  zones[2] = g_time_zone_new_utc ();
  if (zones[0] == NULL || zones[1] == NULL)
    abort ();
}

static void
check (gboolean    condition,
       const char *what)
{
  if (condition)
    return;

  g_printerr ("Broken property: %s\n", what);
  abort ();
}

static void
check_text (const char *text,
            size_t      size,
            GTimeZone  *tz)
{
  gint64 iso = 0, dmy = 0, unknown = 0;
  gboolean is_iso = courant_time_parse_text (text, size, COURANT_TIME_ISO8601, tz, &iso);
  gboolean is_dmy = courant_time_parse_text (text, size, COURANT_TIME_DMY, tz, &dmy);
  gboolean is_unknown = courant_time_parse_text (text, size, COURANT_TIME_UNKNOWN, tz, &unknown);

  check (is_unknown == (is_iso || is_dmy), "unknown is ISO or DMY");
  check (!(is_iso && is_dmy), "no text is both ISO and DMY");
  if (is_unknown)
    check (unknown == (is_iso ? iso : dmy), "unknown gives the same instant");
  if (is_iso)
    check (iso >= MIN_MS && iso <= MAX_MS, "ISO instants are in range");
  if (is_dmy)
    check (dmy >= MIN_MS && dmy <= MAX_MS, "DMY instants are in range");

  for (CourantTimeEncoding e = COURANT_TIME_UNIX_SECONDS; e <= COURANT_TIME_ORDINAL; e++)
    {
      gint64 ms = 0;

      if (courant_time_parse_text (text, size, e, tz, &ms) && e != COURANT_TIME_ORDINAL)
        check (ms >= MIN_MS && ms <= MAX_MS, "numeric instants are in range");
    }
}

/* The same text between spaces reads the same, in every encoding. */
static void
check_padding (const char *text,
               size_t      size)
{
  g_autofree char *padded = g_malloc (size + 2);

  padded[0] = ' ';
  memcpy (padded + 1, text, size);
  padded[size + 1] = '\t';

  for (CourantTimeEncoding e = COURANT_TIME_UNKNOWN; e <= COURANT_TIME_ORDINAL; e++)
    {
      gint64 a = 0, b = 0;
      gboolean ok_a = courant_time_parse_text (text, size, e, zones[0], &a);
      gboolean ok_b = courant_time_parse_text (padded, size + 2, e, zones[0], &b);

      check (ok_a == ok_b && a == b, "spaces around the text change nothing");
    }
}

/* The zone only moves a local time by the difference of the offsets: Paris
 * is always ahead of New York, by less than a day. (Whether the text reads
 * at all may differ at the very ends of year 1 and year 9999.) */
static void
check_zones (const char *text,
             size_t      size)
{
  gint64 paris = 0, new_york = 0;

  if (courant_time_parse_text (text, size, COURANT_TIME_UNKNOWN, zones[0], &paris) &&
      courant_time_parse_text (text, size, COURANT_TIME_UNKNOWN, zones[1], &new_york))
    {
      check (paris <= new_york, "Paris is never behind New York");
      check (new_york - paris < G_GINT64_CONSTANT (86400000), "offsets differ by less than a day");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;

  init_zones ();

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    check_text (text, size, zones[z]);
  check_text (text, size, NULL);
  check_padding (text, size);
  check_zones (text, size);

  if (size == sizeof (double))
    for (CourantTimeEncoding e = COURANT_TIME_UNKNOWN; e <= COURANT_TIME_ORDINAL; e++)
      {
        double value;
        gint64 ms = 0;

        memcpy (&value, data, sizeof value);
        if (courant_time_from_number (value, e, &ms) && e != COURANT_TIME_ORDINAL)
          check (ms >= MIN_MS && ms <= MAX_MS, "numbers give instants in range");
      }

  return 0;
}
