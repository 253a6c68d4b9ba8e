/* courant-flows.h: the Sankey data of journeys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-event-store.h"

G_BEGIN_DECLS

typedef enum
{
  COURANT_FLOWS_BY_EVENT,
  COURANT_FLOWS_BY_CHANNEL,
  COURANT_FLOWS_BY_BOTH,      /* "event (channel)" */
} CourantFlowsLabel;

typedef enum
{
  COURANT_FLOWS_ANCHOR_NONE,
  /* Journeys start at the entity's first @anchor_event. */
  COURANT_FLOWS_ANCHOR_START,
  /* Journeys end at the entity's first @anchor_event, which sits on the
   * last step; earlier events are counted backwards from it. Entities that
   * never reach it are left out, and there are no drop-offs. */
  COURANT_FLOWS_ANCHOR_END,
} CourantFlowsAnchor;

/* How a journey is read, in this order: events outside [time_from, time_to)
 * and hidden events are ignored; the journey starts at the first event (or
 * at the anchor); a pause longer than @max_gap_ms between two remaining
 * events ends it; consecutive events with the same label then count once
 * when @collapse_repeats (the gap runs on the events before collapsing);
 * the first @n_steps remain. An entity's weight is the weight of its first
 * row (1 without a weight column). */
typedef struct
{
  CourantFlowsLabel   label;
  CourantFlowsAnchor  anchor;
  const char         *anchor_event;
  guint               n_steps;          /* default 5, at least 1 */
  gboolean            collapse_repeats;
  const char *const  *hidden_events;    /* NULL-terminated, or NULL */
  gint64              max_gap_ms;       /* 0: no limit */
  guint               top_n;            /* labels kept per step, 0: all */
  double              min_share;        /* of the step's value; smaller labels go to (other) */
  gboolean            drop_offs;        /* links to "(end)"; default TRUE */
  const guint8       *entity_mask;      /* n_entities bytes, 0 leaves an entity out; or NULL */
  gint64              time_from;        /* default G_MININT64 */
  gint64              time_to;          /* exclusive, default G_MAXINT64 */
  guint               n_threads;        /* 0: as many as useful (at most 2) */
} CourantFlowsOptions;

#define COURANT_FLOWS_OTHER "(other)"
#define COURANT_FLOWS_END   "(end)"

/* A label that an "(other)" node groups. */
typedef struct
{
  char   *label;
  double  value;       /* weighted */
  guint   n_entities;
} CourantFlowsMember;

typedef struct
{
  char   *id;          /* "STEP:LABEL" */
  guint   step;
  char   *label;
  double  value;       /* weighted */
  guint   n_entities;
  /* Of CourantFlowsMember, the largest first, for "(other)"; else NULL. */
  GArray *members;
} CourantFlowsNode;

typedef struct
{
  guint   source;      /* node indices */
  guint   target;
  double  value;       /* weighted */
  guint   n_entities;
  double  mean_gap_ms; /* weighted mean time between the two steps; NAN to (end) */
} CourantFlowsLink;

typedef struct _CourantFlowsPlan CourantFlowsPlan;

typedef struct
{
  guint              n_entities;
  double             total;
  guint              n_steps;
  GArray            *nodes;     /* of CourantFlowsNode, by step, then value */
  GArray            *links;     /* of CourantFlowsLink, by source, then value */
  CourantFlowsPlan  *plan;      /* private: what drill-down needs */
} CourantFlowsResult;

void                courant_flows_options_init   (CourantFlowsOptions        *options);

CourantFlowsResult *courant_flows_compute        (CourantEventStore          *store,
                                                  const CourantFlowsOptions  *options,
                                                  GCancellable               *cancellable,
                                                  GError                    **error);
/* Runs in a worker; @options and what it points to must live until the end. */
void                courant_flows_compute_async  (CourantEventStore          *store,
                                                  const CourantFlowsOptions  *options,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data);
CourantFlowsResult *courant_flows_compute_finish (GAsyncResult               *result,
                                                  GError                    **error);
void                courant_flows_result_free    (CourantFlowsResult         *result);

/* Drill-down: the entity indices behind a node or a link, in order,
 * recomputed with the result's options (GArray of guint32). */
GArray             *courant_flows_node_entities  (const CourantFlowsResult   *result,
                                                  guint                       node);
GArray             *courant_flows_link_entities  (const CourantFlowsResult   *result,
                                                  guint                       link);

char               *courant_flows_result_to_json (const CourantFlowsResult   *result);

/* Periods a user picks journeys in, ending on the last day of the data. */
typedef enum
{
  COURANT_FLOWS_PERIOD_ALL,
  COURANT_FLOWS_PERIOD_LAST_12_MONTHS,
  COURANT_FLOWS_PERIOD_LAST_3_MONTHS,
} CourantFlowsPeriod;

/* The times of the store's first and last events; FALSE without events. */
gboolean            courant_flows_time_extent    (const CourantEventStore    *store,
                                                  gint64                     *first,
                                                  gint64                     *last);
/* The local days of @period in @tz, given the data's first and last
 * times: the whole months before the last day, never before the first. */
void                courant_flows_period_days    (CourantFlowsPeriod          period,
                                                  gint64                      first,
                                                  gint64                      last,
                                                  GTimeZone                  *tz,
                                                  GDate                      *from,
                                                  GDate                      *to);
/* [@time_from, @time_to) for the local days @from to @to, both included,
 * in @tz (a day of a time change has 23 or 25 hours). */
void                courant_flows_days_to_range  (const GDate                *from,
                                                  const GDate                *to,
                                                  GTimeZone                  *tz,
                                                  gint64                     *time_from,
                                                  gint64                     *time_to);
/* One line per node then per link:
 * kind,step,label,id,source,target,value,entities,mean_gap_ms */
char               *courant_flows_result_to_csv  (const CourantFlowsResult   *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantFlowsResult, courant_flows_result_free)

G_END_DECLS
