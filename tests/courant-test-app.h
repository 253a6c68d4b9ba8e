/* courant-test-app.h: what the application tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "courant-application.h"
#include "courant-window.h"

G_BEGIN_DECLS

/* After g_test_init(): a temporary data folder (XDG_DATA_HOME) holding a
 * small demo dataset, GTK, and the application registered without D-Bus
 * uniqueness. @template names the folder, like g_dir_make_tmp(). */
CourantApplication *courant_test_app_setup         (const char     *template);
const char         *courant_test_app_get_dir       (void);
void                courant_test_app_teardown      (void);

/* Iterates the main loop until @done returns TRUE; fails after two minutes,
 * naming @what. */
void                courant_test_wait_until        (gboolean      (*done) (gpointer),
                                                    gpointer        data,
                                                    const char     *what);
/* The first widget under @root of @type, and named @name unless NULL. */
GtkWidget          *courant_test_find_widget       (GtkWidget      *root,
                                                    GType           type,
                                                    const char     *name);
/* Whether the window is done opening, with or without a source. */
gboolean            courant_test_window_idle       (gpointer        window);
/* Selects a table as the keyboard does, stepping through the sidebar. */
void                courant_test_select_table      (CourantWindow  *window,
                                                    const char     *name);

G_END_DECLS
