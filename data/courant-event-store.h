/* courant-event-store.h: journeys in columnar, dictionary-encoded memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-dict.h"
#include "courant-source.h"
#include "courant-time.h"

G_BEGIN_DECLS

/* Which columns of a table make the journeys. */
typedef struct
{
  const char          *entity;        /* required: integer or text keys */
  const char          *time;          /* required */
  const char          *event;         /* required */
  const char          *channel;       /* optional (NULL) */
  const char          *weight;        /* optional (NULL): people a row stands for */
  /* How the time column reads: for numbers, UNKNOWN means Unix
   * milliseconds; for text, any text encoding. */
  CourantTimeEncoding  time_encoding;
  /* The zone of local times in text (NULL: Europe/Paris). */
  GTimeZone           *tz;
} CourantEventColumns;

/* Read-only once loaded, shared between threads by reference. Events are
 * sorted by (entity, time); ties keep the table's order. The events of
 * entity e are the rows offsets[e] to offsets[e + 1] - 1. */
typedef struct
{
  guint         n_events;
  guint         n_entities;
  guint32      *entity;      /* n_events entity indices */
  gint64       *time;        /* n_events, ms UTC (or ordinal) */
  guint16      *event;       /* n_events codes in @events */
  guint16      *channel;     /* n_events codes in @channels, NULL without a channel column */
  float        *weight;      /* n_events, NULL without a weight column */
  guint32      *offsets;     /* n_entities + 1 */
  CourantDict  *events;
  CourantDict  *channels;    /* NULL without a channel column */
  /* The key of entity e: integer_keys[e], or courant_dict_get (text_keys, e). */
  gint64       *integer_keys;
  CourantDict  *text_keys;
  gint64        n_skipped;   /* rows with a missing entity, time, event or weight */
} CourantEventStore;

/* An attribute of the entities (segment, region…), one code per entity. */
typedef struct
{
  guint        n_entities;
  guint32     *codes;        /* COURANT_DICT_NOT_FOUND where the entity has none */
  CourantDict *values;
} CourantEntityAttribute;

CourantEventStore *courant_event_store_load        (CourantSource              *source,
                                                    const char                 *table,
                                                    const CourantEventColumns  *columns,
                                                    CourantScanProgress         progress,
                                                    gpointer                    progress_data,
                                                    GCancellable               *cancellable,
                                                    GError                    **error);
/* @progress is called in the worker thread. */
void               courant_event_store_load_async  (CourantSource              *source,
                                                    const char                 *table,
                                                    const CourantEventColumns  *columns,
                                                    CourantScanProgress         progress,
                                                    gpointer                    progress_data,
                                                    GCancellable               *cancellable,
                                                    GAsyncReadyCallback         callback,
                                                    gpointer                    user_data);
CourantEventStore *courant_event_store_load_finish (GAsyncResult               *result,
                                                    GError                    **error);

CourantEventStore *courant_event_store_ref         (CourantEventStore          *self);
void               courant_event_store_unref       (CourantEventStore          *self);

/* Resident bytes: the arrays and the dictionaries. */
gsize              courant_event_store_bytes       (const CourantEventStore    *self);
/* The entity's key as text (an integer key in decimal). */
char              *courant_event_store_dup_entity_key (const CourantEventStore *self,
                                                       guint                    entity);
/* G_MAXUINT32 when no entity has that key. */
guint32            courant_event_store_find_entity (const CourantEventStore    *self,
                                                    const char                 *key);

/* Reads @attribute_column of @table, joined to the entities on @key_column. */
CourantEntityAttribute *courant_event_store_load_attribute (const CourantEventStore *self,
                                                            CourantSource           *source,
                                                            const char              *table,
                                                            const char              *key_column,
                                                            const char              *attribute_column,
                                                            GCancellable            *cancellable,
                                                            GError                 **error);
void               courant_entity_attribute_free   (CourantEntityAttribute     *self);
/* One byte per entity, 1 where the attribute equals @value (g_free it). */
guint8            *courant_entity_attribute_mask   (const CourantEntityAttribute *self,
                                                    const char                   *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantEventStore, courant_event_store_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantEntityAttribute, courant_entity_attribute_free)

G_END_DECLS
