/* courant-lod.h: level of detail for drawing series (min/max pyramid, M4)
 *
 * The pyramid keeps the minimum and maximum of blocks of 64 readings, then of
 * blocks of 8 of those, and so on; the minimum and maximum of any index range
 * is then read from a few dozen entries, so that any zoom window is reduced
 * to one M4 column (first, min, max, last) per pixel in well under a
 * millisecond.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define COURANT_LOD_BLOCK  64  /* readings per entry of the first level */
#define COURANT_LOD_FANOUT 8   /* entries of a level per entry of the next */

typedef struct _CourantLod CourantLod;

/* One pixel column. A column without readings has count 0 and NaN values. */
typedef struct
{
  double first;
  double min;
  double max;
  double last;
  guint  count;
} CourantM4;

/* @values must outlive the pyramid and must not contain NaN. */
CourantLod *courant_lod_new          (const double *values,
                                      gsize         n);
void        courant_lod_free         (CourantLod   *lod);
gsize       courant_lod_get_memory   (const CourantLod *lod);

/* The minimum and maximum of values[lo, hi), lo < hi ≤ n. */
void        courant_lod_range        (const CourantLod *lod,
                                      gsize             lo,
                                      gsize             hi,
                                      double           *min,
                                      double           *max);

/* Fills @out[0..width) with the M4 columns of the readings whose time is in
 * [t0, t1): pixel p covers [t0 + (t1 - t0) p / width, t0 + (t1 - t0) (p + 1) / width).
 * @times are sorted. */
void        courant_lod_m4           (const CourantLod *lod,
                                      const gint64     *times,
                                      const double     *values,
                                      gsize             n,
                                      gint64            t0,
                                      gint64            t1,
                                      guint             width,
                                      CourantM4        *out);

/* The first index whose time is ≥ @t. */
gsize       courant_lod_lower_bound  (const gint64     *times,
                                      gsize             n,
                                      gint64            t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantLod, courant_lod_free)

G_END_DECLS
