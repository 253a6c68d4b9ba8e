/* courant-precursors.h: the events over-represented before an outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-event-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char   *outcome;        /* the outcome event, e.g. "termination" */
  double        min_support;    /* default 0.01 */
  gboolean      pairs;          /* also two consecutive events; default TRUE */
  const guint8 *entity_mask;    /* n_entities bytes, or NULL */
} CourantPrecursorsOptions;

/* A single event (second == COURANT_DICT_NOT_FOUND) or a consecutive pair.
 *
 * n_entities: the entities that reach the outcome having it before their
 *           first outcome (unweighted);
 * support:  share of the entities that reach the outcome having it before
 *           their first outcome;
 * baseline: share of the entities that never reach it having it anywhere;
 * lift:     support / baseline (INFINITY when the baseline is 0);
 * z:        the two-proportion z statistic with a pooled proportion, and
 *           p its two-sided p-value under the normal approximation.
 * Shares are weighted when the store has weights. */
typedef struct
{
  guint32 first;
  guint32 second;
  guint   n_entities;
  double  support;
  double  baseline;
  double  lift;
  double  z;
  double  p;
} CourantPrecursor;

typedef struct
{
  CourantEventStore *store;
  char              *outcome;
  guint              entities_with;
  guint              entities_without;
  double             weight_with;
  double             weight_without;
  GArray            *precursors;  /* of CourantPrecursor, by lift then support */
  guint8            *entity_mask; /* private: a copy of the options' mask, or NULL */
} CourantPrecursorsResult;

void                     courant_precursors_options_init   (CourantPrecursorsOptions        *options);
CourantPrecursorsResult *courant_precursors_compute        (CourantEventStore               *store,
                                                            const CourantPrecursorsOptions  *options,
                                                            GCancellable                    *cancellable,
                                                            GError                         **error);
void                     courant_precursors_compute_async  (CourantEventStore               *store,
                                                            const CourantPrecursorsOptions  *options,
                                                            GCancellable                    *cancellable,
                                                            GAsyncReadyCallback              callback,
                                                            gpointer                         user_data);
CourantPrecursorsResult *courant_precursors_compute_finish (GAsyncResult                    *result,
                                                            GError                         **error);
void                     courant_precursors_result_free    (CourantPrecursorsResult         *result);

/* Drill-down: the entities that reach the outcome having the precursor
 * @index before their first outcome, in order (GArray of guint32 entity
 * indices); NULL if @cancellable is cancelled. Blocking: one pass over the
 * events, so call it from a worker on large stores. */
GArray                  *courant_precursors_entities       (const CourantPrecursorsResult   *result,
                                                            guint                            index,
                                                            GCancellable                    *cancellable);

char                    *courant_precursors_result_to_json (const CourantPrecursorsResult   *result);
/* first,second,entities,support,baseline,lift,z,p */
char                    *courant_precursors_result_to_csv  (const CourantPrecursorsResult   *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantPrecursorsResult, courant_precursors_result_free)

G_END_DECLS
