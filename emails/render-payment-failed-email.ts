// The email a customer gets when a charge of their card fails: what was not paid, why, and what
// happens next. That depends on the decline: a soft one is tried again, a hard one needs a new
// card, and one the bank wants confirmed (3-D Secure) needs the customer to confirm it.
import { formatMoney, sumMoney, type Money } from '../billing/money.js';
import { buttonRowsHtml, itemLinesText, itemRowsHtml, linkLinesText, oneLine, renderTemplatePair, type EmailLink } from './email-parts.js';
import { formatDisplayDate } from './format-date.js';
import { cardInWords, type CardOnFile } from './payment-words.js';
import type { RenderedEmail } from './rendered-email.js';

export type PaymentDecline =
  /** Worth trying again (insufficient funds, a network error): `nextRetryOn` (YYYY-MM-DD) when one is planned. */
  | { kind: 'soft'; nextRetryOn: string | null }
  /** The card will never work again (expired, stolen, closed): the customer must give another. */
  | { kind: 'hard'; updateCardUrl: string }
  /** The bank wants the customer to confirm the payment (3-D Secure). */
  | { kind: 'authentication_required'; confirmUrl: string };

export interface PaymentFailedEmailData {
  companyName: string;
  customerName: string;
  /** The invoices the failed charge was for; at least one, all in one currency. */
  invoices: { invoiceNumber: string; amount: Money }[];
  /** The card that was charged. */
  card: CardOnFile;
  /** Why, as one plain sentence: "Your bank declined the payment because the card has expired." */
  reason: string;
  decline: PaymentDecline;
  payNowUrl: string;
}

export async function renderPaymentFailedEmail(data: PaymentFailedEmailData): Promise<RenderedEmail> {
  const { invoices, decline } = data;
  const [first] = invoices;
  if (!first) throw new Error('renderPaymentFailedEmail: a failed payment is for at least one invoice');
  const total = formatMoney(sumMoney(invoices.map((invoice) => invoice.amount), first.amount.currency));
  const rows = invoices.map(({ invoiceNumber, amount }) => ({ label: `Invoice ${invoiceNumber}`, value: formatMoney(amount) }));
  const totalRow = invoices.length > 1 ? { label: 'Total', value: total } : undefined;
  const links = linksFor(data);
  const confirming = decline.kind === 'authentication_required';
  return renderTemplatePair('payment-failed', subjectOf(data, total), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      heading: confirming ? 'Please confirm your payment' : 'Your payment did not go through',
      intro: `We tried to collect ${total} from your ${cardInWords(data.card)} for ${invoiceWords(invoices)}, but the payment did not go through.`,
      reason: data.reason,
      nextStep: nextStepOf(decline),
    },
    html: { invoiceRows: itemRowsHtml(rows, totalRow), buttons: buttonRowsHtml(links) },
    text: { invoiceLines: itemLinesText(rows, totalRow), linkLines: linkLinesText(links) },
  });
}

function subjectOf({ companyName, decline }: PaymentFailedEmailData, total: string): string {
  if (decline.kind === 'authentication_required') return oneLine(`Please confirm your payment of ${total} to ${companyName}`);
  const failed = `Your payment of ${total} to ${companyName} did not go through`;
  return oneLine(decline.kind === 'hard' ? `${failed}: please update your card` : failed);
}

function nextStepOf(decline: PaymentDecline): string {
  switch (decline.kind) {
    case 'soft':
      return decline.nextRetryOn
        ? `We will try again on ${formatDisplayDate(decline.nextRetryOn)}. You can also pay now in the customer portal.`
        : 'You can pay now in the customer portal.';
    case 'hard':
      return 'We will not try this card again. Please add a new card so that your payments go through, and pay the open amount now.';
    case 'authentication_required':
      return 'Your bank asks you to confirm this payment before it goes through. Please confirm it with the link below; your bank may ask you to approve it in its app.';
  }
}

function linksFor({ decline, payNowUrl }: PaymentFailedEmailData): EmailLink[] {
  const payNow = { label: 'Pay now', url: payNowUrl };
  if (decline.kind === 'hard') return [{ label: 'Update card', url: decline.updateCardUrl }, payNow];
  if (decline.kind === 'authentication_required') return [{ label: 'Confirm the payment', url: decline.confirmUrl }, payNow];
  return [payNow];
}

/** 'invoice A', 'invoices A and B', 'invoices A, B and C'. */
function invoiceWords(invoices: readonly { invoiceNumber: string }[]): string {
  const numbers = invoices.map((invoice) => invoice.invoiceNumber);
  if (numbers.length === 1) return `invoice ${numbers[0]}`;
  return `invoices ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
