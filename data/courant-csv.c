/* courant-csv.c: a streaming RFC 4180 CSV parser, an in-memory CSV table,
 * and the quoting of the fields Courant writes
 *
 * The parser is a byte-level state machine that can be fed chunks of any
 * size: a file streams through it, and it gives the same rows (and the same
 * errors) however the input was cut. Until it knows the separator it holds
 * the first bytes back to sniff it. Unquoted and quoted runs are copied with
 * a table-driven scan, so the per-byte work is one lookup.
 *
 * The table keeps every cell in one text buffer with one 32-bit offset per
 * cell, row after row, so a file costs about its own size plus four bytes a
 * cell, and no allocation per cell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "courant-csv.h"
#include "courant-error.h"

/* The separator is guessed from this many non-empty lines, or from as many
 * as fit in this many bytes. */
#define SNIFF_MAX_LINES 20
#define SNIFF_MAX_BYTES (64 * 1024)
#define N_CANDIDATES 4

#define READ_CHUNK_SIZE (256 * 1024)

/* A cell offset that marks a missing value; no text is stored for it. */
#define CELL_MISSING G_MAXUINT32

static const char candidates[N_CANDIDATES] = { ',', ';', '\t', '|' };

/* Bits of the byte class tables: bytes that always end a scan, and bytes of
 * multi-byte characters, which end it only until the row is marked for a
 * UTF-8 check. */
enum
{
  CLASS_STOP      = 1 << 0,
  CLASS_STOP_HIGH = 1 << 1,
};

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
} ParserState;

typedef struct
{
  guint    counts[N_CANDIDATES];
  guint    lines[SNIFF_MAX_LINES][N_CANDIDATES];
  guint    n_lines;
  gsize    n_bytes;
  gboolean in_quotes;
  gboolean after_cr;
  gboolean line_empty;
} Sniffer;

struct _CourantCsvParser
{
  CourantCsvRowFunc  func;
  gpointer           user_data;

  char               separator;
  gboolean           bom_checked;
  gsize              bom_length;
  gboolean           started;
  gboolean           finished;
  gboolean           failed;
  GByteArray        *prelude;
  Sniffer            sniffer;

  ParserState        state;
  gboolean           after_cr;
  gboolean           row_has_high;
  guint64            line;
  guint64            row_line;
  guint64            quote_line;

  /* The fields of the current row, each NUL-terminated, one after another. */
  char              *buf;
  gsize              len;
  gsize              cap;
  gsize              field_start;
  gsize             *starts;
  guint              n_fields;
  gsize              starts_cap;
  const char       **ptrs;
  gsize              ptrs_cap;

  /* The header's field count, 0 until the header is read. */
  guint              n_columns;

  guint8             unquoted_class[256];
  guint8             quoted_class[256];
};

static gboolean
is_candidate (char c)
{
  return c != '\0' && memchr (candidates, c, N_CANDIDATES) != NULL;
}

static gboolean
sniffer_done (const Sniffer *s)
{
  return s->n_lines >= SNIFF_MAX_LINES || s->n_bytes >= SNIFF_MAX_BYTES;
}

static void
sniffer_end_line (Sniffer *s)
{
  if (!s->line_empty && s->n_lines < SNIFF_MAX_LINES)
    memcpy (s->lines[s->n_lines++], s->counts, sizeof s->counts);
  memset (s->counts, 0, sizeof s->counts);
  s->line_empty = TRUE;
}

/* Counts the candidates outside quotes, line by line. Returns TRUE once the
 * sample is complete; it then ignores further bytes. */
static gboolean
sniffer_feed (Sniffer      *s,
              const guchar *p,
              gsize         n)
{
  for (gsize i = 0; i < n && !sniffer_done (s); i++)
    {
      guchar c = p[i];
      gboolean after_cr = s->after_cr;

      s->n_bytes++;
      s->after_cr = FALSE;

      if (c == '"')
        {
          s->in_quotes = !s->in_quotes;
          s->line_empty = FALSE;
        }
      else if (s->in_quotes || (c == '\n' && after_cr))
        continue;
      else if (c == '\n' || c == '\r')
        {
          s->after_cr = c == '\r';
          sniffer_end_line (s);
        }
      else
        {
          s->line_empty = FALSE;
          for (guint k = 0; k < N_CANDIDATES; k++)
            s->counts[k] += c == (guchar) candidates[k];
        }
    }

  return sniffer_done (s);
}

static gboolean
score_is_better (const guint *score,
                 const guint *than)
{
  for (guint i = 0; i < 3; i++)
    if (score[i] != than[i])
      return score[i] > than[i];

  return FALSE;
}

/* Picks the candidate that the header line holds and that no later line has
 * more of (a row with more fields than the header is an error), then the one
 * most lines agree on, then the one splitting the header the most; ties go
 * to the earlier candidate. A last line without its line ending only counts
 * at the end of the input, or when it is all there is. */
static char
sniffer_choose (Sniffer  *s,
                gboolean  at_eof)
{
  char best = ',';
  guint best_score[3] = { 0, 0, 0 };

  if (!s->line_empty && (at_eof || s->n_lines == 0))
    sniffer_end_line (s);

  for (guint k = 0; k < N_CANDIDATES && s->n_lines > 0; k++)
    {
      guint header = s->lines[0][k];
      guint score[3] = { 1, 0, header };

      if (header == 0)
        continue;

      for (guint i = 1; i < s->n_lines; i++)
        {
          if (s->lines[i][k] > header)
            score[0] = 0;
          score[1] += s->lines[i][k] == header;
        }

      if (score_is_better (score, best_score))
        {
          memcpy (best_score, score, sizeof score);
          best = candidates[k];
        }
    }

  return best;
}

static void
parser_set_separator (CourantCsvParser *self,
                      char              separator)
{
  self->separator = separator;

  memset (self->unquoted_class, 0, sizeof self->unquoted_class);
  memset (self->quoted_class, 0, sizeof self->quoted_class);
  memset (self->unquoted_class + 0x80, CLASS_STOP_HIGH, 0x80);
  memset (self->quoted_class + 0x80, CLASS_STOP_HIGH, 0x80);

  self->unquoted_class[(guchar) separator] = CLASS_STOP;
  self->quoted_class['"'] = CLASS_STOP;
  for (const char *c = "\n\r"; *c; c++)
    self->unquoted_class[(guchar) *c] = self->quoted_class[(guchar) *c] = CLASS_STOP;
  self->unquoted_class[0] = self->quoted_class[0] = CLASS_STOP;
}

/* Grows an array so that it can hold @need elements. */
static void
grow_array (gpointer *array,
            gsize    *capacity,
            gsize     need,
            gsize     element_size)
{
  gsize capacity_new;

  if (need <= *capacity)
    return;

  capacity_new = MAX (MAX (*capacity * 2, need), 64);
  *array = g_realloc_n (*array, capacity_new, element_size);
  *capacity = capacity_new;
}

static inline void
parser_append (CourantCsvParser *self,
               const guchar     *p,
               gsize             n)
{
  if (G_UNLIKELY (self->cap - self->len < n))
    grow_array ((gpointer *) &self->buf, &self->cap, self->len + n, 1);
  memcpy (self->buf + self->len, p, n);
  self->len += n;
}

static inline void
parser_append_byte (CourantCsvParser *self,
                    guchar            c)
{
  parser_append (self, &c, 1);
}

static void
parser_set_too_many_fields_error (CourantCsvParser  *self,
                                  GError           **error)
{
  unsigned long long line = self->row_line;

  if (self->n_columns == 0)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                   _("Line %llu has more than %u fields, more columns than Courant can read."),
                   line, (guint) COURANT_CSV_MAX_COLUMNS);
      return;
    }

  g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "Line %llu has more fields than the header, which has %u column.",
                            "Line %llu has more fields than the header, which has %u columns.",
                            self->n_columns),
               line, self->n_columns);
}

static gboolean
parser_end_field (CourantCsvParser  *self,
                  GError           **error)
{
  guint limit = self->n_columns > 0 ? self->n_columns : COURANT_CSV_MAX_COLUMNS;

  if (self->n_fields >= limit)
    {
      parser_set_too_many_fields_error (self, error);
      return FALSE;
    }

  parser_append_byte (self, '\0');
  grow_array ((gpointer *) &self->starts, &self->starts_cap, self->n_fields + 1, sizeof (gsize));
  self->starts[self->n_fields++] = self->field_start;
  self->field_start = self->len;
  self->state = STATE_FIELD_START;

  return TRUE;
}

/* Counts the line endings in the first @length bytes of the row, a CR LF
 * pair as one, to point an error at the right line of a multi-line row. */
static guint64
parser_count_lines (CourantCsvParser *self,
                    gsize             length)
{
  guint64 n = 0;

  for (gsize i = 0; i < length; i++)
    n += self->buf[i] == '\r' || (self->buf[i] == '\n' && (i == 0 || self->buf[i - 1] != '\r'));

  return n;
}

static gboolean
parser_check_utf8 (CourantCsvParser  *self,
                   GError           **error)
{
  for (guint i = 0; i < self->n_fields; i++)
    {
      const char *field = self->buf + self->starts[i];
      gsize end = i + 1 < self->n_fields ? self->starts[i + 1] : self->len;
      const char *invalid;

      if (!g_utf8_validate (field, (gssize) (end - 1 - self->starts[i]), &invalid))
        {
          guint64 line = self->row_line + parser_count_lines (self, invalid - self->buf);

          g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                       _("Line %llu is not valid UTF-8 text."), (unsigned long long) line);
          return FALSE;
        }
    }

  return TRUE;
}

/* Hands the row to the callback; from the second row on, a short row is
 * padded with NULL up to the header's field count. */
static gboolean
parser_end_row (CourantCsvParser  *self,
                GError           **error)
{
  guint n = MAX (self->n_columns, self->n_fields);
  gboolean ok;

  if (self->row_has_high && !parser_check_utf8 (self, error))
    return FALSE;

  grow_array ((gpointer *) &self->ptrs, &self->ptrs_cap, n, sizeof (char *));
  for (guint i = 0; i < n; i++)
    self->ptrs[i] = i < self->n_fields ? self->buf + self->starts[i] : NULL;

  ok = self->func (self->ptrs, n, self->row_line, self->user_data, error);

  if (self->n_columns == 0)
    self->n_columns = self->n_fields;
  self->len = 0;
  self->field_start = 0;
  self->n_fields = 0;
  self->row_has_high = FALSE;
  self->state = STATE_FIELD_START;

  return ok;
}

/* A line ending outside quotes ends the row, unless the line was empty. */
static gboolean
parser_end_line (CourantCsvParser  *self,
                 guchar             c,
                 gboolean           has_row,
                 GError           **error)
{
  self->line++;
  self->after_cr = c == '\r';

  if (!has_row)
    return TRUE;

  return parser_end_field (self, error) && parser_end_row (self, error);
}

/* A NUL byte or the first byte of a multi-byte character inside a field. */
static gboolean
parser_take_special (CourantCsvParser  *self,
                     guchar             c,
                     GError           **error)
{
  if (c == '\0')
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("Line %llu contains a null character, which a text file cannot hold."),
                   (unsigned long long) self->line);
      return FALSE;
    }

  self->row_has_high = TRUE;
  parser_append_byte (self, c);

  return TRUE;
}

/* Copies the bytes up to the next one of interest and returns where it is. */
static inline const guchar *
parser_scan (CourantCsvParser *self,
             const guint8     *klass,
             const guchar     *p,
             const guchar     *end)
{
  guint8 mask = self->row_has_high ? CLASS_STOP : CLASS_STOP | CLASS_STOP_HIGH;
  const guchar *q = p;

  while (q < end && !(klass[*q] & mask))
    q++;
  parser_append (self, p, q - p);

  return q;
}

static gboolean
parser_consume (CourantCsvParser  *self,
                const guchar      *p,
                const guchar      *end,
                GError           **error)
{
  const guchar separator = (guchar) self->separator;

  while (p < end)
    {
      guchar c;

      /* The LF of a CR LF pair belongs to the line ending already counted. */
      if (G_UNLIKELY (self->after_cr))
        {
          self->after_cr = FALSE;
          if (*p == '\n')
            {
              if (self->state == STATE_QUOTED)
                parser_append_byte (self, '\n');
              p++;
              continue;
            }
        }

      switch (self->state)
        {
        case STATE_FIELD_START:
          c = *p;
          if (self->n_fields == 0)
            self->row_line = self->line;
          if (c == '"')
            {
              self->state = STATE_QUOTED;
              self->quote_line = self->line;
              p++;
            }
          else if (c == '\n' || c == '\r')
            {
              p++;
              if (!parser_end_line (self, c, self->n_fields > 0, error))
                return FALSE;
            }
          else if (c == separator)
            {
              p++;
              if (!parser_end_field (self, error))
                return FALSE;
            }
          else
            self->state = STATE_UNQUOTED;
          break;

        case STATE_UNQUOTED:
          p = parser_scan (self, self->unquoted_class, p, end);
          if (p == end)
            break;
          c = *p++;
          if (c == separator)
            {
              if (!parser_end_field (self, error))
                return FALSE;
            }
          else if (c == '\n' || c == '\r')
            {
              if (!parser_end_line (self, c, TRUE, error))
                return FALSE;
            }
          else if (!parser_take_special (self, c, error))
            return FALSE;
          break;

        case STATE_QUOTED:
          p = parser_scan (self, self->quoted_class, p, end);
          if (p == end)
            break;
          c = *p++;
          if (c == '"')
            self->state = STATE_QUOTE_IN_QUOTED;
          else if (c == '\n' || c == '\r')
            {
              parser_append_byte (self, c);
              self->line++;
              self->after_cr = c == '\r';
            }
          else if (!parser_take_special (self, c, error))
            return FALSE;
          break;

        case STATE_QUOTE_IN_QUOTED:
          c = *p;
          if (c == '"')
            {
              parser_append_byte (self, '"');
              self->state = STATE_QUOTED;
              p++;
            }
          else if (c == separator)
            {
              p++;
              if (!parser_end_field (self, error))
                return FALSE;
            }
          else if (c == '\n' || c == '\r')
            {
              p++;
              if (!parser_end_line (self, c, TRUE, error))
                return FALSE;
            }
          else
            {
              /* Text after a closing quote is kept, as spreadsheets do,
               * rather than failing on a sloppy file. */
              self->state = STATE_UNQUOTED;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}

/* Checks the byte order mark once three bytes are in. */
static gboolean
parser_check_bom (CourantCsvParser  *self,
                  GError           **error)
{
  const guint8 *data = self->prelude->data;
  gsize length = self->prelude->len;

  self->bom_checked = TRUE;

  if (length >= 2 && ((data[0] == 0xff && data[1] == 0xfe) || (data[0] == 0xfe && data[1] == 0xff)))
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("The file is encoded in UTF-16: save it as UTF-8 to open it."));
      return FALSE;
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    self->bom_length = 3;

  return TRUE;
}

/* Holds the first bytes back until the byte order mark is checked and the
 * separator known, then parses them. */
static gboolean
parser_hold (CourantCsvParser  *self,
             const guchar      *data,
             gsize              length,
             gboolean           at_eof,
             GError           **error)
{
  gsize sniff_from = self->prelude->len;

  g_byte_array_append (self->prelude, data, length);

  if (!self->bom_checked)
    {
      if (self->prelude->len < 3 && !at_eof)
        return TRUE;
      if (!parser_check_bom (self, error))
        return FALSE;
      sniff_from = self->bom_length;
    }

  if (self->separator == '\0')
    {
      if (!sniffer_feed (&self->sniffer, self->prelude->data + sniff_from,
                         self->prelude->len - sniff_from) && !at_eof)
        return TRUE;
      parser_set_separator (self, sniffer_choose (&self->sniffer, at_eof));
    }

  self->started = TRUE;
  if (!parser_consume (self, self->prelude->data + self->bom_length,
                       self->prelude->data + self->prelude->len, error))
    return FALSE;
  g_clear_pointer (&self->prelude, g_byte_array_unref);

  return TRUE;
}

/**
 * courant_csv_parser_new:
 * @options: (nullable): the options, or %NULL to guess the separator
 * @func: called for each row
 * @user_data: passed to @func
 *
 * Returns: (transfer full): a parser to feed with courant_csv_parser_feed()
 */
CourantCsvParser *
courant_csv_parser_new (const CourantCsvOptions *options,
                        CourantCsvRowFunc        func,
                        gpointer                 user_data)
{
  CourantCsvParser *self;

  g_return_val_if_fail (options == NULL || options->separator == '\0' ||
                        is_candidate (options->separator), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (CourantCsvParser, 1);
  self->func = func;
  self->user_data = user_data;
  self->prelude = g_byte_array_new ();
  self->sniffer.line_empty = TRUE;
  self->line = 1;
  /* The row buffer always exists, so that copying nothing has a target. */
  grow_array ((gpointer *) &self->buf, &self->cap, 1, 1);
  if (options != NULL && options->separator != '\0')
    parser_set_separator (self, options->separator);

  return self;
}

/**
 * courant_csv_parser_feed:
 *
 * Parses the next @length bytes, calling back for every row they complete.
 * After an error, the parser can only be freed.
 */
gboolean
courant_csv_parser_feed (CourantCsvParser  *self,
                         const char        *data,
                         gsize              length,
                         GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (!self->failed && !self->finished, FALSE);

  if (length == 0)
    return TRUE;

  if (self->started)
    ok = parser_consume (self, (const guchar *) data, (const guchar *) data + length, error);
  else
    ok = parser_hold (self, (const guchar *) data, length, FALSE, error);

  self->failed = !ok;

  return ok;
}

static gboolean
parser_finish_row (CourantCsvParser  *self,
                   GError           **error)
{
  switch (self->state)
    {
    case STATE_FIELD_START:
      if (self->n_fields == 0)
        return TRUE;
      break;

    case STATE_QUOTED:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("The quoted field that starts on line %llu is never closed."),
                   (unsigned long long) self->quote_line);
      return FALSE;

    case STATE_UNQUOTED:
    case STATE_QUOTE_IN_QUOTED:
      break;

    default:
      g_assert_not_reached ();
    }

  return parser_end_field (self, error) && parser_end_row (self, error);
}

/**
 * courant_csv_parser_finish:
 *
 * Ends the input: parses the bytes held back and the last row, which may
 * lack its line ending.
 */
gboolean
courant_csv_parser_finish (CourantCsvParser  *self,
                           GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->failed && !self->finished, FALSE);

  self->finished = TRUE;
  ok = (self->started || parser_hold (self, (const guchar *) "", 0, TRUE, error)) &&
       parser_finish_row (self, error);
  self->failed = !ok;

  return ok;
}

/* Returns the separator in use, or 0 while it is still being guessed. */
char
courant_csv_parser_get_separator (CourantCsvParser *self)
{
  g_return_val_if_fail (self != NULL, '\0');

  return self->separator;
}

void
courant_csv_parser_free (CourantCsvParser *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->prelude, g_byte_array_unref);
  g_free (self->buf);
  g_free (self->starts);
  g_free (self->ptrs);
  g_free (self);
}

/* Cells and numbers */

enum
{
  SEEN_INTEGER = 1 << 0,
  SEEN_REAL    = 1 << 1,
  SEEN_TEXT    = 1 << 2,
};

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* Empty cells and the markers exports write for "no value" are missing. */
static gboolean
cell_is_missing (const char *s)
{
  gsize n;

  while (is_blank (*s))
    s++;
  if (*s == '\0')
    return TRUE;
  if (*s != 'N')
    return FALSE;

  n = strlen (s);
  while (is_blank (s[n - 1]))
    n--;

  return (n == 2 && (s[1] == 'A' || s[1] == 'D')) || (n == 4 && memcmp (s, "NULL", 4) == 0);
}

/* Returns the kind of number @s spells by its syntax alone, or SEEN_TEXT.
 * Integers written with a leading zero are codes (postcodes, customer
 * numbers): turning "01000" into 1000 would lose them, so they are text. */
static guint8
number_syntax (const char *s,
               gboolean    decimal_comma,
               gsize      *n_digits)
{
  const char *p = s;
  const char *digits;
  gboolean has_point = FALSE;
  gboolean has_exponent = FALSE;
  gsize n_int = 0;
  gsize n_frac = 0;

  while (is_blank (*p))
    p++;
  if (*p == '+' || *p == '-')
    p++;

  for (digits = p; g_ascii_isdigit (*p); p++)
    n_int++;
  if (n_int > 1 && digits[0] == '0')
    return SEEN_TEXT;

  if (*p == '.' || (decimal_comma && *p == ','))
    {
      has_point = TRUE;
      for (p++; g_ascii_isdigit (*p); p++)
        n_frac++;
    }
  if (n_int + n_frac == 0)
    return SEEN_TEXT;

  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return SEEN_TEXT;
      while (g_ascii_isdigit (*p))
        p++;
      has_exponent = TRUE;
    }

  while (is_blank (*p))
    p++;
  if (*p != '\0')
    return SEEN_TEXT;

  *n_digits = n_int + n_frac;
  if (has_point || has_exponent)
    return SEEN_REAL;
  if (n_int < 19)
    return SEEN_INTEGER;

  /* Nineteen digits or more may not fit in 64 bits. */
  errno = 0;
  g_ascii_strtoll (s, NULL, 10);

  return errno == ERANGE ? SEEN_REAL : SEEN_INTEGER;
}

static gboolean
parse_real (const char *s,
            double     *value)
{
  char small[64];
  g_autofree char *large = NULL;
  gsize n;
  char *copy;
  double v;

  while (is_blank (*s))
    s++;
  n = strlen (s);
  while (n > 0 && is_blank (s[n - 1]))
    n--;

  copy = n < sizeof small ? small : (large = g_malloc (n + 1));
  memcpy (copy, s, n);
  copy[n] = '\0';
  for (char *c = copy; *c; c++)
    if (*c == ',')
      *c = '.';

  v = g_ascii_strtod (copy, NULL);
  if (!isfinite (v))
    return FALSE;
  *value = v;

  return TRUE;
}

/* The kind of a cell that is not missing, for type inference. Only numbers
 * that may overflow a double are actually converted. */
static guint8
cell_classify (const char *s,
               gboolean    decimal_comma)
{
  gsize n_digits = 0;
  guint8 kind = number_syntax (s, decimal_comma, &n_digits);
  double unused;

  if (kind == SEEN_REAL && (n_digits > 300 || strpbrk (s, "eE") != NULL) &&
      !parse_real (s, &unused))
    return SEEN_TEXT;

  return kind;
}

gboolean
courant_csv_parse_double (const char *text,
                          gboolean    decimal_comma,
                          double     *value)
{
  gsize n_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (number_syntax (text, decimal_comma, &n_digits) == SEEN_TEXT)
    return FALSE;

  return parse_real (text, value);
}

/* The table */

struct _CourantCsvTable
{
  char               separator;
  guint              n_columns;
  char             **column_names;
  CourantColumnType *column_types;
  gsize              n_rows;

  char              *text;
  gsize              text_len;
  guint32           *cells;
  gsize              n_cells;
  /* NULL while every row has all its cells; once a row is short, the index
   * of each row's first cell, n_rows + 1 of them. */
  guint32           *row_starts;
};

typedef struct
{
  CourantCsvTable  *table;
  CourantCsvParser *parser;
  gboolean          decimal_comma;
  guint8           *seen;
  gsize             text_cap;
  gsize             cells_cap;
  gsize             row_starts_cap;
} TableBuilder;

/* Empty names become "column 3", and a repeated name "x (2)"; the names
 * written in the file are kept first so that a generated one never takes
 * the name of a later column. */
static char **
make_unique_names (const char *const *fields,
                   guint              n)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) next_suffix = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  g_auto(GStrv) stripped = g_new0 (char *, n + 1);
  char **names = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      stripped[i] = g_strstrip (g_strdup (fields[i]));
      if (stripped[i][0] != '\0' && !g_hash_table_contains (used, stripped[i]))
        {
          names[i] = g_strdup (stripped[i]);
          g_hash_table_add (used, g_strdup (names[i]));
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *base = NULL;
      guint suffix;

      if (names[i] != NULL)
        continue;

      base = stripped[i][0] != '\0' ? g_strdup (stripped[i])
                                    : g_strdup_printf (_("column %u"), i + 1);

      /* Each base remembers the next suffix to try, so that many repeats
       * of a name cost linear time. */
      for (suffix = GPOINTER_TO_UINT (g_hash_table_lookup (next_suffix, base)); ; suffix++)
        {
          names[i] = suffix < 2 ? g_strdup (base) : g_strdup_printf ("%s (%u)", base, suffix);
          if (!g_hash_table_contains (used, names[i]))
            break;
          g_clear_pointer (&names[i], g_free);
        }

      g_hash_table_add (used, g_strdup (names[i]));
      g_hash_table_replace (next_suffix, g_steal_pointer (&base), GUINT_TO_POINTER (suffix + 1));
    }

  return names;
}

/* Switches the table to one start index per row, the first time a row is
 * short: padding every short row would let a long header and many one-cell
 * lines multiply the memory needed. */
static void
table_builder_make_ragged (TableBuilder *b)
{
  CourantCsvTable *table = b->table;

  grow_array ((gpointer *) &table->row_starts, &b->row_starts_cap, table->n_rows + 1,
              sizeof (guint32));
  for (gsize i = 0; i <= table->n_rows; i++)
    table->row_starts[i] = (guint32) (i * table->n_columns);
}

static gboolean
table_too_large (GError **error)
{
  g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
               _("The file is too large: Courant reads CSV files of up to 4 GiB."));
  return FALSE;
}

static gboolean
table_builder_add_cell (TableBuilder  *b,
                        guint          column,
                        const char    *field,
                        GError       **error)
{
  CourantCsvTable *table = b->table;
  gsize length;

  if (cell_is_missing (field))
    {
      table->cells[table->n_cells++] = CELL_MISSING;
      return TRUE;
    }

  if (b->seen[column] != SEEN_TEXT)
    b->seen[column] |= cell_classify (field, b->decimal_comma);

  length = strlen (field) + 1;
  if (length >= CELL_MISSING - table->text_len)
    return table_too_large (error);

  grow_array ((gpointer *) &table->text, &b->text_cap, table->text_len + length, 1);
  memcpy (table->text + table->text_len, field, length);
  table->cells[table->n_cells++] = (guint32) table->text_len;
  table->text_len += length;

  return TRUE;
}

static gboolean
table_builder_add_row (TableBuilder       *b,
                       const char *const  *fields,
                       guint               n_fields,
                       GError            **error)
{
  CourantCsvTable *table = b->table;
  guint n_present = n_fields;

  while (n_present > 0 && fields[n_present - 1] == NULL)
    n_present--;

  if (table->n_cells + n_present >= CELL_MISSING)
    return table_too_large (error);

  if (n_present < table->n_columns && table->row_starts == NULL)
    table_builder_make_ragged (b);

  grow_array ((gpointer *) &table->cells, &b->cells_cap, table->n_cells + n_present,
              sizeof (guint32));
  for (guint i = 0; i < n_present; i++)
    if (!table_builder_add_cell (b, i, fields[i], error))
      return FALSE;

  table->n_rows++;
  if (table->row_starts != NULL)
    {
      grow_array ((gpointer *) &table->row_starts, &b->row_starts_cap, table->n_rows + 1,
                  sizeof (guint32));
      table->row_starts[table->n_rows] = (guint32) table->n_cells;
    }

  return TRUE;
}

static gboolean
table_builder_row_cb (const char *const  *fields,
                      guint               n_fields,
                      guint64             line,
                      gpointer            user_data,
                      GError            **error)
{
  TableBuilder *b = user_data;
  CourantCsvTable *table = b->table;

  if (table->column_names != NULL)
    return table_builder_add_row (b, fields, n_fields, error);

  table->separator = courant_csv_parser_get_separator (b->parser);
  b->decimal_comma = table->separator == ';' || table->separator == '\t';
  table->n_columns = n_fields;
  table->column_names = make_unique_names (fields, n_fields);
  b->seen = g_new0 (guint8, n_fields);

  return TRUE;
}

static void
table_builder_init (TableBuilder            *b,
                    const CourantCsvOptions *options)
{
  memset (b, 0, sizeof *b);
  b->table = g_new0 (CourantCsvTable, 1);
  b->parser = courant_csv_parser_new (options, table_builder_row_cb, b);
}

static void
table_builder_clear (TableBuilder *b)
{
  g_clear_pointer (&b->table, courant_csv_table_free);
  g_clear_pointer (&b->parser, courant_csv_parser_free);
  g_clear_pointer (&b->seen, g_free);
}

/* Infers the column types and gives the spare capacity back. */
static CourantCsvTable *
table_builder_finish (TableBuilder  *b,
                      GError       **error)
{
  CourantCsvTable *table = b->table;

  if (table->column_names == NULL)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("The file is empty."));
      return NULL;
    }

  table->column_types = g_new0 (CourantColumnType, table->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    {
      guint8 seen = b->seen[i];

      table->column_types[i] = (seen & SEEN_TEXT) ? COURANT_COLUMN_TEXT :
                               (seen & SEEN_REAL) ? COURANT_COLUMN_REAL :
                               (seen & SEEN_INTEGER) ? COURANT_COLUMN_INTEGER :
                               COURANT_COLUMN_EMPTY;
    }

  table->text = g_realloc (table->text, table->text_len);
  table->cells = g_realloc_n (table->cells, table->n_cells, sizeof (guint32));
  if (table->row_starts != NULL)
    table->row_starts = g_realloc_n (table->row_starts, table->n_rows + 1, sizeof (guint32));

  return g_steal_pointer (&b->table);
}

/* Worded as CourantSource words them when it sniffs the file first. */
static void
set_file_error (GFile   *file,
                GError  *io_error,
                GError **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (io_error));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                 _("The file “%s” does not exist."), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_PERMISSION,
                 _("You are not allowed to read “%s”."), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                 _("“%s” is a folder, not a data file."), name);
  else
    g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_FAILED,
                 _("Could not read “%s”: %s"), name, io_error->message);
}

static gboolean
table_builder_read_stream (TableBuilder  *b,
                           GFile         *file,
                           GInputStream  *stream,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *chunk = g_malloc (READ_CHUNK_SIZE);

  for (;;)
    {
      g_autoptr(GError) io_error = NULL;
      gssize n = g_input_stream_read (stream, chunk, READ_CHUNK_SIZE, cancellable, &io_error);

      if (n < 0)
        {
          set_file_error (file, io_error, error);
          return FALSE;
        }
      if (n == 0)
        return courant_csv_parser_finish (b->parser, error);
      if (!courant_csv_parser_feed (b->parser, chunk, n, error))
        return FALSE;
    }
}

/**
 * courant_csv_read_file:
 * @file: a CSV file
 * @options: (nullable): the options, or %NULL to guess the separator
 *
 * Reads the whole file into a table; the first non-empty line is the header.
 * Blocking: call it from a worker.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CourantCsvTable *
courant_csv_read_file (GFile                   *file,
                       const CourantCsvOptions *options,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) io_error = NULL;
  TableBuilder b;
  CourantCsvTable *table = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (options == NULL || options->separator == '\0' ||
                        is_candidate (options->separator), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, &io_error);
  if (stream == NULL)
    {
      set_file_error (file, io_error, error);
      return NULL;
    }

  table_builder_init (&b, options);
  if (table_builder_read_stream (&b, file, G_INPUT_STREAM (stream), cancellable, error))
    table = table_builder_finish (&b, error);
  table_builder_clear (&b);

  return table;
}

/**
 * courant_csv_read_data:
 * @data: the content of a CSV file
 *
 * Like courant_csv_read_file(), for a file already in memory.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
CourantCsvTable *
courant_csv_read_data (const char              *data,
                       gsize                    length,
                       const CourantCsvOptions *options,
                       GError                 **error)
{
  TableBuilder b;
  CourantCsvTable *table = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (options == NULL || options->separator == '\0' ||
                        is_candidate (options->separator), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  table_builder_init (&b, options);
  if (courant_csv_parser_feed (b.parser, data, length, error) &&
      courant_csv_parser_finish (b.parser, error))
    table = table_builder_finish (&b, error);
  table_builder_clear (&b);

  return table;
}

char
courant_csv_table_get_separator (const CourantCsvTable *table)
{
  g_return_val_if_fail (table != NULL, '\0');

  return table->separator;
}

guint
courant_csv_table_get_n_columns (const CourantCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->n_columns;
}

gsize
courant_csv_table_get_n_rows (const CourantCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->n_rows;
}

const char *
courant_csv_table_get_column_name (const CourantCsvTable *table,
                                   guint                  column)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (column < table->n_columns, NULL);

  return table->column_names[column];
}

CourantColumnType
courant_csv_table_get_column_type (const CourantCsvTable *table,
                                   guint                  column)
{
  g_return_val_if_fail (table != NULL, COURANT_COLUMN_EMPTY);
  g_return_val_if_fail (column < table->n_columns, COURANT_COLUMN_EMPTY);

  return table->column_types[column];
}

/**
 * courant_csv_table_get:
 *
 * Returns: (nullable): the text of a cell, or %NULL if it is missing
 */
const char *
courant_csv_table_get (const CourantCsvTable *table,
                       gsize                  row,
                       guint                  column)
{
  gsize first;
  gsize end;
  guint32 offset;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (row < table->n_rows, NULL);
  g_return_val_if_fail (column < table->n_columns, NULL);

  if (table->row_starts != NULL)
    {
      first = table->row_starts[row];
      end = table->row_starts[row + 1];
    }
  else
    {
      first = row * table->n_columns;
      end = first + table->n_columns;
    }

  if (first + column >= end)
    return NULL;

  offset = table->cells[first + column];

  return offset == CELL_MISSING ? NULL : table->text + offset;
}

/**
 * courant_csv_table_get_double:
 *
 * Reads a cell as a number, with a decimal comma when the separator is a
 * semicolon or a tab, as French spreadsheets write them.
 *
 * Returns: %FALSE if the cell is missing or not a number
 */
gboolean
courant_csv_table_get_double (const CourantCsvTable *table,
                              gsize                  row,
                              guint                  column,
                              double                *value)
{
  const char *text;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  text = courant_csv_table_get (table, row, column);
  if (text == NULL)
    return FALSE;

  return courant_csv_parse_double (text, table->separator == ';' || table->separator == '\t',
                                   value);
}

void
courant_csv_table_free (CourantCsvTable *table)
{
  if (table == NULL)
    return;

  g_strfreev (table->column_names);
  g_free (table->column_types);
  g_free (table->text);
  g_free (table->cells);
  g_free (table->row_starts);
  g_free (table);
}

void
courant_csv_append_field (GString    *out,
                          const char *value)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (value != NULL);

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
