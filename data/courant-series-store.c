/* courant-series-store.c: loading energy series into columnar memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "courant-error.h"
#include "courant-series-store.h"

struct _CourantSeriesStore
{
  gatomicrefcount  ref_count;
  /* The times and values arrays that the series are slices of: one pair,
   * or one per part of a table read in parts. */
  GPtrArray       *arrays;
  gsize            n;
  gsize            n_missing;
  GPtrArray       *series;  /* of CourantSeries */
  GHashTable      *index;   /* name → index + 1 */
};

typedef struct
{
  guint32 entity;
  gsize   start;
} Run;

/* The rows as they arrive. Tables are usually ordered by (entity, time), so
 * rows go straight into the final arrays and each entity is one run; only
 * when an entity comes back or time goes backwards is a sort needed. */
typedef struct
{
  GTimeZone  *tz;
  gint64     *times;
  double     *values;
  gsize       n;
  gsize       capacity;
  gsize       n_missing;
  GArray     *runs;
  gsize       run_start;  /* of the last run, read on every row */
  GPtrArray  *names;
  GHashTable *index;
  gboolean    sorted;
  gboolean    have_entity;
  gboolean    entity_is_integer;
  gint64      entity_integer;
  char       *entity_text;
} Loader;

static void
loader_init (Loader    *loader,
             GTimeZone *tz,
             gsize      capacity)
{
  memset (loader, 0, sizeof *loader);
  loader->tz = tz;
  loader->capacity = MAX (capacity, 1024);
  loader->times = g_new (gint64, loader->capacity);
  loader->values = g_new (double, loader->capacity);
  loader->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  loader->names = g_ptr_array_new_with_free_func (g_free);
  loader->index = g_hash_table_new (g_str_hash, g_str_equal);
  loader->sorted = TRUE;
}

static void
loader_clear (Loader *loader)
{
  g_free (loader->times);
  g_free (loader->values);
  g_array_unref (loader->runs);
  g_hash_table_unref (loader->index);
  g_ptr_array_unref (loader->names);
  g_free (loader->entity_text);
}

static void
loader_start_run (Loader     *loader,
                  const char *name,
                  gsize       start)
{
  gpointer found = g_hash_table_lookup (loader->index, name);
  Run run = { 0, start };

  if (found != NULL)
    {
      /* The entity was met before, in an earlier run. */
      run.entity = GPOINTER_TO_UINT (found) - 1;
      loader->sorted = FALSE;
    }
  else
    {
      run.entity = loader->names->len;
      g_ptr_array_add (loader->names, g_strdup (name));
      g_hash_table_insert (loader->index, g_ptr_array_index (loader->names, run.entity),
                           GUINT_TO_POINTER (run.entity + 1));
    }
  g_array_append_val (loader->runs, run);
  loader->run_start = run.start;
}

/* Starts a new run when the entity changes; integers are compared as such,
 * so that the common case formats no text. */
static void
loader_set_entity (Loader             *loader,
                   const CourantValue *entity)
{
  char buffer[32];
  const char *name;

  if (entity == NULL || entity->type == COURANT_COLUMN_EMPTY)
    {
      if (loader->have_entity && !loader->entity_is_integer && loader->entity_text[0] == '\0')
        return;
      name = "";
    }
  else if (entity->type == COURANT_COLUMN_INTEGER)
    {
      if (loader->have_entity && loader->entity_is_integer && loader->entity_integer == entity->integer)
        return;
      g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, entity->integer);
      name = buffer;
    }
  else if (entity->type == COURANT_COLUMN_TEXT)
    {
      if (loader->have_entity && !loader->entity_is_integer && g_str_equal (loader->entity_text, entity->text))
        return;
      name = entity->text;
    }
  else
    {
      g_snprintf (buffer, sizeof buffer, "%.17g", entity->real);
      if (loader->have_entity && !loader->entity_is_integer && g_str_equal (loader->entity_text, buffer))
        return;
      name = buffer;
    }

  loader->have_entity = TRUE;
  loader->entity_is_integer = entity != NULL && entity->type == COURANT_COLUMN_INTEGER;
  loader->entity_integer = entity != NULL ? entity->integer : 0;
  g_free (loader->entity_text);
  loader->entity_text = g_strdup (name);
  loader_start_run (loader, name, loader->n);
}

/* The common case of loader_set_entity(), inlined in every row: the same
 * integer entity as the row before. */
static G_ALWAYS_INLINE inline gboolean
loader_same_integer (const Loader       *loader,
                     const CourantValue *entity)
{
  return entity != NULL && entity->type == COURANT_COLUMN_INTEGER &&
         loader->entity_is_integer && loader->entity_integer == entity->integer;
}

static G_ALWAYS_INLINE inline void
loader_push (Loader             *loader,
             const CourantValue *entity,
             gint64              time,
             double              value)
{
  if (!loader_same_integer (loader, entity))
    loader_set_entity (loader, entity);

  if (loader->n > loader->run_start && loader->times[loader->n - 1] > time)
    loader->sorted = FALSE;

  if (G_UNLIKELY (loader->n == loader->capacity))
    {
      loader->capacity += loader->capacity / 2;
      loader->times = g_renew (gint64, loader->times, loader->capacity);
      loader->values = g_renew (double, loader->values, loader->capacity);
    }
  loader->times[loader->n] = time;
  loader->values[loader->n] = value;
  loader->n++;
}

/* Appends the rows that @from read after those of @into. Entities are
 * numbered in the order of their first row over both, and a run that goes
 * on from one to the other stays one run, as when one scan reads both. */
static void
loader_append (Loader *into,
               Loader *from)
{
  gsize offset = into->n;

  if (into->capacity < into->n + from->n)
    {
      into->capacity = into->n + from->n;
      into->times = g_renew (gint64, into->times, into->capacity);
      into->values = g_renew (double, into->values, into->capacity);
    }
  memcpy (into->times + offset, from->times, from->n * sizeof (gint64));
  memcpy (into->values + offset, from->values, from->n * sizeof (double));
  into->n += from->n;
  into->n_missing += from->n_missing;
  into->sorted = into->sorted && from->sorted;

  for (guint r = 0; r < from->runs->len; r++)
    {
      const Run *run = &g_array_index (from->runs, Run, r);
      const char *name = g_ptr_array_index (from->names, run->entity);

      if (r == 0 && into->runs->len > 0 &&
          g_str_equal (name, g_ptr_array_index (into->names,
                                                g_array_index (into->runs, Run, into->runs->len - 1).entity)))
        {
          if (offset > 0 && into->times[offset - 1] > into->times[offset])
            into->sorted = FALSE;
          continue;
        }
      loader_start_run (into, name, offset + run->start);
    }
}

static CourantTimeEncoding
guess_numeric (double              value,
               CourantTimeEncoding encoding)
{
  if (encoding != COURANT_TIME_UNKNOWN && encoding != COURANT_TIME_ISO8601 && encoding != COURANT_TIME_DMY)
    return encoding;
  return fabs (value) >= 1e11 ? COURANT_TIME_UNIX_MILLISECONDS : COURANT_TIME_UNIX_SECONDS;
}

static gboolean
read_time (const CourantValue  *value,
           CourantTimeEncoding  encoding,
           GTimeZone           *tz,
           gint64              *out_ms)
{
  switch (value->type)
    {
    case COURANT_COLUMN_INTEGER:
    case COURANT_COLUMN_REAL:
      return isfinite (value->real) &&
             courant_time_from_number (value->real, guess_numeric (value->real, encoding), out_ms);

    case COURANT_COLUMN_TEXT:
      return courant_time_parse_text (value->text, value->length,
                                      encoding == COURANT_TIME_ISO8601 || encoding == COURANT_TIME_DMY
                                      ? encoding : COURANT_TIME_UNKNOWN, tz, out_ms);

    case COURANT_COLUMN_EMPTY:
    case COURANT_COLUMN_BLOB:
    default:
      return FALSE;
    }
}

/* Missing, NaN and text that is not a number (such as "ND") are missing. */
static gboolean
read_value (const CourantValue *value,
            double             *out)
{
  char *end = NULL;

  switch (value->type)
    {
    case COURANT_COLUMN_INTEGER:
    case COURANT_COLUMN_REAL:
      *out = value->real;
      return !isnan (value->real);

    case COURANT_COLUMN_TEXT:
      {
        g_autofree char *copy = g_strdup (value->text);

        g_strdelimit (copy, ",", '.');
        *out = g_ascii_strtod (copy, &end);
        return end != copy && *end == '\0' && !isnan (*out);
      }

    case COURANT_COLUMN_EMPTY:
    case COURANT_COLUMN_BLOB:
    default:
      return FALSE;
    }
}

typedef struct
{
  Loader              *loader;
  CourantTimeEncoding  encoding;
  gboolean             has_entity;
  CourantScanProgress  progress;
  gpointer             progress_data;
} ScanData;

static void
scan_progress_cb (gint64   rows_read,
                  gint64   rows_estimated,
                  gpointer user_data)
{
  ScanData *data = user_data;

  data->progress (rows_read, rows_estimated, data->progress_data);
}

static gboolean
scan_row_cb (const CourantValue  *values,
             guint                n_values,
             gpointer             user_data,
             GError             **error)
{
  ScanData *data = user_data;
  gint64 time;
  double value;

  /* The common case, integer milliseconds and a real, reads without a call. */
  if (G_LIKELY (values[0].type == COURANT_COLUMN_INTEGER && values[1].type == COURANT_COLUMN_REAL &&
                data->encoding == COURANT_TIME_UNKNOWN))
    {
      time = values[0].integer;
      if (G_UNLIKELY (ABS (time) < G_GINT64_CONSTANT (100000000000)))
        time *= 1000;
      value = values[1].real;
      if (G_UNLIKELY (isnan (value)))
        {
          data->loader->n_missing++;
          return TRUE;
        }
    }
  else if (!read_time (&values[0], data->encoding, data->loader->tz, &time) || !read_value (&values[1], &value))
    {
      data->loader->n_missing++;
      return TRUE;
    }

  loader_push (data->loader, data->has_entity ? &values[2] : NULL, time, value);
  return TRUE;
}

typedef struct
{
  guint32 entity;
  gint64  time;
  double  value;
  gsize   order;
} Row;

static int
compare_rows (const void *a,
              const void *b)
{
  const Row *x = a, *y = b;

  if (x->entity != y->entity)
    return x->entity < y->entity ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* Sorts the rows by (entity, time), keeping the input order of ties, and
 * leaves one run per entity. */
static void
loader_sort (Loader *loader)
{
  g_autofree Row *rows = g_new (Row, MAX (loader->n, 1));
  guint32 n_entities = loader->names->len;

  for (guint r = 0; r < loader->runs->len; r++)
    {
      const Run *run = &g_array_index (loader->runs, Run, r);
      gsize end = r + 1 < loader->runs->len ? g_array_index (loader->runs, Run, r + 1).start : loader->n;

      for (gsize i = run->start; i < end; i++)
        rows[i] = (Row) { run->entity, loader->times[i], loader->values[i], i };
    }
  qsort (rows, loader->n, sizeof (Row), compare_rows);

  g_array_set_size (loader->runs, 0);
  for (gsize i = 0; i < loader->n; i++)
    {
      if (i == 0 || rows[i].entity != rows[i - 1].entity)
        {
          Run run = { rows[i].entity, i };
          g_array_append_val (loader->runs, run);
        }
      loader->times[i] = rows[i].time;
      loader->values[i] = rows[i].value;
    }
  g_assert (loader->runs->len <= n_entities);
}

static void
series_free (gpointer data)
{
  CourantSeries *series = data;

  g_free (series->name);
  courant_lod_free (series->lod);
  g_free (series);
}

/* Makes the store of sorted loaders, whose entities are all distinct, in
 * order, taking their arrays: each run is a series. */
static CourantSeriesStore *
store_new (Loader **loaders,
           guint    n_loaders)
{
  CourantSeriesStore *self = g_new0 (CourantSeriesStore, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->arrays = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint l = 0; l < n_loaders; l++)
    {
      Loader *loader = loaders[l];
      gint64 *times = g_renew (gint64, g_steal_pointer (&loader->times), MAX (loader->n, 1));
      double *values = g_renew (double, g_steal_pointer (&loader->values), MAX (loader->n, 1));

      g_assert (loader->sorted);
      g_ptr_array_add (self->arrays, times);
      g_ptr_array_add (self->arrays, values);
      self->n += loader->n;
      self->n_missing += loader->n_missing;

      for (guint r = 0; r < loader->runs->len; r++)
        {
          const Run *run = &g_array_index (loader->runs, Run, r);
          gsize end = r + 1 < loader->runs->len ? g_array_index (loader->runs, Run, r + 1).start : loader->n;
          CourantSeries *series = g_new0 (CourantSeries, 1);

          series->name = g_strdup (g_ptr_array_index (loader->names, run->entity));
          series->times = times + run->start;
          series->values = values + run->start;
          series->n = end - run->start;
          series->lod = courant_lod_new (series->values, series->n);
          g_ptr_array_add (self->series, series);
          g_hash_table_insert (self->index, series->name, GUINT_TO_POINTER (self->series->len));
        }
    }

  return self;
}

static CourantSeriesStore *
loader_finish (Loader *loader)
{
  if (!loader->sorted)
    loader_sort (loader);
  loader->sorted = TRUE;
  return store_new (&loader, 1);
}

static gboolean
check_columns (const CourantTableInfo   *info,
               const CourantSeriesSpec  *spec,
               GError                  **error)
{
  const char *columns[] = { spec->time_column, spec->value_column, spec->entity_column };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i] != NULL && courant_table_info_find_column (info, columns[i]) < 0)
      {
        g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                     _("The table “%s” has no column “%s”."), info->name, columns[i]);
        return FALSE;
      }
  return TRUE;
}

/* Below this many rows per connection, opening another connection and
 * thread costs more than it saves. */
#define MIN_ROWS_PER_PART (4 * COURANT_SCAN_PROGRESS_ROWS)
#define MAX_AUTO_THREADS 4

typedef struct _PartsLoad PartsLoad;

/* One part of the table, read by one thread into its own loader. */
typedef struct
{
  PartsLoad *load;
  guint      index;
  Loader     loader;
  ScanData   data;
  gint64     rows_read;
  GError    *error;
} Part;

struct _PartsLoad
{
  CourantSource       *source;
  const char          *table;
  const char *const   *columns;
  Part                *parts;
  guint                n_parts;
  /* Cancelled by the caller's cancellable and by the first part that
   * fails, so that the others stop too. */
  GCancellable        *cancellable;
  GMutex               progress_lock;
  CourantScanProgress  progress;
  gpointer             progress_data;
  gint64               estimated;
};

static void
part_progress_cb (gint64   rows_read,
                  gint64   rows_estimated,
                  gpointer user_data)
{
  Part *part = user_data;
  PartsLoad *load = part->load;
  gint64 total = 0;

  g_mutex_lock (&load->progress_lock);
  part->rows_read = rows_read;
  for (guint p = 0; p < load->n_parts; p++)
    total += load->parts[p].rows_read;
  load->progress (total, load->estimated, load->progress_data);
  g_mutex_unlock (&load->progress_lock);
}

static gpointer
read_part (gpointer user_data)
{
  Part *part = user_data;
  PartsLoad *load = part->load;

  if (!courant_source_scan_part (load->source, load->table, load->columns, part->index, load->n_parts,
                                 scan_row_cb, load->progress != NULL ? scan_progress_cb : NULL, &part->data,
                                 load->cancellable, &part->error))
    g_cancellable_cancel (load->cancellable);
  return NULL;
}

static void
cancel_cb (GCancellable *cancellable,
           GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

/* Reads the parts at the same time, part 0 in this thread, and reports the
 * error that stopped them: the first that is not a cancellation, since the
 * others were cancelled because of it. */
static gboolean
load_parts (PartsLoad     *load,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree GThread **threads = g_new0 (GThread *, load->n_parts);
  GError *first = NULL;
  gulong handler = 0;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb), load->cancellable, NULL);

  /* Without a thread, a part is read after part 0 in this one. */
  for (guint p = 1; p < load->n_parts; p++)
    threads[p] = g_thread_try_new ("courant-load", read_part, &load->parts[p], NULL);
  read_part (&load->parts[0]);
  for (guint p = 1; p < load->n_parts; p++)
    {
      if (threads[p] != NULL)
        g_thread_join (threads[p]);
      else
        read_part (&load->parts[p]);
    }

  g_cancellable_disconnect (cancellable, handler);

  for (guint p = 0; p < load->n_parts; p++)
    {
      GError *part_error = load->parts[p].error;

      if (part_error != NULL &&
          (first == NULL || (g_error_matches (first, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
                             !g_error_matches (part_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))))
        first = part_error;
    }
  if (first != NULL)
    {
      g_propagate_error (error, g_error_copy (first));
      return FALSE;
    }
  return TRUE;
}

/* Whether every series lies within one part, in order: then each part's
 * arrays are kept as they are, without copying 16 bytes a reading. This is
 * the common case of a table keyed by (entity, time) and cut on the
 * entity. */
static gboolean
parts_are_apart (PartsLoad *load)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint p = 0; p < load->n_parts; p++)
    {
      const Loader *loader = &load->parts[p].loader;

      if (!loader->sorted)
        return FALSE;
      for (guint i = 0; i < loader->names->len; i++)
        if (!g_hash_table_add (seen, g_ptr_array_index (loader->names, i)))
          return FALSE;
    }
  return TRUE;
}

/* Reads @n_parts parts on as many connections at once, each into its own
 * loader; keeps their arrays when every series lies within one part, and
 * otherwise appends them in order to the first one's. */
static CourantSeriesStore *
load_in_parts (CourantSource            *source,
               const CourantSeriesSpec  *spec,
               const char *const        *columns,
               guint                     n_parts,
               GTimeZone                *tz,
               gsize                     n_rows,
               CourantScanProgress       progress,
               gpointer                  progress_data,
               GCancellable             *cancellable,
               GError                  **error)
{
  g_autoptr(GCancellable) inner = g_cancellable_new ();
  CourantSeriesStore *self = NULL;
  PartsLoad load = { source, spec->table, columns, g_new0 (Part, n_parts), n_parts, inner, { 0 },
                     progress, progress_data, n_rows };

  g_mutex_init (&load.progress_lock);
  for (guint p = 0; p < n_parts; p++)
    {
      Part *part = &load.parts[p];

      part->load = &load;
      part->index = p;
      /* The first part's arrays are sized for the whole table, so that the
       * others are appended without moving it. */
      loader_init (&part->loader, tz, p == 0 ? n_rows : n_rows / n_parts + n_rows / (8 * n_parts));
      part->data = (ScanData) { &part->loader, spec->time_encoding, spec->entity_column != NULL,
                                part_progress_cb, part };
    }

  if (load_parts (&load, cancellable, error))
    {
      if (parts_are_apart (&load))
        {
          g_autofree Loader **loaders = g_new (Loader *, n_parts);

          for (guint p = 0; p < n_parts; p++)
            loaders[p] = &load.parts[p].loader;
          self = store_new (loaders, n_parts);
        }
      else
        {
          for (guint p = 1; p < n_parts; p++)
            loader_append (&load.parts[0].loader, &load.parts[p].loader);
          self = loader_finish (&load.parts[0].loader);
        }
    }

  for (guint p = 0; p < n_parts; p++)
    {
      loader_clear (&load.parts[p].loader);
      g_clear_error (&load.parts[p].error);
    }
  g_mutex_clear (&load.progress_lock);
  g_free (load.parts);
  return self;
}

static guint
max_parts_for (const CourantSeriesSpec *spec,
               gsize                    n_rows)
{
  if (spec->max_threads != 0)
    return spec->max_threads;
  return CLAMP (MIN ((gsize) g_get_num_processors (), n_rows / MIN_ROWS_PER_PART), 1, MAX_AUTO_THREADS);
}

CourantSeriesStore *
courant_series_store_load (CourantSource            *source,
                           const CourantSeriesSpec  *spec,
                           GTimeZone                *tz,
                           CourantScanProgress       progress,
                           gpointer                  progress_data,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  const CourantTableInfo *info;
  const char *columns[4] = { NULL };
  g_autoptr(GTimeZone) paris = NULL;
  CourantSeriesStore *self;
  gsize n_rows;
  guint n_parts;
  ScanData data;
  Loader loader;

  g_return_val_if_fail (COURANT_IS_SOURCE (source), NULL);
  g_return_val_if_fail (spec != NULL && spec->table != NULL, NULL);
  g_return_val_if_fail (spec->time_column != NULL && spec->value_column != NULL, NULL);

  info = courant_source_find_table (source, spec->table);
  if (info == NULL)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("The source has no table “%s”."), spec->table);
      return NULL;
    }
  if (!check_columns (info, spec, error))
    return NULL;

  if (tz == NULL)
    tz = paris = g_time_zone_new_identifier ("Europe/Paris");

  columns[0] = spec->time_column;
  columns[1] = spec->value_column;
  columns[2] = spec->entity_column;
  n_rows = info->n_rows > 0 ? (gsize) info->n_rows : 0;

  n_parts = courant_source_count_parts (source, spec->table, max_parts_for (spec, n_rows), cancellable, error);
  if (n_parts == 0)
    return NULL;
  if (n_parts > 1)
    return load_in_parts (source, spec, columns, n_parts, tz, n_rows, progress, progress_data,
                          cancellable, error);

  loader_init (&loader, tz, n_rows);
  data = (ScanData) { &loader, spec->time_encoding, spec->entity_column != NULL, progress, progress_data };
  if (!courant_source_scan (source, spec->table, columns, scan_row_cb,
                            progress != NULL ? scan_progress_cb : NULL, &data, cancellable, error))
    {
      loader_clear (&loader);
      return NULL;
    }

  self = loader_finish (&loader);
  loader_clear (&loader);
  return self;
}

typedef struct
{
  CourantSource       *source;
  char                *table;
  char                *time_column;
  char                *value_column;
  char                *entity_column;
  CourantTimeEncoding  time_encoding;
  guint                max_threads;
  GTimeZone           *tz;
  CourantScanProgress  progress;
  gpointer             progress_data;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->source);
  g_free (load->table);
  g_free (load->time_column);
  g_free (load->value_column);
  g_free (load->entity_column);
  g_clear_pointer (&load->tz, g_time_zone_unref);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  CourantSeriesSpec spec = { load->table, load->time_column, load->value_column, load->entity_column,
                            load->time_encoding, load->max_threads };
  GError *error = NULL;
  CourantSeriesStore *store;

  store = courant_series_store_load (load->source, &spec, load->tz, load->progress,
                                     load->progress_data, cancellable, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, (GDestroyNotify) courant_series_store_unref);
}

void
courant_series_store_load_async (CourantSource            *source,
                                 const CourantSeriesSpec  *spec,
                                 GTimeZone                *tz,
                                 CourantScanProgress       progress,
                                 gpointer                  progress_data,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (COURANT_IS_SOURCE (source));
  g_return_if_fail (spec != NULL && spec->table != NULL);
  g_return_if_fail (spec->time_column != NULL && spec->value_column != NULL);

  load = g_new0 (LoadData, 1);
  load->source = g_object_ref (source);
  load->table = g_strdup (spec->table);
  load->time_column = g_strdup (spec->time_column);
  load->value_column = g_strdup (spec->value_column);
  load->entity_column = g_strdup (spec->entity_column);
  load->time_encoding = spec->time_encoding;
  load->max_threads = spec->max_threads;
  load->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  load->progress = progress;
  load->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, courant_series_store_load_async);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

CourantSeriesStore *
courant_series_store_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CourantSeriesStore *
courant_series_store_new_from_arrays (const char *const *entities,
                                      const gint64      *times,
                                      const double      *values,
                                      gsize              n)
{
  CourantSeriesStore *self;
  Loader loader;

  g_return_val_if_fail (n == 0 || (times != NULL && values != NULL), NULL);

  loader_init (&loader, NULL, n);
  for (gsize i = 0; i < n; i++)
    {
      CourantValue entity = { COURANT_COLUMN_TEXT, 0, 0, entities != NULL ? entities[i] : "", 0 };

      if (isnan (values[i]))
        {
          loader.n_missing++;
          continue;
        }
      loader_push (&loader, &entity, times[i], values[i]);
    }
  self = loader_finish (&loader);
  loader_clear (&loader);
  return self;
}

CourantSeriesStore *
courant_series_store_ref (CourantSeriesStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
courant_series_store_unref (CourantSeriesStore *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->index);
  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->arrays);
  g_free (self);
}

guint
courant_series_store_get_n_series (CourantSeriesStore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->series->len;
}

const CourantSeries *
courant_series_store_get_series (CourantSeriesStore *self,
                                 guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->series->len, NULL);

  return g_ptr_array_index (self->series, index);
}

int
courant_series_store_find (CourantSeriesStore *self,
                           const char         *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->index, name)) - 1;
}

gsize
courant_series_store_get_n_readings (CourantSeriesStore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

gsize
courant_series_store_get_n_missing (CourantSeriesStore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_missing;
}

gboolean
courant_series_store_get_range (CourantSeriesStore *self,
                                gint64             *min_ms,
                                gint64             *max_ms)
{
  gint64 lo = G_MAXINT64, hi = G_MININT64;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->series->len; i++)
    {
      const CourantSeries *series = g_ptr_array_index (self->series, i);

      if (series->n == 0)
        continue;
      lo = MIN (lo, series->times[0]);
      hi = MAX (hi, series->times[series->n - 1]);
    }
  if (lo > hi)
    return FALSE;
  *min_ms = lo;
  *max_ms = hi;
  return TRUE;
}

gsize
courant_series_store_get_lod_memory (CourantSeriesStore *self)
{
  gsize bytes = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->series->len; i++)
    bytes += courant_lod_get_memory (((CourantSeries *) g_ptr_array_index (self->series, i))->lod);
  return bytes;
}

gsize
courant_series_store_get_memory (CourantSeriesStore *self)
{
  gsize bytes = sizeof *self;

  g_return_val_if_fail (self != NULL, 0);

  bytes += self->n * (sizeof (gint64) + sizeof (double));
  for (guint i = 0; i < self->series->len; i++)
    {
      const CourantSeries *series = g_ptr_array_index (self->series, i);

      bytes += sizeof *series + strlen (series->name) + 1 + 2 * sizeof (gpointer);
    }
  return bytes + courant_series_store_get_lod_memory (self);
}
