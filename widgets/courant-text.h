/* courant-text.h: measuring and drawing chart text with Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "courant-theme.h"

G_BEGIN_DECLS

typedef enum
{
  COURANT_TEXT_LABEL,     /* tick labels, legend entries */
  COURANT_TEXT_CONTEXT,   /* the day or month under time ticks */
  COURANT_TEXT_TITLE,     /* axis titles */
} CourantTextStyle;

PangoContext         *courant_text_create_context (void);
PangoFontDescription *courant_text_get_font       (const CourantTheme *theme,
                                                   CourantTextStyle    style);
void                  courant_text_measure        (PangoContext       *context,
                                                   const CourantTheme *theme,
                                                   CourantTextStyle    style,
                                                   const char         *text,
                                                   double             *width,
                                                   double             *height);
void                  courant_text_draw           (cairo_t            *cr,
                                                   const CourantTheme *theme,
                                                   CourantTextStyle    style,
                                                   const char         *text,
                                                   double              x,
                                                   double              y,
                                                   double              xalign,
                                                   double              yalign,
                                                   double              angle);

G_END_DECLS
