/* courant-csv.h: a streaming RFC 4180 CSV parser, an in-memory CSV table,
 * and the quoting of the fields Courant writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-source.h"

G_BEGIN_DECLS

/* Courant reads at most this many columns, as many as a spreadsheet has. */
#define COURANT_CSV_MAX_COLUMNS 16384

typedef struct
{
  /* One of ',', ';', '\t' or '|'; 0 to guess it from the first lines. */
  char separator;
} CourantCsvOptions;

/* Called once per row, the header row included, in file order. @fields has
 * @n_fields strings; from the second row on, @n_fields is the header's field
 * count and the fields a short row lacks are NULL. @line is the line the row
 * starts on (1 for the first line). Return FALSE and set @error to stop. */
typedef gboolean (*CourantCsvRowFunc) (const char *const *fields,
                                       guint              n_fields,
                                       guint64            line,
                                       gpointer           user_data,
                                       GError           **error);

typedef struct _CourantCsvParser CourantCsvParser;

CourantCsvParser *courant_csv_parser_new           (const CourantCsvOptions *options,
                                                    CourantCsvRowFunc        func,
                                                    gpointer                 user_data);
gboolean          courant_csv_parser_feed          (CourantCsvParser        *self,
                                                    const char              *data,
                                                    gsize                    length,
                                                    GError                 **error);
gboolean          courant_csv_parser_finish        (CourantCsvParser        *self,
                                                    GError                 **error);
char              courant_csv_parser_get_separator (CourantCsvParser        *self);
void              courant_csv_parser_free          (CourantCsvParser        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantCsvParser, courant_csv_parser_free)

/* A whole CSV file in memory: unique header names, one string per cell and
 * the storage type inferred for each column. Missing values (empty cells,
 * "NULL", "NA", "ND", cells a short row lacks) read as NULL. */
typedef struct _CourantCsvTable CourantCsvTable;

CourantCsvTable  *courant_csv_read_file                (GFile                   *file,
                                                        const CourantCsvOptions *options,
                                                        GCancellable            *cancellable,
                                                        GError                 **error);
CourantCsvTable  *courant_csv_read_data                (const char              *data,
                                                        gsize                    length,
                                                        const CourantCsvOptions *options,
                                                        GError                 **error);

char              courant_csv_table_get_separator      (const CourantCsvTable   *table);
guint             courant_csv_table_get_n_columns      (const CourantCsvTable   *table);
gsize             courant_csv_table_get_n_rows         (const CourantCsvTable   *table);
const char       *courant_csv_table_get_column_name    (const CourantCsvTable   *table,
                                                        guint                    column);
CourantColumnType courant_csv_table_get_column_type    (const CourantCsvTable   *table,
                                                        guint                    column);
const char       *courant_csv_table_get                (const CourantCsvTable   *table,
                                                        gsize                    row,
                                                        guint                    column);
gboolean          courant_csv_table_get_double         (const CourantCsvTable   *table,
                                                        gsize                    row,
                                                        guint                    column,
                                                        double                  *value);
void              courant_csv_table_free               (CourantCsvTable         *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantCsvTable, courant_csv_table_free)

/* Parses a whole cell as a finite number, "12.5" and, with @decimal_comma,
 * "12,5" too; surrounding spaces are allowed. */
gboolean          courant_csv_parse_double             (const char              *text,
                                                        gboolean                 decimal_comma,
                                                        double                  *value);

/* Appends @value to @out as one field, quoted only when it holds a comma, a
 * double quote or a line break (RFC 4180), as every CSV output writes it. */
void              courant_csv_append_field             (GString                 *out,
                                                        const char              *value);

G_END_DECLS
