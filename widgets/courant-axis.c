/* courant-axis.c: the scene and renderer of a chart axis
 *
 * The scene takes ticks from a scale, measures every label with Pango and
 * decides which labels to show: if neighbours would overlap, every other
 * label is dropped (keeping the major ones, such as midnight or zero),
 * then every other again, until none overlap. Ticks and grid lines stay
 * at every step. The renderer draws grid lines, the axis line, the ticks,
 * the labels, the context line of time axes and the title.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "courant-axis.h"
#include "courant-text.h"

/* Lengths in px before the theme's scale. */
#define TICK_LENGTH        5.0
#define LABEL_PADDING      3.0
#define HORIZONTAL_GAP     8.0    /* between labels side by side */
#define VERTICAL_GAP       2.0    /* between labels stacked */
#define HORIZONTAL_SPACING 80.0   /* first guess of the room a label takes */
#define VERTICAL_SPACING   40.0
#define LINE_WIDTH         1.0

static void
axis_tick_clear (gpointer data)
{
  CourantAxisTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
  g_clear_pointer (&tick->context, g_free);
}

static gboolean
is_horizontal (const CourantAxis *self)
{
  return self->position == COURANT_AXIS_BOTTOM;
}

static CourantAxis *
axis_new (CourantAxisPosition  position,
          double               offset,
          double               start,
          double               end,
          const char          *title)
{
  CourantAxis *self = g_new0 (CourantAxis, 1);

  self->position = position;
  self->offset = offset;
  self->start = MIN (start, end);
  self->end = MAX (start, end);
  self->title = g_strdup (title);
  self->ticks = g_array_new (FALSE, TRUE, sizeof (CourantAxisTick));
  g_array_set_clear_func (self->ticks, axis_tick_clear);
  return self;
}

/* Moves the label and context of @tick into a new tick of the axis. */
static void
axis_add_tick (CourantAxis *self,
               CourantTick *tick,
               double       position)
{
  CourantAxisTick axis_tick = {
    .position = position,
    .label = g_steal_pointer (&tick->label),
    .context = g_steal_pointer (&tick->context),
    .major = tick->major,
  };

  g_array_append_val (self->ticks, axis_tick);
}

static double
label_size (const CourantAxis     *self,
            const CourantAxisTick *tick)
{
  return is_horizontal (self) ? tick->label_width : tick->label_height;
}

/* Whether the labels with indices ≡ @phase modulo @stride stand clear of
 * each other.
 */
static gboolean
labels_fit (const CourantAxis  *self,
            guint               stride,
            guint               phase,
            double              gap)
{
  const CourantAxisTick *previous = NULL;

  for (guint i = phase; i < self->ticks->len; i += stride)
    {
      const CourantAxisTick *tick = &g_array_index (self->ticks, CourantAxisTick, i);

      if (previous != NULL &&
          fabs (tick->position - previous->position) <
            (label_size (self, previous) + label_size (self, tick)) / 2 + gap)
        return FALSE;
      previous = tick;
    }

  return TRUE;
}

static guint
first_major (const CourantAxis *self)
{
  for (guint i = 0; i < self->ticks->len; i++)
    {
      if (g_array_index (self->ticks, CourantAxisTick, i).major)
        return i;
    }

  return 0;
}

static void
choose_visible_labels (CourantAxis        *self,
                       const CourantTheme *theme)
{
  double gap = courant_theme_px (theme, is_horizontal (self) ? HORIZONTAL_GAP : VERTICAL_GAP);
  guint major = first_major (self);
  guint stride = 1;

  while (stride < self->ticks->len && !labels_fit (self, stride, major % stride, gap))
    stride *= 2;

  for (guint i = 0; i < self->ticks->len; i++)
    {
      CourantAxisTick *tick = &g_array_index (self->ticks, CourantAxisTick, i);

      tick->label_visible = i % stride == major % stride;
    }
}

/* Context labels start at their tick and run right, pulled back at the
 * end of the axis so as not to run past it; one that would run into the
 * previous one is left out (the next change of day or month will show).
 */
static void
choose_visible_contexts (CourantAxis        *self,
                         const CourantTheme *theme)
{
  double gap = courant_theme_px (theme, HORIZONTAL_GAP);
  double free_from = -G_MAXDOUBLE;

  if (!is_horizontal (self))
    return;

  for (guint i = 0; i < self->ticks->len; i++)
    {
      CourantAxisTick *tick = &g_array_index (self->ticks, CourantAxisTick, i);

      if (tick->context == NULL)
        continue;

      tick->context_x = MAX (self->start, MIN (tick->position, self->end - tick->context_width));
      if (tick->context_x < free_from)
        continue;

      tick->context_visible = TRUE;
      free_from = tick->context_x + tick->context_width + gap;
    }
}

/* How far the visible labels, centred on their ticks, reach past the
 * ends of the axis.
 */
static void
compute_overhangs (CourantAxis *self)
{
  for (guint i = 0; i < self->ticks->len; i++)
    {
      const CourantAxisTick *tick = &g_array_index (self->ticks, CourantAxisTick, i);
      double half = label_size (self, tick) / 2;

      if (!tick->label_visible)
        continue;

      self->overhang_start = MAX (self->overhang_start, self->start - (tick->position - half));
      self->overhang_end = MAX (self->overhang_end, tick->position + half - self->end);
    }
}

static void
measure (CourantAxis        *self,
         PangoContext       *context,
         const CourantTheme *theme)
{
  for (guint i = 0; i < self->ticks->len; i++)
    {
      CourantAxisTick *tick = &g_array_index (self->ticks, CourantAxisTick, i);
      double context_height = 0;

      courant_text_measure (context, theme, COURANT_TEXT_LABEL, tick->label,
                            &tick->label_width, &tick->label_height);
      self->label_extent = MAX (self->label_extent,
                                is_horizontal (self) ? tick->label_height : tick->label_width);

      if (tick->context != NULL && is_horizontal (self))
        {
          courant_text_measure (context, theme, COURANT_TEXT_CONTEXT, tick->context,
                                &tick->context_width, &context_height);
          self->context_extent = MAX (self->context_extent, context_height);
        }
    }

  if (self->title != NULL)
    courant_text_measure (context, theme, COURANT_TEXT_TITLE, self->title, NULL,
                          &self->title_extent);
}

static void
layout (CourantAxis        *self,
        PangoContext       *context,
        const CourantTheme *theme)
{
  measure (self, context, theme);
  choose_visible_labels (self, theme);
  choose_visible_contexts (self, theme);
  compute_overhangs (self);
}

/* The number of ticks to ask a scale for, before labels are measured. */
static guint
initial_count (CourantAxisPosition  position,
               double               length,
               const CourantTheme  *theme)
{
  double spacing = position == COURANT_AXIS_BOTTOM ? HORIZONTAL_SPACING : VERTICAL_SPACING;

  return courant_scale_tick_count (length, courant_theme_px (theme, spacing));
}

/* An axis along @scale's range, its line at @offset (a y for a bottom
 * axis, an x for a side one). Labels are plain numbers when @unit is
 * NULL, else compact with an SI prefix and the unit. @context measures
 * the labels: courant_text_create_context() without a display.
 */
CourantAxis *
courant_axis_new_linear (CourantAxisPosition       position,
                         const CourantLinearScale *scale,
                         double                    offset,
                         const char               *unit,
                         const char               *title,
                         PangoContext             *context,
                         const CourantTheme       *theme)
{
  g_autoptr(GArray) ticks = NULL;
  CourantAxis *self;

  g_return_val_if_fail (scale != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  self = axis_new (position, offset, scale->range_min, scale->range_max, title);
  ticks = courant_linear_scale_ticks (scale,
                                      initial_count (position, self->end - self->start, theme),
                                      unit);
  for (guint i = 0; i < ticks->len; i++)
    {
      CourantTick *tick = &g_array_index (ticks, CourantTick, i);

      axis_add_tick (self, tick, courant_linear_scale_map (scale, tick->value));
    }

  layout (self, context, theme);
  return self;
}

/* An axis along a time scale's range; see courant_axis_new_linear(). */
CourantAxis *
courant_axis_new_time (CourantAxisPosition     position,
                       const CourantTimeScale *scale,
                       double                  offset,
                       const char             *title,
                       PangoContext           *context,
                       const CourantTheme     *theme)
{
  g_autoptr(GArray) ticks = NULL;
  CourantAxis *self;

  g_return_val_if_fail (scale != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  self = axis_new (position, offset, scale->range_min, scale->range_max, title);
  ticks = courant_time_scale_ticks (scale,
                                    initial_count (position, self->end - self->start, theme));
  for (guint i = 0; i < ticks->len; i++)
    {
      CourantTick *tick = &g_array_index (ticks, CourantTick, i);

      axis_add_tick (self, tick, courant_time_scale_map (scale, (gint64) tick->value));
    }

  layout (self, context, theme);
  return self;
}

void
courant_axis_free (CourantAxis *self)
{
  g_return_if_fail (self != NULL);

  g_array_unref (self->ticks);
  g_free (self->title);
  g_free (self);
}

double
courant_axis_get_tick_length (const CourantTheme *theme)
{
  g_return_val_if_fail (theme != NULL, TICK_LENGTH);

  return courant_theme_px (theme, TICK_LENGTH);
}

/* The room the axis takes outside the plot, across the line: ticks,
 * labels, context line and title. Charts lay out their plot with it.
 */
double
courant_axis_get_thickness (const CourantAxis  *self,
                            const CourantTheme *theme)
{
  double padding;
  double thickness;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (theme != NULL, 0);

  padding = courant_theme_px (theme, LABEL_PADDING);
  thickness = courant_axis_get_tick_length (theme) + padding + self->label_extent;
  if (self->context_extent > 0)
    thickness += padding + self->context_extent;
  if (self->title != NULL)
    thickness += padding + self->title_extent;

  return thickness;
}

/* Lines of odd width sit on pixel centres and even ones on pixel edges,
 * so that a 1 px line covers one column of pixels and stays crisp.
 */
static double
snap (double value,
      double line_width)
{
  if ((int) round (line_width) % 2 == 1)
    return floor (value) + 0.5;

  return round (value);
}

/* The direction, +1 or −1, from the axis line towards the outside. */
static double
outwards (const CourantAxis *self)
{
  return self->position == COURANT_AXIS_LEFT ? -1 : 1;
}

/* A segment across the axis at @position along it, from @from to @to
 * measured outwards from the line.
 */
static void
cross_segment (cairo_t           *cr,
               const CourantAxis *self,
               double             position,
               double             from,
               double             to,
               double             line_width)
{
  double along = snap (position, line_width);
  double across = snap (self->offset, line_width);

  if (is_horizontal (self))
    {
      cairo_move_to (cr, along, across + from * outwards (self));
      cairo_line_to (cr, along, across + to * outwards (self));
    }
  else
    {
      cairo_move_to (cr, across + from * outwards (self), along);
      cairo_line_to (cr, across + to * outwards (self), along);
    }
}

static void
render_grid (cairo_t            *cr,
             const CourantAxis  *self,
             const CourantTheme *theme,
             double              line_width)
{
  if (self->grid_length <= 0)
    return;

  /* Major lines (zero, midnight, the first of the month) in the axis
   * colour, the others in the fainter grid colour.
   */
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean major = pass == 1;

      for (guint i = 0; i < self->ticks->len; i++)
        {
          const CourantAxisTick *tick = &g_array_index (self->ticks, CourantAxisTick, i);

          if (tick->major == major)
            cross_segment (cr, self, tick->position, 0, -self->grid_length, line_width);
        }

      courant_rgba_set_source (cr, major ? &theme->axis : &theme->grid);
      cairo_stroke (cr);
    }
}

static void
render_line_and_ticks (cairo_t            *cr,
                       const CourantAxis  *self,
                       const CourantTheme *theme,
                       double              line_width)
{
  double across = snap (self->offset, line_width);
  double tick_length = courant_axis_get_tick_length (theme);

  if (is_horizontal (self))
    {
      cairo_move_to (cr, self->start, across);
      cairo_line_to (cr, self->end, across);
    }
  else
    {
      cairo_move_to (cr, across, self->start);
      cairo_line_to (cr, across, self->end);
    }

  for (guint i = 0; i < self->ticks->len; i++)
    {
      const CourantAxisTick *tick = &g_array_index (self->ticks, CourantAxisTick, i);

      cross_segment (cr, self, tick->position, 0, tick_length, line_width);
    }

  courant_rgba_set_source (cr, &theme->axis);
  cairo_stroke (cr);
}

static void
render_labels (cairo_t            *cr,
               const CourantAxis  *self,
               const CourantTheme *theme)
{
  double distance = courant_axis_get_tick_length (theme) + courant_theme_px (theme, LABEL_PADDING);
  double context_distance = distance + self->label_extent + courant_theme_px (theme, LABEL_PADDING);

  for (guint i = 0; i < self->ticks->len; i++)
    {
      const CourantAxisTick *tick = &g_array_index (self->ticks, CourantAxisTick, i);

      if (tick->label_visible)
        {
          courant_rgba_set_source (cr, &theme->muted);
          if (is_horizontal (self))
            courant_text_draw (cr, theme, COURANT_TEXT_LABEL, tick->label,
                               tick->position, self->offset + distance, 0.5, 0, 0);
          else
            courant_text_draw (cr, theme, COURANT_TEXT_LABEL, tick->label,
                               self->offset + distance * outwards (self), tick->position,
                               self->position == COURANT_AXIS_LEFT ? 1 : 0, 0.5, 0);
        }

      if (tick->context_visible)
        {
          courant_rgba_set_source (cr, &theme->foreground);
          courant_text_draw (cr, theme, COURANT_TEXT_CONTEXT, tick->context,
                             tick->context_x, self->offset + context_distance, 0, 0, 0);
        }
    }
}

static void
render_title (cairo_t            *cr,
              const CourantAxis  *self,
              const CourantTheme *theme)
{
  double middle = (self->start + self->end) / 2;
  double outer = self->offset + courant_axis_get_thickness (self, theme) * outwards (self);

  if (self->title == NULL)
    return;

  courant_rgba_set_source (cr, &theme->foreground);
  /* The title's top faces away from the plot: below a bottom axis, and
   * turned to read upwards on the left and downwards on the right.
   */
  if (is_horizontal (self))
    courant_text_draw (cr, theme, COURANT_TEXT_TITLE, self->title, middle, outer, 0.5, 1, 0);
  else
    courant_text_draw (cr, theme, COURANT_TEXT_TITLE, self->title, outer, middle, 0.5, 0,
                       self->position == COURANT_AXIS_LEFT ? -G_PI_2 : G_PI_2);
}

/* Draws the axis in user space units (px): its grid lines first, so that
 * the chart's data can be drawn over them, then the line, the ticks and
 * the text. The background is left alone.
 */
void
courant_axis_render (cairo_t            *cr,
                     const CourantAxis  *self,
                     const CourantTheme *theme)
{
  double line_width;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (self != NULL);
  g_return_if_fail (theme != NULL);

  line_width = courant_theme_px (theme, LINE_WIDTH);

  cairo_save (cr);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  render_grid (cr, self, theme, line_width);
  render_line_and_ticks (cr, self, theme, line_width);
  render_labels (cr, self, theme);
  render_title (cr, self, theme);

  cairo_restore (cr);
}
