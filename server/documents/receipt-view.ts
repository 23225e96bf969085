// A payment's receipt as the customer reads it, every value already formatted: the PDF shows
// these words (the same date format and money format as the invoice).
import { formatMoney } from '../../billing/money-format.js';
import { paymentMethodLabel } from '../../billing/payments/payment-methods.js';
import type { PaymentDocument } from '../services/payments/payment-records.js';
import { displayDate } from './invoice-view.js';

export interface ReceiptView {
  number: string;
  receivedOn: string;
  /** "Visa ending 4242", "Bank transfer": never more of a card than its last four digits. */
  method: string;
  amount: string;
  companyName: string;
  customer: { name: string; email: string } | null;
  /** What it paid on each invoice when it was recorded. */
  paid: { invoiceNumber: string; amount: string }[];
  /** What no invoice took, kept as credit for the next ones; null when none. */
  credit: string | null;
}

export function receiptView(payment: PaymentDocument, companyName: string): ReceiptView {
  return {
    number: payment.number,
    receivedOn: displayDate(payment.receivedOn),
    method: paymentMethodLabel(payment.method, payment.card ? { brand: payment.card.brand, last4: payment.card.last4 } : undefined),
    amount: formatMoney(payment.amount),
    companyName,
    customer: payment.customer ? { name: payment.customer.name, email: payment.customer.email } : null,
    paid: payment.allocations
      .filter((allocation) => allocation.source === 'payment' && allocation.amount.amountMinor > 0n)
      .map((allocation) => ({ invoiceNumber: allocation.invoiceNumber, amount: formatMoney(allocation.amount) })),
    credit: payment.credit.amountMinor > 0n ? formatMoney(payment.credit) : null,
  };
}
