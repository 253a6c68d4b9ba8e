/* courant-event-store.c: journeys in columnar, dictionary-encoded memory
 *
 * The loader appends one row at a time to plain arrays, gives each entity a
 * dense index in order of first appearance, then sorts by (entity, time)
 * itself: a stable counting sort by entity, then a stable sort of any
 * entity whose times are out of order. A table already in that order (the
 * usual case) costs one check and no copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "courant-error.h"
#include "courant-event-store.h"

/* Integer entity keys → dense index, open addressing (linear probing). */
typedef struct
{
  gint64  *keys;
  guint32 *values;   /* index + 1, 0 when the slot is empty */
  gsize    mask;
  gsize    used;
} KeyMap;

/* The codes of recently met texts of one column: a column has few distinct
 * values, and hashing each row's text in the dictionary costs more than
 * reading the row. Texts point into the dictionary, which owns them. */
#define CODE_CACHE_SIZE 64

typedef struct
{
  const char *text[CODE_CACHE_SIZE];
  gsize       length[CODE_CACHE_SIZE];
  guint16     code[CODE_CACHE_SIZE];
} CodeCache;

typedef struct
{
  CourantEventStore         *store;
  CodeCache                  event_cache;
  CodeCache                  channel_cache;
  const CourantEventColumns *columns;
  guint                      n_columns;
  gsize                      capacity;
  gsize                      key_capacity;
  KeyMap                     key_map;
  CourantScanProgress        progress;
  gpointer                   progress_data;
  gboolean                   keys_known;  /* the first key decided integer or text */
  gboolean                   have_last;
  gint64                     last_integer_key;
  guint32                    last_entity;
} Loader;

static inline gsize
key_hash (gint64 key)
{
  return (guint64) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) >> 17;
}

static void
key_map_init (KeyMap *map,
              gsize   capacity)
{
  map->mask = capacity - 1;
  map->keys = g_new (gint64, capacity);
  map->values = g_new0 (guint32, capacity);
  map->used = 0;
}

static void
key_map_clear (KeyMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
}

static gsize
key_map_slot (const KeyMap *map,
              gint64        key)
{
  gsize slot = key_hash (key) & map->mask;

  while (map->values[slot] != 0 && map->keys[slot] != key)
    slot = (slot + 1) & map->mask;
  return slot;
}

static void
key_map_grow (KeyMap *map)
{
  KeyMap bigger;

  key_map_init (&bigger, (map->mask + 1) * 2);
  for (gsize i = 0; i <= map->mask; i++)
    if (map->values[i] != 0)
      {
        gsize slot = key_map_slot (&bigger, map->keys[i]);

        bigger.keys[slot] = map->keys[i];
        bigger.values[slot] = map->values[i];
      }
  bigger.used = map->used;
  key_map_clear (map);
  *map = bigger;
}

static void
store_free (CourantEventStore *self)
{
  g_free (self->entity);
  g_free (self->time);
  g_free (self->event);
  g_free (self->channel);
  g_free (self->weight);
  g_free (self->offsets);
  g_free (self->integer_keys);
  g_clear_pointer (&self->events, courant_dict_free);
  g_clear_pointer (&self->channels, courant_dict_free);
  g_clear_pointer (&self->text_keys, courant_dict_free);
}

CourantEventStore *
courant_event_store_ref (CourantEventStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
courant_event_store_unref (CourantEventStore *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) store_free);
}

static void
loader_reserve (Loader *loader)
{
  CourantEventStore *store = loader->store;

  if (store->n_events < loader->capacity)
    return;

  loader->capacity = MAX (loader->capacity * 2, 4096);
  store->entity = g_renew (guint32, store->entity, loader->capacity);
  store->time = g_renew (gint64, store->time, loader->capacity);
  store->event = g_renew (guint16, store->event, loader->capacity);
  if (loader->columns->channel != NULL)
    store->channel = g_renew (guint16, store->channel, loader->capacity);
  if (loader->columns->weight != NULL)
    store->weight = g_renew (float, store->weight, loader->capacity);
}

static guint32
new_integer_entity (Loader *loader,
                    gint64  key)
{
  CourantEventStore *store = loader->store;
  gsize slot = key_map_slot (&loader->key_map, key);

  if (loader->key_map.values[slot] != 0)
    return loader->key_map.values[slot] - 1;

  if (store->n_entities == loader->key_capacity)
    {
      loader->key_capacity = MAX (loader->key_capacity * 2, 1024);
      store->integer_keys = g_renew (gint64, store->integer_keys, loader->key_capacity);
    }
  store->integer_keys[store->n_entities] = key;
  loader->key_map.keys[slot] = key;
  loader->key_map.values[slot] = store->n_entities + 1;
  if (++loader->key_map.used * 2 > loader->key_map.mask)
    key_map_grow (&loader->key_map);
  return store->n_entities++;
}

static gboolean
read_entity (Loader              *loader,
             const CourantValue  *value,
             guint32             *out_entity,
             GError             **error)
{
  CourantEventStore *store = loader->store;
  gboolean is_text = value->type == COURANT_COLUMN_TEXT || value->type == COURANT_COLUMN_BLOB;

  if (!loader->keys_known)
    {
      loader->keys_known = TRUE;
      if (is_text)
        store->text_keys = courant_dict_new ();
      else
        key_map_init (&loader->key_map, 1024);
    }

  if ((store->text_keys != NULL) != is_text)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("The entity column “%s” mixes numbers and text."),
                   loader->columns->entity);
      return FALSE;
    }

  if (is_text)
    {
      *out_entity = courant_dict_intern (store->text_keys, value->text, value->length);
      store->n_entities = courant_dict_size (store->text_keys);
      return TRUE;
    }

  /* Tables are usually grouped by entity: most rows repeat the last key. */
  if (!loader->have_last || loader->last_integer_key != value->integer)
    {
      loader->last_entity = new_integer_entity (loader, value->integer);
      loader->last_integer_key = value->integer;
      loader->have_last = TRUE;
    }
  *out_entity = loader->last_entity;
  return TRUE;
}

static gboolean
read_time (Loader              *loader,
           const CourantValue  *value,
           gint64              *out_ms,
           GError             **error)
{
  CourantTimeEncoding encoding = loader->columns->time_encoding;
  gboolean ok;

  if (value->type == COURANT_COLUMN_TEXT || value->type == COURANT_COLUMN_BLOB)
    ok = courant_time_parse_text (value->text, value->length, encoding,
                                  loader->columns->tz, out_ms);
  else if (encoding == COURANT_TIME_UNKNOWN || encoding == COURANT_TIME_UNIX_MILLISECONDS)
    {
      /* The common case, and exact for every 64-bit integer. */
      *out_ms = value->type == COURANT_COLUMN_INTEGER ? value->integer : (gint64) value->real;
      ok = TRUE;
    }
  else
    ok = courant_time_from_number (value->real, encoding, out_ms);

  if (!ok)
    {
      g_autofree char *text = value->type == COURANT_COLUMN_TEXT || value->type == COURANT_COLUMN_BLOB
                              ? g_strndup (value->text, MIN (value->length, 64))
                              : g_strdup_printf ("%.17g", value->real);

      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("The time “%s” in the column “%s” cannot be read."),
                   text, loader->columns->time);
    }
  return ok;
}

/* Event and channel codes fit 16 bits; numbers are interned as text. */
static gboolean
intern_code (CourantDict         *dict,
             const CourantValue  *value,
             const char          *column,
             guint16             *out_code,
             GError             **error)
{
  char buffer[32];
  guint32 code;

  if (value->type == COURANT_COLUMN_EMPTY)
    code = courant_dict_intern (dict, "(none)", -1);
  else if (value->type == COURANT_COLUMN_TEXT || value->type == COURANT_COLUMN_BLOB)
    code = courant_dict_intern (dict, value->text, value->length);
  else if (value->type == COURANT_COLUMN_INTEGER)
    {
      g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value->integer);
      code = courant_dict_intern (dict, buffer, -1);
    }
  else
    {
      g_ascii_dtostr (buffer, sizeof buffer, value->real);
      code = courant_dict_intern (dict, buffer, -1);
    }

  if (code > G_MAXUINT16)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                   _("The column “%s” has more than 65,536 distinct values."), column);
      return FALSE;
    }
  *out_code = code;
  return TRUE;
}

static inline guint
code_cache_slot (const char *text,
                 gsize       length)
{
  return (length * 31 + (guint8) text[0] * 7 + (guint8) text[length - 1]) & (CODE_CACHE_SIZE - 1);
}

/* Texts are looked up in @cache first; the rest goes to the dictionary. */
static gboolean
read_code (CourantDict         *dict,
           CodeCache           *cache,
           const CourantValue  *value,
           const char          *column,
           guint16             *out_code,
           GError             **error)
{
  guint slot;

  if (value->type != COURANT_COLUMN_TEXT || value->length == 0)
    return intern_code (dict, value, column, out_code, error);

  slot = code_cache_slot (value->text, value->length);
  if (cache->text[slot] != NULL && cache->length[slot] == value->length &&
      memcmp (cache->text[slot], value->text, value->length) == 0)
    {
      *out_code = cache->code[slot];
      return TRUE;
    }

  if (!intern_code (dict, value, column, out_code, error))
    return FALSE;
  /* A text with a NUL inside is stored cut short: never compare past it. */
  if (strlen (courant_dict_get (dict, *out_code)) == value->length)
    {
      cache->text[slot] = courant_dict_get (dict, *out_code);
      cache->length[slot] = value->length;
      cache->code[slot] = *out_code;
    }
  return TRUE;
}

enum { COL_ENTITY, COL_TIME, COL_EVENT, COL_CHANNEL, COL_WEIGHT };

static gboolean
load_row_cb (const CourantValue  *values,
             guint                n_values,
             gpointer             user_data,
             GError             **error)
{
  Loader *loader = user_data;
  CourantEventStore *store = loader->store;
  const CourantValue *weight = NULL;
  guint n = store->n_events;
  guint weight_column = loader->columns->channel != NULL ? COL_WEIGHT : COL_CHANNEL;

  if (loader->columns->weight != NULL)
    weight = &values[weight_column];

  /* A row without its entity, instant, event or weight cannot be placed. */
  if (values[COL_ENTITY].type == COURANT_COLUMN_EMPTY ||
      values[COL_TIME].type == COURANT_COLUMN_EMPTY ||
      values[COL_EVENT].type == COURANT_COLUMN_EMPTY ||
      (weight != NULL && (weight->type == COURANT_COLUMN_EMPTY ||
                          weight->type == COURANT_COLUMN_TEXT ||
                          weight->type == COURANT_COLUMN_BLOB)))
    {
      store->n_skipped++;
      return TRUE;
    }

  if (n == G_MAXUINT32 - 1)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                   _("The table has too many events."));
      return FALSE;
    }

  loader_reserve (loader);
  if (!read_entity (loader, &values[COL_ENTITY], &store->entity[n], error) ||
      !read_time (loader, &values[COL_TIME], &store->time[n], error) ||
      !read_code (store->events, &loader->event_cache, &values[COL_EVENT], loader->columns->event,
                  &store->event[n], error))
    return FALSE;
  if (store->channel != NULL &&
      !read_code (store->channels, &loader->channel_cache, &values[COL_CHANNEL], loader->columns->channel,
                  &store->channel[n], error))
    return FALSE;
  if (weight != NULL)
    store->weight[n] = weight->real;

  store->n_events++;
  return TRUE;
}

/* The scan has one user_data for rows and progress: pass progress on. */
static void
load_progress_cb (gint64   rows_read,
                  gint64   rows_estimated,
                  gpointer user_data)
{
  Loader *loader = user_data;

  loader->progress (rows_read, rows_estimated, loader->progress_data);
}

static gboolean
is_sorted (const CourantEventStore *store)
{
  for (guint i = 1; i < store->n_events; i++)
    if (store->entity[i] < store->entity[i - 1] ||
        (store->entity[i] == store->entity[i - 1] && store->time[i] < store->time[i - 1]))
      return FALSE;
  return TRUE;
}

static int
compare_time_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const gint64 *time = user_data;
  gint64 ta = time[*(const guint32 *) a], tb = time[*(const guint32 *) b];

  return (ta > tb) - (ta < tb);
}

#define PERMUTE(type, column, order, n)                   \
  G_STMT_START {                                          \
    if ((column) != NULL)                                 \
      {                                                   \
        type *sorted = g_new (type, (n));                 \
        for (gsize i_ = 0; i_ < (n); i_++)                \
          sorted[i_] = (column)[(order)[i_]];             \
        g_free (column);                                  \
        (column) = sorted;                                \
      }                                                   \
  } G_STMT_END

/* Builds the offsets, and sorts the rows by (entity, time) when needed. */
static void
sort_and_index (CourantEventStore *store)
{
  guint n = store->n_events;
  g_autofree guint32 *order = NULL;
  guint32 *offsets = g_new0 (guint32, store->n_entities + 1);

  for (guint i = 0; i < n; i++)
    offsets[store->entity[i] + 1]++;
  for (guint e = 0; e < store->n_entities; e++)
    offsets[e + 1] += offsets[e];
  store->offsets = offsets;

  if (is_sorted (store))
    return;

  {
    g_autofree guint32 *next = g_memdup2 (offsets, sizeof (guint32) * store->n_entities);

    order = g_new (guint32, n);
    for (guint i = 0; i < n; i++)
      order[next[store->entity[i]]++] = i;
  }

  for (guint e = 0; e < store->n_entities; e++)
    {
      guint lo = offsets[e], hi = offsets[e + 1];

      for (guint i = lo + 1; i < hi; i++)
        if (store->time[order[i]] < store->time[order[i - 1]])
          {
            /* g_qsort_with_data() is a stable merge sort. */
            g_qsort_with_data (order + lo, hi - lo, sizeof (guint32),
                               compare_time_cb, store->time);
            break;
          }
    }

  PERMUTE (guint32, store->entity, order, n);
  PERMUTE (gint64, store->time, order, n);
  PERMUTE (guint16, store->event, order, n);
  PERMUTE (guint16, store->channel, order, n);
  PERMUTE (float, store->weight, order, n);
}

/* Gives back the room the doubling left unused. */
static void
shrink (CourantEventStore *store)
{
  gsize n = MAX (store->n_events, 1);

  store->entity = g_renew (guint32, store->entity, n);
  store->time = g_renew (gint64, store->time, n);
  store->event = g_renew (guint16, store->event, n);
  if (store->channel != NULL)
    store->channel = g_renew (guint16, store->channel, n);
  if (store->weight != NULL)
    store->weight = g_renew (float, store->weight, n);
  if (store->integer_keys != NULL)
    store->integer_keys = g_renew (gint64, store->integer_keys, MAX (store->n_entities, 1));
}

static gboolean
check_columns (CourantSource              *source,
               const char                 *table,
               const CourantEventColumns  *columns,
               const char                **names,
               guint                      *n_names,
               GError                    **error)
{
  const CourantTableInfo *info = courant_source_find_table (source, table);
  const char *wanted[] = { columns->entity, columns->time, columns->event,
                           columns->channel, columns->weight };

  if (info == NULL)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("There is no table “%s”."), table);
      return FALSE;
    }

  *n_names = 0;
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      if (wanted[i] == NULL)
        continue;
      if (courant_table_info_find_column (info, wanted[i]) < 0)
        {
          g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                       _("The table “%s” has no column “%s”."), table, wanted[i]);
          return FALSE;
        }
      names[(*n_names)++] = wanted[i];
    }
  names[*n_names] = NULL;
  return TRUE;
}

CourantEventStore *
courant_event_store_load (CourantSource              *source,
                          const char                 *table,
                          const CourantEventColumns  *columns,
                          CourantScanProgress         progress,
                          gpointer                    progress_data,
                          GCancellable               *cancellable,
                          GError                    **error)
{
  g_autoptr(CourantEventStore) store = NULL;
  const char *names[6];
  const CourantTableInfo *info;
  Loader loader = { 0 };
  gboolean ok;

  g_return_val_if_fail (COURANT_IS_SOURCE (source), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (columns != NULL, NULL);
  g_return_val_if_fail (columns->entity != NULL && columns->time != NULL &&
                        columns->event != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_columns (source, table, columns, names, &loader.n_columns, error))
    return NULL;

  store = g_atomic_rc_box_new0 (CourantEventStore);
  store->events = courant_dict_new ();
  if (columns->channel != NULL)
    store->channels = courant_dict_new ();

  loader.store = store;
  loader.columns = columns;
  info = courant_source_find_table (source, table);
  if (info->n_rows > 0 && info->n_rows < G_MAXUINT32)
    {
      loader.capacity = info->n_rows;
      loader.capacity = MAX (loader.capacity, 1);
      store->n_events = 0;
      store->entity = g_new (guint32, loader.capacity);
      store->time = g_new (gint64, loader.capacity);
      store->event = g_new (guint16, loader.capacity);
      if (columns->channel != NULL)
        store->channel = g_new (guint16, loader.capacity);
      if (columns->weight != NULL)
        store->weight = g_new (float, loader.capacity);
    }

  loader.progress = progress;
  loader.progress_data = progress_data;
  ok = courant_source_scan (source, table, names, load_row_cb,
                            progress != NULL ? load_progress_cb : NULL, &loader,
                            cancellable, error);
  key_map_clear (&loader.key_map);
  if (!ok)
    return NULL;

  /* An empty table still has the columns it was asked for. */
  if (store->channel == NULL && columns->channel != NULL)
    store->channel = g_new (guint16, 1);
  if (store->weight == NULL && columns->weight != NULL)
    store->weight = g_new (float, 1);
  shrink (store);
  sort_and_index (store);
  return g_steal_pointer (&store);
}

typedef struct
{
  char                *table;
  CourantEventColumns  columns;
  CourantScanProgress  progress;
  gpointer             progress_data;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->table);
  g_free ((char *) data->columns.entity);
  g_free ((char *) data->columns.time);
  g_free ((char *) data->columns.event);
  g_free ((char *) data->columns.channel);
  g_free ((char *) data->columns.weight);
  g_clear_pointer (&data->columns.tz, g_time_zone_unref);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  CourantEventStore *store;

  store = courant_event_store_load (source_object, data->table, &data->columns,
                                    data->progress, data->progress_data,
                                    cancellable, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, (GDestroyNotify) courant_event_store_unref);
}

void
courant_event_store_load_async (CourantSource              *source,
                                const char                 *table,
                                const CourantEventColumns  *columns,
                                CourantScanProgress         progress,
                                gpointer                    progress_data,
                                GCancellable               *cancellable,
                                GAsyncReadyCallback         callback,
                                gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (COURANT_IS_SOURCE (source));
  g_return_if_fail (table != NULL);
  g_return_if_fail (columns != NULL);

  data = g_new0 (LoadData, 1);
  data->table = g_strdup (table);
  data->columns.entity = g_strdup (columns->entity);
  data->columns.time = g_strdup (columns->time);
  data->columns.event = g_strdup (columns->event);
  data->columns.channel = g_strdup (columns->channel);
  data->columns.weight = g_strdup (columns->weight);
  data->columns.time_encoding = columns->time_encoding;
  data->columns.tz = columns->tz != NULL ? g_time_zone_ref (columns->tz) : NULL;
  data->progress = progress;
  data->progress_data = progress_data;

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_event_store_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

CourantEventStore *
courant_event_store_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gsize
courant_event_store_bytes (const CourantEventStore *self)
{
  gsize per_event;
  gsize bytes;

  g_return_val_if_fail (self != NULL, 0);

  per_event = sizeof (guint32) + sizeof (gint64) + sizeof (guint16) +
              (self->channel != NULL ? sizeof (guint16) : 0) +
              (self->weight != NULL ? sizeof (float) : 0);
  bytes = per_event * self->n_events + sizeof (guint32) * (self->n_entities + 1);
  bytes += courant_dict_bytes (self->events);
  if (self->channels != NULL)
    bytes += courant_dict_bytes (self->channels);
  if (self->integer_keys != NULL)
    bytes += sizeof (gint64) * self->n_entities;
  if (self->text_keys != NULL)
    bytes += courant_dict_bytes (self->text_keys);
  return bytes;
}

char *
courant_event_store_dup_entity_key (const CourantEventStore *self,
                                    guint                    entity)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (entity < self->n_entities, NULL);

  if (self->text_keys != NULL)
    return g_strdup (courant_dict_get (self->text_keys, entity));
  return g_strdup_printf ("%" G_GINT64_FORMAT, self->integer_keys[entity]);
}

guint32
courant_event_store_find_entity (const CourantEventStore *self,
                                 const char              *key)
{
  gint64 number;

  g_return_val_if_fail (self != NULL, G_MAXUINT32);
  g_return_val_if_fail (key != NULL, G_MAXUINT32);

  if (self->text_keys != NULL)
    return courant_dict_lookup (self->text_keys, key);

  if (!g_ascii_string_to_signed (key, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return G_MAXUINT32;
  /* Drill-down asks for few keys: a scan of the key array is enough. */
  for (guint e = 0; e < self->n_entities; e++)
    if (self->integer_keys[e] == number)
      return e;
  return G_MAXUINT32;
}

typedef struct
{
  const CourantEventStore *store;
  CourantEntityAttribute  *attribute;
  KeyMap                   key_map;    /* integer keys only */
} AttributeLoader;

static gboolean
attribute_row_cb (const CourantValue  *values,
                  guint                n_values,
                  gpointer             user_data,
                  GError             **error)
{
  AttributeLoader *loader = user_data;
  const CourantValue *key = &values[0], *value = &values[1];
  char buffer[32];
  guint32 entity;

  if (key->type == COURANT_COLUMN_EMPTY || value->type == COURANT_COLUMN_EMPTY)
    return TRUE;

  if (loader->store->text_keys != NULL)
    {
      g_autofree char *text = NULL;

      if (key->type == COURANT_COLUMN_TEXT || key->type == COURANT_COLUMN_BLOB)
        text = g_strndup (key->text, key->length);
      else
        text = g_strdup_printf ("%" G_GINT64_FORMAT, key->integer);
      entity = courant_dict_lookup (loader->store->text_keys, text);
    }
  else
    {
      gint64 number = key->integer;
      gsize slot;

      if ((key->type == COURANT_COLUMN_TEXT || key->type == COURANT_COLUMN_BLOB))
        {
          g_autofree char *text = g_strndup (key->text, key->length);

          if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
            return TRUE;
        }
      slot = key_map_slot (&loader->key_map, number);
      entity = loader->key_map.values[slot] != 0 ? loader->key_map.values[slot] - 1 : G_MAXUINT32;
    }

  /* Rows about entities without events are not needed. */
  if (entity == G_MAXUINT32)
    return TRUE;

  if (value->type == COURANT_COLUMN_TEXT || value->type == COURANT_COLUMN_BLOB)
    loader->attribute->codes[entity] = courant_dict_intern (loader->attribute->values,
                                                            value->text, value->length);
  else
    {
      if (value->type == COURANT_COLUMN_INTEGER)
        g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value->integer);
      else
        g_ascii_dtostr (buffer, sizeof buffer, value->real);
      loader->attribute->codes[entity] = courant_dict_intern (loader->attribute->values,
                                                              buffer, -1);
    }
  return TRUE;
}

CourantEntityAttribute *
courant_event_store_load_attribute (const CourantEventStore  *self,
                                    CourantSource            *source,
                                    const char               *table,
                                    const char               *key_column,
                                    const char               *attribute_column,
                                    GCancellable             *cancellable,
                                    GError                  **error)
{
  g_autoptr(CourantEntityAttribute) attribute = NULL;
  const char *names[] = { key_column, attribute_column, NULL };
  const CourantTableInfo *info;
  AttributeLoader loader = { 0 };
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (COURANT_IS_SOURCE (source), NULL);
  g_return_val_if_fail (table != NULL && key_column != NULL && attribute_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = courant_source_find_table (source, table);
  if (info == NULL)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("There is no table “%s”."), table);
      return NULL;
    }
  for (guint i = 0; i < 2; i++)
    if (courant_table_info_find_column (info, names[i]) < 0)
      {
        g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                     _("The table “%s” has no column “%s”."), table, names[i]);
        return NULL;
      }

  attribute = g_new0 (CourantEntityAttribute, 1);
  attribute->n_entities = self->n_entities;
  attribute->codes = g_new (guint32, MAX (self->n_entities, 1));
  memset (attribute->codes, 0xff, sizeof (guint32) * MAX (self->n_entities, 1));
  attribute->values = courant_dict_new ();

  loader.store = self;
  loader.attribute = attribute;
  if (self->text_keys == NULL)
    {
      gsize capacity = 1024;

      while (capacity < (gsize) self->n_entities * 2 + 2)
        capacity *= 2;
      key_map_init (&loader.key_map, capacity);
      for (guint e = 0; e < self->n_entities; e++)
        {
          gsize slot = key_map_slot (&loader.key_map, self->integer_keys[e]);

          loader.key_map.keys[slot] = self->integer_keys[e];
          loader.key_map.values[slot] = e + 1;
        }
    }

  ok = courant_source_scan (source, table, names, attribute_row_cb, NULL, &loader,
                            cancellable, error);
  key_map_clear (&loader.key_map);
  if (!ok)
    return NULL;
  return g_steal_pointer (&attribute);
}

void
courant_entity_attribute_free (CourantEntityAttribute *self)
{
  if (self == NULL)
    return;
  g_free (self->codes);
  courant_dict_free (self->values);
  g_free (self);
}

guint8 *
courant_entity_attribute_mask (const CourantEntityAttribute *self,
                               const char                   *value)
{
  guint8 *mask;
  guint32 code;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  mask = g_new0 (guint8, MAX (self->n_entities, 1));
  code = courant_dict_lookup (self->values, value);
  if (code == COURANT_DICT_NOT_FOUND)
    return mask;
  for (guint e = 0; e < self->n_entities; e++)
    mask[e] = self->codes[e] == code;
  return mask;
}
