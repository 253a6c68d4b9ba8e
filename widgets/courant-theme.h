/* courant-theme.h: colours and type of every chart, light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Straight (not premultiplied) sRGB colour, each channel in [0, 1]. */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} CourantRgba;

/* A plain struct, not a GObject: renderers read it from any thread, and
 * the two built-in themes are static constants.
 */
typedef struct
{
  gboolean     dark;

  CourantRgba  background;
  CourantRgba  foreground;
  CourantRgba  muted;        /* secondary text: tick labels, context labels */
  CourantRgba  grid;
  CourantRgba  axis;
  CourantRgba  crosshair;
  CourantRgba  selection;    /* translucent, drawn over the data */
  CourantRgba  hover;        /* translucent, drawn over the data */
  CourantRgba  no_data;      /* hatch of cells and gaps without data */

  /* Interned (g_intern_string), so copies never own it. A Pango family
   * list: the first installed family wins.
   */
  const char  *font_family;
  double       font_size;    /* base size of chart text, in px before scaling */
  double       scale;        /* 1.0 normally, larger in presenter mode */
} CourantTheme;

const CourantTheme *courant_theme_get_light       (void);
const CourantTheme *courant_theme_get_dark        (void);
const CourantTheme *courant_theme_get             (gboolean            dark);
CourantTheme       *courant_theme_copy            (const CourantTheme *theme);
CourantTheme       *courant_theme_copy_scaled     (const CourantTheme *theme,
                                                   double              scale);
void                courant_theme_free            (CourantTheme       *theme);
void                courant_theme_set_font_family (CourantTheme       *theme,
                                                   const char         *font_family);
double              courant_theme_px              (const CourantTheme *theme,
                                                   double              px);
double              courant_theme_font_px         (const CourantTheme *theme,
                                                   double              relative);
cairo_pattern_t    *courant_theme_create_no_data_pattern (const CourantTheme *theme);

void                courant_rgba_set_source       (cairo_t            *cr,
                                                   const CourantRgba  *rgba);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantTheme, courant_theme_free)

G_END_DECLS
