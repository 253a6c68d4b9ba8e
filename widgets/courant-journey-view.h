/* courant-journey-view.h: the interactive journey of one customer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "courant-journey-scene.h"

G_BEGIN_DECLS

#define COURANT_TYPE_JOURNEY_VIEW (courant_journey_view_get_type ())

G_DECLARE_FINAL_TYPE (CourantJourneyView, courant_journey_view, COURANT, JOURNEY_VIEW, GtkWidget)

GtkWidget      *courant_journey_view_new           (void);
/* Takes @journey (NULL clears the view) and shows all of it. */
void            courant_journey_view_set_journey   (CourantJourneyView *self,
                                                    CourantJourney     *journey);
const CourantJourney *courant_journey_view_get_journey (CourantJourneyView *self);
void            courant_journey_view_set_time_zone (CourantJourneyView *self,
                                                    GTimeZone          *tz);
void            courant_journey_view_set_dark      (CourantJourneyView *self,
                                                    gboolean            dark);
void            courant_journey_view_set_palette   (CourantJourneyView *self,
                                                    CourantPaletteMap  *palette);

/* The visible window [t0, t1), ms UTC, kept inside the journey's range. */
void            courant_journey_view_set_window    (CourantJourneyView *self,
                                                    gint64              t0,
                                                    gint64              t1);
void            courant_journey_view_get_window    (CourantJourneyView *self,
                                                    gint64             *t0,
                                                    gint64             *t1);
void            courant_journey_view_reset         (CourantJourneyView *self);
/* @factor > 1 zooms in, keeping the time under @x (px) in place. */
void            courant_journey_view_zoom          (CourantJourneyView *self,
                                                    double              factor,
                                                    double              x);
/* Moves the window by @dx px of the plot (positive: later). */
void            courant_journey_view_pan           (CourantJourneyView *self,
                                                    double              dx);

/* The journey event that has the keyboard focus, or -1. */
int             courant_journey_view_get_focus     (CourantJourneyView *self);
/* Gives event @event the focus (-1: none), bringing it into the window. */
void            courant_journey_view_set_focus     (CourantJourneyView *self,
                                                    int                 event);
/* The event under the pointer, or else the focused one: the one whose
 * tooltip is shown; -1 for none. */
int             courant_journey_view_get_tooltip_event (CourantJourneyView *self);
/* The scene on screen, or NULL without a journey or before the first
 * allocation. */
const CourantJourneyScene *courant_journey_view_get_scene (CourantJourneyView *self);

G_END_DECLS
