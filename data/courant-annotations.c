/* courant-annotations.c: labelled instants and periods of a table
 *
 * The file is JSON, readable and mendable by hand:
 *
 *   { "source": "file:///…/demo.sqlite", "table": "consumption",
 *     "annotations": [ { "start": "2025-01-10T00:00:00Z",
 *                        "end": "2025-01-15T00:00:00Z", "label": "Cold snap" } ] }
 *
 * Times are written in UTC, so that a change of the dataset's time zone
 * does not move a mark. A file that is not that is reported, never
 * overwritten by a load.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "courant-annotations.h"
#include "courant-error.h"
#include "courant-time.h"

void
courant_annotation_clear (CourantAnnotation *annotation)
{
  g_return_if_fail (annotation != NULL);

  g_clear_pointer (&annotation->label, g_free);
}

GArray *
courant_annotations_new (void)
{
  GArray *annotations = g_array_new (FALSE, TRUE, sizeof (CourantAnnotation));

  g_array_set_clear_func (annotations, (GDestroyNotify) courant_annotation_clear);
  return annotations;
}

void
courant_annotations_add (GArray     *annotations,
                         gint64      start_ms,
                         gint64      end_ms,
                         const char *label)
{
  CourantAnnotation annotation;

  g_return_if_fail (annotations != NULL);
  g_return_if_fail (label != NULL);

  annotation.start_ms = MIN (start_ms, end_ms);
  annotation.end_ms = MAX (start_ms, end_ms);
  annotation.label = g_strdup (label);
  g_array_append_val (annotations, annotation);
}

char *
courant_annotations_path (const char *uri,
                          const char *table)
{
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  /* A hash keeps any URI and table name to one safe file name. */
  key = g_strconcat (uri, "\n", table, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strdup_printf ("%.32s.json", hash);
  return g_build_filename (g_get_user_data_dir (), "courant", "annotations", name, NULL);
}

static gboolean
read_time (JsonObject *object,
           const char *member,
           gint64     *out_ms)
{
  const char *text = json_object_get_string_member_with_default (object, member, NULL);
  g_autoptr(GDateTime) when = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  if (when == NULL)
    return FALSE;
  *out_ms = g_date_time_to_unix (when) * 1000 + g_date_time_get_microsecond (when) / 1000;
  return TRUE;
}

static gboolean
read_annotation (JsonNode *node,
                 GArray   *annotations)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *label;
  gint64 start, end;

  if (object == NULL || !read_time (object, "start", &start) || !read_time (object, "end", &end))
    return FALSE;
  label = json_object_get_string_member_with_default (object, "label", NULL);
  if (label == NULL || end < start)
    return FALSE;
  courant_annotations_add (annotations, start, end, label);
  return TRUE;
}

static GArray *
read_annotations (JsonNode *root)
{
  g_autoptr(GArray) annotations = courant_annotations_new ();
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *list = object != NULL ? json_object_get_member (object, "annotations") : NULL;
  JsonArray *array;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return NULL;
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_annotation (json_array_get_element (array, i), annotations))
      return NULL;
  return g_steal_pointer (&annotations);
}

GArray *
courant_annotations_load (const char  *path,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GArray *annotations;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return courant_annotations_new ();
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_FAILED,
                   _("The annotations could not be read: %s"), local_error->message);
      return NULL;
    }
  annotations = json_parser_load_from_data (parser, contents, length, NULL)
                ? read_annotations (json_parser_get_root (parser)) : NULL;
  if (annotations == NULL)
    g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT,
                 _("The annotations file “%s” is damaged, so it was left as it is and not read."), path);
  return annotations;
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) exact = g_date_time_add (when, (ms % 1000) * 1000);
  g_autofree char *text = g_date_time_format_iso8601 (exact);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

gboolean
courant_annotations_save (const char  *path,
                          const char  *uri,
                          const char  *table,
                          GArray      *annotations,
                          GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL && uri != NULL && table != NULL, FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "table");
  json_builder_add_string_value (builder, table);
  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < annotations->len; i++)
    {
      const CourantAnnotation *annotation = &g_array_index (annotations, CourantAnnotation, i);

      json_builder_begin_object (builder);
      add_time (builder, "start", annotation->start_ms);
      add_time (builder, "end", annotation->end_ms);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, annotation->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The folder “%s” could not be made: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents (path, text, -1, error);
}

gboolean
courant_annotation_parse (const char         *text,
                          GTimeZone          *tz,
                          CourantAnnotation  *out,
                          GError            **error)
{
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) times = NULL;
  gint64 start, end;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  parts = g_strsplit (text, "=", 2);
  if (g_strv_length (parts) == 2 && parts[1][0] != '\0')
    {
      times = g_strsplit (parts[0], "/", 2);
      if (courant_time_parse_text (times[0], -1, COURANT_TIME_UNKNOWN, tz, &start))
        {
          end = start;
          if ((times[1] == NULL || courant_time_parse_text (times[1], -1, COURANT_TIME_UNKNOWN, tz, &end)) &&
              start <= end)
            {
              out->start_ms = start;
              out->end_ms = end;
              out->label = g_strdup (parts[1]);
              return TRUE;
            }
        }
    }
  g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
               _("An annotation reads FROM/TO=Label or WHEN=Label, not “%s”."), text);
  return FALSE;
}
