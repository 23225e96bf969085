import { currencyExponent } from './currency.js';
import { invoiceTotal, type InvoiceLineDraft } from './invoice-lines.js';
import { minorUnitsToDecimalString } from './money-format.js';
import { negate, sumMoney, type Money } from './money.js';

/** The chart of accounts the domain posts to. Codes, not names, so renaming an account is free. */
export const ACCOUNTS = {
  accountsReceivable: '1100',
  cash: '1000',
  /** Card money the gateway holds for us until it pays out to the bank. */
  gatewayClearing: '1050',
  customerCredit: '2100',
  taxPayable: '2200',
  /** Money received that matches no customer yet: held here until staff assign it. */
  unallocatedReceipts: '2300',
  planRevenue: '4000',
  usageRevenue: '4100',
  maintenanceRevenue: '4200',
  partsRevenue: '4300',
  penaltyIncome: '4900',
  gatewayFees: '6100',
} as const;

/** One side of a journal entry. Signed: a debit is positive, a credit negative. */
export interface PostingLine {
  accountCode: string;
  customerId: string | null; // set on customer sub-ledger accounts (receivable, credit)
  amount: Money;
  memo?: string;
}

export interface JournalPosting {
  description: string;
  lines: PostingLine[];
}

/** Double entry: at least two lines, none zero, and per currency debits equal credits. */
export function assertBalanced(posting: JournalPosting): void {
  const { description, lines } = posting;
  if (lines.length < 2) throw new Error(`Posting "${description}" needs at least two lines, has ${lines.length}`);
  lines.forEach((line, i) => {
    if (line.accountCode.trim() === '') throw new Error(`Posting "${description}": line ${i + 1} has no account`);
    if (line.amount.amountMinor === 0n) {
      throw new Error(`Posting "${description}": line ${i + 1} (account ${line.accountCode}) has a zero amount`);
    }
  });
  const offBy = new Map<string, bigint>();
  for (const { amount } of lines) offBy.set(amount.currency, (offBy.get(amount.currency) ?? 0n) + amount.amountMinor);
  const problems = [...offBy]
    .filter(([, sum]) => sum !== 0n)
    .map(([currency, sum]) => {
      const size = minorUnitsToDecimalString(sum < 0n ? -sum : sum, currencyExponent(currency));
      return `${currency} is off by ${size} (${sum > 0n ? 'debits exceed credits' : 'credits exceed debits'})`;
    });
  if (problems.length > 0) throw new Error(`Posting "${description}" does not balance: ${problems.join('; ')}`);
}

export interface InvoiceToPost {
  customerId: string;
  invoiceNumber: string;
  lines: readonly InvoiceLineDraft[];
}

/**
 * Issuing an invoice: debit the customer's receivable for the total, credit each revenue account
 * for its lines. Revenue lines come sorted by account code so that the same invoice always
 * yields the same posting, whatever the order of its lines.
 */
export function invoicePosting({ customerId, invoiceNumber, lines }: InvoiceToPost): JournalPosting {
  if (customerId.trim() === '') throw new Error('invoicePosting: customerId is empty');
  if (invoiceNumber.trim() === '') throw new Error('invoicePosting: invoiceNumber is empty');
  const first = lines[0];
  if (!first) throw new Error(`Invoice ${invoiceNumber} has no lines`);
  const description = `Invoice ${invoiceNumber}`;
  const total = invoiceTotal(lines, first.amount.currency);

  const byAccount = new Map<string, Money[]>();
  for (const line of lines) byAccount.set(line.revenueAccountCode, [...(byAccount.get(line.revenueAccountCode) ?? []), line.amount]);
  const revenue: PostingLine[] = [...byAccount.keys()]
    .sort()
    .map((accountCode) => ({
      accountCode,
      customerId: null,
      amount: negate(sumMoney(byAccount.get(accountCode)!, total.currency)),
      memo: description,
    }));
  const receivable: PostingLine = { accountCode: ACCOUNTS.accountsReceivable, customerId, amount: total, memo: description };

  const posting = { description, lines: [receivable, ...revenue].filter((line) => line.amount.amountMinor !== 0n) };
  if (posting.lines.length === 0) throw new Error(`Invoice ${invoiceNumber} totals zero in every account: nothing to post`);
  assertBalanced(posting);
  return posting;
}

/**
 * True when an invoice moves no money in any account (a free plan, or charges and adjustments
 * that cancel out per account): it is a record for the customer, with nothing to book.
 */
export function invoiceBooksNothing(lines: readonly InvoiceLineDraft[]): boolean {
  const byAccount = new Map<string, bigint>();
  for (const line of lines) byAccount.set(line.revenueAccountCode, (byAccount.get(line.revenueAccountCode) ?? 0n) + line.amount.amountMinor);
  return [...byAccount.values()].every((sum) => sum === 0n);
}

/** The net of signed lines in one currency, e.g. a customer's receivable balance. */
export function balanceFromLines(lines: readonly { amount: Money }[], currency: string): Money {
  return sumMoney(lines.map((line) => line.amount), currency);
}
