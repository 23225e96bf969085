import { assertBalanced, type JournalPosting } from '../../billing/ledger.js';
import type { IsoDate } from '../../billing/calendar.js';
import { journalEntries, journalLines } from '../schema.js';
import type { Transaction } from './transaction.js';

export interface JournalSource {
  type: 'invoice' | 'credit_note' | 'payment' | 'payment_assignment' | 'credit_application' | 'refund' | 'gateway_fee' | 'gateway_payout';
  id: string;
}

/** Writes a balanced posting as one journal entry, keyed by what it books. */
export async function postJournalEntry(
  tx: Transaction,
  posting: JournalPosting,
  source: JournalSource,
  entryDate: IsoDate,
): Promise<string> {
  // The database refuses an unbalanced entry at commit; checking first gives a clearer message.
  assertBalanced(posting);
  const [entry] = await tx
    .insert(journalEntries)
    .values({ entryDate, description: posting.description, sourceType: source.type, sourceId: source.id })
    .returning({ id: journalEntries.id });
  if (!entry) throw new Error(`journal entry for ${source.type} ${source.id} was not stored`);
  await tx.insert(journalLines).values(
    posting.lines.map((line) => ({
      entryId: entry.id,
      accountCode: line.accountCode,
      customerId: line.customerId,
      amountMinor: line.amount.amountMinor,
      currency: line.amount.currency,
      memo: line.memo ?? null,
    })),
  );
  return entry.id;
}
