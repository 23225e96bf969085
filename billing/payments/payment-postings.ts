// The journal entries money in and out makes. Each is balanced by construction and checked.
//   a payment:         cash or gateway clearing  against  receivable (what it pays) + customer credit (the rest)
//   unmatched money:   cash                      against  unallocated receipts (no customer yet)
//   credit applied:    customer credit           against  receivable
//   a refund:          customer credit + receivable (what it reopens)  against  cash or gateway clearing
//   gateway fee:       fees expense              against  gateway clearing
//   gateway payout:    cash and bank             against  gateway clearing
import { ACCOUNTS, assertBalanced, type JournalPosting, type PostingLine } from '../ledger.js';
import { money, type Money } from '../money-value.js';
import type { PaymentMethod } from './payment-methods.js';

/** Card money sits at the gateway until it pays out; the rest reaches the bank (or till) at once. */
export function receivingAccount(method: PaymentMethod): string {
  return method === 'card' ? ACCOUNTS.gatewayClearing : ACCOUNTS.cash;
}

function line(accountCode: string, customerId: string | null, amountMinor: bigint, currency: string, memo: string): PostingLine {
  return { accountCode, customerId, amount: money(amountMinor, currency), memo };
}

function balanced(description: string, lines: PostingLine[]): JournalPosting {
  const posting = { description, lines: lines.filter((l) => l.amount.amountMinor !== 0n) };
  assertBalanced(posting);
  return posting;
}

export interface PaymentToPost {
  reference: string;
  method: PaymentMethod;
  amount: Money;
  /** Null while no customer is known. */
  customerId: string | null;
  /**
   * Money that matches no customer, or not what we expected from them: it waits in unallocated
   * receipts (naming the customer when known) until staff assign it.
   */
  unallocated: boolean;
  /** What goes to the customer's invoices; the rest of the amount becomes their credit. */
  allocatedMinor: bigint;
}

export function paymentPosting(payment: PaymentToPost): JournalPosting {
  const { reference, method, amount, customerId, allocatedMinor } = payment;
  const description = `Payment ${reference}`;
  const c = amount.currency;
  if (payment.unallocated || customerId === null) {
    return balanced(description, [
      line(receivingAccount(method), null, amount.amountMinor, c, description),
      line(ACCOUNTS.unallocatedReceipts, customerId, -amount.amountMinor, c, description),
    ]);
  }
  if (allocatedMinor < 0n || allocatedMinor > amount.amountMinor) {
    throw new RangeError(`Payment ${reference}: ${allocatedMinor} allocated out of ${amount.amountMinor}`);
  }
  return balanced(description, [
    line(receivingAccount(method), null, amount.amountMinor, c, description),
    line(ACCOUNTS.accountsReceivable, customerId, -allocatedMinor, c, description),
    line(ACCOUNTS.customerCredit, customerId, -(amount.amountMinor - allocatedMinor), c, description),
  ]);
}

/** Money that waited unassigned, now given to a customer: allocated to invoices and the rest credit. */
export function assignmentPosting(
  reference: string,
  from: { customerId: string | null },
  customerId: string,
  amount: Money,
  allocatedMinor: bigint,
): JournalPosting {
  const description = `Payment ${reference} assigned`;
  const c = amount.currency;
  return balanced(description, [
    line(ACCOUNTS.unallocatedReceipts, from.customerId, amount.amountMinor, c, description),
    line(ACCOUNTS.accountsReceivable, customerId, -allocatedMinor, c, description),
    line(ACCOUNTS.customerCredit, customerId, -(amount.amountMinor - allocatedMinor), c, description),
  ]);
}

/** Customer credit paying an invoice. */
export function creditApplicationPosting(invoiceNumber: string, customerId: string, amount: Money): JournalPosting {
  const description = `Credit applied to ${invoiceNumber}`;
  return balanced(description, [
    line(ACCOUNTS.customerCredit, customerId, amount.amountMinor, amount.currency, description),
    line(ACCOUNTS.accountsReceivable, customerId, -amount.amountMinor, amount.currency, description),
  ]);
}

export interface RefundToPost {
  reference: string;
  method: PaymentMethod;
  customerId: string;
  amount: Money;
  /** The part taken from the customer's credit; the rest reopens invoices (back to receivable). */
  fromCreditMinor: bigint;
  /** 'Refund' or 'Dispute': how the entry reads. */
  kind: 'Refund' | 'Dispute';
}

export function refundPosting(refund: RefundToPost): JournalPosting {
  const { reference, method, customerId, amount, fromCreditMinor, kind } = refund;
  const description = `${kind} of payment ${reference}`;
  const c = amount.currency;
  return balanced(description, [
    line(ACCOUNTS.customerCredit, customerId, fromCreditMinor, c, description),
    line(ACCOUNTS.accountsReceivable, customerId, amount.amountMinor - fromCreditMinor, c, description),
    line(receivingAccount(method), null, -amount.amountMinor, c, description),
  ]);
}

export function gatewayFeePosting(reference: string, fee: Money): JournalPosting {
  const description = `Gateway fee for ${reference}`;
  return balanced(description, [
    line(ACCOUNTS.gatewayFees, null, fee.amountMinor, fee.currency, description),
    line(ACCOUNTS.gatewayClearing, null, -fee.amountMinor, fee.currency, description),
  ]);
}

export function gatewayPayoutPosting(reference: string, payout: Money): JournalPosting {
  const description = `Gateway payout ${reference}`;
  return balanced(description, [
    line(ACCOUNTS.cash, null, payout.amountMinor, payout.currency, description),
    line(ACCOUNTS.gatewayClearing, null, -payout.amountMinor, payout.currency, description),
  ]);
}

/**
 * A credit note worth more than is still open on its invoice (the invoice was paid meanwhile):
 * the part beyond what is open becomes customer credit instead of a negative receivable, and is
 * applied to the next invoice or refunded.
 */
export function withExcessAsCredit(posting: JournalPosting, customerId: string, excess: Money): JournalPosting {
  if (excess.amountMinor <= 0n) return posting;
  return balanced(posting.description, [
    ...posting.lines,
    line(ACCOUNTS.accountsReceivable, customerId, excess.amountMinor, excess.currency, `${posting.description}: beyond what was open`),
    line(ACCOUNTS.customerCredit, customerId, -excess.amountMinor, excess.currency, `${posting.description}: kept as credit`),
  ]);
}
