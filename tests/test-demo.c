/* test-demo.c: the deterministic demo dataset
 *
 * Every property is checked with plain SQL over the generated file; the
 * expected sizes of the period come from GDateTime in Europe/Paris and the
 * public holidays from a list written here, not from the generator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "courant-demo.h"
#include "courant-error.h"

#define N_CUSTOMERS 2000
#define N_SITES     10
#define N_DAYS      400 /* from 2024-11-01: both clock changes of 2025 */
#define START_DATE  "2024-11-01"
#define SPRING_DAY  "2025-03-30"
#define AUTUMN_DAY  "2025-10-26"

/* The French public holidays of the period. */
#define HOLIDAYS "('2024-11-01', '2024-11-11', '2024-12-25', '2025-01-01', '2025-04-21', " \
                 "'2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09', '2025-07-14', " \
                 "'2025-08-15', '2025-11-01', '2025-11-11')"

static char *tmp_dir;

/* The period, computed independently of the generator. */
typedef struct
{
  gint64 start_ms;
  gint64 end_ms;
  guint  n_hours;
} Period;

static Period
period_get (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) start = g_date_time_new (tz, 2024, 11, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_days (start, N_DAYS);
  Period period;

  period.start_ms = g_date_time_to_unix (start) * 1000;
  period.end_ms = g_date_time_to_unix (end) * 1000;
  period.n_hours = (period.end_ms - period.start_ms) / 3600000;
  return period;
}

static void
options_small (CourantDemoOptions *options,
               guint64             seed)
{
  courant_demo_options_init (options);
  options->n_customers = N_CUSTOMERS;
  options->n_sites = N_SITES;
  options->n_days = N_DAYS;
  options->seed = seed;
  options->start_date = START_DATE;
}

/* Datasets are generated once and shared by the tests that read them. */
static const char *
dataset (const char *name,
         guint64     seed)
{
  static GHashTable *paths;
  CourantDemoOptions options;
  g_autoptr(GError) error = NULL;
  char *path;

  if (paths == NULL)
    paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  path = g_hash_table_lookup (paths, name);
  if (path != NULL)
    return path;

  path = g_build_filename (tmp_dir, name, NULL);
  options_small (&options, seed);
  g_assert_true (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_hash_table_insert (paths, g_strdup (name), path);
  return path;
}

static sqlite3 *
db_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static void
db_exec (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3_stmt *
db_query (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

static gint64
db_int (sqlite3    *db,
        const char *sql)
{
  sqlite3_stmt *stmt = db_query (db, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}

static double
db_double (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = db_query (db, sql);
  double value = sqlite3_column_double (stmt, 0);

  g_assert_cmpint (sqlite3_column_type (stmt, 0), !=, SQLITE_NULL);
  sqlite3_finalize (stmt);
  return value;
}

static guint
dir_count (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static char *
make_dir (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  return path;
}

/* ------------------------------------------------------------------------ */

static void
test_defaults (void)
{
  CourantDemoOptions options;

  memset (&options, 0, sizeof options);
  courant_demo_options_init (&options);
  g_assert_cmpuint (options.n_customers, ==, 50000);
  g_assert_cmpuint (options.n_sites, ==, 200);
  g_assert_cmpuint (options.n_days, ==, 730);
  g_assert_cmpuint (options.seed, ==, 1);
  g_assert_cmpstr (options.start_date, ==, "2024-11-01");
}

static void
test_deterministic (void)
{
  const char *a = dataset ("a.sqlite", 7);
  const char *b = dataset ("b.sqlite", 7);
  const char *c = dataset ("c.sqlite", 8);
  g_autofree char *a_bytes = NULL, *b_bytes = NULL;
  char *attach;
  gsize a_len, b_len;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (a, &a_bytes, &a_len, NULL));
  g_assert_true (g_file_get_contents (b, &b_bytes, &b_len, NULL));
  g_assert_cmpmem (a_bytes, a_len, b_bytes, b_len);

  db = db_open (a);
  attach = sqlite3_mprintf ("ATTACH %Q AS other", c);
  db_exec (db, attach);
  sqlite3_free (attach);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM (SELECT * FROM main.events "
                               "EXCEPT SELECT * FROM other.events)"), >, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM (SELECT * FROM main.weather "
                               "EXCEPT SELECT * FROM other.weather)"), >, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM (SELECT * FROM main.consumption "
                               "EXCEPT SELECT * FROM other.consumption)"), >, 0);
  sqlite3_close (db);
}

static void
test_metadata (void)
{
  sqlite3 *db = db_open (dataset ("a.sqlite", 7));
  sqlite3_stmt *stmt;

  stmt = db_query (db, "SELECT (SELECT value FROM metadata WHERE key = 'seed'),"
                       " (SELECT value FROM metadata WHERE key = 'timezone'),"
                       " (SELECT value FROM metadata WHERE key = 'start_date'),"
                       " (SELECT value FROM metadata WHERE key = 'end_date'),"
                       " (SELECT value FROM metadata WHERE key = 'customers'),"
                       " (SELECT value FROM metadata WHERE key = 'period_end')");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "7");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "Europe/Paris");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, START_DATE);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "2025-12-05");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "2000");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "2025-12-06T00:00:00+01:00");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_customers (void)
{
  sqlite3 *db = db_open (dataset ("a.sqlite", 7));
  double residential, professional, enterprise;

  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers"), ==, N_CUSTOMERS);
  g_assert_cmpint (db_int (db, "SELECT min(customer_id) = 1 AND max(customer_id) = 2000 "
                               "FROM customers"), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers "
                               "WHERE reference != printf('CL-%07d', customer_id)"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers WHERE segment NOT IN "
                               "('residential', 'professional', 'enterprise')"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers WHERE tariff NOT IN "
                               "('Base', 'Heures creuses', 'Tempo', 'Tarif jaune', 'Tarif vert')"),
                   ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers WHERE segment = 'residential' "
                               "AND (power_kva < 3 OR power_kva > 36 OR tariff LIKE 'Tarif%')"),
                   ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers WHERE segment = 'enterprise' "
                               "AND power_kva <= 36"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers "
                               "WHERE date(since) IS NOT since OR since > '2025-12-05'"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers "
                               "WHERE status NOT IN ('active', 'terminated')"), ==, 0);

  residential = db_double (db, "SELECT avg(segment = 'residential') FROM customers");
  professional = db_double (db, "SELECT avg(segment = 'professional') FROM customers");
  enterprise = db_double (db, "SELECT avg(segment = 'enterprise') FROM customers");
  g_assert_cmpfloat (residential, >, 0.80);
  g_assert_cmpfloat (residential, <, 0.90);
  g_assert_cmpfloat (professional, >, 0.08);
  g_assert_cmpfloat (professional, <, 0.16);
  g_assert_cmpfloat (enterprise, >, 0.01);
  g_assert_cmpfloat (enterprise, <, 0.06);

  /* The 13 metropolitan regions, Île-de-France the most populous. */
  g_assert_cmpint (db_int (db, "SELECT count(DISTINCT region) FROM customers WHERE region IN ("
                               "'Auvergne-Rhône-Alpes', 'Bourgogne-Franche-Comté', 'Bretagne', "
                               "'Centre-Val de Loire', 'Corse', 'Grand Est', 'Hauts-de-France', "
                               "'Île-de-France', 'Normandie', 'Nouvelle-Aquitaine', 'Occitanie', "
                               "'Pays de la Loire', 'Provence-Alpes-Côte d''Azur')"), ==, 13);
  g_assert_cmpint (db_int (db, "SELECT count(DISTINCT region) FROM customers"), ==, 13);
  g_assert_cmpint (db_int (db, "SELECT region = 'Île-de-France' FROM customers "
                               "GROUP BY region ORDER BY count(*) DESC LIMIT 1"), ==, 1);
  sqlite3_close (db);
}

/* The local day and hour of every UTC hour of the period, from GDateTime. */
static void
create_hours_table (sqlite3 *db)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  Period period = period_get ();
  sqlite3_stmt *stmt;

  db_exec (db, "CREATE TEMP TABLE hours (hour_ms INTEGER PRIMARY KEY, day TEXT NOT NULL, "
               "hour INTEGER NOT NULL)");
  db_exec (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO hours VALUES (?, ?, ?)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (gint64 ms = period.start_ms; ms < period.end_ms; ms += 3600000)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");

      sqlite3_bind_int64 (stmt, 1, ms);
      sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, g_date_time_get_hour (local));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  db_exec (db, "COMMIT");
}

static void
test_events (void)
{
  sqlite3 *db = db_open (dataset ("a.sqlite", 7));
  Period period = period_get ();
  g_autofree char *outside = NULL;
  double per_customer, churn;

  g_assert_cmpint (db_int (db, "SELECT count(*) FROM events WHERE channel NOT IN "
                               "('web', 'app', 'call_centre', 'email', 'letter', 'shop')"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM events WHERE event NOT IN "
                               "('account_visit', 'bill_viewed', 'bill_issued', 'payment', "
                               "'complaint', 'move_in', 'move_out', 'power_change', "
                               "'payment_difficulty', 'reminder', 'appointment', 'call', "
                               "'offer_subscribed', 'tariff_advice', 'meter_reading', "
                               "'termination')"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(DISTINCT event) FROM events"), ==, 16);
  g_assert_cmpint (db_int (db, "SELECT count(DISTINCT channel) FROM events"), ==, 6);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM events WHERE event = 'call' "
                               "AND channel != 'call_centre'"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM events "
                               "WHERE customer_id NOT IN (SELECT customer_id FROM customers)"), ==, 0);
  outside = g_strdup_printf ("SELECT count(*) FROM events WHERE ts < %" G_GINT64_FORMAT
                             " OR ts >= %" G_GINT64_FORMAT, period.start_ms, period.end_ms);
  g_assert_cmpint (db_int (db, outside), ==, 0);
  /* Customers who joined during the period have no event before. */
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM events e JOIN customers c USING (customer_id) "
                               "WHERE e.ts < (unixepoch(c.since, '-2 hours')) * 1000"), ==, 0);

  /* About 20 events over two years, fewer over 400 days, and not the same
   * number for everybody. */
  per_customer = db_double (db, "SELECT count(*) * 1.0 / 2000 FROM events");
  g_assert_cmpfloat (per_customer, >, 6.0);
  g_assert_cmpfloat (per_customer, <, 18.0);
  g_assert_cmpint (db_int (db, "SELECT max(n) - min(n) FROM (SELECT count(*) AS n FROM events "
                               "GROUP BY customer_id)"), >, 20);

  /* Termination: at most once, always last, exactly for terminated customers. */
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM (SELECT customer_id FROM events "
                               "WHERE event = 'termination' GROUP BY 1 HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM events t WHERE t.event = 'termination' "
                               "AND EXISTS (SELECT 1 FROM events e WHERE e.customer_id = t.customer_id "
                               "AND e.ts > t.ts)"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers c WHERE (c.status = 'terminated') "
                               "!= EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.customer_id "
                               "AND e.event = 'termination')"), ==, 0);
  /* Calls reach the call centre in its opening hours. */
  create_hours_table (db);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM events e JOIN hours h "
                               "ON h.hour_ms = e.ts - e.ts % 3600000 WHERE e.event = 'call'"),
                   ==, db_int (db, "SELECT count(*) FROM events WHERE event = 'call'"));
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM events e JOIN hours h "
                               "ON h.hour_ms = e.ts - e.ts % 3600000 WHERE e.event = 'call' "
                               "AND (h.hour NOT BETWEEN 8 AND 19 OR strftime ('%w', h.day) = '0' "
                               "OR h.day IN " HOLIDAYS ")"), ==, 0);

  churn = db_double (db, "SELECT avg(status = 'terminated') FROM customers");
  g_assert_cmpfloat (churn, >, 0.06);
  g_assert_cmpfloat (churn, <, 0.15);
  sqlite3_close (db);
}

/* The customers who have the sub-sequence payment_difficulty, reminder,
 * call (not necessarily adjacent), as the earliest match of each step. */
static const char payment_path_sql[] =
  "CREATE TEMP TABLE payment_path AS "
  "WITH pd AS (SELECT customer_id, min(ts) AS t FROM events "
  "            WHERE event = 'payment_difficulty' GROUP BY 1), "
  "r AS (SELECT e.customer_id, min(e.ts) AS t FROM events e JOIN pd USING (customer_id) "
  "      WHERE e.event = 'reminder' AND e.ts > pd.t GROUP BY 1), "
  "c AS (SELECT e.customer_id, min(e.ts) AS t FROM events e JOIN r USING (customer_id) "
  "      WHERE e.event = 'call' AND e.ts > r.t GROUP BY 1) "
  "SELECT customer_id, t FROM c";

static void
test_planted_patterns (void)
{
  sqlite3 *db = db_open (dataset ("a.sqlite", 7));
  double churners, others, after_complaint, after_bill, pro_mail, res_mail, app_bills, web_bills;

  db_exec (db, payment_path_sql);
  churners = db_double (db, "SELECT avg(EXISTS (SELECT 1 FROM payment_path p JOIN events t "
                            "USING (customer_id) WHERE p.customer_id = c.customer_id "
                            "AND t.event = 'termination' AND t.ts > p.t)) "
                            "FROM customers c WHERE status = 'terminated'");
  others = db_double (db, "SELECT avg(customer_id IN (SELECT customer_id FROM payment_path)) "
                          "FROM customers WHERE status = 'active'");
  g_test_message ("payment path: %.3f of churners, %.3f of others", churners, others);
  g_assert_cmpfloat (churners, >, 0.2);
  g_assert_cmpfloat (churners, >, 3.0 * others);

  /* A call to the call centre within five days: after a complaint, and
   * after a bill was viewed as the baseline. */
  after_complaint = db_double (db, "SELECT avg(EXISTS (SELECT 1 FROM events f "
                                   "WHERE f.customer_id = e.customer_id AND f.event = 'call' "
                                   "AND f.channel = 'call_centre' AND f.ts > e.ts "
                                   "AND f.ts <= e.ts + 5 * 86400000)) "
                                   "FROM events e WHERE e.event = 'complaint'");
  after_bill = db_double (db, "SELECT avg(EXISTS (SELECT 1 FROM events f "
                              "WHERE f.customer_id = e.customer_id AND f.event = 'call' "
                              "AND f.channel = 'call_centre' AND f.ts > e.ts "
                              "AND f.ts <= e.ts + 5 * 86400000)) "
                              "FROM events e WHERE e.event = 'bill_viewed'");
  g_test_message ("call within 5 days: %.3f after a complaint, %.3f after a bill viewed",
                  after_complaint, after_bill);
  g_assert_cmpfloat (after_complaint, >, 0.3);
  g_assert_cmpfloat (after_complaint, >, 4.0 * after_bill);

  /* Businesses write e-mails and see their advisor more. */
  pro_mail = db_double (db, "SELECT avg(e.channel IN ('email', 'shop')) FROM events e "
                            "JOIN customers c USING (customer_id) WHERE c.segment = 'professional'");
  res_mail = db_double (db, "SELECT avg(e.channel IN ('email', 'shop')) FROM events e "
                            "JOIN customers c USING (customer_id) WHERE c.segment = 'residential'");
  g_assert_cmpfloat (pro_mail, >, 1.3 * res_mail);

  /* App users view their bills more: bills viewed per bill issued. */
  db_exec (db, "CREATE TEMP TABLE app_users AS SELECT customer_id FROM events "
               "GROUP BY customer_id HAVING avg(channel = 'app') > 0.3");
  app_bills = db_double (db, "SELECT sum(event = 'bill_viewed') * 1.0 / sum(event = 'bill_issued') "
                             "FROM events WHERE customer_id IN (SELECT customer_id FROM app_users)");
  web_bills = db_double (db, "SELECT sum(event = 'bill_viewed') * 1.0 / sum(event = 'bill_issued') "
                             "FROM events WHERE customer_id NOT IN (SELECT customer_id FROM app_users)");
  g_assert_cmpfloat (app_bills, >, 1.2 * web_bills);
  sqlite3_close (db);
}

static void
test_sites (void)
{
  sqlite3 *db = db_open (dataset ("a.sqlite", 7));

  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sites"), ==, N_SITES);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sites s LEFT JOIN customers c "
                               "USING (customer_id) WHERE c.segment IS NULL "
                               "OR c.segment NOT IN ('professional', 'enterprise')"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sites WHERE length(prm) != 14 "
                               "OR prm GLOB '*[^0-9]*'"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(DISTINCT prm) FROM sites"), ==, N_SITES);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sites WHERE usage NOT IN "
                               "('office', 'shop', 'restaurant', 'warehouse', 'school', 'factory')"),
                   ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sites WHERE name = '' OR power_kva < 3"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM (SELECT customer_id FROM sites "
                               "JOIN customers USING (customer_id) WHERE segment = 'professional' "
                               "GROUP BY 1 HAVING count(*) > 3)"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sites s JOIN customers c USING (customer_id) "
                               "WHERE c.status != 'active' OR c.since >= '2024-11-01'"), ==, 0);
  sqlite3_close (db);
}

static void
test_consumption_counts (void)
{
  sqlite3 *db = db_open (dataset ("a.sqlite", 7));
  Period period = period_get ();
  gint64 n_halves = 2 * (gint64) period.n_hours;
  g_autofree char *outside = NULL, *accounted = NULL, *missing = NULL;

  g_assert_cmpint (period.n_hours, ==, N_DAYS * 24);
  outside = g_strdup_printf ("SELECT count(*) FROM consumption WHERE ts %% 1800000 != 0 "
                             "OR ts < %" G_GINT64_FORMAT " OR ts >= %" G_GINT64_FORMAT,
                             period.start_ms, period.end_ms);
  g_assert_cmpint (db_int (db, outside), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM consumption "
                               "WHERE site_id NOT IN (SELECT site_id FROM sites) OR kwh < 0"), ==, 0);

  /* Every half-hour of every site is either a row or part of a gap. */
  db_exec (db, "CREATE TEMP TABLE steps AS SELECT site_id, ts, ts - lag (ts) OVER "
               "(PARTITION BY site_id ORDER BY ts) AS step FROM consumption");
  accounted = g_strdup_printf ("SELECT count(*) FROM (SELECT site_id, count(*) "
                               "+ sum (CASE WHEN step > 1800000 THEN step / 1800000 - 1 ELSE 0 END) "
                               "+ (min (ts) - %" G_GINT64_FORMAT ") / 1800000 "
                               "+ (%" G_GINT64_FORMAT " - max (ts)) / 1800000 AS n "
                               "FROM steps GROUP BY site_id) WHERE n = %" G_GINT64_FORMAT,
                               period.start_ms, period.end_ms - 1800000, n_halves);
  g_assert_cmpint (db_int (db, accounted), ==, N_SITES);
  missing = g_strdup_printf ("SELECT %" G_GINT64_FORMAT " - count(*) FROM consumption",
                             n_halves * N_SITES);
  g_assert_cmpint (db_int (db, missing), >, 0);
  /* Outages last at least two hours, and leave most of the curve. */
  g_assert_cmpint (db_int (db, "SELECT min(step) FROM steps WHERE step > 1800000"), >=, 5 * 1800000);
  g_assert_cmpint (db_int (db, "SELECT min(n) FROM (SELECT count(*) AS n FROM consumption "
                               "GROUP BY site_id)"), >, n_halves * 8 / 10);

  /* Local days have 48 half-hours, the spring day 46 and the autumn day 50. */
  create_hours_table (db);
  db_exec (db, "CREATE TEMP TABLE per_day AS SELECT c.site_id, h.day, count(*) AS n "
               "FROM consumption c JOIN hours h ON h.hour_ms = c.ts - c.ts % 3600000 GROUP BY 1, 2");
  g_assert_cmpint (db_int (db, "SELECT count(DISTINCT day) FROM hours"), ==, N_DAYS);
  g_assert_cmpint (db_int (db, "SELECT max(n) FROM per_day WHERE day NOT IN "
                               "('" SPRING_DAY "', '" AUTUMN_DAY "')"), ==, 48);
  g_assert_cmpint (db_int (db, "SELECT max(n) FROM per_day WHERE day = '" SPRING_DAY "'"), ==, 46);
  g_assert_cmpint (db_int (db, "SELECT max(n) FROM per_day WHERE day = '" AUTUMN_DAY "'"), ==, 50);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM per_day WHERE day = '" SPRING_DAY "' "
                               "AND n = 46"), >=, N_SITES / 2);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM per_day WHERE day = '" AUTUMN_DAY "' "
                               "AND n = 50"), >=, N_SITES / 2);
  sqlite3_close (db);
}

/* Heating: on working days outside July and August (when many sites
 * close) and outside public holidays, sites use more below 5 °C than
 * above 18 °C. */
static void
test_thermosensitivity (void)
{
  sqlite3 *db = db_open (dataset ("a.sqlite", 7));

  db_exec (db, "CREATE TEMP TABLE w AS SELECT region, "
               "unixepoch (date_heure) * 1000 AS hour_ms, substr (date_heure, 1, 10) AS day, "
               "temperature FROM weather");
  db_exec (db, "CREATE INDEX temp.w_hour ON w (region, hour_ms)");
  db_exec (db, "CREATE TEMP TABLE daily AS SELECT c.site_id, w.day, avg (c.kwh) AS kwh, "
               "avg (w.temperature) AS t FROM consumption c JOIN sites s USING (site_id) "
               "JOIN w ON w.region = s.region AND w.hour_ms = c.ts - c.ts % 3600000 "
               "WHERE strftime ('%w', w.day) BETWEEN '1' AND '5' "
               "AND substr (w.day, 6, 2) NOT IN ('07', '08') "
               "AND w.day NOT IN " HOLIDAYS " GROUP BY 1, 2");
  db_exec (db, "CREATE TEMP TABLE contrast AS SELECT site_id, "
               "avg (CASE WHEN t < 5 THEN kwh END) AS cold, avg (CASE WHEN t > 18 THEN kwh END) AS warm "
               "FROM daily GROUP BY site_id "
               "HAVING sum (t < 5) >= 3 AND sum (t > 18) >= 3");
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM contrast"), >=, N_SITES / 2);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM contrast WHERE cold <= 1.05 * warm"), ==, 0);
  sqlite3_close (db);
}

static void
test_weather (void)
{
  sqlite3 *db = db_open (dataset ("a.sqlite", 7));
  Period period = period_get ();
  g_autofree char *bounds = NULL;

  g_assert_cmpint (db_int (db, "SELECT count(DISTINCT region) FROM weather"), ==, 13);
  g_assert_cmpint (db_int (db, "SELECT min(n) FROM (SELECT count(*) AS n FROM weather GROUP BY region)"),
                   ==, period.n_hours);
  g_assert_cmpint (db_int (db, "SELECT max(n) FROM (SELECT count(*) AS n FROM weather GROUP BY region)"),
                   ==, period.n_hours);
  /* One row per UTC hour: the repeated autumn hour differs by its offset. */
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM (SELECT DISTINCT region, unixepoch (date_heure) "
                               "FROM weather WHERE unixepoch (date_heure) % 3600 = 0)"),
                   ==, 13 * period.n_hours);
  bounds = g_strdup_printf ("SELECT min (unixepoch (date_heure)) = %" G_GINT64_FORMAT
                            " AND max (unixepoch (date_heure)) = %" G_GINT64_FORMAT " FROM weather",
                            period.start_ms / 1000, period.end_ms / 1000 - 3600);
  g_assert_cmpint (db_int (db, bounds), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM weather WHERE region = 'Bretagne' "
                               "AND date_heure LIKE '" SPRING_DAY "%'"), ==, 23);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM weather WHERE region = 'Bretagne' "
                               "AND date_heure LIKE '" AUTUMN_DAY "%'"), ==, 25);

  g_assert_cmpint (db_int (db, "SELECT count(*) FROM weather WHERE temperature NOT BETWEEN -30 AND 45 "
                               "OR wind_speed NOT BETWEEN 0 AND 45 "
                               "OR irradiance NOT BETWEEN 0 AND 1100"), ==, 0);
  /* Nights are dark, noons are not. */
  g_assert_cmpint (db_int (db, "SELECT max(irradiance) FROM weather "
                               "WHERE substr (date_heure, 12, 2) IN ('22', '23', '00', '01', '02', '03')"),
                   ==, 0);
  g_assert_cmpfloat (db_double (db, "SELECT avg(irradiance) FROM weather "
                                    "WHERE substr (date_heure, 12, 2) = '13'"), >, 200.0);
  /* Seasons, the Mediterranean and the north-east. */
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM (SELECT region, "
                               "avg (CASE WHEN date_heure LIKE '2025-07%' THEN temperature END) "
                               "- avg (CASE WHEN date_heure LIKE '2025-01%' THEN temperature END) AS d "
                               "FROM weather GROUP BY region) WHERE d < 8"), ==, 0);
  g_assert_cmpfloat (db_double (db, "SELECT avg(temperature) FROM weather "
                                    "WHERE region = 'Provence-Alpes-Côte d''Azur'"),
                     >, 2.0 + db_double (db, "SELECT avg(temperature) FROM weather "
                                             "WHERE region = 'Grand Est'"));
  g_assert_cmpfloat (db_double (db, "SELECT avg(wind_speed) FROM weather WHERE date_heure LIKE '2025-01%'"),
                     >, db_double (db, "SELECT avg(wind_speed) FROM weather WHERE date_heure LIKE '2025-07%'"));
  sqlite3_close (db);
}

static void
test_production (void)
{
  sqlite3 *db = db_open (dataset ("a.sqlite", 7));
  Period period = period_get ();
  g_autofree char *bounds = NULL;

  g_assert_cmpint (db_int (db, "SELECT count(*) FROM production"), ==, 2 * period.n_hours);
  g_assert_cmpint (db_int (db, "SELECT count(DISTINCT unixepoch (date_heure)) FROM production "
                               "WHERE unixepoch (date_heure) % 1800 = 0"), ==, 2 * period.n_hours);
  bounds = g_strdup_printf ("SELECT min (unixepoch (date_heure)) = %" G_GINT64_FORMAT
                            " AND max (unixepoch (date_heure)) = %" G_GINT64_FORMAT " FROM production",
                            period.start_ms / 1000, period.end_ms / 1000 - 1800);
  g_assert_cmpint (db_int (db, bounds), ==, 1);

  g_assert_cmpint (db_int (db, "SELECT count(*) FROM production WHERE consommation < 0 "
                               "OR nucleaire < 0 OR eolien < 0 OR solaire < 0 OR hydraulique < 0 "
                               "OR gaz < 0 OR bioenergies < 0 OR taux_co2 < 0"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM production WHERE consommation "
                               "NOT BETWEEN 30000 AND 110000"), ==, 0);
  /* Consumption is production plus net imports, up to the rounding. */
  g_assert_cmpint (db_int (db, "SELECT max (abs (consommation - nucleaire - eolien - solaire "
                               "- hydraulique - gaz - bioenergies - ech_physiques)) FROM production"),
                   <=, 4);
  /* Solar follows the irradiance of the same hour. */
  db_exec (db, "CREATE TEMP TABLE sun AS SELECT date_heure, sum (irradiance) AS irradiance "
               "FROM weather GROUP BY date_heure");
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM production JOIN sun USING (date_heure)"),
                   ==, period.n_hours);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM production JOIN sun USING (date_heure) "
                               "WHERE solaire > 0 AND irradiance = 0"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM production JOIN sun USING (date_heure) "
                               "WHERE solaire = 0 AND irradiance > 2000"), ==, 0);
  g_assert_cmpint (db_int (db, "SELECT max(solaire) FROM production"), >, 5000);
  /* Heating: January needs much more than July. */
  g_assert_cmpfloat (db_double (db, "SELECT avg(consommation) FROM production "
                                    "WHERE date_heure LIKE '2025-01%'"),
                     >, 15000.0 + db_double (db, "SELECT avg(consommation) FROM production "
                                                 "WHERE date_heure LIKE '2025-07%'"));
  sqlite3_close (db);
}

typedef struct
{
  guint         n_calls;
  double        last;
  gboolean      monotonic;
  gboolean      stages;
  GCancellable *cancel_at_third;
} ProgressLog;

static void
progress_cb (double      fraction,
             const char *stage,
             gpointer    user_data)
{
  ProgressLog *log = user_data;

  if (fraction < log->last || fraction < 0.0 || fraction > 1.0)
    log->monotonic = FALSE;
  if (stage == NULL || *stage == '\0')
    log->stages = FALSE;
  log->last = fraction;
  if (++log->n_calls == 3 && log->cancel_at_third != NULL)
    g_cancellable_cancel (log->cancel_at_third);
}

static void
test_progress (void)
{
  g_autofree char *dir = make_dir ("progress");
  g_autofree char *path = g_build_filename (dir, "out.sqlite", NULL);
  ProgressLog log = { 0, 0.0, TRUE, TRUE, NULL };
  CourantDemoOptions options;
  g_autoptr(GError) error = NULL;

  options_small (&options, 3);
  options.n_customers = 500;
  options.n_sites = 3;
  g_assert_true (courant_demo_generate (path, &options, progress_cb, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.n_calls, >=, 10);
  g_assert_cmpuint (log.n_calls, <=, 200);
  g_assert_true (log.monotonic);
  g_assert_true (log.stages);
  g_assert_cmpfloat (log.last, ==, 1.0);
  /* Only the target remains, no temporary file. */
  g_assert_cmpuint (dir_count (dir), ==, 1);
}

static void
test_cancel (void)
{
  g_autofree char *dir = make_dir ("cancel");
  g_autofree char *path = g_build_filename (dir, "out.sqlite", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProgressLog log = { 0, 0.0, TRUE, TRUE, cancellable };
  CourantDemoOptions options;
  g_autoptr(GError) error = NULL;

  options_small (&options, 3);
  g_assert_false (courant_demo_generate (path, &options, progress_cb, &log, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (log.n_calls, <, 10);
  g_assert_cmpuint (dir_count (dir), ==, 0);

  /* Already cancelled: nothing is even started. */
  g_clear_error (&error);
  g_assert_false (courant_demo_generate (path, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (dir_count (dir), ==, 0);
}

static void
test_unwritable (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-folder", "out.sqlite", NULL);
  g_autofree char *file = g_build_filename (tmp_dir, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "out.sqlite", NULL);
  CourantDemoOptions options;
  g_autoptr(GError) error = NULL;

  options_small (&options, 3);
  g_assert_false (courant_demo_generate (missing, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "out.sqlite"));

  g_clear_error (&error);
  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  g_assert_false (courant_demo_generate (under_file, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND);
}

static void
test_permission (void)
{
  g_autofree char *dir = make_dir ("read-only");
  g_autofree char *path = g_build_filename (dir, "out.sqlite", NULL);
  CourantDemoOptions options;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("Permissions do not apply to root");
      return;
    }
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  options_small (&options, 3);
  g_assert_false (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_PERMISSION);
  g_assert_cmpuint (dir_count (dir), ==, 0);
  g_chmod (dir, 0755);
}

static void
test_invalid_options (void)
{
  g_autofree char *dir = make_dir ("invalid");
  g_autofree char *path = g_build_filename (dir, "out.sqlite", NULL);
  const char *bad_dates[] = { "2025-02-29", "2025-1-01", "yesterday", "2025-01-01x", NULL };
  CourantDemoOptions options;

  for (guint i = 0; bad_dates[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      options_small (&options, 3);
      options.start_date = bad_dates[i];
      g_assert_false (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
      g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;

    options_small (&options, 3);
    options.n_days = 0;
    g_assert_false (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
    g_assert_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID);
  }
  g_assert_cmpuint (dir_count (dir), ==, 0);
}

/* Customer 1 owns sites even when there are many more possible owners
 * than sites (the schema promises it, and the examples rely on it). */
static void
test_customer_one_owns_sites (void)
{
  g_autofree char *dir = make_dir ("owner");
  g_autofree char *path = g_build_filename (dir, "out.sqlite", NULL);
  CourantDemoOptions options;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  courant_demo_options_init (&options);
  options.n_customers = 300;
  options.n_sites = 3;
  options.n_days = 2;
  g_assert_true (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  db = db_open (path);
  g_assert_cmpint (db_int (db, "SELECT count(DISTINCT customer_id) FROM sites "
                               "JOIN customers USING (customer_id) "
                               "WHERE segment != 'residential'"), >=, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sites WHERE customer_id = 1"), >=, 2);
  sqlite3_close (db);
}

/* A tiny dataset replaces an existing file; its only customer owns the
 * sites even though most customers are residential. */
static void
test_replace_tiny (void)
{
  g_autofree char *dir = make_dir ("replace");
  g_autofree char *path = g_build_filename (dir, "out.sqlite", NULL);
  CourantDemoOptions options;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (path, "not a database", -1, NULL));
  courant_demo_options_init (&options);
  options.n_customers = 1;
  options.n_sites = 2;
  options.n_days = 2;
  options.start_date = "2025-03-29";
  g_assert_true (courant_demo_generate (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dir_count (dir), ==, 1);

  db = db_open (path);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM sites WHERE customer_id = 1"), ==, 2);
  /* 29 March (48 half-hours) and the spring day (46), over two sites. */
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM production"), ==, 94);
  g_assert_cmpint (db_int (db, "SELECT count(*) FROM consumption"), <=, 2 * 94);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("test-demo-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/demo/defaults", test_defaults);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/metadata", test_metadata);
  g_test_add_func ("/demo/customers", test_customers);
  g_test_add_func ("/demo/events", test_events);
  g_test_add_func ("/demo/planted-patterns", test_planted_patterns);
  g_test_add_func ("/demo/sites", test_sites);
  g_test_add_func ("/demo/consumption-counts", test_consumption_counts);
  g_test_add_func ("/demo/thermosensitivity", test_thermosensitivity);
  g_test_add_func ("/demo/weather", test_weather);
  g_test_add_func ("/demo/production", test_production);
  g_test_add_func ("/demo/progress", test_progress);
  g_test_add_func ("/demo/cancel", test_cancel);
  g_test_add_func ("/demo/unwritable", test_unwritable);
  g_test_add_func ("/demo/permission", test_permission);
  g_test_add_func ("/demo/invalid-options", test_invalid_options);
  g_test_add_func ("/demo/customer-one-owns-sites", test_customer_one_owns_sites);
  g_test_add_func ("/demo/replace-tiny", test_replace_tiny);
  status = g_test_run ();

  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
