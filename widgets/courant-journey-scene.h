/* courant-journey-scene.h: the scene of one customer's journey
 *
 * A plain struct computed from a journey, options and a size: one lane per
 * channel with a mark per event (a shape and a colour per kind of event),
 * the legend of the kinds, the time axis, and under the lanes, when the
 * customer has sites, the consumption and temperature as a series
 * timeline's scene that shares the lanes' time axis. The renderer draws it
 * without doing any layout, and the widget asks it what is under the
 * pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "courant-axis.h"
#include "courant-journey.h"
#include "courant-palette.h"
#include "courant-theme.h"
#include "courant-timeline-scene.h"

G_BEGIN_DECLS

typedef enum
{
  COURANT_JOURNEY_SHAPE_CIRCLE,
  COURANT_JOURNEY_SHAPE_SQUARE,
  COURANT_JOURNEY_SHAPE_DIAMOND,
  COURANT_JOURNEY_SHAPE_TRIANGLE_UP,
  COURANT_JOURNEY_SHAPE_TRIANGLE_DOWN,
  COURANT_JOURNEY_SHAPE_CROSS,
  COURANT_JOURNEY_SHAPE_STAR,
  COURANT_JOURNEY_SHAPE_HEXAGON,
} CourantJourneyShape;

#define COURANT_JOURNEY_N_SHAPES (COURANT_JOURNEY_SHAPE_HEXAGON + 1)

typedef struct
{
  gint64       t0;           /* the visible window [t0, t1), ms UTC */
  gint64       t1;
  GTimeZone   *tz;           /* NULL: Europe/Paris */
  double       width;        /* px */
  double       height;
  double       scale;        /* device px per px; 0 means 1 */
  /* Event name → its style's index + 1, so that a kind of event keeps its
   * shape from one customer to the next; NULL: the kinds' order in this
   * journey. */
  GHashTable  *styles;
  /* Colours by event, shared with the table's Sankey so that an event has
   * one colour everywhere; NULL: a new map, in the kinds' order. */
  CourantPaletteMap *palette;
} CourantJourneyOptions;

typedef struct
{
  char   *label;             /* the channel, for people */
  double  y;                 /* the lane's band, px */
  double  height;
} CourantJourneyLane;

/* One kind of event: how its marks look, and its legend entry. */
typedef struct
{
  char                *label;
  CourantJourneyShape  shape;
  CourantRgba          colour;
  double               x;     /* the legend entry's box, px */
  double               y;
  double               width;
  double               height;
} CourantJourneyKind;

/* One event inside the window. */
typedef struct
{
  guint   event;             /* index in the journey */
  guint   kind;              /* index in @kinds (the journey's event code) */
  guint   lane;              /* index in @lanes (the journey's channel code) */
  double  x;
  double  y;
} CourantJourneyMark;

typedef struct
{
  const CourantJourney *journey;    /* borrowed: must outlive the scene */
  double                width;
  double                height;
  double                scale;
  gint64                t0;
  gint64                t1;
  GTimeZone            *tz;
  /* The time plot, shared by the lanes and the curves, px. */
  double                plot_x;
  double                plot_width;
  double                lanes_y;
  double                lanes_height;
  double                mark_radius;
  GArray               *lanes;      /* CourantJourneyLane, one per channel */
  GArray               *kinds;      /* CourantJourneyKind, one per event name */
  GArray               *marks;      /* CourantJourneyMark, in time order */
  /* Without curves, the lanes' own time axis; else NULL and the curves'
   * time axis serves both. */
  CourantAxis          *time_axis;
  /* The consumption and temperature, drawn at (curve_x, curve_y); NULL
   * without sites. */
  CourantTimelineScene *curve;
  double                curve_x;
  double                curve_y;
} CourantJourneyScene;

CourantJourneyScene *courant_journey_scene_new        (const CourantJourney        *journey,
                                                       const CourantJourneyOptions *options,
                                                       PangoContext                *context,
                                                       const CourantTheme          *theme);
void                 courant_journey_scene_free       (CourantJourneyScene         *self);

double               courant_journey_scene_time_to_x  (const CourantJourneyScene   *self,
                                                       gint64                       time_ms);
gint64               courant_journey_scene_x_to_time  (const CourantJourneyScene   *self,
                                                       double                       x);
/* The mark under (@x, @y), the nearest in time in the lane at @y, or -1. */
int                  courant_journey_scene_pick       (const CourantJourneyScene   *self,
                                                       double                       x,
                                                       double                       y);
/* The mark of journey event @event, or -1 when it is outside the window. */
int                  courant_journey_scene_find_event (const CourantJourneyScene   *self,
                                                       guint                        event);
/* What the tooltip of journey event @event says: the event, the channel
 * and the local date and time, one per line. */
char                *courant_journey_scene_dup_event_text (const CourantJourneyScene *self,
                                                           guint                      event);
/* Ticks of the time axis that the lanes draw grid lines at, as x px. */
GArray              *courant_journey_scene_get_grid   (const CourantJourneyScene   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantJourneyScene, courant_journey_scene_free)

G_END_DECLS
