/* courant-roles.h: what each column of a table is for
 *
 * Marketers do not write column mappings: the role of every column (the
 * customer, the time, the event…) and the kind of the table are inferred
 * from the names, in any language, and from a sample of the values. Every
 * inference can be overridden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "courant-source.h"
#include "courant-time.h"

G_BEGIN_DECLS

/* How many rows courant_table_roles_infer_source() samples. */
#define COURANT_ROLES_SAMPLE_ROWS 1000

typedef enum
{
  COURANT_ROLE_NONE,
  COURANT_ROLE_ENTITY,    /* who or what a row is about: customer, site, meter */
  COURANT_ROLE_TIME,      /* an instant, or an order such as a step or a semester */
  COURANT_ROLE_EVENT,     /* what happened */
  COURANT_ROLE_CHANNEL,   /* through which channel */
  COURANT_ROLE_VALUE,     /* a measure */
  COURANT_ROLE_WEIGHT,    /* how many people a row stands for */
  COURANT_ROLE_ATTRIBUTE, /* a segment, a region, a tariff… */
} CourantRole;

#define COURANT_N_ROLES (COURANT_ROLE_ATTRIBUTE + 1)

typedef enum
{
  COURANT_TABLE_UNKNOWN,
  COURANT_TABLE_JOURNEYS, /* entity, time and event (or channel) */
  COURANT_TABLE_SERIES,   /* time and measures */
  COURANT_TABLE_WEATHER,  /* time and mostly weather measures */
} CourantTableKind;

typedef struct
{
  char                *name;
  CourantColumnType    type;
  CourantRole          role;
  /* For a time column, how to read it; for any other column, how it would
   * be read if it were made the time (UNKNOWN if it cannot be). */
  CourantTimeEncoding  encoding;
  /* Every sampled value differs from the others: a key, such as the
   * customer of a table of customers. */
  gboolean             unique;
} CourantColumnRole;

typedef struct
{
  char              *table;
  CourantTableKind   kind;
  guint              n_columns;
  CourantColumnRole *columns;
} CourantTableRoles;

const char        *courant_role_to_string             (CourantRole         role);
gboolean           courant_role_from_string           (const char         *text,
                                                       CourantRole        *role);
const char        *courant_table_kind_to_string       (CourantTableKind    kind);
const char        *courant_role_get_title             (CourantRole         role);
const char        *courant_table_kind_get_title       (CourantTableKind    kind);

/* Infers roles from the table's columns and a sample of its rows (whose
 * columns match @info's, in order). Local times in the sample are read in
 * @tz (NULL: Europe/Paris). */
CourantTableRoles *courant_table_roles_infer          (const CourantTableInfo *info,
                                                       const CourantPreview   *sample,
                                                       GTimeZone              *tz);
/* The same, sampling the first COURANT_ROLES_SAMPLE_ROWS rows of @table.
 * Blocking: call it from a worker. */
CourantTableRoles *courant_table_roles_infer_source   (CourantSource          *source,
                                                       const char             *table,
                                                       GTimeZone              *tz,
                                                       GCancellable           *cancellable,
                                                       GError                **error);
CourantTableRoles *courant_table_roles_copy           (const CourantTableRoles *roles);
void               courant_table_roles_free           (CourantTableRoles      *roles);

/* The index of the first column with @role, or -1. */
int                courant_table_roles_find           (const CourantTableRoles *roles,
                                                       CourantRole             role);
/* The name of the first column with @role, or NULL. */
const char        *courant_table_roles_get_column     (const CourantTableRoles *roles,
                                                       CourantRole             role);
/* The index of the column named @column, or -1. */
int                courant_table_roles_lookup         (const CourantTableRoles *roles,
                                                       const char             *column);

/* Gives @column the @role. A table has one entity, time, event, channel and
 * weight column: the column that had the role before loses it (to NONE).
 * Making a column the time keeps its encoding, or for numbers that could
 * not be read as instants, makes them an order (ORDINAL). The kind is
 * inferred again. */
gboolean           courant_table_roles_set            (CourantTableRoles      *roles,
                                                       const char             *column,
                                                       CourantRole             role,
                                                       GError                **error);
/* Sets how the time @column is read. */
gboolean           courant_table_roles_set_encoding   (CourantTableRoles      *roles,
                                                       const char             *column,
                                                       CourantTimeEncoding     encoding,
                                                       GError                **error);
/* Infers the kind again from the roles. */
void               courant_table_roles_update_kind    (CourantTableRoles      *roles);

/* Command-line overrides: --entity C --time C --event C --channel C
 * --weight C --value C (repeatable) --attribute C (repeatable)
 * --time-encoding ENCODING. Fill one with courant_role_overrides_add_entries()
 * and g_option_context_parse(), then apply it. */
typedef struct
{
  char  *entity;
  char  *time;
  char  *event;
  char  *channel;
  char  *weight;
  char **values;
  char **attributes;
  char  *time_encoding;
} CourantRoleOverrides;

/* Adds the options of the roles set in @roles_mask (bits 1 << CourantRole;
 * 0: all of them) to @context's main group. @overrides must outlive the
 * parsing. The time encoding option comes with the time option. */
void               courant_role_overrides_add_entries (CourantRoleOverrides   *overrides,
                                                       GOptionContext         *context,
                                                       guint                   roles_mask);
gboolean           courant_role_overrides_is_empty    (const CourantRoleOverrides *overrides);
/* Applies every override, or fails with a sentence naming the column that
 * does not exist or the encoding that is not one. */
gboolean           courant_table_roles_apply_overrides (CourantTableRoles     *roles,
                                                       const CourantRoleOverrides *overrides,
                                                       GError                **error);
void               courant_role_overrides_clear       (CourantRoleOverrides   *overrides);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourantTableRoles, courant_table_roles_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CourantRoleOverrides, courant_role_overrides_clear)

G_END_DECLS
