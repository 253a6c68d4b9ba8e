/* courant-thermo-view.h: the interactive thermosensitivity chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "courant-thermo-scene.h"

G_BEGIN_DECLS

#define COURANT_TYPE_THERMO_VIEW (courant_thermo_view_get_type ())

G_DECLARE_FINAL_TYPE (CourantThermoView, courant_thermo_view, COURANT, THERMO_VIEW, GtkWidget)

GtkWidget          *courant_thermo_view_new          (void);
/* Takes @thermo (NULL clears the view), whose points are drawn with the
 * periods that start at @starts (copied; NULL: no dates), in @unit. */
void                courant_thermo_view_set_thermo   (CourantThermoView *self,
                                                      CourantThermo     *thermo,
                                                      const gint64      *starts,
                                                      const char        *unit,
                                                      gboolean           hourly);
const CourantThermo *courant_thermo_view_get_thermo  (CourantThermoView *self);
void                courant_thermo_view_set_time_zone (CourantThermoView *self,
                                                       GTimeZone         *tz);
void                courant_thermo_view_set_dark     (CourantThermoView *self,
                                                      gboolean           dark);

/* The point with the keyboard's focus, or -1; the arrows move it by date. */
int                 courant_thermo_view_get_focus    (CourantThermoView *self);
void                courant_thermo_view_set_focus    (CourantThermoView *self,
                                                      int                point);
/* The text of the tooltip shown, for the point under the pointer or else
 * the focused one; NULL when none is shown. */
char               *courant_thermo_view_dup_tooltip_text (CourantThermoView *self);
/* The scene on screen, or NULL before the first allocation. */
const CourantThermoScene *courant_thermo_view_get_scene (CourantThermoView *self);

G_END_DECLS
