/* courant-drop-down.h: what the pages' drop-downs show and search by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @drop_down's items are GtkStringObjects holding codes (events,
 * segments): it shows, and searches by, the names people read for them. */
void courant_drop_down_show_names    (GtkDropDown *drop_down);
/* @drop_down's items are GtkStringObjects: typing searches them. */
void courant_drop_down_search_strings (GtkDropDown *drop_down);

G_END_DECLS
