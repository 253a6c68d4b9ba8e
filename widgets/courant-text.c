/* courant-text.c: measuring and drawing chart text with Pango
 *
 * Scenes measure text without a cairo_t (they are laid out in worker
 * threads, before anything is drawn), and renderers draw it on screen,
 * PNG, SVG and PDF surfaces. Both sides turn off metric hinting so that a
 * label is as wide when drawn as when it was measured, on every surface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pangocairo.h>

#include "courant-text.h"

static void
set_unhinted_metrics (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

/* A context to measure text in, with no surface: sizes are in px. The
 * default font map is per thread, so scenes may call this in a worker.
 */
PangoContext *
courant_text_create_context (void)
{
  PangoContext *context;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  set_unhinted_metrics (context);
  return context;
}

PangoFontDescription *
courant_text_get_font (const CourantTheme *theme,
                       CourantTextStyle    style)
{
  PangoFontDescription *font;

  g_return_val_if_fail (theme != NULL, NULL);

  font = pango_font_description_from_string (theme->font_family);
  /* Absolute sizes are px, whatever the surface's resolution. */
  pango_font_description_set_absolute_size (font, courant_theme_font_px (theme, 1.0) * PANGO_SCALE);
  pango_font_description_set_weight (font, style == COURANT_TEXT_LABEL
                                             ? PANGO_WEIGHT_NORMAL
                                             : PANGO_WEIGHT_SEMIBOLD);
  return font;
}

static PangoLayout *
create_layout (PangoContext       *context,
               const CourantTheme *theme,
               CourantTextStyle    style,
               const char         *text)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = courant_text_get_font (theme, style);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

/* The logical size of @text in @style, in px. */
void
courant_text_measure (PangoContext       *context,
                      const CourantTheme *theme,
                      CourantTextStyle    style,
                      const char         *text,
                      double             *width,
                      double             *height)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  g_return_if_fail (PANGO_IS_CONTEXT (context));
  g_return_if_fail (theme != NULL);
  g_return_if_fail (text != NULL);

  layout = create_layout (context, theme, style, text);
  pango_layout_get_extents (layout, NULL, &logical);

  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Draws @text in the current source so that the point (@xalign, @yalign)
 * of its logical box (0, 0 the top left, 1, 1 the bottom right) lands on
 * (@x, @y), the text turned by @angle radians around that point.
 */
void
courant_text_draw (cairo_t            *cr,
                   const CourantTheme *theme,
                   CourantTextStyle    style,
                   const char         *text,
                   double              x,
                   double              y,
                   double              xalign,
                   double              yalign,
                   double              angle)
{
  PangoContext *context;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (theme != NULL);
  g_return_if_fail (text != NULL);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);

  /* Made after the transformation, so that Pango hints for the text as it
   * lands on the surface.
   */
  context = pango_cairo_create_context (cr);
  set_unhinted_metrics (context);
  layout = create_layout (context, theme, style, text);
  g_object_unref (context);
  pango_layout_get_extents (layout, NULL, &logical);

  cairo_move_to (cr,
                 -(logical.x + logical.width * xalign) / PANGO_SCALE,
                 -(logical.y + logical.height * yalign) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}
