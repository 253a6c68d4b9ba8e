/* courant-cli.c: the headless companion of Courant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "courant-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "demo",    courant_cli_demo,    N_("Write the demo dataset to a SQLite file") },
  { "inspect", courant_cli_inspect, N_("List the tables of a source and their columns") },
  { "export",  courant_cli_export,  N_("Draw a chart to a PNG, SVG or PDF file") },
  { "flows",   courant_cli_flows,   N_("Compute the flows of journeys, step by step") },
  { "precursors", courant_cli_precursors, N_("Rank the events that come before an outcome") },
  { "series",  courant_cli_series,  N_("Bucket and aggregate energy series, or reduce them to M4 columns") },
  { "heatmap", courant_cli_heatmap, N_("Aggregate a series by local day and slot of the day") },
  { "thermo",  courant_cli_thermo,  N_("Fit consumption against temperature (thermosensitivity)") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: courant-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “courant-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* `meson devenv` points at the translations of the build tree, so that
   * the uninstalled program speaks the user's language too. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COURANT_LOCALEDIR") != NULL ? g_getenv ("COURANT_LOCALEDIR")
                                                                          : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return COURANT_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return COURANT_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("courant-cli %s\n", PACKAGE_VERSION);
      return COURANT_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  courant_cli_error (_("“%s” is not a command."), argv[1]);
  print_usage (stderr);
  return COURANT_CLI_EXIT_USAGE;
}
