/* courant-cli-precursors.c: courant-cli precursors SOURCE --outcome EVENT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-cli.h"
#include "courant-precursors.h"

int
courant_cli_precursors (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CourantEventStore) store = NULL;
  g_autoptr(CourantPrecursorsResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *text = NULL;
  CourantCliEvents events = { 0 };
  CourantPrecursorsOptions options;
  gboolean singles_only = FALSE;
  gint64 started;
  int status = COURANT_CLI_EXIT_USAGE;

  courant_precursors_options_init (&options);

  {
    const GOptionEntry entries[] = {
      { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("The outcome event (required)"), "EVENT" },
      { "min-support", 0, 0, G_OPTION_ARG_DOUBLE, &options.min_support, N_("The smallest share of outcome entities (default 0.01)"), "F" },
      { "singles", 0, 0, G_OPTION_ARG_NONE, &singles_only, N_("Rank single events only, not pairs"), NULL },
      { NULL }
    };

    context = g_option_context_new (_("SOURCE — the events that come before an outcome"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    courant_cli_events_add_entries (&events, context);
  }

  if (!courant_cli_parse (context, &argc, &argv))
    goto out;
  if (!courant_cli_check_one_source (argc))
    goto out;
  if (outcome == NULL)
    {
      courant_cli_error (_("Give the outcome event with --outcome."));
      goto out;
    }
  if (options.min_support < 0 || options.min_support > 1)
    {
      courant_cli_error (_("--min-support must be between 0 and 1."));
      goto out;
    }
  if (!courant_cli_events_check (&events))
    goto out;
  options.outcome = outcome;
  options.pairs = !singles_only;

  status = COURANT_CLI_EXIT_ERROR;
  store = courant_cli_events_load (&events, argv[1]);
  if (store == NULL)
    goto out;

  started = g_get_monotonic_time ();
  result = courant_precursors_compute (store, &options, NULL, &error);
  if (result == NULL)
    {
      courant_cli_error ("%s", error->message);
      goto out;
    }
  courant_cli_events_print_timings (&events, courant_cli_elapsed_ms (started));

  if (g_strcmp0 (events.format, "csv") == 0)
    text = courant_precursors_result_to_csv (result);
  else
    text = courant_precursors_result_to_json (result);
  courant_cli_print_text (text);
  status = COURANT_CLI_EXIT_OK;

out:
  courant_cli_events_clear (&events);
  return status;
}
