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
#include "csv-chunks.h"
#include "fuzz.h"

static void
check_chunking (const uint8_t *data,
                size_t         size,
                char           separator)
{
  g_autofree char *whole = courant_test_csv_parse_in_chunks ((const char *) data, size, MAX (size, 1), separator);
  const size_t chunk_sizes[] = { 1, 3, 17 };

  for (guint i = 0; i < G_N_ELEMENTS (chunk_sizes); i++)
    {
      g_autofree char *cut = courant_test_csv_parse_in_chunks ((const char *) data, size, chunk_sizes[i], separator);
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
