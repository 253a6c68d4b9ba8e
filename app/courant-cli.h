/* courant-cli.h: the commands of courant-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses shared by every command. */
#define COURANT_CLI_EXIT_OK    0
#define COURANT_CLI_EXIT_ERROR 1
#define COURANT_CLI_EXIT_USAGE 2

/* Each command takes its own argv (argv[0] is the command's name). */
int  courant_cli_demo    (int argc, char **argv);
int  courant_cli_inspect (int argc, char **argv);
int  courant_cli_export  (int argc, char **argv);

/* Prints "courant-cli: MESSAGE" on standard error. */
void courant_cli_error   (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Parses a command's options, printing the problem and the usage on error. */
gboolean courant_cli_parse (GOptionContext *context,
                            int            *argc,
                            char         ***argv);

G_END_DECLS
