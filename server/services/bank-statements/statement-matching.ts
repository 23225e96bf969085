// What the matcher may look up for a batch of statement rows: the invoices and customers their
// references name, loaded in two queries per batch (never the whole customer table), so matching
// a row is a map lookup.
import { inArray, sql } from 'drizzle-orm';
import {
  customerReference,
  customerReferencesIn,
  invoiceNumbersIn,
  type BankMatchLookup,
  type MatchableCustomer,
  type MatchableInvoice,
} from '../../../billing/payments/bank-matching.js';
import type { Database } from '../../../db/client.js';
import { customers, invoices } from '../../../db/schema.js';

export async function loadMatchLookup(db: Database, references: readonly string[]): Promise<BankMatchLookup> {
  const numbers = new Set<string>();
  const prefixes = new Set<string>();
  for (const reference of references) {
    for (const number of invoiceNumbersIn(reference)) numbers.add(number);
    for (const found of customerReferencesIn(reference)) prefixes.add(found.reference.slice('CUST-'.length).toLowerCase());
  }
  const byNumber = new Map<string, MatchableInvoice>();
  if (numbers.size > 0) {
    const rows = await db
      .select({ invoiceId: invoices.id, number: invoices.number, customerId: invoices.customerId, currency: invoices.currency })
      .from(invoices)
      .where(inArray(invoices.number, [...numbers]));
    for (const row of rows) byNumber.set(row.number, row);
  }
  const byReference = new Map<string, MatchableCustomer[]>();
  if (prefixes.size > 0) {
    const rows = await db
      .select({ customerId: customers.id, currency: customers.currency })
      .from(customers)
      .where(sql`left(${customers.id}::text, 8) = any(${`{${[...prefixes].join(',')}}`}::text[])`);
    for (const row of rows) {
      const reference = customerReference(row.customerId);
      byReference.set(reference, [...(byReference.get(reference) ?? []), row]);
    }
  }
  return {
    invoice: (number) => byNumber.get(number),
    customersWithReference: (reference) => byReference.get(reference) ?? [],
  };
}
