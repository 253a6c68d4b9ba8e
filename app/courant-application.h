/* courant-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COURANT_TYPE_APPLICATION (courant_application_get_type ())
G_DECLARE_FINAL_TYPE (CourantApplication, courant_application, COURANT, APPLICATION, AdwApplication)

CourantApplication *courant_application_new          (void);
GSettings          *courant_application_get_settings (CourantApplication *self);

G_END_DECLS
