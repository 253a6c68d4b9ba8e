/* fuzz-csv.c: the CSV parser and table against arbitrary bytes
 *
 * Besides not crashing, the parser must give the same rows and the same
 * error whether the input comes in one piece or cut in small chunks, and
 * every cell of a table it builds must be readable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "courant-csv.h"
#include "fuzz.h"

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

static char *
parse_in_chunks (const uint8_t *data,
                 size_t         size,
                 size_t         chunk_size,
                 char           separator)
{
  CourantCsvOptions options = { separator };
  GString *out = g_string_new (NULL);
  g_autoptr(CourantCsvParser) parser = courant_csv_parser_new (&options, serialize_row_cb, out);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  for (size_t offset = 0; ok && offset < size; offset += chunk_size)
    ok = courant_csv_parser_feed (parser, (const char *) data + offset,
                                  MIN (chunk_size, size - offset), &error);
  if (ok)
    ok = courant_csv_parser_finish (parser, &error);

  g_string_append_printf (out, "separator %d\n", courant_csv_parser_get_separator (parser));
  if (!ok)
    g_string_append_printf (out, "error %d: %s\n", error->code, error->message);

  return g_string_free (out, FALSE);
}

static void
check_chunking (const uint8_t *data,
                size_t         size,
                char           separator)
{
  g_autofree char *whole = parse_in_chunks (data, size, MAX (size, 1), separator);
  const size_t chunk_sizes[] = { 1, 3, 17 };

  for (guint i = 0; i < G_N_ELEMENTS (chunk_sizes); i++)
    {
      g_autofree char *cut = parse_in_chunks (data, size, chunk_sizes[i], separator);
      size_t at = 0;

      while (cut[at] != '\0' && cut[at] == whole[at])
        at++;
      if (cut[at] != whole[at])
        {
          size_t from = at > 40 ? at - 40 : 0;

          g_printerr ("Chunks of %zu give other rows than one piece, from byte %zu:\n"
                      "%.80s\n---\n%.80s\n", chunk_sizes[i], at, cut + from, whole + from);
          abort ();
        }
    }
}

static void
check_table (const uint8_t *data,
             size_t         size)
{
  g_autoptr(CourantCsvTable) table = courant_csv_read_data ((const char *) data, size, NULL, NULL);
  double sum = 0;

  if (table == NULL)
    return;

  for (guint c = 0; c < courant_csv_table_get_n_columns (table); c++)
    {
      CourantColumnType type = courant_csv_table_get_column_type (table, c);

      g_assert (courant_csv_table_get_column_name (table, c)[0] != '\0');
      for (gsize r = 0; r < courant_csv_table_get_n_rows (table); r++)
        {
          const char *text = courant_csv_table_get (table, r, c);
          double value;
          gboolean is_number = courant_csv_table_get_double (table, r, c, &value);

          g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
          /* A number column holds only numbers and missing values. */
          if (type == COURANT_COLUMN_INTEGER || type == COURANT_COLUMN_REAL)
            g_assert (text == NULL || is_number);
          if (type == COURANT_COLUMN_EMPTY)
            g_assert (text == NULL);
          if (is_number)
            sum += value;
        }
    }
  (void) sum;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  check_chunking (data, size, '\0');
  check_chunking (data, size, ';');
  check_table (data, size);

  return 0;
}
