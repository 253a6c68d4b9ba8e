/* courant-palette.c: categorical colours, stable label colours, heatmap ramp
 *
 * The categorical palette is Okabe and Ito's (2008) colour-blind-safe
 * set: its seven hues, plus a neutral grey in place of its black, which
 * would vanish into the text. On the dark background the hues that fall
 * under 3:1 contrast (blue, green, vermillion, sky blue, purple) are
 * lightened at the same hue; tests/test-palette.c checks that every pair
 * stays distinct under simulated protanopia, deuteranopia and tritanopia.
 *
 * Labels (the events of a Sankey) take their colours from a larger set:
 * the seven hues, then nine colours chosen greedily, on a grid of hue,
 * lightness and saturation, as the farthest (CIE76 ΔE) from those already
 * chosen and from the greys of "(other)" and "(end)" under normal vision
 * and the three dichromacies, with at least 1.6:1 contrast on both
 * backgrounds (2.2:1 on the dark one for its own set). Sixteen labels
 * then stay at least ΔE 13 apart for every vision.
 *
 * The sequential ramp is viridis (van der Walt and Smith, CC0), sampled
 * at 17 stops: linear interpolation between them stays within ΔE 1.1 of
 * the full 256-entry table, below what an eye can tell apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "courant-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0, 1.0 }

/* Ordered so that the first colours, used by the most common charts with
 * few series, are the most distinct and the best contrasted; yellow, weak
 * on a light background, comes last but one.
 */
static const CourantRgba light_palette[COURANT_PALETTE_SIZE] = {
  RGB (0x0072b2), /* blue */
  RGB (0xe69f00), /* orange */
  RGB (0x009e73), /* bluish green */
  RGB (0xd55e00), /* vermillion */
  RGB (0x56b4e9), /* sky blue */
  RGB (0xcc79a7), /* reddish purple */
  RGB (0xf0e442), /* yellow */
  RGB (0x5c5c5c), /* grey */
};

static const CourantRgba dark_palette[COURANT_PALETTE_SIZE] = {
  RGB (0x3c9be0),
  RGB (0xe69f00),
  RGB (0x1db88a),
  RGB (0xf07c3c),
  RGB (0x9bd3f5),
  RGB (0xe39ac4),
  RGB (0xf0e442),
  RGB (0x808080),
};

static const CourantRgba light_labels[COURANT_PALETTE_LABEL_SIZE] = {
  RGB (0x0072b2), RGB (0xe69f00), RGB (0x009e73), RGB (0xd55e00),
  RGB (0x56b4e9), RGB (0xcc79a7), RGB (0xf0e442),
  RGB (0x6c3713), /* dark brown */
  RGB (0x8e18dc), /* violet */
  RGB (0x99d671), /* light green */
  RGB (0x314572), /* navy */
  RGB (0x8a7ef1), /* lavender */
  RGB (0x8f6e3d), /* khaki */
  RGB (0xf0b7a8), /* peach */
  RGB (0x502e9e), /* indigo */
  RGB (0xe0b8dc), /* pale pink */
};

static const CourantRgba dark_labels[COURANT_PALETTE_LABEL_SIZE] = {
  RGB (0x3c9be0), RGB (0xe69f00), RGB (0x1db88a), RGB (0xf07c3c),
  RGB (0x9bd3f5), RGB (0xe39ac4), RGB (0xf0e442),
  RGB (0x8e18dc), /* violet */
  RGB (0x8b4618), /* brown */
  RGB (0x185d8b), /* steel blue */
  RGB (0xdc18b5), /* magenta */
  RGB (0x9cc87e), /* light green */
  RGB (0x188b52), /* green */
  RGB (0x9714b8), /* purple */
  RGB (0xb85614), /* rust */
  RGB (0xa35aed), /* lavender */
};

static const double viridis[][3] = {
  { 0.267004, 0.004874, 0.329415 },
  { 0.282327, 0.094955, 0.417331 },
  { 0.278826, 0.175490, 0.483397 },
  { 0.258965, 0.251537, 0.524736 },
  { 0.229739, 0.322361, 0.545706 },
  { 0.199430, 0.387607, 0.554642 },
  { 0.172719, 0.448791, 0.557885 },
  { 0.149039, 0.508051, 0.557250 },
  { 0.127568, 0.566949, 0.550556 },
  { 0.120081, 0.622161, 0.534946 },
  { 0.153894, 0.680203, 0.504172 },
  { 0.239374, 0.735588, 0.455688 },
  { 0.360741, 0.785964, 0.387814 },
  { 0.506271, 0.828786, 0.300362 },
  { 0.668054, 0.861999, 0.196293 },
  { 0.835270, 0.886029, 0.102646 },
  { 0.993248, 0.906157, 0.143936 },
};

struct _CourantPaletteMap
{
  gatomicrefcount  ref_count;
  /* Scenes are laid out in worker threads, possibly several at once. */
  GMutex           mutex;
  GHashTable      *indices;                     /* label → GUINT_TO_POINTER (index) */
  guint            uses[COURANT_PALETTE_LABEL_SIZE];  /* how many labels hold each colour */
};

/* Colour @index of the categorical palette for a light or dark
 * background; indices past the end wrap around.
 */
CourantRgba
courant_palette_get (gboolean dark,
                     guint    index)
{
  const CourantRgba *palette = dark ? dark_palette : light_palette;

  return palette[index % COURANT_PALETTE_SIZE];
}

/* Colour @index of the label palette; indices past the end wrap around. */
CourantRgba
courant_palette_get_label (gboolean dark,
                           guint    index)
{
  const CourantRgba *palette = dark ? dark_labels : light_labels;

  return palette[index % COURANT_PALETTE_LABEL_SIZE];
}

/* The sequential ramp at @t in [0, 1] (clamped), dark violet to yellow.
 * It is the same on both themes: its lightness runs monotonically, so it
 * reads on either. "No data" is not a ramp value: it is the theme's
 * no_data hatch (courant_theme_create_no_data_pattern()).
 */
CourantRgba
courant_palette_ramp (double t)
{
  const guint last = G_N_ELEMENTS (viridis) - 1;
  CourantRgba rgba = { 0, 0, 0, 1.0 };
  double position;
  double frac;
  guint i;

  g_return_val_if_fail (!isnan (t), rgba);

  position = CLAMP (t, 0.0, 1.0) * last;
  i = MIN ((guint) position, last - 1);
  frac = position - i;

  rgba.red = viridis[i][0] + (viridis[i + 1][0] - viridis[i][0]) * frac;
  rgba.green = viridis[i][1] + (viridis[i + 1][1] - viridis[i][1]) * frac;
  rgba.blue = viridis[i][2] + (viridis[i + 1][2] - viridis[i][2]) * frac;
  return rgba;
}

CourantPaletteMap *
courant_palette_map_new (void)
{
  CourantPaletteMap *self = g_new0 (CourantPaletteMap, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  self->indices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

CourantPaletteMap *
courant_palette_map_ref (CourantPaletteMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
courant_palette_map_unref (CourantPaletteMap *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->indices);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

static void
assign_locked (CourantPaletteMap *self,
               const char        *label,
               guint              index)
{
  gpointer old;

  if (g_hash_table_lookup_extended (self->indices, label, NULL, &old))
    self->uses[GPOINTER_TO_UINT (old)]--;

  g_hash_table_insert (self->indices, g_strdup (label), GUINT_TO_POINTER (index));
  self->uses[index]++;
}

/* Gives @label colour @index whatever the order labels are met in: for
 * the labels the app knows (channels, production sources), so that
 * "web" or "nucléaire" has the same colour in every dataset.
 */
void
courant_palette_map_set_fixed (CourantPaletteMap *self,
                               const char        *label,
                               guint              index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (label != NULL);

  g_mutex_lock (&self->mutex);
  assign_locked (self, label, index % COURANT_PALETTE_LABEL_SIZE);
  g_mutex_unlock (&self->mutex);
}

/* The least used colour, the first such from @start on in palette
 * order: fixed labels keep theirs, and past the palette's size colours
 * repeat as evenly as they can.
 */
static guint
least_used_locked (CourantPaletteMap *self,
                   guint              start)
{
  guint best = start;

  for (guint k = 1; k < COURANT_PALETTE_LABEL_SIZE; k++)
    {
      guint i = (start + k) % COURANT_PALETTE_LABEL_SIZE;

      if (self->uses[i] < self->uses[best])
        best = i;
    }

  return best;
}

void
courant_palette_map_assign (CourantPaletteMap *self,
                            const char *const *labels)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (labels != NULL);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; labels[i] != NULL; i++)
    if (!g_hash_table_contains (self->indices, labels[i]))
      assign_locked (self, labels[i], least_used_locked (self, 0));
  g_mutex_unlock (&self->mutex);
}

/* The palette index of @label, assigned on first sight and kept for the
 * life of the map. A label met unannounced starts looking at a colour
 * that its text picks, so that it does not depend on the order labels
 * happen to be drawn in while there are free colours.
 */
guint
courant_palette_map_lookup (CourantPaletteMap *self,
                            const char        *label)
{
  gpointer value;
  guint index;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (label != NULL, 0);

  g_mutex_lock (&self->mutex);
  if (g_hash_table_lookup_extended (self->indices, label, NULL, &value))
    {
      index = GPOINTER_TO_UINT (value);
    }
  else
    {
      index = least_used_locked (self, g_str_hash (label) % COURANT_PALETTE_LABEL_SIZE);
      assign_locked (self, label, index);
    }
  g_mutex_unlock (&self->mutex);

  return index;
}

CourantRgba
courant_palette_map_get (CourantPaletteMap *self,
                         const char        *label,
                         gboolean           dark)
{
  return courant_palette_get_label (dark, courant_palette_map_lookup (self, label));
}
