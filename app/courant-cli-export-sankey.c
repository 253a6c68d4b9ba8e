/* courant-cli-export-sankey.c: courant-cli export --chart sankey, and the
 * layout printed by courant-cli flows --layout
 *
 * The flows options are parsed by the same entries as courant-cli flows,
 * and the file is drawn by the scene and renderer the view uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-cli.h"
#include "courant-cli-export.h"
#include "courant-sankey-render.h"
#include "courant-sankey-scene.h"

typedef struct
{
  CourantCliEvents    events;
  CourantCliFlows     arguments;
  CourantFlowsResult *flows;
  CourantSankeyScene *scene;
  double              width;
  double              height;
} SankeyState;

static gpointer
sankey_new_state (void)
{
  SankeyState *state = g_new0 (SankeyState, 1);

  state->arguments.steps = 5;
  return state;
}

static GOptionGroup *
sankey_get_options (gpointer data)
{
  SankeyState *state = data;
  GOptionGroup *group;

  const GOptionEntry entries[] = {
    { "table", 0, 0, G_OPTION_ARG_STRING, &state->events.table, N_("The table of events"), "TABLE" },
    { NULL }
  };

  group = g_option_group_new ("sankey", _("Flows options:"), _("Show the flows options"),
                              NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  courant_cli_flows_add_entries (&state->arguments, group);
  g_option_group_add_entries (group, entries);
  return group;
}

static CourantSankeyScene *
layout_flows (const CourantFlowsResult *flows,
              double                    width,
              double                    height,
              const CourantTheme       *theme,
              const char               *title)
{
  g_autoptr(CourantSankeyGraph) graph = courant_sankey_graph_new_from_flows (flows);
  CourantSankeyOptions options;

  courant_sankey_options_init (&options, width, height);
  options.theme = theme;
  options.title = title;
  return courant_sankey_scene_new (graph, &options);
}

static gboolean
sankey_prepare (gpointer              data,
                CourantSource        *source,
                double                width,
                double                height,
                const CourantTheme   *theme,
                CourantExportTimings *timings,
                GError              **error)
{
  SankeyState *state = data;
  g_autoptr(CourantEventStore) store = NULL;
  g_autofree char *path = g_file_get_path (courant_source_get_file (source));
  CourantFlowsOptions options;
  gint64 started;

  /* Both print the problem themselves. */
  if (!courant_cli_events_check (&state->events) ||
      !courant_cli_flows_get_options (&state->arguments, state->events.zone, &options))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The flows options are not valid."));
      return FALSE;
    }
  /* The journeys' table and columns are found by the same code as for
   * courant-cli flows, which opens the file itself. */
  store = courant_cli_events_load (&state->events, path);
  timings->load_ms = state->events.load_ms;
  if (store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The journeys could not be loaded."));
      return FALSE;
    }

  started = g_get_monotonic_time ();
  state->flows = courant_flows_compute (store, &options, NULL, error);
  timings->query_ms = courant_cli_elapsed_ms (started);
  if (state->flows == NULL)
    return FALSE;

  started = g_get_monotonic_time ();
  state->width = width;
  state->height = height;
  state->scene = layout_flows (state->flows, width, height, theme, NULL);
  timings->layout_ms = courant_cli_elapsed_ms (started);
  return TRUE;
}

static void
sankey_render (gpointer            data,
               cairo_t            *cr,
               const CourantTheme *theme,
               const char         *title)
{
  SankeyState *state = data;

  /* The title comes only now, and the scene must keep room for it. */
  if (title != NULL && title[0] != '\0')
    {
      courant_sankey_scene_free (state->scene);
      state->scene = layout_flows (state->flows, state->width, state->height, theme, title);
    }
  courant_sankey_render (cr, state->scene, theme);
}

static void
sankey_free_state (gpointer data)
{
  SankeyState *state = data;

  g_clear_pointer (&state->scene, courant_sankey_scene_free);
  g_clear_pointer (&state->flows, courant_flows_result_free);
  courant_cli_flows_clear (&state->arguments);
  courant_cli_events_clear (&state->events);
  g_free (state);
}

const CourantExportChart courant_export_sankey = {
  .name = "sankey",
  .summary = N_("The flows of journeys, step by step"),
  .new_state = sankey_new_state,
  .get_options = sankey_get_options,
  .prepare = sankey_prepare,
  .render = sankey_render,
  .free_state = sankey_free_state,
};

char *
courant_cli_sankey_layout_json (const CourantFlowsResult *flows,
                                int                       width,
                                int                       height)
{
  g_autoptr(CourantSankeyScene) scene = layout_flows (flows, width, height, NULL, NULL);

  return courant_sankey_scene_to_json (scene);
}
