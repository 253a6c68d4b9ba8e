/* courant-cli-export-timeline.c: courant-cli export --chart timeline
 *
 * Reads series with the same column options as courant-cli series and
 * draws them with the scene and renderer the timeline view uses: raw
 * readings as one M4 column per device pixel from the pyramid, or bucketed
 * and aggregated with --bucket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "courant-annotations.h"
#include "courant-cli.h"
#include "courant-cli-export.h"
#include "courant-format.h"
#include "courant-series-query.h"
#include "courant-text.h"
#include "courant-timeline-render.h"
#include "courant-timeline-scene.h"

/* Beyond this, series are left out unless chosen with --series. */
#define DEFAULT_MAX_SERIES 8

typedef struct
{
  CourantCliSeries       series;
  char                  *bucket;
  char                  *agg;
  char                  *from;
  char                  *to;
  char                  *overlay;
  char                  *unit;
  char                 **only;
  char                 **right;
  char                 **annotation;
  gboolean               no_saved_annotations;
  gboolean               align_zeros;
  char                  *table;

  CourantSeriesStore    *store;
  CourantSeriesResult   *result;
  GPtrArray             *buckets;   /* CourantTimelineBuckets */
  GArray                *specs;     /* CourantTimelineSeriesSpec */
  GPtrArray             *names;     /* owned overlay names */
  GArray                *notes;     /* CourantAnnotation */
  GArray                *note_specs; /* CourantTimelineAnnotationSpec, into notes */
  CourantTimelineOptions options;
  CourantTimelineScene  *scene;
  PangoContext          *context;
} TimelineState;

static gpointer
timeline_new_state (void)
{
  TimelineState *state = g_new0 (TimelineState, 1);

  state->buckets = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_timeline_buckets_free);
  state->specs = g_array_new (FALSE, TRUE, sizeof (CourantTimelineSeriesSpec));
  state->names = g_ptr_array_new_with_free_func (g_free);
  state->notes = courant_annotations_new ();
  state->note_specs = g_array_new (FALSE, TRUE, sizeof (CourantTimelineAnnotationSpec));
  state->context = courant_text_create_context ();
  return state;
}

static GOptionGroup *
timeline_get_options (gpointer data)
{
  TimelineState *state = data;
  GOptionGroup *group;

  const GOptionEntry entries[] = {
    { "bucket", 0, 0, G_OPTION_ARG_STRING, &state->bucket,
      N_("raw (default: one min/max column per pixel), 15min, 30min, 1h, 1d, 1w or 1M"), "B" },
    { "agg", 0, 0, G_OPTION_ARG_STRING, &state->agg, N_("sum (default), mean, min, max or count"), "A" },
    { "series", 0, 0, G_OPTION_ARG_STRING_ARRAY, &state->only, N_("Only this series (repeatable)"), "NAME" },
    { "right", 0, 0, G_OPTION_ARG_STRING_ARRAY, &state->right, N_("Draw this series on the right axis (repeatable)"), "NAME" },
    { "align-zeros", 0, 0, G_OPTION_ARG_NONE, &state->align_zeros, N_("Put zero at the same height on both axes"), NULL },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &state->unit, N_("The unit of the values (default: the value column)"), "UNIT" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &state->from, N_("Start (ISO 8601, inclusive)"), "ISO" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &state->to, N_("End (ISO 8601, exclusive)"), "ISO" },
    { "overlay", 0, 0, G_OPTION_ARG_STRING, &state->overlay,
      N_("Also draw a previous period, dashed: day, week, year, or FROM/TO"), "RANGE" },
    { "annotation", 0, 0, G_OPTION_ARG_STRING_ARRAY, &state->annotation,
      N_("Mark a range or an instant with a label: FROM/TO=Label or WHEN=Label (repeatable)"), "MARK" },
    { "no-saved-annotations", 0, 0, G_OPTION_ARG_NONE, &state->no_saved_annotations,
      N_("Leave out the annotations saved in the app for this file and table"), NULL },
    { NULL }
  };

  group = courant_cli_series_new_group (&state->series, "timeline", _("Timeline options:"));
  g_option_group_add_entries (group, entries);
  return group;
}

static gboolean
parse_instant (const char *text,
               GTimeZone  *tz,
               gint64     *out_ms,
               GError    **error)
{
  if (text == NULL || courant_time_parse_text (text, -1, COURANT_TIME_UNKNOWN, tz, out_ms))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("“%s” is not a date or time."), text);
  return FALSE;
}

/* How far the overlay's period is moved to start with the window. */
static gboolean
overlay_shift (const char *overlay,
               gint64      t0,
               GTimeZone  *tz,
               gint64     *shift,
               GError    **error)
{
  g_autoptr(GDateTime) local = courant_date_time_new_from_ms (t0, tz);
  g_autoptr(GDateTime) before = NULL;
  g_auto(GStrv) range = NULL;
  gint64 from;

  if (g_str_equal (overlay, "day"))
    before = g_date_time_add_days (local, -1);
  else if (g_str_equal (overlay, "week"))
    before = g_date_time_add_weeks (local, -1);
  else if (g_str_equal (overlay, "year"))
    before = g_date_time_add_years (local, -1);
  if (before != NULL)
    {
      *shift = g_date_time_difference (local, before) / 1000;
      return TRUE;
    }

  range = g_strsplit (overlay, "/", 2);
  if (g_strv_length (range) != 2 || !parse_instant (range[0], tz, &from, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--overlay takes day, week, year or FROM/TO, not “%s”."), overlay);
      return FALSE;
    }
  *shift = t0 - from;
  return TRUE;
}

static void
add_spec (TimelineState             *state,
          const char                *name,
          const CourantTimelineData *data)
{
  CourantTimelineSeriesSpec spec = { 0 };

  spec.name = name;
  spec.unit = state->unit != NULL ? state->unit : state->series.value;
  spec.data = *data;
  spec.colour = (int) state->specs->len;
  spec.side = state->right != NULL && g_strv_contains ((const char *const *) state->right, name)
              ? COURANT_TIMELINE_RIGHT : COURANT_TIMELINE_LEFT;
  g_array_append_val (state->specs, spec);
}

static gboolean
chosen (TimelineState *state,
        const char    *name,
        guint          count)
{
  if (state->only != NULL)
    return g_strv_contains ((const char *const *) state->only, name);
  return count < DEFAULT_MAX_SERIES;
}

static void
add_raw_series (TimelineState *state)
{
  for (guint s = 0; s < courant_series_store_get_n_series (state->store); s++)
    {
      const CourantSeries *one = courant_series_store_get_series (state->store, s);
      CourantTimelineData data = { one->times, one->values, one->n, one->lod };

      if (chosen (state, one->name, state->specs->len))
        add_spec (state, one->name, &data);
    }
}

static gboolean
add_bucketed_series (TimelineState  *state,
                     CourantBucket   bucket,
                     GError        **error)
{
  CourantSeriesQuery query = COURANT_SERIES_QUERY_INIT;

  query.bucket = bucket;
  query.from_ms = state->options.t0;
  query.to_ms = state->options.t1;
  query.only = (const char *const *) state->only;
  if (state->agg != NULL && !courant_agg_parse (state->agg, &query.agg))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The aggregation must be sum, mean, min, max or count, not “%s”."), state->agg);
      return FALSE;
    }
  state->result = courant_series_query_run (state->store, &query, state->series.zone, NULL, error);
  if (state->result == NULL)
    return FALSE;
  for (guint s = 0; s < state->result->series->len; s++)
    {
      const CourantSeriesResultSeries *one = g_ptr_array_index (state->result->series, s);
      CourantTimelineBuckets *buckets;

      if (!chosen (state, one->name, state->specs->len))
        continue;
      buckets = courant_timeline_buckets_new (one->starts, one->values, one->n);
      g_ptr_array_add (state->buckets, buckets);
      add_spec (state, one->name, courant_timeline_buckets_get_data (buckets));
    }
  return TRUE;
}

/* Each series again, shifted and dashed, in the same colour. */
static void
add_overlays (TimelineState *state,
              gint64         shift)
{
  guint n = state->specs->len;

  for (guint s = 0; s < n; s++)
    {
      CourantTimelineSeriesSpec spec = g_array_index (state->specs, CourantTimelineSeriesSpec, s);
      /* Translators: the legend of a series' previous period. */
      char *name = g_strdup_printf (_("%s (earlier)"), spec.name);

      g_ptr_array_add (state->names, name);
      spec.name = name;
      spec.shift_ms = shift;
      spec.dashed = TRUE;
      g_array_append_val (state->specs, spec);
    }
}

static gboolean
load (TimelineState  *state,
      CourantSource  *source,
      GError        **error)
{
  CourantSeriesSpec spec = { 0 };

  if (!courant_cli_series_check (&state->series, 2))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("Invalid series options."));
      return FALSE;
    }
  state->series.source = g_object_ref (source);
  state->store = courant_cli_series_load (&state->series, &spec);
  if (state->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The series could not be read."));
      return FALSE;
    }
  state->table = g_strdup (spec.table);
  /* The value column names the unit when none is given. */
  if (state->series.value == NULL)
    state->series.value = g_strdup (spec.value_column);
  return TRUE;
}

static gboolean
choose_window (TimelineState  *state,
               GError        **error)
{
  gint64 lo = 0, hi = 0;

  if (!courant_series_store_get_range (state->store, &lo, &hi))
    hi = lo + 1;
  state->options.t0 = lo;
  state->options.t1 = hi + 1;
  if (!parse_instant (state->from, state->series.zone, &state->options.t0, error) ||
      !parse_instant (state->to, state->series.zone, &state->options.t1, error))
    return FALSE;
  if (state->options.t0 >= state->options.t1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--from must come before --to."));
      return FALSE;
    }
  return TRUE;
}

/* The annotations saved in the app for this file and table, unless left
 * out; a damaged file is reported and the chart drawn without them. */
static void
add_saved_annotations (TimelineState *state,
                       CourantSource *source)
{
  GFile *file = courant_source_get_file (source);
  g_autofree char *uri = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) saved = NULL;

  if (file == NULL)
    return;
  uri = g_file_get_uri (file);
  path = courant_annotations_path (uri, state->table);
  saved = courant_annotations_load (path, &error);
  if (saved == NULL)
    {
      courant_cli_error ("%s", error->message);
      return;
    }
  for (guint i = 0; i < saved->len; i++)
    {
      const CourantAnnotation *note = &g_array_index (saved, CourantAnnotation, i);

      courant_annotations_add (state->notes, note->start_ms, note->end_ms, note->label);
    }
}

static gboolean
add_annotations (TimelineState  *state,
                 CourantSource  *source,
                 GError        **error)
{
  if (!state->no_saved_annotations && state->table != NULL)
    add_saved_annotations (state, source);
  for (guint i = 0; state->annotation != NULL && state->annotation[i] != NULL; i++)
    {
      CourantAnnotation note = { 0 };

      if (!courant_annotation_parse (state->annotation[i], state->series.zone, &note, error))
        return FALSE;
      g_array_append_val (state->notes, note);
    }
  for (guint i = 0; i < state->notes->len; i++)
    {
      const CourantAnnotation *note = &g_array_index (state->notes, CourantAnnotation, i);
      CourantTimelineAnnotationSpec spec = { note->start_ms, note->end_ms, note->label };

      g_array_append_val (state->note_specs, spec);
    }
  state->options.annotations = (const CourantTimelineAnnotationSpec *) state->note_specs->data;
  state->options.n_annotations = state->note_specs->len;
  return TRUE;
}

static gboolean
timeline_prepare (gpointer              data,
                  CourantSource        *source,
                  double                width,
                  double                height,
                  const CourantTheme   *theme,
                  CourantExportTimings *timings,
                  GError              **error)
{
  TimelineState *state = data;
  CourantBucket bucket = COURANT_BUCKET_RAW;
  gint64 started, shift = 0;

  if (state->bucket != NULL && !courant_bucket_parse (state->bucket, &bucket))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The bucket must be raw, 15min, 30min, 1h, 1d, 1w or 1M, not “%s”."), state->bucket);
      return FALSE;
    }
  if (!load (state, source, error))
    return FALSE;
  timings->load_ms = state->series.load_ms;
  if (!choose_window (state, error) || !add_annotations (state, source, error) ||
      (state->overlay != NULL &&
       !overlay_shift (state->overlay, state->options.t0, state->series.zone, &shift, error)))
    return FALSE;

  started = g_get_monotonic_time ();
  if (bucket == COURANT_BUCKET_RAW)
    add_raw_series (state);
  else if (!add_bucketed_series (state, bucket, error))
    return FALSE;
  if (state->overlay != NULL)
    add_overlays (state, shift);
  timings->query_ms = courant_cli_elapsed_ms (started);

  state->options.tz = state->series.zone;
  state->options.width = width;
  state->options.height = height;
  state->options.align_zeros = state->align_zeros;
  started = g_get_monotonic_time ();
  state->scene = courant_timeline_scene_new ((CourantTimelineSeriesSpec *) state->specs->data,
                                             state->specs->len, &state->options, state->context, theme);
  timings->layout_ms = courant_cli_elapsed_ms (started);
  return TRUE;
}

/* The title and the PNG scale reach the chart only here: the scene laid
 * out in prepare is made again for them (from the pyramid, a few ms). */
static void
timeline_render (gpointer            data,
                 cairo_t            *cr,
                 const CourantTheme *theme,
                 const char         *title)
{
  TimelineState *state = data;
  cairo_matrix_t matrix;

  cairo_get_matrix (cr, &matrix);
  if (title != NULL || matrix.xx > 1.001)
    {
      state->options.title = title;
      state->options.scale = MAX (1, matrix.xx);
      g_clear_pointer (&state->scene, courant_timeline_scene_free);
      state->scene = courant_timeline_scene_new ((CourantTimelineSeriesSpec *) state->specs->data,
                                                 state->specs->len, &state->options, state->context, theme);
    }
  courant_timeline_render (cr, state->scene, theme);
}

static void
timeline_free_state (gpointer data)
{
  TimelineState *state = data;

  g_clear_pointer (&state->scene, courant_timeline_scene_free);
  g_clear_pointer (&state->specs, g_array_unref);
  g_clear_pointer (&state->buckets, g_ptr_array_unref);
  g_clear_pointer (&state->names, g_ptr_array_unref);
  g_clear_pointer (&state->note_specs, g_array_unref);
  g_clear_pointer (&state->notes, g_array_unref);
  g_clear_pointer (&state->result, courant_series_result_free);
  g_clear_pointer (&state->store, courant_series_store_unref);
  g_clear_object (&state->context);
  courant_cli_series_clear (&state->series);
  g_free (state->bucket);
  g_free (state->agg);
  g_free (state->from);
  g_free (state->to);
  g_free (state->overlay);
  g_free (state->unit);
  g_strfreev (state->only);
  g_strfreev (state->right);
  g_strfreev (state->annotation);
  g_free (state->table);
  g_free (state);
}

const CourantExportChart courant_export_timeline = {
  "timeline",
  N_("Series over time, one min/max column per pixel"),
  timeline_new_state,
  timeline_get_options,
  timeline_prepare,
  timeline_render,
  timeline_free_state,
};
