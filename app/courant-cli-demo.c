/* courant-cli-demo.c: courant-cli demo OUT.sqlite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "courant-cli.h"
#include "courant-demo.h"

typedef struct
{
  gboolean    interactive;
  const char *last_stage;
} DemoProgress;

static void
progress_cb (double      fraction,
             const char *stage,
             gpointer    user_data)
{
  DemoProgress *progress = user_data;

  if (!progress->interactive)
    return;

  g_printerr ("\r%-24s %3d %%", stage, (int) (fraction * 100 + 0.5));
  progress->last_stage = stage;
}

static gboolean
check_positive (const char *name,
                int         value)
{
  if (value > 0)
    return TRUE;

  courant_cli_error (_("--%s must be a positive number."), name);
  return FALSE;
}

int
courant_cli_demo (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  CourantDemoOptions options;
  DemoProgress progress = { 0 };
  int customers, sites, days;
  gint64 seed;
  g_autofree char *start = NULL;
  gint64 started;

  courant_demo_options_init (&options);
  customers = options.n_customers;
  sites = options.n_sites;
  days = options.n_days;
  seed = options.seed;

  {
    const GOptionEntry entries[] = {
      { "customers", 0, 0, G_OPTION_ARG_INT, &customers, N_("Number of customers"), "N" },
      { "sites", 0, 0, G_OPTION_ARG_INT, &sites, N_("Number of metered sites"), "N" },
      { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Number of days"), "N" },
      { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the random generator"), "N" },
      { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("First day (YYYY-MM-DD, Europe/Paris)"), "DATE" },
      { NULL }
    };

    context = g_option_context_new (_("OUT.sqlite — write the demo dataset"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  }

  if (!courant_cli_parse (context, &argc, &argv))
    return COURANT_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      courant_cli_error (_("Give exactly one output file."));
      return COURANT_CLI_EXIT_USAGE;
    }

  if (!check_positive ("customers", customers) || !check_positive ("sites", sites) ||
      !check_positive ("days", days))
    return COURANT_CLI_EXIT_USAGE;

  options.n_customers = customers;
  options.n_sites = sites;
  options.n_days = days;
  options.seed = seed;
  if (start != NULL)
    options.start_date = start;

  progress.interactive = isatty (STDERR_FILENO);
  started = g_get_monotonic_time ();

  if (!courant_demo_generate (argv[1], &options, progress_cb, &progress, NULL, &error))
    {
      if (progress.last_stage != NULL)
        g_printerr ("\n");
      courant_cli_error ("%s", error->message);
      return COURANT_CLI_EXIT_ERROR;
    }

  if (progress.last_stage != NULL)
    g_printerr ("\n");
  g_printerr (_("Wrote %s in %.1f s.\n"), argv[1],
              (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return COURANT_CLI_EXIT_OK;
}
