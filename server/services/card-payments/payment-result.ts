// How a card payment the customer started stands, in the words the result page uses: paid (with
// its receipt), declined (the bank's reason in plain words, and whether another card is needed),
// waiting for the customer to confirm it with their bank, or not settled yet.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { money, type Money } from '../../../billing/money.js';
import { declineSentence } from '../../../billing/payments/declines.js';
import { attemptById } from '../../../db/records/payment-attempts.js';
import { invoices, payments } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError } from '../errors.js';

export type PaymentResultState =
  | { state: 'paid'; paymentId: string; receiptNumber: string }
  /** `needsNewCard`: a hard decline, the same card will not pay. */
  | { state: 'declined'; sentence: string; needsNewCard: boolean }
  | { state: 'needs_authentication'; sentence: string; actionUrl: string | null }
  | { state: 'processing' }
  | { state: 'canceled' };

export type PaymentResult = PaymentResultState & {
  attemptId: string;
  amount: Money;
  /** The invoice it pays; null for a payment of the whole balance. */
  invoice: { id: string; number: string } | null;
};

/** The customer's own attempt; another customer's is not found, exactly like a missing one. */
export async function paymentResult(ctx: ServiceContext, customerId: string, attemptId: string): Promise<PaymentResult> {
  const attempt = z.uuid().safeParse(attemptId).success ? await attemptById(ctx.db, attemptId) : null;
  if (!attempt || attempt.customerId !== customerId) throw new NotFoundError('payment', attemptId);
  const [invoice] = attempt.invoiceId ? await ctx.db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(eq(invoices.id, attempt.invoiceId)) : [];
  const base = { attemptId: attempt.id, amount: money(attempt.amountMinor, attempt.currency), invoice: invoice ?? null };
  switch (attempt.status) {
    case 'succeeded': {
      const [payment] = attempt.paymentId ? await ctx.db.select({ id: payments.id, number: payments.number }).from(payments).where(eq(payments.id, attempt.paymentId)) : [];
      return payment ? { ...base, state: 'paid', paymentId: payment.id, receiptNumber: payment.number } : { ...base, state: 'processing' };
    }
    case 'declined':
      return { ...base, state: 'declined', sentence: declineSentence(attempt.declineCode ?? 'card_declined'), needsNewCard: attempt.declineKind === 'hard' };
    case 'requires_action':
      return { ...base, state: 'needs_authentication', sentence: declineSentence('authentication_required'), actionUrl: attempt.actionUrl };
    case 'canceled':
      return { ...base, state: 'canceled' };
    default:
      return { ...base, state: 'processing' };
  }
}
