/* courant-png.c: writing image surfaces as PNG files, fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>

#include "courant-png.h"

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static gboolean
write_chunk (FILE         *out,
             const char   *type,
             const guint8 *data,
             gsize         len)
{
  guint8 header[8], trailer[4];
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  if (len > 0)
    crc = crc32 (crc, data, len);
  put_be32 (header, len);
  memcpy (header + 4, type, 4);
  put_be32 (trailer, crc);

  return fwrite (header, 1, 8, out) == 8 &&
         (len == 0 || fwrite (data, 1, len, out) == len) &&
         fwrite (trailer, 1, 4, out) == 4;
}

static gboolean
is_opaque (const guint8 *data,
           int           width,
           int           height,
           int           stride)
{
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if ((row[x] >> 24) != 0xff)
          return FALSE;
    }
  return TRUE;
}

/* One scanline with its filter byte: PNG wants straight (not premultiplied)
 * RGB(A) in byte order. The "Sub" filter turns runs of one colour into
 * runs of zeros, which run-length deflate packs tightly and fast. */
static void
convert_row (const guint32 *pixels,
             int            width,
             gboolean       alpha,
             guint8        *out)
{
  guint bpp = alpha ? 4 : 3;
  guint8 *start = out + 1;
  gsize len = (gsize) width * bpp;

  *out++ = 1; /* Sub */
  for (int x = 0; x < width; x++)
    {
      guint32 p = pixels[x];
      guint a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

      if (alpha && a != 0 && a != 0xff)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      *out++ = r;
      *out++ = g;
      *out++ = b;
      if (alpha)
        *out++ = a;
    }

  for (gsize i = len; i-- > bpp;)
    start[i] -= start[i - bpp];
}

static guint8 *
compress_image (const guint8 *data,
                int           width,
                int           height,
                int           stride,
                gboolean      alpha,
                gsize        *len)
{
  gsize row_len = 1 + (gsize) width * (alpha ? 4 : 3);
  g_autofree guint8 *row = g_malloc (row_len);
  z_stream z = { 0 };
  guint8 *out;
  gsize bound;

  deflateInit2 (&z, 1, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY);
  bound = deflateBound (&z, row_len * height);
  out = g_malloc (bound);
  z.next_out = out;
  z.avail_out = bound;

  for (int y = 0; y < height; y++)
    {
      convert_row ((const guint32 *) (data + (gsize) y * stride), width, alpha, row);
      z.next_in = row;
      z.avail_in = row_len;
      deflate (&z, y + 1 == height ? Z_FINISH : Z_NO_FLUSH);
    }

  *len = z.total_out;
  deflateEnd (&z);
  return out;
}

gboolean
courant_png_write (cairo_surface_t  *surface,
                   const char       *path,
                   GError          **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  cairo_format_t format;
  g_autofree guint8 *idat = NULL;
  guint8 ihdr[13];
  gboolean alpha, ok;
  int width, height, stride;
  gsize idat_len;
  FILE *out;

  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  format = cairo_image_surface_get_format (surface);
  g_return_val_if_fail (format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24, FALSE);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  alpha = format == CAIRO_FORMAT_ARGB32 &&
          !is_opaque (cairo_image_surface_get_data (surface), width, height, stride);

  idat = compress_image (cairo_image_surface_get_data (surface), width, height, stride,
                         alpha, &idat_len);

  put_be32 (ihdr, width);
  put_be32 (ihdr + 4, height);
  ihdr[8] = 8;               /* bits per channel */
  ihdr[9] = alpha ? 6 : 2;   /* RGBA or RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;

  out = g_fopen (path, "wb");
  if (out == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” cannot be written: %s."), path, g_strerror (saved));
      return FALSE;
    }

  ok = fwrite (signature, 1, sizeof signature, out) == sizeof signature &&
       write_chunk (out, "IHDR", ihdr, sizeof ihdr) &&
       write_chunk (out, "IDAT", idat, idat_len) &&
       write_chunk (out, "IEND", NULL, 0);
  /* A full disk often shows only when the buffered bytes are flushed. */
  ok = (fclose (out) == 0) && ok;

  if (!ok)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” could not be written: %s."), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
