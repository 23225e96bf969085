import { ApplicationFailure } from '@temporalio/common';
import { asc, eq } from 'drizzle-orm';
import { formatMoney, money } from '../billing/money.js';
import { creditNoteLines, creditNotes, customers, invoices } from '../db/schema.js';
import { formatDisplayDate } from '../emails/format-date.js';
import { renderCreditNoteEmail } from '../emails/render-credit-note-email.js';
import { customerBalance } from '../db/records/receivables.js';
import type { ActivityDeps } from './deps.js';
import { sendRecordedEmail, type SentEmail } from '../db/records/recorded-email.js';

/** Emails a credit note to its customer, once per credit note whatever the retries. */
export async function emailCreditNote(deps: ActivityDeps, creditNoteId: string): Promise<SentEmail> {
  const [row] = await deps.db
    .select({ note: creditNotes, invoiceNumber: invoices.number })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(eq(creditNotes.id, creditNoteId));
  if (!row) throw ApplicationFailure.nonRetryable(`credit note ${creditNoteId} does not exist`, 'NotFound');
  const { note, invoiceNumber } = row;
  const [customer] = await deps.db.select().from(customers).where(eq(customers.id, note.customerId));
  if (!customer) throw ApplicationFailure.nonRetryable(`customer ${note.customerId} does not exist`, 'NotFound');
  const format = (amountMinor: bigint) => formatMoney(money(amountMinor, note.currency));

  return sendRecordedEmail(deps, {
    kind: 'credit-note-issued',
    entityType: 'credit_note',
    entityId: note.id,
    customerId: customer.id,
    recipient: customer.email,
    idempotencyKey: `credit-note-issued/${note.id}`,
    async render() {
      const lines = await deps.db.select().from(creditNoteLines).where(eq(creditNoteLines.creditNoteId, note.id)).orderBy(asc(creditNoteLines.position));
      const balance = await customerBalance(deps.db, customer.id, note.currency);
      return renderCreditNoteEmail({
        companyName: deps.companyName,
        customerName: customer.name,
        creditNoteNumber: note.number,
        invoiceNumber,
        issueDate: formatDisplayDate(note.issueDate),
        reason: note.reason,
        lines: lines.map((line) => ({
          description: line.description,
          amount: format(line.amountMinor),
          ...(line.taxMinor === 0n ? {} : { tax: `tax: ${format(line.taxMinor)}` }),
        })),
        taxSummary: note.taxMinor === 0n ? null : { net: format(note.netMinor), tax: format(note.taxMinor) },
        total: format(note.totalMinor),
        balance: formatMoney(balance),
        portalUrl: deps.portalUrl,
      });
    },
  });
}
