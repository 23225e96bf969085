import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { money, toWire } from '../billing/money.js';
import type { Database } from '../db/client.js';
import { creditNotes, invoices } from '../db/schema.js';
import type { PostedDocument } from './account-types.js';
import { customerBalance } from '../db/records/receivables.js';

/** A posted invoice or credit note as the account workflow records it, with the balance after it. */
export async function postedDocument(db: Database, kind: PostedDocument['kind'], documentId: string): Promise<PostedDocument> {
  const document = await findDocument(db, kind, documentId);
  if (!document) throw ApplicationFailure.nonRetryable(`${kind} ${documentId} does not exist`, 'NotFound');
  const balance = await customerBalance(db, document.customerId, document.currency);
  // A credit note lowers what the customer owes: its total travels negative, as the ledger sees it.
  const total = kind === 'invoice' ? document.totalMinor : -document.totalMinor;
  return { kind, documentId, number: document.number, total: toWire(money(total, document.currency)), balance: toWire(balance) };
}

async function findDocument(db: Database, kind: PostedDocument['kind'], documentId: string) {
  const table = kind === 'invoice' ? invoices : creditNotes;
  const [row] = await db
    .select({ number: table.number, customerId: table.customerId, currency: table.currency, totalMinor: table.totalMinor })
    .from(table)
    .where(eq(table.id, documentId));
  return row;
}
