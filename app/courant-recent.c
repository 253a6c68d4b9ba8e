/* courant-recent.c: the recently opened sources, kept in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "courant-recent.h"

void
courant_recent_add (GSettings *settings,
                    GFile     *file)
{
  g_auto(GStrv) previous = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *uri = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  previous = g_settings_get_strv (settings, "recent-sources");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);

  for (guint i = 0; previous[i] != NULL && n < COURANT_RECENT_MAX; i++)
    {
      if (g_str_equal (previous[i], uri))
        continue;
      g_strv_builder_add (builder, previous[i]);
      n++;
    }

  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-sources", (const char * const *) recent);
  g_settings_set_string (settings, "last-source", uri);
}

GPtrArray *
courant_recent_list (GSettings *settings)
{
  g_auto(GStrv) uris = NULL;
  GPtrArray *files;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  uris = g_settings_get_strv (settings, "recent-sources");
  files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);

      if (g_file_query_exists (file, NULL))
        g_ptr_array_add (files, g_steal_pointer (&file));
    }
  return files;
}
