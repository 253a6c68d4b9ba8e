/* courant-timeline-view.h: the interactive series timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "courant-timeline-scene.h"

G_BEGIN_DECLS

#define COURANT_TYPE_TIMELINE_VIEW (courant_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (CourantTimelineView, courant_timeline_view, COURANT, TIMELINE_VIEW, GtkWidget)

GtkWidget *courant_timeline_view_new                (void);
/* Copies the specs; their data arrays must outlive the view's use of them. */
void       courant_timeline_view_set_series         (CourantTimelineView             *self,
                                                     const CourantTimelineSeriesSpec *series,
                                                     guint                            n_series);
void       courant_timeline_view_set_time_zone      (CourantTimelineView             *self,
                                                     GTimeZone                       *tz);
void       courant_timeline_view_set_dark           (CourantTimelineView             *self,
                                                     gboolean                         dark);
void       courant_timeline_view_set_align_zeros    (CourantTimelineView             *self,
                                                     gboolean                         align);
void       courant_timeline_view_set_series_visible (CourantTimelineView             *self,
                                                     guint                            index,
                                                     gboolean                         visible);

/* The visible window [t0, t1), ms UTC, kept inside the data's range. Once
 * it (or the width) has stayed put for a moment, the view emits
 * "window-changed". */
void       courant_timeline_view_set_window         (CourantTimelineView             *self,
                                                     gint64                           t0,
                                                     gint64                           t1);
void       courant_timeline_view_get_window         (CourantTimelineView             *self,
                                                     gint64                          *t0,
                                                     gint64                          *t1);
/* The whole range of the data. */
void       courant_timeline_view_reset              (CourantTimelineView             *self);
/* @factor > 1 zooms in, keeping the time under @x (px) in place. */
void       courant_timeline_view_zoom               (CourantTimelineView             *self,
                                                     double                           factor,
                                                     double                           x);
/* Moves the window by @dx px of the plot (positive: later). */
void       courant_timeline_view_pan                (CourantTimelineView             *self,
                                                     double                           dx);

/* The labelled marks drawn under the series (copied). */
void       courant_timeline_view_set_annotations    (CourantTimelineView                 *self,
                                                     const CourantTimelineAnnotationSpec *annotations,
                                                     guint                                n_annotations);
/* The range marked for an annotation (Ctrl+drag, or `[` and `]` at the
 * crosshair); Escape clears it. The "annotate" signal asks for a label of
 * that range, or of the instant under the crosshair without one. */
void       courant_timeline_view_set_mark           (CourantTimelineView             *self,
                                                     gint64                           t0,
                                                     gint64                           t1);
void       courant_timeline_view_clear_mark         (CourantTimelineView             *self);
gboolean   courant_timeline_view_get_mark           (CourantTimelineView             *self,
                                                     gint64                          *t0,
                                                     gint64                          *t1);

/* The crosshair at @x px (negative: none), as the pointer sets it. */
void       courant_timeline_view_set_crosshair      (CourantTimelineView             *self,
                                                     double                           x);
/* What is under the crosshair; FALSE without one. */
gboolean   courant_timeline_view_get_pick           (CourantTimelineView             *self,
                                                     CourantTimelinePick             *pick);
/* The scene on screen, or NULL before the first allocation. */
const CourantTimelineScene *courant_timeline_view_get_scene (CourantTimelineView     *self);
/* The overview strip's scene (NULL when the view is too low to show one),
 * and its top in the view's coordinates at @y. */
const CourantTimelineScene *courant_timeline_view_get_overview (CourantTimelineView  *self,
                                                                double               *y);

G_END_DECLS
