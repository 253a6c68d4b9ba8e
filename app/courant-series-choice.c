/* courant-series-choice.c: the measures of a table and how they load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

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

const char *
courant_series_choice_get_measure (GtkDropDown *dropdown)
{
  GtkStringObject *item;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);

  item = gtk_drop_down_get_selected_item (dropdown);
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
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

void
courant_series_choice_load_async (CourantSource           *source,
                                  const CourantTableRoles *roles,
                                  const char              *measure,
                                  GTimeZone               *timezone,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  CourantSeriesSpec spec = { 0 };

  g_return_if_fail (COURANT_IS_SOURCE (source));
  g_return_if_fail (roles != NULL && measure != NULL);

  /* The load copies the spec's strings, so it may live on the stack. */
  courant_series_choice_init_spec (&spec, roles, measure);
  courant_series_store_load_async (source, &spec, timezone, NULL, NULL, cancellable, callback, user_data);
}

GtkStringList *
courant_series_choice_list_series (CourantSeriesStore *store)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  guint n;

  g_return_val_if_fail (store != NULL, names);

  n = courant_series_store_get_n_series (store);
  /* Translators: the first item of a series menu: every series (site,
   * meter) added up. */
  gtk_string_list_append (names, _("All (sum)"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, courant_series_store_get_series (store, i)->name);
  return names;
}

const char *
courant_series_choice_get_series (GtkDropDown        *dropdown,
                                  CourantSeriesStore *store)
{
  guint selected;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);
  g_return_val_if_fail (store != NULL, NULL);

  selected = gtk_drop_down_get_selected (dropdown);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > courant_series_store_get_n_series (store))
    return NULL;
  return courant_series_store_get_series (store, selected - 1)->name;
}

char **
courant_series_choice_get_only (GtkDropDown        *dropdown,
                                CourantSeriesStore *store)
{
  const char *name = courant_series_choice_get_series (dropdown, store);
  const char *names[2] = { name, NULL };

  return name != NULL ? g_strdupv ((char **) names) : NULL;
}
