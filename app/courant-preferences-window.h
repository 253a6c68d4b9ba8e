/* courant-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COURANT_TYPE_PREFERENCES_WINDOW (courant_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CourantPreferencesWindow, courant_preferences_window, COURANT, PREFERENCES_WINDOW, AdwPreferencesWindow)

CourantPreferencesWindow *courant_preferences_window_new (GSettings *settings);

G_END_DECLS
