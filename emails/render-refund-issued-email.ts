// The email that tells a customer money was paid back: how much, for which payment, how and when
// it reaches them, and which invoices that payment no longer pays (open again, with a new due date).
import { formatMoney, type Money } from '../billing/money.js';
import { buttonRowsHtml, factLinesText, factRowsHtml, itemLinesText, itemRowsHtml, linkLinesText, oneLine, renderTemplatePair } from './email-parts.js';
import { formatDisplayDate } from './format-date.js';
import { cardInWords, manualPayoutInWords, paymentMethodInWords, type PaymentMethodDetails } from './payment-words.js';
import type { RenderedEmail } from './rendered-email.js';

/** How long a card refund takes to show, as card networks state it; we cannot make it faster. */
const cardRefundTime = '5–10 business days';
const reopenedHeading = 'Because this payment no longer pays them, these invoices are open again:';

export interface RefundIssuedEmailData {
  companyName: string;
  customerName: string;
  amount: Money;
  /** YYYY-MM-DD */
  refundedOn: string;
  /** The payment refunded; `receivedOn` is YYYY-MM-DD. */
  payment: { reference: string; receivedOn: string };
  /** How the money goes back: to the card that paid, or by hand (bank transfer, cash, cheque). */
  payout: PaymentMethodDetails;
  /** Invoices the refunded payment had paid that are now open again; empty when none. */
  reopenedInvoices: { invoiceNumber: string; amountDue: Money; dueOn: string }[];
  /** The portal's payments page. */
  paymentsUrl: string;
}

export async function renderRefundIssuedEmail(data: RefundIssuedEmailData): Promise<RenderedEmail> {
  const amount = formatMoney(data.amount);
  const receivedOn = formatDisplayDate(data.payment.receivedOn);
  const facts = [
    { label: 'Refund date', value: formatDisplayDate(data.refundedOn) },
    { label: 'Amount refunded', value: amount },
    { label: 'Refunded payment', value: `${data.payment.reference} of ${receivedOn}` },
    { label: 'Refund method', value: paymentMethodInWords(data.payout) },
  ];
  const reopened = data.reopenedInvoices.map(({ invoiceNumber, amountDue, dueOn }) => ({
    label: `Invoice ${invoiceNumber}, due ${formatDisplayDate(dueOn)}`,
    value: formatMoney(amountDue),
  }));
  const links = [{ label: 'View your payments', url: data.paymentsUrl }];
  return renderTemplatePair('refund-issued', oneLine(`Refund of ${amount} from ${data.companyName}`), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      amount,
      intro: `We have refunded ${amount} of your payment ${data.payment.reference} received on ${receivedOn}.`,
      payout: payoutSentence(data.payout),
    },
    html: {
      factRows: factRowsHtml(facts),
      reopenedRows: reopened.length ? `<tr><td colspan="2" style="padding:0 0 6px">${reopenedHeading}</td></tr>\n${itemRowsHtml(reopened)}` : '',
      buttons: buttonRowsHtml(links),
    },
    text: {
      factLines: factLinesText(facts),
      reopenedLines: reopened.length ? `\n\n${reopenedHeading}\n${itemLinesText(reopened)}` : '',
      linkLines: linkLinesText(links),
    },
  });
}

function payoutSentence(payout: PaymentMethodDetails): string {
  return payout.method === 'card'
    ? `The refund goes back to your ${cardInWords(payout.card)}. It usually takes ${cardRefundTime} to reach your card.`
    : `We pay the refund to you ${manualPayoutInWords(payout.method)}.`;
}
