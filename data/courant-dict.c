/* courant-dict.c: a string dictionary, each string interned once
 *
 * Loading calls courant_dict_intern() once per row, and rows of the same
 * value often follow each other, so the last answer is remembered before
 * the hash table is asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "courant-dict.h"

struct _CourantDict
{
  GPtrArray  *strings; /* code → owned string */
  GHashTable *index;   /* string (borrowed from @strings) → code + 1 */
  gsize       text_bytes;
  guint32     last_code;
  gsize       last_length;
};

CourantDict *
courant_dict_new (void)
{
  CourantDict *self = g_new0 (CourantDict, 1);

  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  self->last_code = COURANT_DICT_NOT_FOUND;
  return self;
}

void
courant_dict_free (CourantDict *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->index);
  g_ptr_array_unref (self->strings);
  g_free (self);
}

static gboolean
is_last (const CourantDict *self,
         const char        *text,
         gsize              len)
{
  return self->last_code != COURANT_DICT_NOT_FOUND &&
         self->last_length == len &&
         memcmp (g_ptr_array_index (self->strings, self->last_code), text, len) == 0;
}

guint32
courant_dict_intern (CourantDict *self,
                     const char  *text,
                     gssize       len)
{
  char stack[256];
  g_autofree char *heap = NULL;
  const char *key = text;
  gpointer value;
  guint32 code;
  gboolean terminated;

  g_return_val_if_fail (self != NULL, COURANT_DICT_NOT_FOUND);
  g_return_val_if_fail (text != NULL, COURANT_DICT_NOT_FOUND);

  terminated = len < 0;
  if (terminated)
    len = strlen (text);
  if (is_last (self, text, len))
    return self->last_code;

  /* The hash table wants a NUL-terminated key; @text may not be one. */
  if (!terminated)
    {
      char *copy = (gsize) len < sizeof stack ? stack : (heap = g_malloc (len + 1));

      memcpy (copy, text, len);
      copy[len] = '\0';
      key = copy;
    }

  value = g_hash_table_lookup (self->index, key);
  if (value != NULL)
    code = GPOINTER_TO_UINT (value) - 1;
  else
    {
      char *owned = g_strndup (key, len);

      code = self->strings->len;
      g_ptr_array_add (self->strings, owned);
      g_hash_table_insert (self->index, owned, GUINT_TO_POINTER (code + 1));
      self->text_bytes += len + 1;
    }

  self->last_code = code;
  self->last_length = len;
  return code;
}

guint32
courant_dict_lookup (const CourantDict *self,
                     const char        *text)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, COURANT_DICT_NOT_FOUND);
  g_return_val_if_fail (text != NULL, COURANT_DICT_NOT_FOUND);

  value = g_hash_table_lookup (self->index, text);
  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : COURANT_DICT_NOT_FOUND;
}

const char *
courant_dict_get (const CourantDict *self,
                  guint32            code)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code < self->strings->len, NULL);

  return g_ptr_array_index (self->strings, code);
}

guint
courant_dict_size (const CourantDict *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->strings->len;
}

gsize
courant_dict_bytes (const CourantDict *self)
{
  g_return_val_if_fail (self != NULL, 0);

  /* A string's pointer in the array, its hash-table slot (key, value, hash). */
  return self->text_bytes + self->strings->len * (sizeof (gpointer) * 3 + sizeof (guint));
}
