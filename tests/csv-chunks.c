/* csv-chunks.c: a CSV parse as one comparable string
 *
 * Shared by the CSV unit test and the CSV fuzz target, which both check
 * that cutting the input differently never changes the result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "courant-csv.h"
#include "csv-chunks.h"

static gboolean
serialize_row_cb (const char *const  *fields,
                  guint               n_fields,
                  guint64             line,
                  gpointer            user_data,
                  GError            **error)
{
  GString *out = user_data;

  g_string_append_printf (out, "@%" G_GUINT64_FORMAT ":", line);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i] == NULL)
      g_string_append (out, "[null]");
    else
      g_string_append_printf (out, "[%zu:%s]", strlen (fields[i]), fields[i]);
  g_string_append_c (out, '\n');

  return TRUE;
}

char *
courant_test_csv_parse_in_chunks (const char *data,
                                  gsize       length,
                                  gsize       chunk_size,
                                  char        separator)
{
  CourantCsvOptions options = { separator };
  GString *out = g_string_new (NULL);
  g_autoptr(CourantCsvParser) parser = courant_csv_parser_new (&options, serialize_row_cb, out);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  for (gsize offset = 0; ok && offset < length; offset += chunk_size)
    ok = courant_csv_parser_feed (parser, data + offset, MIN (chunk_size, length - offset), &error);
  if (ok)
    ok = courant_csv_parser_finish (parser, &error);

  g_string_append_printf (out, "separator %d\n", courant_csv_parser_get_separator (parser));
  if (!ok)
    g_string_append_printf (out, "error %d: %s\n", error->code, error->message);

  return g_string_free (out, FALSE);
}
