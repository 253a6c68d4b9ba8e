/* test-lod.c: the min/max pyramid and M4 against brute force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "courant-lod.h"

/* A random walk with irregular steps and gaps of every length. */
static void
make_series (GRand   *rand,
             gsize    n,
             gint64 **times,
             double **values)
{
  gint64 t = g_rand_int_range (rand, -1000000, 1000000);

  *times = g_new (gint64, n);
  *values = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      int r = g_rand_int_range (rand, 0, 1000);

      t += r < 5 ? g_rand_int_range (rand, 1000, 5000000) : r < 50 ? 0 : g_rand_int_range (rand, 1, 2000);
      (*times)[i] = t;
      (*values)[i] = (i > 0 ? (*values)[i - 1] : 0) + g_rand_double_range (rand, -1, 1);
    }
}

static void
test_range (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 20; round++)
    {
      gsize n = g_rand_int_range (rand, 1, round < 10 ? 2000 : 300000);
      g_autofree gint64 *times = NULL;
      g_autofree double *values = NULL;
      g_autoptr(CourantLod) lod = NULL;

      make_series (rand, n, &times, &values);
      lod = courant_lod_new (values, n);
      for (guint q = 0; q < 200; q++)
        {
          gsize lo = g_rand_int_range (rand, 0, n);
          gsize hi = g_rand_int_range (rand, lo + 1, n + 1);
          double mn = INFINITY, mx = -INFINITY, a, b;

          for (gsize i = lo; i < hi; i++)
            {
              mn = MIN (mn, values[i]);
              mx = MAX (mx, values[i]);
            }
          courant_lod_range (lod, lo, hi, &a, &b);
          g_assert_cmpfloat (a, ==, mn);
          g_assert_cmpfloat (b, ==, mx);
        }
    }
}

static void
brute_m4 (const gint64 *times,
          const double *values,
          gsize         n,
          gint64        t0,
          gint64        t1,
          guint         width,
          CourantM4    *out)
{
  for (guint p = 0; p < width; p++)
    out[p] = (CourantM4) { NAN, INFINITY, -INFINITY, NAN, 0 };
  for (gsize i = 0; i < n; i++)
    {
      CourantM4 *c;
      /* The pixel by exact rational arithmetic: floor ((t - t0) width / span). */
      __int128 p;

      if (times[i] < t0 || times[i] >= t1)
        continue;
      p = ((__int128) (times[i] - t0) * width) / (t1 - t0);
      c = &out[(guint) p];
      if (c->count == 0)
        c->first = values[i];
      c->last = values[i];
      c->min = MIN (c->min, values[i]);
      c->max = MAX (c->max, values[i]);
      c->count++;
    }
  for (guint p = 0; p < width; p++)
    if (out[p].count == 0)
      out[p].min = out[p].max = NAN;
}

static void
assert_same (const CourantM4 *a,
             const CourantM4 *b)
{
  g_assert_cmpuint (a->count, ==, b->count);
  if (a->count == 0)
    {
      g_assert_true (isnan (a->first) && isnan (a->min) && isnan (a->max) && isnan (a->last));
      return;
    }
  g_assert_cmpfloat (a->first, ==, b->first);
  g_assert_cmpfloat (a->min, ==, b->min);
  g_assert_cmpfloat (a->max, ==, b->max);
  g_assert_cmpfloat (a->last, ==, b->last);
}

static void
check_m4 (const CourantLod *lod,
          const gint64     *times,
          const double     *values,
          gsize             n,
          gint64            t0,
          gint64            t1,
          guint             width)
{
  g_autofree CourantM4 *ours = g_new (CourantM4, width);
  g_autofree CourantM4 *brute = g_new (CourantM4, width);

  courant_lod_m4 (lod, times, values, n, t0, t1, width, ours);
  brute_m4 (times, values, n, t0, t1, width, brute);
  for (guint p = 0; p < width; p++)
    assert_same (&ours[p], &brute[p]);
}

static void
test_m4 (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint round = 0; round < 30; round++)
    {
      gsize n = g_rand_int_range (rand, 1, 200000);
      g_autofree gint64 *times = NULL;
      g_autofree double *values = NULL;
      g_autoptr(CourantLod) lod = NULL;

      make_series (rand, n, &times, &values);
      lod = courant_lod_new (values, n);
      for (guint q = 0; q < 10; q++)
        {
          gint64 span = times[n - 1] - times[0] + 2;
          gint64 t0 = times[0] - 1 + (q == 0 ? 0 : (gint64) g_rand_double_range (rand, -1000, span));
          gint64 t1 = q == 0 ? times[n - 1] + 1 : t0 + 1 + (gint64) g_rand_double_range (rand, 0, span);

          check_m4 (lod, times, values, n, t0, t1, g_rand_int_range (rand, 1, 2500));
        }
    }
}

/* Edges on the pyramid's own boundaries, where a ragged end is empty: one
 * reading every 10 ms, so that reading i starts at 10 i. The first reading
 * of each block is a maximum that falls along the series and the last a
 * minimum that rises along it, so that a range reaching one reading too far
 * to the left or to the right has a wrong maximum or minimum. */
static void
test_m4_edges (void)
{
  const gint64 step = 10;
  const gsize block = COURANT_LOD_BLOCK, group = COURANT_LOD_BLOCK * COURANT_LOD_FANOUT;
  gsize n = 3 * group * COURANT_LOD_FANOUT + 5;
  g_autofree gint64 *times = g_new (gint64, n);
  g_autofree double *values = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(CourantLod) lod = NULL;

  for (gsize i = 0; i < n; i++)
    {
      times[i] = (gint64) i * step;
      values[i] = i % block == 0 ? 1e9 - i : i % block == block - 1 ? -1e9 - i : g_rand_double_range (rand, -1, 1);
    }
  lod = courant_lod_new (values, n);

  /* Pixels of exactly one block, one entry of the second level, and several:
   * every pixel edge falls on a boundary. */
  for (gsize per = block; per <= 4 * group; per *= 2)
    for (guint width = 1; width * per <= n; width = width * 3 + 1)
      {
        check_m4 (lod, times, values, n, 0, (gint64) (width * per) * step, width);
        check_m4 (lod, times, values, n, (gint64) per * step, (gint64) ((width + 1) * per) * step, width);
      }
  /* Boundaries one reading either side. */
  for (gint64 d = -1; d <= 1; d++)
    {
      check_m4 (lod, times, values, n, ((gint64) block + d) * step, ((gint64) (5 * group) + d) * step, 9);
      check_m4 (lod, times, values, n, ((gint64) group + d) * step, ((gint64) (2 * group) - d) * step, 1);
    }
  /* One pixel wider than the whole series, and than every level. */
  check_m4 (lod, times, values, n, -1000, (gint64) n * step + 1000, 1);
  check_m4 (lod, times, values, n, 0, (gint64) n * step, 1);
  check_m4 (lod, times, values, n, 0, (gint64) n * step, 2);
  /* One reading, one pixel or many; a window between two readings; windows
   * beyond either end; more pixels than readings. */
  for (gsize i = 0; i < n; i += block - 1)
    {
      check_m4 (lod, times, values, n, times[i], times[i] + 1, 1);
      check_m4 (lod, times, values, n, times[i], times[i] + 1, 7);
      check_m4 (lod, times, values, n, times[i] - 3, times[i] + 3, 6);
    }
  check_m4 (lod, times, values, n, 1, step, 4);
  check_m4 (lod, times, values, n, -100, -1, 3);
  check_m4 (lod, times, values, n, (gint64) n * step, (gint64) n * step + 100, 3);
  check_m4 (lod, times, values, n, 0, 200 * step, 1920);
}

/* The pyramid costs a small fraction of the raw series. */
static void
test_memory (void)
{
  gsize n = 1000000;
  g_autofree double *values = g_new0 (double, n);
  g_autoptr(CourantLod) lod = courant_lod_new (values, n);

  g_assert_cmpuint (courant_lod_get_memory (lod) * 30, <, n * (sizeof (double) + sizeof (gint64)));
}

static void
test_empty (void)
{
  g_autoptr(CourantLod) lod = courant_lod_new (NULL, 0);
  CourantM4 out[3];

  courant_lod_m4 (lod, NULL, NULL, 0, 0, 100, 3, out);
  for (guint p = 0; p < 3; p++)
    g_assert_cmpuint (out[p].count, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lod/range", test_range);
  g_test_add_func ("/lod/m4", test_m4);
  g_test_add_func ("/lod/m4-edges", test_m4_edges);
  g_test_add_func ("/lod/memory", test_memory);
  g_test_add_func ("/lod/empty", test_empty);

  return g_test_run ();
}
