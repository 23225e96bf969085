// Reads what billing left in the database, the way staff would check it.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { emailMessages, invoices, journalEntries, journalLines } from '../../db/schema.js';

export async function invoicesOf(db: Database, customerId: string) {
  return db.select().from(invoices).where(eq(invoices.customerId, customerId)).orderBy(asc(invoices.periodStart));
}

export async function journalEntriesOf(db: Database, invoiceIds: string[]) {
  if (invoiceIds.length === 0) return [];
  return db.select().from(journalEntries).where(inArray(journalEntries.sourceId, invoiceIds));
}

export async function journalLinesOf(db: Database, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db.select().from(journalLines).where(inArray(journalLines.entryId, entryIds));
}

export async function emailsOf(db: Database, customerId: string) {
  return db.select().from(emailMessages).where(eq(emailMessages.customerId, customerId)).orderBy(asc(emailMessages.createdAt));
}

/** Every billing artefact of a customer at once, for "exactly one of each" assertions. */
export async function billingRecordsOf(db: Database, customerId: string) {
  const issued = await invoicesOf(db, customerId);
  const entries = await journalEntriesOf(db, issued.map((invoice) => invoice.id));
  const lines = await journalLinesOf(db, entries.map((entry) => entry.id));
  const emails = await emailsOf(db, customerId);
  return { invoices: issued, entries, lines, emails };
}
