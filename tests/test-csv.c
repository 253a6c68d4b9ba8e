/* test-csv.c: the CSV parser, the CSV table and the CSV source
 *
 * Values are checked against hand-written tables and, for the fixture files,
 * against what the sqlite3 shell's own CSV import reads from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "courant-csv-source.h"
#include "courant-csv.h"
#include "courant-error.h"
#include "courant-source.h"
#include "csv-chunks.h"

static CourantCsvTable *
read_string (const char  *csv,
             char         separator,
             GError     **error)
{
  CourantCsvOptions options = { separator };

  return courant_csv_read_data (csv, strlen (csv), &options, error);
}

static CourantCsvTable *
read_ok (const char *csv)
{
  g_autoptr(GError) error = NULL;
  CourantCsvTable *table = read_string (csv, '\0', &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);

  return table;
}

/* Checks a whole table: @expected holds the header names, then each row,
 * n_columns strings a row, NULL for a missing value. */
static void
assert_table (const CourantCsvTable *table,
              guint                  n_columns,
              gsize                  n_rows,
              const char *const     *expected)
{
  g_assert_cmpuint (courant_csv_table_get_n_columns (table), ==, n_columns);
  g_assert_cmpuint (courant_csv_table_get_n_rows (table), ==, n_rows);

  for (guint c = 0; c < n_columns; c++)
    g_assert_cmpstr (courant_csv_table_get_column_name (table, c), ==, expected[c]);

  for (gsize r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      g_assert_cmpstr (courant_csv_table_get (table, r, c), ==, expected[(r + 1) * n_columns + c]);
}

static void
assert_error (const char *csv,
              gint        code,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantCsvTable) table = courant_csv_read_data (csv, strlen (csv), NULL, &error);

  g_assert_null (table);
  g_assert_error (error, COURANT_DATA_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_quoted (void)
{
  g_autoptr(CourantCsvTable) table =
    read_ok ("a,b,c\n"
             "\"x, y\",\"he said \"\"hi\"\"\",plain\n"
             "\"\"\"\",\"\",\"a\"\"b\"\n"
             "\"sloppy\"tail,mid\"dle,\"end\"\n");
  const char *expected[] = {
    "a", "b", "c",
    "x, y", "he said \"hi\"", "plain",
    "\"", NULL, "a\"b",
    "sloppytail", "mid\"dle", "end",
  };

  assert_table (table, 3, 3, expected);
}

static void
test_embedded_newlines (void)
{
  g_autoptr(CourantCsvTable) table =
    read_ok ("id,note\n"
             "1,\"line one\nline two\"\n"
             "2,\"crlf\r\ninside\"\r\n"
             "3,\"cr\rinside\"\r"
             "4,\"\n\"\n");
  const char *expected[] = {
    "id", "note",
    "1", "line one\nline two",
    "2", "crlf\r\ninside",
    "3", "cr\rinside",
    "4", "\n",
  };

  assert_table (table, 2, 4, expected);
}

static void
test_line_endings (void)
{
  const char *endings[] = { "\n", "\r\n", "\r" };
  const char *expected[] = {
    "a", "b",
    "1", "2",
    "3", NULL,
    "5", "6",
  };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      const char *eol = endings[i];
      g_autofree char *csv = g_strconcat ("a,b", eol, "1,2", eol, "3,", eol, "5,6", NULL);
      g_autofree char *csv_eol = g_strconcat (csv, eol, NULL);
      g_autoptr(CourantCsvTable) table = read_ok (csv);
      g_autoptr(CourantCsvTable) table_eol = read_ok (csv_eol);

      assert_table (table, 2, 3, expected);
      assert_table (table_eol, 2, 3, expected);
    }
}

static void
test_bom (void)
{
  g_autoptr(CourantCsvTable) table = read_ok ("\xef\xbb\xbfname;value\nZoë;1\n");
  g_autoptr(CourantCsvTable) only_bom = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = {
    "name", "value",
    "Zoë", "1",
  };

  assert_table (table, 2, 1, expected);
  g_assert_cmpint (courant_csv_table_get_separator (table), ==, ';');

  only_bom = read_string ("\xef\xbb\xbf", '\0', &error);
  g_assert_null (only_bom);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
}

static void
test_separators (void)
{
  const char separators[] = { ',', ';', '\t', '|' };
  const char *expected[] = {
    "name", "city", "n",
    "Ana", "Lyon", "1",
    "Bob", NULL, "2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      char s = separators[i];
      g_autofree char *csv = g_strdup_printf ("name%ccity%cn\nAna%cLyon%c1\nBob%c%c2\n",
                                              s, s, s, s, s, s);
      g_autoptr(CourantCsvTable) sniffed = read_ok (csv);
      g_autoptr(CourantCsvTable) given = read_string (csv, s, NULL);

      g_assert_cmpint (courant_csv_table_get_separator (sniffed), ==, s);
      assert_table (sniffed, 3, 2, expected);
      g_assert_cmpint (courant_csv_table_get_separator (given), ==, s);
      assert_table (given, 3, 2, expected);
    }
}

static void
test_sniff_respects_quotes (void)
{
  /* Separators inside quotes, and a decimal comma, must not count. */
  g_autoptr(CourantCsvTable) semicolon =
    read_ok ("\"a,b,c\";d\n\"1,2,3\";4,5\n\"x,y\";6\n");
  g_autoptr(CourantCsvTable) comma = read_ok ("\"a;b\",c\n\"1;2\",3\n");
  g_autoptr(CourantCsvTable) tab = read_ok ("label\tvalue\nx, y; z\t1,5\n");
  g_autoptr(CourantCsvTable) single = read_ok ("value\n1\n2\n");

  g_assert_cmpint (courant_csv_table_get_separator (semicolon), ==, ';');
  g_assert_cmpstr (courant_csv_table_get (semicolon, 0, 0), ==, "1,2,3");
  g_assert_cmpint (courant_csv_table_get_separator (comma), ==, ',');
  g_assert_cmpstr (courant_csv_table_get (comma, 0, 0), ==, "1;2");
  g_assert_cmpint (courant_csv_table_get_separator (tab), ==, '\t');
  g_assert_cmpstr (courant_csv_table_get (tab, 0, 0), ==, "x, y; z");
  g_assert_cmpint (courant_csv_table_get_separator (single), ==, ',');
  g_assert_cmpuint (courant_csv_table_get_n_rows (single), ==, 2);
}

static void
test_decimal_comma (void)
{
  g_autoptr(CourantCsvTable) semicolon = read_ok ("day;kwh\n1;12,5\n2;-3,25\n3;7\n");
  g_autoptr(CourantCsvTable) tab = read_ok ("day\tkwh\n1\t0,5\n");
  g_autoptr(CourantCsvTable) comma = read_ok ("day,kwh\n1,\"12,5\"\n");
  g_autoptr(CourantCsvTable) pipe = read_ok ("day|kwh\n1|12,5\n");
  double value = 0;

  g_assert_cmpint (courant_csv_table_get_column_type (semicolon, 1), ==, COURANT_COLUMN_REAL);
  g_assert_true (courant_csv_table_get_double (semicolon, 0, 1, &value));
  g_assert_cmpfloat (value, ==, 12.5);
  g_assert_true (courant_csv_table_get_double (semicolon, 1, 1, &value));
  g_assert_cmpfloat (value, ==, -3.25);
  g_assert_true (courant_csv_table_get_double (semicolon, 2, 1, &value));
  g_assert_cmpfloat (value, ==, 7);

  g_assert_cmpint (courant_csv_table_get_column_type (tab, 1), ==, COURANT_COLUMN_REAL);
  g_assert_true (courant_csv_table_get_double (tab, 0, 1, &value));
  g_assert_cmpfloat (value, ==, 0.5);

  /* With a comma or a pipe between fields, "12,5" is not a number. */
  g_assert_cmpint (courant_csv_table_get_column_type (comma, 1), ==, COURANT_COLUMN_TEXT);
  g_assert_false (courant_csv_table_get_double (comma, 0, 1, &value));
  g_assert_cmpint (courant_csv_table_get_column_type (pipe, 1), ==, COURANT_COLUMN_TEXT);
  g_assert_false (courant_csv_table_get_double (pipe, 0, 1, &value));
}

static void
test_parse_double (void)
{
  struct {
    const char *text;
    gboolean    decimal_comma;
    gboolean    ok;
    double      value;
  } cases[] = {
    { "12", FALSE, TRUE, 12 },
    { "-12.5", FALSE, TRUE, -12.5 },
    { "+.5", FALSE, TRUE, 0.5 },
    { "5.", FALSE, TRUE, 5 },
    { " 42 ", FALSE, TRUE, 42 },
    { "1e3", FALSE, TRUE, 1000 },
    { "2.5E-1", FALSE, TRUE, 0.25 },
    { "12,5", TRUE, TRUE, 12.5 },
    { "12.5", TRUE, TRUE, 12.5 },
    { "12,5", FALSE, FALSE, 0 },
    { "1e999", FALSE, FALSE, 0 },
    { "", FALSE, FALSE, 0 },
    { "-", FALSE, FALSE, 0 },
    { ".", FALSE, FALSE, 0 },
    { "1e", FALSE, FALSE, 0 },
    { "0x10", FALSE, FALSE, 0 },
    { "inf", FALSE, FALSE, 0 },
    { "nan", FALSE, FALSE, 0 },
    { "1 000", FALSE, FALSE, 0 },
    { "1,234.5", TRUE, FALSE, 0 },
    { "12abc", FALSE, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = -999;
      gboolean ok = courant_csv_parse_double (cases[i].text, cases[i].decimal_comma, &value);

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpfloat (value, ==, cases[i].value);
      else
        g_assert_cmpfloat (value, ==, -999);
    }
}

static void
test_empty_lines (void)
{
  g_autoptr(CourantCsvTable) table = read_ok ("\n\r\na,b\n\n1,2\r\n\r\n\r3,4\n\n");
  const char *expected[] = {
    "a", "b",
    "1", "2",
    "3", "4",
  };

  assert_table (table, 2, 2, expected);

  /* Skipped lines still count in the line numbers of errors. */
  assert_error ("\n\na,b\n\n1,2,3\n", COURANT_DATA_ERROR_INVALID,
                "Line 5 has more fields than the header, which has 2 columns.");
  assert_error ("\n\n\n", COURANT_DATA_ERROR_INVALID, "The file is empty.");
  assert_error ("", COURANT_DATA_ERROR_INVALID, "The file is empty.");
}

static void
test_ragged (void)
{
  g_autoptr(CourantCsvTable) table = read_ok ("a,b,c\n1,2,3\n4\n5,6\n7,8,9\n,,\n");
  const char *expected[] = {
    "a", "b", "c",
    "1", "2", "3",
    "4", NULL, NULL,
    "5", "6", NULL,
    "7", "8", "9",
    NULL, NULL, NULL,
  };

  assert_table (table, 3, 5, expected);

  assert_error ("a,b\n1,2\n3,4\n5,6,7\n", COURANT_DATA_ERROR_INVALID,
                "Line 4 has more fields than the header, which has 2 columns.");
  assert_error ("a\n\"x\ny\",2\n", COURANT_DATA_ERROR_INVALID,
                "Line 2 has more fields than the header, which has 1 column.");
  /* A trailing separator is one more (empty) field. */
  assert_error ("a,b\n1,2,\n", COURANT_DATA_ERROR_INVALID,
                "Line 2 has more fields than the header, which has 2 columns.");
}

static void
test_many_columns (void)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(CourantCsvTable) table = NULL;

  for (guint i = 0; i < COURANT_CSV_MAX_COLUMNS; i++)
    g_string_append_printf (csv, "%sc%u", i > 0 ? "," : "", i);
  g_string_append (csv, "\nfirst\n");
  for (guint i = 0; i < COURANT_CSV_MAX_COLUMNS; i++)
    g_string_append_printf (csv, "%s%u", i > 0 ? "," : "", i);
  g_string_append (csv, "\nlast\n");

  /* Short rows make the table keep one start per row; the rows before the
   * first short one and the full row after it must still read right. */
  table = read_ok (csv->str);
  g_assert_cmpuint (courant_csv_table_get_n_columns (table), ==, COURANT_CSV_MAX_COLUMNS);
  g_assert_cmpuint (courant_csv_table_get_n_rows (table), ==, 3);
  g_assert_cmpstr (courant_csv_table_get (table, 0, 0), ==, "first");
  g_assert_null (courant_csv_table_get (table, 0, 1));
  g_assert_cmpstr (courant_csv_table_get (table, 1, 0), ==, "0");
  g_assert_cmpstr (courant_csv_table_get (table, 1, COURANT_CSV_MAX_COLUMNS - 1), ==, "16383");
  g_assert_cmpstr (courant_csv_table_get (table, 2, 0), ==, "last");
  g_assert_null (courant_csv_table_get (table, 2, COURANT_CSV_MAX_COLUMNS - 1));

  g_string_prepend (csv, "one more,");
  assert_error (csv->str, COURANT_DATA_ERROR_UNSUPPORTED,
                "Line 1 has more than 16384 fields, more columns than Courant can read.");
}

static void
test_ragged_before_full (void)
{
  g_autoptr(CourantCsvTable) table = read_ok ("a,b,c\n1,2,3\n4,5,6\n7\n8,9,10\n11,12\n");
  const char *expected[] = {
    "a", "b", "c",
    "1", "2", "3",
    "4", "5", "6",
    "7", NULL, NULL,
    "8", "9", "10",
    "11", "12", NULL,
  };

  assert_table (table, 3, 5, expected);
}

static void
test_unterminated_quote (void)
{
  assert_error ("a,b\n1,2\n3,\"open\n4,5\n6,7\n", COURANT_DATA_ERROR_INVALID,
                "The quoted field that starts on line 3 is never closed.");
  assert_error ("\"", COURANT_DATA_ERROR_INVALID,
                "The quoted field that starts on line 1 is never closed.");
  assert_error ("a\n\"x\"\"", COURANT_DATA_ERROR_INVALID,
                "The quoted field that starts on line 2 is never closed.");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(CourantCsvTable) valid = read_ok ("ville,note\nSaint-Étienne,🙂\n北京,\"ü\nö\"\n");

  g_assert_cmpstr (courant_csv_table_get (valid, 0, 0), ==, "Saint-Étienne");
  g_assert_cmpstr (courant_csv_table_get (valid, 1, 1), ==, "ü\nö");

  assert_error ("a,b\n1,2\n3,\xff\n", COURANT_DATA_ERROR_INVALID,
                "Line 3 is not valid UTF-8 text.");
  assert_error ("a,b\n1,2\n\xe9t\xe9,2\n", COURANT_DATA_ERROR_INVALID,
                "Line 3 is not valid UTF-8 text.");
  /* The bad byte is on the third physical line of a quoted field. */
  assert_error ("a,b\n1,\"ok\r\nok\nbad \xc3(\"\n", COURANT_DATA_ERROR_INVALID,
                "Line 4 is not valid UTF-8 text.");
  /* A character cut in half by the end of the file or by a separator. */
  assert_error ("a,b\n1,\xe2\x82", COURANT_DATA_ERROR_INVALID,
                "Line 2 is not valid UTF-8 text.");
  assert_error ("a,b\n\xe2\x82,\xac\n", COURANT_DATA_ERROR_INVALID,
                "Line 2 is not valid UTF-8 text.");
  /* Overlong encodings and UTF-16 surrogates are not UTF-8 either. */
  assert_error ("a\n\xc0\xaf\n", COURANT_DATA_ERROR_INVALID, "Line 2 is not valid UTF-8 text.");
  assert_error ("a\n\xed\xa0\x80\n", COURANT_DATA_ERROR_INVALID, "Line 2 is not valid UTF-8 text.");
  assert_error ("\xff\xfe" "a\0,\0b\0\n\0", COURANT_DATA_ERROR_INVALID,
                "The file is encoded in UTF-16: save it as UTF-8 to open it.");
}

static void
test_null_byte (void)
{
  const char csv[] = "a,b\n1,2\n3,x\0y\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantCsvTable) table = courant_csv_read_data (csv, sizeof csv - 1, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Line 3 contains a null character, which a text file cannot hold.");
}

static void
test_header_names (void)
{
  g_autoptr(CourantCsvTable) table = read_ok ("x,,x, x (2) ,,column 2,x\n1,2,3,4,5,6,7\n");
  g_autoptr(CourantCsvTable) repeated = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  const char *expected[] = {
    "x", "column 2 (2)", "x (3)", "x (2)", "column 5", "column 2", "x (4)",
    "1", "2", "3", "4", "5", "6", "7",
  };

  assert_table (table, 7, 1, expected);

  /* Many repeats stay quick and unique. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (csv, i > 0 ? ",x" : "x");
  repeated = read_ok (csv->str);
  g_assert_cmpstr (courant_csv_table_get_column_name (repeated, 4999), ==, "x (5000)");
}

static void
test_types (void)
{
  g_autoptr(CourantCsvTable) table =
    read_ok ("int,real,text,empty,mixed,missing,code,big,huge,spaced,exp\n"
             "1,1.5,a,,1,NA,007,9223372036854775807,1e999,  12 ,1e3\n"
             "-2,2,b,NULL,2.5,ND,012,-9223372036854775808,1,-3  ,2E-2\n"
             "+3,.5,3,NA,3,,0,1,2, 4,5\n"
             "0,-0.0,c,ND,4e1,NULL,1,99999999999999999999,3,,6\n");
  CourantColumnType expected[] = {
    COURANT_COLUMN_INTEGER,
    COURANT_COLUMN_REAL,
    COURANT_COLUMN_TEXT,
    COURANT_COLUMN_EMPTY,
    COURANT_COLUMN_REAL,
    COURANT_COLUMN_EMPTY,
    COURANT_COLUMN_TEXT,
    COURANT_COLUMN_REAL,
    COURANT_COLUMN_TEXT,
    COURANT_COLUMN_INTEGER,
    COURANT_COLUMN_REAL,
  };
  double value;

  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    {
      g_test_message ("column %s", courant_csv_table_get_column_name (table, c));
      g_assert_cmpint (courant_csv_table_get_column_type (table, c), ==, expected[c]);
    }

  /* Missing markers read as missing; "NA" inside a longer text does not. */
  for (gsize r = 0; r < 4; r++)
    {
      g_assert_null (courant_csv_table_get (table, r, 3));
      g_assert_null (courant_csv_table_get (table, r, 5));
      g_assert_false (courant_csv_table_get_double (table, r, 3, &value));
    }
  g_assert_cmpstr (courant_csv_table_get (table, 0, 6), ==, "007");
  g_assert_true (courant_csv_table_get_double (table, 2, 9, &value));
  g_assert_cmpfloat (value, ==, 4);
  g_assert_true (courant_csv_table_get_double (table, 1, 7, &value));
  g_assert_cmpfloat (value, ==, -9223372036854775808.0);
  g_assert_false (courant_csv_table_get_double (table, 0, 2, &value));

  {
    g_autoptr(CourantCsvTable) markers = read_ok ("a\nNAN\nNA \nnull\n");

    g_assert_cmpstr (courant_csv_table_get (markers, 0, 0), ==, "NAN");
    g_assert_null (courant_csv_table_get (markers, 1, 0));
    g_assert_cmpstr (courant_csv_table_get (markers, 2, 0), ==, "null");
    g_assert_cmpint (courant_csv_table_get_column_type (markers, 0), ==, COURANT_COLUMN_TEXT);
  }
}

/* Streaming */

/* Compares two parses around their first difference, so that a failure
 * shows a readable excerpt rather than two whole documents. */
static void
assert_same_parse (const char *cut,
                   const char *whole)
{
  gsize i = 0;
  gsize from;
  g_autofree char *cut_excerpt = NULL;
  g_autofree char *whole_excerpt = NULL;

  while (cut[i] != '\0' && cut[i] == whole[i])
    i++;
  from = i > 40 ? i - 40 : 0;
  cut_excerpt = g_strndup (cut + from, 80);
  whole_excerpt = g_strndup (whole + from, 80);
  g_assert_cmpstr (cut_excerpt, ==, whole_excerpt);
}

static char *
make_long_document (void)
{
  GString *csv = g_string_new ("\xef\xbb\xbf" "id;text;value\r\n");

  /* A first data row longer than the sniffing sample, then more lines
   * than it reads, with every kind of line ending. */
  g_string_append (csv, "0;\"");
  for (guint i = 0; i < 70 * 1024; i++)
    g_string_append_c (csv, "ab,c;\"\n"[i % 7] == '"' ? 'q' : "ab,c;\"\n"[i % 7]);
  g_string_append (csv, "\";0,5\r\n");
  for (guint i = 1; i < 60; i++)
    g_string_append_printf (csv, "%u;\"é \"\"%u\"\"\r\n🙂\";%u,%u%s", i, i, i, i % 10,
                            (const char *[]) { "\n", "\r\n", "\r", "\n\n" }[i % 4]);

  return g_string_free (csv, FALSE);
}

static void
test_streaming (void)
{
  g_autofree char *long_document = make_long_document ();
  const char *documents[] = {
    "a,b\n1,2\n",
    "\xef\xbb\xbf" "a;b\r\n\"x\r\ny\";\"\"\"\"\r\n\r\n3;4",
    "a|b\r\r\n1|\"2\r\"\"\r\n\"\r",
    "a\tb\n\"\xc3\xa9\"\t\xf0\x9f\x99\x82\n",
    "\xef\xbb",
    "\xef\xbb\xbf",
    "\r\n\r\n\r",
    "a,b\n1,\"unterminated\n2,3\n",
    "a,b\n1,2\n3,4,5\n",
    "a,b\n1,\"ok\nbad\xe2\x82\"\n",
    "a,b\n1,\xe2\x82",
    "\xff\xfe" "a",
    long_document,
  };
  const gsize chunk_sizes[] = { 1, 2, 3, 7, 64, 4096 };

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    {
      gsize length = strlen (documents[d]);
      g_autofree char *whole = courant_test_csv_parse_in_chunks (documents[d], length, MAX (length, 1), '\0');

      for (guint c = 0; c < G_N_ELEMENTS (chunk_sizes); c++)
        {
          g_autofree char *cut = courant_test_csv_parse_in_chunks (documents[d], length, chunk_sizes[c], '\0');

          g_test_message ("document %u in chunks of %zu", d, chunk_sizes[c]);
          assert_same_parse (cut, whole);
        }
    }
}

static void
test_streaming_rows (void)
{
  const char csv[] = "a;b\n\n\"x\ny\";1\r\n2\r\"3\r\n\";\"\"\n";
  g_autofree char *rows = courant_test_csv_parse_in_chunks (csv, sizeof csv - 1, 1, '\0');

  /* Line numbers are where each row starts; short rows are padded. */
  g_assert_cmpstr (rows, ==,
                   "@1:[1:a][1:b]\n"
                   "@3:[3:x\ny][1:1]\n"
                   "@5:[1:2][null]\n"
                   "@6:[3:3\r\n][0:]\n"
                   "separator 59\n");
}

static void
test_long_document (void)
{
  g_autofree char *csv = make_long_document ();
  g_autoptr(CourantCsvTable) table = read_ok (csv);
  double value;

  g_assert_cmpint (courant_csv_table_get_separator (table), ==, ';');
  g_assert_cmpuint (courant_csv_table_get_n_rows (table), ==, 60);
  g_assert_cmpuint (strlen (courant_csv_table_get (table, 0, 1)), ==, 70 * 1024);
  g_assert_cmpstr (courant_csv_table_get (table, 59, 1), ==, "é \"59\"\r\n🙂");
  g_assert_cmpint (courant_csv_table_get_column_type (table, 2), ==, COURANT_COLUMN_REAL);
  g_assert_true (courant_csv_table_get_double (table, 59, 2, &value));
  g_assert_cmpfloat (value, ==, 59.9);
}

/* An independent reading: the sqlite3 shell's CSV import. */

/* Parses the output of the shell's quote mode: 'text' with '' for a quote,
 * NULL, commas between values and a newline after each row. */
static GPtrArray *
parse_sql_quoted (const char *s)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = NULL;

  while (*s != '\0')
    {
      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rows, row);
        }

      if (g_str_has_prefix (s, "NULL"))
        {
          g_ptr_array_add (row, NULL);
          s += 4;
        }
      else
        {
          GString *value = g_string_new (NULL);

          g_assert_cmpint (*s, ==, '\'');
          for (s++; !(s[0] == '\'' && s[1] != '\''); s++)
            {
              g_assert_cmpint (*s, !=, '\0');
              if (s[0] == '\'')
                s++;
              g_string_append_c (value, *s);
            }
          s++;
          g_ptr_array_add (row, g_string_free (value, FALSE));
        }

      if (*s == '\n')
        row = NULL;
      else
        g_assert_cmpint (*s, ==, ',');
      s++;
    }

  return rows;
}

static gboolean
is_missing_text (const char *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));

  return g_strv_contains ((const char *[]) { "", "NA", "ND", "NULL", NULL }, stripped);
}

static void
check_against_sqlite (const char *filename,
                      char        separator)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", filename, NULL);
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  g_autofree char *separator_command = g_strdup_printf (".separator \"%c\"", separator);
  g_autofree char *import_command = g_strdup_printf (".import \"%s\" t", path);
  g_autofree char *out = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantCsvTable) table = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *header;
  int status;

  if (sqlite3 == NULL)
    {
      g_test_skip ("the sqlite3 shell is not installed");
      return;
    }

  {
    const char *argv[] = {
      sqlite3, "-batch", ":memory:",
      ".mode csv", separator_command, import_command,
      ".mode quote", ".headers on", "SELECT * FROM t ORDER BY rowid",
      NULL,
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }

  table = courant_csv_read_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (courant_csv_table_get_separator (table), ==, separator);

  rows = parse_sql_quoted (out);
  g_assert_cmpuint (rows->len, ==, courant_csv_table_get_n_rows (table) + 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (header->len, ==, courant_csv_table_get_n_columns (table));
  for (guint c = 0; c < header->len; c++)
    g_assert_cmpstr (courant_csv_table_get_column_name (table, c), ==,
                     g_ptr_array_index (header, c));

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      g_assert_cmpuint (row->len, ==, header->len);
      for (guint c = 0; c < row->len; c++)
        {
          const char *theirs = g_ptr_array_index (row, c);
          const char *ours = courant_csv_table_get (table, r - 1, c);

          if (ours == NULL)
            g_assert_true (is_missing_text (theirs));
          else
            g_assert_cmpstr (ours, ==, theirs);
        }
    }
}

static void
test_against_sqlite_comma (void)
{
  check_against_sqlite ("mixed.csv", ',');
}

static void
test_against_sqlite_semicolon (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "french.csv",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantCsvTable) table = NULL;
  double value;

  check_against_sqlite ("french.csv", ';');

  table = courant_csv_read_file (file, NULL, NULL, NULL);
  g_assert_cmpint (courant_csv_table_get_column_type (table, 0), ==, COURANT_COLUMN_TEXT);
  g_assert_cmpint (courant_csv_table_get_column_type (table, 2), ==, COURANT_COLUMN_REAL);
  g_assert_cmpint (courant_csv_table_get_column_type (table, 3), ==, COURANT_COLUMN_REAL);
  g_assert_true (courant_csv_table_get_double (table, 2, 2, &value));
  g_assert_cmpfloat (value, ==, 14.25);
  g_assert_true (courant_csv_table_get_double (table, 1, 3, &value));
  g_assert_cmpfloat (value, ==, -1.5);
}

/* Files and the source */

static GFile *
write_temp_file (const char *basename,
                 const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, basename, NULL);

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return g_file_new_for_path (path);
}

static void
delete_temp_file (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_true (g_file_delete (dir, NULL, NULL));
}

static void
test_file_errors (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/courant/readings.csv");
  g_autoptr(GFile) file = write_temp_file ("secret.csv", "a\n1\n");
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CourantCsvTable *table;

  table = courant_csv_read_file (missing, NULL, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The file “readings.csv” does not exist.");
  g_clear_error (&error);

  table = courant_csv_read_file (dir, NULL, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  table = courant_csv_read_file (file, NULL, cancellable, &error);
  g_assert_null (table);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The superuser reads any file, so the check only means something for
   * other users. */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (g_file_peek_path (file), 0), ==, 0);
      table = courant_csv_read_file (file, NULL, NULL, &error);
      g_assert_null (table);
      g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_PERMISSION);
      g_assert_cmpstr (error->message, ==, "You are not allowed to read “secret.csv”.");
      g_clear_error (&error);
    }

  delete_temp_file (file);
}

static void
test_source (void)
{
  g_autoptr(GFile) file = write_temp_file ("readings.2024.csv",
                                           "series;ts;value;note\n"
                                           "m1;1704067200000;12,5;\n"
                                           "m1;1704069000000;ND;\"a;b\"\n"
                                           "m2;1704070800000;3;\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = courant_source_open (file, NULL, &error);
  g_autoptr(CourantPreview) preview = NULL;
  g_autoptr(CourantPreview) all = NULL;
  const CourantTableInfo *info;
  const char *names[] = { "series", "ts", "value", "note" };
  CourantColumnType types[] = {
    COURANT_COLUMN_TEXT, COURANT_COLUMN_INTEGER, COURANT_COLUMN_REAL, COURANT_COLUMN_TEXT,
  };

  g_assert_no_error (error);
  g_assert_true (COURANT_IS_CSV_SOURCE (source));
  g_assert_cmpuint (courant_source_get_tables (source)->len, ==, 1);

  info = courant_source_find_table (source, "readings.2024");
  g_assert_nonnull (info);
  g_assert_cmpint (info->n_rows, ==, 3);
  g_assert_cmpuint (info->columns->len, ==, 4);
  for (guint c = 0; c < info->columns->len; c++)
    {
      const CourantColumnInfo *column = g_ptr_array_index (info->columns, c);

      g_assert_cmpstr (column->name, ==, names[c]);
      g_assert_cmpstr (column->declared_type, ==, "");
      g_assert_cmpint (column->type, ==, types[c]);
    }

  preview = courant_source_preview (source, "readings.2024", 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_columns, ==, 4);
  g_assert_cmpstr (preview->column_names[2], ==, "value");
  g_assert_null (preview->column_names[4]);
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpstr (courant_preview_get (preview, 0, 2), ==, "12,5");
  g_assert_null (courant_preview_get (preview, 0, 3));
  g_assert_null (courant_preview_get (preview, 1, 2));
  g_assert_cmpstr (courant_preview_get (preview, 1, 3), ==, "a;b");

  all = courant_source_preview (source, "readings.2024", 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->rows->len, ==, 3);
  g_assert_cmpstr (courant_preview_get (all, 2, 0), ==, "m2");

  g_assert_null (courant_source_preview (source, "readings", 2, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);

  g_clear_object (&source);
  delete_temp_file (file);
}

static void
test_source_errors (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/courant/readings.csv");
  g_autoptr(GFile) bad = write_temp_file ("bad.csv", "a,b\n1,2\n\"open\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantSource) source = NULL;

  source = courant_csv_source_new (missing, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  source = courant_source_open (bad, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The quoted field that starts on line 3 is never closed.");

  delete_temp_file (bad);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/quoted", test_quoted);
  g_test_add_func ("/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/csv/line-endings", test_line_endings);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/separators", test_separators);
  g_test_add_func ("/csv/sniff-respects-quotes", test_sniff_respects_quotes);
  g_test_add_func ("/csv/decimal-comma", test_decimal_comma);
  g_test_add_func ("/csv/parse-double", test_parse_double);
  g_test_add_func ("/csv/empty-lines", test_empty_lines);
  g_test_add_func ("/csv/ragged", test_ragged);
  g_test_add_func ("/csv/ragged-before-full", test_ragged_before_full);
  g_test_add_func ("/csv/many-columns", test_many_columns);
  g_test_add_func ("/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/csv/null-byte", test_null_byte);
  g_test_add_func ("/csv/header-names", test_header_names);
  g_test_add_func ("/csv/types", test_types);
  g_test_add_func ("/csv/streaming", test_streaming);
  g_test_add_func ("/csv/streaming-rows", test_streaming_rows);
  g_test_add_func ("/csv/long-document", test_long_document);
  g_test_add_func ("/csv/against-sqlite/comma", test_against_sqlite_comma);
  g_test_add_func ("/csv/against-sqlite/semicolon", test_against_sqlite_semicolon);
  g_test_add_func ("/csv/file-errors", test_file_errors);
  g_test_add_func ("/csv/source", test_source);
  g_test_add_func ("/csv/source-errors", test_source_errors);

  return g_test_run ();
}
