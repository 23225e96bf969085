// The receipt a customer gets for a payment: what came in, how, which invoices it paid, what was
// kept as credit, and what is still due.
import { formatMoney, type Money } from '../billing/money.js';
import { buttonRowsHtml, factLinesText, factRowsHtml, itemLinesText, itemRowsHtml, linkLinesText, oneLine, renderTemplatePair, type Fact } from './email-parts.js';
import { formatDisplayDate } from './format-date.js';
import { paymentMethodInWords, type PaymentMethodDetails } from './payment-words.js';
import type { RenderedEmail } from './rendered-email.js';

export interface PaymentReceiptEmailData {
  companyName: string;
  customerName: string;
  paymentReference: string;
  /** YYYY-MM-DD */
  receivedOn: string;
  amount: Money;
  method: PaymentMethodDetails;
  /** The invoices this payment paid, with the part of it applied to each. */
  appliedTo: { invoiceNumber: string; amount: Money }[];
  /** The part of the payment no invoice took, kept on the account; null (or zero) when none. */
  keptAsCredit: Money | null;
  /** What the account still owes after this payment. */
  balanceDue: Money;
  /** The portal's payments page. */
  paymentsUrl: string;
  receiptPdfUrl: string;
}

export async function renderPaymentReceiptEmail(data: PaymentReceiptEmailData): Promise<RenderedEmail> {
  const amount = formatMoney(data.amount);
  const subject = oneLine(`Receipt ${data.paymentReference} from ${data.companyName}: ${amount} received`);
  const facts: Fact[] = [
    { label: 'Receipt number', value: data.paymentReference },
    { label: 'Date received', value: formatDisplayDate(data.receivedOn) },
    { label: 'Amount', value: amount },
    { label: 'Currency', value: data.amount.currency },
    { label: 'Method', value: paymentMethodInWords(data.method) },
  ];
  const allocations = allocationsOf(data);
  const total = { label: 'Total paid', value: amount };
  const links = [
    { label: 'View your payments', url: data.paymentsUrl },
    { label: 'Download the receipt (PDF)', url: data.receiptPdfUrl },
  ];
  return renderTemplatePair('payment-receipt', subject, {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      paymentReference: data.paymentReference,
      intro: `Thank you: we received your payment of ${amount} on ${formatDisplayDate(data.receivedOn)}.`,
      balanceSentence: balanceSentence(data.balanceDue),
    },
    html: { factRows: factRowsHtml(facts), allocationRows: itemRowsHtml(allocations, total), buttons: buttonRowsHtml(links) },
    text: { factLines: factLinesText(facts), allocationLines: itemLinesText(allocations, total), linkLines: linkLinesText(links) },
  });
}

function allocationsOf({ appliedTo, keptAsCredit }: PaymentReceiptEmailData): Fact[] {
  const invoices = appliedTo.map(({ invoiceNumber, amount }) => ({ label: `Invoice ${invoiceNumber}`, value: formatMoney(amount) }));
  const credit = keptAsCredit && keptAsCredit.amountMinor !== 0n ? [{ label: 'Kept as credit on your account', value: formatMoney(keptAsCredit) }] : [];
  return [...invoices, ...credit];
}

function balanceSentence(balanceDue: Money): string {
  return balanceDue.amountMinor > 0n ? `Your account balance due is now ${formatMoney(balanceDue)}.` : 'Nothing is left to pay on your account.';
}
