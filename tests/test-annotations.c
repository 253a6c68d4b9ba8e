/* test-annotations.c: saving and reading the annotations of a table
 *
 * A round trip through the file, a damaged file (reported in one sentence
 * and left as it is), where the file lives, and the command line's
 * FROM/TO=Label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "courant-annotations.h"
#include "courant-error.h"

/* 2025-01-10T00:00:00+01:00 */
static const gint64 jan_10 = 1736463600000LL;
#define DAY_MS (G_GINT64_CONSTANT (24) * 3600 * 1000)

static void
test_path (void)
{
  g_autofree char *a = courant_annotations_path ("file:///tmp/a.sqlite", "consumption");
  g_autofree char *b = courant_annotations_path ("file:///tmp/a.sqlite", "weather");
  g_autofree char *c = courant_annotations_path ("file:///tmp/b.sqlite", "consumption");
  g_autofree char *again = courant_annotations_path ("file:///tmp/a.sqlite", "consumption");
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "courant", "annotations", NULL);

  g_assert_true (g_str_has_prefix (a, folder));
  g_assert_true (g_str_has_suffix (a, ".json"));
  g_assert_cmpstr (a, ==, again);
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (a, !=, c);
}

static void
test_round_trip (void)
{
  g_autofree char *path = courant_annotations_path ("file:///tmp/round-trip.sqlite", "consumption");
  g_autoptr(GArray) saved = courant_annotations_new ();
  g_autoptr(GArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* No file yet: no annotations, and no error. */
  loaded = courant_annotations_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_clear_pointer (&loaded, g_array_unref);

  courant_annotations_add (saved, jan_10, jan_10 + 5 * DAY_MS, "Cold snap");
  /* A point, at an odd millisecond, with a label that needs escaping. */
  courant_annotations_add (saved, jan_10 + 7 * DAY_MS + 123, jan_10 + 7 * DAY_MS + 123, "Grève « totale »\n\"2\"");
  /* Given end first: kept in order. */
  courant_annotations_add (saved, jan_10 + 3 * DAY_MS, jan_10 + DAY_MS, "backwards");
  g_assert_true (courant_annotations_save (path, "file:///tmp/round-trip.sqlite", "consumption", saved, &error));
  g_assert_no_error (error);

  loaded = courant_annotations_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, saved->len);
  for (guint i = 0; i < saved->len; i++)
    {
      const CourantAnnotation *s = &g_array_index (saved, CourantAnnotation, i);
      const CourantAnnotation *l = &g_array_index (loaded, CourantAnnotation, i);

      g_assert_cmpint (l->start_ms, ==, s->start_ms);
      g_assert_cmpint (l->end_ms, ==, s->end_ms);
      g_assert_cmpstr (l->label, ==, s->label);
    }
  g_assert_cmpint (g_array_index (loaded, CourantAnnotation, 2).start_ms, ==, jan_10 + DAY_MS);

  /* Saving none leaves an empty list, not a stale one. */
  g_array_set_size (saved, 0);
  g_assert_true (courant_annotations_save (path, "file:///tmp/round-trip.sqlite", "consumption", saved, &error));
  g_clear_pointer (&loaded, g_array_unref);
  loaded = courant_annotations_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
}

static void
check_corrupt (const char *contents)
{
  g_autofree char *path = courant_annotations_path ("file:///tmp/corrupt.sqlite", "consumption");
  g_autofree char *other = courant_annotations_path ("file:///tmp/corrupt.sqlite", "weather");
  g_autoptr(GArray) kept = courant_annotations_new ();
  g_autoptr(GArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  courant_annotations_add (kept, jan_10, jan_10, "kept");
  g_assert_true (courant_annotations_save (other, "file:///tmp/corrupt.sqlite", "weather", kept, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  loaded = courant_annotations_load (path, &error);
  g_assert_null (loaded);
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_CORRUPT);
  /* One sentence that names the file. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_null (strstr (error->message, ". "));

  /* The damaged file is left as it is, and the other table's is intact. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, contents);
  g_clear_pointer (&loaded, g_array_unref);
  loaded = courant_annotations_load (other, NULL);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (g_array_index (loaded, CourantAnnotation, 0).label, ==, "kept");
}

static void
test_corrupt (void)
{
  check_corrupt ("{ \"annotations\": [ { \"start\": \"2025-01-10T00:00:00Z\", ");
  check_corrupt ("[1, 2, 3]");
  check_corrupt ("{ \"annotations\": [ { \"start\": \"yesterday\", \"end\": \"2025-01-10T00:00:00Z\", \"label\": \"x\" } ] }");
  check_corrupt ("{ \"annotations\": [ { \"start\": \"2025-01-10T00:00:00Z\", \"end\": \"2025-01-10T00:00:00Z\" } ] }");
  check_corrupt ("\xff\xfe garbage");
}

static void
test_parse (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  CourantAnnotation annotation = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (courant_annotation_parse ("2025-01-10T00:00/2025-01-15T00:00=Cold snap", paris, &annotation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (annotation.start_ms, ==, jan_10);
  g_assert_cmpint (annotation.end_ms, ==, jan_10 + 5 * DAY_MS);
  g_assert_cmpstr (annotation.label, ==, "Cold snap");
  courant_annotation_clear (&annotation);

  /* A point; the label may hold "=" and "/". */
  g_assert_true (courant_annotation_parse ("2025-01-10T00:00=a=b/c", paris, &annotation, &error));
  g_assert_cmpint (annotation.start_ms, ==, jan_10);
  g_assert_cmpint (annotation.end_ms, ==, jan_10);
  g_assert_cmpstr (annotation.label, ==, "a=b/c");
  courant_annotation_clear (&annotation);

  g_assert_false (courant_annotation_parse ("2025-01-10T00:00", paris, &annotation, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (courant_annotation_parse ("2025-01-10T00:00=", paris, &annotation, &error));
  g_clear_error (&error);
  g_assert_false (courant_annotation_parse ("soon=Label", paris, &annotation, &error));
  g_clear_error (&error);
  g_assert_false (courant_annotation_parse ("2025-01-15T00:00/2025-01-10T00:00=Backwards", paris, &annotation, &error));
  g_clear_error (&error);
  g_assert_false (courant_annotation_parse ("2025-01-10T00:00/later=Label", paris, &annotation, &error));
  g_clear_error (&error);
}

/* Removes the files of @path's folder and the folder, then its parents up
 * to @top. */
static void
remove_folders (const char *path,
                const char *top)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autofree char *parent = NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
  if (g_strcmp0 (path, top) == 0)
    return;
  parent = g_path_get_dirname (path);
  remove_folders (parent, top);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *top = NULL;
  g_autofree char *folder = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* A fresh data folder, set before GLib first reads it. */
  top = g_dir_make_tmp ("courant-annotations-XXXXXX", NULL);
  g_assert_nonnull (top);
  g_setenv ("XDG_DATA_HOME", top, TRUE);
  folder = g_build_filename (top, "courant", "annotations", NULL);

  g_test_add_func ("/annotations/path", test_path);
  g_test_add_func ("/annotations/round-trip", test_round_trip);
  g_test_add_func ("/annotations/corrupt", test_corrupt);
  g_test_add_func ("/annotations/parse", test_parse);

  status = g_test_run ();
  remove_folders (folder, top);
  return status;
}
