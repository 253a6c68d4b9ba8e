/* courant-cli-export-thermo.c: courant-cli export --chart thermo
 *
 * Consumption against temperature, drawn by the scene and renderer of the
 * Thermosensitivity page. The tables are understood as the application
 * does: the measure catalog lists every measure and tells which weather
 * series goes with a site (its region, through the sites table), and the
 * periods are paired and fitted as on the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "courant-cli.h"
#include "courant-cli-export.h"
#include "courant-format.h"
#include "courant-measure-catalog.h"
#include "courant-series-choice.h"
#include "courant-text.h"
#include "courant-thermo-periods.h"
#include "courant-thermo-render.h"
#include "courant-thermo-scene.h"

typedef struct
{
  char                 *consumption;   /* TABLE.COLUMN or NULL */
  char                 *temperature;   /* TABLE.COLUMN or NULL */
  char                 *series;
  char                 *where;
  char                 *days;
  gboolean              hourly;
  gboolean              cooling;
  CourantThermoPeriods *periods;
  const char           *unit;
  CourantThermoOptions  options;
  CourantThermoScene   *scene;
  PangoContext         *context;
} ThermoState;

static gpointer
thermo_new_state (void)
{
  ThermoState *state = g_new0 (ThermoState, 1);

  state->context = courant_text_create_context ();
  return state;
}

static GOptionGroup *
thermo_get_options (gpointer data)
{
  ThermoState *state = data;
  GOptionGroup *group;
  const GOptionEntry entries[] = {
    { "consumption", 0, 0, G_OPTION_ARG_STRING, &state->consumption,
      N_("The consumption column (default: the first measure of the first table of readings)"), "TABLE.COLUMN" },
    { "temperature", 0, 0, G_OPTION_ARG_STRING, &state->temperature,
      N_("The temperature column (default: the first temperature of another table)"), "TABLE.COLUMN" },
    { "series", 0, 0, G_OPTION_ARG_STRING, &state->series,
      N_("Only this consumption series, e.g. a site (default: all of them added up)"), "NAME" },
    { "where", 0, 0, G_OPTION_ARG_STRING, &state->where,
      N_("Only this temperature series, e.g. a region (default: the one that goes with --series, else their mean)"), "NAME" },
    { "hourly", 0, 0, G_OPTION_ARG_NONE, &state->hourly, N_("Compare hours rather than days"), NULL },
    { "days", 0, 0, G_OPTION_ARG_STRING, &state->days,
      N_("all (default), working (Monday to Friday) or weekend"), "DAYS" },
    { "cooling", 0, 0, G_OPTION_ARG_NONE, &state->cooling, N_("Fit a cooling branch too"), NULL },
    { NULL }
  };

  group = g_option_group_new ("thermo", _("Thermosensitivity options:"), _("Show the thermosensitivity options"),
                              NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

/* Whether @ref is TABLE.COLUMN as given in @text. */
static gboolean
ref_is (const CourantMeasureRef *ref,
        const char              *text)
{
  gsize table_length = strlen (ref->roles->table);

  return strncmp (text, ref->roles->table, table_length) == 0 && text[table_length] == '.' &&
         g_str_equal (text + table_length + 1, ref->measure);
}

/* The consumption's roles: the table named by --consumption, or the first
 * table of readings. */
static CourantTableRoles *
find_consumption_table (ThermoState    *state,
                        CourantSource  *source,
                        GError        **error)
{
  GPtrArray *tables = courant_source_get_tables (source);

  for (guint t = 0; t < tables->len; t++)
    {
      const CourantTableInfo *info = g_ptr_array_index (tables, t);
      g_autoptr(CourantTableRoles) roles = NULL;

      if (state->consumption != NULL && (!g_str_has_prefix (state->consumption, info->name) ||
                                         state->consumption[strlen (info->name)] != '.'))
        continue;
      roles = courant_table_roles_infer_source (source, info->name, courant_time_zone_get_default (), NULL, error);
      if (roles == NULL)
        return NULL;
      if (state->consumption != NULL || roles->kind == COURANT_TABLE_SERIES)
        return g_steal_pointer (&roles);
    }
  if (state->consumption != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no table for “%s”."), state->consumption);
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No table holds readings over time."));
  return NULL;
}

static void
catalog_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The measure catalog, waited for: a command line has nothing else to do. */
static GPtrArray *
read_catalog (CourantSource            *source,
              const CourantTableRoles  *known,
              GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  courant_measure_catalog_async (source, known, courant_time_zone_get_default (), NULL, catalog_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return courant_measure_catalog_finish (result, error);
}

/* The consumption and temperature measures among @catalog, as asked or
 * by default. */
static gboolean
pick_measures (ThermoState              *state,
               GPtrArray                *catalog,
               const CourantTableRoles  *known,
               const CourantMeasureRef **consumption,
               const CourantMeasureRef **temperature,
               GError                  **error)
{
  *consumption = *temperature = NULL;
  for (guint i = 0; i < catalog->len; i++)
    {
      const CourantMeasureRef *ref = g_ptr_array_index (catalog, i);
      gboolean own = g_str_equal (ref->roles->table, known->table);

      if (*consumption == NULL && own && (state->consumption == NULL || ref_is (ref, state->consumption)))
        *consumption = ref;
      if (*temperature == NULL && (state->temperature != NULL ? ref_is (ref, state->temperature)
                                   : !own && courant_thermo_is_temperature (ref->measure)))
        *temperature = ref;
    }
  if (*consumption == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no measure “%s”."),
                 state->consumption != NULL ? state->consumption : known->table);
  else if (*temperature == NULL && state->temperature != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no measure “%s”."), state->temperature);
  else if (*temperature == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("No other table of this source has a temperature column; give one with --temperature."));
  return *consumption != NULL && *temperature != NULL;
}

static CourantSeriesStore *
load_measure (CourantSource            *source,
              const CourantMeasureRef  *ref,
              GError                  **error)
{
  CourantSeriesSpec spec = { 0 };

  courant_series_choice_init_spec (&spec, ref->roles, ref->measure);
  return courant_series_store_load (source, &spec, courant_time_zone_get_default (), NULL, NULL, NULL, error);
}

/* The temperature series: --where, else the one that goes with --series
 * (the same name or the site's region), else NULL for their mean. */
static const char *
temperature_series (ThermoState             *state,
                    const CourantMeasureRef *ref,
                    CourantSeriesStore      *store)
{
  const char *name = state->series;

  if (state->where != NULL)
    return state->where;
  if (name == NULL || courant_series_store_get_n_series (store) == 1)
    return NULL;
  if (ref->series_of_entity != NULL)
    name = g_hash_table_lookup (ref->series_of_entity, name);
  return name != NULL && courant_series_store_find (store, name) >= 0 ? name : NULL;
}

static gboolean
parse_days (const char         *text,
            CourantThermoDays  *days,
            GError            **error)
{
  static const char *const names[] = { "all", "working", "weekend" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text != NULL ? text : "all", names[i]) == 0)
      {
        *days = (CourantThermoDays) i;
        return TRUE;
      }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("--days takes all, working or weekend, not “%s”."), text);
  return FALSE;
}

static gboolean
compute (ThermoState    *state,
         CourantSource  *source,
         GError        **error)
{
  g_autoptr(CourantTableRoles) known = NULL;
  g_autoptr(GPtrArray) catalog = NULL;
  g_autoptr(CourantSeriesStore) load = NULL;
  g_autoptr(CourantSeriesStore) weather = NULL;
  const CourantMeasureRef *consumption, *temperature;
  const char *load_only[2] = { state->series, NULL };
  const char *weather_only[2] = { NULL, NULL };
  CourantThermoDays days;

  if (!parse_days (state->days, &days, error))
    return FALSE;
  known = find_consumption_table (state, source, error);
  if (known == NULL)
    return FALSE;
  catalog = read_catalog (source, known, error);
  if (catalog == NULL || !pick_measures (state, catalog, known, &consumption, &temperature, error))
    return FALSE;
  load = load_measure (source, consumption, error);
  if (load == NULL)
    return FALSE;
  weather = load_measure (source, temperature, error);
  if (weather == NULL)
    return FALSE;
  if (state->series != NULL && courant_series_store_find (load, state->series) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no series “%s”."), state->series);
      return FALSE;
    }
  weather_only[0] = temperature_series (state, temperature, weather);
  state->unit = courant_thermo_guess_unit (consumption->measure);
  state->periods = courant_thermo_periods_compute (load, state->series != NULL ? load_only : NULL,
                                                   weather, weather_only[0] != NULL ? weather_only : NULL,
                                                   state->hourly, days, state->cooling,
                                                   courant_time_zone_get_default (), NULL, error);
  return state->periods != NULL;
}

static gboolean
thermo_prepare (gpointer              data,
                CourantSource        *source,
                double                width,
                double                height,
                const CourantTheme   *theme,
                CourantExportTimings *timings,
                GError              **error)
{
  ThermoState *state = data;
  const CourantThermo *model;
  gint64 started;

  started = g_get_monotonic_time ();
  if (!compute (state, source, error))
    return FALSE;
  timings->query_ms = courant_cli_elapsed_ms (started);

  started = g_get_monotonic_time ();
  model = state->periods->model;
  state->options.temperatures = model->temperatures;
  state->options.values = model->values;
  state->options.times = state->periods->starts;
  state->options.n = model->n;
  state->options.model = model;
  state->options.unit = state->unit;
  state->options.hourly = state->hourly;
  state->options.tz = courant_time_zone_get_default ();
  state->options.width = width;
  state->options.height = height;
  state->scene = courant_thermo_scene_new (&state->options, state->context, theme);
  timings->layout_ms = courant_cli_elapsed_ms (started);
  return TRUE;
}

/* The title goes in the scene, which is laid out again with it. */
static void
thermo_render (gpointer            data,
               cairo_t            *cr,
               const CourantTheme *theme,
               const char         *title)
{
  ThermoState *state = data;

  if (title != NULL && title[0] != '\0')
    {
      state->options.title = title;
      g_clear_pointer (&state->scene, courant_thermo_scene_free);
      state->scene = courant_thermo_scene_new (&state->options, state->context, theme);
    }
  courant_thermo_render (cr, state->scene, theme);
}

static void
thermo_free_state (gpointer data)
{
  ThermoState *state = data;

  g_clear_pointer (&state->scene, courant_thermo_scene_free);
  g_clear_pointer (&state->periods, courant_thermo_periods_free);
  g_clear_object (&state->context);
  g_free (state->consumption);
  g_free (state->temperature);
  g_free (state->series);
  g_free (state->where);
  g_free (state->days);
  g_free (state);
}

const CourantExportChart courant_export_thermo = {
  .name = "thermo",
  .summary = N_("Consumption against temperature, with the fitted heating model"),
  .new_state = thermo_new_state,
  .get_options = thermo_get_options,
  .prepare = thermo_prepare,
  .render = thermo_render,
  .free_state = thermo_free_state,
};
