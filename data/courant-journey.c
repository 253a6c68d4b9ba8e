/* courant-journey.c: everything about one customer, read on demand
 *
 * A journey is a few hundred rows among millions: the columnar stores
 * would read the whole table for them, so the rows are asked of SQLite
 * with the customer's key (`WHERE customer_id = ?`), which the primary key
 * or an index answers without a scan. The file is opened again read-only,
 * hardened like the source's own connection, in the worker that reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "courant-error.h"
#include "courant-journey.h"
#include "courant-series-query.h"
#include "courant-series-store.h"
#include "courant-sqlite-source.h"

/* How often SQLite asks whether the worker was cancelled, in VM steps. */
#define PROGRESS_STEPS 10000

/* The most rows a random pick skips over when keys are not integers. */
#define MAX_RANDOM_OFFSET 100000

/* Spec copies: the task owns its strings. */
static CourantJourneySpec *
spec_copy (const CourantJourneySpec *spec)
{
  CourantJourneySpec *copy = g_new0 (CourantJourneySpec, 1);

  *copy = *spec;
  copy->events_table = g_strdup (spec->events_table);
  copy->entity_column = g_strdup (spec->entity_column);
  copy->time_column = g_strdup (spec->time_column);
  copy->event_column = g_strdup (spec->event_column);
  copy->channel_column = g_strdup (spec->channel_column);
  copy->series_table = g_strdup (spec->series_table);
  copy->series_site_column = g_strdup (spec->series_site_column);
  copy->series_time_column = g_strdup (spec->series_time_column);
  copy->series_value_column = g_strdup (spec->series_value_column);
  copy->weather_table = g_strdup (spec->weather_table);
  copy->weather_region_column = g_strdup (spec->weather_region_column);
  copy->weather_time_column = g_strdup (spec->weather_time_column);
  copy->weather_value_column = g_strdup (spec->weather_value_column);
  copy->tz = spec->tz != NULL ? g_time_zone_ref (spec->tz) : NULL;
  return copy;
}

static void
spec_free (CourantJourneySpec *spec)
{
  g_free ((char *) spec->events_table);
  g_free ((char *) spec->entity_column);
  g_free ((char *) spec->time_column);
  g_free ((char *) spec->event_column);
  g_free ((char *) spec->channel_column);
  g_free ((char *) spec->series_table);
  g_free ((char *) spec->series_site_column);
  g_free ((char *) spec->series_time_column);
  g_free ((char *) spec->series_value_column);
  g_free ((char *) spec->weather_table);
  g_free ((char *) spec->weather_region_column);
  g_free ((char *) spec->weather_time_column);
  g_free ((char *) spec->weather_value_column);
  g_clear_pointer (&spec->tz, g_time_zone_unref);
  g_free (spec);
}

static void
series_free (CourantJourneySeries *series)
{
  if (series == NULL)
    return;
  g_free (series->name);
  g_free (series->times);
  g_free (series->values);
  g_clear_pointer (&series->lod, courant_lod_free);
  g_free (series);
}

void
courant_journey_free (CourantJourney *self)
{
  if (self == NULL)
    return;
  g_free (self->entity);
  g_clear_pointer (&self->attribute_names, g_ptr_array_unref);
  g_clear_pointer (&self->attribute_values, g_ptr_array_unref);
  g_free (self->times);
  g_free (self->events);
  g_free (self->channels);
  g_clear_pointer (&self->event_names, g_ptr_array_unref);
  g_clear_pointer (&self->channel_names, g_ptr_array_unref);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_free (self->region);
  series_free (self->consumption);
  series_free (self->temperature);
  g_free (self);
}

void
courant_journey_match_free (CourantJourneyMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->entity);
  g_free (match->label);
  g_free (match);
}

const char *
courant_journey_get_attribute (const CourantJourney *self,
                               const char           *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->attribute_names->len; i++)
    if (g_str_equal (g_ptr_array_index (self->attribute_names, i), name))
      return g_ptr_array_index (self->attribute_values, i);
  return NULL;
}

static void
widen_range (const CourantJourneySeries *series,
             gint64                     *lo,
             gint64                     *hi)
{
  if (series == NULL || series->n == 0)
    return;
  *lo = MIN (*lo, series->times[0]);
  *hi = MAX (*hi, series->times[series->n - 1]);
}

gboolean
courant_journey_get_range (const CourantJourney *self,
                           gint64               *min_ms,
                           gint64               *max_ms)
{
  gint64 lo = G_MAXINT64, hi = G_MININT64;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_events > 0)
    {
      lo = self->times[0];
      hi = self->times[self->n_events - 1];
    }
  widen_range (self->consumption, &lo, &hi);
  widen_range (self->temperature, &lo, &hi);
  if (lo > hi)
    return FALSE;
  if (min_ms != NULL)
    *min_ms = lo;
  if (max_ms != NULL)
    *max_ms = hi;
  return TRUE;
}

#define WINDOW_MARGIN    0.02                 /* of the range, either side */
#define WINDOW_MARGIN_MS (G_GINT64_CONSTANT (3600) * 1000)

gboolean
courant_journey_get_window (const CourantJourney *self,
                            gint64               *t0,
                            gint64               *t1)
{
  gint64 lo, hi, margin;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!courant_journey_get_range (self, &lo, &hi))
    return FALSE;
  margin = MAX ((gint64) ((hi - lo) * WINDOW_MARGIN), WINDOW_MARGIN_MS);
  if (t0 != NULL)
    *t0 = lo - margin;
  if (t1 != NULL)
    *t1 = hi + margin;
  return TRUE;
}

/* Finding the parts --------------------------------------------------------- */

gboolean
courant_journey_spec_init_from_roles (CourantJourneySpec      *spec,
                                      const CourantTableRoles *roles)
{
  int time;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (roles != NULL, FALSE);

  memset (spec, 0, sizeof *spec);
  time = courant_table_roles_find (roles, COURANT_ROLE_TIME);
  spec->events_table = roles->table;
  spec->entity_column = courant_table_roles_get_column (roles, COURANT_ROLE_ENTITY);
  spec->event_column = courant_table_roles_get_column (roles, COURANT_ROLE_EVENT);
  spec->channel_column = courant_table_roles_get_column (roles, COURANT_ROLE_CHANNEL);
  if (time < 0 || spec->entity_column == NULL || spec->event_column == NULL)
    return FALSE;
  spec->time_column = roles->columns[time].name;
  spec->time_encoding = roles->columns[time].encoding;
  return TRUE;
}

/* Whether a table of the source holds both @entity and @site: a list of
 * the customers' sites. */
static gboolean
is_linked (CourantSource *source,
           const char    *entity,
           const char    *site)
{
  GPtrArray *tables = courant_source_get_tables (source);

  for (guint t = 0; t < tables->len; t++)
    {
      const CourantTableInfo *info = g_ptr_array_index (tables, t);

      if (courant_table_info_find_column (info, entity) >= 0 &&
          courant_table_info_find_column (info, site) >= 0)
        return TRUE;
    }
  return FALSE;
}

/* The first measure of @roles whose name contains @hint (NULL: any). */
static const char *
find_measure (const CourantTableRoles *roles,
              const char              *hint)
{
  for (guint c = 0; c < roles->n_columns; c++)
    {
      g_autofree char *lower = g_ascii_strdown (roles->columns[c].name, -1);

      if (roles->columns[c].role == COURANT_ROLE_VALUE && (hint == NULL || strstr (lower, hint) != NULL))
        return roles->columns[c].name;
    }
  return NULL;
}

static void
take_series (CourantJourneySpec      *spec,
             CourantSource           *source,
             const CourantTableRoles *roles)
{
  const char *site = courant_table_roles_get_column (roles, COURANT_ROLE_ENTITY);
  const char *measure = find_measure (roles, NULL);
  int time = courant_table_roles_find (roles, COURANT_ROLE_TIME);

  if (spec->series_table != NULL || site == NULL || measure == NULL || time < 0 ||
      g_str_equal (site, spec->entity_column) || !is_linked (source, spec->entity_column, site))
    return;
  spec->series_table = roles->table;
  spec->series_site_column = site;
  spec->series_time_column = roles->columns[time].name;
  spec->series_time_encoding = roles->columns[time].encoding;
  spec->series_value_column = measure;
}

static void
take_weather (CourantJourneySpec      *spec,
              const CourantTableRoles *roles)
{
  const char *region = courant_table_roles_get_column (roles, COURANT_ROLE_ATTRIBUTE);
  const char *measure = find_measure (roles, "temp");
  int time = courant_table_roles_find (roles, COURANT_ROLE_TIME);

  if (spec->weather_table != NULL || region == NULL || measure == NULL || time < 0)
    return;
  spec->weather_table = roles->table;
  spec->weather_region_column = region;
  spec->weather_time_column = roles->columns[time].name;
  spec->weather_time_encoding = roles->columns[time].encoding;
  spec->weather_value_column = measure;
}

void
courant_journey_spec_find_readings (CourantJourneySpec *spec,
                                    CourantSource      *source,
                                    GPtrArray          *tables)
{
  g_return_if_fail (spec != NULL && spec->entity_column != NULL);
  g_return_if_fail (COURANT_IS_SOURCE (source));
  g_return_if_fail (tables != NULL);

  for (guint t = 0; t < tables->len; t++)
    {
      const CourantTableRoles *roles = g_ptr_array_index (tables, t);

      if (g_strcmp0 (roles->table, spec->events_table) == 0)
        continue;
      if (roles->kind == COURANT_TABLE_WEATHER)
        take_weather (spec, roles);
      else if (roles->kind == COURANT_TABLE_SERIES)
        take_series (spec, source, roles);
    }
}

/* The database ------------------------------------------------------------ */

static int
progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

static void
set_db_error (sqlite3  *db,
              GError  **error)
{
  g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_FAILED,
               _("The customer could not be read: %s"), sqlite3_errmsg (db));
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The same hardening as the source's connection: read-only, no triggers,
 * no extensions, no schema code trusted. */
static sqlite3 *
open_db (CourantSource  *source,
         GCancellable   *cancellable,
         GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;

  if (!COURANT_IS_SQLITE_SOURCE (source))
    {
      g_set_error_literal (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                           _("One customer’s journey can only be read from a SQLite file."));
      return NULL;
    }
  path = g_file_get_path (courant_source_get_file (source));
  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strdup_printf ("file:%s?mode=ro", escaped);
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      set_db_error (db, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_busy_timeout (db, 2000);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, progress_cb, cancellable);
  sqlite3_exec (db, "PRAGMA query_only=ON", NULL, NULL, NULL);
  return db;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static char *
quote (const char *identifier)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = identifier; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static sqlite3_stmt *
prepare (sqlite3     *db,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (db, error);
      return NULL;
    }
  return stmt;
}

/* Binds a key as an integer when it reads as one, so that an INTEGER
 * column's index is used, else as text. */
static void
bind_key (sqlite3_stmt *stmt,
          int           index,
          const char   *key)
{
  gint64 number;
  char *end = NULL;

  number = g_ascii_strtoll (key, &end, 10);
  if (*key != '\0' && end != NULL && *end == '\0')
    {
      g_autofree char *back = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      if (g_str_equal (back, key))
        {
          sqlite3_bind_int64 (stmt, index, number);
          return;
        }
    }
  sqlite3_bind_text (stmt, index, key, -1, SQLITE_TRANSIENT);
}

/* Steps past the last row, or fails (cancelled included). */
static gboolean
step_done (sqlite3       *db,
           int            rc,
           GCancellable  *cancellable,
           GError       **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  if (check_cancelled (cancellable, error))
    set_db_error (db, error);
  return FALSE;
}

static gboolean
read_time (sqlite3_stmt        *stmt,
           int                  column,
           CourantTimeEncoding  encoding,
           GTimeZone           *tz,
           gint64              *out)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      return courant_time_from_number (sqlite3_column_double (stmt, column),
                                       encoding == COURANT_TIME_UNKNOWN ? COURANT_TIME_UNIX_MILLISECONDS
                                                                        : encoding, out);
    case SQLITE_TEXT:
      return courant_time_parse_text ((const char *) sqlite3_column_text (stmt, column), -1,
                                      encoding, tz, out);
    default:
      return FALSE;
    }
}

/* Finding the other tables ------------------------------------------------ */

static gboolean
has_column (const CourantTableInfo *info,
            const char             *name)
{
  return name != NULL && courant_table_info_find_column (info, name) >= 0;
}

/* The table that gives each customer their attributes: the first other
 * table with the customer's column that is neither a table of readings
 * nor the list of sites. */
static const CourantTableInfo *
find_attributes_table (CourantSource            *source,
                       const CourantJourneySpec *spec)
{
  GPtrArray *tables = courant_source_get_tables (source);

  for (guint t = 0; t < tables->len; t++)
    {
      const CourantTableInfo *info = g_ptr_array_index (tables, t);

      if (g_str_equal (info->name, spec->events_table) ||
          !has_column (info, spec->entity_column) ||
          has_column (info, spec->series_site_column) ||
          has_column (info, spec->time_column))
        continue;
      return info;
    }
  return NULL;
}

/* The table that links customers to the sites of the readings. */
static const CourantTableInfo *
find_link_table (CourantSource            *source,
                 const CourantJourneySpec *spec)
{
  GPtrArray *tables = courant_source_get_tables (source);

  if (spec->series_table == NULL)
    return NULL;
  for (guint t = 0; t < tables->len; t++)
    {
      const CourantTableInfo *info = g_ptr_array_index (tables, t);

      if (!g_str_equal (info->name, spec->events_table) &&
          !g_str_equal (info->name, spec->series_table) &&
          has_column (info, spec->entity_column) &&
          has_column (info, spec->series_site_column))
        return info;
    }
  return NULL;
}

/* A column of the attributes table that people search by: a reference or
 * a name. */
static const char *
find_label_column (const CourantTableInfo *info)
{
  static const char *hints[] = { "ref", "name", "nom", "label", "libelle" };

  for (guint h = 0; h < G_N_ELEMENTS (hints); h++)
    for (guint c = 0; c < info->columns->len; c++)
      {
        const CourantColumnInfo *column = g_ptr_array_index (info->columns, c);
        g_autofree char *lower = g_ascii_strdown (column->name, -1);

        if (strstr (lower, hints[h]) != NULL)
          return column->name;
      }
  return NULL;
}

/* Loading ------------------------------------------------------------------ */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Gives names sorted codes: @codes index @names in first-met order, and
 * both are rewritten so that names are sorted. */
static void
sort_codes (GPtrArray *names,
            guint16   *codes,
            guint      n)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (names, (GCopyFunc) g_strdup, NULL);
  g_autofree guint16 *remap = g_new (guint16, MAX (1, names->len));

  g_ptr_array_set_free_func (sorted, g_free);
  g_ptr_array_sort (sorted, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      guint index = 0;

      g_ptr_array_find_with_equal_func (sorted, g_ptr_array_index (names, i), g_str_equal, &index);
      remap[i] = index;
    }
  for (guint i = 0; i < n; i++)
    codes[i] = remap[codes[i]];
  g_ptr_array_set_size (names, 0);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (sorted, i)));
}

static guint16
intern_code (GPtrArray  *names,
             GHashTable *codes,
             const char *name)
{
  gpointer code;

  if (g_hash_table_lookup_extended (codes, name, NULL, &code))
    return GPOINTER_TO_UINT (code);
  g_ptr_array_add (names, g_strdup (name));
  g_hash_table_insert (codes, g_strdup (name), GUINT_TO_POINTER (names->len - 1));
  return names->len - 1;
}

static gboolean
load_events (sqlite3                  *db,
             const CourantJourneySpec *spec,
             CourantJourney           *journey,
             GCancellable             *cancellable,
             GError                  **error)
{
  g_autofree char *table = quote (spec->events_table);
  g_autofree char *entity = quote (spec->entity_column);
  g_autofree char *time = quote (spec->time_column);
  g_autofree char *event = quote (spec->event_column);
  g_autofree char *channel = spec->channel_column != NULL ? quote (spec->channel_column) : g_strdup ("''");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GArray) channels = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autoptr(GHashTable) event_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) channel_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  stmt = prepare (db, error, "SELECT %s, %s, %s FROM %s WHERE %s = ? ORDER BY %s",
                  time, event, channel, table, entity, time);
  if (stmt == NULL)
    return FALSE;
  bind_key (stmt, 1, journey->entity);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *event_name = (const char *) sqlite3_column_text (stmt, 1);
      const char *channel_name = (const char *) sqlite3_column_text (stmt, 2);
      guint16 code;
      gint64 t;

      /* Missing times or events are not events; a missing channel is
       * a lane of its own. */
      if (event_name == NULL || !read_time (stmt, 0, spec->time_encoding, spec->tz, &t) ||
          journey->event_names->len >= G_MAXUINT16 || journey->channel_names->len >= G_MAXUINT16)
        continue;
      g_array_append_val (times, t);
      code = intern_code (journey->event_names, event_codes, event_name);
      g_array_append_val (events, code);
      code = intern_code (journey->channel_names, channel_codes, channel_name != NULL ? channel_name : "");
      g_array_append_val (channels, code);
    }
  if (!step_done (db, rc, cancellable, error))
    return FALSE;

  journey->n_events = times->len;
  journey->times = (gint64 *) g_array_free (g_steal_pointer (&times), FALSE);
  journey->events = (guint16 *) g_array_free (g_steal_pointer (&events), FALSE);
  journey->channels = (guint16 *) g_array_free (g_steal_pointer (&channels), FALSE);
  sort_codes (journey->event_names, journey->events, journey->n_events);
  sort_codes (journey->channel_names, journey->channels, journey->n_events);
  return TRUE;
}

static gboolean
load_attributes (sqlite3                  *db,
                 const CourantTableInfo   *info,
                 const CourantJourneySpec *spec,
                 CourantJourney           *journey,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  g_autofree char *table = quote (info->name);
  g_autofree char *entity = quote (spec->entity_column);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (db, error, "SELECT * FROM %s WHERE %s = ? LIMIT 1", table, entity);
  if (stmt == NULL)
    return FALSE;
  bind_key (stmt, 1, journey->entity);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return step_done (db, rc, cancellable, error);
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      const char *name = sqlite3_column_name (stmt, c);
      const char *value = (const char *) sqlite3_column_text (stmt, c);

      if (g_str_equal (name, spec->entity_column))
        continue;
      g_ptr_array_add (journey->attribute_names, g_strdup (name));
      g_ptr_array_add (journey->attribute_values, g_strdup (value));
    }
  return TRUE;
}

/* The customer's sites, and the region most of them are in. */
static gboolean
load_sites (sqlite3                  *db,
            const CourantTableInfo   *info,
            const CourantJourneySpec *spec,
            CourantJourney           *journey,
            GCancellable             *cancellable,
            GError                  **error)
{
  g_autofree char *table = quote (info->name);
  g_autofree char *entity = quote (spec->entity_column);
  g_autofree char *site = quote (spec->series_site_column);
  gboolean has_region = has_column (info, spec->weather_region_column);
  g_autofree char *region = has_region ? quote (spec->weather_region_column) : g_strdup ("NULL");
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint best = 0;
  int rc;

  stmt = prepare (db, error, "SELECT %s, %s FROM %s WHERE %s = ? ORDER BY %s",
                  site, region, table, entity, site);
  if (stmt == NULL)
    return FALSE;
  bind_key (stmt, 1, journey->entity);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      guint count;

      if (key == NULL)
        continue;
      g_ptr_array_add (journey->sites, g_strdup (key));
      if (name == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1;
      g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (count));
      if (count > best)
        {
          best = count;
          g_free (journey->region);
          journey->region = g_strdup (name);
        }
    }
  return step_done (db, rc, cancellable, error);
}

/* The (time, value) readings of @table for one key of @key_column: the
 * caller binds the key, the statement's only parameter. */
static sqlite3_stmt *
prepare_readings (sqlite3     *db,
                  const char  *table,
                  const char  *key_column,
                  const char  *time_column,
                  const char  *value_column,
                  GError     **error)
{
  g_autofree char *quoted_table = quote (table);
  g_autofree char *key = quote (key_column);
  g_autofree char *time = quote (time_column);
  g_autofree char *value = quote (value_column);

  return prepare (db, error, "SELECT %s, %s FROM %s WHERE %s = ?", time, value, quoted_table, key);
}

/* Appends the rows of @stmt (time, value) to @times and @values. */
static gboolean
read_readings (sqlite3                  *db,
               sqlite3_stmt             *stmt,
               CourantTimeEncoding       encoding,
               GTimeZone                *tz,
               GArray                   *times,
               GArray                   *values,
               GCancellable             *cancellable,
               GError                  **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double value;
      gint64 t;

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL || !read_time (stmt, 0, encoding, tz, &t))
        continue;
      value = sqlite3_column_double (stmt, 1);
      if (isnan (value))
        continue;
      g_array_append_val (times, t);
      g_array_append_val (values, value);
    }
  return step_done (db, rc, cancellable, error);
}

static CourantJourneySeries *
series_new (const char *name,
            GArray     *times,
            GArray     *values)
{
  CourantJourneySeries *series = g_new0 (CourantJourneySeries, 1);

  series->name = g_strdup (name);
  series->n = times->len;
  series->times = g_memdup2 (times->data, times->len * sizeof (gint64));
  series->values = g_memdup2 (values->data, values->len * sizeof (double));
  series->lod = courant_lod_new (series->values, series->n);
  return series;
}

/* The readings of every site, summed by hour of the local clock: a
 * customer's load whatever the meters' step. Empty hours stay gaps. */
static CourantJourneySeries *
sum_sites (const CourantJourneySpec *spec,
           GPtrArray                *entities,
           GArray                   *times,
           GArray                   *values,
           GCancellable             *cancellable,
           GError                  **error)
{
  g_autoptr(CourantSeriesStore) store = NULL;
  g_autoptr(CourantSeriesResult) result = NULL;
  CourantSeriesQuery query = COURANT_SERIES_QUERY_INIT;
  const CourantSeriesResultSeries *sum;
  g_autoptr(GArray) kept_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) kept_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GTimeZone) tz = spec->tz != NULL ? g_time_zone_ref (spec->tz)
                                             : g_time_zone_new_identifier ("Europe/Paris");

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  store = courant_series_store_new_from_arrays ((const char *const *) entities->pdata,
                                                (const gint64 *) times->data,
                                                (const double *) values->data, times->len);
  query.bucket = COURANT_BUCKET_1H;
  query.agg = COURANT_AGG_SUM;
  query.combine = COURANT_COMBINE_SUM;
  result = courant_series_query_run (store, &query, tz, cancellable, error);
  if (result == NULL)
    return NULL;
  sum = g_ptr_array_index (result->series, 0);
  for (gsize i = 0; i < sum->n; i++)
    if (!isnan (sum->values[i]))
      {
        g_array_append_val (kept_times, sum->starts[i]);
        g_array_append_val (kept_values, sum->values[i]);
      }
  return series_new (spec->series_value_column, kept_times, kept_values);
}

static gboolean
load_consumption (sqlite3                  *db,
                  const CourantJourneySpec *spec,
                  CourantJourney           *journey,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();

  stmt = prepare_readings (db, spec->series_table, spec->series_site_column,
                           spec->series_time_column, spec->series_value_column, error);
  if (stmt == NULL)
    return FALSE;
  for (guint s = 0; s < journey->sites->len; s++)
    {
      const char *key = g_ptr_array_index (journey->sites, s);
      guint before = times->len;

      sqlite3_reset (stmt);
      bind_key (stmt, 1, key);
      if (!read_readings (db, stmt, spec->series_time_encoding, spec->tz, times, values,
                          cancellable, error))
        return FALSE;
      for (guint i = before; i < times->len; i++)
        g_ptr_array_add (entities, (gpointer) key);
    }
  if (times->len == 0)
    return TRUE;
  journey->consumption = sum_sites (spec, entities, times, values, cancellable, error);
  return journey->consumption != NULL;
}

static int
compare_reading (gconstpointer a,
                 gconstpointer b)
{
  const gint64 *ta = a, *tb = b;

  return (*ta > *tb) - (*ta < *tb);
}

/* The weather of the region, sorted by instant: local times with offsets
 * are not in text order on the autumn night. */
static gboolean
load_temperature (sqlite3                  *db,
                  const CourantJourneySpec *spec,
                  CourantJourney           *journey,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pairs = NULL;

  stmt = prepare_readings (db, spec->weather_table, spec->weather_region_column,
                           spec->weather_time_column, spec->weather_value_column, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, journey->region, -1, SQLITE_TRANSIENT);
  if (!read_readings (db, stmt, spec->weather_time_encoding, spec->tz, times, values, cancellable, error))
    return FALSE;
  if (times->len == 0)
    return TRUE;

  /* Sorting (time, value) pairs keeps each value with its time. */
  pairs = g_array_sized_new (FALSE, FALSE, 2 * sizeof (gint64), times->len);
  for (guint i = 0; i < times->len; i++)
    {
      gint64 pair[2];

      pair[0] = g_array_index (times, gint64, i);
      memcpy (&pair[1], &g_array_index (values, double, i), sizeof (double));
      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, compare_reading);
  for (guint i = 0; i < times->len; i++)
    {
      const gint64 *pair = (const gint64 *) (pairs->data + i * 2 * sizeof (gint64));

      g_array_index (times, gint64, i) = pair[0];
      memcpy (&g_array_index (values, double, i), &pair[1], sizeof (double));
    }
  journey->temperature = series_new (spec->weather_value_column, times, values);
  return TRUE;
}

static CourantJourney *
journey_new (const char *entity)
{
  CourantJourney *journey = g_new0 (CourantJourney, 1);

  journey->entity = g_strdup (entity);
  journey->attribute_names = g_ptr_array_new_with_free_func (g_free);
  journey->attribute_values = g_ptr_array_new_with_free_func (g_free);
  journey->event_names = g_ptr_array_new_with_free_func (g_free);
  journey->channel_names = g_ptr_array_new_with_free_func (g_free);
  journey->sites = g_ptr_array_new_with_free_func (g_free);
  return journey;
}

/* When the sites give no region, the customer's own region does. */
static void
fall_back_to_customer_region (const CourantJourneySpec *spec,
                              CourantJourney           *journey)
{
  const char *region;

  if (journey->region != NULL || spec->weather_region_column == NULL)
    return;
  region = courant_journey_get_attribute (journey, spec->weather_region_column);
  journey->region = g_strdup (region);
}

static gboolean
load_series (sqlite3                  *db,
             CourantSource            *source,
             const CourantJourneySpec *spec,
             CourantJourney           *journey,
             GCancellable             *cancellable,
             GError                  **error)
{
  const CourantTableInfo *link = find_link_table (source, spec);

  if (link != NULL && spec->series_site_column != NULL && spec->series_time_column != NULL &&
      spec->series_value_column != NULL)
    {
      if (!load_sites (db, link, spec, journey, cancellable, error) ||
          !load_consumption (db, spec, journey, cancellable, error))
        return FALSE;
    }
  /* The temperature goes with a consumption: alone, it says nothing of
   * the customer. */
  if (journey->consumption == NULL || spec->weather_table == NULL ||
      spec->weather_time_column == NULL || spec->weather_value_column == NULL)
    return TRUE;
  fall_back_to_customer_region (spec, journey);
  if (journey->region == NULL)
    return TRUE;
  return load_temperature (db, spec, journey, cancellable, error);
}

CourantJourney *
courant_journey_load (CourantSource             *source,
                      const CourantJourneySpec  *spec,
                      const char                *entity,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(CourantJourney) journey = NULL;
  const CourantTableInfo *attributes;

  g_return_val_if_fail (COURANT_IS_SOURCE (source), NULL);
  g_return_val_if_fail (spec != NULL && spec->events_table != NULL && spec->entity_column != NULL &&
                        spec->time_column != NULL && spec->event_column != NULL, NULL);
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = open_db (source, cancellable, error);
  if (db == NULL)
    return NULL;
  journey = journey_new (entity);
  if (!load_events (db, spec, journey, cancellable, error))
    return NULL;
  attributes = find_attributes_table (source, spec);
  if (attributes != NULL && !load_attributes (db, attributes, spec, journey, cancellable, error))
    return NULL;
  if (journey->n_events == 0 && journey->attribute_names->len == 0)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("There is no customer “%s” in this source."), entity);
      return NULL;
    }
  if (!load_series (db, source, spec, journey, cancellable, error))
    return NULL;
  return g_steal_pointer (&journey);
}

/* Random pick ------------------------------------------------------------- */

/* One end of the keys: a single min() or max() is answered from the
 * index, where min() and max() together would scan the table. */
static gboolean
key_end (sqlite3       *db,
         const char    *function,
         const char    *table,
         const char    *entity,
         gboolean      *integer,
         gint64        *key,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, error, "SELECT %s(%s) FROM %s", function, entity, table);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return step_done (db, rc, cancellable, error);
  *integer = sqlite3_column_type (stmt, 0) == SQLITE_INTEGER;
  *key = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* With integer keys, the first customer at or after a random key in
 * [min, max]: three index look-ups. Returns "" when keys are not integers. */
static char *
pick_integer (sqlite3       *db,
              const char    *table,
              const char    *entity,
              GRand         *rand,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) pick = NULL;
  gboolean integer_lo = FALSE, integer_hi = FALSE;
  gint64 lo = 0, hi = 0, key;
  int rc;

  if (!key_end (db, "min", table, entity, &integer_lo, &lo, cancellable, error) ||
      !key_end (db, "max", table, entity, &integer_hi, &hi, cancellable, error))
    return NULL;
  if (!integer_lo || !integer_hi)
    return g_strdup ("");
  key = lo + (gint64) (g_rand_double (rand) * ((double) hi - (double) lo + 1));
  pick = prepare (db, error, "SELECT %s FROM %s WHERE %s >= ? ORDER BY %s LIMIT 1",
                  entity, table, entity, entity);
  if (pick == NULL)
    return NULL;
  sqlite3_bind_int64 (pick, 1, MIN (key, hi));
  rc = sqlite3_step (pick);
  if (rc != SQLITE_ROW)
    {
      step_done (db, rc, cancellable, error);
      return NULL;
    }
  return g_strdup ((const char *) sqlite3_column_text (pick, 0));
}

/* Otherwise, one of the first rows: a skip costs a step per row. */
static char *
pick_offset (sqlite3       *db,
             const char    *table,
             const char    *entity,
             gint64         n_rows,
             GRand         *rand,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) pick = NULL;
  int rc;

  pick = prepare (db, error, "SELECT %s FROM %s WHERE %s IS NOT NULL LIMIT 1 OFFSET ?",
                  entity, table, entity);
  if (pick == NULL)
    return NULL;
  sqlite3_bind_int64 (pick, 1, g_rand_int_range (rand, 0, (gint32) CLAMP (n_rows, 1, MAX_RANDOM_OFFSET)));
  rc = sqlite3_step (pick);
  if (rc != SQLITE_ROW)
    {
      if (step_done (db, rc, cancellable, error))
        g_set_error_literal (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                             _("This source has no customer."));
      return NULL;
    }
  return g_strdup ((const char *) sqlite3_column_text (pick, 0));
}

char *
courant_journey_pick_random (CourantSource             *source,
                             const CourantJourneySpec  *spec,
                             guint32                    seed,
                             GCancellable              *cancellable,
                             GError                   **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *table = NULL;
  g_autofree char *entity = NULL;
  const CourantTableInfo *info;
  char *key;

  g_return_val_if_fail (COURANT_IS_SOURCE (source), NULL);
  g_return_val_if_fail (spec != NULL && spec->events_table != NULL && spec->entity_column != NULL, NULL);

  db = open_db (source, cancellable, error);
  if (db == NULL)
    return NULL;
  table = quote (spec->events_table);
  entity = quote (spec->entity_column);
  key = pick_integer (db, table, entity, rand, cancellable, error);
  if (key == NULL || *key != '\0')
    return key;
  g_free (key);
  info = courant_source_find_table (source, spec->events_table);
  return pick_offset (db, table, entity, info != NULL ? info->n_rows : 1, rand, cancellable, error);
}

/* Search ------------------------------------------------------------------ */

static void
add_match (GPtrArray  *matches,
           const char *entity,
           const char *label)
{
  CourantJourneyMatch *match;

  if (entity == NULL)
    return;
  for (guint i = 0; i < matches->len; i++)
    if (g_str_equal (((CourantJourneyMatch *) g_ptr_array_index (matches, i))->entity, entity))
      return;
  match = g_new0 (CourantJourneyMatch, 1);
  match->entity = g_strdup (entity);
  match->label = g_strdup (label);
  g_ptr_array_add (matches, match);
}

static gboolean
collect_matches (sqlite3       *db,
                 sqlite3_stmt  *stmt,
                 GPtrArray     *matches,
                 guint          limit,
                 GCancellable  *cancellable,
                 GError       **error)
{
  int rc;

  while (matches->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_match (matches, (const char *) sqlite3_column_text (stmt, 0),
               sqlite3_column_count (stmt) > 1 ? (const char *) sqlite3_column_text (stmt, 1) : NULL);
  return matches->len >= limit || step_done (db, rc, cancellable, error);
}

static char *
like_prefix (const char *text)
{
  g_autoptr(GString) pattern = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

GPtrArray *
courant_journey_search (CourantSource             *source,
                        const CourantJourneySpec  *spec,
                        const char                *text,
                        guint                      limit,
                        GCancellable              *cancellable,
                        GError                   **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_journey_match_free);
  g_autoptr(sqlite3_stmt) exact = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *stripped = NULL;
  const CourantTableInfo *attributes;
  const char *label_column = NULL;
  g_autofree char *label = NULL;
  g_autofree char *table = NULL;

  g_return_val_if_fail (COURANT_IS_SOURCE (source), NULL);
  g_return_val_if_fail (spec != NULL && spec->events_table != NULL && spec->entity_column != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0' || limit == 0)
    return g_steal_pointer (&matches);
  db = open_db (source, cancellable, error);
  if (db == NULL)
    return NULL;

  attributes = find_attributes_table (source, spec);
  if (attributes != NULL)
    label_column = find_label_column (attributes);
  entity = quote (spec->entity_column);
  table = quote (attributes != NULL ? attributes->name : spec->events_table);
  label = label_column != NULL ? quote (label_column) : g_strdup ("NULL");

  exact = prepare (db, error, "SELECT %s, %s FROM %s WHERE %s = ? LIMIT 1", entity, label, table, entity);
  if (exact == NULL)
    return NULL;
  bind_key (exact, 1, stripped);
  if (!collect_matches (db, exact, matches, limit, cancellable, error))
    return NULL;

  if (label_column != NULL)
    {
      g_autoptr(sqlite3_stmt) prefix = NULL;

      /* In the table's order, so that the scan stops at the limit: no
       * index answers a case-insensitive prefix. */
      prefix = prepare (db, error, "SELECT %s, %s FROM %s WHERE %s LIKE ? ESCAPE '\\' LIMIT %u",
                        entity, label, table, label, limit);
      if (prefix == NULL)
        return NULL;
      sqlite3_bind_text (prefix, 1, like_prefix (stripped), -1, g_free);
      if (!collect_matches (db, prefix, matches, limit, cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&matches);
}

/* Workers ----------------------------------------------------------------- */

typedef struct _TaskData TaskData;

/* What a worker runs: one of the blocking calls above, on the task's copy
 * of the arguments. NULL means failure, with @error set. */
typedef gpointer (*WorkFunc) (TaskData      *data,
                              GCancellable  *cancellable,
                              GError       **error);

struct _TaskData
{
  CourantSource      *source;
  CourantJourneySpec *spec;
  char               *text;
  guint               limit;
  guint32             seed;
  WorkFunc            work;
  GDestroyNotify      free_result;
};

static void
task_data_free (TaskData *data)
{
  g_object_unref (data->source);
  spec_free (data->spec);
  g_free (data->text);
  g_free (data);
}

static TaskData *
task_data_new (CourantSource            *source,
               const CourantJourneySpec *spec,
               const char               *text,
               WorkFunc                  work,
               GDestroyNotify            free_result)
{
  TaskData *data = g_new0 (TaskData, 1);

  data->source = g_object_ref (source);
  data->spec = spec_copy (spec);
  data->text = g_strdup (text);
  data->work = work;
  data->free_result = free_result;
  return data;
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  gpointer result;

  result = data->work (data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, data->free_result);
}

/* Takes @data. */
static void
run_task (TaskData            *data,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             tag)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, work_thread);
}

static gpointer
load_work (TaskData      *data,
           GCancellable  *cancellable,
           GError       **error)
{
  return courant_journey_load (data->source, data->spec, data->text, cancellable, error);
}

void
courant_journey_load_async (CourantSource             *source,
                            const CourantJourneySpec  *spec,
                            const char                *entity,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_return_if_fail (COURANT_IS_SOURCE (source));
  g_return_if_fail (spec != NULL && entity != NULL);

  run_task (task_data_new (source, spec, entity, load_work, (GDestroyNotify) courant_journey_free),
            cancellable, callback, user_data, courant_journey_load_async);
}

CourantJourney *
courant_journey_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
pick_work (TaskData      *data,
           GCancellable  *cancellable,
           GError       **error)
{
  return courant_journey_pick_random (data->source, data->spec, data->seed, cancellable, error);
}

void
courant_journey_pick_random_async (CourantSource            *source,
                                   const CourantJourneySpec *spec,
                                   guint32                   seed,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  TaskData *data;

  g_return_if_fail (COURANT_IS_SOURCE (source));
  g_return_if_fail (spec != NULL);

  data = task_data_new (source, spec, NULL, pick_work, g_free);
  data->seed = seed;
  run_task (data, cancellable, callback, user_data, courant_journey_pick_random_async);
}

char *
courant_journey_pick_random_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
search_work (TaskData      *data,
             GCancellable  *cancellable,
             GError       **error)
{
  return courant_journey_search (data->source, data->spec, data->text, data->limit, cancellable, error);
}

void
courant_journey_search_async (CourantSource            *source,
                              const CourantJourneySpec *spec,
                              const char               *text,
                              guint                     limit,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  TaskData *data;

  g_return_if_fail (COURANT_IS_SOURCE (source));
  g_return_if_fail (spec != NULL && text != NULL);

  data = task_data_new (source, spec, text, search_work, (GDestroyNotify) g_ptr_array_unref);
  data->limit = limit;
  run_task (data, cancellable, callback, user_data, courant_journey_search_async);
}

GPtrArray *
courant_journey_search_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
