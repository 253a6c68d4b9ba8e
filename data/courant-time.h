/* courant-time.h: reading timestamps in every common encoding
 *
 * Every timestamp becomes int64 milliseconds UTC. Text without an offset is
 * local time in the dataset's time zone (default Europe/Paris).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  COURANT_TIME_UNKNOWN,
  COURANT_TIME_ISO8601,            /* 2025-01-15, 2025-01-15T08:00, …:00.123+01:00, Z, space separator */
  COURANT_TIME_DMY,                /* 15/01/2025 [08:00[:00]] */
  COURANT_TIME_UNIX_SECONDS,
  COURANT_TIME_UNIX_MILLISECONDS,
  COURANT_TIME_JULIAN_DAY,         /* SQLite julianday(): days since -4713-11-24 12:00 UTC */
  COURANT_TIME_ORDINAL,            /* an order (step, rank, semester number), not an instant */
} CourantTimeEncoding;

const char          *courant_time_encoding_to_string (CourantTimeEncoding encoding);
/* Reads the names courant_time_encoding_to_string() gives ("iso8601",
 * "unix-milliseconds"…), for command-line overrides. */
gboolean             courant_time_encoding_from_string (const char          *text,
                                                        CourantTimeEncoding *encoding);

/* Parses @len bytes of @text (len -1: NUL-terminated) in @encoding, or in any
 * text encoding when UNKNOWN. Local times are read in @tz (NULL: Europe/Paris). */
gboolean             courant_time_parse_text         (const char          *text,
                                                      gssize               len,
                                                      CourantTimeEncoding  encoding,
                                                      GTimeZone           *tz,
                                                      gint64              *out_ms);
/* Converts a number in a numeric encoding (Unix s/ms, Julian day, ordinal). */
gboolean             courant_time_from_number        (double               value,
                                                      CourantTimeEncoding  encoding,
                                                      gint64              *out_ms);

G_END_DECLS
