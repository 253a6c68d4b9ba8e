/* courant-series-choice.c: the measures of a table and how they load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "courant-series-choice.h"

gboolean
courant_series_choice_can_show (const CourantTableRoles *roles)
{
  return roles != NULL &&
         courant_table_roles_find (roles, COURANT_ROLE_TIME) >= 0 &&
         courant_table_roles_find (roles, COURANT_ROLE_VALUE) >= 0;
}

GtkStringList *
courant_series_choice_list_measures (const CourantTableRoles *roles)
{
  GtkStringList *measures = gtk_string_list_new (NULL);

  g_return_val_if_fail (roles != NULL, measures);

  for (guint i = 0; i < roles->n_columns; i++)
    if (roles->columns[i].role == COURANT_ROLE_VALUE)
      gtk_string_list_append (measures, roles->columns[i].name);
  return measures;
}

/* What tells one series from another: the entity (a site, a meter), or else
 * an attribute such as the region of weather readings, which would
 * otherwise interleave into one meaningless series. */
static const char *
series_key_column (const CourantTableRoles *roles)
{
  const char *entity = courant_table_roles_get_column (roles, COURANT_ROLE_ENTITY);

  return entity != NULL ? entity : courant_table_roles_get_column (roles, COURANT_ROLE_ATTRIBUTE);
}

void
courant_series_choice_init_spec (CourantSeriesSpec       *spec,
                                 const CourantTableRoles *roles,
                                 const char              *measure)
{
  const char *time_column;

  g_return_if_fail (spec != NULL && roles != NULL && measure != NULL);

  time_column = courant_table_roles_get_column (roles, COURANT_ROLE_TIME);
  spec->table = roles->table;
  spec->time_column = time_column;
  spec->value_column = measure;
  spec->entity_column = series_key_column (roles);
  spec->time_encoding = roles->columns[courant_table_roles_lookup (roles, time_column)].encoding;
}
