/* courant-cli.h: the commands of courant-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "courant-event-store.h"

G_BEGIN_DECLS

/* Exit statuses shared by every command. */
#define COURANT_CLI_EXIT_OK    0
#define COURANT_CLI_EXIT_ERROR 1
#define COURANT_CLI_EXIT_USAGE 2

/* Each command takes its own argv (argv[0] is the command's name). */
int  courant_cli_demo    (int argc, char **argv);
int  courant_cli_inspect (int argc, char **argv);
int  courant_cli_export  (int argc, char **argv);
int  courant_cli_flows   (int argc, char **argv);
int  courant_cli_precursors (int argc, char **argv);

/* The options shared by the commands that read journeys. */
typedef struct
{
  char     *table;
  char     *entity;
  char     *time;
  char     *event;
  char     *channel;
  char     *weight;
  char     *tz;
  char     *format;
  gboolean  timings;
  double    open_ms;
  double    load_ms;
} CourantCliEvents;

void               courant_cli_events_add_entries (CourantCliEvents *events,
                                                   GOptionContext   *context);
/* Prints the problem and returns FALSE when an option is invalid. */
gboolean           courant_cli_events_check       (CourantCliEvents *events);
/* Opens @path and loads the journeys; prints the problem on failure. */
CourantEventStore *courant_cli_events_load        (CourantCliEvents *events,
                                                   const char       *path);
void               courant_cli_events_print_timings (const CourantCliEvents *events,
                                                     double                  query_ms);
void               courant_cli_events_clear       (CourantCliEvents *events);

/* Prints "courant-cli: MESSAGE" on standard error. */
void courant_cli_error   (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Parses a command's options, printing the problem and the usage on error. */
gboolean courant_cli_parse (GOptionContext *context,
                            int            *argc,
                            char         ***argv);

G_END_DECLS
