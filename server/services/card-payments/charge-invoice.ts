// Charging the saved card for what is open on one invoice: autopay after the invoice is posted,
// its retries, and the customer's pay-now all confirm the invoice's one attempt, so they cannot
// both take the money.
import { eq } from 'drizzle-orm';
import { money } from '../../../billing/money.js';
import { isCardUsable } from '../../../billing/payments/cards.js';
import { attemptKeys } from '../../../billing/payments/payment-attempts.js';
import { defaultCard } from '../../../db/records/cards.js';
import { invoiceBalance } from '../../../db/records/invoice-balances.js';
import { ensureAttempt, holdingAttempt, updateAttempt, type PaymentAttempt } from '../../../db/records/payment-attempts.js';
import { customers } from '../../../db/schema.js';
import type { ChargeResult } from './attempt-outcomes.js';
import { businessToday, type CardPaymentDeps } from './card-payment-deps.js';
import { chargeAttempt, type Presence } from './charge-attempt.js';

export type InvoiceChargeResult =
  | ChargeResult
  | { outcome: 'nothing-open' }
  | { outcome: 'no-card' }
  | { outcome: 'card-expired'; brand: string; last4: string };

export async function chargeInvoice(deps: CardPaymentDeps, invoiceId: string, presence: Presence): Promise<InvoiceChargeResult> {
  const { db } = deps;
  const balance = await invoiceBalance(db, invoiceId);
  if (!balance || balance.openMinor <= 0n) return { outcome: 'nothing-open' };
  const holder = await holdingAttempt(db, invoiceId);
  if (holder) return { outcome: 'held', attemptId: holder };
  const card = await defaultCard(db, balance.customerId);
  if (!card) return { outcome: 'no-card' };
  if (!isCardUsable(card, businessToday(deps))) return { outcome: 'card-expired', brand: card.brand, last4: card.last4 };
  const [customer] = await db.select({ gatewayCustomerId: customers.gatewayCustomerId }).from(customers).where(eq(customers.id, balance.customerId));
  if (!customer?.gatewayCustomerId) return { outcome: 'no-card' };

  const attempt = await ensureAttempt(db, {
    attemptKey: attemptKeys.forInvoice(invoiceId),
    customerId: balance.customerId,
    invoiceId,
    gateway: deps.gateway.provider,
    amount: money(balance.openMinor, balance.currency),
  });
  if (attempt.status === 'succeeded' && attempt.paymentId) return { outcome: 'paid', attemptId: attempt.id, paymentId: attempt.paymentId };
  // Part of it was paid (or credited) since the attempt was made: ask for what is open now.
  const current = attempt.amountMinor !== balance.openMinor && attempt.status !== 'processing' ? await resizeAttempt(deps, attempt, balance.openMinor) : attempt;
  return chargeAttempt(deps, { attempt: current, card, gatewayCustomerId: customer.gatewayCustomerId, description: `Invoice ${balance.number}`, presence });
}

/** Sets the attempt, here and at the gateway, to what is open now; a declined or unconfirmed one only. */
async function resizeAttempt(deps: CardPaymentDeps, attempt: PaymentAttempt, openMinor: bigint): Promise<PaymentAttempt> {
  const amount = money(openMinor, attempt.currency);
  if (attempt.gatewayIntentId) {
    await deps.gateway.updatePaymentAttemptAmount({ intentId: attempt.gatewayIntentId, amount, idempotencyKey: `${attempt.attemptKey}:amount:${openMinor}` });
  }
  await updateAttempt(deps.db, attempt.id, { status: attempt.status, amount });
  return { ...attempt, amountMinor: openMinor };
}
