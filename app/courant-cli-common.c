/* courant-cli-common.c: what every courant-cli command does alike
 *
 * Parsing the options, checking the source argument, the output format and
 * the time zone, timing a phase and printing a result: each command words
 * its problems and writes its output the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "courant-cli.h"

void
courant_cli_error (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("courant-cli: %s\n", message);
}

gboolean
courant_cli_parse (GOptionContext   *context,
                   int              *argc,
                   char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;

  courant_cli_error ("%s", error->message);
  g_printerr (_("Run “%s --help” for the list of options.\n"), (*argv)[0]);
  return FALSE;
}

gboolean
courant_cli_check_one_source (int argc)
{
  if (argc == 2)
    return TRUE;

  courant_cli_error (_("Give exactly one source file."));
  return FALSE;
}

gboolean
courant_cli_check_format (const char *format)
{
  if (format == NULL || g_str_equal (format, "json") || g_str_equal (format, "csv"))
    return TRUE;

  courant_cli_error (_("The format must be json or csv, not “%s”."), format);
  return FALSE;
}

GTimeZone *
courant_cli_new_zone (const char *tz)
{
  GTimeZone *zone = g_time_zone_new_identifier (tz != NULL ? tz : "Europe/Paris");

  if (zone == NULL)
    courant_cli_error (_("“%s” is not a time zone."), tz);
  return zone;
}

double
courant_cli_elapsed_ms (gint64 since_us)
{
  return (g_get_monotonic_time () - since_us) / 1000.0;
}

void
courant_cli_print_text (const char *text)
{
  fputs (text, stdout);
  if (!g_str_has_suffix (text, "\n"))
    fputc ('\n', stdout);
}
