/* courant-cli.h: the commands of courant-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "courant-event-store.h"
#include "courant-roles.h"
#include "courant-flows.h"
#include "courant-series-query.h"
#include "courant-series-store.h"

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
int  courant_cli_series  (int argc, char **argv);
int  courant_cli_heatmap (int argc, char **argv);
int  courant_cli_thermo  (int argc, char **argv);

/* The options shared by the commands that read energy series. */
typedef struct
{
  char          *table;
  char          *time;
  char          *value;
  char          *entity;
  char          *tz;
  char          *format;
  gboolean       timings;
  gboolean       csv;
  GTimeZone     *zone;
  CourantSource *source;
  double         open_ms;
  double         load_ms;
} CourantCliSeries;

/* @with_columns adds --table, --time, --value and --entity. */
void                courant_cli_series_add_entries   (CourantCliSeries       *series,
                                                      GOptionContext         *context,
                                                      gboolean                with_columns);
/* The column and time-zone options alone, for a command that brings its
 * own output options (export). */
GOptionGroup       *courant_cli_series_new_group     (CourantCliSeries       *series,
                                                      const char             *name,
                                                      const char             *description);
/* Checks the arguments and the common options; prints the problem. */
gboolean            courant_cli_series_check         (CourantCliSeries       *series,
                                                      int                     argc);
gboolean            courant_cli_series_open          (CourantCliSeries       *series,
                                                      const char             *path);
/* Loads @spec; a NULL table takes --table and friends, or the demo's names. */
CourantSeriesStore *courant_cli_series_load          (CourantCliSeries       *series,
                                                      CourantSeriesSpec      *spec);
void                courant_cli_series_print_timings (const CourantCliSeries *series,
                                                      double                  query_ms,
                                                      double                  write_ms);
/* Reads --agg into @agg, which keeps its default when @text is NULL;
 * prints the problem and returns FALSE when it is not an aggregation. */
gboolean            courant_cli_series_parse_agg     (const char             *text,
                                                      CourantAgg             *agg);
void                courant_cli_series_clear         (CourantCliSeries       *series);
/* Appends ISO 8601 local time with its offset, a number (null or empty when
 * missing), or a quoted string, for JSON or CSV. */
void                courant_cli_append_instant       (GString                *out,
                                                      GTimeZone              *tz,
                                                      gint64                  ms);
void                courant_cli_append_number        (GString                *out,
                                                      double                  value,
                                                      gboolean                csv);
void                courant_cli_append_string        (GString                *out,
                                                      const char             *text,
                                                      gboolean                csv);

/* The options shared by the commands that read journeys. */
typedef struct
{
  char                 *table;
  CourantRoleOverrides  overrides;
  char                 *tz;
  char                 *format;
  gboolean              timings;
  GTimeZone            *zone;
  double                open_ms;
  double                load_ms;
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

/* The options that shape the flows of journeys, shared by courant-cli
 * flows and courant-cli export --chart sankey. Start with .steps = 5. */
typedef struct
{
  char      *by;
  char      *start_with;
  char      *end_with;
  int        steps;
  gboolean   collapse_repeats;
  char     **hide;
  char      *max_gap;
  int        top;
  double     min_share;
  char      *from;          /* YYYY-MM-DD, a local day of the data */
  char      *to;            /* YYYY-MM-DD, included */
} CourantCliFlows;

void     courant_cli_flows_add_entries (CourantCliFlows       *arguments,
                                        GOptionGroup          *group);
/* Prints the problem and returns FALSE when an option is invalid;
 * @options points into @arguments. --from and --to are days in @zone,
 * the data's time zone. */
gboolean courant_cli_flows_get_options (const CourantCliFlows *arguments,
                                        GTimeZone             *zone,
                                        CourantFlowsOptions   *options);
void     courant_cli_flows_clear       (CourantCliFlows       *arguments);

/* Prints "courant-cli: MESSAGE" on standard error. */
void courant_cli_error   (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Parses a command's options, printing the problem and the usage on error. */
gboolean courant_cli_parse (GOptionContext *context,
                            int            *argc,
                            char         ***argv);
/* These print the problem and return FALSE (or NULL) when the arguments
 * left after parsing are not one source file, when --format is neither
 * json nor csv, or when --tz (NULL for Europe/Paris) is not a time zone. */
gboolean   courant_cli_check_one_source (int         argc);
gboolean   courant_cli_check_format     (const char *format);
GTimeZone *courant_cli_new_zone         (const char *tz);
/* Milliseconds since @since_us, a g_get_monotonic_time () reading. */
double     courant_cli_elapsed_ms       (gint64      since_us);
/* Writes @text on standard output, ending it with a newline if it has none. */
void       courant_cli_print_text       (const char *text);

G_END_DECLS
