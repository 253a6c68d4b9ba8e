/* csv-chunks.h: a CSV parse as one comparable string
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses @length bytes of @data fed in chunks of @chunk_size, with
 * @separator (or '\0' to sniff it), and returns every row, the separator and
 * the error, if any, as one string: two parses of the same bytes must give
 * the same string however they were cut. */
char *courant_test_csv_parse_in_chunks (const char *data,
                                        gsize       length,
                                        gsize       chunk_size,
                                        char        separator);

G_END_DECLS
