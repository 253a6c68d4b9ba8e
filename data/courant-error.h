/* courant-error.h: the error domain of libcourant-data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define COURANT_DATA_ERROR (courant_data_error_quark ())

typedef enum
{
  COURANT_DATA_ERROR_FAILED,
  COURANT_DATA_ERROR_NOT_FOUND,
  COURANT_DATA_ERROR_PERMISSION,
  COURANT_DATA_ERROR_NOT_A_DATABASE,
  COURANT_DATA_ERROR_CORRUPT,
  COURANT_DATA_ERROR_LOCKED,
  COURANT_DATA_ERROR_UNSUPPORTED,
  COURANT_DATA_ERROR_INVALID,
  COURANT_DATA_ERROR_NO_SPACE,
} CourantDataError;

GQuark courant_data_error_quark (void);

G_END_DECLS
