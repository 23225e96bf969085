// Booking money received, inside the caller's transaction: one payment row per source key (a
// gateway charge, a bank transaction, an API request), one balanced journal entry, and dated
// allocations to the invoices it pays; what no invoice takes is customer credit. The account
// workflow hears of it through the hand-off outbox.
import { and, eq, sql } from 'drizzle-orm';
import { isoDateParts, type IsoDate } from '../../billing/calendar.js';
import { ACCOUNTS } from '../../billing/ledger.js';
import { money, type Money } from '../../billing/money.js';
import { allocatePayment, type InvoiceAllocation } from '../../billing/payments/payment-allocation.js';
import type { PaymentMethod } from '../../billing/payments/payment-methods.js';
import { creditApplicationPosting, paymentPosting } from '../../billing/payments/payment-postings.js';
import { customers, invoices, journalLines, paymentAllocations, payments } from '../schema.js';
import { nextDocumentNumber } from './document-numbers.js';
import { handOffAccountFact } from './handoffs.js';
import { openInvoicesOf } from './invoice-balances.js';
import { postJournalEntry } from './journal-entries.js';
import type { Transaction } from './transaction.js';

export interface PaymentToRecord {
  /** What makes it one payment: `gateway:<charge id>`, `bank:<transaction key>`, `api:<idempotency key>`. */
  sourceKey: string;
  /** Null when nothing matched a customer: booked to unallocated receipts for staff. */
  customerId: string | null;
  method: PaymentMethod;
  amount: Money;
  receivedOn: IsoDate;
  reference?: string | null;
  /** The invoice the payer named: paid first. */
  invoiceId?: string | null;
  /** Set when the money is not what we expected: booked, unallocated, for staff to look at. */
  needsReview?: string | null;
  gateway?: { name: string; chargeId: string; attemptId?: string | null; cardBrand?: string | null; cardLast4?: string | null };
  recordedBy: string;
}

export interface RecordedPayment {
  paymentId: string;
  number: string;
  customerId: string | null;
  amount: Money;
  allocations: InvoiceAllocation[];
  credit: Money;
  /** True when this source key was already recorded: nothing new was booked. */
  alreadyRecorded: boolean;
}

export async function recordPayment(tx: Transaction, input: PaymentToRecord): Promise<RecordedPayment> {
  const existing = await findPaymentBySourceKey(tx, input.sourceKey);
  if (existing) return existing;
  const { customerId, amount } = input;
  if (customerId) {
    await lockCustomer(tx, customerId);
    // Two reports of one payment at once (autopay and pay-now, a webhook and the charge's answer):
    // the second waits for the customer's lock and finds the first's payment here.
    const recorded = await findPaymentBySourceKey(tx, input.sourceKey);
    if (recorded) return recorded;
  }
  // Allocated only when the money is for a known customer and is what we expected.
  const allocate = customerId !== null && !input.needsReview;
  const open = allocate ? await openInvoicesOf(tx, customerId, amount.currency) : [];
  const split = allocate ? allocatePayment(amount.amountMinor, open, input.invoiceId ?? undefined) : { allocations: [], creditMinor: 0n };
  const allocatedMinor = split.allocations.reduce((sum, a) => sum + a.amountMinor, 0n);

  const number = await nextDocumentNumber(tx, 'PAY', isoDateParts(input.receivedOn).year);
  const inserted = await tx
    .insert(payments)
    .values({
      number,
      customerId,
      method: input.method,
      amountMinor: amount.amountMinor,
      currency: amount.currency,
      receivedOn: input.receivedOn,
      reference: input.reference ?? null,
      sourceKey: input.sourceKey,
      gateway: input.gateway?.name ?? null,
      gatewayChargeId: input.gateway?.chargeId ?? null,
      paymentAttemptId: input.gateway?.attemptId ?? null,
      cardBrand: input.gateway?.cardBrand ?? null,
      cardLast4: input.gateway?.cardLast4 ?? null,
      needsReview: input.needsReview ?? null,
      recordedBy: input.recordedBy,
    })
    .returning({ id: payments.id });
  const paymentId = inserted[0]!.id;
  const posting = paymentPosting({ reference: number, method: input.method, amount, customerId, unallocated: !allocate, allocatedMinor });
  await postJournalEntry(tx, posting, { type: 'payment', id: paymentId }, input.receivedOn);
  if (split.allocations.length > 0) {
    await tx.insert(paymentAllocations).values(
      split.allocations.map((a) => ({
        invoiceId: a.invoiceId,
        customerId: customerId!,
        paymentId,
        source: 'payment' as const,
        amountMinor: a.amountMinor,
        currency: amount.currency,
        allocatedOn: input.receivedOn,
      })),
    );
  }
  if (customerId) await handOffAccountFact(tx, customerId, { kind: 'payment-received', paymentId });
  return {
    paymentId,
    number,
    customerId,
    amount,
    allocations: split.allocations,
    credit: money(split.creditMinor, amount.currency),
    alreadyRecorded: false,
  };
}

async function findPaymentBySourceKey(tx: Transaction, sourceKey: string): Promise<RecordedPayment | null> {
  const [row] = await tx.select().from(payments).where(eq(payments.sourceKey, sourceKey));
  if (!row) return null;
  const allocations = await tx
    .select({ invoiceId: paymentAllocations.invoiceId, amountMinor: paymentAllocations.amountMinor })
    .from(paymentAllocations)
    .where(and(eq(paymentAllocations.paymentId, row.id), eq(paymentAllocations.source, 'payment')));
  const allocated = allocations.reduce((sum, a) => sum + a.amountMinor, 0n);
  return {
    paymentId: row.id,
    number: row.number,
    customerId: row.customerId,
    amount: money(row.amountMinor, row.currency),
    allocations,
    credit: money(row.needsReview || !row.customerId ? 0n : row.amountMinor - allocated, row.currency),
    alreadyRecorded: true,
  };
}

/**
 * Serialises money movements of one customer (payments, credit applied, refunds): each reads what
 * is open and allocates against it, and two at once must not both take the same open amount.
 * `no key update`, not `update`: it must not wait on (or deadlock with) the key-share locks that
 * inserting an invoice or a journal line for the customer takes through their foreign keys.
 */
export async function lockCustomer(tx: Transaction, customerId: string): Promise<void> {
  const [row] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for('no key update');
  if (!row) throw new Error(`customer ${customerId} not found`);
}

/** The customer's credit: what they paid beyond their invoices, or credit notes gave back beyond them. */
export async function customerCredit(tx: Transaction, customerId: string, currency: string): Promise<Money> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${journalLines.amountMinor}), 0)::text` })
    .from(journalLines)
    .where(and(eq(journalLines.customerId, customerId), eq(journalLines.accountCode, ACCOUNTS.customerCredit), eq(journalLines.currency, currency)));
  // The liability is a credit balance (negative in signed lines): what we owe the customer.
  return money(-BigInt(row?.total ?? '0'), currency);
}

/**
 * Applies the customer's credit to their open invoices, oldest first: one allocation and one
 * journal entry per invoice. Safe to call after anything that adds an invoice or credit.
 */
export async function applyCustomerCredit(tx: Transaction, customerId: string, currency: string, on: IsoDate): Promise<InvoiceAllocation[]> {
  // Most customers hold no credit: look before taking the customer's lock, then look again under it.
  if ((await customerCredit(tx, customerId, currency)).amountMinor <= 0n) return [];
  await lockCustomer(tx, customerId);
  const credit = await customerCredit(tx, customerId, currency);
  if (credit.amountMinor <= 0n) return [];
  const open = await openInvoicesOf(tx, customerId, currency);
  if (open.length === 0) return [];
  const { allocations } = allocatePayment(credit.amountMinor, open);
  for (const allocation of allocations) {
    const [stored] = await tx
      .insert(paymentAllocations)
      .values({ invoiceId: allocation.invoiceId, customerId, source: 'customer_credit', amountMinor: allocation.amountMinor, currency, allocatedOn: on })
      .returning({ id: paymentAllocations.id });
    const [invoice] = await tx.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, allocation.invoiceId));
    const posting = creditApplicationPosting(invoice!.number, customerId, money(allocation.amountMinor, currency));
    await postJournalEntry(tx, posting, { type: 'credit_application', id: stored!.id }, on);
  }
  return allocations;
}
