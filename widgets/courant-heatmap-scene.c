/* courant-heatmap-scene.c: laying out a days × time-of-day heatmap
 *
 * Days run along x because a year of them is the long side, and the time of
 * day runs down, midnight at the top, as in the analysts' usual load maps.
 * The colour scale is the palette's viridis ramp: its lightness rises
 * monotonically and it stays readable under the common colour-vision
 * deficiencies and on both themes. A missing cell has no colour at all: the
 * renderer leaves it transparent over the "no data" hatch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "courant-format.h"
#include "courant-heatmap-scene.h"
#include "courant-palette.h"
#include "courant-scale.h"
#include "courant-text.h"

#define MARGIN        8.0
#define GAP           6.0
#define TICK_LENGTH   4.0
#define LEGEND_GAP    16.0
#define LEGEND_WIDTH  14.0
#define MIN_LABEL_GAP 12.0

static void
tick_clear (gpointer data)
{
  CourantHeatmapTick *tick = data;

  g_free (tick->label);
  g_free (tick->context);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (CourantHeatmapTick));

  g_array_set_clear_func (ticks, tick_clear);
  return ticks;
}

static void
add_tick (GArray     *ticks,
          double      position,
          char       *label,
          char       *context)
{
  CourantHeatmapTick tick = { position, label, context };

  g_array_append_val (ticks, tick);
}

/* Enough decimals for three significant digits, at most three. */
static int
value_decimals (double magnitude)
{
  magnitude = fabs (magnitude);
  if (magnitude >= 100 || magnitude == 0)
    return 0;
  if (magnitude >= 10)
    return 1;
  if (magnitude >= 1)
    return 2;
  return 3;
}

static GDateTime *
row_date (const CourantHeatmapScene *scene,
          guint                      row)
{
  /* 1970-01-05 was a Monday: a profile's rows are Monday to Sunday. */
  gint64 day = scene->is_profile ? 4 + row : scene->first_day + row;

  return g_date_time_new_from_unix_utc (day * 86400);
}

static void
find_range (CourantHeatmapScene *scene)
{
  gsize n = (gsize) scene->n_rows * scene->n_slots;

  scene->value_min = INFINITY;
  scene->value_max = -INFINITY;
  for (gsize c = 0; c < n; c++)
    {
      double v = scene->values[c];

      if (isnan (v))
        continue;
      scene->value_min = v < scene->value_min ? v : scene->value_min;
      scene->value_max = v > scene->value_max ? v : scene->value_max;
    }
  scene->has_data = scene->value_min <= scene->value_max;
  if (!scene->has_data)
    scene->value_min = scene->value_max = 0;
}

static const char *
agg_title (CourantAgg agg)
{
  switch (agg)
    {
    case COURANT_AGG_SUM:
      /* Translators: what the colours of a heatmap show. */
      return _("sum");
    case COURANT_AGG_MIN:
      return _("minimum");
    case COURANT_AGG_MAX:
      return _("maximum");
    case COURANT_AGG_COUNT:
      return _("readings");
    case COURANT_AGG_MEAN:
    default:
      return _("mean");
    }
}

static char *
make_legend_title (const CourantHeatmapScene *scene)
{
  if (scene->unit == NULL || scene->agg == COURANT_AGG_COUNT)
    return g_strdup (agg_title (scene->agg));
  /* Translators: a heatmap's legend title: the unit and the function,
   * "kWh, mean". */
  return g_strdup_printf (_("%s, %s"), scene->unit, agg_title (scene->agg));
}

static void
legend_ticks (CourantHeatmapScene *scene,
              double               label_height)
{
  CourantLinearScale scale;
  g_autoptr(GArray) ticks = NULL;
  guint count;

  scene->legend_ticks = tick_array_new ();
  if (!scene->has_data)
    return;
  if (scene->value_min == scene->value_max)
    {
      add_tick (scene->legend_ticks, scene->legend_y + scene->legend_height / 2,
                courant_format_number (scene->value_min, value_decimals (scene->value_min)), NULL);
      return;
    }

  courant_linear_scale_init (&scale, scene->value_min, scene->value_max,
                             scene->legend_y + scene->legend_height, scene->legend_y);
  count = MAX (2, (guint) (scene->legend_height / (label_height * 4)));
  ticks = courant_linear_scale_ticks (&scale, count, NULL);
  for (guint i = 0; i < ticks->len; i++)
    {
      const CourantTick *tick = &g_array_index (ticks, CourantTick, i);

      add_tick (scene->legend_ticks, courant_linear_scale_map (&scale, tick->value),
                g_strdup (tick->label), NULL);
    }
}

/* Every 1, 2, 3, 4, 6 or 12 hours, whichever leaves room for the labels. */
static void
time_ticks (CourantHeatmapScene *scene,
            double               label_height)
{
  static const guint steps[] = { 1, 2, 3, 4, 6, 12 };
  double per_hour = scene->plot_height / 24.0;
  guint step = 24;

  scene->time_ticks = tick_array_new ();
  if (scene->n_slots == 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (per_hour * steps[i] >= label_height * 1.8)
      {
        step = steps[i];
        break;
      }
  for (guint h = 0; h <= 24; h += step)
    add_tick (scene->time_ticks, scene->plot_y + per_hour * h, g_strdup_printf ("%02u:00", h), NULL);
}

typedef enum
{
  DAY_TICKS_DAYS,
  DAY_TICKS_WEEKS,
  DAY_TICKS_MONTHS,
} DayTickUnit;

static gboolean
is_tick_day (GDateTime   *date,
             DayTickUnit  unit,
             guint        month_step)
{
  switch (unit)
    {
    case DAY_TICKS_DAYS:
      return TRUE;
    case DAY_TICKS_WEEKS:
      return g_date_time_get_day_of_week (date) == 1;
    case DAY_TICKS_MONTHS:
    default:
      return g_date_time_get_day_of_month (date) == 1 &&
             (g_date_time_get_month (date) - 1) % month_step == 0;
    }
}

/* Days, Mondays or the first of months (every 1, 2, 3 or 6 of them),
 * whichever is the finest that leaves @label_width between labels; the year
 * stands under the first label and under each January. */
static void
day_ticks (CourantHeatmapScene *scene,
           double               label_width)
{
  static const guint month_steps[] = { 1, 2, 3, 6, 12 };
  double per_day = scene->cell_width;
  DayTickUnit unit = DAY_TICKS_MONTHS;
  guint month_step = 12;
  int last_year = -1;

  scene->day_ticks = tick_array_new ();
  if (scene->is_profile)
    {
      scene->day_ticks_centred = TRUE;
      for (guint r = 0; r < scene->n_rows; r++)
        add_tick (scene->day_ticks, scene->plot_x + r * per_day,
                  courant_heatmap_scene_row_label (scene, r), NULL);
      return;
    }

  if (per_day >= label_width)
    unit = DAY_TICKS_DAYS;
  else if (per_day * 7 >= label_width)
    unit = DAY_TICKS_WEEKS;
  else
    for (guint i = 0; i < G_N_ELEMENTS (month_steps); i++)
      if (per_day * 30 * month_steps[i] >= label_width)
        {
          month_step = month_steps[i];
          break;
        }
  scene->day_ticks_centred = unit == DAY_TICKS_DAYS;

  for (guint r = 0; r < scene->n_rows; r++)
    {
      g_autoptr(GDateTime) date = row_date (scene, r);
      int year = g_date_time_get_year (date);
      char *label;

      if (!is_tick_day (date, unit, month_step))
        continue;
      /* Translators: g_date_time_format() formats of the heatmap's day axis:
       * a day of the month, a Monday ("6 Jan"), a month ("Jan"). */
      label = g_date_time_format (date, unit == DAY_TICKS_DAYS ? _("%-d")
                                        : unit == DAY_TICKS_WEEKS ? _("%-d %b") : _("%b"));
      add_tick (scene->day_ticks, scene->plot_x + r * per_day, label,
                year != last_year ? g_strdup_printf ("%d", year) : NULL);
      last_year = year;
    }
}

static void
copy_grid (CourantHeatmapScene  *scene,
           const CourantHeatmap *heatmap)
{
  gsize n = (gsize) heatmap->n_rows * heatmap->n_slots;

  scene->n_rows = heatmap->n_rows;
  scene->n_slots = heatmap->n_slots;
  scene->slot_minutes = heatmap->slot_minutes;
  scene->first_day = heatmap->first_day;
  scene->is_profile = heatmap->is_profile;
  scene->agg = heatmap->agg;
  scene->values = g_memdup2 (heatmap->values, MAX (n, 1) * sizeof (double));
  scene->counts = g_memdup2 (heatmap->counts, MAX (n, 1) * sizeof (guint32));
}

/* The widest label of the legend's range, for its column. */
static double
legend_label_width (const CourantHeatmapScene *scene,
                    PangoContext              *context,
                    const CourantTheme        *theme)
{
  double widest = 0, w, h;

  for (guint i = 0; i < 2; i++)
    {
      double v = i == 0 ? scene->value_min : scene->value_max;
      g_autofree char *text = courant_format_number (v, value_decimals (scene->value_max - scene->value_min));

      courant_text_measure (context, theme, COURANT_TEXT_LABEL, text, &w, &h);
      widest = MAX (widest, w);
    }
  /* The scale's rounder ticks can take a digit more than the extremes. */
  courant_text_measure (context, theme, COURANT_TEXT_LABEL, "0", &w, &h);
  return widest + w;
}

static void
lay_out (CourantHeatmapScene *scene,
         PangoContext        *context,
         const CourantTheme  *theme)
{
  double margin = courant_theme_px (theme, MARGIN);
  double gap = courant_theme_px (theme, GAP);
  double time_width, label_height, title_height = 0, legend_title_width, legend_title_height;
  double day_label_width, w, top, right;

  courant_text_measure (context, theme, COURANT_TEXT_LABEL, "00:00", &time_width, &label_height);
  /* Translators: the widest label of the heatmap's day axis, to measure. */
  courant_text_measure (context, theme, COURANT_TEXT_LABEL, _("30 Sept"), &day_label_width, &w);
  courant_text_measure (context, theme, COURANT_TEXT_TITLE, scene->legend_title,
                        &legend_title_width, &legend_title_height);
  if (scene->title != NULL)
    courant_text_measure (context, theme, COURANT_TEXT_TITLE, scene->title, &w, &title_height);

  top = margin + (title_height > 0 ? title_height + gap : 0);
  right = courant_theme_px (theme, LEGEND_GAP) + courant_theme_px (theme, LEGEND_WIDTH) + gap +
          legend_label_width (scene, context, theme);
  right = MAX (right, legend_title_width);

  /* Whole pixels, so that the cells' edges fall on the pixel grid. */
  scene->plot_x = ceil (margin + time_width + gap);
  scene->plot_y = ceil (top + legend_title_height + gap);
  scene->plot_width = MAX (1, floor (scene->width - scene->plot_x - right - margin));
  scene->plot_height = MAX (1, floor (scene->height - scene->plot_y - margin -
                                      courant_theme_px (theme, TICK_LENGTH) - 2 * label_height - gap));
  scene->cell_width = scene->n_rows > 0 ? scene->plot_width / scene->n_rows : 0;
  scene->cell_height = scene->n_slots > 0 ? scene->plot_height / scene->n_slots : 0;

  scene->day_label_y = scene->plot_y + scene->plot_height + courant_theme_px (theme, TICK_LENGTH);
  scene->day_context_y = scene->day_label_y + label_height;

  scene->legend_x = scene->plot_x + scene->plot_width + courant_theme_px (theme, LEGEND_GAP);
  scene->legend_y = scene->plot_y;
  scene->legend_width = courant_theme_px (theme, LEGEND_WIDTH);
  scene->legend_height = scene->plot_height;
  /* A title wider than the legend's column ends at the right margin. */
  scene->legend_title_x = MIN (scene->legend_x, scene->width - margin - legend_title_width);

  legend_ticks (scene, label_height);
  time_ticks (scene, label_height);
  day_ticks (scene, day_label_width + courant_theme_px (theme, MIN_LABEL_GAP));
}

CourantHeatmapScene *
courant_heatmap_scene_new (const CourantHeatmap        *heatmap,
                           const CourantHeatmapOptions *options,
                           PangoContext                *context,
                           const CourantTheme          *theme)
{
  CourantHeatmapScene *scene;

  g_return_val_if_fail (heatmap != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  scene = g_new0 (CourantHeatmapScene, 1);
  copy_grid (scene, heatmap);
  scene->title = g_strdup (options->title);
  scene->unit = g_strdup (options->unit);
  scene->width = options->width;
  scene->height = options->height;
  find_range (scene);
  scene->legend_title = make_legend_title (scene);
  lay_out (scene, context, theme);
  return scene;
}

void
courant_heatmap_scene_free (CourantHeatmapScene *scene)
{
  if (scene == NULL)
    return;

  g_free (scene->values);
  g_free (scene->counts);
  g_free (scene->title);
  g_free (scene->unit);
  g_free (scene->legend_title);
  g_clear_pointer (&scene->legend_ticks, g_array_unref);
  g_clear_pointer (&scene->day_ticks, g_array_unref);
  g_clear_pointer (&scene->time_ticks, g_array_unref);
  g_free (scene);
}

gboolean
courant_heatmap_scene_colour (const CourantHeatmapScene *scene,
                              double                     value,
                              CourantRgba               *colour)
{
  double span;

  g_return_val_if_fail (scene != NULL && colour != NULL, FALSE);

  if (isnan (value) || !scene->has_data)
    return FALSE;
  span = scene->value_max - scene->value_min;
  /* A flat grid takes the middle of the ramp rather than its darkest end,
   * which would read as "lowest". */
  *colour = courant_palette_ramp (span > 0 ? (value - scene->value_min) / span : 0.5);
  return TRUE;
}

gboolean
courant_heatmap_scene_pick (const CourantHeatmapScene *scene,
                            double                     x,
                            double                     y,
                            guint                     *row,
                            guint                     *slot)
{
  double r, s;

  g_return_val_if_fail (scene != NULL, FALSE);

  if (scene->n_rows == 0 || scene->n_slots == 0)
    return FALSE;
  r = floor ((x - scene->plot_x) / scene->cell_width);
  s = floor ((y - scene->plot_y) / scene->cell_height);
  if (r < 0 || s < 0 || r >= scene->n_rows || s >= scene->n_slots)
    return FALSE;
  if (row != NULL)
    *row = (guint) r;
  if (slot != NULL)
    *slot = (guint) s;
  return TRUE;
}

void
courant_heatmap_scene_cell_rect (const CourantHeatmapScene *scene,
                                 guint                      row,
                                 guint                      slot,
                                 cairo_rectangle_t         *rect)
{
  g_return_if_fail (scene != NULL && rect != NULL);

  rect->x = scene->plot_x + row * scene->cell_width;
  rect->y = scene->plot_y + slot * scene->cell_height;
  rect->width = scene->cell_width;
  rect->height = scene->cell_height;
}

char *
courant_heatmap_scene_row_label (const CourantHeatmapScene *scene,
                                 guint                      row)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_val_if_fail (scene != NULL && row < scene->n_rows, NULL);

  date = row_date (scene, row);
  /* Translators: g_date_time_format() formats of a heatmap's row: a day of
   * the week ("Mon") in a weekday profile, a date ("Mon 6 Jan 2025"). */
  return g_date_time_format (date, scene->is_profile ? _("%a") : _("%a %-d %b %Y"));
}

char *
courant_heatmap_scene_slot_label (const CourantHeatmapScene *scene,
                                  guint                      slot)
{
  guint start, end;

  g_return_val_if_fail (scene != NULL && slot < scene->n_slots, NULL);

  start = slot * scene->slot_minutes;
  end = start + scene->slot_minutes;
  return g_strdup_printf ("%02u:%02u–%02u:%02u", start / 60, start % 60, end / 60, end % 60);
}

char *
courant_heatmap_scene_value_label (const CourantHeatmapScene *scene,
                                   guint                      row,
                                   guint                      slot)
{
  double value;

  g_return_val_if_fail (scene != NULL && row < scene->n_rows && slot < scene->n_slots, NULL);

  value = scene->values[(gsize) row * scene->n_slots + slot];
  if (isnan (value))
    return g_strdup (_("No data"));
  if (scene->agg == COURANT_AGG_COUNT || scene->unit == NULL)
    return courant_format_number (value, value_decimals (value));
  return courant_format_number_with_unit (value, value_decimals (value), scene->unit);
}

char *
courant_heatmap_scene_describe (const CourantHeatmapScene *scene,
                                guint                      row,
                                guint                      slot)
{
  g_autofree char *day = NULL, *time = NULL, *value = NULL, *readings = NULL;
  guint32 count;

  g_return_val_if_fail (scene != NULL && row < scene->n_rows && slot < scene->n_slots, NULL);

  day = courant_heatmap_scene_row_label (scene, row);
  time = courant_heatmap_scene_slot_label (scene, slot);
  value = courant_heatmap_scene_value_label (scene, row, slot);
  count = scene->counts[(gsize) row * scene->n_slots + slot];
  /* A profile's cells gather thousands of readings: "3 090" in French. */
  readings = courant_format_number (count, 0);
  /* Translators: a heatmap cell: the day, the slot, the value and how many
   * readings it is made of, "Mon 6 Jan 2025, 08:00–08:30: 12.5 kWh (60 readings)". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s: %s (%s reading)",
                                       "%s, %s: %s (%s readings)", count),
                          day, time, value, readings);
}
