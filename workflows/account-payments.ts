// The money side of the account workflow: autopay after an invoice is posted, the emails a
// payment, a failure or a refund calls for, the card's expiry notices, and the figures the `status`
// query shows. A step here that keeps failing never holds up billing: it is retried for a while,
// then shown in the status (lastPaymentProblem) and tried again at the next fact.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { AccountMoney, BillingActivities } from '../activities/index.js';
import type { AccountFact } from '../billing/handoffs/account-handoffs.js';
import { nextExpiryNotice } from '../billing/payments/cards.js';
import type { IsoDate } from '../billing/calendar.js';
import type { AccountState } from './account-state.js';

const steps = proxyActivities<BillingActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/** Runs a payment step; a failure that outlasts its retries is kept in the state, not thrown. */
async function paymentStep<T>(state: AccountState, what: string, step: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await step();
    return result;
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    state.lastPaymentProblem = `${what}: ${error.cause?.message ?? error.message}`;
    return undefined;
  }
}

export async function refreshMoney(state: AccountState): Promise<AccountMoney | undefined> {
  const money = await paymentStep(state, 'read the account', () => steps.accountMoney(state.customerId));
  if (money) {
    state.money = money;
    state.balance = money.balance;
  }
  return money;
}

/** After an invoice is posted: charge the card if autopay is on. */
export async function autopayPostedInvoice(state: AccountState, invoiceId: string): Promise<void> {
  await paymentStep(state, `charge invoice ${invoiceId}`, () => steps.autopayInvoice(invoiceId));
  await refreshMoney(state);
}

/** Applies a money fact handed off by the database; returns false for facts it does not handle. */
export async function applyMoneyFact(state: AccountState, fact: AccountFact): Promise<boolean> {
  switch (fact.kind) {
    case 'payment-received':
      await paymentStep(state, 'email the receipt', () => steps.emailPaymentReceipt(fact.paymentId));
      await refreshMoney(state);
      return true;
    case 'payment-failed':
      await paymentStep(state, 'email the failed payment', () => steps.emailPaymentFailed(fact.attemptId, fact.confirmation));
      await refreshMoney(state);
      return true;
    case 'refund-issued':
      await paymentStep(state, 'email the refund', () => steps.emailRefundIssued(fact.refundId));
      await refreshMoney(state);
      return true;
    case 'card-updated': {
      // A new card, or autopay turned on: try what is open now.
      const money = await refreshMoney(state);
      if (money?.autopay && money.card?.usable) {
        for (const invoiceId of money.openInvoiceIds) {
          await paymentStep(state, `charge invoice ${invoiceId}`, () => steps.autopayInvoice(invoiceId));
        }
        await refreshMoney(state);
      }
      return true;
    }
    default:
      return false;
  }
}

/** When the next card expiry notice is due, if any. */
export function nextCardNotice(state: AccountState, today: IsoDate): { daysBefore: number; on: IsoDate } | null {
  const card = state.money?.card;
  if (!card || !state.money?.autopay) return null;
  return nextExpiryNotice(card, today, card.noticesSent);
}

export async function sendCardNotice(state: AccountState, daysBefore: number): Promise<void> {
  const card = state.money?.card;
  if (!card) return;
  await paymentStep(state, 'email the card expiry notice', () => steps.emailCardExpiring(card.paymentMethodId, daysBefore));
  card.noticesSent = [...card.noticesSent, daysBefore];
}
