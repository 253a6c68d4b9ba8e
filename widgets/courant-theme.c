/* courant-theme.c: colours and type of every chart, light and dark
 *
 * The colours follow libadwaita 1.2's palette so that a chart on screen
 * sits on the window background without a seam, and an exported file
 * looks like the screen. Text and lines are opaque (pre-blended over the
 * background) so that they look the same on every surface, including
 * SVG and PDF viewers that composite differently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "courant-theme.h"

#define RGB(hex)        { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                          ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, a)    { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                          ((hex) & 0xff) / 255.0, (a) }

/* Cantarell is GNOME's interface font; "Sans" lets fontconfig pick a
 * fallback where it is missing (a bare export machine).
 */
#define DEFAULT_FONT_FAMILY "Cantarell, Sans"
#define DEFAULT_FONT_SIZE   12.0

/* Hatch tile edge, in px before scaling. */
#define HATCH_SPACING       6.0

static CourantTheme light_theme = {
  .dark = FALSE,
  .background = RGB (0xfafafa),     /* @window_bg_color */
  .foreground = RGB (0x323232),     /* @window_fg_color, rgba(0,0,0,.8) over the background */
  .muted = RGB (0x6a6a6a),          /* dim-label, kept above 4.5:1 contrast */
  .grid = RGB (0xe3e3e3),
  .axis = RGB (0x8a8a8a),
  .crosshair = RGB (0x5e5c64),      /* GNOME palette Dark 2 */
  .selection = RGBA (0x3584e4, 0.30), /* @accent_bg_color */
  .hover = RGBA (0x3584e4, 0.15),
  .no_data = RGB (0xc0bfbc),        /* GNOME palette Light 4 */
  .font_size = DEFAULT_FONT_SIZE,
  .scale = 1.0,
};

static CourantTheme dark_theme = {
  .dark = TRUE,
  .background = RGB (0x242424),     /* @window_bg_color */
  .foreground = RGB (0xffffff),     /* @window_fg_color */
  .muted = RGB (0x9c9c9c),
  .grid = RGB (0x383838),
  .axis = RGB (0x7a7a7a),
  .crosshair = RGB (0xc0bfbc),
  .selection = RGBA (0x78aeed, 0.30), /* @accent_color */
  .hover = RGBA (0x78aeed, 0.15),
  .no_data = RGB (0x5e5c64),
  .font_size = DEFAULT_FONT_SIZE,
  .scale = 1.0,
};

static void
init_font_families (void)
{
  static gsize initialized = 0;

  /* A string literal cannot be interned in a static initializer, and the
   * themes must carry interned strings like their copies do.
   */
  if (g_once_init_enter (&initialized))
    {
      const char *family = g_intern_static_string (DEFAULT_FONT_FAMILY);

      light_theme.font_family = family;
      dark_theme.font_family = family;
      g_once_init_leave (&initialized, 1);
    }
}

const CourantTheme *
courant_theme_get_light (void)
{
  init_font_families ();
  return &light_theme;
}

const CourantTheme *
courant_theme_get_dark (void)
{
  init_font_families ();
  return &dark_theme;
}

const CourantTheme *
courant_theme_get (gboolean dark)
{
  return dark ? courant_theme_get_dark () : courant_theme_get_light ();
}

CourantTheme *
courant_theme_copy (const CourantTheme *theme)
{
  g_return_val_if_fail (theme != NULL, NULL);

  return g_memdup2 (theme, sizeof *theme);
}

/* Presenter mode: the same theme with every length multiplied by @scale
 * (text, line widths, tick lengths), so a chart reads from the back of
 * a room.
 */
CourantTheme *
courant_theme_copy_scaled (const CourantTheme *theme,
                           double              scale)
{
  CourantTheme *copy;

  g_return_val_if_fail (theme != NULL, NULL);
  g_return_val_if_fail (scale > 0, NULL);

  copy = courant_theme_copy (theme);
  copy->scale = theme->scale * scale;
  return copy;
}

void
courant_theme_free (CourantTheme *theme)
{
  g_return_if_fail (theme != &light_theme && theme != &dark_theme);

  g_free (theme);
}

void
courant_theme_set_font_family (CourantTheme *theme,
                               const char   *font_family)
{
  g_return_if_fail (theme != NULL);
  g_return_if_fail (font_family != NULL && *font_family != '\0');
  g_return_if_fail (theme != &light_theme && theme != &dark_theme);

  theme->font_family = g_intern_string (font_family);
}

/* A length in px (line width, tick length, padding) at the theme's scale. */
double
courant_theme_px (const CourantTheme *theme,
                  double              px)
{
  g_return_val_if_fail (theme != NULL, px);

  return px * theme->scale;
}

/* The size in px of text @relative times the base size, at the theme's scale. */
double
courant_theme_font_px (const CourantTheme *theme,
                       double              relative)
{
  g_return_val_if_fail (theme != NULL, DEFAULT_FONT_SIZE);

  return theme->font_size * relative * theme->scale;
}

/* A repeating diagonal hatch in the "no data" colour, transparent between
 * the strokes so that it goes over the background. It is recorded rather
 * than rasterised so that SVG and PDF exports keep it as vectors.
 */
cairo_pattern_t *
courant_theme_create_no_data_pattern (const CourantTheme *theme)
{
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_rectangle_t extents;
  cairo_t *cr;
  double size;

  g_return_val_if_fail (theme != NULL, NULL);

  size = courant_theme_px (theme, HATCH_SPACING);
  extents = (cairo_rectangle_t) { 0, 0, size, size };
  tile = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

  cr = cairo_create (tile);
  courant_rgba_set_source (cr, &theme->no_data);
  cairo_set_line_width (cr, courant_theme_px (theme, 1.0));
  /* The main diagonal, and its two neighbours so that the corners of
   * adjacent tiles join into unbroken lines.
   */
  for (int i = -1; i <= 1; i++)
    {
      cairo_move_to (cr, i * size - 1, size + 1);
      cairo_line_to (cr, (i + 1) * size + 1, -1);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);

  return pattern;
}

void
courant_rgba_set_source (cairo_t           *cr,
                         const CourantRgba *rgba)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (rgba != NULL);

  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}
