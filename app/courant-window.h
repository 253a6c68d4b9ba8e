/* courant-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "courant-application.h"
#include "courant-source.h"

G_BEGIN_DECLS

#define COURANT_TYPE_WINDOW (courant_window_get_type ())
G_DECLARE_FINAL_TYPE (CourantWindow, courant_window, COURANT, WINDOW, AdwApplicationWindow)

CourantWindow *courant_window_new             (CourantApplication *application);
/* What a window shows at start: the demo data on first use, else the last
 * source when the user wants it, else the start page. */
void           courant_window_restore_session (CourantWindow      *self);
void           courant_window_open_file       (CourantWindow      *self,
                                               GFile              *file);
void           courant_window_open_demo       (CourantWindow      *self);
void           courant_window_close_source    (CourantWindow      *self);
gboolean       courant_window_is_empty        (CourantWindow      *self);
CourantSource *courant_window_get_source      (CourantWindow      *self);

G_END_DECLS
