// Issuing an invoice of item lines (a one-off invoice, or an accepted quote): numbered from the
// year's gapless series, stored with each line's tax, and booked as one balanced journal entry.
import { isoDateParts, type IsoDate } from '../../billing/calendar.js';
import { priceItemLine } from '../../billing/item-lines.js';
import { money, type Money } from '../../billing/money.js';
import { saleBooksNothing, salePosting, saleTotals } from '../../billing/sale-posting.js';
import { invoiceLines, invoices } from '../schema.js';
import { nextInvoiceNumber } from './document-numbers.js';
import { postJournalEntry } from './journal-entries.js';
import { handOffAccountFact } from './handoffs.js';
import { customerDueDate } from './payment-terms.js';
import { applyCustomerCredit } from './payments.js';
import type { Transaction } from './transaction.js';

export interface ItemInvoiceLine {
  itemId: string | null;
  description: string;
  /** A plain decimal above zero ("2", "1.5"). */
  quantity: string;
  /** Net price of one unit, tax exclusive, in the invoice's currency. */
  unitAmountMinor: bigint;
  /** Percent ("21"). */
  taxRate: string;
  revenueAccountCode: string;
}

export interface ItemInvoiceToIssue {
  /** Chosen by the caller, so it can refer to the invoice before the transaction commits. */
  invoiceId: string;
  customerId: string;
  currency: string;
  issueDate: IsoDate;
  lines: ItemInvoiceLine[];
}

export interface IssuedItemInvoice {
  invoiceId: string;
  number: string;
  total: Money;
  tax: Money;
}

/**
 * Runs inside the caller's transaction: takes the next gapless number, stores the invoice (kind
 * 'one_off', no period) and its lines (kind 'item', each priced with priceItemLine: net and tax
 * rounded once), and posts ONE balanced journal entry: debit 1100 receivable (the customer) the
 * total, credit each revenue account its net, credit 2200 tax payable the tax.
 */
export async function issueItemInvoice(tx: Transaction, input: ItemInvoiceToIssue): Promise<IssuedItemInvoice> {
  const { invoiceId, customerId, currency, issueDate } = input;
  if (input.lines.length === 0) throw new Error(`Invoice ${invoiceId} has no lines`);
  const priced = input.lines.map((line) => ({
    line,
    ...priceItemLine({ quantity: line.quantity, unitAmount: money(line.unitAmountMinor, currency), taxRate: line.taxRate }),
  }));
  const booked = priced.map(({ line, net, tax }) => ({ revenueAccountCode: line.revenueAccountCode, net, tax }));
  const { tax, total } = saleTotals(booked, currency);

  // Taken last: the year's series stays locked from here to commit, and every issuer waits on it.
  const number = await nextInvoiceNumber(tx, isoDateParts(issueDate).year);
  await tx.insert(invoices).values({
    id: invoiceId,
    number,
    customerId,
    kind: 'one_off',
    issueDate,
    dueDate: await customerDueDate(tx, customerId, issueDate),
    currency,
    totalMinor: total.amountMinor,
    taxMinor: tax.amountMinor,
  });
  await tx.insert(invoiceLines).values(
    priced.map(({ line, quantity, net, tax: lineTax }, position) => ({
      invoiceId,
      position,
      kind: 'item' as const,
      itemId: line.itemId,
      description: line.description,
      quantity,
      unit: null,
      unitAmountMinor: line.unitAmountMinor,
      amountMinor: net.amountMinor,
      taxRate: line.taxRate,
      taxMinor: lineTax.amountMinor,
      revenueAccountCode: line.revenueAccountCode,
    })),
  );
  // An invoice of free lines is a record for the customer with nothing to book.
  if (!saleBooksNothing(booked)) {
    const posting = salePosting({ customerId, invoiceNumber: number, lines: booked });
    await postJournalEntry(tx, posting, { type: 'invoice', id: invoiceId }, issueDate);
  }
  // Credit the customer holds (an overpayment, a credit note beyond its invoice) pays it at once.
  await applyCustomerCredit(tx, customerId, currency, issueDate);
  // Last, after the number series: the account's hand-off sequence stays locked only until commit.
  await handOffAccountFact(tx, customerId, { kind: 'document-posted', document: 'invoice', documentId: invoiceId });
  return { invoiceId, number, total, tax };
}
