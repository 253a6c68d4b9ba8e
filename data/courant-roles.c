/* courant-roles.c: what each column of a table is for
 *
 * Names come first: they are normalised (accents stripped, lower case, cut
 * into words at any other character and at camelCase humps) and matched
 * against English and French keywords, so that "Date début", "N° client"
 * and "customerId" all speak. Values come second: they confirm a name
 * (a column called "date" must read as times) and decide alone for opaque
 * names such as c1, c2: time encodings that read nearly every value, Unix
 * times by their magnitude, identifiers repeated over rows for the entity,
 * channel names for the channel, few distinct labels for events and
 * attributes, numbers for measures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "courant-csv.h"
#include "courant-error.h"
#include "courant-roles.h"

/* Share of the sampled values an encoding must read to make a time. */
#define TIME_SHARE        0.9
/* Share of numbers that makes a numeric column. */
#define NUMBER_SHARE      0.9
/* Unix times between 1980 and 2100, in milliseconds and in seconds: the two
 * ranges are far apart, and far from Julian days (2.4 million). */
#define MIN_UNIX_MS       315532800000.0
#define MAX_UNIX_MS       4102444800000.0
#define MIN_UNIX_SECONDS  315532800.0
#define MAX_UNIX_SECONDS  4102444800.0
/* Julian days from 1900 to 2100. */
#define MIN_JULIAN_DAY    2415020.5
#define MAX_JULIAN_DAY    2488069.5
/* Steps, ranks and years: small whole numbers. */
#define MAX_ORDINAL_SPAN  10000.0

typedef enum
{
  WORD_STRONG   = 1 << 0, /* the word alone says the role */
  WORD_ORDINAL  = 1 << 1, /* a time word for an order, not an instant */
  WORD_WEATHER  = 1 << 2, /* a weather measure */
  WORD_LABEL    = 1 << 3, /* a free text: name, description, address */
} WordFlags;

typedef struct
{
  const char  *word;
  CourantRole  role;
  WordFlags    flags;
} Keyword;

#define S WORD_STRONG
/* Words are compared once names are ASCII and lower case. A word of five
 * letters or more also matches inside a longer word ("idclient"), one of
 * four or more at its start ("evenements", "temp"). */
static const Keyword keywords[] = {
  /* entity */
  { "client", COURANT_ROLE_ENTITY, S }, { "customer", COURANT_ROLE_ENTITY, S },
  { "compte", COURANT_ROLE_ENTITY, S }, { "account", COURANT_ROLE_ENTITY, S },
  { "pdl", COURANT_ROLE_ENTITY, S }, { "prm", COURANT_ROLE_ENTITY, S },
  { "site", COURANT_ROLE_ENTITY, S }, { "meter", COURANT_ROLE_ENTITY, S },
  { "compteur", COURANT_ROLE_ENTITY, S }, { "user", COURANT_ROLE_ENTITY, S },
  { "utilisateur", COURANT_ROLE_ENTITY, S }, { "usager", COURANT_ROLE_ENTITY, S },
  { "abonne", COURANT_ROLE_ENTITY, S }, { "subscriber", COURANT_ROLE_ENTITY, S },
  { "contrat", COURANT_ROLE_ENTITY, S }, { "contract", COURANT_ROLE_ENTITY, S },
  { "foyer", COURANT_ROLE_ENTITY, S }, { "household", COURANT_ROLE_ENTITY, S },
  { "menage", COURANT_ROLE_ENTITY, S }, { "member", COURANT_ROLE_ENTITY, S },
  { "membre", COURANT_ROLE_ENTITY, S }, { "visitor", COURANT_ROLE_ENTITY, S },
  { "visiteur", COURANT_ROLE_ENTITY, S }, { "device", COURANT_ROLE_ENTITY, S },
  { "sensor", COURANT_ROLE_ENTITY, S }, { "capteur", COURANT_ROLE_ENTITY, S },
  { "patient", COURANT_ROLE_ENTITY, S }, { "person", COURANT_ROLE_ENTITY, S },
  { "personne", COURANT_ROLE_ENTITY, S }, { "station", COURANT_ROLE_ENTITY, S },
  { "id", COURANT_ROLE_ENTITY, 0 }, { "identifiant", COURANT_ROLE_ENTITY, 0 },
  { "ref", COURANT_ROLE_ENTITY, 0 }, { "reference", COURANT_ROLE_ENTITY, 0 },
  { "numero", COURANT_ROLE_ENTITY, 0 }, { "num", COURANT_ROLE_ENTITY, 0 },
  { "code", COURANT_ROLE_ENTITY, 0 },

  /* time */
  { "date", COURANT_ROLE_TIME, S }, { "datetime", COURANT_ROLE_TIME, S },
  { "time", COURANT_ROLE_TIME, S }, { "timestamp", COURANT_ROLE_TIME, S },
  { "ts", COURANT_ROLE_TIME, S }, { "horodate", COURANT_ROLE_TIME, S },
  { "horodatage", COURANT_ROLE_TIME, S }, { "heure", COURANT_ROLE_TIME, S },
  { "hour", COURANT_ROLE_TIME, S }, { "jour", COURANT_ROLE_TIME, S },
  { "day", COURANT_ROLE_TIME, S }, { "datum", COURANT_ROLE_TIME, S },
  { "instant", COURANT_ROLE_TIME, S }, { "periode", COURANT_ROLE_TIME, S },
  { "period", COURANT_ROLE_TIME, S }, { "mois", COURANT_ROLE_TIME, S },
  { "month", COURANT_ROLE_TIME, S }, { "annee", COURANT_ROLE_TIME, S },
  { "year", COURANT_ROLE_TIME, S }, { "semaine", COURANT_ROLE_TIME, S },
  { "week", COURANT_ROLE_TIME, S }, { "debut", COURANT_ROLE_TIME, S },
  { "start", COURANT_ROLE_TIME, S }, { "created", COURANT_ROLE_TIME, S },
  { "updated", COURANT_ROLE_TIME, S }, { "occurred", COURANT_ROLE_TIME, S },
  { "at", COURANT_ROLE_TIME, 0 }, { "since", COURANT_ROLE_TIME, 0 },
  { "fin", COURANT_ROLE_TIME, 0 }, { "end", COURANT_ROLE_TIME, 0 },
  { "semestre", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "semester", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "trimestre", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "quarter", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "step", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "etape", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "stage", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "rang", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "rank", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "ordre", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "order", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "sequence", COURANT_ROLE_TIME, S | WORD_ORDINAL },
  { "seq", COURANT_ROLE_TIME, S | WORD_ORDINAL },

  /* event */
  { "event", COURANT_ROLE_EVENT, S }, { "evenement", COURANT_ROLE_EVENT, S },
  { "evt", COURANT_ROLE_EVENT, S }, { "action", COURANT_ROLE_EVENT, S },
  { "activity", COURANT_ROLE_EVENT, S }, { "activite", COURANT_ROLE_EVENT, S },
  { "interaction", COURANT_ROLE_EVENT, S }, { "motif", COURANT_ROLE_EVENT, S },
  { "reason", COURANT_ROLE_EVENT, S }, { "page", COURANT_ROLE_EVENT, S },
  { "type", COURANT_ROLE_EVENT, 0 }, { "nature", COURANT_ROLE_EVENT, 0 },

  /* channel */
  { "channel", COURANT_ROLE_CHANNEL, S }, { "canal", COURANT_ROLE_CHANNEL, S },
  { "canaux", COURANT_ROLE_CHANNEL, S }, { "source", COURANT_ROLE_CHANNEL, S },
  { "media", COURANT_ROLE_CHANNEL, S }, { "medium", COURANT_ROLE_CHANNEL, S },
  { "touchpoint", COURANT_ROLE_CHANNEL, S }, { "via", COURANT_ROLE_CHANNEL, 0 },

  /* value */
  { "value", COURANT_ROLE_VALUE, S }, { "valeur", COURANT_ROLE_VALUE, S },
  { "kwh", COURANT_ROLE_VALUE, S }, { "wh", COURANT_ROLE_VALUE, S },
  { "mwh", COURANT_ROLE_VALUE, S }, { "gwh", COURANT_ROLE_VALUE, S },
  { "kw", COURANT_ROLE_VALUE, S }, { "mw", COURANT_ROLE_VALUE, S },
  { "gw", COURANT_ROLE_VALUE, S }, { "kva", COURANT_ROLE_VALUE, S },
  { "consommation", COURANT_ROLE_VALUE, S }, { "conso", COURANT_ROLE_VALUE, S },
  { "consumption", COURANT_ROLE_VALUE, S }, { "production", COURANT_ROLE_VALUE, S },
  { "demande", COURANT_ROLE_VALUE, S }, { "demand", COURANT_ROLE_VALUE, S },
  { "load", COURANT_ROLE_VALUE, S }, { "charge", COURANT_ROLE_VALUE, S },
  { "puissance", COURANT_ROLE_VALUE, S }, { "power", COURANT_ROLE_VALUE, S },
  { "energie", COURANT_ROLE_VALUE, S }, { "energy", COURANT_ROLE_VALUE, S },
  { "montant", COURANT_ROLE_VALUE, S }, { "amount", COURANT_ROLE_VALUE, S },
  { "price", COURANT_ROLE_VALUE, S }, { "prix", COURANT_ROLE_VALUE, S },
  { "cost", COURANT_ROLE_VALUE, S }, { "cout", COURANT_ROLE_VALUE, S },
  { "volume", COURANT_ROLE_VALUE, S }, { "quantite", COURANT_ROLE_VALUE, S },
  { "quantity", COURANT_ROLE_VALUE, S }, { "mesure", COURANT_ROLE_VALUE, S },
  { "measure", COURANT_ROLE_VALUE, S }, { "nucleaire", COURANT_ROLE_VALUE, S },
  { "eolien", COURANT_ROLE_VALUE, S }, { "solaire", COURANT_ROLE_VALUE, S },
  { "hydraulique", COURANT_ROLE_VALUE, S }, { "gaz", COURANT_ROLE_VALUE, S },
  { "bioenergies", COURANT_ROLE_VALUE, S }, { "fioul", COURANT_ROLE_VALUE, S },
  { "charbon", COURANT_ROLE_VALUE, S }, { "pompage", COURANT_ROLE_VALUE, S },
  { "thermique", COURANT_ROLE_VALUE, S }, { "co2", COURANT_ROLE_VALUE, S },
  { "taux", COURANT_ROLE_VALUE, S }, { "total", COURANT_ROLE_VALUE, S },
  { "moyenne", COURANT_ROLE_VALUE, S }, { "mean", COURANT_ROLE_VALUE, S },
  { "avg", COURANT_ROLE_VALUE, S }, { "index", COURANT_ROLE_VALUE, 0 },
  { "temperature", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "temp", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "degc", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "vent", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "wind", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "irradiance", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "ensoleillement", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "rayonnement", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "radiation", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "humidite", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "humidity", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "pluie", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "rain", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "precipitation", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "pression", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "pressure", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "nebulosite", COURANT_ROLE_VALUE, S | WORD_WEATHER },
  { "cloud", COURANT_ROLE_VALUE, S | WORD_WEATHER },

  /* weight */
  { "weight", COURANT_ROLE_WEIGHT, S }, { "poids", COURANT_ROLE_WEIGHT, S },
  { "count", COURANT_ROLE_WEIGHT, S }, { "cnt", COURANT_ROLE_WEIGHT, S },
  { "nombre", COURANT_ROLE_WEIGHT, S }, { "nb", COURANT_ROLE_WEIGHT, S },
  { "nbre", COURANT_ROLE_WEIGHT, S }, { "effectif", COURANT_ROLE_WEIGHT, S },
  { "headcount", COURANT_ROLE_WEIGHT, S }, { "population", COURANT_ROLE_WEIGHT, S },
  { "ponderation", COURANT_ROLE_WEIGHT, S }, { "frequency", COURANT_ROLE_WEIGHT, S },
  { "frequence", COURANT_ROLE_WEIGHT, S },

  /* attribute */
  { "segment", COURANT_ROLE_ATTRIBUTE, S }, { "region", COURANT_ROLE_ATTRIBUTE, S },
  { "departement", COURANT_ROLE_ATTRIBUTE, S }, { "commune", COURANT_ROLE_ATTRIBUTE, S },
  { "ville", COURANT_ROLE_ATTRIBUTE, S }, { "city", COURANT_ROLE_ATTRIBUTE, S },
  { "country", COURANT_ROLE_ATTRIBUTE, S }, { "pays", COURANT_ROLE_ATTRIBUTE, S },
  { "tariff", COURANT_ROLE_ATTRIBUTE, S }, { "tarif", COURANT_ROLE_ATTRIBUTE, S },
  { "offre", COURANT_ROLE_ATTRIBUTE, S }, { "offer", COURANT_ROLE_ATTRIBUTE, S },
  { "option", COURANT_ROLE_ATTRIBUTE, S }, { "categorie", COURANT_ROLE_ATTRIBUTE, S },
  { "category", COURANT_ROLE_ATTRIBUTE, S }, { "profil", COURANT_ROLE_ATTRIBUTE, S },
  { "profile", COURANT_ROLE_ATTRIBUTE, S }, { "usage", COURANT_ROLE_ATTRIBUTE, S },
  { "secteur", COURANT_ROLE_ATTRIBUTE, S }, { "sector", COURANT_ROLE_ATTRIBUTE, S },
  { "statut", COURANT_ROLE_ATTRIBUTE, S }, { "status", COURANT_ROLE_ATTRIBUTE, S },
  { "genre", COURANT_ROLE_ATTRIBUTE, S }, { "gender", COURANT_ROLE_ATTRIBUTE, S },
  { "sexe", COURANT_ROLE_ATTRIBUTE, S }, { "age", COURANT_ROLE_ATTRIBUTE, S },
  { "tranche", COURANT_ROLE_ATTRIBUTE, S }, { "cohort", COURANT_ROLE_ATTRIBUTE, S },
  { "cohorte", COURANT_ROLE_ATTRIBUTE, S }, { "groupe", COURANT_ROLE_ATTRIBUTE, S },
  { "group", COURANT_ROLE_ATTRIBUTE, S }, { "classe", COURANT_ROLE_ATTRIBUTE, S },
  { "class", COURANT_ROLE_ATTRIBUTE, S }, { "marche", COURANT_ROLE_ATTRIBUTE, S },
  { "market", COURANT_ROLE_ATTRIBUTE, S }, { "zone", COURANT_ROLE_ATTRIBUTE, S },
  { "agence", COURANT_ROLE_ATTRIBUTE, S }, { "agency", COURANT_ROLE_ATTRIBUTE, S },
  { "niveau", COURANT_ROLE_ATTRIBUTE, S }, { "level", COURANT_ROLE_ATTRIBUTE, S },
  { "abonnement", COURANT_ROLE_ATTRIBUTE, S }, { "plan", COURANT_ROLE_ATTRIBUTE, S },

  /* free text */
  { "name", COURANT_ROLE_NONE, S | WORD_LABEL }, { "nom", COURANT_ROLE_NONE, S | WORD_LABEL },
  { "label", COURANT_ROLE_NONE, S | WORD_LABEL },
  { "libelle", COURANT_ROLE_NONE, WORD_LABEL },
  { "description", COURANT_ROLE_NONE, S | WORD_LABEL },
  { "comment", COURANT_ROLE_NONE, S | WORD_LABEL },
  { "commentaire", COURANT_ROLE_NONE, S | WORD_LABEL },
  { "adresse", COURANT_ROLE_NONE, S | WORD_LABEL },
  { "address", COURANT_ROLE_NONE, S | WORD_LABEL },
  { "url", COURANT_ROLE_NONE, S | WORD_LABEL }, { "key", COURANT_ROLE_NONE, WORD_LABEL },
  { "cle", COURANT_ROLE_NONE, WORD_LABEL },
};
#undef S

/* Values that name a channel, normalised like column names. */
static const char *const channel_words[] = {
  "web", "site_web", "website", "internet", "online", "en_ligne", "espace_client", "app",
  "application", "appli", "mobile", "app_mobile", "call_centre", "call_center",
  "centre_d_appel", "centre_d_appels", "telephone", "phone", "tel", "email", "e_mail", "mail",
  "courriel", "courrier", "letter", "post", "poste", "sms", "chat", "tchat", "social",
  "social_media", "reseaux_sociaux", "facebook", "twitter", "instagram", "whatsapp", "shop",
  "store", "boutique", "agence", "agency", "magasin", "guichet", "conseiller", "advisor",
  "face_to_face", "push", "notification", "ivr", "serveur_vocal", "newsletter", "display",
  "search", "seo", "sea", "affiliation", "referral", "direct", "organic", "paid",
};

/* What a column's name says. */
typedef struct
{
  CourantRole role;      /* the role its words point to first, or NONE */
  gboolean    strong;    /* whether a word says it alone */
  guint       role_mask; /* every role its words mention, bits 1 << role */
  gboolean    ordinal;
  gboolean    weather;
  gboolean    label;
} NameHints;

/* What a sample of a column's values says. */
typedef struct
{
  guint               n_present;
  guint               n_numbers;
  guint               n_integers;
  guint               n_with_digits; /* texts that are not numbers but hold digits */
  guint               n_iso;
  guint               n_dmy;
  guint               n_distinct;
  guint               max_count;     /* occurrences of the most frequent value */
  guint               n_changes;     /* rows whose value differs from the previous one */
  guint               n_channel_words; /* distinct values that name a channel */
  double              min;
  double              max;
  CourantTimeEncoding encoding;      /* the encoding that reads the column, if any */
} ValueHints;

typedef struct
{
  NameHints  name;
  ValueHints values;
  gboolean   sampled;
} ColumnHints;

const char *
courant_role_to_string (CourantRole role)
{
  switch (role)
    {
    case COURANT_ROLE_ENTITY:    return "entity";
    case COURANT_ROLE_TIME:      return "time";
    case COURANT_ROLE_EVENT:     return "event";
    case COURANT_ROLE_CHANNEL:   return "channel";
    case COURANT_ROLE_VALUE:     return "value";
    case COURANT_ROLE_WEIGHT:    return "weight";
    case COURANT_ROLE_ATTRIBUTE: return "attribute";
    case COURANT_ROLE_NONE:
    default:                     return "none";
    }
}

gboolean
courant_role_from_string (const char  *text,
                          CourantRole *role)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  for (CourantRole r = COURANT_ROLE_NONE; r < COURANT_N_ROLES; r++)
    if (g_ascii_strcasecmp (text, courant_role_to_string (r)) == 0)
      {
        *role = r;
        return TRUE;
      }

  return FALSE;
}

const char *
courant_table_kind_to_string (CourantTableKind kind)
{
  switch (kind)
    {
    case COURANT_TABLE_JOURNEYS: return "journeys";
    case COURANT_TABLE_SERIES:   return "series";
    case COURANT_TABLE_WEATHER:  return "weather";
    case COURANT_TABLE_UNKNOWN:
    default:                     return "unknown";
    }
}

/* The name of a role as the interface shows it. */
const char *
courant_role_get_title (CourantRole role)
{
  switch (role)
    {
    case COURANT_ROLE_ENTITY:    return _("Entity");
    case COURANT_ROLE_TIME:      return _("Time");
    case COURANT_ROLE_EVENT:     return _("Event");
    case COURANT_ROLE_CHANNEL:   return _("Channel");
    case COURANT_ROLE_VALUE:     return _("Measure");
    case COURANT_ROLE_WEIGHT:    return _("Weight");
    case COURANT_ROLE_ATTRIBUTE: return _("Attribute");
    case COURANT_ROLE_NONE:
    default:                     return _("Other");
    }
}

/* What a table holds, as the interface shows it. */
const char *
courant_table_kind_get_title (CourantTableKind kind)
{
  switch (kind)
    {
    case COURANT_TABLE_JOURNEYS: return _("Customer journeys");
    case COURANT_TABLE_SERIES:   return _("Energy series");
    case COURANT_TABLE_WEATHER:  return _("Weather");
    case COURANT_TABLE_UNKNOWN:
    default:                     return _("Table");
    }
}

/* ------------------------------------------------------------------------ */
/* Names                                                                    */
/* ------------------------------------------------------------------------ */

/* "Date début" → { "date", "debut" }; "customerId" → { "customer", "id" }. */
static char **
split_words (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  GString *word = g_string_new (NULL);

  for (const char *p = ascii; ; p++)
    {
      gboolean hump = p > ascii && g_ascii_islower (p[-1]) && g_ascii_isupper (*p);

      if ((!g_ascii_isalnum (*p) || hump) && word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (*p == '\0')
        break;
      if (g_ascii_isalnum (*p))
        g_string_append_c (word, g_ascii_tolower (*p));
    }
  g_string_free (word, TRUE);
  g_ptr_array_add (words, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/* 3 for the same word, 2 for a word that starts with the keyword, 1 for a
 * word that holds it, 0 otherwise. */
static int
match_quality (const char *word,
               const char *keyword)
{
  gsize length = strlen (keyword);

  if (strcmp (word, keyword) == 0)
    return 3;
  if (length >= 4 && g_str_has_prefix (word, keyword))
    return 2;

  return length >= 5 && strstr (word, keyword) != NULL ? 1 : 0;
}

/* The keyword a word matches best ("production" is a measure, although it
 * holds "action"), or -1. */
static int
match_word (const char *word)
{
  int best = -1, best_quality = 0;

  for (guint k = 0; k < G_N_ELEMENTS (keywords); k++)
    {
      int quality = match_quality (word, keywords[k].word);

      if (quality > best_quality)
        {
          best = k;
          best_quality = quality;
        }
    }

  return best;
}

/* The first word that speaks decides, a word that says its role alone
 * before one that only hints at it: "nb_clients" is a weight, "N° client"
 * an entity ("n" is no keyword), "Date début" a time. */
static void
read_name (const char *name,
           const char *declared_type,
           NameHints  *hints)
{
  g_auto(GStrv) words = split_words (name);
  int best = -1;

  memset (hints, 0, sizeof *hints);
  for (guint w = 0; words[w] != NULL; w++)
    {
      int k = match_word (words[w]);

      if (k < 0)
        continue;
      hints->role_mask |= 1u << keywords[k].role;
      hints->weather |= (keywords[k].flags & WORD_WEATHER) != 0;
      if (best < 0 || ((keywords[k].flags & WORD_STRONG) && !(keywords[best].flags & WORD_STRONG)))
        best = k;
    }

  if (best >= 0)
    {
      hints->role = keywords[best].role;
      hints->strong = (keywords[best].flags & WORD_STRONG) != 0;
      hints->ordinal = (keywords[best].flags & WORD_ORDINAL) != 0;
      hints->label = (keywords[best].flags & WORD_LABEL) != 0;
    }

  /* A declared DATE, DATETIME or TIMESTAMP type is as good as a name. */
  if (declared_type != NULL && best < 0)
    {
      g_autofree char *type = g_ascii_strdown (declared_type, -1);

      if (strstr (type, "date") != NULL || strstr (type, "time") != NULL)
        {
          hints->role = COURANT_ROLE_TIME;
          hints->strong = TRUE;
          hints->role_mask |= 1u << COURANT_ROLE_TIME;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Values                                                                   */
/* ------------------------------------------------------------------------ */

/* Empty cells and the usual markers ("NULL", "ND"…) are missing, never zero. */
static gboolean
is_missing (const char *value)
{
  static const char *const markers[] = { "null", "na", "n/a", "nd", "nan", "none", "-" };
  const char *end;

  if (value == NULL)
    return TRUE;
  while (g_ascii_isspace (*value))
    value++;
  end = value + strlen (value);
  while (end > value && g_ascii_isspace (end[-1]))
    end--;
  if (end == value)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if ((gsize) (end - value) == strlen (markers[i]) &&
        g_ascii_strncasecmp (value, markers[i], end - value) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_channel_word (const char *value)
{
  g_auto(GStrv) words = split_words (value);
  g_autofree char *joined = g_strjoinv ("_", words);

  for (guint i = 0; i < G_N_ELEMENTS (channel_words); i++)
    if (strcmp (joined, channel_words[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
has_digit (const char *text)
{
  return strpbrk (text, "0123456789") != NULL;
}

static void
count_value (ValueHints *hints,
             const char *value,
             GTimeZone  *tz)
{
  double number;
  gint64 ms;

  if (courant_csv_parse_double (value, TRUE, &number))
    {
      hints->min = hints->n_numbers == 0 ? number : MIN (hints->min, number);
      hints->max = hints->n_numbers == 0 ? number : MAX (hints->max, number);
      hints->n_numbers++;
      hints->n_integers += number == floor (number);
      return;
    }

  hints->n_with_digits += has_digit (value);
  if (courant_time_parse_text (value, -1, COURANT_TIME_ISO8601, tz, &ms))
    hints->n_iso++;
  else if (courant_time_parse_text (value, -1, COURANT_TIME_DMY, tz, &ms))
    hints->n_dmy++;
}

static gboolean
is_numeric (const ValueHints *hints)
{
  return hints->n_present > 0 && hints->n_numbers >= NUMBER_SHARE * hints->n_present;
}

static gboolean
is_whole (const ValueHints *hints)
{
  return is_numeric (hints) && hints->n_integers == hints->n_numbers;
}

/* Whether any word of the name speaks of time: English puts it last
 * ("eventTimestamp"), French first ("date de l'événement"). */
static gboolean
mentions_time (const NameHints *name)
{
  return (name->role_mask & (1u << COURANT_ROLE_TIME)) != 0;
}

/* The time encoding that reads the column, if any. Numbers are placed by
 * their magnitude; whole numbers of a small span are an order only when
 * the name is first of all about one (a step, a semester, a year: not
 * "nb_jours"). */
static CourantTimeEncoding
guess_encoding (const ValueHints *hints,
                const NameHints  *name)
{
  gboolean named_time = mentions_time (name);

  if (hints->n_present == 0)
    return COURANT_TIME_UNKNOWN;
  if (hints->n_iso >= TIME_SHARE * hints->n_present)
    return COURANT_TIME_ISO8601;
  if (hints->n_dmy >= TIME_SHARE * hints->n_present)
    return COURANT_TIME_DMY;
  if (hints->n_numbers < hints->n_present)
    return COURANT_TIME_UNKNOWN;

  if (hints->min >= MIN_UNIX_MS && hints->max <= MAX_UNIX_MS)
    return COURANT_TIME_UNIX_MILLISECONDS;
  if (hints->min >= MIN_UNIX_SECONDS && hints->max <= MAX_UNIX_SECONDS)
    return COURANT_TIME_UNIX_SECONDS;
  /* Whole numbers near 2.4 million are more often codes than noons. */
  if (hints->min >= MIN_JULIAN_DAY && hints->max <= MAX_JULIAN_DAY &&
      (named_time || hints->n_integers < hints->n_numbers))
    return COURANT_TIME_JULIAN_DAY;
  if (name->role == COURANT_ROLE_TIME && is_whole (hints) &&
      hints->max - hints->min <= MAX_ORDINAL_SPAN)
    return COURANT_TIME_ORDINAL;

  return COURANT_TIME_UNKNOWN;
}

static void
read_values (const CourantPreview *sample,
             guint                 column,
             GTimeZone            *tz,
             const NameHints      *name,
             ValueHints           *hints)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *previous = NULL;
  GHashTableIter iter;
  gpointer key;

  memset (hints, 0, sizeof *hints);
  for (guint r = 0; r < sample->rows->len; r++)
    {
      const char *value = courant_preview_get (sample, r, column);
      guint count;

      if (is_missing (value))
        continue;

      hints->n_present++;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, value)) + 1;
      g_hash_table_insert (counts, (gpointer) value, GUINT_TO_POINTER (count));
      hints->max_count = MAX (hints->max_count, count);
      hints->n_changes += previous != NULL && strcmp (previous, value) != 0;
      previous = value;
      count_value (hints, value, tz);
    }

  hints->n_distinct = g_hash_table_size (counts);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    hints->n_channel_words += is_channel_word (key);
  hints->encoding = guess_encoding (hints, name);
}

/* Whether the column reads as instants (an order is still a number). */
static gboolean
reads_as_instant (const ValueHints *hints)
{
  return hints->encoding != COURANT_TIME_UNKNOWN && hints->encoding != COURANT_TIME_ORDINAL;
}

/* Few distinct labels, each used several times: an event, a channel or an
 * attribute. */
static gboolean
is_categorical (const ValueHints *hints)
{
  return hints->n_present > 0 && !is_numeric (hints) && !reads_as_instant (hints) &&
         hints->n_distinct <= MAX (3, hints->n_present / 3);
}

/* Identifiers: whole numbers, or codes with digits ("CL-0000123"). */
static gboolean
is_identifier (const ValueHints *hints)
{
  return (is_whole (hints) && hints->min >= 0) ||
         (hints->n_numbers == 0 && hints->n_with_digits >= NUMBER_SHARE * hints->n_present);
}

/* The same identifiers come back over rows: in runs when the table is
 * sorted by entity, or spread out without any value dominating (zeros in a
 * measure would). */
static gboolean
looks_like_entity (const ValueHints *hints)
{
  if (!is_identifier (hints) || hints->n_distinct < 2 || hints->n_distinct >= hints->n_present)
    return FALSE;
  if (reads_as_instant (hints))
    return FALSE;

  return hints->n_changes * 4 <= hints->n_present ||
         (hints->n_distinct >= 10 && hints->n_present >= 2 * hints->n_distinct &&
          hints->max_count * 5 <= hints->n_present);
}

/* ------------------------------------------------------------------------ */
/* Roles                                                                    */
/* ------------------------------------------------------------------------ */

static gboolean
role_is_single (CourantRole role)
{
  return role == COURANT_ROLE_ENTITY || role == COURANT_ROLE_TIME ||
         role == COURANT_ROLE_EVENT || role == COURANT_ROLE_CHANNEL ||
         role == COURANT_ROLE_WEIGHT;
}

/* How much a column looks like a time: values that read as instants, more
 * so with a name that says it; orders only with such a name. */
static int
time_score (const ColumnHints *hints)
{
  const ValueHints *values = &hints->values;
  gboolean named = mentions_time (&hints->name);
  int score;

  if (!hints->sampled)
    return hints->name.role == COURANT_ROLE_TIME && hints->name.strong ? 2 : 0;

  switch (values->encoding)
    {
    case COURANT_TIME_ISO8601:
    case COURANT_TIME_DMY:
      score = 3;
      break;

    case COURANT_TIME_UNIX_MILLISECONDS:
    case COURANT_TIME_UNIX_SECONDS:
    case COURANT_TIME_JULIAN_DAY:
      /* Unnamed numbers must also vary like instants: few repeats. */
      if (!named && hints->name.role != COURANT_ROLE_NONE)
        return 0;
      if (!named && values->n_distinct * 2 < values->n_present)
        return 0;
      score = 2;
      break;

    case COURANT_TIME_ORDINAL:
      score = hints->name.ordinal ? 2 : 1;
      break;

    case COURANT_TIME_UNKNOWN:
    default:
      return 0;
    }

  return score + (named ? 2 : 0);
}

static int
entity_score (const ColumnHints *hints)
{
  gboolean named = hints->name.role == COURANT_ROLE_ENTITY;

  if (!hints->sampled)
    return named && hints->name.strong ? 3 : 0;
  if (hints->values.n_present == 0 || reads_as_instant (&hints->values))
    return 0;
  /* A measure is never an identifier, whatever its name. */
  if (is_numeric (&hints->values) && !is_whole (&hints->values))
    return 0;

  if (named && hints->name.strong)
    return 3;
  if (hints->name.role != COURANT_ROLE_NONE && !named)
    return 0;
  if (looks_like_entity (&hints->values))
    return named ? 3 : 2;

  return 0;
}

/* The column with the best positive score among those without a role. */
static int
pick_best (CourantTableRoles *roles,
           const ColumnHints *hints,
           int              (*score) (const ColumnHints *hints),
           int                minimum)
{
  int best = -1, best_score = minimum - 1;

  for (guint c = 0; c < roles->n_columns; c++)
    {
      int s;

      if (roles->columns[c].role != COURANT_ROLE_NONE)
        continue;
      s = score (&hints[c]);
      if (s > best_score)
        {
          best = c;
          best_score = s;
        }
    }

  return best;
}

/* Whether the values agree with what the name says: a weight is a count,
 * events and channels are labels or codes, never measures nor instants. */
static gboolean
values_fit (const ColumnHints *hints,
            CourantRole        role)
{
  const ValueHints *values = &hints->values;

  if (!hints->sampled)
    return TRUE;
  if (values->n_present == 0 || reads_as_instant (values))
    return FALSE;
  if (role == COURANT_ROLE_WEIGHT)
    return is_numeric (values) && values->min >= 0;

  return !is_numeric (values) || is_whole (values);
}

/* The first column without a role whose name says @role. */
static int
pick_named (CourantTableRoles *roles,
            const ColumnHints *hints,
            CourantRole        role)
{
  for (guint c = 0; c < roles->n_columns; c++)
    if (roles->columns[c].role == COURANT_ROLE_NONE && hints[c].name.role == role &&
        values_fit (&hints[c], role))
      return c;

  return -1;
}

static void
assign (CourantTableRoles *roles,
        int                column,
        CourantRole        role)
{
  if (column >= 0)
    roles->columns[column].role = role;
}

/* Labels without a name that says what they are: in a table of journeys,
 * the column whose labels name channels is the channel, the one with the
 * most labels the event. */
static void
assign_unnamed_labels (CourantTableRoles *roles,
                       const ColumnHints *hints)
{
  int channel = -1, event = -1;

  for (guint c = 0; c < roles->n_columns; c++)
    {
      const ValueHints *values = &hints[c].values;

      if (roles->columns[c].role != COURANT_ROLE_NONE || hints[c].name.role != COURANT_ROLE_NONE ||
          !hints[c].sampled || !is_categorical (values))
        continue;
      if (courant_table_roles_find (roles, COURANT_ROLE_CHANNEL) < 0 && channel < 0 &&
          values->n_channel_words * 2 >= values->n_distinct)
        channel = c;
      else if (event < 0 || values->n_distinct > hints[event].values.n_distinct)
        event = c;
    }

  assign (roles, channel, COURANT_ROLE_CHANNEL);
  if (courant_table_roles_find (roles, COURANT_ROLE_EVENT) < 0)
    assign (roles, event, COURANT_ROLE_EVENT);
}

/* Whatever is left: numbers are measures unless their name says they are
 * codes; few labels are attributes; free text and extra times are nothing. */
static CourantRole
leftover_role (const ColumnHints *hints,
               CourantColumnType  type)
{
  const NameHints *name = &hints->name;
  const ValueHints *values = &hints->values;

  if (type == COURANT_COLUMN_BLOB || name->label)
    return COURANT_ROLE_NONE;

  /* The entity, the time… were given to a column before this one. */
  if (!hints->sampled)
    return role_is_single (name->role) ? COURANT_ROLE_NONE : name->role;

  if (values->n_present == 0 || reads_as_instant (values))
    return COURANT_ROLE_NONE;

  if (is_numeric (values))
    {
      if (name->role == COURANT_ROLE_ENTITY || name->role == COURANT_ROLE_ATTRIBUTE)
        return values->n_distinct < values->n_present ? COURANT_ROLE_ATTRIBUTE : COURANT_ROLE_NONE;
      if (name->role == COURANT_ROLE_TIME)
        return COURANT_ROLE_NONE;
      return COURANT_ROLE_VALUE;
    }

  if (is_categorical (values) || (name->role == COURANT_ROLE_ATTRIBUTE &&
                                  values->n_distinct < values->n_present))
    return COURANT_ROLE_ATTRIBUTE;

  return COURANT_ROLE_NONE;
}

static gboolean
column_is_weather (const CourantColumnRole *column)
{
  NameHints name;

  read_name (column->name, NULL, &name);
  return name.weather;
}

void
courant_table_roles_update_kind (CourantTableRoles *roles)
{
  int entity, time;
  guint n_values = 0, n_weather = 0;

  g_return_if_fail (roles != NULL);

  entity = courant_table_roles_find (roles, COURANT_ROLE_ENTITY);
  time = courant_table_roles_find (roles, COURANT_ROLE_TIME);
  for (guint c = 0; c < roles->n_columns; c++)
    if (roles->columns[c].role == COURANT_ROLE_VALUE)
      {
        n_values++;
        n_weather += column_is_weather (&roles->columns[c]);
      }

  roles->kind = COURANT_TABLE_UNKNOWN;
  if (time < 0)
    return;

  if (entity >= 0 && (courant_table_roles_find (roles, COURANT_ROLE_EVENT) >= 0 ||
                      courant_table_roles_find (roles, COURANT_ROLE_CHANNEL) >= 0))
    roles->kind = COURANT_TABLE_JOURNEYS;
  /* A table with one row per entity describes entities, it is no series. */
  else if (n_values > 0 && (entity < 0 || !roles->columns[entity].unique))
    roles->kind = n_weather * 2 > n_values ? COURANT_TABLE_WEATHER : COURANT_TABLE_SERIES;
}

static void
infer_roles (CourantTableRoles *roles,
             const ColumnHints *hints)
{
  int time, entity;

  time = pick_best (roles, hints, time_score, 2);
  assign (roles, time, COURANT_ROLE_TIME);

  entity = pick_best (roles, hints, entity_score, 2);
  assign (roles, entity, COURANT_ROLE_ENTITY);

  assign (roles, pick_named (roles, hints, COURANT_ROLE_EVENT), COURANT_ROLE_EVENT);
  assign (roles, pick_named (roles, hints, COURANT_ROLE_CHANNEL), COURANT_ROLE_CHANNEL);
  assign (roles, pick_named (roles, hints, COURANT_ROLE_WEIGHT), COURANT_ROLE_WEIGHT);
  if (time >= 0 && entity >= 0)
    assign_unnamed_labels (roles, hints);

  for (guint c = 0; c < roles->n_columns; c++)
    if (roles->columns[c].role == COURANT_ROLE_NONE)
      roles->columns[c].role = leftover_role (&hints[c], roles->columns[c].type);
}

CourantTableRoles *
courant_table_roles_infer (const CourantTableInfo *info,
                           const CourantPreview   *sample,
                           GTimeZone              *tz)
{
  g_autoptr(CourantTableRoles) roles = NULL;
  g_autofree ColumnHints *hints = NULL;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (sample == NULL || sample->n_columns == info->columns->len, NULL);

  roles = g_new0 (CourantTableRoles, 1);
  roles->table = g_strdup (info->name);
  roles->n_columns = info->columns->len;
  roles->columns = g_new0 (CourantColumnRole, roles->n_columns);
  hints = g_new0 (ColumnHints, roles->n_columns);

  for (guint c = 0; c < roles->n_columns; c++)
    {
      const CourantColumnInfo *column = g_ptr_array_index (info->columns, c);

      roles->columns[c].name = g_strdup (column->name);
      roles->columns[c].type = column->type;
      read_name (column->name, column->declared_type, &hints[c].name);
      hints[c].sampled = sample != NULL;
      if (sample != NULL)
        {
          read_values (sample, c, tz, &hints[c].name, &hints[c].values);
          roles->columns[c].encoding = hints[c].values.encoding;
          roles->columns[c].unique = hints[c].values.n_present >= 2 &&
                                     hints[c].values.n_distinct == hints[c].values.n_present;
        }
    }

  infer_roles (roles, hints);
  courant_table_roles_update_kind (roles);

  return g_steal_pointer (&roles);
}

CourantTableRoles *
courant_table_roles_infer_source (CourantSource  *source,
                                  const char     *table,
                                  GTimeZone      *tz,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  const CourantTableInfo *info;
  g_autoptr(CourantPreview) sample = NULL;

  g_return_val_if_fail (COURANT_IS_SOURCE (source), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = courant_source_find_table (source, table);
  if (info == NULL)
    {
      g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                   _("There is no table named “%s” in this source."), table);
      return NULL;
    }

  sample = courant_source_preview (source, table, COURANT_ROLES_SAMPLE_ROWS, cancellable, error);
  if (sample == NULL)
    return NULL;

  return courant_table_roles_infer (info, sample, tz);
}

CourantTableRoles *
courant_table_roles_copy (const CourantTableRoles *roles)
{
  CourantTableRoles *copy;

  g_return_val_if_fail (roles != NULL, NULL);

  copy = g_memdup2 (roles, sizeof *roles);
  copy->table = g_strdup (roles->table);
  copy->columns = g_memdup2 (roles->columns, roles->n_columns * sizeof *roles->columns);
  for (guint c = 0; c < roles->n_columns; c++)
    copy->columns[c].name = g_strdup (roles->columns[c].name);

  return copy;
}

void
courant_table_roles_free (CourantTableRoles *roles)
{
  if (roles == NULL)
    return;

  for (guint c = 0; c < roles->n_columns; c++)
    g_free (roles->columns[c].name);
  g_free (roles->columns);
  g_free (roles->table);
  g_free (roles);
}

int
courant_table_roles_find (const CourantTableRoles *roles,
                          CourantRole              role)
{
  g_return_val_if_fail (roles != NULL, -1);

  for (guint c = 0; c < roles->n_columns; c++)
    if (roles->columns[c].role == role)
      return c;

  return -1;
}

const char *
courant_table_roles_get_column (const CourantTableRoles *roles,
                                CourantRole              role)
{
  int column;

  g_return_val_if_fail (roles != NULL, NULL);

  column = courant_table_roles_find (roles, role);
  return column >= 0 ? roles->columns[column].name : NULL;
}

int
courant_table_roles_lookup (const CourantTableRoles *roles,
                            const char              *column)
{
  g_return_val_if_fail (roles != NULL, -1);
  g_return_val_if_fail (column != NULL, -1);

  for (guint c = 0; c < roles->n_columns; c++)
    if (strcmp (roles->columns[c].name, column) == 0)
      return c;

  return -1;
}

static int
lookup_or_error (const CourantTableRoles  *roles,
                 const char               *column,
                 GError                  **error)
{
  int index = courant_table_roles_lookup (roles, column);

  if (index < 0)
    g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_NOT_FOUND,
                 _("There is no column named “%s” in the table “%s”."), column, roles->table);

  return index;
}

gboolean
courant_table_roles_set (CourantTableRoles  *roles,
                         const char         *column,
                         CourantRole         role,
                         GError            **error)
{
  CourantColumnRole *target;
  int index;

  g_return_val_if_fail (roles != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (role < COURANT_N_ROLES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  index = lookup_or_error (roles, column, error);
  if (index < 0)
    return FALSE;

  if (role_is_single (role))
    for (guint c = 0; c < roles->n_columns; c++)
      if (roles->columns[c].role == role)
        roles->columns[c].role = COURANT_ROLE_NONE;

  target = &roles->columns[index];
  target->role = role;
  if (role == COURANT_ROLE_TIME && target->encoding == COURANT_TIME_UNKNOWN &&
      (target->type == COURANT_COLUMN_INTEGER || target->type == COURANT_COLUMN_REAL))
    target->encoding = COURANT_TIME_ORDINAL;
  courant_table_roles_update_kind (roles);

  return TRUE;
}

gboolean
courant_table_roles_set_encoding (CourantTableRoles    *roles,
                                  const char           *column,
                                  CourantTimeEncoding   encoding,
                                  GError              **error)
{
  int index;

  g_return_val_if_fail (roles != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (encoding <= COURANT_TIME_ORDINAL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  index = lookup_or_error (roles, column, error);
  if (index < 0)
    return FALSE;

  roles->columns[index].encoding = encoding;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Command-line overrides                                                   */
/* ------------------------------------------------------------------------ */

void
courant_role_overrides_add_entries (CourantRoleOverrides *overrides,
                                    GOptionContext       *context,
                                    guint                 roles_mask)
{
  const GOptionEntry all[] = {
    { "entity", 0, 0, G_OPTION_ARG_STRING, &overrides->entity,
      N_("The column of the entity (customer, site, meter…)"), N_("COLUMN") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &overrides->time,
      N_("The column of the time or the order of steps"), N_("COLUMN") },
    { "time-encoding", 0, 0, G_OPTION_ARG_STRING, &overrides->time_encoding,
      N_("How the time is written: iso8601, dmy, unix-seconds, unix-milliseconds, "
         "julian-day or ordinal"), N_("ENCODING") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &overrides->event,
      N_("The column of the event"), N_("COLUMN") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &overrides->channel,
      N_("The column of the channel"), N_("COLUMN") },
    { "weight", 0, 0, G_OPTION_ARG_STRING, &overrides->weight,
      N_("The column of the number of people a row stands for"), N_("COLUMN") },
    { "value", 0, 0, G_OPTION_ARG_STRING_ARRAY, &overrides->values,
      N_("A column of measures (repeat for more)"), N_("COLUMN") },
    { "attribute", 0, 0, G_OPTION_ARG_STRING_ARRAY, &overrides->attributes,
      N_("A column of attributes such as a segment (repeat for more)"), N_("COLUMN") },
  };
  const CourantRole roles[] = {
    COURANT_ROLE_ENTITY, COURANT_ROLE_TIME, COURANT_ROLE_TIME, COURANT_ROLE_EVENT,
    COURANT_ROLE_CHANNEL, COURANT_ROLE_WEIGHT, COURANT_ROLE_VALUE, COURANT_ROLE_ATTRIBUTE,
  };
  GOptionEntry entries[G_N_ELEMENTS (all) + 1] = { { NULL } };
  guint n = 0;

  g_return_if_fail (overrides != NULL);
  g_return_if_fail (context != NULL);
  G_STATIC_ASSERT (G_N_ELEMENTS (all) == G_N_ELEMENTS (roles));

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (roles_mask == 0 || (roles_mask & (1u << roles[i])) != 0)
      entries[n++] = all[i];

  /* The context copies the entries; the strings are static. */
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

gboolean
courant_role_overrides_is_empty (const CourantRoleOverrides *overrides)
{
  g_return_val_if_fail (overrides != NULL, TRUE);

  return overrides->entity == NULL && overrides->time == NULL && overrides->event == NULL &&
         overrides->channel == NULL && overrides->weight == NULL &&
         (overrides->values == NULL || overrides->values[0] == NULL) &&
         (overrides->attributes == NULL || overrides->attributes[0] == NULL) &&
         overrides->time_encoding == NULL;
}

static gboolean
apply_list (CourantTableRoles  *roles,
            char *const        *columns,
            CourantRole         role,
            GError            **error)
{
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    if (!courant_table_roles_set (roles, columns[i], role, error))
      return FALSE;

  return TRUE;
}

gboolean
courant_table_roles_apply_overrides (CourantTableRoles           *roles,
                                     const CourantRoleOverrides  *overrides,
                                     GError                     **error)
{
  const struct { const char *column; CourantRole role; } singles[] = {
    { overrides->entity,  COURANT_ROLE_ENTITY },
    { overrides->time,    COURANT_ROLE_TIME },
    { overrides->event,   COURANT_ROLE_EVENT },
    { overrides->channel, COURANT_ROLE_CHANNEL },
    { overrides->weight,  COURANT_ROLE_WEIGHT },
  };

  g_return_val_if_fail (roles != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (singles); i++)
    if (singles[i].column != NULL &&
        !courant_table_roles_set (roles, singles[i].column, singles[i].role, error))
      return FALSE;

  if (!apply_list (roles, overrides->values, COURANT_ROLE_VALUE, error) ||
      !apply_list (roles, overrides->attributes, COURANT_ROLE_ATTRIBUTE, error))
    return FALSE;

  if (overrides->time_encoding != NULL)
    {
      CourantTimeEncoding encoding;
      int time = courant_table_roles_find (roles, COURANT_ROLE_TIME);

      if (!courant_time_encoding_from_string (overrides->time_encoding, &encoding) ||
          encoding == COURANT_TIME_UNKNOWN)
        {
          g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                       _("“%s” is not a time encoding: use iso8601, dmy, unix-seconds, "
                         "unix-milliseconds, julian-day or ordinal."),
                       overrides->time_encoding);
          return FALSE;
        }
      if (time < 0)
        {
          g_set_error (error, COURANT_DATA_ERROR, COURANT_DATA_ERROR_INVALID,
                       _("The table “%s” has no time column to read as %s: choose one "
                         "with --time."), roles->table, overrides->time_encoding);
          return FALSE;
        }
      roles->columns[time].encoding = encoding;
    }

  return TRUE;
}

void
courant_role_overrides_clear (CourantRoleOverrides *overrides)
{
  g_clear_pointer (&overrides->entity, g_free);
  g_clear_pointer (&overrides->time, g_free);
  g_clear_pointer (&overrides->event, g_free);
  g_clear_pointer (&overrides->channel, g_free);
  g_clear_pointer (&overrides->weight, g_free);
  g_clear_pointer (&overrides->values, g_strfreev);
  g_clear_pointer (&overrides->attributes, g_strfreev);
  g_clear_pointer (&overrides->time_encoding, g_free);
}
