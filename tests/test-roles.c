/* test-roles.c: inferring what each column of a table is for
 *
 * Hand-made tables with French, English and opaque names, where either the
 * names or only the values tell; the demo dataset, through the SQLite
 * source; a CSV file written the French way; and every override.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "courant-csv.h"
#include "courant-demo.h"
#include "courant-error.h"
#include "courant-roles.h"
#include "courant-source.h"

typedef struct
{
  CourantTableInfo *info;
  CourantPreview   *sample;
} Table;

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->info, courant_table_info_free);
  g_clear_pointer (&table->sample, courant_preview_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

/* The storage type SQLite would report for a column of these cells. */
static CourantColumnType
column_type (GPtrArray *rows,
             guint      column)
{
  CourantColumnType type = COURANT_COLUMN_EMPTY;

  for (guint r = 0; r < rows->len; r++)
    {
      const char *cell = ((char **) rows->pdata[r])[column];
      double number;

      if (cell == NULL)
        continue;
      if (!courant_csv_parse_double (cell, FALSE, &number))
        return COURANT_COLUMN_TEXT;
      if (strpbrk (cell, ".eE") != NULL || type == COURANT_COLUMN_REAL)
        type = COURANT_COLUMN_REAL;
      else
        type = COURANT_COLUMN_INTEGER;
    }

  return type;
}

/* A table named @name whose columns are @names (NULL-terminated), from rows
 * of cells; @rows holds arrays of n_columns strings, which the table takes. */
static void
table_init (Table             *table,
            const char        *name,
            const char *const *names,
            GPtrArray         *rows)
{
  guint n_columns = g_strv_length ((char **) names);

  table->info = courant_table_info_new (name);
  for (guint c = 0; c < n_columns; c++)
    courant_table_info_add_column (table->info, names[c], "", column_type (rows, c));

  table->sample = courant_preview_new (n_columns, names);
  for (guint r = 0; r < rows->len; r++)
    courant_preview_append_row (table->sample, rows->pdata[r]);
}

/* Rows from a flat array of cells, @n_columns a row. */
static GPtrArray *
rows_from_cells (const char *const *cells,
                 guint              n_cells,
                 guint              n_columns)
{
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_cmpuint (n_cells % n_columns, ==, 0);
  for (guint r = 0; r < n_cells / n_columns; r++)
    {
      char **row = g_new0 (char *, n_columns);

      for (guint c = 0; c < n_columns; c++)
        row[c] = g_strdup (cells[r * n_columns + c]);
      g_ptr_array_add (rows, row);
    }

  return rows;
}

static CourantTableRoles *
infer (Table *table)
{
  CourantTableRoles *roles = courant_table_roles_infer (table->info, table->sample, NULL);

  g_assert_nonnull (roles);
  g_assert_cmpuint (roles->n_columns, ==, table->info->columns->len);
  return roles;
}

static void
assert_role (const CourantTableRoles *roles,
             const char              *column,
             CourantRole              expected)
{
  int index = courant_table_roles_lookup (roles, column);

  g_assert_cmpint (index, >=, 0);
  if (roles->columns[index].role != expected)
    g_error ("%s.%s is %s, not %s", roles->table, column,
             courant_role_to_string (roles->columns[index].role),
             courant_role_to_string (expected));
}

static void
assert_time (const CourantTableRoles *roles,
             const char              *column,
             CourantTimeEncoding      encoding)
{
  assert_role (roles, column, COURANT_ROLE_TIME);
  g_assert_cmpstr (courant_time_encoding_to_string (roles->columns[courant_table_roles_lookup (roles, column)].encoding),
                   ==, courant_time_encoding_to_string (encoding));
}

static void
assert_kind (const CourantTableRoles *roles,
             CourantTableKind         kind)
{
  g_assert_cmpstr (courant_table_kind_to_string (roles->kind), ==,
                   courant_table_kind_to_string (kind));
}

static void
test_names (void)
{
  for (CourantRole r = COURANT_ROLE_NONE; r < COURANT_N_ROLES; r++)
    {
      CourantRole back = COURANT_ROLE_NONE;

      g_assert_true (courant_role_from_string (courant_role_to_string (r), &back));
      g_assert_cmpint (back, ==, r);
    }

  {
    CourantRole role = COURANT_ROLE_VALUE;

    g_assert_false (courant_role_from_string ("customer", &role));
    g_assert_cmpint (role, ==, COURANT_ROLE_VALUE);
  }

  g_assert_cmpstr (courant_table_kind_to_string (COURANT_TABLE_JOURNEYS), ==, "journeys");
  g_assert_cmpstr (courant_table_kind_to_string (COURANT_TABLE_SERIES), ==, "series");
  g_assert_cmpstr (courant_table_kind_to_string (COURANT_TABLE_WEATHER), ==, "weather");
  g_assert_cmpstr (courant_table_kind_to_string (COURANT_TABLE_UNKNOWN), ==, "unknown");
}

/* Without a sample, names alone speak, in any language and spelling. */
static void
test_names_only (void)
{
  const char *names[] = { "N° client", "Date début", "Canal", "Motif", "Segment",
                          "Demande (MW)", "nb_clients", "c1", "Libellé", "Production (MWh)",
                          "Country", "Type", NULL };
  g_autoptr(CourantTableInfo) info = courant_table_info_new ("fr");
  g_autoptr(CourantTableRoles) roles = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    courant_table_info_add_column (info, names[i], "", COURANT_COLUMN_TEXT);
  roles = courant_table_roles_infer (info, NULL, NULL);

  assert_role (roles, "N° client", COURANT_ROLE_ENTITY);
  assert_time (roles, "Date début", COURANT_TIME_UNKNOWN);
  assert_role (roles, "Canal", COURANT_ROLE_CHANNEL);
  assert_role (roles, "Motif", COURANT_ROLE_EVENT);
  assert_role (roles, "Segment", COURANT_ROLE_ATTRIBUTE);
  assert_role (roles, "Demande (MW)", COURANT_ROLE_VALUE);
  assert_role (roles, "nb_clients", COURANT_ROLE_WEIGHT);
  assert_role (roles, "c1", COURANT_ROLE_NONE);
  assert_role (roles, "Libellé", COURANT_ROLE_NONE);
  /* Whole words before parts of words: not "action", not "count". */
  assert_role (roles, "Production (MWh)", COURANT_ROLE_VALUE);
  assert_role (roles, "Country", COURANT_ROLE_ATTRIBUTE);
  /* A second event is none. */
  assert_role (roles, "Type", COURANT_ROLE_NONE);
  assert_kind (roles, COURANT_TABLE_JOURNEYS);
}

static void
test_french_journeys (void)
{
  const char *names[] = { "N° client", "Date début", "Canal", "Motif", "Segment", "Poids",
                          "Commentaire", NULL };
  const char *cells[] = {
    "C-001", "02/01/2025 09:15", "Web", "Visite", "Particulier", "1", "premier contact",
    "C-001", "03/01/2025 10:00", "Téléphone", "Réclamation", "Particulier", "1", "facture",
    "C-001", "05/01/2025 14:30", "Téléphone", "Appel", "Particulier", "1", "rappel",
    "C-002", "02/01/2025 11:00", "Agence", "Souscription", "Professionnel", "3", "nouveau",
    "C-002", "09/01/2025 16:45", "Courrier", "Relance", "Professionnel", "3", "impayé",
    "C-002", "20/01/2025 08:05", "Téléphone", "Résiliation", "Professionnel", "3", "départ",
    "C-003", "04/01/2025 19:20", "Application", "Visite", "Particulier", "2", NULL,
    "C-003", "06/01/2025 07:55", "Web", "Paiement", "Particulier", "2", "",
    "C-003", "30/01/2025 12:00", "E-mail", "Réclamation", "Particulier", "2", "retard",
  };
  g_auto(Table) table = { 0 };
  g_autoptr(CourantTableRoles) roles = NULL;

  table_init (&table, "parcours", names, rows_from_cells (cells, G_N_ELEMENTS (cells), 7));
  roles = infer (&table);

  assert_role (roles, "N° client", COURANT_ROLE_ENTITY);
  assert_time (roles, "Date début", COURANT_TIME_DMY);
  assert_role (roles, "Canal", COURANT_ROLE_CHANNEL);
  assert_role (roles, "Motif", COURANT_ROLE_EVENT);
  assert_role (roles, "Segment", COURANT_ROLE_ATTRIBUTE);
  assert_role (roles, "Poids", COURANT_ROLE_WEIGHT);
  assert_role (roles, "Commentaire", COURANT_ROLE_NONE);
  assert_kind (roles, COURANT_TABLE_JOURNEYS);
  g_assert_cmpstr (courant_table_roles_get_column (roles, COURANT_ROLE_EVENT), ==, "Motif");
}

/* Decimal commas, "ND" for missing, a region; and a name that says time
 * over values that are not times is no time. */
static void
test_french_series (void)
{
  const char *names[] = { "Date", "Demande (MW)", "Région", "Heure", "Prévision J-1", NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_auto(Table) table = { 0 };
  g_autoptr(CourantTableRoles) roles = NULL;

  for (guint i = 0; i < 48; i++)
    {
      char **row = g_new0 (char *, 5);

      row[0] = g_strdup_printf ("2025-01-%02u", 1 + i / 2);
      row[1] = i % 7 == 3 ? g_strdup ("ND") : g_strdup_printf ("%u,%u", 61000 + i * 37, i % 10);
      row[2] = g_strdup (i < 24 ? "Bretagne" : "Île-de-France");
      row[3] = g_strdup (i % 2 ? "12:00" : "00:00");
      row[4] = g_strdup_printf ("%u", 60000 + i * 41);
      g_ptr_array_add (rows, row);
    }
  table_init (&table, "eco2mix", names, rows);
  roles = infer (&table);

  assert_time (roles, "Date", COURANT_TIME_ISO8601);
  assert_role (roles, "Demande (MW)", COURANT_ROLE_VALUE);
  assert_role (roles, "Région", COURANT_ROLE_ATTRIBUTE);
  assert_role (roles, "Heure", COURANT_ROLE_ATTRIBUTE);
  assert_role (roles, "Prévision J-1", COURANT_ROLE_VALUE);
  assert_kind (roles, COURANT_TABLE_SERIES);
}

static void
test_french_weather (void)
{
  const char *names[] = { "Horodate", "Température (°C)", "Vent (m/s)", "Ensoleillement", NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_auto(Table) table = { 0 };
  g_autoptr(CourantTableRoles) roles = NULL;

  for (guint i = 0; i < 30; i++)
    {
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup_printf ("2025-10-26T%02u:00:00+0%u:00", i % 24, i < 3 ? 2 : 1);
      row[1] = g_strdup_printf ("%.1f", 8.5 + (i % 9) * 0.7);
      row[2] = g_strdup_printf ("%.1f", 2.0 + (i % 5));
      row[3] = g_strdup_printf ("%u", i % 24 > 7 && i % 24 < 18 ? 120 + i * 3 : 0);
      g_ptr_array_add (rows, row);
    }
  table_init (&table, "meteo", names, rows);
  roles = infer (&table);

  assert_time (roles, "Horodate", COURANT_TIME_ISO8601);
  assert_role (roles, "Température (°C)", COURANT_ROLE_VALUE);
  assert_role (roles, "Vent (m/s)", COURANT_ROLE_VALUE);
  assert_role (roles, "Ensoleillement", COURANT_ROLE_VALUE);
  assert_kind (roles, COURANT_TABLE_WEATHER);
}

/* Unix seconds, camelCase names, and a weight that is a count. */
static void
test_english_journeys (void)
{
  const char *names[] = { "customerId", "eventTimestamp", "eventType", "touchpoint",
                          "customerSegment", "count", NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const char *events[] = { "login", "view_bill", "pay", "complain" };
  const char *channels[] = { "web", "app", "phone" };
  g_auto(Table) table = { 0 };
  g_autoptr(CourantTableRoles) roles = NULL;

  for (guint i = 0; i < 40; i++)
    {
      char **row = g_new0 (char *, 6);

      row[0] = g_strdup_printf ("%u", 1000 + i / 8);
      row[1] = g_strdup_printf ("%u", 1736900000 + i * 3917);
      row[2] = g_strdup (events[i % 4]);
      row[3] = g_strdup (channels[i % 3]);
      row[4] = g_strdup (i / 8 % 2 ? "residential" : "business");
      row[5] = g_strdup ("1");
      g_ptr_array_add (rows, row);
    }
  table_init (&table, "journeys", names, rows);
  roles = infer (&table);

  assert_role (roles, "customerId", COURANT_ROLE_ENTITY);
  assert_time (roles, "eventTimestamp", COURANT_TIME_UNIX_SECONDS);
  assert_role (roles, "eventType", COURANT_ROLE_EVENT);
  assert_role (roles, "touchpoint", COURANT_ROLE_CHANNEL);
  assert_role (roles, "customerSegment", COURANT_ROLE_ATTRIBUTE);
  assert_role (roles, "count", COURANT_ROLE_WEIGHT);
  assert_kind (roles, COURANT_TABLE_JOURNEYS);
}

/* c1…c4: identifiers in runs, Unix milliseconds, a few event labels and
 * channel names. Only the values tell. */
static void
test_opaque_journeys (void)
{
  const char *names[] = { "c1", "c2", "c3", "c4", NULL };
  const char *events[] = { "complaint", "call", "payment", "bill_viewed", "termination" };
  const char *channels[] = { "web", "app", "call_centre", "email", "letter" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_auto(Table) table = { 0 };
  g_autoptr(CourantTableRoles) roles = NULL;

  for (guint i = 0; i < 60; i++)
    {
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup_printf ("%u", 17 + i / 6 * 3);
      row[1] = g_strdup_printf ("%" G_GINT64_FORMAT,
                                G_GINT64_CONSTANT (1736900000000) + (gint64) i * 86400123);
      row[2] = g_strdup (events[(i * 7) % 5]);
      row[3] = g_strdup (channels[(i * 3) % 5]);
      g_ptr_array_add (rows, row);
    }
  table_init (&table, "t", names, rows);
  roles = infer (&table);

  assert_role (roles, "c1", COURANT_ROLE_ENTITY);
  assert_time (roles, "c2", COURANT_TIME_UNIX_MILLISECONDS);
  assert_role (roles, "c3", COURANT_ROLE_EVENT);
  assert_role (roles, "c4", COURANT_ROLE_CHANNEL);
  assert_kind (roles, COURANT_TABLE_JOURNEYS);
}

/* Opaque series: ISO text and measures; Julian days and measures; and a
 * measure full of zeros is not taken for an identifier. */
static void
test_opaque_series (void)
{
  const char *names[] = { "c1", "c2", "c3", NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) julian_rows = g_ptr_array_new ();
  g_auto(Table) table = { 0 };
  g_auto(Table) julian = { 0 };
  g_autoptr(CourantTableRoles) roles = NULL;
  g_autoptr(CourantTableRoles) julian_roles = NULL;

  for (guint i = 0; i < 100; i++)
    {
      char **row = g_new0 (char *, 3);
      char **julian_row = g_new0 (char *, 3);

      row[0] = g_strdup_printf ("2025-03-30 %02u:%02u:00", i / 4 % 24, i % 4 * 15);
      row[1] = g_strdup_printf ("%.3f", 0.25 + (i % 13) * 0.125);
      row[2] = g_strdup_printf ("%u", i % 3 == 0 ? 0 : 100 + i * 7);
      g_ptr_array_add (rows, row);

      julian_row[0] = g_strdup_printf ("%.6f", 2460690.5 + i / 48.0);
      julian_row[1] = g_strdup_printf ("%u", 50000 + (i * 7919) % 9000);
      julian_row[2] = g_strdup_printf ("%.1f", -3.5 + i % 20);
      g_ptr_array_add (julian_rows, julian_row);
    }
  table_init (&table, "t", names, rows);
  roles = infer (&table);
  assert_time (roles, "c1", COURANT_TIME_ISO8601);
  assert_role (roles, "c2", COURANT_ROLE_VALUE);
  assert_role (roles, "c3", COURANT_ROLE_VALUE);
  assert_kind (roles, COURANT_TABLE_SERIES);

  table_init (&julian, "j", names, julian_rows);
  julian_roles = infer (&julian);
  assert_time (julian_roles, "c1", COURANT_TIME_JULIAN_DAY);
  assert_role (julian_roles, "c2", COURANT_ROLE_VALUE);
  assert_role (julian_roles, "c3", COURANT_ROLE_VALUE);
  assert_kind (julian_roles, COURANT_TABLE_SERIES);
}

/* Steps and semesters are an order, not instants. */
static void
test_ordinal (void)
{
  const char *journey_names[] = { "id_client", "etape", "evenement", NULL };
  const char *series_names[] = { "semestre", "consommation", NULL };
  const char *journey_cells[] = {
    "1", "1", "visite", "1", "2", "achat", "1", "3", "appel",
    "2", "1", "visite", "2", "2", "appel", "3", "1", "achat",
  };
  const char *series_cells[] = {
    "1", "1200.5", "2", "980.25", "3", "1430", "4", "1010.75", "5", "1250", "6", "990.5",
  };
  g_auto(Table) journeys = { 0 };
  g_auto(Table) series = { 0 };
  g_autoptr(CourantTableRoles) journey_roles = NULL;
  g_autoptr(CourantTableRoles) series_roles = NULL;

  table_init (&journeys, "etapes", journey_names,
              rows_from_cells (journey_cells, G_N_ELEMENTS (journey_cells), 3));
  journey_roles = infer (&journeys);
  assert_role (journey_roles, "id_client", COURANT_ROLE_ENTITY);
  assert_time (journey_roles, "etape", COURANT_TIME_ORDINAL);
  assert_role (journey_roles, "evenement", COURANT_ROLE_EVENT);
  assert_kind (journey_roles, COURANT_TABLE_JOURNEYS);

  table_init (&series, "semestres", series_names,
              rows_from_cells (series_cells, G_N_ELEMENTS (series_cells), 2));
  series_roles = infer (&series);
  assert_time (series_roles, "semestre", COURANT_TIME_ORDINAL);
  assert_role (series_roles, "consommation", COURANT_ROLE_VALUE);
  assert_kind (series_roles, COURANT_TABLE_SERIES);
}

/* A table with one row per entity describes entities; an empty column is
 * nothing; a second time column is nothing but keeps its encoding. */
static void
test_entities_table (void)
{
  const char *names[] = { "customer_id", "signup_date", "last_seen", "power_kva", "empty", NULL };
  const char *cells[] = {
    "1", "2020-01-15", "2025-01-15T10:00:00Z", "6", NULL,
    "2", "2021-03-01", "2025-01-16T11:00:00Z", "9", "",
    "3", "2019-11-20", "2025-01-17T12:00:00Z", "6", "NULL",
    "4", "2022-07-07", "2025-01-18T13:00:00Z", "12", NULL,
  };
  g_auto(Table) table = { 0 };
  g_autoptr(CourantTableRoles) roles = NULL;
  int last_seen;

  table_init (&table, "customers", names, rows_from_cells (cells, G_N_ELEMENTS (cells), 5));
  roles = infer (&table);

  assert_role (roles, "customer_id", COURANT_ROLE_ENTITY);
  g_assert_true (roles->columns[0].unique);
  assert_time (roles, "signup_date", COURANT_TIME_ISO8601);
  assert_role (roles, "last_seen", COURANT_ROLE_NONE);
  last_seen = courant_table_roles_lookup (roles, "last_seen");
  g_assert_cmpint (roles->columns[last_seen].encoding, ==, COURANT_TIME_ISO8601);
  assert_role (roles, "power_kva", COURANT_ROLE_VALUE);
  assert_role (roles, "empty", COURANT_ROLE_NONE);
  assert_kind (roles, COURANT_TABLE_UNKNOWN);
}

static CourantTableRoles *
journeys_roles (void)
{
  const char *names[] = { "client", "ts", "secondes", "action", "canal", "segment", "kwh", NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_auto(Table) table = { 0 };

  for (guint i = 0; i < 20; i++)
    {
      char **row = g_new0 (char *, 7);

      row[0] = g_strdup_printf ("%u", 1 + i / 5);
      row[1] = g_strdup_printf ("%" G_GINT64_FORMAT,
                                G_GINT64_CONSTANT (1736900000000) + (gint64) i * 60000);
      row[2] = g_strdup_printf ("%u", 1736900000 + i * 60);
      row[3] = g_strdup (i % 2 ? "visit" : "call");
      row[4] = g_strdup (i % 3 ? "web" : "shop");
      row[5] = g_strdup (i < 10 ? "a" : "b");
      row[6] = g_strdup_printf ("%.2f", i * 1.5);
      g_ptr_array_add (rows, row);
    }
  table_init (&table, "j", names, rows);

  return infer (&table);
}

static void
test_set (void)
{
  g_autoptr(CourantTableRoles) roles = journeys_roles ();
  g_autoptr(CourantTableRoles) copy = NULL;
  g_autoptr(GError) error = NULL;

  /* A second column of instants is left aside, ready to be the time. */
  assert_time (roles, "ts", COURANT_TIME_UNIX_MILLISECONDS);
  assert_role (roles, "secondes", COURANT_ROLE_NONE);
  assert_kind (roles, COURANT_TABLE_JOURNEYS);
  copy = courant_table_roles_copy (roles);

  /* One time at a time: the former one loses its role. */
  g_assert_true (courant_table_roles_set (roles, "secondes", COURANT_ROLE_TIME, &error));
  g_assert_no_error (error);
  assert_role (roles, "ts", COURANT_ROLE_NONE);
  assert_time (roles, "secondes", COURANT_TIME_UNIX_SECONDS);

  /* Without an event nor a channel, journeys become a series of kWh. */
  g_assert_true (courant_table_roles_set (roles, "action", COURANT_ROLE_ATTRIBUTE, NULL));
  assert_kind (roles, COURANT_TABLE_JOURNEYS);
  g_assert_true (courant_table_roles_set (roles, "canal", COURANT_ROLE_NONE, NULL));
  assert_kind (roles, COURANT_TABLE_SERIES);
  g_assert_true (courant_table_roles_set (roles, "kwh", COURANT_ROLE_NONE, NULL));
  assert_kind (roles, COURANT_TABLE_UNKNOWN);

  /* A number made the time without being an instant is an order. */
  g_assert_true (courant_table_roles_set (roles, "client", COURANT_ROLE_TIME, NULL));
  assert_time (roles, "client", COURANT_TIME_ORDINAL);
  g_assert_true (courant_table_roles_set_encoding (roles, "client",
                                                   COURANT_TIME_UNIX_SECONDS, NULL));
  assert_time (roles, "client", COURANT_TIME_UNIX_SECONDS);

  g_assert_false (courant_table_roles_set (roles, "nope", COURANT_ROLE_EVENT, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (courant_table_roles_set_encoding (roles, "nope", COURANT_TIME_DMY, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The copy did not move. */
  assert_time (copy, "ts", COURANT_TIME_UNIX_MILLISECONDS);
  assert_role (copy, "client", COURANT_ROLE_ENTITY);
  assert_kind (copy, COURANT_TABLE_JOURNEYS);
  g_assert_cmpstr (copy->table, ==, "j");
}

static gboolean
parse_overrides (CourantRoleOverrides *overrides,
                 guint                 mask,
                 const char *const    *args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) strings = g_strdupv ((char **) args);
  int argc = g_strv_length (strings);
  /* Parsing takes options out of the array: the strings are freed from
   * their own copy. */
  g_autofree char **argv = g_memdup2 (strings, (argc + 1) * sizeof (char *));
  g_autoptr(GError) error = NULL;

  courant_role_overrides_add_entries (overrides, context, mask);
  return g_option_context_parse (context, &argc, &argv, &error);
}

static void
test_overrides (void)
{
  const char *args[] = { "flows", "--entity", "segment", "--time", "secondes",
                         "--time-encoding", "unix-seconds", "--event", "canal",
                         "--channel", "action", "--value", "client", "--value", "ts",
                         "--attribute", "kwh", NULL };
  g_auto(CourantRoleOverrides) overrides = { 0 };
  g_autoptr(CourantTableRoles) roles = journeys_roles ();
  g_autoptr(GError) error = NULL;

  g_assert_true (courant_role_overrides_is_empty (&overrides));
  g_assert_true (parse_overrides (&overrides, 0, args));
  g_assert_false (courant_role_overrides_is_empty (&overrides));
  g_assert_true (courant_table_roles_apply_overrides (roles, &overrides, &error));
  g_assert_no_error (error);

  assert_role (roles, "segment", COURANT_ROLE_ENTITY);
  assert_time (roles, "secondes", COURANT_TIME_UNIX_SECONDS);
  assert_role (roles, "canal", COURANT_ROLE_EVENT);
  assert_role (roles, "action", COURANT_ROLE_CHANNEL);
  assert_role (roles, "client", COURANT_ROLE_VALUE);
  assert_role (roles, "ts", COURANT_ROLE_VALUE);
  assert_role (roles, "kwh", COURANT_ROLE_ATTRIBUTE);
  assert_kind (roles, COURANT_TABLE_JOURNEYS);
}

static void
test_overrides_errors (void)
{
  const char *series_only[] = { "series", "--event", "canal", NULL };
  const char *bad_encoding[] = { "series", "--time-encoding", "epoch", NULL };
  const char *bad_column[] = { "series", "--value", "kwh", "--value", "missing", NULL };
  const char *time_encoding[] = { "series", "--time-encoding", "dmy", NULL };
  g_autoptr(CourantTableRoles) roles = journeys_roles ();
  g_autoptr(GError) error = NULL;

  /* A command that takes no event has no --event option. */
  {
    g_auto(CourantRoleOverrides) overrides = { 0 };
    guint mask = 1u << COURANT_ROLE_TIME | 1u << COURANT_ROLE_VALUE | 1u << COURANT_ROLE_ENTITY;

    g_assert_false (parse_overrides (&overrides, mask, series_only));
  }

  {
    g_auto(CourantRoleOverrides) overrides = { 0 };

    g_assert_true (parse_overrides (&overrides, 0, bad_encoding));
    g_assert_false (courant_table_roles_apply_overrides (roles, &overrides, &error));
    g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "epoch"));
    g_clear_error (&error);
  }

  {
    g_auto(CourantRoleOverrides) overrides = { 0 };

    g_assert_true (parse_overrides (&overrides, 0, bad_column));
    g_assert_false (courant_table_roles_apply_overrides (roles, &overrides, &error));
    g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "missing"));
    g_clear_error (&error);
  }

  {
    g_auto(CourantRoleOverrides) overrides = { 0 };

    g_assert_true (parse_overrides (&overrides, 0, time_encoding));
    g_assert_true (courant_table_roles_set (roles, "ts", COURANT_ROLE_VALUE, NULL));
    g_assert_cmpint (courant_table_roles_find (roles, COURANT_ROLE_TIME), ==, -1);
    g_assert_false (courant_table_roles_apply_overrides (roles, &overrides, &error));
    g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
  }
}

/* The demo dataset, read through the SQLite source as the app reads it. */
static void
test_demo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("courant-roles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(GError) error = NULL;
  CourantDemoOptions options;
  struct {
    const char       *table;
    CourantTableKind  kind;
  } kinds[] = {
    { "events", COURANT_TABLE_JOURNEYS },
    { "consumption", COURANT_TABLE_SERIES },
    { "weather", COURANT_TABLE_WEATHER },
    { "production", COURANT_TABLE_SERIES },
    { "customers", COURANT_TABLE_UNKNOWN },
    { "sites", COURANT_TABLE_UNKNOWN },
    { "metadata", COURANT_TABLE_UNKNOWN },
  };

  courant_demo_options_init (&options);
  options.n_customers = 400;
  options.n_sites = 4;
  options.n_days = 20;
  g_assert_true (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  source = courant_source_open (file, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(CourantTableRoles) roles =
        courant_table_roles_infer_source (source, kinds[i].table, NULL, NULL, &error);

      g_assert_no_error (error);
      assert_kind (roles, kinds[i].kind);

      if (g_str_equal (kinds[i].table, "events"))
        {
          assert_role (roles, "customer_id", COURANT_ROLE_ENTITY);
          assert_time (roles, "ts", COURANT_TIME_UNIX_MILLISECONDS);
          assert_role (roles, "event", COURANT_ROLE_EVENT);
          assert_role (roles, "channel", COURANT_ROLE_CHANNEL);
        }
      else if (g_str_equal (kinds[i].table, "consumption"))
        {
          assert_role (roles, "site_id", COURANT_ROLE_ENTITY);
          assert_time (roles, "ts", COURANT_TIME_UNIX_MILLISECONDS);
          assert_role (roles, "kwh", COURANT_ROLE_VALUE);
        }
      else if (g_str_equal (kinds[i].table, "weather"))
        {
          assert_time (roles, "date_heure", COURANT_TIME_ISO8601);
          assert_role (roles, "region", COURANT_ROLE_ATTRIBUTE);
          assert_role (roles, "temperature", COURANT_ROLE_VALUE);
          assert_role (roles, "wind_speed", COURANT_ROLE_VALUE);
          assert_role (roles, "irradiance", COURANT_ROLE_VALUE);
        }
      else if (g_str_equal (kinds[i].table, "production"))
        {
          assert_time (roles, "date_heure", COURANT_TIME_ISO8601);
          for (guint c = 1; c < roles->n_columns; c++)
            g_assert_cmpint (roles->columns[c].role, ==, COURANT_ROLE_VALUE);
        }
      else if (g_str_equal (kinds[i].table, "customers"))
        {
          assert_role (roles, "customer_id", COURANT_ROLE_ENTITY);
          assert_role (roles, "segment", COURANT_ROLE_ATTRIBUTE);
          assert_role (roles, "region", COURANT_ROLE_ATTRIBUTE);
          assert_role (roles, "tariff", COURANT_ROLE_ATTRIBUTE);
          assert_role (roles, "status", COURANT_ROLE_ATTRIBUTE);
        }
    }

  g_assert_null (courant_table_roles_infer_source (source, "nope", NULL, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);

  g_clear_object (&source);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A CSV file exported by a French spreadsheet: BOM, semicolons, decimal
 * commas, DD/MM/YYYY dates. */
static void
test_csv_source (void)
{
  const char *csv =
    "\xef\xbb\xbf" "Date;Heure;Consommation (kWh);Température;PDL\r\n"
    "01/12/2024;00:00;1,25;4,5;14500000000001\r\n"
    "01/12/2024;00:30;1,5;4,25;14500000000001\r\n"
    "01/12/2024;01:00;ND;4;14500000000001\r\n"
    "01/12/2024;01:30;0,75;3,5;14500000000001\r\n"
    "02/12/2024;00:00;2;2,5;14500000000001\r\n"
    "02/12/2024;00:30;1,75;2;14500000000001\r\n";
  g_autofree char *dir = g_dir_make_tmp ("courant-roles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "conso.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantTableRoles) roles = NULL;
  g_autoptr(GError) error = NULL;
  const CourantTableInfo *info;

  g_assert_true (g_file_set_contents (path, csv, -1, &error));
  source = courant_source_open (file, NULL, &error);
  g_assert_no_error (error);
  info = g_ptr_array_index (courant_source_get_tables (source), 0);
  roles = courant_table_roles_infer_source (source, info->name, NULL, NULL, &error);
  g_assert_no_error (error);

  assert_time (roles, "Date", COURANT_TIME_DMY);
  assert_role (roles, "Consommation (kWh)", COURANT_ROLE_VALUE);
  assert_role (roles, "Température", COURANT_ROLE_VALUE);
  assert_role (roles, "PDL", COURANT_ROLE_ENTITY);
  assert_kind (roles, COURANT_TABLE_SERIES);

  g_clear_object (&source);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roles/names", test_names);
  g_test_add_func ("/roles/names-only", test_names_only);
  g_test_add_func ("/roles/french/journeys", test_french_journeys);
  g_test_add_func ("/roles/french/series", test_french_series);
  g_test_add_func ("/roles/french/weather", test_french_weather);
  g_test_add_func ("/roles/english/journeys", test_english_journeys);
  g_test_add_func ("/roles/opaque/journeys", test_opaque_journeys);
  g_test_add_func ("/roles/opaque/series", test_opaque_series);
  g_test_add_func ("/roles/ordinal", test_ordinal);
  g_test_add_func ("/roles/entities-table", test_entities_table);
  g_test_add_func ("/roles/set", test_set);
  g_test_add_func ("/roles/overrides", test_overrides);
  g_test_add_func ("/roles/overrides-errors", test_overrides_errors);
  g_test_add_func ("/roles/demo", test_demo);
  g_test_add_func ("/roles/csv-source", test_csv_source);

  return g_test_run ();
}
