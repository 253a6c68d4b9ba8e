/* courant-lod.c: the min/max pyramid and the M4 reduction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "courant-lod.h"

#define MAX_LEVELS 16

/* Minimum and maximum side by side: a range query reads one cache line per
 * ragged end and level, not two. */
typedef struct
{
  double *minmax;  /* 2 n: min, max of each entry */
  gsize   n;
} Level;

struct _CourantLod
{
  const double *values;
  gsize         n;
  guint         n_levels;         /* above the raw values */
  Level         levels[MAX_LEVELS];
};

/* Ternaries rather than fmin()/fmax(): they compile to minsd/maxsd without
 * branches, and four accumulators keep both ports busy. Values are never NaN. */
static inline void
scan_values (const double *v,
             gsize         lo,
             gsize         hi,
             double       *mn,
             double       *mx)
{
  double a0 = *mn, a1 = *mn, a2 = *mn, a3 = *mn;
  double b0 = *mx, b1 = *mx, b2 = *mx, b3 = *mx;
  gsize i = lo;

  for (; i + 4 <= hi; i += 4)
    {
      a0 = v[i] < a0 ? v[i] : a0;
      a1 = v[i + 1] < a1 ? v[i + 1] : a1;
      a2 = v[i + 2] < a2 ? v[i + 2] : a2;
      a3 = v[i + 3] < a3 ? v[i + 3] : a3;
      b0 = v[i] > b0 ? v[i] : b0;
      b1 = v[i + 1] > b1 ? v[i + 1] : b1;
      b2 = v[i + 2] > b2 ? v[i + 2] : b2;
      b3 = v[i + 3] > b3 ? v[i + 3] : b3;
    }
  for (; i < hi; i++)
    {
      a0 = v[i] < a0 ? v[i] : a0;
      b0 = v[i] > b0 ? v[i] : b0;
    }
  a0 = a1 < a0 ? a1 : a0;
  a2 = a3 < a2 ? a3 : a2;
  *mn = a2 < a0 ? a2 : a0;
  b0 = b1 > b0 ? b1 : b0;
  b2 = b3 > b2 ? b3 : b2;
  *mx = b2 > b0 ? b2 : b0;
}

static inline void
scan_level (const Level *level,
            gsize        lo,
            gsize        hi,
            double      *mn,
            double      *mx)
{
  double a = *mn, b = *mx;

  for (gsize i = lo; i < hi; i++)
    {
      double lo_i = level->minmax[2 * i], hi_i = level->minmax[2 * i + 1];

      a = lo_i < a ? lo_i : a;
      b = hi_i > b ? hi_i : b;
    }
  *mn = a;
  *mx = b;
}

CourantLod *
courant_lod_new (const double *values,
                 gsize         n)
{
  CourantLod *lod = g_new0 (CourantLod, 1);
  gsize below = n;

  g_return_val_if_fail (values != NULL || n == 0, NULL);

  lod->values = values;
  lod->n = n;

  /* Only whole blocks get an entry: a range query reads the ragged ends
   * from the level below, so no entry ever covers readings it does not own. */
  while (lod->n_levels < MAX_LEVELS)
    {
      gsize fanout = lod->n_levels == 0 ? COURANT_LOD_BLOCK : COURANT_LOD_FANOUT;
      Level *level = &lod->levels[lod->n_levels];
      gsize count = below / fanout;

      if (count < 2)
        break;

      level->n = count;
      level->minmax = g_new (double, 2 * count);
      for (gsize b = 0; b < count; b++)
        {
          double mn = INFINITY, mx = -INFINITY;

          if (lod->n_levels == 0)
            scan_values (values, b * fanout, (b + 1) * fanout, &mn, &mx);
          else
            scan_level (&lod->levels[lod->n_levels - 1], b * fanout, (b + 1) * fanout, &mn, &mx);
          level->minmax[2 * b] = mn;
          level->minmax[2 * b + 1] = mx;
        }
      below = count;
      lod->n_levels++;
    }

  return lod;
}

void
courant_lod_free (CourantLod *lod)
{
  if (lod == NULL)
    return;

  for (guint i = 0; i < lod->n_levels; i++)
    g_free (lod->levels[i].minmax);
  g_free (lod);
}

gsize
courant_lod_get_memory (const CourantLod *lod)
{
  gsize bytes = sizeof *lod;

  g_return_val_if_fail (lod != NULL, 0);

  for (guint i = 0; i < lod->n_levels; i++)
    bytes += 2 * lod->levels[i].n * sizeof (double);
  return bytes;
}

/* Level 0 is the raw values; level k ≥ 1 is lod->levels[k - 1]. The range is
 * split into a ragged head and tail read at this level and whole entries of
 * the next level in between. */
static void
range_at (const CourantLod *lod,
          guint             level,
          gsize             lo,
          gsize             hi,
          double           *mn,
          double           *mx)
{
  if (level < lod->n_levels)
    {
      gsize fanout = level == 0 ? COURANT_LOD_BLOCK : COURANT_LOD_FANOUT;
      gsize b0 = (lo + fanout - 1) / fanout;
      gsize b1 = hi / fanout;

      if (b0 < b1)
        {
          range_at (lod, level, lo, b0 * fanout, mn, mx);
          range_at (lod, level + 1, b0, b1, mn, mx);
          range_at (lod, level, b1 * fanout, hi, mn, mx);
          return;
        }
    }

  if (level == 0)
    scan_values (lod->values, lo, hi, mn, mx);
  else
    scan_level (&lod->levels[level - 1], lo, hi, mn, mx);
}

void
courant_lod_range (const CourantLod *lod,
                   gsize             lo,
                   gsize             hi,
                   double           *min,
                   double           *max)
{
  g_return_if_fail (lod != NULL);
  g_return_if_fail (lo < hi && hi <= lod->n);

  *min = INFINITY;
  *max = -INFINITY;
  range_at (lod, 0, lo, hi, min, max);
}

gsize
courant_lod_lower_bound (const gint64 *times,
                         gsize         n,
                         gint64        t)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (times[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first index in [@lo, @n) whose time is ≥ @t, all times before @lo
 * being < @t. The search gallops from @guess (where the previous pixel's
 * count predicts the edge) in whichever direction the edge lies: a few cache
 * lines near the answer, where a binary search over the series would miss
 * the cache at every step. */
static gsize
search_near (const gint64 *times,
             gsize         lo,
             gsize         n,
             gsize         guess,
             gint64        t)
{
  gsize step = 1, from, to;

  guess = MIN (MAX (guess, lo), n);
  if (guess < n && times[guess] < t)
    {
      from = guess;
      while (from + step < n && times[from + step] < t)
        {
          from += step;
          step *= 2;
        }
      to = MIN (from + step, n);
    }
  else
    {
      to = guess;
      while (to >= lo + step && times[to - step] >= t)
        {
          to -= step;
          step *= 2;
        }
      from = to >= lo + step ? to - step : lo;
    }
  return from + courant_lod_lower_bound (times + from, to - from, t);
}

/* How many pixel edges ahead the M4 loops prefetch. A wide window touches
 * 1920 places megabytes apart in the times, the values and the first level,
 * each a cache and TLB miss: fetched one after another they cost 2–3 ms,
 * issued this far ahead they overlap. */
#define PREFETCH_AHEAD 16

/* Where an even spread of the readings over [t0, t1) puts edge @p. */
static inline gsize
guess_edge (gsize  first,
            gsize  last,
            double per_pixel,
            guint  p)
{
  return MIN (first + (gsize) (per_pixel * p), last);
}

/* The readings and first two levels that the ragged ends of the pixels on
 * either side of index @edge read: the block of COURANT_LOD_BLOCK readings
 * around it, and the groups of COURANT_LOD_FANOUT entries around its block. */
static inline void
prefetch_edge (const CourantLod *lod,
               gsize             edge)
{
  gsize block = MIN (edge, lod->n - 1) / COURANT_LOD_BLOCK;

  for (gsize i = 0; i < COURANT_LOD_BLOCK; i += 8)
    __builtin_prefetch (&lod->values[MIN (block * COURANT_LOD_BLOCK + i, lod->n - 1)]);
  for (guint k = 0; k < MIN (lod->n_levels, 2); k++)
    {
      const Level *level = &lod->levels[k];
      gsize group = MIN (block, level->n - 1) / COURANT_LOD_FANOUT * COURANT_LOD_FANOUT;

      __builtin_prefetch (&level->minmax[2 * group]);
      __builtin_prefetch (&level->minmax[MIN (2 * group + 2 * COURANT_LOD_FANOUT, 2 * level->n) - 1]);
      block /= COURANT_LOD_FANOUT;
    }
}

void
courant_lod_m4 (const CourantLod *lod,
                const gint64     *times,
                const double     *values,
                gsize             n,
                gint64            t0,
                gint64            t1,
                guint             width,
                CourantM4        *out)
{
  gint64 span, q, r;
  gsize first, last, *edges;
  double per_pixel;

  g_return_if_fail (lod != NULL && lod->n == n);
  g_return_if_fail (t0 < t1 && width > 0 && out != NULL);

  /* Reading t goes to pixel floor ((t − t0) width / span), as in the peers'
   * SQL; so the edge of pixel p is t0 + ceil (span p / width), computed as
   * t0 + q p + ceil (r p / width): exact, and no overflow. */
  span = t1 - t0;
  q = span / width;
  r = span % width;
  first = courant_lod_lower_bound (times, n, t0);
  last = courant_lod_lower_bound (times, n, t1);
  per_pixel = (double) (last - first) / width;

  /* The edges first, each searched from where an even spread of the
   * readings puts it, the times there prefetched a few edges ahead. */
  edges = g_new (gsize, width + 1);
  edges[0] = first;
  edges[width] = last;
  if (last > first)
    for (guint p = 1; p < MIN (width, PREFETCH_AHEAD); p++)
      __builtin_prefetch (&times[MIN (guess_edge (first, last, per_pixel, p), n - 1)]);
  for (guint p = 1; p < width; p++)
    {
      gint64 edge = t0 + q * p + (r * p + width - 1) / width;

      if (last > first && p + PREFETCH_AHEAD < width)
        {
          gsize ahead = guess_edge (first, last, per_pixel, p + PREFETCH_AHEAD);

          __builtin_prefetch (&times[MIN (ahead, n - 1)]);
          __builtin_prefetch (&times[ahead > 0 ? ahead - 1 : 0]);
        }
      edges[p] = search_near (times, edges[p - 1], last, guess_edge (first, last, per_pixel, p), edge);
    }

  if (last > first)
    for (guint p = 0; p <= MIN (width, PREFETCH_AHEAD); p++)
      prefetch_edge (lod, edges[p]);
  for (guint p = 0; p < width; p++)
    {
      gsize lo = edges[p], hi = edges[p + 1];
      CourantM4 *column = &out[p];

      if (last > first && p + 1 + PREFETCH_AHEAD <= width)
        prefetch_edge (lod, edges[p + 1 + PREFETCH_AHEAD]);
      column->count = (guint) (hi - lo);
      if (hi == lo)
        {
          column->first = column->min = column->max = column->last = NAN;
          continue;
        }
      column->first = values[lo];
      column->last = values[hi - 1];
      column->min = INFINITY;
      column->max = -INFINITY;
      range_at (lod, 0, lo, hi, &column->min, &column->max);
    }
  g_free (edges);
}
