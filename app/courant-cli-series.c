/* courant-cli-series.c: courant-cli series, and the options shared by the
 * commands that read energy series (series, heatmap, thermo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "courant-cli.h"
#include "courant-csv.h"
#include "courant-lod.h"
#include "courant-series-query.h"
#include "courant-time.h"

/* Until column roles are inferred, a table without explicit columns is read
 * with the column names of the demo dataset. */
typedef struct
{
  const char *table;
  const char *time;
  const char *value;
  const char *entity;
} KnownTable;

static const KnownTable known_tables[] = {
  { "consumption", "ts",         "kwh",          "site_id" },
  { "production",  "date_heure", "consommation", NULL },
  { "weather",     "date_heure", "temperature",  "region" },
};

static const KnownTable *
find_known (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_tables); i++)
    if (table != NULL && g_str_equal (table, known_tables[i].table))
      return &known_tables[i];
  return NULL;
}

/* What to read: the columns and the time zone. */
static void
add_source_entries (CourantCliSeries *series,
                    GOptionGroup     *group,
                    gboolean          with_columns)
{
  const GOptionEntry columns[] = {
    { "table", 0, 0, G_OPTION_ARG_STRING, &series->table, N_("The table to read"), "TABLE" },
    { "time", 0, 0, G_OPTION_ARG_STRING, &series->time, N_("The time column"), "COLUMN" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &series->value, N_("The value column"), "COLUMN" },
    { "entity", 0, 0, G_OPTION_ARG_STRING, &series->entity, N_("The column naming each series"), "COLUMN" },
    { NULL }
  };
  const GOptionEntry zone[] = {
    { "tz", 0, 0, G_OPTION_ARG_STRING, &series->tz, N_("Time zone of the dataset (default Europe/Paris)"), "ZONE" },
    { NULL }
  };

  if (with_columns)
    g_option_group_add_entries (group, columns);
  g_option_group_add_entries (group, zone);
}

void
courant_cli_series_add_entries (CourantCliSeries *series,
                                GOptionContext   *context,
                                gboolean          with_columns)
{
  const GOptionEntry none[] = { { NULL } };
  const GOptionEntry output[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &series->format, N_("Output format: json or csv"), "FORMAT" },
    { "timings", 0, 0, G_OPTION_ARG_NONE, &series->timings, N_("Print the time of each phase on standard error"), NULL },
    { NULL }
  };

  /* Adding no entries makes the main group, in our translation domain. */
  g_option_context_add_main_entries (context, none, GETTEXT_PACKAGE);
  add_source_entries (series, g_option_context_get_main_group (context), with_columns);
  g_option_group_add_entries (g_option_context_get_main_group (context), output);
}

GOptionGroup *
courant_cli_series_new_group (CourantCliSeries *series,
                              const char       *name,
                              const char       *description)
{
  GOptionGroup *group = g_option_group_new (name, description, description, NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  add_source_entries (series, group, TRUE);
  return group;
}

gboolean
courant_cli_series_check (CourantCliSeries *series,
                          int               argc)
{
  if (!courant_cli_check_one_source (argc) || !courant_cli_check_format (series->format))
    return FALSE;

  series->zone = courant_cli_new_zone (series->tz);
  if (series->zone == NULL)
    return FALSE;
  series->csv = series->format != NULL && g_str_equal (series->format, "csv");
  return TRUE;
}

gboolean
courant_cli_series_open (CourantCliSeries *series,
                         const char       *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  series->source = courant_source_open (file, NULL, &error);
  series->open_ms = courant_cli_elapsed_ms (start);
  if (series->source == NULL)
    {
      courant_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Fills the columns the user left out, from the demo's names. */
static gboolean
complete_spec (CourantCliSeries  *series,
               CourantSeriesSpec *spec)
{
  const KnownTable *known = NULL;

  spec->table = series->table;
  if (spec->table == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (known_tables) && spec->table == NULL; i++)
      if (courant_source_find_table (series->source, known_tables[i].table) != NULL)
        spec->table = known_tables[i].table;
  known = find_known (spec->table);

  spec->time_column = series->time != NULL ? series->time : known != NULL ? known->time : NULL;
  spec->value_column = series->value != NULL ? series->value : known != NULL ? known->value : NULL;
  spec->entity_column = series->entity;
  if (spec->entity_column == NULL && known != NULL && series->time == NULL && series->value == NULL)
    spec->entity_column = known->entity;

  if (spec->table == NULL || spec->time_column == NULL || spec->value_column == NULL)
    {
      courant_cli_error (_("Give the table and its columns with --table, --time and --value."));
      return FALSE;
    }
  return TRUE;
}

CourantSeriesStore *
courant_cli_series_load (CourantCliSeries  *series,
                         CourantSeriesSpec *spec)
{
  g_autoptr(GError) error = NULL;
  CourantSeriesStore *store;
  gint64 start;

  if (spec->table == NULL && !complete_spec (series, spec))
    return NULL;

  start = g_get_monotonic_time ();
  store = courant_series_store_load (series->source, spec, series->zone, NULL, NULL, NULL, &error);
  series->load_ms += courant_cli_elapsed_ms (start);
  if (store == NULL)
    courant_cli_error ("%s", error->message);
  return store;
}

void
courant_cli_series_print_timings (const CourantCliSeries *series,
                                  double                  query_ms,
                                  double                  write_ms)
{
  if (series->timings)
    g_printerr ("{\"open_ms\":%.1f,\"load_ms\":%.1f,\"query_ms\":%.1f,\"write_ms\":%.1f}\n",
                series->open_ms, series->load_ms, query_ms, write_ms);
}

gboolean
courant_cli_series_parse_agg (const char *text,
                              CourantAgg *agg)
{
  if (text == NULL || courant_agg_parse (text, agg))
    return TRUE;

  courant_cli_error (_("The aggregation must be sum, mean, min, max or count, not “%s”."), text);
  return FALSE;
}

void
courant_cli_series_clear (CourantCliSeries *series)
{
  g_clear_pointer (&series->table, g_free);
  g_clear_pointer (&series->time, g_free);
  g_clear_pointer (&series->value, g_free);
  g_clear_pointer (&series->entity, g_free);
  g_clear_pointer (&series->tz, g_free);
  g_clear_pointer (&series->format, g_free);
  g_clear_pointer (&series->zone, g_time_zone_unref);
  g_clear_object (&series->source);
}

void
courant_cli_append_instant (GString   *out,
                            GTimeZone *tz,
                            gint64     ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000 - (ms % 1000 < 0));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autofree char *text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");

  g_string_append (out, text);
}

void
courant_cli_append_number (GString *out,
                           double   value,
                           gboolean csv)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    g_string_append (out, csv ? "" : "null");
  else
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/* Quotes a CSV field or a JSON string. */
void
courant_cli_append_string (GString    *out,
                           const char *text,
                           gboolean    csv)
{
  if (csv)
    {
      courant_csv_append_field (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Reads "TABLE.COLUMN" from the attribute option: series name → attribute. */
static GHashTable *
load_groups (CourantCliSeries *series,
             const char       *group_by,
             const char       *key)
{
  g_auto(GStrv) parts = g_strsplit (group_by, ".", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(CourantPreview) rows = NULL;
  const CourantTableInfo *info;
  GHashTable *groups;

  if (g_strv_length (parts) != 2)
    {
      courant_cli_error (_("--group-by takes TABLE.COLUMN, not “%s”."), group_by);
      return NULL;
    }
  info = courant_source_find_table (series->source, parts[0]);
  if (info == NULL || courant_table_info_find_column (info, parts[1]) < 0 ||
      courant_table_info_find_column (info, key) < 0)
    {
      courant_cli_error (_("The source has no table “%s” with the columns “%s” and “%s”."),
                         parts[0], key, parts[1]);
      return NULL;
    }

  /* Attribute tables are small (one row per entity): a preview of all rows. */
  rows = courant_source_preview (series->source, parts[0], G_MAXINT32, NULL, &error);
  if (rows == NULL)
    {
      courant_cli_error ("%s", error->message);
      return NULL;
    }
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint r = 0; r < rows->rows->len; r++)
    {
      const char *k = courant_preview_get (rows, r, courant_table_info_find_column (info, key));
      const char *v = courant_preview_get (rows, r, courant_table_info_find_column (info, parts[1]));

      if (k != NULL && v != NULL)
        g_hash_table_insert (groups, g_strdup (k), g_strdup (v));
    }
  return groups;
}

static gboolean
parse_instant (const char *text,
               GTimeZone  *tz,
               gint64     *out_ms)
{
  if (text == NULL)
    return TRUE;
  if (courant_time_parse_text (text, -1, COURANT_TIME_UNKNOWN, tz, out_ms))
    return TRUE;
  courant_cli_error (_("“%s” is not a date or time."), text);
  return FALSE;
}

static void
print_result (CourantCliSeries          *series,
              const CourantSeriesResult *result,
              CourantBucket              bucket)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (series->csv)
    g_string_append (out, "series,start,value\n");
  else
    g_string_append_printf (out, "{\"timezone\":\"%s\",\"bucket\":\"%s\",\"series\":[",
                            g_time_zone_get_identifier (series->zone), courant_bucket_to_string (bucket));

  for (guint s = 0; s < result->series->len; s++)
    {
      const CourantSeriesResultSeries *one = g_ptr_array_index (result->series, s);

      if (!series->csv)
        {
          g_string_append (out, s > 0 ? ",\n{\"name\":" : "\n{\"name\":");
          courant_cli_append_string (out, one->name, FALSE);
          g_string_append (out, ",\"points\":[");
        }
      for (gsize i = 0; i < one->n; i++)
        {
          if (series->csv)
            {
              courant_cli_append_string (out, one->name, TRUE);
              g_string_append_c (out, ',');
            }
          else
            g_string_append (out, i > 0 ? ",[\"" : "[\"");
          courant_cli_append_instant (out, series->zone, one->starts[i]);
          g_string_append (out, series->csv ? "," : "\",");
          courant_cli_append_number (out, one->values[i], series->csv);
          g_string_append (out, series->csv ? "\n" : "]");
        }
      if (!series->csv)
        g_string_append (out, "]}");
    }
  if (!series->csv)
    g_string_append (out, "]}\n");
  fwrite (out->str, 1, out->len, stdout);
}

/* M4 shape: {"timezone","bucket":"m4","from","to","pixels","series":[{"name",
 * "columns":[[pixel start, first, min, max, last, count], ...]}]}, one column
 * per pixel, null values where a pixel has no reading. */
static void
print_m4 (CourantCliSeries   *series,
          CourantSeriesStore *store,
          const char *const  *only,
          gint64              t0,
          gint64              t1,
          guint               pixels)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree CourantM4 *columns = g_new (CourantM4, pixels);
  gboolean first_series = TRUE;

  if (series->csv)
    g_string_append (out, "series,start,first,min,max,last,count\n");
  else
    {
      g_string_append_printf (out, "{\"timezone\":\"%s\",\"bucket\":\"m4\",\"from\":\"",
                              g_time_zone_get_identifier (series->zone));
      courant_cli_append_instant (out, series->zone, t0);
      g_string_append (out, "\",\"to\":\"");
      courant_cli_append_instant (out, series->zone, t1);
      g_string_append_printf (out, "\",\"pixels\":%u,\"series\":[", pixels);
    }

  for (guint s = 0; s < courant_series_store_get_n_series (store); s++)
    {
      const CourantSeries *one = courant_series_store_get_series (store, s);

      if (only != NULL && !g_strv_contains (only, one->name))
        continue;
      courant_lod_m4 (one->lod, one->times, one->values, one->n, t0, t1, pixels, columns);
      if (!series->csv)
        {
          g_string_append (out, first_series ? "\n{\"name\":" : ",\n{\"name\":");
          courant_cli_append_string (out, one->name, FALSE);
          g_string_append (out, ",\"columns\":[");
        }
      first_series = FALSE;
      for (guint p = 0; p < pixels; p++)
        {
          gint64 start = t0 + (gint64) ((t1 - t0) * (double) p / pixels);
          const double values[] = { columns[p].first, columns[p].min, columns[p].max, columns[p].last };

          if (series->csv)
            {
              courant_cli_append_string (out, one->name, TRUE);
              g_string_append_c (out, ',');
            }
          else
            g_string_append (out, p > 0 ? ",[\"" : "[\"");
          courant_cli_append_instant (out, series->zone, start);
          g_string_append (out, series->csv ? "" : "\"");
          for (guint k = 0; k < G_N_ELEMENTS (values); k++)
            {
              g_string_append_c (out, ',');
              courant_cli_append_number (out, values[k], series->csv);
            }
          g_string_append_printf (out, ",%u%s", columns[p].count, series->csv ? "\n" : "]");
        }
      if (!series->csv)
        g_string_append (out, "]}");
    }
  if (!series->csv)
    g_string_append (out, "]}\n");
  fwrite (out->str, 1, out->len, stdout);
}

int
courant_cli_series (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CourantSeriesStore) store = NULL;
  g_autoptr(CourantSeriesResult) result = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bucket = NULL, *agg = NULL, *combine = NULL, *from = NULL, *to = NULL;
  g_autofree char *group_by = NULL, *group_key = NULL;
  g_auto(GStrv) only = NULL;
  CourantCliSeries series = { 0 };
  CourantSeriesQuery query = COURANT_SERIES_QUERY_INIT;
  CourantSeriesSpec spec = { 0 };
  int pixels = 0, status = COURANT_CLI_EXIT_ERROR;
  double query_ms;
  gint64 start;

  {
    const GOptionEntry entries[] = {
      { "bucket", 0, 0, G_OPTION_ARG_STRING, &bucket, N_("raw, 15min, 30min, 1h, 1d (default), 1w or 1M"), "B" },
      { "agg", 0, 0, G_OPTION_ARG_STRING, &agg, N_("sum (default), mean, min, max or count"), "A" },
      { "combine", 0, 0, G_OPTION_ARG_STRING, &combine,
        N_("per-series (default), pool (all readings together), sum or mean over series"), "HOW" },
      { "series", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only, N_("Only this series (repeatable)"), "NAME" },
      { "group-by", 0, 0, G_OPTION_ARG_STRING, &group_by, N_("Group series by an attribute, e.g. sites.region"), "TABLE.COLUMN" },
      { "group-key", 0, 0, G_OPTION_ARG_STRING, &group_key, N_("The column of the attribute table naming the series (default: the entity column)"), "COLUMN" },
      { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Start (ISO 8601, inclusive)"), "ISO" },
      { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("End (ISO 8601, exclusive)"), "ISO" },
      { "pixels", 0, 0, G_OPTION_ARG_INT, &pixels, N_("M4 columns for a chart this many pixels wide"), "N" },
      { NULL }
    };

    context = g_option_context_new (_("SOURCE — bucketed and aggregated series"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    courant_cli_series_add_entries (&series, context, TRUE);
  }

  if (!courant_cli_parse (context, &argc, &argv) || !courant_cli_series_check (&series, argc))
    goto usage;
  if (bucket != NULL && !courant_bucket_parse (bucket, &query.bucket))
    {
      courant_cli_error (_("The bucket must be raw, 15min, 30min, 1h, 1d, 1w or 1M, not “%s”."), bucket);
      goto usage;
    }
  if (bucket == NULL)
    query.bucket = COURANT_BUCKET_1D;
  if (!courant_cli_series_parse_agg (agg, &query.agg))
    goto usage;
  if (combine == NULL || g_str_equal (combine, "per-series"))
    query.combine = group_by != NULL ? COURANT_COMBINE_POOL : COURANT_COMBINE_PER_SERIES;
  else if (g_str_equal (combine, "pool"))
    query.combine = COURANT_COMBINE_POOL;
  else if (g_str_equal (combine, "sum"))
    query.combine = COURANT_COMBINE_SUM;
  else if (g_str_equal (combine, "mean"))
    query.combine = COURANT_COMBINE_MEAN;
  else
    {
      courant_cli_error (_("--combine must be per-series, pool, sum or mean, not “%s”."), combine);
      goto usage;
    }
  if (pixels < 0 || pixels > 100000)
    {
      courant_cli_error (_("--pixels must be between 1 and 100000."));
      goto usage;
    }
  if (!parse_instant (from, series.zone, &query.from_ms) || !parse_instant (to, series.zone, &query.to_ms))
    goto usage;

  if (!courant_cli_series_open (&series, argv[1]))
    goto out;
  store = courant_cli_series_load (&series, &spec);
  if (store == NULL)
    goto out;
  if (group_by != NULL)
    {
      const char *key = group_key != NULL ? group_key : spec.entity_column;

      if (key == NULL)
        {
          courant_cli_error (_("--group-by needs an entity column (--entity)."));
          goto out;
        }
      groups = load_groups (&series, group_by, key);
      if (groups == NULL)
        goto out;
      query.groups = groups;
    }
  query.only = (const char *const *) only;

  /* The M4 columns are computed while they are written: query_ms is then 0. */
  start = g_get_monotonic_time ();
  if (pixels == 0)
    {
      result = courant_series_query_run (store, &query, series.zone, NULL, &error);
      if (result == NULL)
        {
          courant_cli_error ("%s", error->message);
          goto out;
        }
    }
  query_ms = courant_cli_elapsed_ms (start);
  start = g_get_monotonic_time ();
  if (pixels > 0)
    {
      gint64 lo, hi;

      if (!courant_series_store_get_range (store, &lo, &hi))
        lo = hi = 0;
      print_m4 (&series, store, query.only, from != NULL ? query.from_ms : lo,
                to != NULL ? query.to_ms : hi + 1, (guint) pixels);
    }
  else
    print_result (&series, result, query.bucket);
  courant_cli_series_print_timings (&series, query_ms, courant_cli_elapsed_ms (start));
  status = COURANT_CLI_EXIT_OK;
  goto out;

usage:
  status = COURANT_CLI_EXIT_USAGE;
out:
  courant_cli_series_clear (&series);
  return status;
}
