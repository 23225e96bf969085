// How the payment emails name a card and a way of paying. A card is only ever its brand and its
// last four digits: anything longer passed as the last four is refused, so no email can carry a
// card number even by a caller's mistake.
import { cardBrandName, PAYMENT_METHOD_LABELS, type ManualPaymentMethod } from '../billing/payments/payment-methods.js';

/** A saved card as the gateway describes it, e.g. { brand: 'visa', last4: '4242' }. */
export interface CardOnFile {
  /** The gateway's brand code: 'visa', 'mastercard', 'amex'... */
  brand: string;
  last4: string;
}

/** The methods staff record by hand. */
export type { ManualPaymentMethod };

/** How a payment was made, or how a refund is paid out; a card payment names its card. */
export type PaymentMethodDetails = { method: 'card'; card: CardOnFile } | { method: ManualPaymentMethod };

// Labels are billing's; how a manual refund is paid out is only ever said in an email.
const manualPayoutWords: Readonly<Record<ManualPaymentMethod, string>> = {
  bank_transfer: 'by bank transfer',
  cash: 'in cash',
  cheque: 'by cheque',
};

/** { brand: 'visa', last4: '4242' } → 'Visa card ending in 4242'; a brand we do not know is just 'card'. */
export function cardInWords({ brand, last4 }: CardOnFile): string {
  if (!/^\d{4}$/.test(last4)) throw new Error('cardInWords: last4 must be exactly the last four digits of the card');
  const name = cardBrandName(brand);
  return `${name ? `${name} card` : 'card'} ending in ${last4}`;
}

/** The same, to stand on its own (a table cell, a line's start): 'Visa card ending in 4242', 'Card ending in 4242'. */
export function cardLabel(card: CardOnFile): string {
  const words = cardInWords(card);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** For a receipt's "Method" line: 'Visa card ending in 4242', 'Bank transfer', 'Cash', 'Cheque'. */
export function paymentMethodInWords(details: PaymentMethodDetails): string {
  return details.method === 'card' ? cardLabel(details.card) : manualWords(details.method).label;
}

/** How a manual refund reaches the customer, to end a sentence: 'by bank transfer', 'in cash', 'by cheque'. */
export function manualPayoutInWords(method: ManualPaymentMethod): string {
  return manualWords(method).payout;
}

// Activity inputs arrive as JSON, so a method the types rule out can still come: name it.
function manualWords(method: ManualPaymentMethod): { label: string; payout: string } {
  const payout = Object.hasOwn(manualPayoutWords, method) ? manualPayoutWords[method] : undefined;
  if (!payout) throw new Error(`Unknown payment method "${String(method)}": expected card, bank_transfer, cash or cheque`);
  return { label: PAYMENT_METHOD_LABELS[method], payout };
}

/** 30 → 'in 30 days', 1 → 'in 1 day', 0 → 'today'. */
export function inDays(days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new Error(`inDays: expected a whole number of days from today, got ${days}`);
  if (days === 0) return 'today';
  return `in ${days} ${days === 1 ? 'day' : 'days'}`;
}
