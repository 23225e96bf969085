// Postings for documents whose lines carry tax: a one-off invoice books its sale, a credit note
// takes back some or all of it. Both are one balanced journal entry.
import { ACCOUNTS, assertBalanced, type JournalPosting, type PostingLine } from './ledger.js';
import { add, money, negate, sumMoney, type Money } from './money.js';

/** What one line books: its net to a revenue account and its tax to tax payable. */
export interface SaleLineAmounts {
  revenueAccountCode: string;
  net: Money;
  tax: Money;
}

export interface SaleToPost {
  customerId: string;
  /** The invoice's number, e.g. "INV-2026-000012". */
  invoiceNumber: string;
  lines: readonly SaleLineAmounts[];
}

export interface CreditToPost {
  customerId: string;
  creditNoteNumber: string;
  invoiceNumber: string;
  /** Positive amounts: what is taken back from each line. */
  lines: readonly SaleLineAmounts[];
}

/**
 * Issuing an invoice with tax: debit the customer's receivable for the total (net + tax), credit
 * each revenue account its net and tax payable the tax. Revenue comes sorted by account code, so
 * the same invoice always gives the same posting whatever the order of its lines.
 */
export function salePosting({ customerId, invoiceNumber, lines }: SaleToPost): JournalPosting {
  requireText(customerId, 'salePosting', 'customerId');
  requireText(invoiceNumber, 'salePosting', 'invoiceNumber');
  return bookedSale(`Invoice ${invoiceNumber}`, customerId, lines, 1n);
}

/**
 * A credit note: the mirror of the sale for the amounts credited. Credit the receivable for the
 * total, debit each revenue account its net and tax payable the tax taken back.
 */
export function creditNotePosting({ customerId, creditNoteNumber, invoiceNumber, lines }: CreditToPost): JournalPosting {
  requireText(customerId, 'creditNotePosting', 'customerId');
  requireText(creditNoteNumber, 'creditNotePosting', 'creditNoteNumber');
  requireText(invoiceNumber, 'creditNotePosting', 'invoiceNumber');
  return bookedSale(`Credit note ${creditNoteNumber} for invoice ${invoiceNumber}`, customerId, lines, -1n);
}

/** True when the lines move no money in any account (every line free): nothing to book. */
export function saleBooksNothing(lines: readonly SaleLineAmounts[]): boolean {
  const taxTotal = lines.reduce((sum, line) => sum + line.tax.amountMinor, 0n);
  return taxTotal === 0n && [...netByAccount(lines).values()].every((sum) => sum === 0n);
}

/** Net, tax and total of some lines, in `currency` (so that no lines still sum to zero). */
export function saleTotals(lines: readonly SaleLineAmounts[], currency: string): { net: Money; tax: Money; total: Money } {
  const net = sumMoney(lines.map((line) => line.net), currency);
  const tax = sumMoney(lines.map((line) => line.tax), currency);
  return { net, tax, total: add(net, tax) };
}

/** `sign` 1 books a sale, -1 takes it back. */
function bookedSale(description: string, customerId: string, lines: readonly SaleLineAmounts[], sign: 1n | -1n): JournalPosting {
  const first = lines[0];
  if (!first) throw new Error(`${description} has no lines`);
  const currency = first.net.currency;
  const totals = saleTotals(lines, currency);
  const signed = (amount: Money) => (sign === 1n ? amount : negate(amount));

  // Credits are negative: revenue and tax payable grow on a sale by being credited.
  const revenue: PostingLine[] = [...netByAccount(lines)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([accountCode, net]) => ({ accountCode, customerId: null, amount: signed(money(-net, currency)), memo: description }));
  const tax: PostingLine = {
    accountCode: ACCOUNTS.taxPayable,
    customerId: null,
    amount: signed(negate(totals.tax)),
    memo: description,
  };
  const receivable: PostingLine = { accountCode: ACCOUNTS.accountsReceivable, customerId, amount: signed(totals.total), memo: description };

  const posting = { description, lines: [receivable, ...revenue, tax].filter((line) => line.amount.amountMinor !== 0n) };
  if (posting.lines.length === 0) throw new Error(`${description} totals zero in every account: nothing to post`);
  assertBalanced(posting);
  return posting;
}

/** Net per revenue account. */
function netByAccount(lines: readonly SaleLineAmounts[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const line of lines) {
    if (line.revenueAccountCode.trim() === '') throw new Error('A line to post has no revenue account');
    sums.set(line.revenueAccountCode, (sums.get(line.revenueAccountCode) ?? 0n) + line.net.amountMinor);
  }
  return sums;
}

function requireText(value: string, where: string, name: string): void {
  if (value.trim() === '') throw new Error(`${where}: ${name} is empty`);
}
