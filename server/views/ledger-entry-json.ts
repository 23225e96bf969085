// A journal entry on a customer's receivable as JSON, for the REST API's ledger and statement:
// every line of the entry, money in wire form.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import type { LedgerEntryView } from '../services/books/customer-ledger.js';
import { id, isoDate, moneyWire } from './wire-parts.js';

export const ledgerEntryWire = z
  .object({
    id,
    entryDate: isoDate,
    description: z.string(),
    sourceType: z.string(),
    sourceId: z.string(),
    receivableChange: moneyWire.meta({ description: "What this entry changed on the customer's receivable." }),
    runningBalance: moneyWire.meta({ description: 'What the customer owes after this entry.' }),
    lines: z.array(
      z.object({
        accountCode: z.string(),
        accountName: z.string(),
        amount: moneyWire.meta({ description: 'Signed: a debit is positive, a credit negative.' }),
        memo: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'LedgerEntry' });

export function ledgerEntryJson(entry: LedgerEntryView): z.input<typeof ledgerEntryWire> {
  return {
    ...entry,
    receivableChange: toWire(entry.receivableChange),
    runningBalance: toWire(entry.runningBalance),
    lines: entry.lines.map((line) => ({ ...line, amount: toWire(line.amount) })),
  };
}
