/* courant-cli-inspect.c: courant-cli inspect SOURCE
 *
 * Lists the tables of a source with the kind and the column roles inferred
 * for each, so that a user can check them before running a query (and
 * override them there with --entity, --time…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "courant-cli.h"
#include "courant-csv.h"
#include "courant-roles.h"
#include "courant-source.h"

/* The encoding is worth showing for the time column only. */
static const char *
column_encoding (const CourantColumnRole *column)
{
  return column->role == COURANT_ROLE_TIME ? courant_time_encoding_to_string (column->encoding)
                                           : NULL;
}

static JsonNode *
table_to_json (const CourantTableInfo  *table,
               const CourantTableRoles *roles)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, table->name);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, table->n_rows);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, courant_table_kind_to_string (roles->kind));
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < table->columns->len; i++)
    {
      const CourantColumnInfo *column = g_ptr_array_index (table->columns, i);
      const CourantColumnRole *role = &roles->columns[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, column->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, courant_column_type_to_string (column->type));
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, courant_role_to_string (role->role));
      if (column_encoding (role) != NULL)
        {
          json_builder_set_member_name (builder, "encoding");
          json_builder_add_string_value (builder, column_encoding (role));
        }
      json_builder_set_member_name (builder, "declared_type");
      json_builder_add_string_value (builder, column->declared_type);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_json (GPtrArray *tables,
            GPtrArray *roles)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < tables->len; i++)
    json_array_add_element (array, table_to_json (g_ptr_array_index (tables, i),
                                                  g_ptr_array_index (roles, i)));

  json_object_set_array_member (object, "tables", g_steal_pointer (&array));
  json_node_set_object (root, object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* One row per column, the table's name, rows and kind repeated. */
static void
print_csv (GPtrArray *tables,
           GPtrArray *roles)
{
  g_autoptr(GString) out = g_string_new ("table,rows,kind,column,type,role,encoding,"
                                         "declared_type\n");

  for (guint i = 0; i < tables->len; i++)
    {
      const CourantTableInfo *table = g_ptr_array_index (tables, i);
      const CourantTableRoles *table_roles = g_ptr_array_index (roles, i);

      for (guint c = 0; c < table->columns->len; c++)
        {
          const CourantColumnInfo *column = g_ptr_array_index (table->columns, c);
          const CourantColumnRole *role = &table_roles->columns[c];
          const char *encoding = column_encoding (role);

          courant_csv_append_field (out, table->name);
          g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%s,", table->n_rows,
                                  courant_table_kind_to_string (table_roles->kind));
          courant_csv_append_field (out, column->name);
          g_string_append_printf (out, ",%s,%s,%s,", courant_column_type_to_string (column->type),
                                  courant_role_to_string (role->role),
                                  encoding != NULL ? encoding : "");
          courant_csv_append_field (out, column->declared_type);
          g_string_append_c (out, '\n');
        }
    }
  g_print ("%s", out->str);
}

/* The roles of every table, in the order of @tables. */
static GPtrArray *
infer_roles (CourantSource  *source,
             GPtrArray      *tables,
             GTimeZone      *tz,
             GError        **error)
{
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) courant_table_roles_free);

  for (guint i = 0; i < tables->len; i++)
    {
      const CourantTableInfo *table = g_ptr_array_index (tables, i);
      CourantTableRoles *table_roles = courant_table_roles_infer_source (source, table->name, tz,
                                                                         NULL, error);

      if (table_roles == NULL)
        return NULL;
      g_ptr_array_add (roles, table_roles);
    }

  return g_steal_pointer (&roles);
}

int
courant_cli_inspect (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CourantSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autofree char *format = NULL;
  g_autofree char *zone = NULL;

  {
    const GOptionEntry entries[] = {
      { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: json or csv"), "FORMAT" },
      { "tz", 0, 0, G_OPTION_ARG_STRING, &zone,
        N_("Time zone of times written without an offset (default Europe/Paris)"), "ZONE" },
      { NULL }
    };

    context = g_option_context_new (_("SOURCE — list the tables of a SQLite or CSV file "
                                      "and what their columns are for"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  }

  if (!courant_cli_parse (context, &argc, &argv))
    return COURANT_CLI_EXIT_USAGE;

  if (!courant_cli_check_one_source (argc) || !courant_cli_check_format (format))
    return COURANT_CLI_EXIT_USAGE;

  tz = g_time_zone_new_identifier (zone != NULL ? zone : "Europe/Paris");
  if (tz == NULL)
    {
      courant_cli_error (_("“%s” is not a known time zone."), zone != NULL ? zone : "Europe/Paris");
      return COURANT_CLI_EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  source = courant_source_open (file, NULL, &error);
  if (source == NULL)
    {
      courant_cli_error ("%s", error->message);
      return COURANT_CLI_EXIT_ERROR;
    }

  roles = infer_roles (source, courant_source_get_tables (source), tz, &error);
  if (roles == NULL)
    {
      courant_cli_error ("%s", error->message);
      return COURANT_CLI_EXIT_ERROR;
    }

  if (g_strcmp0 (format, "csv") == 0)
    print_csv (courant_source_get_tables (source), roles);
  else
    print_json (courant_source_get_tables (source), roles);

  return COURANT_CLI_EXIT_OK;
}
