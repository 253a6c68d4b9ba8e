/* courant-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "courant-error.h"

G_DEFINE_QUARK (courant-data-error-quark, courant_data_error)
