/* courant-start-page.h: what a window shows before a source is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COURANT_TYPE_START_PAGE (courant_start_page_get_type ())
G_DECLARE_FINAL_TYPE (CourantStartPage, courant_start_page, COURANT, START_PAGE, AdwBin)

void courant_start_page_set_settings (CourantStartPage *self,
                                      GSettings        *settings);

G_END_DECLS
