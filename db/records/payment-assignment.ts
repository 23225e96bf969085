// Giving a payment that waits in unallocated receipts to a customer, inside the caller's
// transaction: one journal entry (keyed by the payment, so it is posted at most once) moves the
// money from unallocated receipts to the customer's invoices, named invoice first then oldest due,
// and the rest to their credit. Assigning again to the same customer books nothing more.
import { and, eq } from 'drizzle-orm';
import type { IsoDate } from '../../billing/calendar.js';
import { money, type Money } from '../../billing/money.js';
import { allocatePayment, type InvoiceAllocation } from '../../billing/payments/payment-allocation.js';
import { assignmentCheck } from '../../billing/payments/payment-assignment.js';
import { assignmentPosting } from '../../billing/payments/payment-postings.js';
import { customers, paymentAllocations, payments } from '../schema.js';
import { handOffAccountFact } from './handoffs.js';
import { openInvoicesOf } from './invoice-balances.js';
import { postJournalEntry } from './journal-entries.js';
import type { Transaction } from './transaction.js';

export interface PaymentToAssign {
  paymentId: string;
  customerId: string;
  /** The invoice staff say it pays: paid first (ignored when it is not open). */
  invoiceId?: string | null;
  /** The business day the money reaches the customer's account: the allocations' and the entry's date. */
  on: IsoDate;
}

export interface AssignedPayment {
  paymentId: string;
  number: string;
  customerId: string;
  amount: Money;
  allocations: InvoiceAllocation[];
  /** What no open invoice took: the customer's credit. */
  credit: Money;
  /** True when it was already this customer's: nothing new was booked. */
  alreadyAssigned: boolean;
}

export type AssignmentOutcome =
  | { kind: 'assigned'; payment: AssignedPayment }
  | { kind: 'refused'; reason: string }
  | { kind: 'no-payment' }
  | { kind: 'no-customer' };

export async function assignPayment(tx: Transaction, input: PaymentToAssign): Promise<AssignmentOutcome> {
  // The customer first, then the payment: every money movement locks its customer first.
  const [customer] = await tx.select({ currency: customers.currency }).from(customers).where(eq(customers.id, input.customerId)).for('no key update');
  if (!customer) return { kind: 'no-customer' };
  const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for('update');
  if (!payment) return { kind: 'no-payment' };

  const check = assignmentCheck(payment, { customerId: input.customerId, currency: customer.currency });
  if (check.kind === 'refused') return check;
  const amount = money(payment.amountMinor, payment.currency);
  if (check.kind === 'already-assigned') {
    const allocations = await tx
      .select({ invoiceId: paymentAllocations.invoiceId, amountMinor: paymentAllocations.amountMinor })
      .from(paymentAllocations)
      .where(and(eq(paymentAllocations.paymentId, payment.id), eq(paymentAllocations.source, 'payment')));
    return { kind: 'assigned', payment: assigned(payment, input.customerId, amount, allocations, true) };
  }

  const open = await openInvoicesOf(tx, input.customerId, payment.currency);
  const split = allocatePayment(payment.amountMinor, open, input.invoiceId ?? undefined);
  const allocatedMinor = split.allocations.reduce((sum, a) => sum + a.amountMinor, 0n);
  const posting = assignmentPosting(payment.number, { customerId: payment.customerId }, input.customerId, amount, allocatedMinor);
  await postJournalEntry(tx, posting, { type: 'payment_assignment', id: payment.id }, input.on);
  if (split.allocations.length > 0) {
    await tx.insert(paymentAllocations).values(
      split.allocations.map((a) => ({
        invoiceId: a.invoiceId,
        customerId: input.customerId,
        paymentId: payment.id,
        source: 'payment' as const,
        amountMinor: a.amountMinor,
        currency: payment.currency,
        allocatedOn: input.on,
      })),
    );
  }
  await tx.update(payments).set({ customerId: input.customerId, needsReview: null }).where(eq(payments.id, payment.id));
  await handOffAccountFact(tx, input.customerId, { kind: 'payment-received', paymentId: payment.id });
  return { kind: 'assigned', payment: assigned(payment, input.customerId, amount, split.allocations, false) };
}

function assigned(
  payment: { id: string; number: string },
  customerId: string,
  amount: Money,
  allocations: InvoiceAllocation[],
  alreadyAssigned: boolean,
): AssignedPayment {
  const allocated = allocations.reduce((sum, a) => sum + a.amountMinor, 0n);
  return {
    paymentId: payment.id,
    number: payment.number,
    customerId,
    amount,
    allocations,
    credit: money(amount.amountMinor - allocated, amount.currency),
    alreadyAssigned,
  };
}
