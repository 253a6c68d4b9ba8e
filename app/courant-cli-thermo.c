/* courant-cli-thermo.c: courant-cli thermo SOURCE --consumption T.C --temperature T.C
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "courant-cli.h"
#include "courant-thermo.h"

static void
print_thermo (const CourantCliSeries *series,
              const CourantThermo    *thermo)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (series->csv)
    {
      g_string_append (out, "temperature,value\n");
      for (gsize i = 0; i < thermo->n; i++)
        {
          courant_cli_append_number (out, thermo->temperatures[i], TRUE);
          g_string_append_c (out, ',');
          courant_cli_append_number (out, thermo->values[i], TRUE);
          g_string_append_c (out, '\n');
        }
      fwrite (out->str, 1, out->len, stdout);
      return;
    }

  g_string_append (out, "{\"baseload\":");
  courant_cli_append_number (out, thermo->baseload, FALSE);
  g_string_append (out, ",\"base_temperature\":");
  courant_cli_append_number (out, thermo->base_temperature, FALSE);
  g_string_append (out, ",\"slope\":");
  courant_cli_append_number (out, thermo->slope, FALSE);
  if (thermo->has_cooling)
    {
      g_string_append (out, ",\"cooling_base_temperature\":");
      courant_cli_append_number (out, thermo->cooling_base, FALSE);
      g_string_append (out, ",\"cooling_slope\":");
      courant_cli_append_number (out, thermo->cooling_slope, FALSE);
    }
  g_string_append (out, ",\"r2\":");
  courant_cli_append_number (out, thermo->r2, FALSE);
  g_string_append (out, ",\"points\":[");
  for (gsize i = 0; i < thermo->n; i++)
    {
      g_string_append (out, i > 0 ? ",[" : "[");
      courant_cli_append_number (out, thermo->temperatures[i], FALSE);
      g_string_append_c (out, ',');
      courant_cli_append_number (out, thermo->values[i], FALSE);
      g_string_append_c (out, ']');
    }
  g_string_append (out, "]}\n");
  fwrite (out->str, 1, out->len, stdout);
}

/* Splits TABLE.COLUMN into @spec; the time and entity columns come from
 * @time, @entity or the demo's names. */
static gboolean
parse_column (CourantCliSeries  *series,
              const char        *option,
              const char        *text,
              const char        *time,
              const char        *entity,
              char             **table_out,
              char             **column_out,
              CourantSeriesSpec *spec)
{
  static const char *const demo[][3] = {
    { "consumption", "ts", "site_id" },
    { "weather", "date_heure", "region" },
    { "production", "date_heure", NULL },
  };
  const char *dot = text != NULL ? strrchr (text, '.') : NULL;

  if (dot == NULL || dot == text || dot[1] == '\0')
    {
      courant_cli_error (_("%s takes TABLE.COLUMN."), option);
      return FALSE;
    }
  *table_out = g_strndup (text, dot - text);
  *column_out = g_strdup (dot + 1);
  spec->table = *table_out;
  spec->value_column = *column_out;
  spec->time_column = time;
  spec->entity_column = entity;
  for (guint i = 0; i < G_N_ELEMENTS (demo); i++)
    if (g_str_equal (*table_out, demo[i][0]))
      {
        if (spec->time_column == NULL)
          spec->time_column = demo[i][1];
        if (spec->entity_column == NULL && time == NULL)
          spec->entity_column = demo[i][2];
      }
  if (spec->time_column == NULL)
    {
      courant_cli_error (_("Give the time column of “%s” with %s-time."), *table_out, option);
      return FALSE;
    }
  return TRUE;
}

int
courant_cli_thermo (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CourantSeriesStore) load = NULL;
  g_autoptr(CourantSeriesStore) weather = NULL;
  g_autoptr(CourantThermo) thermo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *consumption = NULL, *temperature = NULL;
  g_autofree char *consumption_time = NULL, *temperature_time = NULL;
  g_autofree char *consumption_entity = NULL, *temperature_entity = NULL;
  g_autofree char *load_table = NULL, *load_column = NULL, *weather_table = NULL, *weather_column = NULL;
  g_auto(GStrv) load_only = NULL, weather_only = NULL;
  gboolean daily = FALSE, hourly = FALSE, cooling = FALSE;
  CourantCliSeries series = { 0 };
  CourantSeriesSpec load_spec = { 0 }, weather_spec = { 0 };
  int status = COURANT_CLI_EXIT_ERROR;
  double query_ms;
  gint64 start;

  {
    const GOptionEntry entries[] = {
      { "consumption", 0, 0, G_OPTION_ARG_STRING, &consumption, N_("The consumption column"), "TABLE.COLUMN" },
      { "temperature", 0, 0, G_OPTION_ARG_STRING, &temperature, N_("The temperature column"), "TABLE.COLUMN" },
      { "consumption-time", 0, 0, G_OPTION_ARG_STRING, &consumption_time, N_("The time column of the consumption table"), "COLUMN" },
      { "temperature-time", 0, 0, G_OPTION_ARG_STRING, &temperature_time, N_("The time column of the temperature table"), "COLUMN" },
      { "consumption-entity", 0, 0, G_OPTION_ARG_STRING, &consumption_entity, N_("The entity column of the consumption table"), "COLUMN" },
      { "temperature-entity", 0, 0, G_OPTION_ARG_STRING, &temperature_entity, N_("The entity column of the temperature table (e.g. region)"), "COLUMN" },
      { "series", 0, 0, G_OPTION_ARG_STRING_ARRAY, &load_only, N_("Only this consumption series (repeatable)"), "NAME" },
      { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &weather_only, N_("Only this temperature series, e.g. a region (repeatable)"), "NAME" },
      { "daily", 0, 0, G_OPTION_ARG_NONE, &daily, N_("Compare days (default)"), NULL },
      { "hourly", 0, 0, G_OPTION_ARG_NONE, &hourly, N_("Compare hours"), NULL },
      { "cooling", 0, 0, G_OPTION_ARG_NONE, &cooling, N_("Fit a cooling branch too"), NULL },
      { NULL }
    };

    context = g_option_context_new (_("SOURCE — consumption against temperature"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    courant_cli_series_add_entries (&series, context, FALSE);
  }

  if (!courant_cli_parse (context, &argc, &argv) || !courant_cli_series_check (&series, argc))
    goto usage;
  if (daily && hourly)
    {
      courant_cli_error (_("Give --daily or --hourly, not both."));
      goto usage;
    }
  if (consumption == NULL || temperature == NULL)
    {
      courant_cli_error (_("Give --consumption TABLE.COLUMN and --temperature TABLE.COLUMN."));
      goto usage;
    }
  if (!parse_column (&series, "--consumption", consumption, consumption_time, consumption_entity,
                     &load_table, &load_column, &load_spec) ||
      !parse_column (&series, "--temperature", temperature, temperature_time, temperature_entity,
                     &weather_table, &weather_column, &weather_spec))
    goto usage;

  if (!courant_cli_series_open (&series, argv[1]))
    goto out;
  load = courant_cli_series_load (&series, &load_spec);
  if (load == NULL)
    goto out;
  weather = courant_cli_series_load (&series, &weather_spec);
  if (weather == NULL)
    goto out;

  start = g_get_monotonic_time ();
  thermo = courant_thermo_compute (load, (const char *const *) load_only, weather,
                                   (const char *const *) weather_only, hourly, cooling,
                                   series.zone, NULL, &error);
  if (thermo == NULL)
    {
      courant_cli_error ("%s", error->message);
      goto out;
    }
  query_ms = courant_cli_elapsed_ms (start);
  start = g_get_monotonic_time ();
  print_thermo (&series, thermo);
  courant_cli_series_print_timings (&series, query_ms, courant_cli_elapsed_ms (start));
  status = COURANT_CLI_EXIT_OK;
  goto out;

usage:
  status = COURANT_CLI_EXIT_USAGE;
out:
  courant_cli_series_clear (&series);
  return status;
}
