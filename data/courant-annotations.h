/* courant-annotations.h: labelled instants and periods of a table
 *
 * An analyst marks a point or a range of a timeline ("cold snap",
 * "strike"). The marks of a table are kept in a small JSON file of the
 * user data folder, one per source and table, which the app and
 * courant-cli export both read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  gint64  start_ms;   /* ms UTC */
  gint64  end_ms;     /* equal to start_ms for a point */
  char   *label;
} CourantAnnotation;

/* A GArray of CourantAnnotation that frees the labels. */
GArray   *courant_annotations_new   (void);
void      courant_annotations_add   (GArray             *annotations,
                                     gint64              start_ms,
                                     gint64              end_ms,
                                     const char         *label);

/* Where the annotations of @table of the source at @uri are kept, under
 * $XDG_DATA_HOME/courant/annotations. */
char     *courant_annotations_path  (const char         *uri,
                                     const char         *table);
/* The annotations saved at @path: none when there is no file yet; NULL
 * with @error (COURANT_DATA_ERROR_CORRUPT) when the file cannot be read
 * as annotations. */
GArray   *courant_annotations_load  (const char         *path,
                                     GError            **error);
/* Replaces the file at @path at once (a crash leaves the old file or the
 * new one, never half of one), making its folder if needed. */
gboolean  courant_annotations_save  (const char         *path,
                                     const char         *uri,
                                     const char         *table,
                                     GArray             *annotations,
                                     GError            **error);

/* Reads "FROM/TO=Label" or "WHEN=Label", times in ISO 8601 (local times
 * in @tz, NULL: Europe/Paris), as courant-cli export --annotation takes it. */
gboolean  courant_annotation_parse  (const char         *text,
                                     GTimeZone          *tz,
                                     CourantAnnotation  *out,
                                     GError            **error);
void      courant_annotation_clear  (CourantAnnotation  *annotation);

G_END_DECLS
