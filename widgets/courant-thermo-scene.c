/* courant-thermo-scene.c: the layout of a thermosensitivity chart
 *
 * Temperature runs along x and consumption up y. The axes' domains cover
 * the points and the model; consumption starts at zero when every value is
 * positive, so that the baseload reads as a share of the whole. The box of
 * the model's figures goes in the corner of the plot that hides the fewest
 * points: the warm and light one for a heating-only building.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "courant-format.h"
#include "courant-palette.h"
#include "courant-text.h"
#include "courant-thermo-scene.h"

/* Farther than this from every point, the pointer is over none. */
#define PICK_DISTANCE 8.0

/* Of the data's span, added around it before the axes round it. */
#define MARGIN 0.03

/* Palette entries of Okabe and Ito's colour-blind-safe palette: blue
 * winter, bluish green spring, orange summer, reddish purple autumn. */
static const guint season_colours[COURANT_THERMO_N_SEASONS] = { 0, 2, 1, 5 };

CourantThermoSeason
courant_thermo_season_of (gint64     time_ms,
                          GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = courant_date_time_new_from_ms (time_ms, tz != NULL ? tz
                                                           : courant_time_zone_get_default ());
  int month = dt != NULL ? g_date_time_get_month (dt) : 1;

  return (CourantThermoSeason) ((month % 12) / 3);
}

const char *
courant_thermo_season_name (CourantThermoSeason season)
{
  switch (season)
    {
    case COURANT_THERMO_WINTER:
      return _("Winter");
    case COURANT_THERMO_SPRING:
      return _("Spring");
    case COURANT_THERMO_SUMMER:
      return _("Summer");
    case COURANT_THERMO_AUTUMN:
      return _("Autumn");
    case COURANT_THERMO_N_SEASONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

CourantRgba
courant_thermo_season_colour (CourantThermoSeason season,
                              gboolean            dark)
{
  g_return_val_if_fail (season < COURANT_THERMO_N_SEASONS, courant_palette_get (dark, 7));

  return courant_palette_get (dark, season_colours[season]);
}

/* Three significant digits, which is what a fit is worth. */
static int
decimals_for (double value)
{
  double magnitude = fabs (value);

  return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
}

static char *
format_value (double      value,
              const char *unit)
{
  if (unit == NULL || unit[0] == '\0')
    return courant_format_number (value, decimals_for (value));
  return courant_format_number_with_unit (value, decimals_for (value), unit);
}

GPtrArray *
courant_thermo_model_figures (const CourantThermo *model,
                              const char          *unit)
{
  GPtrArray *figures = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *per_degree = NULL;
  g_autofree char *base = NULL, *slope = NULL, *baseload = NULL, *r2 = NULL;

  g_return_val_if_fail (model != NULL, figures);

  /* Translators: the unit of a slope: kWh per degree Celsius. */
  per_degree = unit != NULL && unit[0] != '\0' ? g_strdup_printf (_("%s/°C"), unit) : g_strdup (_("per °C"));
  base = courant_format_number_with_unit (model->base_temperature, 1, "°C");
  slope = format_value (model->slope, per_degree);
  baseload = format_value (model->baseload, unit);
  r2 = courant_format_number (model->r2, 2);
  /* Translators: the model's figures in the thermosensitivity chart. */
  g_ptr_array_add (figures, g_strdup_printf (_("Base temperature %s"), base));
  g_ptr_array_add (figures, g_strdup_printf (_("Heating slope %s"), slope));
  g_ptr_array_add (figures, g_strdup_printf (_("Baseload %s"), baseload));
  if (model->has_cooling)
    {
      g_autofree char *cool_base = courant_format_number_with_unit (model->cooling_base, 1, "°C");
      g_autofree char *cool_slope = format_value (model->cooling_slope, per_degree);

      /* Translators: the cooling branch: its base temperature and slope. */
      g_ptr_array_add (figures, g_strdup_printf (_("Cooling above %s: %s"), cool_base, cool_slope));
    }
  g_ptr_array_add (figures, g_strdup_printf (_("R² %s"), r2));
  return figures;
}

/* The model's value at @t. */
static double
model_at (const CourantThermo *model,
          double               t)
{
  double v = model->baseload + model->slope * MAX (0, model->base_temperature - t);

  if (model->has_cooling)
    v += model->cooling_slope * MAX (0, t - model->cooling_base);
  return v;
}

static void
add_segment (CourantThermoScene *self,
             double              t0,
             double              t1)
{
  CourantThermoSegment segment = { 0 };

  if (t1 <= t0)
    return;
  segment.t0 = t0;
  segment.t1 = t1;
  segment.v0 = model_at (self->model, t0);
  segment.v1 = model_at (self->model, t1);
  g_array_append_val (self->segments, segment);
}

/* Heating slope below the base temperature, flat baseload above, and the
 * cooling slope above its base, over the range of the points. */
static void
make_segments (CourantThermoScene *self,
               double              t_min,
               double              t_max)
{
  const CourantThermo *model = self->model;
  double base = CLAMP (model->base_temperature, t_min, t_max);
  double cool = model->has_cooling ? CLAMP (model->cooling_base, base, t_max) : t_max;

  add_segment (self, t_min, base);
  add_segment (self, base, cool);
  add_segment (self, cool, t_max);
}

static void
compute_domains (CourantThermoScene *self,
                 double             *t_min,
                 double             *t_max,
                 double             *v_min,
                 double             *v_max)
{
  *t_min = *v_min = INFINITY;
  *t_max = *v_max = -INFINITY;
  for (gsize i = 0; i < self->n_points; i++)
    {
      *t_min = MIN (*t_min, self->temperatures[i]);
      *t_max = MAX (*t_max, self->temperatures[i]);
      *v_min = MIN (*v_min, self->values[i]);
      *v_max = MAX (*v_max, self->values[i]);
    }
  if (self->n_points == 0)
    {
      *t_min = 0;
      *t_max = 20;
      *v_min = *v_max = 0;
    }
  if (self->model != NULL)
    {
      make_segments (self, *t_min, *t_max);
      for (guint i = 0; i < self->segments->len; i++)
        {
          const CourantThermoSegment *s = &g_array_index (self->segments, CourantThermoSegment, i);

          *v_min = MIN (*v_min, MIN (s->v0, s->v1));
          *v_max = MAX (*v_max, MAX (s->v0, s->v1));
        }
    }
  if (*v_min >= 0)
    *v_min = 0;
  if (*v_max <= *v_min)
    *v_max = *v_min + 1;
  if (*t_max <= *t_min)
    {
      *t_min -= 1;
      *t_max += 1;
    }
  /* A margin, so that no point is cut in half by the plot's edge even
   * when the nice domain ends on it. */
  *v_max += (*v_max - *v_min) * MARGIN;
  if (*v_min < 0)
    *v_min -= (*v_max - *v_min) * MARGIN;
  {
    double span = *t_max - *t_min;

    *t_min -= span * MARGIN;
    *t_max += span * MARGIN;
  }
}

static double
layout_legend (CourantThermoScene *self,
               double              top,
               PangoContext       *context,
               const CourantTheme *theme)
{
  double pad = courant_theme_px (theme, 8), swatch = courant_theme_px (theme, 12);
  double x = pad, row_height = 0, rows_height = 0;

  for (guint s = 0; s < COURANT_THERMO_N_SEASONS; s++)
    {
      CourantThermoLegendEntry entry = { 0 };
      double text_width, text_height;

      if (self->season_counts[s] == 0)
        continue;
      entry.season = s;
      entry.label = g_strdup (courant_thermo_season_name (s));
      courant_text_measure (context, theme, COURANT_TEXT_LABEL, entry.label, &text_width, &text_height);
      entry.width = swatch + pad / 2 + text_width;
      entry.height = MAX (text_height, swatch);
      if (x + entry.width > self->width - pad && x > pad)
        {
          x = pad;
          rows_height += row_height + pad / 2;
          row_height = 0;
        }
      entry.x = x;
      entry.y = top + rows_height;
      x += entry.width + 2 * pad;
      row_height = MAX (row_height, entry.height);
      g_array_append_val (self->legend, entry);
    }
  return self->legend->len > 0 ? rows_height + row_height + pad : 0;
}

static CourantAxis *
make_x_axis (CourantThermoScene *self,
             PangoContext       *context,
             const CourantTheme *theme)
{
  const char *title = self->hourly ? _("Mean temperature of the hour (°C)") : _("Mean temperature of the day (°C)");

  return courant_axis_new_linear (COURANT_AXIS_BOTTOM, &self->x_scale, self->plot_y + self->plot_height,
                                  NULL, title, context, theme);
}

static CourantAxis *
make_y_axis (CourantThermoScene *self,
             PangoContext       *context,
             const CourantTheme *theme)
{
  g_autofree char *title = NULL;

  if (self->unit != NULL)
    /* Translators: the title of the consumption axis, with its unit. */
    title = g_strdup_printf (self->hourly ? _("Consumption per hour (%s)") : _("Consumption per day (%s)"),
                             self->unit);
  else
    title = g_strdup (self->hourly ? _("Consumption per hour") : _("Consumption per day"));
  return courant_axis_new_linear (COURANT_AXIS_LEFT, &self->y_scale, self->plot_x, NULL, title, context, theme);
}

static void
set_scales (CourantThermoScene *self,
            const double        domain[4])
{
  courant_linear_scale_init (&self->x_scale, domain[0], domain[1], self->plot_x, self->plot_x + self->plot_width);
  courant_linear_scale_init (&self->y_scale, domain[2], domain[3], self->plot_y + self->plot_height, self->plot_y);
  courant_linear_scale_nice (&self->x_scale, courant_scale_tick_count (self->plot_width, 70));
  courant_linear_scale_nice (&self->y_scale, courant_scale_tick_count (self->plot_height, 40));
}

/* The axes are measured on a first guess of the plot, then made again on
 * the final one: their labels decide the margins. */
static void
layout_axes (CourantThermoScene *self,
             double              top,
             const double        domain[4],
             PangoContext       *context,
             const CourantTheme *theme)
{
  double pad = courant_theme_px (theme, 8), left;
  g_autoptr(CourantAxis) x_guess = NULL;
  g_autoptr(CourantAxis) y_guess = NULL;

  self->plot_x = pad;
  self->plot_y = top;
  self->plot_width = MAX (1, self->width - 2 * pad);
  self->plot_height = MAX (1, self->height - top - pad);
  set_scales (self, domain);
  x_guess = make_x_axis (self, context, theme);
  self->plot_height = MAX (1, self->height - top - courant_axis_get_thickness (x_guess, theme) - pad);
  set_scales (self, domain);
  y_guess = make_y_axis (self, context, theme);
  left = MAX (pad, courant_axis_get_thickness (y_guess, theme) + pad / 2);
  left = MAX (left, x_guess->overhang_start + pad / 2);
  self->plot_x = left;
  self->plot_width = MAX (1, self->width - left - MAX (pad, x_guess->overhang_end + pad / 2));
  set_scales (self, domain);
  self->x_axis = make_x_axis (self, context, theme);
  self->x_axis->grid_length = self->plot_height;
  self->y_axis = make_y_axis (self, context, theme);
  self->y_axis->grid_length = self->plot_width;
}

static void
place_points (CourantThermoScene *self)
{
  for (gsize i = 0; i < self->n_points; i++)
    {
      CourantThermoPoint *point = &self->points[i];

      point->x = courant_linear_scale_map (&self->x_scale, self->temperatures[i]);
      point->y = courant_linear_scale_map (&self->y_scale, self->values[i]);
    }
  for (guint i = 0; i < self->segments->len; i++)
    {
      CourantThermoSegment *s = &g_array_index (self->segments, CourantThermoSegment, i);

      s->x0 = courant_linear_scale_map (&self->x_scale, s->t0);
      s->x1 = courant_linear_scale_map (&self->x_scale, s->t1);
      s->y0 = courant_linear_scale_map (&self->y_scale, s->v0);
      s->y1 = courant_linear_scale_map (&self->y_scale, s->v1);
    }
}

static guint
count_points_in (const CourantThermoScene *self,
                 double                    x,
                 double                    y,
                 double                    width,
                 double                    height)
{
  guint count = 0;

  for (gsize i = 0; i < self->n_points; i++)
    {
      const CourantThermoPoint *p = &self->points[i];

      count += p->x >= x && p->x < x + width && p->y >= y && p->y < y + height;
    }
  return count;
}

/* The figures' box, in the plot's corner that hides the fewest points. */
static void
layout_figures (CourantThermoScene *self,
                PangoContext       *context,
                const CourantTheme *theme)
{
  double pad = courant_theme_px (theme, 6), width = 0, height = 0;
  guint best = G_MAXUINT;

  if (self->model == NULL)
    return;
  self->figures = courant_thermo_model_figures (self->model, self->unit);
  for (guint i = 0; i < self->figures->len; i++)
    {
      double w, h;

      courant_text_measure (context, theme, COURANT_TEXT_LABEL, g_ptr_array_index (self->figures, i), &w, &h);
      width = MAX (width, w);
      self->line_height = MAX (self->line_height, h);
    }
  height = self->figures->len * self->line_height;
  self->box_width = width + 2 * pad;
  self->box_height = height + 2 * pad;
  /* Too small a plot draws no box rather than one that hides it all. */
  if (self->box_width > self->plot_width - 2 * pad || self->box_height > self->plot_height - 2 * pad)
    {
      self->box_width = self->box_height = 0;
      return;
    }
  for (guint corner = 0; corner < 4; corner++)
    {
      /* Top right first: a heating-only cloud leaves it empty. */
      double x = corner % 2 == 0 ? self->plot_x + self->plot_width - pad - self->box_width : self->plot_x + pad;
      double y = corner < 2 ? self->plot_y + pad : self->plot_y + self->plot_height - pad - self->box_height;
      guint count = count_points_in (self, x, y, self->box_width, self->box_height);

      if (count < best)
        {
          best = count;
          self->box_x = x;
          self->box_y = y;
        }
    }
}

static void
legend_entry_clear (gpointer data)
{
  CourantThermoLegendEntry *entry = data;

  g_free (entry->label);
}

CourantThermoScene *
courant_thermo_scene_new (const CourantThermoOptions *options,
                          PangoContext               *context,
                          const CourantTheme         *theme)
{
  CourantThermoScene *self;
  double pad, top, domain[4];

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->n == 0 || (options->temperatures != NULL && options->values != NULL), NULL);
  g_return_val_if_fail (options->width > 0 && options->height > 0, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  self = g_new0 (CourantThermoScene, 1);
  self->width = options->width;
  self->height = options->height;
  self->title = g_strdup (options->title);
  self->unit = g_strdup (options->unit);
  self->hourly = options->hourly;
  self->tz = g_time_zone_ref (options->tz != NULL ? options->tz : courant_time_zone_get_default ());
  self->temperatures = options->temperatures;
  self->values = options->values;
  self->times = options->times;
  self->n_points = options->n;
  self->model = options->model;
  self->points = g_new0 (CourantThermoPoint, MAX (1, options->n));
  self->segments = g_array_new (FALSE, TRUE, sizeof (CourantThermoSegment));
  self->legend = g_array_new (FALSE, TRUE, sizeof (CourantThermoLegendEntry));
  g_array_set_clear_func (self->legend, legend_entry_clear);
  self->radius = courant_theme_px (theme, options->n > 2000 ? 1.5 : 2.5);

  for (gsize i = 0; i < self->n_points; i++)
    {
      self->points[i].season = self->times != NULL ? (int) courant_thermo_season_of (self->times[i], self->tz) : -1;
      if (self->points[i].season >= 0)
        self->season_counts[self->points[i].season]++;
    }

  pad = courant_theme_px (theme, 8);
  top = pad;
  if (self->title != NULL)
    {
      double title_height;

      courant_text_measure (context, theme, COURANT_TEXT_TITLE, self->title, NULL, &title_height);
      top += title_height + pad / 2;
    }
  top += layout_legend (self, top, context, theme);
  compute_domains (self, &domain[0], &domain[1], &domain[2], &domain[3]);
  layout_axes (self, top, domain, context, theme);
  place_points (self);
  layout_figures (self, context, theme);
  return self;
}

void
courant_thermo_scene_free (CourantThermoScene *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->x_axis, courant_axis_free);
  g_clear_pointer (&self->y_axis, courant_axis_free);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->points);
  g_free (self->title);
  g_free (self->unit);
  g_free (self);
}

int
courant_thermo_scene_pick (const CourantThermoScene *self,
                           double                    x,
                           double                    y)
{
  double best = PICK_DISTANCE * PICK_DISTANCE;
  int found = -1;

  g_return_val_if_fail (self != NULL, -1);

  for (gsize i = 0; i < self->n_points; i++)
    {
      double dx = self->points[i].x - x, dy = self->points[i].y - y, d = dx * dx + dy * dy;

      if (d <= best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

char *
courant_thermo_scene_dup_point_text (const CourantThermoScene *self,
                                     gsize                     index)
{
  g_autofree char *when = NULL, *temperature = NULL, *value = NULL;

  g_return_val_if_fail (self != NULL && index < self->n_points, NULL);

  if (self->times != NULL)
    when = self->hourly ? courant_format_date_time (self->times[index], self->tz)
                        : courant_format_date (self->times[index], self->tz);
  temperature = courant_format_number_with_unit (self->temperatures[index], 1, "°C");
  value = format_value (self->values[index], self->unit);
  if (when == NULL)
    /* Translators: a point of the thermosensitivity chart: its temperature and consumption. */
    return g_strdup_printf (_("%s · %s"), temperature, value);
  /* Translators: a point of the thermosensitivity chart: its day (or hour), temperature and consumption. */
  return g_strdup_printf (_("%s · %s · %s"), when, temperature, value);
}

char *
courant_thermo_scene_dup_model_text (const CourantThermoScene *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->figures == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < self->figures->len; i++)
    {
      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, g_ptr_array_index (self->figures, i));
    }
  return g_string_free (text, FALSE);
}
