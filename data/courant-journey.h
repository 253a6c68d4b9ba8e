/* courant-journey.h: everything about one customer, read on demand
 *
 * The 360° view of one customer: their events, their attributes, and when
 * the source has sites and readings, the consumption of their sites with
 * the temperature of the sites' region. Only that customer's rows are read,
 * through the entity's index, so that opening a journey among twenty
 * million events takes milliseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-lod.h"
#include "courant-roles.h"
#include "courant-source.h"
#include "courant-time.h"

G_BEGIN_DECLS

/* Where the parts of a journey are. The events are required; the series
 * and the weather are optional (NULL table). The table that gives each
 * customer their attributes, and the one that links customers to sites,
 * are found among the source's tables by their column names. */
typedef struct
{
  const char          *events_table;
  const char          *entity_column;
  const char          *time_column;
  const char          *event_column;
  const char          *channel_column;       /* NULL: one lane */
  CourantTimeEncoding  time_encoding;

  const char          *series_table;         /* readings per site, e.g. consumption */
  const char          *series_site_column;
  const char          *series_time_column;
  const char          *series_value_column;
  CourantTimeEncoding  series_time_encoding;

  const char          *weather_table;        /* readings per region, e.g. weather */
  const char          *weather_region_column;
  const char          *weather_time_column;
  const char          *weather_value_column;
  CourantTimeEncoding  weather_time_encoding;

  GTimeZone           *tz;                   /* NULL: Europe/Paris */
} CourantJourneySpec;

/* The events' part of @spec from a journeys table's roles; FALSE when the
 * table has no entity, time or event. The strings point into @roles. */
gboolean        courant_journey_spec_init_from_roles (CourantJourneySpec      *spec,
                                                      const CourantTableRoles *roles);
/* Completes @spec with the readings of the customers' sites and the
 * temperature of their region, found among @tables (of CourantTableRoles,
 * the roles of the source's tables): a measure over time whose entity (a
 * site) another table of the source links to the customers, and a weather
 * measure named like a temperature, told apart by an attribute (a region).
 * The strings point into @tables. */
void            courant_journey_spec_find_readings   (CourantJourneySpec      *spec,
                                                      CourantSource           *source,
                                                      GPtrArray               *tables);

/* A series of the journey: sorted times, values without NaN, and the
 * pyramid that a timeline draws them with. */
typedef struct
{
  char       *name;     /* the column: "kwh", "temperature" */
  gint64     *times;
  double     *values;
  gsize       n;
  CourantLod *lod;
} CourantJourneySeries;

typedef struct
{
  char                 *entity;          /* the customer's key, as text */
  /* The attributes table's columns and this customer's values (NULL:
   * missing), in table order, without the key. */
  GPtrArray            *attribute_names;
  GPtrArray            *attribute_values;

  guint                 n_events;
  gint64               *times;           /* ms UTC, sorted */
  guint16              *events;          /* codes in @event_names */
  guint16              *channels;        /* codes in @channel_names */
  GPtrArray            *event_names;     /* sorted */
  GPtrArray            *channel_names;   /* sorted; one "" lane without a channel column */

  GPtrArray            *sites;           /* the customer's site keys, as text */
  char                 *region;          /* of the temperature, NULL without one */
  CourantJourneySeries *consumption;     /* hourly sum of the sites, NULL without */
  CourantJourneySeries *temperature;     /* NULL without */
} CourantJourney;

void            courant_journey_free           (CourantJourney            *self);
/* The value of the attribute column @name, or NULL. */
const char     *courant_journey_get_attribute  (const CourantJourney      *self,
                                                const char                *name);
/* The smallest and largest instant of the events and series; FALSE when
 * the journey holds none. */
gboolean        courant_journey_get_range      (const CourantJourney      *self,
                                                gint64                    *min_ms,
                                                gint64                    *max_ms);

/* The journey's range with a margin either side (2 %, at least an hour),
 * so that no mark sits on an edge of a chart; FALSE when it holds nothing. */
gboolean        courant_journey_get_window     (const CourantJourney      *self,
                                                gint64                    *t0,
                                                gint64                    *t1);

/* Reads customer @entity's journey. Blocking: call it from a worker. Fails
 * with COURANT_DATA_ERROR_NOT_FOUND when the customer has no event and no
 * attributes, COURANT_DATA_ERROR_UNSUPPORTED when the source is not SQLite. */
CourantJourney *courant_journey_load           (CourantSource             *source,
                                                const CourantJourneySpec  *spec,
                                                const char                *entity,
                                                GCancellable              *cancellable,
                                                GError                   **error);
void            courant_journey_load_async     (CourantSource             *source,
                                                const CourantJourneySpec  *spec,
                                                const char                *entity,
                                                GCancellable              *cancellable,
                                                GAsyncReadyCallback        callback,
                                                gpointer                   user_data);
CourantJourney *courant_journey_load_finish    (GAsyncResult              *result,
                                                GError                   **error);

/* One customer that has events, drawn with @seed. Blocking. */
char           *courant_journey_pick_random    (CourantSource             *source,
                                                const CourantJourneySpec  *spec,
                                                guint32                    seed,
                                                GCancellable              *cancellable,
                                                GError                   **error);
void            courant_journey_pick_random_async  (CourantSource         *source,
                                                    const CourantJourneySpec *spec,
                                                    guint32                seed,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
char           *courant_journey_pick_random_finish (GAsyncResult          *result,
                                                    GError               **error);

/* One customer found by a search. */
typedef struct
{
  char *entity;
  char *label;   /* the reference or name that matched, or NULL */
} CourantJourneyMatch;

void            courant_journey_match_free     (CourantJourneyMatch       *match);

/* The customers whose key equals @text, then those whose reference or name
 * column starts with it (case-insensitively) in the table's order, at most
 * @limit of them, as CourantJourneyMatch. Blocking. */
GPtrArray      *courant_journey_search         (CourantSource             *source,
                                                const CourantJourneySpec  *spec,
                                                const char                *text,
                                                guint                      limit,
                                                GCancellable              *cancellable,
                                                GError                   **error);
void            courant_journey_search_async   (CourantSource             *source,
                                                const CourantJourneySpec  *spec,
                                                const char                *text,
                                                guint                      limit,
                                                GCancellable              *cancellable,
                                                GAsyncReadyCallback        callback,
                                                gpointer                   user_data);
GPtrArray      *courant_journey_search_finish  (GAsyncResult              *result,
                                                GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantJourney, courant_journey_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantJourneyMatch, courant_journey_match_free)

G_END_DECLS
