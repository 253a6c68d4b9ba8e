/* courant-journey-scene.c: the scene of one customer's journey
 *
 * The lanes and the curves under them share one time plot: the curves are
 * a series timeline's scene, whose left axis decides where the plot
 * starts, so the scene is made again a little narrower and moved right
 * when the channels' names need more room than that axis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "courant-format.h"
#include "courant-journey-scene.h"
#include "courant-labels.h"
#include "courant-palette.h"
#include "courant-scale.h"
#include "courant-text.h"

#define LANE_MIN       18   /* px */
#define LANE_MAX       44
#define LANE_MAX_ALONE 72   /* without curves under the lanes */
#define CURVE_MIN     140   /* the curves' least height, px */
#define LANES_SHARE   0.5   /* of the height, with curves */

static void
lane_clear (gpointer data)
{
  g_free (((CourantJourneyLane *) data)->label);
}

static void
kind_clear (gpointer data)
{
  g_free (((CourantJourneyKind *) data)->label);
}

void
courant_journey_scene_free (CourantJourneyScene *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->kinds, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->time_axis, courant_axis_free);
  g_clear_pointer (&self->curve, courant_timeline_scene_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self);
}

/* A kind's colour is its event's in @palette, the same as in the
 * table's Sankey; its shape is its style's, so that two kinds that share a
 * colour (past the palette's size) still look apart. */
static void
style_kind (CourantJourneyKind *kind,
            const char         *name,
            guint               style,
            CourantPaletteMap  *palette,
            const CourantTheme *theme)
{
  kind->colour = courant_palette_map_get (palette, name, theme->dark);
  kind->shape = style % COURANT_JOURNEY_N_SHAPES;
}

static void
add_kinds (CourantJourneyScene         *self,
           const CourantJourneyOptions *options,
           const CourantTheme          *theme)
{
  const GPtrArray *names = self->journey->event_names;
  g_autoptr(CourantPaletteMap) palette = NULL;

  if (options->palette != NULL)
    {
      palette = courant_palette_map_ref (options->palette);
    }
  else
    {
      g_autofree const char **labels = g_new0 (const char *, names->len + 1);

      for (guint i = 0; i < names->len; i++)
        labels[i] = g_ptr_array_index (names, i);
      palette = courant_palette_map_new ();
      courant_palette_map_assign (palette, labels);
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      guint style = i;
      CourantJourneyKind kind = { 0 };

      if (options->styles != NULL && g_hash_table_contains (options->styles, name))
        style = GPOINTER_TO_UINT (g_hash_table_lookup (options->styles, name)) - 1;
      kind.label = courant_label_display (name);
      style_kind (&kind, name, style, palette, theme);
      g_array_append_val (self->kinds, kind);
    }
}

/* The legend of the kinds of events, wrapped in rows above the lanes;
 * returns its height. */
static double
layout_legend (CourantJourneyScene *self,
               double               top,
               PangoContext        *context,
               const CourantTheme  *theme)
{
  double pad = courant_theme_px (theme, 8), gap = courant_theme_px (theme, 14);
  double swatch = 2 * self->mark_radius + courant_theme_px (theme, 4);
  double x = pad, y = top, row = 0;

  for (guint i = 0; i < self->kinds->len; i++)
    {
      CourantJourneyKind *kind = &g_array_index (self->kinds, CourantJourneyKind, i);
      double width, height;

      courant_text_measure (context, theme, COURANT_TEXT_LABEL, kind->label, &width, &height);
      width += swatch;
      if (x > pad && x + width > self->width - pad)
        {
          x = pad;
          y += row + pad / 2;
        }
      kind->x = x;
      kind->y = y;
      kind->width = width;
      kind->height = MAX (height, swatch);
      row = kind->height;
      x += width + gap;
    }
  return self->kinds->len > 0 ? y + row - top + pad : 0;
}

static double
lane_label_width (CourantJourneyScene *self,
                  PangoContext        *context,
                  const CourantTheme  *theme)
{
  double widest = 0;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      const CourantJourneyLane *lane = &g_array_index (self->lanes, CourantJourneyLane, i);
      double width;

      courant_text_measure (context, theme, COURANT_TEXT_LABEL, lane->label, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest + 2 * courant_theme_px (theme, 8);
}

static CourantTimelineScene *
make_curve (CourantJourneyScene         *self,
            double                       width,
            double                       height,
            PangoContext                *context,
            const CourantTheme          *theme)
{
  const CourantJourney *journey = self->journey;
  CourantTimelineSeriesSpec specs[2] = { { 0 } };
  CourantTimelineOptions options = { 0 };
  g_autofree char *temperature = NULL;
  guint n = 0;

  specs[n].name = _("Consumption");
  specs[n].unit = _("kWh per hour");
  specs[n].data = (CourantTimelineData) { journey->consumption->times, journey->consumption->values,
                                          journey->consumption->n, journey->consumption->lod };
  specs[n].side = COURANT_TIMELINE_LEFT;
  specs[n].colour = 0;
  n++;
  if (journey->temperature != NULL)
    {
      /* Translators: the temperature of a region, “Temperature (Bretagne)”. */
      temperature = g_strdup_printf (_("Temperature (%s)"), journey->region);
      specs[n].name = temperature;
      specs[n].unit = "°C";
      specs[n].data = (CourantTimelineData) { journey->temperature->times, journey->temperature->values,
                                              journey->temperature->n, journey->temperature->lod };
      specs[n].side = COURANT_TIMELINE_RIGHT;
      specs[n].colour = 3;
      n++;
    }
  options.t0 = self->t0;
  options.t1 = self->t1;
  options.tz = self->tz;
  options.width = MAX (16, width);
  options.height = MAX (16, height);
  options.scale = self->scale;
  return courant_timeline_scene_new (specs, n, &options, context, theme);
}

/* The curves under the lanes, moved right when the lanes' names are wider
 * than the curves' left axis. */
static void
layout_curve (CourantJourneyScene *self,
              double               top,
              double               label_width,
              PangoContext        *context,
              const CourantTheme  *theme)
{
  double height = self->height - top;

  self->curve_x = 0;
  self->curve_y = top;
  self->curve = make_curve (self, self->width, height, context, theme);
  if (self->curve->plot_x < label_width)
    {
      self->curve_x = label_width - self->curve->plot_x;
      courant_timeline_scene_free (self->curve);
      self->curve = make_curve (self, self->width - self->curve_x, height, context, theme);
    }
  self->plot_x = self->curve_x + self->curve->plot_x;
  self->plot_width = self->curve->plot_width;
}

static void
layout_time_axis (CourantJourneyScene *self,
                  double               label_width,
                  PangoContext        *context,
                  const CourantTheme  *theme)
{
  double pad = courant_theme_px (theme, 8);
  g_auto(CourantTimeScale) scale = { 0 };

  self->plot_x = label_width;
  self->plot_width = MAX (1, floor ((self->width - label_width - 2 * pad) * self->scale) / self->scale);
  courant_time_scale_init (&scale, self->t0, self->t1, self->plot_x, self->plot_x + self->plot_width, self->tz);
  self->time_axis = courant_axis_new_time (COURANT_AXIS_BOTTOM, &scale, self->lanes_y + self->lanes_height,
                                           NULL, context, theme);
}

static void
add_lanes (CourantJourneyScene *self)
{
  const GPtrArray *names = self->journey->channel_names;

  for (guint i = 0; i < names->len; i++)
    {
      CourantJourneyLane lane = { 0 };

      lane.label = courant_label_display (g_ptr_array_index (names, i));
      g_array_append_val (self->lanes, lane);
    }
}

static void
place_lanes (CourantJourneyScene *self,
             double               top,
             double               height)
{
  guint n = MAX (1, self->lanes->len);
  double lane = CLAMP (height / n, 1, self->journey->consumption != NULL ? LANE_MAX : LANE_MAX_ALONE);

  self->lanes_y = top;
  self->lanes_height = lane * self->lanes->len;
  for (guint i = 0; i < self->lanes->len; i++)
    {
      CourantJourneyLane *entry = &g_array_index (self->lanes, CourantJourneyLane, i);

      entry->y = top + i * lane;
      entry->height = lane;
    }
}

static void
place_marks (CourantJourneyScene *self)
{
  const CourantJourney *journey = self->journey;

  for (guint i = 0; i < journey->n_events; i++)
    {
      const CourantJourneyLane *lane;
      CourantJourneyMark mark;

      if (journey->times[i] < self->t0 || journey->times[i] >= self->t1)
        continue;
      lane = &g_array_index (self->lanes, CourantJourneyLane, journey->channels[i]);
      mark.event = i;
      mark.kind = journey->events[i];
      mark.lane = journey->channels[i];
      mark.x = courant_journey_scene_time_to_x (self, journey->times[i]);
      mark.y = lane->y + lane->height / 2;
      g_array_append_val (self->marks, mark);
    }
}

static void
layout (CourantJourneyScene *self,
        PangoContext        *context,
        const CourantTheme  *theme)
{
  double pad = courant_theme_px (theme, 8), top = pad;
  double label_width = lane_label_width (self, context, theme);
  double room, lanes;

  top += layout_legend (self, top, context, theme);
  room = MAX (1, self->height - top);
  if (self->journey->consumption != NULL)
    {
      lanes = MIN (self->lanes->len * LANE_MAX, MAX (room * LANES_SHARE, room - CURVE_MIN));
      place_lanes (self, top, MAX (lanes, self->lanes->len * LANE_MIN));
      layout_curve (self, self->lanes_y + self->lanes_height, label_width, context, theme);
      return;
    }
  /* The axis is measured first: its labels decide the lanes' room. */
  place_lanes (self, top, room);
  layout_time_axis (self, label_width, context, theme);
  place_lanes (self, top, room - courant_axis_get_thickness (self->time_axis, theme) - pad);
  g_clear_pointer (&self->time_axis, courant_axis_free);
  layout_time_axis (self, label_width, context, theme);
  self->time_axis->grid_length = self->lanes_height;
}

CourantJourneyScene *
courant_journey_scene_new (const CourantJourney        *journey,
                           const CourantJourneyOptions *options,
                           PangoContext                *context,
                           const CourantTheme          *theme)
{
  CourantJourneyScene *self;

  g_return_val_if_fail (journey != NULL, NULL);
  g_return_val_if_fail (options != NULL && options->t0 < options->t1, NULL);
  g_return_val_if_fail (options->width > 0 && options->height > 0, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  self = g_new0 (CourantJourneyScene, 1);
  self->journey = journey;
  self->width = options->width;
  self->height = options->height;
  self->scale = options->scale > 0 ? options->scale : 1;
  self->t0 = options->t0;
  self->t1 = options->t1;
  self->tz = g_time_zone_ref (options->tz != NULL ? options->tz : courant_time_zone_get_default ());
  self->mark_radius = courant_theme_px (theme, 5);
  self->lanes = g_array_new (FALSE, TRUE, sizeof (CourantJourneyLane));
  g_array_set_clear_func (self->lanes, lane_clear);
  self->kinds = g_array_new (FALSE, TRUE, sizeof (CourantJourneyKind));
  g_array_set_clear_func (self->kinds, kind_clear);
  self->marks = g_array_new (FALSE, TRUE, sizeof (CourantJourneyMark));

  add_kinds (self, options, theme);
  add_lanes (self);
  layout (self, context, theme);
  place_marks (self);
  return self;
}

double
courant_journey_scene_time_to_x (const CourantJourneyScene *self,
                                 gint64                     time_ms)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->plot_x + (double) (time_ms - self->t0) * self->plot_width / (double) (self->t1 - self->t0);
}

gint64
courant_journey_scene_x_to_time (const CourantJourneyScene *self,
                                 double                     x)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->t0 + (gint64) round ((x - self->plot_x) * (double) (self->t1 - self->t0) / self->plot_width);
}

int
courant_journey_scene_pick (const CourantJourneyScene *self,
                            double                     x,
                            double                     y)
{
  double reach, best = G_MAXDOUBLE;
  int found = -1;

  g_return_val_if_fail (self != NULL, -1);

  reach = self->mark_radius + 3;
  for (guint i = 0; i < self->marks->len; i++)
    {
      const CourantJourneyMark *mark = &g_array_index (self->marks, CourantJourneyMark, i);
      const CourantJourneyLane *lane = &g_array_index (self->lanes, CourantJourneyLane, mark->lane);
      double dx = fabs (mark->x - x);

      if (y < lane->y || y >= lane->y + lane->height || fabs (mark->y - y) > reach || dx > reach)
        continue;
      if (dx < best)
        {
          best = dx;
          found = i;
        }
    }
  return found;
}

int
courant_journey_scene_find_event (const CourantJourneyScene *self,
                                  guint                      event)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->marks->len; i++)
    if (g_array_index (self->marks, CourantJourneyMark, i).event == event)
      return i;
  return -1;
}

char *
courant_journey_scene_dup_event_text (const CourantJourneyScene *self,
                                      guint                      event)
{
  const CourantJourney *journey;
  g_autofree char *name = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (event < self->journey->n_events, NULL);

  journey = self->journey;
  name = courant_label_display (g_ptr_array_index (journey->event_names, journey->events[event]));
  channel = courant_label_display (g_ptr_array_index (journey->channel_names, journey->channels[event]));
  when = courant_format_date_time (journey->times[event], self->tz);
  return g_strdup_printf ("%s\n%s\n%s", name, channel, when);
}

GArray *
courant_journey_scene_get_grid (const CourantJourneyScene *self)
{
  const CourantAxis *axis;
  GArray *grid = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_val_if_fail (self != NULL, grid);

  axis = self->curve != NULL ? self->curve->time_axis : self->time_axis;
  if (axis == NULL)
    return grid;
  for (guint i = 0; i < axis->ticks->len; i++)
    {
      double x = g_array_index (axis->ticks, CourantAxisTick, i).position + self->curve_x;

      g_array_append_val (grid, x);
    }
  return grid;
}
