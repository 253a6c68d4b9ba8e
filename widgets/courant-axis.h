/* courant-axis.h: the scene and renderer of a chart axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "courant-scale.h"
#include "courant-theme.h"

G_BEGIN_DECLS

typedef enum
{
  COURANT_AXIS_BOTTOM,
  COURANT_AXIS_LEFT,
  COURANT_AXIS_RIGHT,
} CourantAxisPosition;

typedef struct
{
  double    position;         /* px along the axis: x of a bottom axis, y of a side one */
  char     *label;
  char     *context;          /* NULL, or the day or month under a time tick */
  gboolean  major;
  gboolean  label_visible;    /* FALSE where it would overlap a neighbour */
  gboolean  context_visible;
  double    label_width;      /* measured, px */
  double    label_height;
  double    context_width;
  double    context_x;        /* left edge of the context, kept inside the axis */
} CourantAxisTick;

/* A plain scene: everything the renderer needs, measured and placed, so
 * that drawing does no layout and the same axis can be drawn on any
 * surface.
 */
typedef struct
{
  CourantAxisPosition  position;
  double               offset;        /* y of a bottom axis line, x of a side one */
  double               start;         /* the extent of the line along the axis, px */
  double               end;
  double               grid_length;   /* how far grid lines reach into the plot; 0: none */
  char                *title;         /* NULL or the unit or quantity */
  GArray              *ticks;         /* CourantAxisTick */
  double               label_extent;  /* the labels' size across the axis */
  double               context_extent;
  double               title_extent;
  double               overhang_start; /* how far labels reach past start and end: */
  double               overhang_end;   /* the margins a chart leaves around its plot */
} CourantAxis;

CourantAxis *courant_axis_new_linear     (CourantAxisPosition       position,
                                          const CourantLinearScale *scale,
                                          double                    offset,
                                          const char               *unit,
                                          const char               *title,
                                          PangoContext             *context,
                                          const CourantTheme       *theme);
CourantAxis *courant_axis_new_time       (CourantAxisPosition       position,
                                          const CourantTimeScale   *scale,
                                          double                    offset,
                                          const char               *title,
                                          PangoContext             *context,
                                          const CourantTheme       *theme);
void         courant_axis_free           (CourantAxis              *self);
double       courant_axis_get_thickness  (const CourantAxis        *self,
                                          const CourantTheme       *theme);
double       courant_axis_get_tick_length (const CourantTheme      *theme);
void         courant_axis_render         (cairo_t                  *cr,
                                          const CourantAxis        *self,
                                          const CourantTheme       *theme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantAxis, courant_axis_free)

G_END_DECLS
