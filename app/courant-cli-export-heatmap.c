/* courant-cli-export-heatmap.c: courant-cli export --chart heatmap
 *
 * Reads series with the same column options as courant-cli heatmap, grids
 * them by local day and slot of the day (or folds them by day of the week)
 * and draws the grid with the scene and renderer of the heatmap view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-cli.h"
#include "courant-cli-export.h"
#include "courant-heatmap-render.h"
#include "courant-heatmap-scene.h"
#include "courant-text.h"

typedef struct
{
  CourantCliSeries     series;
  char                *slot;
  char                *agg;
  char                *unit;
  char               **only;
  gboolean             weekdays;

  CourantHeatmap      *heatmap;
  CourantHeatmapScene *scene;
  PangoContext        *context;
  double               width;
  double               height;
} HeatmapState;

static gpointer
heatmap_new_state (void)
{
  HeatmapState *state = g_new0 (HeatmapState, 1);

  state->context = courant_text_create_context ();
  return state;
}

static GOptionGroup *
heatmap_get_options (gpointer data)
{
  HeatmapState *state = data;
  GOptionGroup *group;

  const GOptionEntry entries[] = {
    { "slot", 0, 0, G_OPTION_ARG_STRING, &state->slot, N_("15min, 30min (default) or 1h"), "SLOT" },
    { "agg", 0, 0, G_OPTION_ARG_STRING, &state->agg, N_("sum, mean (default), min, max or count"), "A" },
    { "series", 0, 0, G_OPTION_ARG_STRING_ARRAY, &state->only,
      N_("Only this series (repeatable; default: all of them, pooled)"), "NAME" },
    { "weekdays", 0, 0, G_OPTION_ARG_NONE, &state->weekdays,
      N_("One column per day of the week instead of per day"), NULL },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &state->unit, N_("The unit of the values (default: the value column)"), "UNIT" },
    { NULL }
  };

  group = courant_cli_series_new_group (&state->series, "heatmap", _("Heatmap options:"));
  g_option_group_add_entries (group, entries);
  return group;
}

static gboolean
parse_slot (const char  *text,
            guint       *minutes,
            GError     **error)
{
  static const struct { const char *name; guint minutes; } slots[] = {
    { "15min", 15 }, { "30min", 30 }, { "1h", 60 },
  };

  *minutes = 30;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (g_str_equal (text, slots[i].name))
      {
        *minutes = slots[i].minutes;
        return TRUE;
      }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("The slot must be 15min, 30min or 1h, not “%s”."), text);
  return FALSE;
}

static gboolean
load (HeatmapState        *state,
      CourantSource       *source,
      CourantSeriesStore **store,
      GError             **error)
{
  CourantSeriesSpec spec = { 0 };

  if (!courant_cli_series_check (&state->series, 2))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("Invalid series options."));
      return FALSE;
    }
  state->series.source = g_object_ref (source);
  *store = courant_cli_series_load (&state->series, &spec);
  if (*store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The series could not be read."));
      return FALSE;
    }
  /* The value column names the unit when none is given. */
  if (state->unit == NULL)
    state->unit = g_strdup (spec.value_column);
  return TRUE;
}

static void
lay_out (HeatmapState       *state,
         const CourantTheme *theme,
         const char         *title)
{
  CourantHeatmapOptions options = { state->width, state->height, title, state->unit };

  g_clear_pointer (&state->scene, courant_heatmap_scene_free);
  state->scene = courant_heatmap_scene_new (state->heatmap, &options, state->context, theme);
}

static gboolean
heatmap_prepare (gpointer              data,
                 CourantSource        *source,
                 double                width,
                 double                height,
                 const CourantTheme   *theme,
                 CourantExportTimings *timings,
                 GError              **error)
{
  HeatmapState *state = data;
  g_autoptr(CourantSeriesStore) store = NULL;
  CourantAgg agg = COURANT_AGG_MEAN;
  guint slot_minutes;
  gint64 started;

  if (!parse_slot (state->slot, &slot_minutes, error))
    return FALSE;
  if (state->agg != NULL && !courant_agg_parse (state->agg, &agg))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The aggregation must be sum, mean, min, max or count, not “%s”."), state->agg);
      return FALSE;
    }
  if (!load (state, source, &store, error))
    return FALSE;
  timings->load_ms = state->series.load_ms;

  started = g_get_monotonic_time ();
  state->heatmap = courant_heatmap_compute (store, (const char *const *) state->only, slot_minutes, agg,
                                            state->series.zone, NULL, error);
  if (state->heatmap == NULL)
    return FALSE;
  if (state->weekdays)
    {
      CourantHeatmap *profile = courant_heatmap_weekday_profile (state->heatmap);

      courant_heatmap_free (state->heatmap);
      state->heatmap = profile;
    }
  timings->query_ms = courant_cli_elapsed_ms (started);

  state->width = width;
  state->height = height;
  started = g_get_monotonic_time ();
  lay_out (state, theme, NULL);
  timings->layout_ms = courant_cli_elapsed_ms (started);
  return TRUE;
}

/* The title reaches the chart only here: the scene is laid out again. */
static void
heatmap_render (gpointer            data,
                cairo_t            *cr,
                const CourantTheme *theme,
                const char         *title)
{
  HeatmapState *state = data;

  if (title != NULL)
    lay_out (state, theme, title);
  courant_heatmap_render (cr, state->scene, theme);
}

static void
heatmap_free_state (gpointer data)
{
  HeatmapState *state = data;

  g_clear_pointer (&state->scene, courant_heatmap_scene_free);
  g_clear_pointer (&state->heatmap, courant_heatmap_free);
  g_clear_object (&state->context);
  courant_cli_series_clear (&state->series);
  g_free (state->slot);
  g_free (state->agg);
  g_free (state->unit);
  g_strfreev (state->only);
  g_free (state);
}

const CourantExportChart courant_export_heatmap = {
  "heatmap",
  N_("Days × time of day, a colour per cell"),
  heatmap_new_state,
  heatmap_get_options,
  heatmap_prepare,
  heatmap_render,
  heatmap_free_state,
};
