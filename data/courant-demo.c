/* courant-demo.c: the deterministic demo dataset
 *
 * Writes the SQLite database documented in data/SCHEMA.md: customers and
 * their journeys across channels, the sites of business customers with a
 * half-hourly load curve, hourly weather per region and the national
 * production mix every 30 minutes. Every value derives from the options
 * through a private PRNG, so the same options give the same file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "courant-demo.h"
#include "courant-error.h"

#define SCHEMA_VERSION      1
#define HALF_HOUR_MS        G_GINT64_CONSTANT (1800000)
#define HOUR_MS             G_GINT64_CONSTANT (3600000)
#define DAY_MS              G_GINT64_CONSTANT (86400000)
#define MAX_DAYS            3660 /* ten years keep the weather arrays small */
#define MAX_SINCE_DAYS      12000
#define BATCH_ROWS          64
#define MAX_COLUMNS         10
#define ARENA_SIZE          (BATCH_ROWS * 256)
#define PROGRESS_STEPS      128
#define EVENTS_PER_CUSTOMER 21.0 /* progress units for one customer row and its events */

/* ------------------------------------------------------------------------ */
/* Pseudo-random numbers: xoshiro256** seeded by splitmix64                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  guint64 s[4];
} Rng;

/* Every component, customer and site draws from its own stream, so that
 * customer 42 is the same whatever the number of customers, and the weather
 * does not change when sites are added. */
typedef enum
{
  STREAM_WEATHER = 1,
  STREAM_GRID,
  STREAM_CUSTOMER,
  STREAM_OWNERS,
  STREAM_SITE,
  STREAM_CURVE,
} Stream;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed,
          Stream   stream,
          guint64  index)
{
  guint64 state = seed;

  state = splitmix64 (&state) ^ (guint64) stream;
  state = splitmix64 (&state) ^ index;
  for (guint i = 0; i < G_N_ELEMENTS (rng->s); i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl64 (guint64 x,
        int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl64 (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64 (s[3], 45);
  return result;
}

/* In [0, 1). */
static inline double
rng_uniform (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * 0x1.0p-53;
}

static inline double
rng_range (Rng    *rng,
           double  low,
           double  high)
{
  return low + (high - low) * rng_uniform (rng);
}

/* In [0, n). */
static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (((rng_next (rng) >> 32) * n) >> 32);
}

static double
rng_normal (Rng *rng)
{
  double u1 = 1.0 - rng_uniform (rng);
  double u2 = rng_uniform (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* A cheap bell-shaped variate (mean 0, variance 1, within ±3.5) for the
 * noise of millions of meter readings, where log() and cos() would show. */
static inline double
rng_noise (Rng *rng)
{
  guint64 x = rng_next (rng);
  double sum = (double) (x & 0xffff) + (double) ((x >> 16) & 0xffff)
               + (double) ((x >> 32) & 0xffff) + (double) (x >> 48);

  return (sum / 65536.0 - 2.0) * 1.7320508075688772;
}

static double
rng_exponential (Rng    *rng,
                 double  mean)
{
  return -mean * log (1.0 - rng_uniform (rng));
}

static guint
rng_poisson (Rng    *rng,
             double  mean)
{
  double limit = exp (-mean);
  double product = rng_uniform (rng);
  guint n = 0;

  while (product > limit)
    {
      product *= rng_uniform (rng);
      n++;
    }
  return n;
}

static guint
rng_pick (Rng          *rng,
          const double *weights,
          guint         n)
{
  double total = 0.0;
  double x;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  x = rng_uniform (rng) * total;
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

/* A first-order autoregressive process with unit variance: the weather
 * systems, river flows and noise that must last hours or days. */
typedef struct
{
  double value;
  double rho;
  double innovation;
} Ar1;

static void
ar1_init (Ar1    *process,
          Rng    *rng,
          double  time_constant)
{
  process->rho = exp (-1.0 / time_constant);
  process->innovation = sqrt (1.0 - process->rho * process->rho);
  process->value = rng_normal (rng);
}

static inline double
ar1_step (Ar1 *process,
          Rng *rng)
{
  process->value = process->rho * process->value + process->innovation * rng_normal (rng);
  return process->value;
}

static inline double
ar1_step_noise (Ar1 *process,
                Rng *rng)
{
  process->value = process->rho * process->value + process->innovation * rng_noise (rng);
  return process->value;
}

/* ------------------------------------------------------------------------ */
/* Regions                                                                   */
/* ------------------------------------------------------------------------ */

/* The 13 metropolitan regions. Populations are rounded INSEE figures;
 * climate figures are rough normals; capacities are rounded 2024–2025
 * orders of magnitude (wind includes the offshore farms). */
typedef struct
{
  const char *name;
  double      population;    /* millions */
  double      latitude;
  double      longitude;
  double      mean_temp;     /* °C, annual mean */
  double      seasonal_amp;  /* °C, half the July–January difference */
  double      diurnal_amp;   /* °C, half the clear-sky day–night difference */
  double      mean_wind;     /* m/s at 10 m */
  double      cloudiness;    /* bias of the cloud process; > 0 is cloudier */
  double      storm_exposure;
  double      wind_gw;       /* installed wind power */
  double      solar_gw;      /* installed solar power */
  const char *cities[4];
} Region;

static const Region regions[] = {
  { "Auvergne-Rhône-Alpes", 8.1, 45.6, 4.8, 11.8, 8.8, 5.0, 3.3, 0.0, 0.4, 0.7, 2.2,
    { "Lyon 3e", "Grenoble", "Clermont-Ferrand", "Saint-Étienne" } },
  { "Bourgogne-Franche-Comté", 2.8, 47.2, 5.0, 10.9, 8.6, 5.0, 3.6, 0.1, 0.5, 1.0, 0.7,
    { "Dijon", "Besançon", "Auxerre", "Belfort" } },
  { "Bretagne", 3.4, 48.1, -2.8, 12.0, 5.4, 3.5, 5.4, 0.35, 1.4, 1.3, 0.5,
    { "Rennes", "Brest", "Quimper", "Vannes" } },
  { "Centre-Val de Loire", 2.6, 47.5, 1.7, 11.8, 7.6, 4.8, 4.3, 0.1, 0.8, 1.6, 0.7,
    { "Orléans", "Tours", "Bourges", "Chartres" } },
  { "Corse", 0.35, 42.1, 9.0, 15.6, 7.2, 4.0, 4.6, -0.45, 0.8, 0.02, 0.25,
    { "Ajaccio", "Bastia", "Porto-Vecchio", "Corte" } },
  { "Grand Est", 5.6, 48.7, 6.2, 10.6, 9.0, 4.8, 4.0, 0.2, 0.7, 4.6, 1.3,
    { "Strasbourg", "Reims", "Metz", "Nancy" } },
  { "Hauts-de-France", 6.0, 50.2, 2.8, 11.1, 7.0, 4.2, 5.4, 0.3, 1.1, 6.2, 0.6,
    { "Lille", "Amiens", "Dunkerque", "Roubaix" } },
  { "Île-de-France", 12.3, 48.85, 2.35, 12.6, 7.9, 4.6, 3.9, 0.15, 0.8, 0.1, 0.4,
    { "Paris 11e", "Paris 15e", "Boulogne-Billancourt", "Saint-Denis" } },
  { "Normandie", 3.3, 49.2, 0.4, 11.4, 6.4, 3.9, 5.2, 0.3, 1.3, 1.5, 0.4,
    { "Rouen", "Caen", "Le Havre", "Cherbourg" } },
  { "Nouvelle-Aquitaine", 6.0, 45.2, 0.0, 13.2, 7.4, 5.0, 3.9, -0.05, 0.8, 1.8, 4.6,
    { "Bordeaux", "Limoges", "Poitiers", "La Rochelle" } },
  { "Occitanie", 6.0, 43.7, 2.2, 14.0, 8.0, 5.2, 4.9, -0.25, 0.7, 1.9, 3.8,
    { "Toulouse", "Montpellier", "Nîmes", "Perpignan" } },
  { "Pays de la Loire", 3.9, 47.4, -0.8, 12.4, 6.6, 4.3, 4.8, 0.2, 1.2, 1.6, 1.2,
    { "Nantes", "Angers", "Le Mans", "Saint-Nazaire" } },
  { "Provence-Alpes-Côte d'Azur", 5.1, 43.6, 5.9, 15.0, 8.4, 5.2, 4.1, -0.45, 0.5, 0.1, 2.6,
    { "Marseille 8e", "Nice", "Toulon", "Avignon" } },
};

#define N_REGIONS G_N_ELEMENTS (regions)

static guint
region_draw (Rng *rng)
{
  double weights[N_REGIONS];

  for (guint r = 0; r < N_REGIONS; r++)
    weights[r] = regions[r].population;
  return rng_pick (rng, weights, N_REGIONS);
}

/* ------------------------------------------------------------------------ */
/* Calendar: the local days and half-hours of the period                    */
/* ------------------------------------------------------------------------ */

typedef struct
{
  gint64  start_ms;         /* local midnight, Unix ms UTC */
  gint32  offset;           /* UTC offset at local midnight, seconds */
  guint16 year;
  guint8  month;
  guint8  mday;
  guint8  weekday;          /* 1 = Monday … 7 = Sunday */
  guint8  holiday : 1;      /* French public holiday */
  guint8  school_break : 1; /* school holidays, one calendar for all zones */
} Day;

typedef struct
{
  GTimeZone *tz;
  GDate      first;
  guint      n_days;
  Day       *days;      /* n_days + 1: the last one only bounds the period */
  guint      n_halves;  /* half-hours in the period */
  guint      n_hours;
  char     (*iso)[26];  /* date_heure of each half-hour */
  guint32   *half_day;  /* local day of each half-hour */
  guint8    *half_slot; /* local wall-clock slot of each half-hour, 0..47 */
} Calendar;

static void
easter_sunday (guint     year,
               GDateDay *day,
               GDateMonth *month)
{
  guint a = year % 19, b = year / 100, c = year % 100;
  guint d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  guint h = (19 * a + b - d - g + 15) % 30;
  guint i = c / 4, k = c % 4;
  guint l = (32 + 2 * e + 2 * i - h - k) % 7;
  guint m = (a + 11 * h + 22 * l) / 451;

  *month = (h + l - 7 * m + 114) / 31;
  *day = (h + l - 7 * m + 114) % 31 + 1;
}

static gboolean
is_public_holiday (const GDate *date)
{
  static const guint8 fixed[][2] = {
    { 1, 1 }, { 5, 1 }, { 5, 8 }, { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 },
  };
  /* Easter Monday, Ascension Thursday and Whit Monday. */
  static const guint8 after_easter[] = { 1, 39, 50 };
  GDateMonth month = g_date_get_month (date);
  GDateDay mday = g_date_get_day (date);
  GDate easter;
  GDateMonth easter_month;
  GDateDay easter_day;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (fixed[i][0] == month && fixed[i][1] == mday)
      return TRUE;

  easter_sunday (g_date_get_year (date), &easter_day, &easter_month);
  g_date_clear (&easter, 1);
  g_date_set_dmy (&easter, easter_day, easter_month, g_date_get_year (date));
  for (guint i = 0; i < G_N_ELEMENTS (after_easter); i++)
    if (g_date_get_julian (date) == g_date_get_julian (&easter) + after_easter[i])
      return TRUE;
  return FALSE;
}

/* An approximation of the French school holidays: the zones differ by a
 * week or two in winter and spring; one calendar is enough for schools
 * to be visibly closed. */
static gboolean
is_school_break (const GDate *date)
{
  static const guint16 breaks[][2] = {
    { 215, 302 },   /* winter: 15 February – 2 March */
    { 412, 427 },   /* spring */
    { 705, 831 },   /* summer */
    { 1019, 1103 }, /* All Saints' */
    { 1220, 1231 }, /* Christmas… */
    { 101, 104 },   /* …and New Year */
  };
  guint md = g_date_get_month (date) * 100 + g_date_get_day (date);

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    if (md >= breaks[i][0] && md <= breaks[i][1])
      return TRUE;
  return FALSE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, mday;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &mday, &tail) != 3)
    return FALSE;
  if (strlen (text) != 10 || year < 1971 || year > 2200)
    return FALSE;
  if (!g_date_valid_dmy (mday, month, year))
    return FALSE;
  g_date_set_dmy (date, mday, month, year);
  return TRUE;
}

static void
calendar_fill_day (Calendar *cal,
                   guint     d)
{
  Day *day = &cal->days[d];
  GDate date = cal->first;
  g_autoptr(GDateTime) midnight = NULL;

  g_date_add_days (&date, d);
  midnight = g_date_time_new (cal->tz, g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  day->start_ms = g_date_time_to_unix (midnight) * 1000;
  day->offset = g_date_time_get_utc_offset (midnight) / G_TIME_SPAN_SECOND;
  day->year = g_date_get_year (&date);
  day->month = g_date_get_month (&date);
  day->mday = g_date_get_day (&date);
  day->weekday = g_date_get_weekday (&date);
  day->holiday = is_public_holiday (&date);
  day->school_break = is_school_break (&date);
}

static void
calendar_fill_half (Calendar *cal,
                    guint     j,
                    guint     d)
{
  gint64 ts = cal->days[0].start_ms + j * HALF_HOUR_MS;
  gint interval = g_time_zone_find_interval (cal->tz, G_TIME_TYPE_UNIVERSAL, ts / 1000);
  gint32 offset = g_time_zone_get_offset (cal->tz, interval);
  gint64 wall = ts / 1000 + offset;
  guint slot = (guint) ((wall % 86400 + 86400) % 86400 / 1800);
  const Day *day = &cal->days[d];

  cal->half_day[j] = d;
  cal->half_slot[j] = slot;
  g_snprintf (cal->iso[j], sizeof cal->iso[j], "%04u-%02u-%02uT%02u:%02u:00%c%02d:%02d",
              day->year, day->month, day->mday, slot / 2, slot % 2 * 30,
              offset < 0 ? '-' : '+', ABS (offset) / 3600, ABS (offset) % 3600 / 60);
}

static gboolean
calendar_init (Calendar                 *cal,
               const CourantDemoOptions *options,
               GError                  **error)
{
  guint d = 0;

  if (!parse_date (options->start_date, &cal->first))
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("The start date “%s” is not a valid date in the form YYYY-MM-DD."),
                   options->start_date ? options->start_date : "");
      return FALSE;
    }
  cal->tz = g_time_zone_new_identifier ("Europe/Paris");
  if (cal->tz == NULL)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_UNSUPPORTED,
                   _("The time zone database has no Europe/Paris zone."));
      return FALSE;
    }

  cal->n_days = options->n_days;
  cal->days = g_new0 (Day, cal->n_days + 1);
  for (guint i = 0; i <= cal->n_days; i++)
    calendar_fill_day (cal, i);

  cal->n_halves = (cal->days[cal->n_days].start_ms - cal->days[0].start_ms) / HALF_HOUR_MS;
  cal->n_hours = cal->n_halves / 2;
  cal->iso = g_malloc_n (cal->n_halves, sizeof *cal->iso);
  cal->half_day = g_new (guint32, cal->n_halves);
  cal->half_slot = g_new (guint8, cal->n_halves);
  for (guint j = 0; j < cal->n_halves; j++)
    {
      while (cal->days[0].start_ms + j * HALF_HOUR_MS >= cal->days[d + 1].start_ms)
        d++;
      calendar_fill_half (cal, j, d);
    }
  return TRUE;
}

static void
calendar_clear (Calendar *cal)
{
  g_clear_pointer (&cal->tz, g_time_zone_unref);
  g_clear_pointer (&cal->days, g_free);
  g_clear_pointer (&cal->iso, g_free);
  g_clear_pointer (&cal->half_day, g_free);
  g_clear_pointer (&cal->half_slot, g_free);
}

static inline gint64
calendar_half_ms (const Calendar *cal,
                  guint           j)
{
  return cal->days[0].start_ms + j * HALF_HOUR_MS;
}

/* The local day holding @ts, or n_days past the end of the period. */
static guint
calendar_day_of (const Calendar *cal,
                 gint64          ts)
{
  guint low = 0, high = cal->n_days;

  if (ts >= cal->days[cal->n_days].start_ms)
    return cal->n_days;
  while (high - low > 1)
    {
      guint mid = (low + high) / 2;

      if (cal->days[mid].start_ms <= ts)
        low = mid;
      else
        high = mid;
    }
  return low;
}

/* The instant of a local wall-clock time. On the two days when the clocks
 * change (at 02:00 or 03:00), wall-clock times from 03:00 on are one hour
 * nearer to or further from midnight. */
static gint64
calendar_local_ms (const Calendar *cal,
                   guint           d,
                   guint           minutes)
{
  gint64 ms = cal->days[d].start_ms + (gint64) minutes * 60000;

  if (minutes >= 180)
    ms -= (gint64) (cal->days[d + 1].offset - cal->days[d].offset) * 1000;
  return ms;
}

/* The season: +1 in mid-January (the coldest weeks), -1 in mid-July. */
static inline double
season_of (gint64 ts)
{
  double days = (double) ts / (double) DAY_MS;

  return cos (2.0 * G_PI * (days - 17.0) / 365.2425);
}

/* ------------------------------------------------------------------------ */
/* Weather: hourly per region                                                */
/* ------------------------------------------------------------------------ */

typedef struct
{
  guint  n_hours;
  double *temperature; /* [region * n_hours + hour], °C */
  double *wind_speed;  /* m/s */
  double *irradiance;  /* W/m² */
} Weather;

/* One storm at a time crosses the country, strongest in the west. */
typedef struct
{
  guint  start;
  guint  length;
  double peak;
} Storm;

typedef struct
{
  Rng   rng;
  Ar1   synoptic;     /* national temperature anomaly, a few days */
  Ar1   clouds;
  Ar1   wind;
  Ar1   local_temp[N_REGIONS];
  Ar1   local_clouds[N_REGIONS];
  Ar1   local_wind[N_REGIONS];
  Storm storm;
} Sky;

static double
clear_sky_irradiance (const Region *region,
                      gint64        ts)
{
  double days = (double) ts / (double) DAY_MS;
  double declination = -23.44 * G_PI / 180.0 * cos (2.0 * G_PI * (days + 10.0) / 365.2425);
  double solar_hours = fmod (days, 1.0) * 24.0 + region->longitude / 15.0;
  double hour_angle = (solar_hours - 12.0) * 15.0 * G_PI / 180.0;
  double latitude = region->latitude * G_PI / 180.0;
  double elevation = sin (latitude) * sin (declination)
                     + cos (latitude) * cos (declination) * cos (hour_angle);

  if (elevation <= 0.01)
    return 0.0;
  return 1098.0 * elevation * exp (-0.057 / elevation);
}

static double
storm_strength (const Storm *storm,
                guint        hour)
{
  if (storm->length == 0 || hour < storm->start || hour >= storm->start + storm->length)
    return 0.0;
  return storm->peak * sin (G_PI * (hour - storm->start + 0.5) / storm->length);
}

/* Storms are about five times as frequent in winter as in summer. */
static void
sky_step (Sky    *sky,
          guint   hour,
          double  season)
{
  ar1_step (&sky->synoptic, &sky->rng);
  ar1_step (&sky->clouds, &sky->rng);
  ar1_step (&sky->wind, &sky->rng);
  for (guint r = 0; r < N_REGIONS; r++)
    {
      ar1_step (&sky->local_temp[r], &sky->rng);
      ar1_step (&sky->local_clouds[r], &sky->rng);
      ar1_step (&sky->local_wind[r], &sky->rng);
    }
  if (hour >= sky->storm.start + sky->storm.length
      && rng_uniform (&sky->rng) < 0.0012 + 0.001 * season)
    {
      sky->storm.start = hour;
      sky->storm.length = 18 + rng_below (&sky->rng, 31);
      sky->storm.peak = rng_range (&sky->rng, 4.0, 10.0);
    }
}

static void
sky_region (const Sky    *sky,
            guint         r,
            gint64        ts,
            double        season,
            double        storm,
            double       *temperature,
            double       *wind_speed,
            double       *irradiance)
{
  const Region *region = &regions[r];
  double solar_hours = fmod ((double) ts / (double) HOUR_MS + region->longitude / 15.0, 24.0);
  double daylight = MAX (0.0, sin (G_PI * (solar_hours - 6.0) / 12.0));
  double clouds, temp, wind, ghi;

  clouds = 1.0 / (1.0 + exp (-(region->cloudiness + 0.5 * season + 1.2 * sky->clouds.value
                                + 0.8 * sky->local_clouds[r].value + 0.25 * storm)));
  temp = region->mean_temp - region->seasonal_amp * season
         + (2.3 + 0.4 * season) * region->seasonal_amp / 8.0 * sky->synoptic.value
         + sky->local_temp[r].value
         + region->diurnal_amp * (1.2 - 0.9 * clouds) * (1.0 - 0.3 * season)
           * cos (2.0 * G_PI * (solar_hours - 15.0) / 24.0)
         /* Clear winter spells are anticyclonic, hence colder. */
         - 1.0 * MAX (season, 0.0) * (1.0 - clouds);
  wind = region->mean_wind * (1.0 + 0.22 * season)
         * exp (0.32 * sky->wind.value + 0.22 * sky->local_wind[r].value - 0.076)
         * (1.0 + 0.15 * daylight)
         + storm * region->storm_exposure;
  ghi = clear_sky_irradiance (region, ts) * (1.0 - 0.85 * pow (clouds, 2.2));

  /* Published observations have these resolutions; rounding also keeps the
   * file identical across C libraries that differ in the last bit. */
  *temperature = round (temp * 10.0) / 10.0;
  *wind_speed = round (wind * 10.0) / 10.0;
  *irradiance = round (ghi);
}

static void
weather_generate (Weather        *weather,
                  const Calendar *cal,
                  guint64         seed)
{
  Sky sky = { 0 };

  weather->n_hours = cal->n_hours;
  weather->temperature = g_new (double, N_REGIONS * cal->n_hours);
  weather->wind_speed = g_new (double, N_REGIONS * cal->n_hours);
  weather->irradiance = g_new (double, N_REGIONS * cal->n_hours);

  rng_init (&sky.rng, seed, STREAM_WEATHER, 0);
  ar1_init (&sky.synoptic, &sky.rng, 60.0);
  ar1_init (&sky.clouds, &sky.rng, 30.0);
  ar1_init (&sky.wind, &sky.rng, 24.0);
  for (guint r = 0; r < N_REGIONS; r++)
    {
      ar1_init (&sky.local_temp[r], &sky.rng, 24.0);
      ar1_init (&sky.local_clouds[r], &sky.rng, 12.0);
      ar1_init (&sky.local_wind[r], &sky.rng, 12.0);
    }

  for (guint k = 0; k < cal->n_hours; k++)
    {
      /* Hourly values describe the middle of the hour. */
      gint64 ts = calendar_half_ms (cal, 2 * k) + HALF_HOUR_MS;
      double season = season_of (ts);
      double storm;

      sky_step (&sky, k, season);
      storm = storm_strength (&sky.storm, k);
      for (guint r = 0; r < N_REGIONS; r++)
        {
          gsize i = (gsize) r * cal->n_hours + k;

          sky_region (&sky, r, ts, season, storm, &weather->temperature[i],
                      &weather->wind_speed[i], &weather->irradiance[i]);
        }
    }
}

static void
weather_clear (Weather *weather)
{
  g_clear_pointer (&weather->temperature, g_free);
  g_clear_pointer (&weather->wind_speed, g_free);
  g_clear_pointer (&weather->irradiance, g_free);
}

/* A half-hourly value of an hourly series: the hour's value for the first
 * half, the mean of two hours for the second. */
static inline double
weather_at (const Weather *weather,
            const double  *series,
            guint          r,
            guint          j)
{
  const double *row = series + (gsize) r * weather->n_hours;
  guint k = j / 2;

  if (j % 2 == 0 || k + 1 >= weather->n_hours)
    return row[k];
  return 0.5 * (row[k] + row[k + 1]);
}

/* ------------------------------------------------------------------------ */
/* National production and consumption every 30 minutes                     */
/* ------------------------------------------------------------------------ */

typedef struct
{
  double consommation, nucleaire, eolien, solaire, hydraulique, gaz, bioenergies;
  double ech_physiques, taux_co2;
} Mix;

typedef struct
{
  Rng    rng;
  Ar1    demand_noise;
  Ar1    nuclear_outages;
  Ar1    river_flow;
  Ar1    biomass;
  double smooth_temp;
  double population;
} Grid;

/* The national load of a working day without heating, GW, by local hour:
 * the 23:00 bump is the water heaters of off-peak contracts. */
static const double load_shape[24] = {
  46.0, 44.0, 42.5, 41.8, 41.6, 42.0, 44.0, 47.5, 50.0, 51.0, 51.5, 52.0,
  51.5, 50.5, 50.0, 49.5, 49.5, 50.0, 51.0, 51.5, 50.5, 49.5, 49.0, 49.0,
};

/* Heating follows the occupants: higher in the morning and the evening. */
static const double heating_shape[24] = {
  0.92, 0.90, 0.89, 0.89, 0.90, 0.94, 1.02, 1.10, 1.10, 1.06, 1.02, 0.99,
  0.97, 0.96, 0.96, 0.97, 1.00, 1.04, 1.07, 1.07, 1.05, 1.01, 0.98, 0.95,
};

static inline double
hourly_interpolate (const double table[24],
                    double       hours)
{
  guint i = (guint) hours % 24;
  double f = hours - floor (hours);

  return (1.0 - f) * table[i] + f * table[(i + 1) % 24];
}

static inline double
bump (double x,
      double centre,
      double width)
{
  double z = (x - centre) / width;

  return exp (-0.5 * z * z);
}

/* Hub-height wind to the fraction of capacity, a simplified power curve. */
static double
wind_power_curve (double speed)
{
  double x;

  if (speed < 3.0 || speed > 25.0)
    return 0.0;
  if (speed >= 12.5)
    return 1.0;
  x = (speed - 3.0) / 9.5;
  return x * x * (3.0 - 2.0 * x);
}

static double
grid_consumption (Grid           *grid,
                  const Calendar *cal,
                  guint           j,
                  double          season)
{
  const Day *day = &cal->days[cal->half_day[j]];
  double hours = cal->half_slot[j] / 2.0 + 0.25;
  double daytime = bump (hours, 14.0, 4.5);
  double factor = 1.0, load;

  if (day->holiday || day->weekday == G_DATE_SUNDAY)
    factor = 0.94 - 0.10 * daytime;
  else if (day->weekday == G_DATE_SATURDAY)
    factor = 0.97 - 0.07 * daytime;
  if (day->month == 8 && day->mday <= 25)
    factor *= 0.94;
  else if ((day->month == 12 && day->mday >= 24) || (day->month == 1 && day->mday == 1))
    factor *= 0.95;

  load = 1000.0 * hourly_interpolate (load_shape, hours) * factor
         /* RTE's rule of thumb: about 2,400 MW per degree below 15 °C. */
         + 2400.0 * MAX (0.0, 15.0 - grid->smooth_temp) * hourly_interpolate (heating_shape, hours)
         + 450.0 * MAX (0.0, grid->smooth_temp - 22.0) * daytime
         /* Lighting makes the winter peak at 19:00. */
         + 2500.0 * MAX (0.0, season) * bump (hours, 19.0, 1.5)
         + 700.0 * ar1_step (&grid->demand_noise, &grid->rng);
  return MAX (load, 20000.0);
}

static void
grid_step (Grid           *grid,
           const Calendar *cal,
           const Weather  *weather,
           guint           j,
           Mix            *mix)
{
  gint64 ts = calendar_half_ms (cal, j) + HALF_HOUR_MS / 2;
  double season = season_of (ts);
  double days = (double) ts / (double) DAY_MS;
  double hours = cal->half_slot[j] / 2.0 + 0.25;
  double national_temp = 0.0, wind = 0.0, solar = 0.0;
  double available, river, must_run_gas, residual, lakes, lake_capacity, produced;

  for (guint r = 0; r < N_REGIONS; r++)
    {
      national_temp += regions[r].population * weather_at (weather, weather->temperature, r, j);
      wind += regions[r].wind_gw * 930.0
              * wind_power_curve (1.25 * weather_at (weather, weather->wind_speed, r, j));
      solar += regions[r].solar_gw * 0.85 * weather_at (weather, weather->irradiance, r, j);
    }
  national_temp /= grid->population;
  /* Buildings answer the temperature of the last half-day, not of the hour. */
  grid->smooth_temp += (national_temp - grid->smooth_temp) * (1.0 - exp (-0.5 / 12.0));

  mix->consommation = grid_consumption (grid, cal, j, season);
  mix->eolien = wind;
  mix->solaire = solar;
  mix->bioenergies = 1050.0 + 150.0 * season + 60.0 * ar1_step (&grid->biomass, &grid->rng);

  /* Reactors are refuelled in summer; the fleet follows the load when
   * exports are saturated. */
  available = 47500.0 + 8500.0 * cos (2.0 * G_PI * (days - 20.0) / 365.2425)
              + 2200.0 * ar1_step (&grid->nuclear_outages, &grid->rng);
  available = MIN (available, 61000.0);
  river = 5200.0 + 2200.0 * cos (2.0 * G_PI * (days - 135.0) / 365.2425)
          + 600.0 * ar1_step (&grid->river_flow, &grid->rng);
  must_run_gas = 1300.0 + 1700.0 * MAX (season, 0.0);
  mix->nucleaire = CLAMP (mix->consommation + 16000.0
                          - (wind + solar + river + mix->bioenergies + must_run_gas),
                          0.6 * available, available);

  /* Lakes and gas follow what is left, peaking with the load. */
  residual = mix->consommation - mix->nucleaire - wind - solar - river - mix->bioenergies;
  lake_capacity = 7000.0 + 3500.0 * MAX (season, 0.0);
  lakes = CLAMP (0.5 * residual + 1200.0 * (bump (hours, 9.0, 2.0) + bump (hours, 19.0, 2.0)),
                 200.0, lake_capacity);
  mix->hydraulique = river + lakes;
  mix->gaz = CLAMP (must_run_gas + 0.45 * (residual - lakes), must_run_gas, 12500.0);

  produced = mix->nucleaire + wind + solar + mix->hydraulique + mix->gaz + mix->bioenergies;
  mix->ech_physiques = mix->consommation - produced;
  /* Emission factors of gas and bioenergies, g/kWh, as in éCO2mix. */
  mix->taux_co2 = (418.0 * mix->gaz + 494.0 * mix->bioenergies) / produced;
}

/* ------------------------------------------------------------------------ */
/* Customers and journeys                                                    */
/* ------------------------------------------------------------------------ */

typedef enum
{
  SEGMENT_RESIDENTIAL,
  SEGMENT_PROFESSIONAL,
  SEGMENT_ENTERPRISE,
  N_SEGMENTS
} Segment;

static const char * const segment_codes[N_SEGMENTS] = {
  "residential", "professional", "enterprise",
};

/* How a customer prefers to reach us. */
typedef enum
{
  PROFILE_APP,
  PROFILE_WEB,
  PROFILE_OFFLINE,
  N_PROFILES
} Profile;

typedef enum
{
  CHANNEL_WEB,
  CHANNEL_APP,
  CHANNEL_CALL_CENTRE,
  CHANNEL_EMAIL,
  CHANNEL_LETTER,
  CHANNEL_SHOP,
  N_CHANNELS
} Channel;

static const char * const channel_codes[N_CHANNELS] = {
  "web", "app", "call_centre", "email", "letter", "shop",
};

typedef enum
{
  EV_ACCOUNT_VISIT,
  EV_BILL_VIEWED,
  EV_BILL_ISSUED,
  EV_PAYMENT,
  EV_COMPLAINT,
  EV_MOVE_IN,
  EV_MOVE_OUT,
  EV_POWER_CHANGE,
  EV_PAYMENT_DIFFICULTY,
  EV_REMINDER,
  EV_APPOINTMENT,
  EV_CALL,
  EV_OFFER_SUBSCRIBED,
  EV_TARIFF_ADVICE,
  EV_METER_READING,
  EV_TERMINATION,
  N_EVENTS,
  /* Not an event: the end of a session, from which the customer comes back
   * after an idle delay. */
  EV_REST = N_EVENTS,
  N_STATES
} EventKind;

static const char * const event_codes[N_EVENTS] = {
  "account_visit", "bill_viewed", "bill_issued", "payment", "complaint", "move_in",
  "move_out", "power_change", "payment_difficulty", "reminder", "appointment", "call",
  "offer_subscribed", "tariff_advice", "meter_reading", "termination",
};

typedef enum
{
  DELAY_SESSION, /* minutes: the same visit */
  DELAY_SOON,    /* the same day to three days later */
  DELAY_DAYS,    /* one to five days */
  DELAY_WEEKS,   /* five to twenty days */
  DELAY_IDLE,    /* the customer's own rhythm, weeks */
} Delay;

typedef struct
{
  EventKind to;
  Delay     delay;
  float     weight[N_SEGMENTS]; /* residential, professional, enterprise */
} Step;

#define MAX_STEPS 8

/* The everyday chain. Each row lists the next steps from an event; a row
 * ends at the first step without weight. Complaints are followed by a call
 * within days; payment difficulties are mostly settled after a reminder. */
static const Step normal_chain[N_STATES][MAX_STEPS] = {
  [EV_REST] = {
    { EV_BILL_ISSUED, DELAY_IDLE, { 30, 28, 28 } },
    { EV_ACCOUNT_VISIT, DELAY_IDLE, { 30, 24, 22 } },
    { EV_METER_READING, DELAY_IDLE, { 6, 3, 1 } },
    { EV_CALL, DELAY_IDLE, { 7, 9, 10 } },
    { EV_COMPLAINT, DELAY_IDLE, { 2.5, 3, 3.5 } },
    { EV_PAYMENT_DIFFICULTY, DELAY_IDLE, { 2, 2.5, 1.5 } },
    { EV_MOVE_OUT, DELAY_IDLE, { 1, 0.5, 0.2 } },
    { EV_TARIFF_ADVICE, DELAY_IDLE, { 3, 5, 6 } },
  },
  [EV_ACCOUNT_VISIT] = {
    { EV_BILL_VIEWED, DELAY_SESSION, { 40, 35, 30 } },
    { EV_METER_READING, DELAY_SESSION, { 8, 4, 2 } },
    { EV_PAYMENT, DELAY_SESSION, { 10, 10, 8 } },
    { EV_POWER_CHANGE, DELAY_SESSION, { 2, 3, 3 } },
    { EV_TARIFF_ADVICE, DELAY_SESSION, { 3, 4, 4 } },
    { EV_OFFER_SUBSCRIBED, DELAY_SESSION, { 2, 2.5, 3 } },
    { EV_COMPLAINT, DELAY_SESSION, { 1.5, 1.5, 1.5 } },
    { EV_REST, DELAY_SESSION, { 33, 35, 38 } },
  },
  [EV_BILL_ISSUED] = {
    { EV_BILL_VIEWED, DELAY_SOON, { 40, 40, 45 } },
    { EV_PAYMENT, DELAY_WEEKS, { 25, 30, 35 } },
    { EV_COMPLAINT, DELAY_DAYS, { 1.5, 2, 2 } },
    { EV_CALL, DELAY_DAYS, { 3, 3, 3 } },
    { EV_REST, DELAY_SESSION, { 30, 25, 15 } },
  },
  [EV_BILL_VIEWED] = {
    { EV_PAYMENT, DELAY_SESSION, { 25, 25, 20 } },
    { EV_COMPLAINT, DELAY_SESSION, { 2, 2, 2 } },
    { EV_CALL, DELAY_DAYS, { 3, 3, 3 } },
    { EV_REST, DELAY_SESSION, { 70, 70, 75 } },
  },
  [EV_PAYMENT] = {
    { EV_BILL_VIEWED, DELAY_SESSION, { 10, 8, 6 } },
    { EV_REST, DELAY_SESSION, { 90, 92, 94 } },
  },
  [EV_METER_READING] = {
    { EV_BILL_VIEWED, DELAY_SESSION, { 15, 10, 10 } },
    { EV_REST, DELAY_SESSION, { 85, 90, 90 } },
  },
  [EV_CALL] = {
    { EV_TARIFF_ADVICE, DELAY_SESSION, { 15, 18, 20 } },
    { EV_POWER_CHANGE, DELAY_SESSION, { 6, 6, 6 } },
    { EV_APPOINTMENT, DELAY_DAYS, { 6, 8, 10 } },
    { EV_OFFER_SUBSCRIBED, DELAY_SESSION, { 5, 6, 6 } },
    { EV_PAYMENT, DELAY_SESSION, { 5, 4, 3 } },
    { EV_COMPLAINT, DELAY_SESSION, { 3, 3, 3 } },
    { EV_REST, DELAY_SESSION, { 60, 55, 52 } },
  },
  [EV_COMPLAINT] = {
    { EV_CALL, DELAY_DAYS, { 55, 50, 50 } },
    { EV_COMPLAINT, DELAY_WEEKS, { 5, 6, 6 } },
    { EV_APPOINTMENT, DELAY_DAYS, { 5, 8, 10 } },
    { EV_REST, DELAY_SESSION, { 35, 36, 34 } },
  },
  [EV_PAYMENT_DIFFICULTY] = {
    { EV_REMINDER, DELAY_WEEKS, { 55, 55, 55 } },
    { EV_CALL, DELAY_DAYS, { 8, 8, 8 } },
    { EV_PAYMENT, DELAY_WEEKS, { 37, 37, 37 } },
  },
  [EV_REMINDER] = {
    { EV_PAYMENT, DELAY_DAYS, { 62, 62, 65 } },
    { EV_CALL, DELAY_DAYS, { 8, 8, 8 } },
    { EV_REMINDER, DELAY_WEEKS, { 15, 15, 12 } },
    { EV_REST, DELAY_SESSION, { 15, 15, 15 } },
  },
  [EV_MOVE_OUT] = {
    { EV_MOVE_IN, DELAY_DAYS, { 80, 80, 80 } },
    { EV_REST, DELAY_SESSION, { 20, 20, 20 } },
  },
  [EV_MOVE_IN] = {
    { EV_POWER_CHANGE, DELAY_DAYS, { 15, 15, 15 } },
    { EV_APPOINTMENT, DELAY_DAYS, { 25, 25, 25 } },
    { EV_OFFER_SUBSCRIBED, DELAY_SESSION, { 10, 10, 10 } },
    { EV_REST, DELAY_SESSION, { 50, 50, 50 } },
  },
  [EV_POWER_CHANGE] = {
    { EV_APPOINTMENT, DELAY_DAYS, { 30, 30, 35 } },
    { EV_REST, DELAY_SESSION, { 70, 70, 65 } },
  },
  [EV_TARIFF_ADVICE] = {
    { EV_OFFER_SUBSCRIBED, DELAY_SESSION, { 25, 28, 30 } },
    { EV_POWER_CHANGE, DELAY_SESSION, { 8, 8, 8 } },
    { EV_REST, DELAY_SESSION, { 67, 64, 62 } },
  },
  [EV_OFFER_SUBSCRIBED] = {
    { EV_MOVE_IN, DELAY_DAYS, { 15, 8, 5 } },
    { EV_ACCOUNT_VISIT, DELAY_SESSION, { 20, 15, 15 } },
    { EV_REST, DELAY_SESSION, { 65, 77, 80 } },
  },
  [EV_APPOINTMENT] = {
    { EV_REST, DELAY_SESSION, { 100, 100, 100 } },
  },
};

/* The chain of a customer who is leaving, entered once at a random date.
 * Its REST row is how the departure starts; it has no way back to REST and
 * ends with a termination, unless the period ends first. */
static const Step leaving_chain[N_STATES][MAX_STEPS] = {
  [EV_REST] = {
    { EV_PAYMENT_DIFFICULTY, DELAY_IDLE, { 50, 40, 26 } },
    { EV_COMPLAINT, DELAY_IDLE, { 30, 40, 48 } },
    { EV_MOVE_OUT, DELAY_IDLE, { 12, 6, 2 } },
    { EV_ACCOUNT_VISIT, DELAY_IDLE, { 9, 12, 10 } },
    { EV_TARIFF_ADVICE, DELAY_IDLE, { 5, 8, 18 } },
  },
  [EV_PAYMENT_DIFFICULTY] = {
    { EV_REMINDER, DELAY_WEEKS, { 85, 85, 85 } },
    { EV_CALL, DELAY_DAYS, { 9, 9, 9 } },
    { EV_ACCOUNT_VISIT, DELAY_DAYS, { 6, 6, 6 } },
  },
  [EV_REMINDER] = {
    { EV_REMINDER, DELAY_WEEKS, { 22, 22, 22 } },
    { EV_CALL, DELAY_DAYS, { 58, 58, 58 } },
    { EV_TERMINATION, DELAY_WEEKS, { 12, 12, 12 } },
    { EV_ACCOUNT_VISIT, DELAY_DAYS, { 8, 8, 8 } },
  },
  [EV_CALL] = {
    { EV_TERMINATION, DELAY_WEEKS, { 68, 68, 68 } },
    { EV_COMPLAINT, DELAY_DAYS, { 10, 10, 10 } },
    { EV_TARIFF_ADVICE, DELAY_SESSION, { 8, 8, 8 } },
    { EV_REMINDER, DELAY_WEEKS, { 8, 8, 8 } },
    { EV_APPOINTMENT, DELAY_DAYS, { 6, 6, 6 } },
  },
  [EV_COMPLAINT] = {
    { EV_CALL, DELAY_DAYS, { 66, 66, 66 } },
    { EV_COMPLAINT, DELAY_WEEKS, { 14, 14, 14 } },
    { EV_TERMINATION, DELAY_WEEKS, { 14, 14, 14 } },
    { EV_ACCOUNT_VISIT, DELAY_DAYS, { 6, 6, 6 } },
  },
  [EV_MOVE_OUT] = {
    { EV_TERMINATION, DELAY_DAYS, { 80, 80, 80 } },
    { EV_CALL, DELAY_DAYS, { 20, 20, 20 } },
  },
  [EV_ACCOUNT_VISIT] = {
    { EV_TERMINATION, DELAY_SESSION, { 35, 35, 35 } },
    { EV_BILL_VIEWED, DELAY_SESSION, { 30, 30, 30 } },
    { EV_CALL, DELAY_DAYS, { 20, 20, 20 } },
    { EV_TARIFF_ADVICE, DELAY_SESSION, { 15, 15, 15 } },
  },
  [EV_BILL_VIEWED] = {
    { EV_TERMINATION, DELAY_DAYS, { 40, 40, 40 } },
    { EV_CALL, DELAY_DAYS, { 40, 40, 40 } },
    { EV_COMPLAINT, DELAY_DAYS, { 20, 20, 20 } },
  },
  [EV_TARIFF_ADVICE] = {
    { EV_TERMINATION, DELAY_WEEKS, { 65, 65, 65 } },
    { EV_CALL, DELAY_DAYS, { 35, 35, 35 } },
  },
  [EV_APPOINTMENT] = {
    { EV_TERMINATION, DELAY_WEEKS, { 60, 60, 60 } },
    { EV_CALL, DELAY_DAYS, { 40, 40, 40 } },
  },
};

/* Channels by event, for a residential customer of no preference. */
static const float channel_weights[N_EVENTS][N_CHANNELS] = {
  /*                           web   app  call email letter shop */
  [EV_ACCOUNT_VISIT]      = { 55,   45,   0,   0,    0,    0 },
  [EV_BILL_VIEWED]        = { 55,   45,   0,   0,    0,    0 },
  [EV_BILL_ISSUED]        = { 0,    0,    0,   60,   40,   0 },
  [EV_PAYMENT]            = { 45,   35,   8,   0,    5,    7 },
  [EV_COMPLAINT]          = { 15,   5,    40,  22,   12,   6 },
  [EV_MOVE_IN]            = { 40,   10,   38,  5,    0,    7 },
  [EV_MOVE_OUT]           = { 40,   10,   38,  5,    0,    7 },
  [EV_POWER_CHANGE]       = { 40,   10,   40,  5,    0,    5 },
  [EV_PAYMENT_DIFFICULTY] = { 15,   5,    40,  15,   15,   10 },
  [EV_REMINDER]           = { 0,    0,    0,   50,   50,   0 },
  [EV_APPOINTMENT]        = { 25,   10,   45,  0,    0,    20 },
  [EV_CALL]               = { 0,    0,    100, 0,    0,    0 },
  [EV_OFFER_SUBSCRIBED]   = { 40,   15,   30,  5,    0,    10 },
  [EV_TARIFF_ADVICE]      = { 20,   5,    40,  15,   0,    20 },
  [EV_METER_READING]      = { 50,   45,   0,   0,    5,    0 },
  [EV_TERMINATION]        = { 25,   3,    45,  10,   17,   0 },
};

/* Businesses write e-mails and see their advisor (the "shop" channel). */
static const float segment_channel_factor[N_SEGMENTS][N_CHANNELS] = {
  { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 },
  { 1.0, 0.6, 1.0, 2.5, 0.8, 2.5 },
  { 1.0, 0.4, 0.9, 3.0, 0.8, 3.0 },
};

static const float profile_channel_factor[N_PROFILES][N_CHANNELS] = {
  { 0.5, 3.0, 1.0, 1.0, 1.0, 1.0 },
  { 1.5, 0.4, 1.0, 1.2, 0.8, 1.0 },
  { 0.4, 0.2, 1.5, 0.8, 1.8, 1.5 },
};

/* Local hour weights of each channel: digital channels in the evening,
 * the call centre and shops in their opening hours, mail in office hours. */
static const double digital_hours[24] = {
  1.0, 0.5, 0.3, 0.2, 0.2, 0.4, 1.2, 2.5, 3.5, 4.0, 4.2, 4.3,
  5.0, 5.0, 4.2, 4.0, 4.0, 4.3, 5.0, 5.5, 6.0, 5.5, 3.5, 2.0,
};
static const double call_centre_hours[24] = {
  0, 0, 0, 0, 0, 0, 0, 0, 5, 8, 9, 8, 5, 5, 8, 8, 7, 6, 4, 2, 0, 0, 0, 0,
};
static const double shop_hours[24] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 7, 8, 5, 4, 6, 7, 7, 7, 4, 0, 0, 0, 0, 0,
};
static const double office_hours[24] = {
  0, 0, 0, 0, 0, 0, 0, 2, 6, 8, 8, 7, 4, 4, 7, 7, 6, 5, 3, 0, 0, 0, 0, 0,
};

typedef struct
{
  guint32     id;
  Segment     segment;
  Profile     profile;
  guint       region;
  guint       power_kva;
  const char *tariff;
  gint        since;        /* days from the start of the period */
  gboolean    churner;
  gint64      leave_ts;     /* when a churner starts leaving */
  double      idle_mean_ms; /* mean time between two sessions */
} Customer;

typedef struct
{
  gint64 ts;
  guint8 event;
  guint8 channel;
} JourneyEvent;

typedef struct
{
  guint  value;
  double weight;
} WeightedValue;

static const WeightedValue residential_power[] = {
  { 3, 4 }, { 6, 42 }, { 9, 30 }, { 12, 14 }, { 15, 5 }, { 18, 3 }, { 24, 1 }, { 30, 0.5 },
  { 36, 0.5 },
};
static const WeightedValue professional_power[] = {
  { 6, 8 }, { 9, 20 }, { 12, 22 }, { 15, 15 }, { 18, 12 }, { 24, 10 }, { 30, 6 }, { 36, 7 },
};
static const WeightedValue enterprise_power[] = {
  { 42, 10 }, { 60, 14 }, { 84, 14 }, { 108, 12 }, { 144, 12 }, { 180, 10 }, { 250, 10 },
  { 300, 6 }, { 400, 6 }, { 600, 4 }, { 1000, 2 },
};

static guint
weighted_draw (Rng                 *rng,
               const WeightedValue *values,
               guint                n)
{
  double weights[16];

  g_assert (n <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < n; i++)
    weights[i] = values[i].weight;
  return values[rng_pick (rng, weights, n)].value;
}

static Segment
segment_draw (Rng *rng)
{
  static const double weights[N_SEGMENTS] = { 85, 12, 3 };

  return rng_pick (rng, weights, N_SEGMENTS);
}

static guint
power_draw (Rng     *rng,
            Segment  segment)
{
  switch (segment)
    {
    case SEGMENT_RESIDENTIAL:
      return weighted_draw (rng, residential_power, G_N_ELEMENTS (residential_power));
    case SEGMENT_PROFESSIONAL:
      return weighted_draw (rng, professional_power, G_N_ELEMENTS (professional_power));
    case SEGMENT_ENTERPRISE:
    case N_SEGMENTS:
    default:
      return weighted_draw (rng, enterprise_power, G_N_ELEMENTS (enterprise_power));
    }
}

/* Regulated options for up to 36 kVA (Tempo needs at least 9 kVA); above,
 * the historical yellow (up to 250 kVA) and green tariffs. */
static const char *
tariff_draw (Rng     *rng,
             Segment  segment,
             guint    power_kva)
{
  static const char * const options[] = { "Base", "Heures creuses", "Tempo" };
  static const double weights[N_SEGMENTS][3] = { { 52, 42, 6 }, { 45, 43, 12 }, { 0, 0, 0 } };

  if (segment == SEGMENT_ENTERPRISE)
    return power_kva <= 250 ? "Tarif jaune" : "Tarif vert";
  if (power_kva < 9)
    return options[rng_pick (rng, weights[segment], 2)];
  return options[rng_pick (rng, weights[segment], 3)];
}

/* ------------------------------------------------------------------------ */
/* Sites                                                                     */
/* ------------------------------------------------------------------------ */

typedef enum
{
  USAGE_OFFICE,
  USAGE_SHOP,
  USAGE_RESTAURANT,
  USAGE_WAREHOUSE,
  USAGE_SCHOOL,
  USAGE_FACTORY,
  N_USAGES
} Usage;

static const char * const usage_codes[N_USAGES] = {
  "office", "shop", "restaurant", "warehouse", "school", "factory",
};

typedef struct
{
  guint32  customer_id;
  Segment  segment;
  guint    region;
} Owner;

typedef struct
{
  guint32  id;
  guint32  customer_id;
  Usage    usage;
  guint    region;
  guint    power_kva;
  char     prm[15];
  char     name[128];

  /* The load model. */
  double   peak_kw;
  double   base_kw;
  double   heating_kw;   /* per °C below 15 °C */
  double   cooling_kw;   /* per °C above 24 °C */
  double   open;         /* local hours */
  double   close;
  double   noise;
  gboolean weekend_open; /* bakeries on Sunday mornings, factories in three shifts */
  gboolean summer_break; /* closed three weeks in August */
} Site;

/* ------------------------------------------------------------------------ */
/* Writing: batched inserts, progress and errors                             */
/* ------------------------------------------------------------------------ */

typedef struct
{
  CourantDemoProgress  func;
  gpointer             user_data;
  const char          *stage;
  double               total;
  double               done;
  double               next;
} Progress;

typedef struct
{
  const CourantDemoOptions *options;
  const char               *path;
  char                     *tmp_path;
  sqlite3                  *db;
  GCancellable             *cancellable;
  Progress                  progress;
  Calendar                  cal;
  Weather                   weather;
  GArray                   *owners;  /* of Owner */
  Site                     *sites;
} Demo;

typedef struct
{
  int type;
  union
  {
    gint64      i;
    double      d;
    const char *s;
  } v;
} Cell;

/* Multi-row INSERT statements: one sqlite3_step() for BATCH_ROWS rows is
 * four times as fast as one per row. Text cells point to static strings or
 * to the arena, which lives until the batch is written. */
typedef struct
{
  Demo         *demo;
  sqlite3_stmt *batch;
  sqlite3_stmt *single;
  guint         n_columns;
  guint         n_cells;
  Cell          cells[BATCH_ROWS * MAX_COLUMNS];
  gsize         arena_used;
  char          arena[ARENA_SIZE];
} Inserter;

static void
demo_report (Demo *demo)
{
  Progress *p = &demo->progress;

  if (p->func != NULL)
    p->func (MIN (p->done / p->total, 1.0), p->stage, p->user_data);
  p->next = p->done + p->total / PROGRESS_STEPS;
}

/* Reports progress at most PROGRESS_STEPS times in all, and checks for
 * cancellation at the same pace. */
static inline gboolean
demo_advance (Demo    *demo,
              double   units,
              GError **error)
{
  demo->progress.done += units;
  if (demo->progress.done < demo->progress.next)
    return TRUE;
  demo_report (demo);
  return !g_cancellable_set_error_if_cancelled (demo->cancellable, error);
}

static gboolean
demo_stage (Demo        *demo,
            const char  *stage,
            GError     **error)
{
  demo->progress.stage = stage;
  demo_report (demo);
  return !g_cancellable_set_error_if_cancelled (demo->cancellable, error);
}

static void
set_file_error (GError     **error,
                int          errsv,
                const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (errsv)
    {
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_PERMISSION,
                   _("You do not have permission to write “%s”."), display);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("The folder of “%s” does not exist."), display);
      break;
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NO_SPACE,
                   _("There is not enough disk space to write “%s”."), display);
      break;
    default:
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_FAILED,
                   _("Could not write “%s”: %s."), display, g_strerror (errsv));
      break;
    }
}

static gboolean
set_sqlite_error (Demo    *demo,
                  int      rc,
                  GError **error)
{
  g_autofree char *display = g_filename_display_name (demo->path);
  int errsv = demo->db != NULL ? sqlite3_system_errno (demo->db) : 0;

  if ((rc & 0xff) == SQLITE_FULL || errsv == ENOSPC || errsv == EDQUOT)
    g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NO_SPACE,
                 _("There is not enough disk space to write “%s”."), display);
  else if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_PERM
           || (rc & 0xff) == SQLITE_CANTOPEN)
    g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_PERMISSION,
                 _("You do not have permission to write “%s”."), display);
  else
    g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_FAILED,
                 _("Could not write “%s”: %s."), display,
                 demo->db != NULL ? sqlite3_errmsg (demo->db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
demo_exec (Demo        *demo,
           const char  *sql,
           GError     **error)
{
  int rc = sqlite3_exec (demo->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (demo, rc, error);
  return TRUE;
}

static gboolean
demo_prepare (Demo          *demo,
              const char    *sql,
              sqlite3_stmt **stmt,
              GError       **error)
{
  int rc = sqlite3_prepare_v3 (demo->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (demo, rc, error);
  return TRUE;
}

static char *
insert_sql (const char *table,
            guint       n_columns,
            guint       n_rows)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s VALUES ", table);
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r == 0 ? "(" : ",(");
      for (guint c = 0; c < n_columns; c++)
        g_string_append (sql, c == 0 ? "?" : ",?");
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

static gboolean
inserter_init (Inserter    *ins,
               Demo        *demo,
               const char  *table,
               guint        n_columns,
               GError     **error)
{
  g_autofree char *batch_sql = insert_sql (table, n_columns, BATCH_ROWS);
  g_autofree char *single_sql = insert_sql (table, n_columns, 1);

  g_assert (n_columns <= MAX_COLUMNS);
  ins->demo = demo;
  ins->n_columns = n_columns;
  ins->n_cells = 0;
  ins->arena_used = 0;
  return demo_prepare (demo, batch_sql, &ins->batch, error)
         && demo_prepare (demo, single_sql, &ins->single, error);
}

static void
inserter_clear (Inserter *ins)
{
  g_clear_pointer (&ins->batch, sqlite3_finalize);
  g_clear_pointer (&ins->single, sqlite3_finalize);
}

static inline void
inserter_int (Inserter *ins,
              gint64    value)
{
  Cell *cell = &ins->cells[ins->n_cells++];

  cell->type = SQLITE_INTEGER;
  cell->v.i = value;
}

static inline void
inserter_double (Inserter *ins,
                 double    value)
{
  Cell *cell = &ins->cells[ins->n_cells++];

  cell->type = SQLITE_FLOAT;
  cell->v.d = value;
}

/* @text must outlive the inserter. */
static inline void
inserter_static_text (Inserter   *ins,
                      const char *text)
{
  Cell *cell = &ins->cells[ins->n_cells++];

  cell->type = SQLITE_TEXT;
  cell->v.s = text;
}

static void
inserter_text (Inserter   *ins,
               const char *text)
{
  gsize len = strlen (text) + 1;
  char *copy = ins->arena + ins->arena_used;

  g_assert (ins->arena_used + len <= sizeof ins->arena);
  memcpy (copy, text, len);
  ins->arena_used += len;
  inserter_static_text (ins, copy);
}

static void
inserter_bind (Inserter     *ins,
               sqlite3_stmt *stmt,
               guint         first,
               guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      const Cell *cell = &ins->cells[first + i];

      switch (cell->type)
        {
        case SQLITE_INTEGER:
          sqlite3_bind_int64 (stmt, i + 1, cell->v.i);
          break;
        case SQLITE_FLOAT:
          sqlite3_bind_double (stmt, i + 1, cell->v.d);
          break;
        default:
          sqlite3_bind_text (stmt, i + 1, cell->v.s, -1, SQLITE_STATIC);
          break;
        }
    }
}

static gboolean
inserter_step (Inserter     *ins,
               sqlite3_stmt *stmt,
               GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (ins->demo, rc, error);
  return TRUE;
}

static gboolean
inserter_row (Inserter  *ins,
              GError   **error)
{
  g_assert (ins->n_cells % ins->n_columns == 0);
  if (ins->n_cells < BATCH_ROWS * ins->n_columns)
    return TRUE;
  inserter_bind (ins, ins->batch, 0, ins->n_cells);
  ins->n_cells = 0;
  ins->arena_used = 0;
  return inserter_step (ins, ins->batch, error);
}

static gboolean
inserter_finish (Inserter  *ins,
                 GError   **error)
{
  for (guint first = 0; first < ins->n_cells; first += ins->n_columns)
    {
      inserter_bind (ins, ins->single, first, ins->n_columns);
      if (!inserter_step (ins, ins->single, error))
        return FALSE;
    }
  ins->n_cells = 0;
  ins->arena_used = 0;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Journeys                                                                  */
/* ------------------------------------------------------------------------ */

static double
profile_factor (Profile   profile,
                EventKind to)
{
  switch (profile)
    {
    case PROFILE_APP:
      /* App users look at their bills. */
      if (to == EV_BILL_VIEWED)
        return 1.8;
      return to == EV_ACCOUNT_VISIT ? 1.3 : 1.0;
    case PROFILE_OFFLINE:
      if (to == EV_ACCOUNT_VISIT || to == EV_BILL_VIEWED || to == EV_METER_READING)
        return 0.45;
      return to == EV_CALL ? 1.6 : 1.0;
    case PROFILE_WEB:
    case N_PROFILES:
    default:
      return 1.0;
    }
}

static const Step *
chain_draw (const Step      row[MAX_STEPS],
            const Customer *c,
            Rng            *rng)
{
  double weights[MAX_STEPS];
  guint n = 0;

  while (n < MAX_STEPS
         && row[n].weight[0] + row[n].weight[1] + row[n].weight[2] > 0)
    {
      weights[n] = row[n].weight[c->segment] * profile_factor (c->profile, row[n].to);
      n++;
    }
  g_assert (n > 0);
  return &row[rng_pick (rng, weights, n)];
}

static Channel
channel_draw (EventKind       event,
              const Customer *c,
              Rng            *rng)
{
  double weights[N_CHANNELS];

  for (guint ch = 0; ch < N_CHANNELS; ch++)
    weights[ch] = channel_weights[event][ch] * segment_channel_factor[c->segment][ch]
                  * profile_channel_factor[c->profile][ch];
  return rng_pick (rng, weights, N_CHANNELS);
}

static gboolean
channel_closed (Channel    channel,
                const Day *day)
{
  switch (channel)
    {
    case CHANNEL_CALL_CENTRE:
    case CHANNEL_SHOP:
    case CHANNEL_LETTER:
      return day->weekday == G_DATE_SUNDAY || day->holiday;
    case CHANNEL_WEB:
    case CHANNEL_APP:
    case CHANNEL_EMAIL:
    case N_CHANNELS:
    default:
      return FALSE;
    }
}

static const double *
channel_hours (Channel channel)
{
  switch (channel)
    {
    case CHANNEL_CALL_CENTRE:
      return call_centre_hours;
    case CHANNEL_SHOP:
      return shop_hours;
    case CHANNEL_EMAIL:
    case CHANNEL_LETTER:
      return office_hours;
    case CHANNEL_WEB:
    case CHANNEL_APP:
    case N_CHANNELS:
    default:
      return digital_hours;
    }
}

/* A time on local day @d, or the next day the channel is open, at an hour
 * the channel is used, and after @after; G_MAXINT64 past the period. */
static gint64
channel_time (const Calendar *cal,
              Rng            *rng,
              guint           d,
              Channel         channel,
              gint64          after)
{
  guint minutes;
  gint64 ts;

  while (d < cal->n_days && channel_closed (channel, &cal->days[d]))
    d++;
  if (d >= cal->n_days)
    return G_MAXINT64;
  minutes = 60 * rng_pick (rng, channel_hours (channel), 24) + rng_below (rng, 60);
  ts = calendar_local_ms (cal, d, minutes) + rng_below (rng, 60000);
  if (ts <= after)
    ts = after + 60000 * (1 + rng_below (rng, 45)) + rng_below (rng, 60000);
  return ts;
}

static gint64
journey_next_time (const Calendar *cal,
                   const Customer *c,
                   Rng            *rng,
                   gint64          ts,
                   Delay           delay,
                   Channel         channel)
{
  static const double soon[] = { 35, 30, 20, 15 };
  guint d = calendar_day_of (cal, ts);
  double minutes, idle;

  switch (delay)
    {
    case DELAY_SESSION:
      minutes = 0.5 + exp (1.0 + 0.7 * rng_normal (rng));
      minutes = MIN (minutes, 30.0);
      return ts + (gint64) (minutes * 60000.0) + rng_below (rng, 1000);
    case DELAY_SOON:
      d += rng_pick (rng, soon, G_N_ELEMENTS (soon));
      break;
    case DELAY_DAYS:
      d += 1 + rng_below (rng, 5);
      break;
    case DELAY_WEEKS:
      d += 5 + rng_below (rng, 16);
      break;
    case DELAY_IDLE:
    default:
      idle = rng_exponential (rng, c->idle_mean_ms);
      d = calendar_day_of (cal, ts + (gint64) MAX (idle, (double) DAY_MS));
      break;
    }
  return channel_time (cal, rng, MIN (d, cal->n_days), channel, ts);
}

static void
journey_append (GArray    *events,
                gint64     ts,
                EventKind  event,
                Channel    channel)
{
  JourneyEvent e = { ts, event, channel };

  g_array_append_val (events, e);
}

/* Runs the customer's chain from the start of the period, or from the day
 * they subscribed, to the end of the period or their termination. */
static void
journey_generate (const Calendar *cal,
                  const Customer *c,
                  Rng            *rng,
                  GArray         *events)
{
  gint64 end = cal->days[cal->n_days].start_ms;
  EventKind state = EV_REST;
  gint64 ts = cal->days[0].start_ms;
  gboolean leaving = FALSE;

  g_array_set_size (events, 0);
  if (c->since >= 0)
    {
      Channel channel = channel_draw (EV_OFFER_SUBSCRIBED, c, rng);

      ts = channel_time (cal, rng, c->since, channel, ts);
      if (ts >= end)
        return;
      state = EV_OFFER_SUBSCRIBED;
      journey_append (events, ts, state, channel);
    }

  while (state != EV_TERMINATION)
    {
      const Step *step = chain_draw ((leaving ? leaving_chain : normal_chain)[state], c, rng);
      EventKind next = step->to;
      Channel channel;
      gint64 next_ts;

      if (next == EV_REST)
        {
          state = EV_REST;
          continue;
        }
      channel = channel_draw (next, c, rng);
      next_ts = journey_next_time (cal, c, rng, ts, step->delay, channel);

      if (state == EV_REST && c->churner && !leaving && next_ts >= c->leave_ts)
        {
          leaving = TRUE;
          next = chain_draw (leaving_chain[EV_REST], c, rng)->to;
          channel = channel_draw (next, c, rng);
          next_ts = channel_time (cal, rng, calendar_day_of (cal, MAX (ts, c->leave_ts)),
                                  channel, ts);
        }
      if (next_ts >= end)
        break;
      journey_append (events, next_ts, next, channel);
      ts = next_ts;
      state = next;
    }
}

/* ------------------------------------------------------------------------ */
/* Stages                                                                    */
/* ------------------------------------------------------------------------ */

static const char schema_sql[] =
  "CREATE TABLE metadata (\n"
  "  key   TEXT PRIMARY KEY,\n"
  "  value TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE customers (\n"
  "  customer_id INTEGER PRIMARY KEY,\n"
  "  reference   TEXT NOT NULL,\n"
  "  segment     TEXT NOT NULL,\n"
  "  region      TEXT NOT NULL,\n"
  "  tariff      TEXT NOT NULL,\n"
  "  power_kva   INTEGER NOT NULL,\n"
  "  since       TEXT NOT NULL,\n"
  "  status      TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE events (\n"
  "  customer_id INTEGER NOT NULL REFERENCES customers (customer_id),\n"
  "  ts          INTEGER NOT NULL,\n"
  "  channel     TEXT NOT NULL,\n"
  "  event       TEXT NOT NULL,\n"
  "  PRIMARY KEY (customer_id, ts)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE sites (\n"
  "  site_id     INTEGER PRIMARY KEY,\n"
  "  customer_id INTEGER NOT NULL REFERENCES customers (customer_id),\n"
  "  prm         TEXT NOT NULL,\n"
  "  name        TEXT NOT NULL,\n"
  "  region      TEXT NOT NULL,\n"
  "  usage       TEXT NOT NULL,\n"
  "  power_kva   INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE consumption (\n"
  "  site_id INTEGER NOT NULL REFERENCES sites (site_id),\n"
  "  ts      INTEGER NOT NULL,\n"
  "  kwh     REAL NOT NULL,\n"
  "  PRIMARY KEY (site_id, ts)\n"
  ") WITHOUT ROWID;\n"
  "CREATE TABLE weather (\n"
  "  region      TEXT NOT NULL,\n"
  "  date_heure  TEXT NOT NULL,\n"
  "  temperature REAL NOT NULL,\n"
  "  wind_speed  REAL NOT NULL,\n"
  "  irradiance  REAL NOT NULL\n"
  ");\n"
  "CREATE TABLE production (\n"
  "  date_heure    TEXT NOT NULL,\n"
  "  consommation  INTEGER NOT NULL,\n"
  "  nucleaire     INTEGER NOT NULL,\n"
  "  eolien        INTEGER NOT NULL,\n"
  "  solaire       INTEGER NOT NULL,\n"
  "  hydraulique   INTEGER NOT NULL,\n"
  "  gaz           INTEGER NOT NULL,\n"
  "  bioenergies   INTEGER NOT NULL,\n"
  "  ech_physiques INTEGER NOT NULL,\n"
  "  taux_co2      INTEGER NOT NULL\n"
  ");\n";

static gboolean
write_metadata (Demo    *demo,
                GError **error)
{
  const CourantDemoOptions *options = demo->options;
  const Calendar *cal = &demo->cal;
  const Day *last = &cal->days[cal->n_days - 1];
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, options->seed);
  g_autofree char *customers = g_strdup_printf ("%u", options->n_customers);
  g_autofree char *sites = g_strdup_printf ("%u", options->n_sites);
  g_autofree char *days = g_strdup_printf ("%u", options->n_days);
  g_autofree char *schema = g_strdup_printf ("%d", SCHEMA_VERSION);
  g_autofree char *end_date = g_strdup_printf ("%04u-%02u-%02u", last->year, last->month,
                                               last->mday);
  g_autoptr(GDateTime) end_utc = g_date_time_new_from_unix_utc (cal->days[cal->n_days].start_ms
                                                                / 1000);
  g_autoptr(GDateTime) end_local = g_date_time_to_timezone (end_utc, cal->tz);
  g_autofree char *period_end = g_date_time_format (end_local, "%Y-%m-%dT%H:%M:%S%:z");
  const char *rows[][2] = {
    { "generator", "courant-demo" },
    { "generator_version", PACKAGE_VERSION },
    { "schema_version", schema },
    { "seed", seed },
    { "customers", customers },
    { "sites", sites },
    { "days", days },
    { "start_date", options->start_date },
    { "end_date", end_date },
    { "period_start", cal->iso[0] },
    { "period_end", period_end },
    { "timezone", "Europe/Paris" },
  };
  Inserter ins = { 0 };
  gboolean ok;

  if (!inserter_init (&ins, demo, "metadata", 2, error))
    return FALSE;
  ok = TRUE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (rows); i++)
    {
      inserter_text (&ins, rows[i][0]);
      inserter_text (&ins, rows[i][1]);
      ok = inserter_row (&ins, error);
    }
  ok = ok && inserter_finish (&ins, error);
  inserter_clear (&ins);
  return ok;
}

static gboolean
write_weather (Demo    *demo,
               GError **error)
{
  const Calendar *cal = &demo->cal;
  const Weather *w = &demo->weather;
  Inserter ins = { 0 };
  gboolean ok;

  if (!demo_stage (demo, _("Weather"), error)
      || !inserter_init (&ins, demo, "weather", 5, error))
    {
      inserter_clear (&ins);
      return FALSE;
    }
  ok = TRUE;
  for (guint r = 0; ok && r < N_REGIONS; r++)
    for (guint k = 0; ok && k < cal->n_hours; k++)
      {
        gsize i = (gsize) r * w->n_hours + k;

        inserter_static_text (&ins, regions[r].name);
        inserter_static_text (&ins, cal->iso[2 * k]);
        inserter_double (&ins, w->temperature[i]);
        inserter_double (&ins, w->wind_speed[i]);
        inserter_double (&ins, w->irradiance[i]);
        ok = inserter_row (&ins, error) && demo_advance (demo, 1, error);
      }
  ok = ok && inserter_finish (&ins, error);
  inserter_clear (&ins);
  return ok;
}

static gboolean
write_production (Demo    *demo,
                  GError **error)
{
  const Calendar *cal = &demo->cal;
  Grid grid = { 0 };
  Inserter ins = { 0 };
  gboolean ok;

  if (!demo_stage (demo, _("National production"), error)
      || !inserter_init (&ins, demo, "production", 10, error))
    {
      inserter_clear (&ins);
      return FALSE;
    }

  rng_init (&grid.rng, demo->options->seed, STREAM_GRID, 0);
  ar1_init (&grid.demand_noise, &grid.rng, 8.0);
  ar1_init (&grid.nuclear_outages, &grid.rng, 48.0 * 15.0);
  ar1_init (&grid.river_flow, &grid.rng, 48.0 * 10.0);
  ar1_init (&grid.biomass, &grid.rng, 48.0);
  for (guint r = 0; r < N_REGIONS; r++)
    {
      grid.population += regions[r].population;
      grid.smooth_temp += regions[r].population
                          * weather_at (&demo->weather, demo->weather.temperature, r, 0);
    }
  grid.smooth_temp /= grid.population;

  ok = TRUE;
  for (guint j = 0; ok && j < cal->n_halves; j++)
    {
      Mix mix;

      grid_step (&grid, cal, &demo->weather, j, &mix);
      inserter_static_text (&ins, cal->iso[j]);
      inserter_int (&ins, llround (mix.consommation));
      inserter_int (&ins, llround (mix.nucleaire));
      inserter_int (&ins, llround (mix.eolien));
      inserter_int (&ins, llround (mix.solaire));
      inserter_int (&ins, llround (mix.hydraulique));
      inserter_int (&ins, llround (mix.gaz));
      inserter_int (&ins, llround (mix.bioenergies));
      inserter_int (&ins, llround (mix.ech_physiques));
      inserter_int (&ins, llround (mix.taux_co2));
      ok = inserter_row (&ins, error) && demo_advance (demo, 1, error);
    }
  ok = ok && inserter_finish (&ins, error);
  inserter_clear (&ins);
  return ok;
}

/* About 6% of customers a year join during the period; the others have
 * been customers for years. */
static void
customer_init (Customer       *c,
               const Calendar *cal,
               guint32         id,
               gboolean        site_owner,
               Rng            *rng)
{
  static const double profiles[N_SEGMENTS][N_PROFILES] = {
    { 35, 40, 25 }, { 20, 50, 30 }, { 10, 55, 35 },
  };
  /* Sessions a year, for a mean of about 20 events over two years. */
  static const double sessions[N_SEGMENTS] = { 6.0, 7.5, 8.8 };
  static const double churn[N_SEGMENTS] = { 0.108, 0.095, 0.065 };
  gint64 start = cal->days[0].start_ms, end = cal->days[cal->n_days].start_ms;
  double years = MIN (cal->n_days, 730) / 365.25;
  double activity = exp (0.6 * rng_normal (rng) - 0.18);

  c->id = id;
  c->segment = site_owner ? SEGMENT_ENTERPRISE : segment_draw (rng);
  c->profile = rng_pick (rng, profiles[c->segment], N_PROFILES);
  c->region = region_draw (rng);
  c->power_kva = power_draw (rng, c->segment);
  c->tariff = tariff_draw (rng, c->segment, c->power_kva);
  if (!site_owner && rng_uniform (rng) < MIN (0.5, 0.065 * cal->n_days / 365.25))
    c->since = rng_below (rng, cal->n_days);
  else
    {
      double days_before = rng_exponential (rng, 2600.0);

      c->since = -1 - (gint) MIN (days_before, MAX_SINCE_DAYS);
    }
  c->churner = !site_owner && rng_uniform (rng) < churn[c->segment];
  if (c->since >= 0)
    start = cal->days[c->since].start_ms;
  c->leave_ts = start + (gint64) (rng_uniform (rng) * (end - start));
  /* Over periods longer than two years the same number of sessions is
   * spread more thinly, so that 1M customers make about 20M events. */
  c->idle_mean_ms = (double) (end - cal->days[0].start_ms)
                    / MAX (0.05, sessions[c->segment] * years * activity);
}

static void
customer_since (const Calendar *cal,
                const Customer *c,
                char            text[11])
{
  GDate date = cal->first;

  if (c->since >= 0)
    g_date_add_days (&date, c->since);
  else
    g_date_subtract_days (&date, -c->since);
  g_snprintf (text, 11, "%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
              g_date_get_day (&date));
}

static gboolean
write_customer (Demo           *demo,
                Inserter       *customers,
                Inserter       *events,
                const Customer *c,
                GArray         *journey,
                GError        **error)
{
  const JourneyEvent *last = journey->len > 0
    ? &g_array_index (journey, JourneyEvent, journey->len - 1) : NULL;
  gboolean terminated = last != NULL && last->event == EV_TERMINATION;
  char reference[32];
  char since[11];

  g_snprintf (reference, sizeof reference, "CL-%07u", c->id);
  customer_since (&demo->cal, c, since);
  inserter_int (customers, c->id);
  inserter_text (customers, reference);
  inserter_static_text (customers, segment_codes[c->segment]);
  inserter_static_text (customers, regions[c->region].name);
  inserter_static_text (customers, c->tariff);
  inserter_int (customers, c->power_kva);
  inserter_text (customers, since);
  inserter_static_text (customers, terminated ? "terminated" : "active");
  if (!inserter_row (customers, error))
    return FALSE;

  for (guint i = 0; i < journey->len; i++)
    {
      const JourneyEvent *e = &g_array_index (journey, JourneyEvent, i);

      inserter_int (events, c->id);
      inserter_int (events, e->ts);
      inserter_static_text (events, channel_codes[e->channel]);
      inserter_static_text (events, event_codes[e->event]);
      if (!inserter_row (events, error))
        return FALSE;
    }

  /* Sites belong to business customers present over the whole period, so
   * that every load curve covers it. */
  if (c->segment != SEGMENT_RESIDENTIAL && c->since < 0 && !terminated)
    {
      Owner owner = { c->id, c->segment, c->region };

      g_array_append_val (demo->owners, owner);
    }
  return TRUE;
}

static gboolean
write_customers (Demo    *demo,
                 GError **error)
{
  const CourantDemoOptions *options = demo->options;
  g_autoptr(GArray) journey = g_array_new (FALSE, FALSE, sizeof (JourneyEvent));
  Inserter customers = { 0 }, events = { 0 };
  gboolean ok;

  if (!demo_stage (demo, _("Customers and journeys"), error)
      || !inserter_init (&customers, demo, "customers", 8, error)
      || !inserter_init (&events, demo, "events", 4, error))
    {
      inserter_clear (&customers);
      inserter_clear (&events);
      return FALSE;
    }

  ok = TRUE;
  for (guint32 id = 1; ok && id <= options->n_customers; id++)
    {
      Customer c;
      Rng rng;

      rng_init (&rng, options->seed, STREAM_CUSTOMER, id);
      /* Customer 1 owns sites whenever sites are asked for, so that even
       * the smallest dataset has an owner for them. */
      customer_init (&c, &demo->cal, id, id == 1 && options->n_sites > 0, &rng);
      journey_generate (&demo->cal, &c, &rng, journey);
      ok = write_customer (demo, &customers, &events, &c, journey, error)
           && demo_advance (demo, EVENTS_PER_CUSTOMER, error);
    }
  ok = ok && inserter_finish (&customers, error) && inserter_finish (&events, error);
  inserter_clear (&customers);
  inserter_clear (&events);
  return ok;
}

static Usage
usage_draw (Rng     *rng,
            Segment  segment)
{
  static const double weights[N_SEGMENTS][N_USAGES] = {
    /* office shop restaurant warehouse school factory */
    { 1, 0, 0, 0, 0, 0 },
    { 35, 40, 25, 0, 0, 0 },
    { 35, 12, 6, 18, 15, 14 },
  };

  return rng_pick (rng, weights[segment], N_USAGES);
}

static void
site_name (Site *site,
           Rng  *rng)
{
  static const char * const shops[] = {
    "Boulangerie", "Pharmacie", "Librairie", "Fleuriste", "Boucherie", "Opticien", "Supérette",
  };
  static const char * const restaurants[] = {
    "Brasserie", "Restaurant", "Crêperie", "Pizzeria", "Café", "Bistrot",
  };
  static const char * const offices[] = { "Agence", "Bureaux", "Cabinet", "Siège" };
  static const char * const warehouses[] = { "Entrepôt", "Plateforme logistique", "Dépôt" };
  static const char * const schools[] = { "École", "Collège", "Lycée", "Groupe scolaire" };
  static const char * const patrons[] = {
    "Jules-Ferry", "Victor-Hugo", "Jean-Jaurès", "Marie-Curie", "Louise-Michel", "Jean-Moulin",
  };
  static const char * const factories[] = { "Usine", "Atelier", "Site de production" };
  const char *city = regions[site->region].cities[rng_below (rng, 4)];
  char *name = site->name;
  gsize size = sizeof site->name;

#define PICK(list) list[rng_below (rng, G_N_ELEMENTS (list))]
  switch (site->usage)
    {
    case USAGE_OFFICE:
      g_snprintf (name, size, "%s %s", PICK (offices), city);
      break;
    case USAGE_SHOP:
      g_snprintf (name, size, "%s — %s", PICK (shops), city);
      break;
    case USAGE_RESTAURANT:
      g_snprintf (name, size, "%s — %s", PICK (restaurants), city);
      break;
    case USAGE_WAREHOUSE:
      g_snprintf (name, size, "%s — %s", PICK (warehouses), city);
      break;
    case USAGE_SCHOOL:
      g_snprintf (name, size, "%s %s — %s", PICK (schools), PICK (patrons), city);
      break;
    case USAGE_FACTORY:
    case N_USAGES:
    default:
      g_snprintf (name, size, "%s — %s", PICK (factories), city);
      break;
    }
#undef PICK
}

static guint
site_power (Rng     *rng,
            Usage    usage,
            Segment  segment)
{
  static const WeightedValue small[] = {
    { 9, 10 }, { 12, 20 }, { 15, 15 }, { 18, 15 }, { 24, 15 }, { 30, 10 }, { 36, 15 },
  };
  static const guint ranges[N_USAGES][2] = {
    { 60, 250 }, { 36, 144 }, { 36, 84 }, { 84, 400 }, { 42, 180 }, { 250, 2000 },
  };

  if (segment == SEGMENT_PROFESSIONAL)
    return weighted_draw (rng, small, G_N_ELEMENTS (small));
  /* Round to 6 kVA like real contracts. */
  return 6 * (guint) round (rng_range (rng, ranges[usage][0], ranges[usage][1]) / 6.0);
}

/* Opening hours, base load and temperature sensitivity by use. */
static void
site_load_model (Site *site,
                 Rng  *rng)
{
  static const double base_share[N_USAGES] = { 0.18, 0.22, 0.28, 0.30, 0.12, 0.35 };
  static const double heating[N_USAGES] = { 0.035, 0.025, 0.020, 0.020, 0.045, 0.012 };
  static const double cooling[N_USAGES] = { 0.020, 0.020, 0.015, 0.005, 0.005, 0.005 };
  static const double hours[N_USAGES][2] = {
    { 8.0, 19.0 }, { 9.0, 19.5 }, { 11.5, 23.0 }, { 6.0, 21.0 }, { 8.0, 17.5 }, { 5.0, 21.0 },
  };

  site->peak_kw = site->power_kva * rng_range (rng, 0.35, 0.55);
  site->base_kw = site->peak_kw * base_share[site->usage] * rng_range (rng, 0.8, 1.2);
  site->heating_kw = site->peak_kw * heating[site->usage] * rng_range (rng, 0.6, 1.4);
  site->cooling_kw = site->peak_kw * cooling[site->usage] * rng_range (rng, 0.5, 1.5);
  site->open = hours[site->usage][0] + rng_range (rng, -0.5, 0.5);
  site->close = hours[site->usage][1] + rng_range (rng, -0.5, 0.5);
  site->noise = rng_range (rng, 0.05, 0.10);
  site->weekend_open = rng_uniform (rng) < 0.3;
  site->summer_break = rng_uniform (rng) < 0.5;
}

/* (a × b) mod m for m < 2⁶², without 128-bit integers. */
static guint64
mulmod (guint64 a,
        guint64 b,
        guint64 m)
{
  guint64 result = 0;

  for (a %= m; b > 0; b >>= 1)
    {
      if (b & 1)
        result = (result + a) % m;
      a = (a << 1) % m;
    }
  return result;
}

static void
site_init (Site        *site,
           guint32      id,
           const Owner *owner,
           Usage        usage,
           guint64      seed)
{
  /* An affine map modulo 9·10¹³ with a multiplier prime to it is a
   * bijection, hence unique meter ids that do not look sequential. */
  const guint64 modulus = G_GUINT64_CONSTANT (90000000000000);
  const guint64 multiplier = G_GUINT64_CONSTANT (55623191822651);
  Rng rng;

  rng_init (&rng, seed, STREAM_SITE, id);
  site->id = id;
  site->customer_id = owner->customer_id;
  site->usage = usage;
  site->region = owner->region;
  if (rng_uniform (&rng) > (owner->segment == SEGMENT_ENTERPRISE ? 0.4 : 0.85))
    site->region = region_draw (&rng);
  site->power_kva = site_power (&rng, usage, owner->segment);
  g_snprintf (site->prm, sizeof site->prm, "%" G_GUINT64_FORMAT,
              G_GUINT64_CONSTANT (10000000000000)
              + (mulmod (id, multiplier, modulus) + seed % modulus) % modulus);
  site_name (site, &rng);
  site_load_model (site, &rng);
}

/* Enterprises have 2 to 10 sites, mostly of one kind; professionals 1 to 3.
 * Owners are taken in a shuffled order, and again if sites remain. */
static void
sites_assign (Demo *demo)
{
  GArray *owners = demo->owners;
  guint n_sites = demo->options->n_sites;
  guint32 id = 1;
  Rng rng;

  rng_init (&rng, demo->options->seed, STREAM_OWNERS, 0);
  for (guint i = owners->len; i > 1; i--)
    {
      guint j = rng_below (&rng, i);
      Owner tmp = g_array_index (owners, Owner, i - 1);

      g_array_index (owners, Owner, i - 1) = g_array_index (owners, Owner, j);
      g_array_index (owners, Owner, j) = tmp;
    }
  /* Customer 1 comes first, as the schema promises (it is always an owner
   * when sites are asked for, but the shuffle may put it past the last
   * owner that gets sites). */
  for (guint i = 1; i < owners->len; i++)
    if (g_array_index (owners, Owner, i).customer_id == 1)
      {
        Owner first = g_array_index (owners, Owner, i);

        g_array_index (owners, Owner, i) = g_array_index (owners, Owner, 0);
        g_array_index (owners, Owner, 0) = first;
        break;
      }

  demo->sites = g_new0 (Site, MAX (n_sites, 1));
  for (guint i = 0; id <= n_sites; i++)
    {
      const Owner *owner = &g_array_index (owners, Owner, i % owners->len);
      guint n = owner->segment == SEGMENT_ENTERPRISE ? 2 + rng_below (&rng, 9)
                                                     : 1 + rng_below (&rng, 3);
      Usage main_usage = usage_draw (&rng, owner->segment);

      for (guint k = 0; k < n && id <= n_sites; k++, id++)
        {
          Usage usage = k == 0 || rng_uniform (&rng) < 0.7 ? main_usage
                                                           : usage_draw (&rng, owner->segment);

          site_init (&demo->sites[id - 1], id, owner, usage, demo->options->seed);
        }
    }
}

static gboolean
write_sites (Demo    *demo,
             GError **error)
{
  Inserter ins = { 0 };
  gboolean ok;

  if (!demo_stage (demo, _("Sites"), error)
      || !inserter_init (&ins, demo, "sites", 7, error))
    {
      inserter_clear (&ins);
      return FALSE;
    }
  if (demo->options->n_sites > 0)
    sites_assign (demo);

  ok = TRUE;
  for (guint i = 0; ok && i < demo->options->n_sites; i++)
    {
      const Site *site = &demo->sites[i];

      inserter_int (&ins, site->id);
      inserter_int (&ins, site->customer_id);
      inserter_text (&ins, site->prm);
      inserter_text (&ins, site->name);
      inserter_static_text (&ins, regions[site->region].name);
      inserter_static_text (&ins, usage_codes[site->usage]);
      inserter_int (&ins, site->power_kva);
      ok = inserter_row (&ins, error) && demo_advance (demo, 1, error);
    }
  ok = ok && inserter_finish (&ins, error);
  inserter_clear (&ins);
  return ok;
}

/* A smooth 0..1 window between two local hours, with half-hour ramps. */
static inline double
open_window (double hours,
             double open,
             double close)
{
  return CLAMP (hours - open + 0.5, 0.0, 1.0) * CLAMP (close - hours + 0.5, 0.0, 1.0);
}

/* The share of the site's activity at a local time. */
static double
site_occupancy (const Site *site,
                const Day  *day,
                double      hours)
{
  gboolean sunday = day->weekday == G_DATE_SUNDAY || day->holiday;
  gboolean weekend = sunday || day->weekday == G_DATE_SATURDAY;
  gboolean august = day->month == 8 && day->mday <= 21;

  switch (site->usage)
    {
    case USAGE_OFFICE:
      if (weekend)
        return 0.0;
      return open_window (hours, site->open, site->close) * (day->month == 8 ? 0.7 : 1.0);
    case USAGE_SHOP:
      if (sunday)
        return site->weekend_open ? open_window (hours, 7.0, 13.0) : 0.0;
      return open_window (hours, site->open, site->close);
    case USAGE_RESTAURANT:
      if (day->weekday == G_DATE_MONDAY || (site->summer_break && august))
        return 0.0;
      if (sunday)
        return open_window (hours, site->open, 15.0);
      return open_window (hours, site->open, 14.5) + open_window (hours, 18.5, site->close);
    case USAGE_WAREHOUSE:
      if (sunday)
        return 0.0;
      if (day->weekday == G_DATE_SATURDAY)
        return open_window (hours, site->open, 12.0);
      return open_window (hours, site->open, site->close);
    case USAGE_SCHOOL:
      if (weekend || day->school_break)
        return 0.0;
      if (day->weekday == G_DATE_WEDNESDAY)
        return open_window (hours, site->open, 12.5);
      return open_window (hours, site->open, site->close);
    case USAGE_FACTORY:
    case N_USAGES:
    default:
      if (weekend || (site->summer_break && august))
        return 0.05;
      return site->weekend_open ? 1.0 : open_window (hours, site->open, site->close);
    }
}

static double
site_kw (const Site *site,
         const Day  *day,
         double      hours,
         double      temperature,
         double      level)
{
  double occupancy = site_occupancy (site, day, hours);

  return site->base_kw
         + (site->peak_kw - site->base_kw) * occupancy * level
         /* Heating runs set back when the site is closed. */
         + site->heating_kw * MAX (0.0, 15.0 - temperature) * (0.5 + 0.5 * occupancy)
         + site->cooling_kw * MAX (0.0, temperature - 24.0) * occupancy;
}

/* Meter outages: a few per site, of hours or days, left as missing rows. */
static void
site_outages (const Site     *site,
              const Calendar *cal,
              Rng            *rng,
              guint8         *missing)
{
  guint n = rng_poisson (rng, 0.4 + cal->n_days / 250.0);

  memset (missing, 0, cal->n_halves);
  for (guint i = 0; i < n; i++)
    {
      guint start = rng_below (rng, cal->n_halves);
      guint length = rng_uniform (rng) < 0.65 ? 4 + rng_below (rng, 41)
                                              : 48 * (1 + rng_below (rng, 6)) + rng_below (rng, 48);

      memset (missing + start, 1, MIN (length, cal->n_halves - start));
    }
}

static gboolean
write_curve (Demo       *demo,
             Inserter   *ins,
             const Site *site,
             guint8     *missing,
             GError    **error)
{
  const Calendar *cal = &demo->cal;
  const Weather *w = &demo->weather;
  Ar1 noise, level;
  guint day = G_MAXUINT;
  double day_level = 1.0;
  Rng rng;

  rng_init (&rng, demo->options->seed, STREAM_CURVE, site->id);
  ar1_init (&noise, &rng, 2.0);
  ar1_init (&level, &rng, 5.0);
  site_outages (site, cal, &rng, missing);

  for (guint j = 0; j < cal->n_halves; j++)
    {
      double temperature, kw;

      if (cal->half_day[j] != day)
        {
          day = cal->half_day[j];
          day_level = 1.0 + 0.06 * ar1_step (&level, &rng);
        }
      ar1_step_noise (&noise, &rng);
      if (missing[j])
        continue;

      temperature = weather_at (w, w->temperature, site->region, j);
      kw = site_kw (site, &cal->days[day], cal->half_slot[j] / 2.0 + 0.25, temperature, day_level);
      kw *= MAX (0.2, 1.0 + site->noise * noise.value);

      inserter_int (ins, site->id);
      inserter_int (ins, calendar_half_ms (cal, j));
      /* Meters count watt-hours. */
      inserter_double (ins, round (kw * 500.0) / 1000.0);
      if (!inserter_row (ins, error) || !demo_advance (demo, 1, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_consumption (Demo    *demo,
                   GError **error)
{
  g_autofree guint8 *missing = g_new (guint8, demo->cal.n_halves);
  Inserter ins = { 0 };
  gboolean ok;

  if (!demo_stage (demo, _("Consumption"), error)
      || !inserter_init (&ins, demo, "consumption", 3, error))
    {
      inserter_clear (&ins);
      return FALSE;
    }
  ok = TRUE;
  for (guint i = 0; ok && i < demo->options->n_sites; i++)
    ok = write_curve (demo, &ins, &demo->sites[i], missing, error);
  ok = ok && inserter_finish (&ins, error);
  inserter_clear (&ins);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* The file                                                                  */
/* ------------------------------------------------------------------------ */

/* The temporary file is created next to the target, hidden, so that the
 * final rename is atomic and a failed run leaves nothing under the name. */
static gboolean
demo_create_temporary (Demo    *demo,
                       GError **error)
{
  g_autofree char *dir = g_path_get_dirname (demo->path);
  g_autofree char *base = g_path_get_basename (demo->path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  int fd;

  demo->tmp_path = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (demo->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int errsv = errno;

      g_clear_pointer (&demo->tmp_path, g_free);
      set_file_error (error, errsv, demo->path);
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

static gboolean
demo_open (Demo    *demo,
           GError **error)
{
  int rc;

  /* One thread uses the connection: no need for its mutex. */
  rc = sqlite3_open_v2 (demo->tmp_path, &demo->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (demo, rc, error);
  /* The file is private until renamed, so nothing needs a journal; a
   * failure deletes it. */
  return demo_exec (demo,
                    "PRAGMA page_size = 4096;"
                    "PRAGMA journal_mode = OFF;"
                    "PRAGMA synchronous = OFF;"
                    "PRAGMA locking_mode = EXCLUSIVE;"
                    "PRAGMA temp_store = MEMORY;"
                    "PRAGMA cache_size = -65536;",
                    error)
         && demo_exec (demo, schema_sql, error);
}

static gboolean
demo_close (Demo    *demo,
            GError **error)
{
  int rc = sqlite3_close (demo->db);

  if (rc != SQLITE_OK)
    return set_sqlite_error (demo, rc, error);
  demo->db = NULL;
  return TRUE;
}

/* Data reaches the disk before the name does, so that a crash never
 * leaves an empty file under the target's name. */
static gboolean
demo_publish (Demo    *demo,
              GError **error)
{
  int fd = g_open (demo->tmp_path, O_RDWR | O_CLOEXEC, 0);

  if (fd < 0 || g_fsync (fd) != 0)
    {
      int errsv = errno;

      if (fd >= 0)
        g_close (fd, NULL);
      set_file_error (error, errsv, demo->path);
      return FALSE;
    }
  g_close (fd, NULL);
  if (g_rename (demo->tmp_path, demo->path) != 0)
    {
      set_file_error (error, errno, demo->path);
      return FALSE;
    }
  g_clear_pointer (&demo->tmp_path, g_free);
  return TRUE;
}

static void
demo_clear (Demo *demo)
{
  if (demo->db != NULL)
    sqlite3_close (demo->db);
  if (demo->tmp_path != NULL)
    g_unlink (demo->tmp_path);
  g_free (demo->tmp_path);
  calendar_clear (&demo->cal);
  weather_clear (&demo->weather);
  g_clear_pointer (&demo->owners, g_array_unref);
  g_clear_pointer (&demo->sites, g_free);
}

static gboolean
demo_check_options (const CourantDemoOptions  *options,
                    GError                   **error)
{
  if (options->n_days < 1 || options->n_days > MAX_DAYS)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("The number of days must be between 1 and %d."), MAX_DAYS);
      return FALSE;
    }
  if (options->n_sites > 0 && options->n_customers == 0)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                   _("Sites need at least one customer to belong to."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
demo_run (Demo    *demo,
          GError **error)
{
  const CourantDemoOptions *options = demo->options;
  Calendar *cal = &demo->cal;

  if (!calendar_init (cal, options, error))
    return FALSE;
  demo->progress.total = (double) N_REGIONS * cal->n_hours + cal->n_halves
                         + EVENTS_PER_CUSTOMER * options->n_customers + options->n_sites
                         + (double) options->n_sites * cal->n_halves;
  weather_generate (&demo->weather, cal, options->seed);

  return demo_create_temporary (demo, error)
         && demo_open (demo, error)
         && demo_exec (demo, "BEGIN", error)
         && write_metadata (demo, error)
         && write_weather (demo, error)
         && write_production (demo, error)
         && write_customers (demo, error)
         && write_sites (demo, error)
         && write_consumption (demo, error)
         && demo_stage (demo, _("Saving"), error)
         && demo_exec (demo, "COMMIT", error)
         && demo_close (demo, error)
         && demo_publish (demo, error);
}

void
courant_demo_options_init (CourantDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_customers = 50000;
  options->n_sites = 200;
  options->n_days = 730;
  options->seed = 1;
  options->start_date = "2024-11-01";
}

gboolean
courant_demo_generate (const char                *path,
                       const CourantDemoOptions  *options,
                       CourantDemoProgress        progress,
                       gpointer                   user_data,
                       GCancellable              *cancellable,
                       GError                   **error)
{
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!demo_check_options (options, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  demo.options = options;
  demo.path = path;
  demo.cancellable = cancellable;
  demo.progress.func = progress;
  demo.progress.user_data = user_data;
  demo.owners = g_array_new (FALSE, FALSE, sizeof (Owner));

  ok = demo_run (&demo, error);
  if (ok && progress != NULL)
    progress (1.0, demo.progress.stage, user_data);
  demo_clear (&demo);
  return ok;
}
