/* courant-demo.h: the deterministic demo dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint    n_customers;   /* default 50,000 */
  guint    n_sites;       /* default 200 */
  guint    n_days;        /* default 730 */
  guint64  seed;          /* default 1 */
  /* First local day of the period, "YYYY-MM-DD" in Europe/Paris. */
  const char *start_date; /* default "2024-11-01" */
} CourantDemoOptions;

/* Called from the generating thread; @fraction goes from 0 to 1, @stage is a
 * translated short description ("Customers", "Consumption"…). */
typedef void (*CourantDemoProgress) (double      fraction,
                                     const char *stage,
                                     gpointer    user_data);

void     courant_demo_options_init (CourantDemoOptions  *options);
gboolean courant_demo_generate     (const char          *path,
                                    const CourantDemoOptions *options,
                                    CourantDemoProgress  progress,
                                    gpointer             user_data,
                                    GCancellable        *cancellable,
                                    GError             **error);

G_END_DECLS
