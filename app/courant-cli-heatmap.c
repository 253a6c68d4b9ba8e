/* courant-cli-heatmap.c: courant-cli heatmap SOURCE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "courant-cli.h"
#include "courant-heatmap.h"

static void
print_heatmap (const CourantCliSeries *series,
               const CourantHeatmap   *heatmap)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (series->csv)
    g_string_append (out, heatmap->is_profile ? "weekday,slot,value,count\n" : "day,slot,value,count\n");
  else
    g_string_append_printf (out, "{\"timezone\":\"%s\",\"slot_minutes\":%u,\"rows\":[",
                            g_time_zone_get_identifier (series->zone), heatmap->slot_minutes);

  for (guint r = 0; r < heatmap->n_rows; r++)
    {
      g_autofree char *label = courant_heatmap_row_label (heatmap, r);
      const double *values = heatmap->values + (gsize) r * heatmap->n_slots;
      const guint32 *counts = heatmap->counts + (gsize) r * heatmap->n_slots;

      if (series->csv)
        {
          for (guint s = 0; s < heatmap->n_slots; s++)
            {
              guint minutes = s * heatmap->slot_minutes;

              g_string_append_printf (out, "%s,%02u:%02u,", label, minutes / 60, minutes % 60);
              courant_cli_append_number (out, values[s], TRUE);
              g_string_append_printf (out, ",%u\n", counts[s]);
            }
          continue;
        }

      g_string_append_printf (out, "%s\n{\"%s\":\"%s\",\"values\":[", r > 0 ? "," : "",
                              heatmap->is_profile ? "weekday" : "day", label);
      for (guint s = 0; s < heatmap->n_slots; s++)
        {
          if (s > 0)
            g_string_append_c (out, ',');
          courant_cli_append_number (out, values[s], FALSE);
        }
      g_string_append (out, "],\"counts\":[");
      for (guint s = 0; s < heatmap->n_slots; s++)
        g_string_append_printf (out, s > 0 ? ",%u" : "%u", counts[s]);
      g_string_append (out, "]}");
    }
  if (!series->csv)
    g_string_append (out, "]}\n");
  fwrite (out->str, 1, out->len, stdout);
}

int
courant_cli_heatmap (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CourantSeriesStore) store = NULL;
  g_autoptr(CourantHeatmap) heatmap = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slot = NULL, *agg = NULL;
  g_auto(GStrv) only = NULL;
  CourantCliSeries series = { 0 };
  CourantSeriesSpec spec = { 0 };
  CourantAgg aggregation = COURANT_AGG_MEAN;
  gboolean weekdays = FALSE;
  int status = COURANT_CLI_EXIT_ERROR;
  guint slot_minutes = 30;
  double query_ms;
  gint64 start;

  {
    const GOptionEntry entries[] = {
      { "slot", 0, 0, G_OPTION_ARG_STRING, &slot, N_("15min, 30min (default) or 1h"), "SLOT" },
      { "agg", 0, 0, G_OPTION_ARG_STRING, &agg, N_("sum, mean (default), min, max or count"), "A" },
      { "series", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only, N_("Only this series (repeatable)"), "NAME" },
      { "weekdays", 0, 0, G_OPTION_ARG_NONE, &weekdays, N_("One row per day of the week instead of per day"), NULL },
      { NULL }
    };

    context = g_option_context_new (_("SOURCE — local day × slot of the day"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    courant_cli_series_add_entries (&series, context, TRUE);
  }

  if (!courant_cli_parse (context, &argc, &argv) || !courant_cli_series_check (&series, argc))
    goto usage;
  if (slot != NULL)
    {
      if (g_str_equal (slot, "15min"))
        slot_minutes = 15;
      else if (g_str_equal (slot, "30min"))
        slot_minutes = 30;
      else if (g_str_equal (slot, "1h"))
        slot_minutes = 60;
      else
        {
          courant_cli_error (_("The slot must be 15min, 30min or 1h, not “%s”."), slot);
          goto usage;
        }
    }
  if (!courant_cli_series_parse_agg (agg, &aggregation))
    goto usage;

  if (!courant_cli_series_open (&series, argv[1]))
    goto out;
  store = courant_cli_series_load (&series, &spec);
  if (store == NULL)
    goto out;

  start = g_get_monotonic_time ();
  heatmap = courant_heatmap_compute (store, (const char *const *) only, slot_minutes, aggregation,
                                     series.zone, NULL, &error);
  if (heatmap == NULL)
    {
      courant_cli_error ("%s", error->message);
      goto out;
    }
  if (weekdays)
    {
      CourantHeatmap *profile = courant_heatmap_weekday_profile (heatmap);

      courant_heatmap_free (heatmap);
      heatmap = profile;
    }
  query_ms = courant_cli_elapsed_ms (start);
  start = g_get_monotonic_time ();
  print_heatmap (&series, heatmap);
  courant_cli_series_print_timings (&series, query_ms, courant_cli_elapsed_ms (start));
  status = COURANT_CLI_EXIT_OK;
  goto out;

usage:
  status = COURANT_CLI_EXIT_USAGE;
out:
  courant_cli_series_clear (&series);
  return status;
}
