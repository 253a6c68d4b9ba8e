/* courant-cli-export-journey.c: courant-cli export --chart journey
 *
 * One customer's journey, drawn by the scene and renderer of the Customer
 * page: the roles of every table are inferred as the application does,
 * the journeys table gives the events, and the tables of readings found
 * beside it give the consumption of the customer's sites and the
 * temperature of their region.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "courant-cli.h"
#include "courant-cli-export.h"
#include "courant-format.h"
#include "courant-journey-render.h"
#include "courant-journey-scene.h"
#include "courant-text.h"

typedef struct
{
  char                  *entity;
  char                  *table;
  GPtrArray             *roles;     /* CourantTableRoles of every table */
  CourantJourney        *journey;
  CourantJourneyOptions  options;
  CourantJourneyScene   *scene;
  PangoContext          *context;
} JourneyState;

static gpointer
journey_new_state (void)
{
  JourneyState *state = g_new0 (JourneyState, 1);

  state->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_table_roles_free);
  state->context = courant_text_create_context ();
  return state;
}

static GOptionGroup *
journey_get_options (gpointer data)
{
  JourneyState *state = data;
  GOptionGroup *group;
  const GOptionEntry entries[] = {
    { "entity-id", 0, 0, G_OPTION_ARG_STRING, &state->entity, N_("The customer to draw"), "ID" },
    { "table", 0, 0, G_OPTION_ARG_STRING, &state->table,
      N_("The table of events (default: the first table of journeys)"), "TABLE" },
    { NULL }
  };

  group = g_option_group_new ("journey", _("Journey options:"), _("Show the journey options"), NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

/* The roles of every table, and the journeys table among them. */
static const CourantTableRoles *
infer_tables (JourneyState   *state,
              CourantSource  *source,
              GError        **error)
{
  GPtrArray *tables = courant_source_get_tables (source);
  const CourantTableRoles *journeys = NULL;

  for (guint t = 0; t < tables->len; t++)
    {
      const CourantTableInfo *info = g_ptr_array_index (tables, t);
      CourantTableRoles *roles = courant_table_roles_infer_source (source, info->name,
                                                                   courant_time_zone_get_default (),
                                                                   NULL, error);

      if (roles == NULL)
        return NULL;
      g_ptr_array_add (state->roles, roles);
      if (journeys == NULL && (state->table != NULL ? g_str_equal (info->name, state->table)
                                                    : roles->kind == COURANT_TABLE_JOURNEYS))
        journeys = roles;
    }
  if (journeys == NULL && state->table != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no table “%s”."), state->table);
  else if (journeys == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No table holds journeys."));
  return journeys;
}

static gboolean
journey_prepare (gpointer              data,
                 CourantSource        *source,
                 double                width,
                 double                height,
                 const CourantTheme   *theme,
                 CourantExportTimings *timings,
                 GError              **error)
{
  JourneyState *state = data;
  const CourantTableRoles *journeys;
  CourantJourneySpec spec;
  gint64 started;

  if (state->entity == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose a customer with --entity-id."));
      return FALSE;
    }
  started = g_get_monotonic_time ();
  journeys = infer_tables (state, source, error);
  if (journeys == NULL)
    return FALSE;
  if (!courant_journey_spec_init_from_roles (&spec, journeys))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The table “%s” has no customer, time and event columns."), journeys->table);
      return FALSE;
    }
  courant_journey_spec_find_readings (&spec, source, state->roles);
  spec.tz = courant_time_zone_get_default ();
  state->journey = courant_journey_load (source, &spec, state->entity, NULL, error);
  timings->load_ms = courant_cli_elapsed_ms (started);
  if (state->journey == NULL)
    return FALSE;

  started = g_get_monotonic_time ();
  if (!courant_journey_get_window (state->journey, &state->options.t0, &state->options.t1))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The customer “%s” has no event and no reading."), state->entity);
      return FALSE;
    }
  state->options.tz = courant_time_zone_get_default ();
  state->options.width = width;
  state->options.height = height;
  state->scene = courant_journey_scene_new (state->journey, &state->options, state->context, theme);
  timings->layout_ms = courant_cli_elapsed_ms (started);
  return TRUE;
}

/* The title takes a line above the chart, which is laid out again below
 * it, as is a PNG drawn at a larger scale. */
static void
journey_render (gpointer            data,
                cairo_t            *cr,
                const CourantTheme *theme,
                const char         *title)
{
  JourneyState *state = data;
  double pad = courant_theme_px (theme, 8), title_height = 0;
  cairo_matrix_t matrix;

  cairo_get_matrix (cr, &matrix);
  if (title != NULL && title[0] != '\0')
    {
      courant_text_measure (state->context, theme, COURANT_TEXT_TITLE, title, NULL, &title_height);
      title_height += pad;
      courant_rgba_set_source (cr, &theme->foreground);
      courant_text_draw (cr, theme, COURANT_TEXT_TITLE, title, pad, pad, 0, 0, 0);
    }
  if (title_height > 0 || matrix.xx > 1.001)
    {
      CourantJourneyOptions options = state->options;

      options.height = MAX (16, options.height - title_height);
      options.scale = MAX (1, matrix.xx);
      g_clear_pointer (&state->scene, courant_journey_scene_free);
      state->scene = courant_journey_scene_new (state->journey, &options, state->context, theme);
    }
  cairo_save (cr);
  cairo_translate (cr, 0, title_height);
  courant_journey_render (cr, state->scene, theme);
  cairo_restore (cr);
}

static void
journey_free_state (gpointer data)
{
  JourneyState *state = data;

  g_clear_pointer (&state->scene, courant_journey_scene_free);
  g_clear_pointer (&state->journey, courant_journey_free);
  g_clear_pointer (&state->roles, g_ptr_array_unref);
  g_clear_object (&state->context);
  g_free (state->entity);
  g_free (state->table);
  g_free (state);
}

const CourantExportChart courant_export_journey = {
  .name = "journey",
  .summary = N_("One customer’s events by channel, with their sites’ consumption"),
  .new_state = journey_new_state,
  .get_options = journey_get_options,
  .prepare = journey_prepare,
  .render = journey_render,
  .free_state = journey_free_state,
};
