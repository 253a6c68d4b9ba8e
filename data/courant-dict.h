/* courant-dict.h: a string dictionary, each string interned once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Codes are given in order of first appearance, from 0. */
typedef struct _CourantDict CourantDict;

#define COURANT_DICT_NOT_FOUND G_MAXUINT32

CourantDict *courant_dict_new    (void);
void         courant_dict_free   (CourantDict       *self);
/* @len -1: NUL-terminated. */
guint32      courant_dict_intern (CourantDict       *self,
                                  const char        *text,
                                  gssize             len);
/* COURANT_DICT_NOT_FOUND when @text was never interned. */
guint32      courant_dict_lookup (const CourantDict *self,
                                  const char        *text);
const char  *courant_dict_get    (const CourantDict *self,
                                  guint32            code);
guint        courant_dict_size   (const CourantDict *self);
/* The memory held by the strings and their index, approximately. */
gsize        courant_dict_bytes  (const CourantDict *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantDict, courant_dict_free)

G_END_DECLS
