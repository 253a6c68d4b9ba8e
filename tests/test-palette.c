/* test-palette.c: colour-blind safety, contrast, the ramp, label colours
 *
 * Colour science is done here from the published formulas (sRGB, CIELAB,
 * WCAG contrast, Machado et al. 2009 dichromacy matrices), independently
 * of the palette code, which only holds colour values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "courant-palette.h"

/* Every pair of colours stays at least this far apart (CIE76 ΔE) for
 * normal vision and for each simulated dichromacy; 10 is a clearly
 * visible difference between two lines or areas.
 */
#define MIN_DELTA_E 12.0

typedef struct
{
  double l, a, b;
} Lab;

static double
linearize (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 0.008856 ? cbrt (t) : 7.787 * t + 16.0 / 116;
}

static Lab
lab_from_linear (const double rgb[3])
{
  double x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
  double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  double z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;

  return (Lab) {
    116 * lab_f (y) - 16,
    500 * (lab_f (x) - lab_f (y)),
    200 * (lab_f (y) - lab_f (z)),
  };
}

/* Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB. */
static const double protanopia[3][3] = {
  { 0.152286, 1.052583, -0.204868 },
  { 0.114503, 0.786281, 0.099216 },
  { -0.003882, -0.048116, 1.051998 },
};
static const double deuteranopia[3][3] = {
  { 0.367322, 0.860646, -0.227968 },
  { 0.280085, 0.672501, 0.047413 },
  { -0.011820, 0.042940, 0.968881 },
};
static const double tritanopia[3][3] = {
  { 1.255528, -0.076749, -0.178779 },
  { -0.078411, 0.930809, 0.147602 },
  { 0.004733, 0.691367, 0.303900 },
};

static Lab
perceived (const CourantRgba *rgba,
           const double (*vision)[3])
{
  double linear[3] = { linearize (rgba->red), linearize (rgba->green), linearize (rgba->blue) };
  double seen[3];

  if (vision == NULL)
    return lab_from_linear (linear);

  for (int i = 0; i < 3; i++)
    seen[i] = CLAMP (vision[i][0] * linear[0] + vision[i][1] * linear[1] + vision[i][2] * linear[2],
                     0.0, 1.0);
  return lab_from_linear (seen);
}

static double
delta_e (Lab p,
         Lab q)
{
  return sqrt ((p.l - q.l) * (p.l - q.l) + (p.a - q.a) * (p.a - q.a) + (p.b - q.b) * (p.b - q.b));
}

static double
relative_luminance (const CourantRgba *rgba)
{
  return 0.2126 * linearize (rgba->red) + 0.7152 * linearize (rgba->green) +
         0.0722 * linearize (rgba->blue);
}

static double
contrast (const CourantRgba *p,
          const CourantRgba *q)
{
  double lp = relative_luminance (p);
  double lq = relative_luminance (q);

  return (MAX (lp, lq) + 0.05) / (MIN (lp, lq) + 0.05);
}

static void
test_colour_blind_safe (void)
{
  const double (*visions[])[3] = { NULL, protanopia, deuteranopia, tritanopia };

  g_assert_cmpint (COURANT_PALETTE_SIZE, >=, 8);

  for (int dark = 0; dark <= 1; dark++)
    for (guint v = 0; v < G_N_ELEMENTS (visions); v++)
      for (guint i = 0; i < COURANT_PALETTE_SIZE; i++)
        for (guint j = i + 1; j < COURANT_PALETTE_SIZE; j++)
          {
            CourantRgba p = courant_palette_get (dark, i);
            CourantRgba q = courant_palette_get (dark, j);
            double distance = delta_e (perceived (&p, visions[v]), perceived (&q, visions[v]));

            if (distance < MIN_DELTA_E)
              g_error ("%s colours %u and %u are only ΔE %.1f apart under vision %u",
                       dark ? "dark" : "light", i, j, distance, v);
          }
}

static void
test_dark_variants (void)
{
  const CourantTheme *dark_theme = courant_theme_get_dark ();
  guint differing = 0;

  /* Each dark variant stands out from the dark background (WCAG's 3:1
   * for graphics), which is why the variants exist.
   */
  for (guint i = 0; i < COURANT_PALETTE_SIZE; i++)
    {
      CourantRgba dark = courant_palette_get (TRUE, i);
      CourantRgba light = courant_palette_get (FALSE, i);

      g_assert_cmpfloat (contrast (&dark, &dark_theme->background), >=, 3.0);
      if (dark.red != light.red || dark.green != light.green || dark.blue != light.blue)
        differing++;
    }
  g_assert_cmpuint (differing, >=, 4);
}

static void
test_wraps (void)
{
  for (guint i = 0; i < COURANT_PALETTE_SIZE; i++)
    {
      CourantRgba first = courant_palette_get (FALSE, i);
      CourantRgba again = courant_palette_get (FALSE, i + COURANT_PALETTE_SIZE);

      g_assert_cmpfloat (first.red, ==, again.red);
      g_assert_cmpfloat (first.green, ==, again.green);
      g_assert_cmpfloat (first.blue, ==, again.blue);
      g_assert_cmpfloat (first.alpha, ==, 1.0);
    }
}

static void
test_ramp (void)
{
  CourantRgba start = courant_palette_ramp (0);
  CourantRgba end = courant_palette_ramp (1);
  CourantRgba below = courant_palette_ramp (-3);
  CourantRgba above = courant_palette_ramp (7);
  double previous_l = -1;
  double smallest_step = G_MAXDOUBLE;
  double largest_step = 0;

  /* Viridis runs from #440154 to #fde725. */
  g_assert_cmpfloat_with_epsilon (start.red, 0x44 / 255.0, 0.003);
  g_assert_cmpfloat_with_epsilon (start.green, 0x01 / 255.0, 0.003);
  g_assert_cmpfloat_with_epsilon (start.blue, 0x54 / 255.0, 0.003);
  g_assert_cmpfloat_with_epsilon (end.red, 0xfd / 255.0, 0.003);
  g_assert_cmpfloat_with_epsilon (end.green, 0xe7 / 255.0, 0.003);
  g_assert_cmpfloat_with_epsilon (end.blue, 0x25 / 255.0, 0.003);

  /* Out of range values clamp. */
  g_assert_cmpfloat (below.red, ==, start.red);
  g_assert_cmpfloat (above.blue, ==, end.blue);

  /* Perceptually ordered and even: lightness rises at every step, and
   * the steps differ by less than half.
   */
  for (guint k = 0; k <= 32; k++)
    {
      CourantRgba rgba = courant_palette_ramp (k / 32.0);
      double l = perceived (&rgba, NULL).l;

      g_assert_cmpfloat (rgba.alpha, ==, 1.0);
      if (k > 0)
        {
          g_assert_cmpfloat (l, >, previous_l);
          smallest_step = MIN (smallest_step, l - previous_l);
          largest_step = MAX (largest_step, l - previous_l);
        }
      previous_l = l;
    }
  g_assert_cmpfloat (largest_step / smallest_step, <, 1.5);

  /* Readable by dichromats too: lightness alone orders it. */
  for (guint k = 1; k <= 16; k++)
    {
      CourantRgba p = courant_palette_ramp ((k - 1) / 16.0);
      CourantRgba q = courant_palette_ramp (k / 16.0);

      g_assert_cmpfloat (perceived (&q, deuteranopia).l, >, perceived (&p, deuteranopia).l);
      g_assert_cmpfloat (perceived (&q, protanopia).l, >, perceived (&p, protanopia).l);
    }
}

static void
test_labels_distinct (void)
{
  const double (*visions[])[3] = { NULL, protanopia, deuteranopia, tritanopia };

  for (int dark = 0; dark <= 1; dark++)
    {
      const CourantTheme *theme = dark ? courant_theme_get_dark () : courant_theme_get_light ();
      double closest = G_MAXDOUBLE, closest_grey = G_MAXDOUBLE, weakest = G_MAXDOUBLE;

      for (guint i = 0; i < COURANT_PALETTE_LABEL_SIZE; i++)
        {
          CourantRgba p = courant_palette_get_label (dark, i);

          /* The first seven are the palette's own hues. */
          if (i < 7)
            {
              CourantRgba same = courant_palette_get (dark, i);

              g_assert_cmpfloat (fabs (same.red - p.red) + fabs (same.green - p.green) +
                                 fabs (same.blue - p.blue), <, 1e-9);
            }
          weakest = MIN (weakest, contrast (&p, &theme->background));
          for (guint v = 0; v < G_N_ELEMENTS (visions); v++)
            {
              closest_grey = MIN (closest_grey, delta_e (perceived (&p, visions[v]),
                                                         perceived (&theme->muted, visions[v])));
              for (guint j = i + 1; j < COURANT_PALETTE_LABEL_SIZE; j++)
                {
                  CourantRgba q = courant_palette_get_label (dark, j);

                  closest = MIN (closest, delta_e (perceived (&p, visions[v]), perceived (&q, visions[v])));
                }
            }
        }
      g_test_message ("%s labels: closest pair ΔE %.1f, closest to grey %.1f, weakest contrast %.2f",
                      dark ? "dark" : "light", closest, closest_grey, weakest);
      /* Sixteen colours cannot all stay 12 apart for every vision; 13 is
       * what the greedy choice reached, still a clear difference. */
      g_assert_cmpfloat (closest, >=, 13.0);
      /* "(other)" and "(end)" are grey: no label may look like them. */
      g_assert_cmpfloat (closest_grey, >=, 7.0);
      /* Yellow on the light background is the palette's weakest. */
      g_assert_cmpfloat (weakest, >=, dark ? 2.2 : 1.25);
    }
}

static void
test_map_assign (void)
{
  const char *events[] = { "bill_issued", "payment", "call", NULL };
  g_autoptr(CourantPaletteMap) map = courant_palette_map_new ();
  g_autoptr(CourantPaletteMap) other = courant_palette_map_new ();
  guint uses[COURANT_PALETTE_LABEL_SIZE] = { 0 };
  guint seen = 0;

  /* Announced labels take the best colours, in order... */
  courant_palette_map_assign (map, events);
  g_assert_cmpuint (courant_palette_map_lookup (map, "bill_issued"), ==, 0);
  g_assert_cmpuint (courant_palette_map_lookup (map, "payment"), ==, 1);
  g_assert_cmpuint (courant_palette_map_lookup (map, "call"), ==, 2);
  /* ...and keep them when announced again, in another order. */
  courant_palette_map_assign (map, (const char *const[]) { "call", "move_in", "payment", NULL });
  g_assert_cmpuint (courant_palette_map_lookup (map, "call"), ==, 2);
  g_assert_cmpuint (courant_palette_map_lookup (map, "move_in"), ==, 3);

  /* Sixteen labels, announced or not, get sixteen colours. */
  for (guint i = 0; i < COURANT_PALETTE_LABEL_SIZE - 4; i++)
    {
      g_autofree char *label = g_strdup_printf ("label %u", i);

      courant_palette_map_lookup (map, label);
    }
  for (guint i = 0; i < COURANT_PALETTE_LABEL_SIZE - 4; i++)
    {
      g_autofree char *label = g_strdup_printf ("label %u", i);

      seen |= 1u << courant_palette_map_lookup (map, label);
    }
  seen |= 1u << 0 | 1u << 1 | 1u << 2 | 1u << 3;
  g_assert_cmpuint (seen, ==, (1u << COURANT_PALETTE_LABEL_SIZE) - 1);

  /* A label met alone starts where its text points, whatever else the
   * map holds, as long as that colour is free. */
  g_assert_cmpuint (courant_palette_map_lookup (other, "label 5"), ==,
                    g_str_hash ("label 5") % COURANT_PALETTE_LABEL_SIZE);

  /* Past the palette's size, colours repeat evenly. */
  for (guint i = 0; i < 3 * COURANT_PALETTE_LABEL_SIZE; i++)
    {
      g_autofree char *label = g_strdup_printf ("more %u", i);

      courant_palette_map_lookup (map, label);
    }
  for (guint i = 0; i < 3 * COURANT_PALETTE_LABEL_SIZE; i++)
    {
      g_autofree char *label = g_strdup_printf ("more %u", i);

      uses[courant_palette_map_lookup (map, label)]++;
    }
  for (guint i = 0; i < COURANT_PALETTE_LABEL_SIZE; i++)
    g_assert_cmpuint (uses[i], ==, 3);
}

static void
test_map_fixed (void)
{
  g_autoptr(CourantPaletteMap) one = courant_palette_map_new ();
  g_autoptr(CourantPaletteMap) other = courant_palette_map_new ();
  CourantRgba colour;
  CourantRgba expected;

  /* Two views meet their labels in different orders; the known labels
   * keep their colours in both, and the others avoid them.
   */
  courant_palette_map_set_fixed (one, "nucléaire", 3);
  courant_palette_map_set_fixed (other, "nucléaire", 3);

  courant_palette_map_assign (one, (const char *const[]) { "gaz", NULL });
  g_assert_cmpuint (courant_palette_map_lookup (one, "gaz"), ==, 0);
  g_assert_cmpuint (courant_palette_map_lookup (one, "nucléaire"), ==, 3);
  g_assert_cmpuint (courant_palette_map_lookup (other, "nucléaire"), ==, 3);
  for (guint i = 0; i < COURANT_PALETTE_LABEL_SIZE - 1; i++)
    {
      g_autofree char *label = g_strdup_printf ("source %u", i);

      g_assert_cmpuint (courant_palette_map_lookup (other, label), !=, 3);
    }

  /* Fixing a label already met moves it. */
  courant_palette_map_set_fixed (one, "gaz", 5 + COURANT_PALETTE_LABEL_SIZE);
  g_assert_cmpuint (courant_palette_map_lookup (one, "gaz"), ==, 5);

  colour = courant_palette_map_get (one, "gaz", TRUE);
  expected = courant_palette_get_label (TRUE, 5);
  g_assert_cmpfloat (colour.red, ==, expected.red);
  g_assert_cmpfloat (colour.green, ==, expected.green);
  g_assert_cmpfloat (colour.blue, ==, expected.blue);
}

#define N_THREADS 4
#define N_LABELS  200

static gpointer
lookup_all_cb (gpointer data)
{
  CourantPaletteMap *map = data;
  guint *indices = g_new (guint, N_LABELS);

  for (guint i = 0; i < N_LABELS; i++)
    {
      g_autofree char *label = g_strdup_printf ("label %u", (i * 7) % N_LABELS);

      indices[(i * 7) % N_LABELS] = courant_palette_map_lookup (map, label);
    }

  return indices;
}

static void
test_map_threads (void)
{
  g_autoptr(CourantPaletteMap) map = courant_palette_map_new ();
  GThread *threads[N_THREADS];
  g_autofree guint *first = NULL;

  /* Scenes are laid out in workers: they must all see one assignment. */
  for (guint t = 0; t < N_THREADS; t++)
    threads[t] = g_thread_new ("lookup", lookup_all_cb, courant_palette_map_ref (map));

  for (guint t = 0; t < N_THREADS; t++)
    {
      g_autofree guint *indices = g_thread_join (threads[t]);

      courant_palette_map_unref (map);
      if (first == NULL)
        {
          first = g_steal_pointer (&indices);
          continue;
        }
      for (guint i = 0; i < N_LABELS; i++)
        g_assert_cmpuint (indices[i], ==, first[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/palette/colour-blind-safe", test_colour_blind_safe);
  g_test_add_func ("/palette/dark-variants", test_dark_variants);
  g_test_add_func ("/palette/wraps", test_wraps);
  g_test_add_func ("/palette/ramp", test_ramp);
  g_test_add_func ("/palette/labels-distinct", test_labels_distinct);
  g_test_add_func ("/palette/map/assign", test_map_assign);
  g_test_add_func ("/palette/map/fixed", test_map_fixed);
  g_test_add_func ("/palette/map/threads", test_map_threads);

  return g_test_run ();
}
