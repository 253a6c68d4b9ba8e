/* courant-png.h: writing image surfaces as PNG files, fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Writes an ARGB32 or RGB24 image surface to @path. Charts are mostly flat
 * colour, so the fastest deflate level costs little in size and saves most
 * of the time Cairo's own writer spends compressing. */
gboolean courant_png_write (cairo_surface_t  *surface,
                            const char       *path,
                            GError          **error);

G_END_DECLS
