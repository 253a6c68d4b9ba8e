/* courant-labels.c: the names people read for the codes of a dataset
 *
 * Sources hold codes meant for programs ("payment_difficulty",
 * "call_centre"): every view shows them through this one table, so that a
 * code reads the same in the journeys, the Sankey, the precursors and the
 * customer lists, and in French in a French session. Data that leaves the
 * app (CSV, JSON, action parameters) and colour keys keep the codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "courant-flows.h"
#include "courant-labels.h"

/* The codes of the demo dataset (data/SCHEMA.md): its channels, events,
 * segments, statuses, usages and customer columns, and the flows' two
 * made-up nodes. */
static const struct
{
  const char *code;
  const char *label;
} known_codes[] = {
  { "web", N_("Web") },
  { "app", N_("App") },
  { "call_centre", N_("Call centre") },
  { "email", N_("E-mail") },
  { "letter", N_("Letter") },
  { "shop", N_("Shop") },
  { "account_visit", N_("Account visit") },
  { "bill_viewed", N_("Bill viewed") },
  { "bill_issued", N_("Bill issued") },
  { "payment", N_("Payment") },
  { "complaint", N_("Complaint") },
  { "move_in", N_("Move in") },
  { "move_out", N_("Move out") },
  { "power_change", N_("Power change") },
  { "payment_difficulty", N_("Payment difficulty") },
  { "reminder", N_("Reminder") },
  { "appointment", N_("Appointment") },
  { "call", N_("Call") },
  { "offer_subscribed", N_("Offer subscribed") },
  { "tariff_advice", N_("Tariff advice") },
  { "meter_reading", N_("Meter reading") },
  { "termination", N_("Termination") },
  { "residential", N_("Residential") },
  { "professional", N_("Professional") },
  { "enterprise", N_("Enterprise") },
  { "active", N_("Active") },
  { "terminated", N_("Terminated") },
  { "office", N_("Office") },
  { "restaurant", N_("Restaurant") },
  { "warehouse", N_("Warehouse") },
  { "school", N_("School") },
  { "factory", N_("Factory") },
  { "customer_id", N_("Customer") },
  { "reference", N_("Reference") },
  { "segment", N_("Segment") },
  { "region", N_("Region") },
  { "tariff", N_("Tariff") },
  { "power_kva", N_("Power (kVA)") },
  { "since", N_("Customer since") },
  { "status", N_("Status") },
  { "usage", N_("Usage") },
  /* Translators: the Sankey node that groups the rarer labels of a step. */
  { COURANT_FLOWS_OTHER, N_("(other)") },
  /* Translators: the Sankey node of the journeys that end at a step. */
  { COURANT_FLOWS_END, N_("(end)") },
};

/* The name of @code for people: the translated name of a code the demo
 * uses, else the code with its underscores made spaces and a capital, so
 * that "smart_meter_alert" reads "Smart meter alert". The empty code is
 * an event without a channel. */
char *
courant_label_display (const char *code)
{
  char *label;

  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_codes); i++)
    if (g_str_equal (code, known_codes[i].code))
      return g_strdup (_(known_codes[i].label));
  if (*code == '\0')
    return g_strdup (_("No channel"));
  label = g_strdelimit (g_strdup (code), "_", ' ');
  if (g_ascii_islower (label[0]))
    label[0] = g_ascii_toupper (label[0]);
  return label;
}
