/* courant-cli-flows.c: courant-cli flows SOURCE, and the journey options it
 * shares with courant-cli precursors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "courant-cli.h"
#include "courant-flows.h"
#include "courant-cli-export.h"

void
courant_cli_events_add_entries (CourantCliEvents *events,
                                GOptionContext   *context)
{
  const GOptionEntry entries[] = {
    { "table", 0, 0, G_OPTION_ARG_STRING, &events->table, N_("The table of events"), "TABLE" },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &events->tz, N_("The time zone of the data (default Europe/Paris)"), "ZONE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &events->format, N_("Output format: json or csv"), "FORMAT" },
    { "timings", 0, 0, G_OPTION_ARG_NONE, &events->timings, N_("Print the time of each phase on standard error"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  courant_role_overrides_add_entries (&events->overrides, context,
                                      1 << COURANT_ROLE_ENTITY | 1 << COURANT_ROLE_TIME |
                                      1 << COURANT_ROLE_EVENT | 1 << COURANT_ROLE_CHANNEL |
                                      1 << COURANT_ROLE_WEIGHT);
}

gboolean
courant_cli_events_check (CourantCliEvents *events)
{
  if (!courant_cli_check_format (events->format))
    return FALSE;

  events->zone = courant_cli_new_zone (events->tz);
  return events->zone != NULL;
}

static CourantTableRoles *
table_roles (CourantCliEvents  *events,
             CourantSource     *source,
             const char        *table,
             GError           **error)
{
  g_autoptr(CourantTableRoles) roles = NULL;

  roles = courant_table_roles_infer_source (source, table, events->zone, NULL, error);
  if (roles == NULL || !courant_table_roles_apply_overrides (roles, &events->overrides, error))
    return NULL;
  return g_steal_pointer (&roles);
}

/* The roles of the table given, or of the first table that looks like
 * journeys once the overrides are applied. */
static CourantTableRoles *
find_journeys (CourantCliEvents  *events,
               CourantSource     *source,
               GError           **error)
{
  GPtrArray *tables = courant_source_get_tables (source);

  if (events->table != NULL)
    {
      if (courant_source_find_table (source, events->table) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no table “%s”."), events->table);
          return NULL;
        }
      return table_roles (events, source, events->table, error);
    }

  /* A column named on the command line that no table has is the problem
   * to report, rather than the absence of journeys. */
  {
    g_autoptr(GError) first_error = NULL;

    for (guint i = 0; i < tables->len; i++)
      {
        const CourantTableInfo *table = g_ptr_array_index (tables, i);
        g_autoptr(GError) table_error = NULL;
        g_autoptr(CourantTableRoles) roles = table_roles (events, source, table->name, &table_error);

        if (roles != NULL && roles->kind == COURANT_TABLE_JOURNEYS)
          return g_steal_pointer (&roles);
        if (first_error == NULL)
          first_error = g_steal_pointer (&table_error);
      }

    if (first_error != NULL && !courant_role_overrides_is_empty (&events->overrides))
      g_propagate_error (error, g_steal_pointer (&first_error));
    else
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No table looks like journeys; give --table, --entity, --time and --event."));
  }
  return NULL;
}

static gboolean
columns_from_roles (const CourantTableRoles  *roles,
                    CourantEventColumns      *columns,
                    GError                  **error)
{
  static const struct { CourantRole role; const char *option; } required[] = {
    { COURANT_ROLE_ENTITY, "--entity" }, { COURANT_ROLE_TIME, "--time" }, { COURANT_ROLE_EVENT, "--event" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (courant_table_roles_get_column (roles, required[i].role) == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("No column of the table “%s” looks like the %s; name it with %s."),
                     roles->table, courant_role_to_string (required[i].role), required[i].option);
        return FALSE;
      }

  columns->entity = courant_table_roles_get_column (roles, COURANT_ROLE_ENTITY);
  columns->time = courant_table_roles_get_column (roles, COURANT_ROLE_TIME);
  columns->event = courant_table_roles_get_column (roles, COURANT_ROLE_EVENT);
  columns->channel = courant_table_roles_get_column (roles, COURANT_ROLE_CHANNEL);
  columns->weight = courant_table_roles_get_column (roles, COURANT_ROLE_WEIGHT);
  columns->time_encoding = roles->columns[courant_table_roles_find (roles, COURANT_ROLE_TIME)].encoding;
  return TRUE;
}

CourantEventStore *
courant_cli_events_load (CourantCliEvents *events,
                         const char       *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(CourantTableRoles) roles = NULL;
  g_autoptr(GError) error = NULL;
  CourantEventStore *store;
  CourantEventColumns columns = { 0 };
  gint64 started = g_get_monotonic_time ();

  source = courant_source_open (file, NULL, &error);
  events->open_ms = courant_cli_elapsed_ms (started);
  if (source == NULL)
    {
      courant_cli_error ("%s", error->message);
      return NULL;
    }

  started = g_get_monotonic_time ();
  roles = find_journeys (events, source, &error);
  if (roles == NULL || !columns_from_roles (roles, &columns, &error))
    {
      courant_cli_error ("%s", error->message);
      return NULL;
    }
  columns.tz = events->zone;

  store = courant_event_store_load (source, roles->table, &columns, NULL, NULL, NULL, &error);
  events->load_ms = courant_cli_elapsed_ms (started);
  if (store == NULL)
    courant_cli_error ("%s", error->message);
  return store;
}

void
courant_cli_events_print_timings (const CourantCliEvents *events,
                                  double                  query_ms)
{
  if (events->timings)
    g_printerr ("{\"open_ms\": %.1f, \"load_ms\": %.1f, \"query_ms\": %.1f}\n",
                events->open_ms, events->load_ms, query_ms);
}

void
courant_cli_events_clear (CourantCliEvents *events)
{
  g_free (events->table);
  courant_role_overrides_clear (&events->overrides);
  g_free (events->tz);
  g_free (events->format);
  g_clear_pointer (&events->zone, g_time_zone_unref);
}

/* DURATION: a whole number and a unit, as in 90s, 30min, 12h or 30d. */
static gboolean
parse_duration (const char *text,
                gint64     *out_ms)
{
  static const struct { const char *unit; gint64 ms; } units[] = {
    { "ms", 1 }, { "s", 1000 }, { "min", 60000 }, { "h", 3600000 },
    { "d", 86400000 }, { "w", 604800000 },
  };
  char *end = NULL;
  guint64 number;

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  number = g_ascii_strtoull (text, &end, 10);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (end, units[i].unit) && number <= (guint64) G_MAXINT64 / units[i].ms)
      {
        *out_ms = number * units[i].ms;
        return number > 0;
      }
  return FALSE;
}

void
courant_cli_flows_add_entries (CourantCliFlows *arguments,
                               GOptionGroup    *group)
{
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &arguments->by, N_("Label the nodes by event, channel or both"), "LABEL" },
    { "start-with", 0, 0, G_OPTION_ARG_STRING, &arguments->start_with, N_("Start the journeys at this event"), "EVENT" },
    { "end-with", 0, 0, G_OPTION_ARG_STRING, &arguments->end_with, N_("End the journeys at this event"), "EVENT" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &arguments->steps, N_("The number of steps (default 5)"), "N" },
    { "collapse-repeats", 0, 0, G_OPTION_ARG_NONE, &arguments->collapse_repeats, N_("Count consecutive repeats once"), NULL },
    { "hide", 0, 0, G_OPTION_ARG_STRING_ARRAY, &arguments->hide, N_("Ignore this event (repeatable)"), "EVENT" },
    { "max-gap", 0, 0, G_OPTION_ARG_STRING, &arguments->max_gap, N_("End a journey after a longer pause"), "DURATION" },
    { "top", 0, 0, G_OPTION_ARG_INT, &arguments->top, N_("Keep the N largest labels of each step"), "N" },
    { "min-share", 0, 0, G_OPTION_ARG_DOUBLE, &arguments->min_share, N_("Group labels under this share of their step"), "F" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &arguments->from, N_("Only the events from this day on, in the data’s time zone"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &arguments->to, N_("Only the events up to this day, included"), "YYYY-MM-DD" },
    { NULL }
  };

  g_option_group_add_entries (group, entries);
}

void
courant_cli_flows_clear (CourantCliFlows *arguments)
{
  g_free (arguments->by);
  g_free (arguments->start_with);
  g_free (arguments->end_with);
  g_strfreev (arguments->hide);
  g_free (arguments->max_gap);
  g_free (arguments->from);
  g_free (arguments->to);
}

/* DATE: YYYY-MM-DD, a day of the calendar. */
static gboolean
parse_day (const char *text,
           GDate      *day)
{
  guint year, month, date;
  char end;

  g_date_clear (day, 1);
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &date, &end) != 3 ||
      strlen (text) != 10 ||
      !g_date_valid_dmy (date, month, year))
    return FALSE;
  g_date_set_dmy (day, date, month, year);
  return TRUE;
}

/* [time_from, time_to) from --from and --to: the local days in @zone,
 * both included; a missing one leaves its side open. */
static gboolean
get_days (const CourantCliFlows *arguments,
          GTimeZone             *zone,
          CourantFlowsOptions   *options)
{
  const char *texts[2] = { arguments->from, arguments->to };
  GDate days[2];
  gint64 from, to;

  for (guint i = 0; i < 2; i++)
    if (texts[i] != NULL && !parse_day (texts[i], &days[i]))
      {
        courant_cli_error (_("“%s” is not a day such as 2026-11-29."), texts[i]);
        return FALSE;
      }
  if (texts[0] != NULL && texts[1] != NULL && g_date_compare (&days[0], &days[1]) > 0)
    {
      courant_cli_error (_("--from must not come after --to."));
      return FALSE;
    }
  if (texts[0] != NULL)
    {
      courant_flows_days_to_range (&days[0], &days[0], zone, &from, &to);
      options->time_from = from;
    }
  if (texts[1] != NULL)
    {
      courant_flows_days_to_range (&days[1], &days[1], zone, &from, &to);
      options->time_to = to;
    }
  return TRUE;
}

gboolean
courant_cli_flows_get_options (const CourantCliFlows *arguments,
                               GTimeZone             *zone,
                               CourantFlowsOptions   *options)
{
  g_return_val_if_fail (zone != NULL, FALSE);

  courant_flows_options_init (options);

  if (arguments->by == NULL || g_str_equal (arguments->by, "event"))
    options->label = COURANT_FLOWS_BY_EVENT;
  else if (g_str_equal (arguments->by, "channel"))
    options->label = COURANT_FLOWS_BY_CHANNEL;
  else if (g_str_equal (arguments->by, "both"))
    options->label = COURANT_FLOWS_BY_BOTH;
  else
    {
      courant_cli_error (_("--by must be event, channel or both, not “%s”."), arguments->by);
      return FALSE;
    }

  if (arguments->start_with != NULL && arguments->end_with != NULL)
    {
      courant_cli_error (_("Give --start-with or --end-with, not both."));
      return FALSE;
    }
  if (arguments->start_with != NULL)
    {
      options->anchor = COURANT_FLOWS_ANCHOR_START;
      options->anchor_event = arguments->start_with;
    }
  if (arguments->end_with != NULL)
    {
      options->anchor = COURANT_FLOWS_ANCHOR_END;
      options->anchor_event = arguments->end_with;
    }

  if (arguments->steps < 1 || arguments->steps > 1024)
    {
      courant_cli_error (_("--steps must be between 1 and 1024."));
      return FALSE;
    }
  options->n_steps = arguments->steps;
  options->collapse_repeats = arguments->collapse_repeats;
  options->hidden_events = (const char *const *) arguments->hide;

  if (arguments->max_gap != NULL && !parse_duration (arguments->max_gap, &options->max_gap_ms))
    {
      courant_cli_error (_("“%s” is not a duration such as 90s, 30min, 12h or 30d."),
                         arguments->max_gap);
      return FALSE;
    }
  if (arguments->top < 0)
    {
      courant_cli_error (_("--top must not be negative."));
      return FALSE;
    }
  options->top_n = arguments->top;
  if (arguments->min_share < 0 || arguments->min_share > 1)
    {
      courant_cli_error (_("--min-share must be between 0 and 1."));
      return FALSE;
    }
  options->min_share = arguments->min_share;
  return get_days (arguments, zone, options);
}

int
courant_cli_flows (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(CourantFlowsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CourantCliEvents events = { 0 };
  CourantCliFlows arguments = { .steps = 5 };
  CourantFlowsOptions options;
  gboolean layout = FALSE;
  int width = 1920, height = 1000;
  gint64 started;
  int status = COURANT_CLI_EXIT_USAGE;

  {
    const GOptionEntry entries[] = {
      { "layout", 0, 0, G_OPTION_ARG_NONE, &layout, N_("Print the Sankey layout (JSON) instead of the flows"), NULL },
      { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width of the layout in pixels (default 1920)"), "W" },
      { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height of the layout in pixels (default 1000)"), "H" },
      { NULL }
    };

    context = g_option_context_new (_("SOURCE — the flows of journeys, step by step"));
    /* The flows entries go to the main group, which must exist first. */
    g_option_context_set_main_group (context, g_option_group_new (NULL, NULL, NULL, NULL, NULL));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    courant_cli_flows_add_entries (&arguments, g_option_context_get_main_group (context));
    courant_cli_events_add_entries (&events, context);
  }

  if (!courant_cli_parse (context, &argc, &argv))
    goto out;
  if (!courant_cli_check_one_source (argc))
    goto out;
  if (!courant_cli_events_check (&events) ||
      !courant_cli_flows_get_options (&arguments, events.zone, &options))
    goto out;
  if (layout && (width < 16 || height < 16 || width > 20000 || height > 20000))
    {
      courant_cli_error (_("The width and height must be between 16 and 20,000 pixels."));
      goto out;
    }

  status = COURANT_CLI_EXIT_ERROR;
  store = courant_cli_events_load (&events, argv[1]);
  if (store == NULL)
    goto out;

  started = g_get_monotonic_time ();
  result = courant_flows_compute (store, &options, NULL, &error);
  if (result == NULL)
    {
      courant_cli_error ("%s", error->message);
      goto out;
    }
  courant_cli_events_print_timings (&events, courant_cli_elapsed_ms (started));

  if (layout)
    text = courant_cli_sankey_layout_json (result, width, height);
  else if (g_strcmp0 (events.format, "csv") == 0)
    text = courant_flows_result_to_csv (result);
  else
    text = courant_flows_result_to_json (result);
  courant_cli_print_text (text);
  status = COURANT_CLI_EXIT_OK;

out:
  courant_cli_flows_clear (&arguments);
  courant_cli_events_clear (&events);
  return status;
}
