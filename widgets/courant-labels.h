/* courant-labels.h: the names people read for the codes of a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *courant_label_display (const char *code);

G_END_DECLS
