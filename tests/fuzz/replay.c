/* replay.c: runs every file of a fuzzing corpus through a fuzz target
 *
 * This makes the corpus an ordinary test: whatever the fuzzer once found
 * keeps being checked by every build, sanitizers included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "fuzz.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_files = 0;

  if (argc != 2)
    {
      g_printerr ("Usage: %s CORPUS-FOLDER\n", argv[0]);
      return 2;
    }

  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (argv[1], name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      n_files++;
    }

  g_print ("%u inputs replayed from %s\n", n_files, argv[1]);

  return n_files > 0 ? 0 : 1;
}
