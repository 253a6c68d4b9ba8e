/* test-labels.c: the names people read for the codes of a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "courant-flows.h"
#include "courant-labels.h"

static void
check_label (const char *code,
             const char *expected)
{
  g_autofree char *label = courant_label_display (code);

  g_assert_cmpstr (label, ==, expected);
}

static void
test_known (void)
{
  check_label ("payment_difficulty", "Payment difficulty");
  check_label ("call_centre", "Call centre");
  check_label ("email", "E-mail");
  check_label ("power_kva", "Power (kVA)");
  check_label ("since", "Customer since");
  check_label ("residential", "Residential");
  check_label ("terminated", "Terminated");
}

/* A code the table does not know still reads as words; a name that is
 * already for people stays as it is. */
static void
test_unknown (void)
{
  check_label ("smart_meter_alert", "Smart meter alert");
  check_label ("Île-de-France", "Île-de-France");
  check_label ("Heures creuses", "Heures creuses");
  check_label ("CL-0000123", "CL-0000123");
  check_label ("", "No channel");
}

static void
test_flows_nodes (void)
{
  check_label (COURANT_FLOWS_OTHER, "(other)");
  check_label (COURANT_FLOWS_END, "(end)");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/labels/known", test_known);
  g_test_add_func ("/labels/unknown", test_unknown);
  g_test_add_func ("/labels/flows-nodes", test_flows_nodes);

  return g_test_run ();
}
