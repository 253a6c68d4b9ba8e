/* courant-drop-down.c: what the pages' drop-downs show and search by
 *
 * The options hold codes, which the queries need; the drop-downs show the
 * names of courant-labels, and long lists (hundreds of sites) are searched
 * by typing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "courant-drop-down.h"
#include "courant-labels.h"

static char *
display_cb (GObject    *item,
            const char *code,
            gpointer    user_data)
{
  return code != NULL ? courant_label_display (code) : NULL;
}

void
courant_drop_down_show_names (GtkDropDown *drop_down)
{
  GtkExpression *code = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  /* The drop-down takes a reference of its own. */
  g_autoptr(GtkExpression) display = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &code,
                                                                  G_CALLBACK (display_cb), NULL, NULL);

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  gtk_drop_down_set_expression (drop_down, display);
}

void
courant_drop_down_search_strings (GtkDropDown *drop_down)
{
  g_autoptr(GtkExpression) string = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  gtk_drop_down_set_expression (drop_down, string);
}
