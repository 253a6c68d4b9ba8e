/* main.c: the courant program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "courant-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(CourantApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* `meson devenv` points at the translations of the build tree, so that
   * the uninstalled program speaks the user's language too. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COURANT_LOCALEDIR") != NULL ? g_getenv ("COURANT_LOCALEDIR")
                                                                          : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = courant_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
