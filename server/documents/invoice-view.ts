// An invoice as the customer reads it, every value already formatted: the portal page and the PDF
// show the same words and the same amounts.
import { formatMoney } from '../../billing/money-format.js';
import { overdueLabel } from '../../billing/payments/invoice-standing.js';
import { PAYMENT_STATUS_LABELS } from '../../billing/payments/payment-status.js';
import { termsLabel } from '../../billing/payments/payment-terms.js';
import { lastDayOfPeriod } from '../../billing/periods.js';
import type { IsoDate } from '../../billing/calendar.js';
import type { PortalInvoice } from '../services/customers/customer-portal.js';
import { formatLineUnitPrice } from '../views/unit-price.js';

const LOCALE = 'en-GB';

export interface InvoiceViewLine {
  description: string;
  quantity: string;
  unitPrice: string;
  /** "21%", or "—" for a line without tax. */
  taxRate: string;
  net: string;
  tax: string;
}

/** When the invoice is due and how much of it is paid; absent on a void invoice. */
export interface InvoicePaymentView {
  dueDate: string;
  /** "Net 14" or "Due on receipt". */
  terms: string;
  paymentStatus: 'open' | 'partially_paid' | 'paid';
  /** "Open", "Partially paid", "Paid". */
  paymentStatusLabel: string;
  amountOpen: string;
  /** "Overdue by 3 days"; null when not overdue. */
  overdue: string | null;
}

export interface InvoiceView {
  id: string;
  number: string;
  status: string;
  issueDate: string;
  payment: InvoicePaymentView | null;
  /** "1 Mar 2026 – 31 Mar 2026", or null for a one-off invoice. */
  period: string | null;
  companyName: string;
  customer: { name: string; email: string };
  lines: InvoiceViewLine[];
  net: string;
  tax: string;
  total: string;
}

export function displayDate(isoDate: IsoDate | string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

export function invoiceView(invoice: PortalInvoice, companyName: string): InvoiceView {
  const amount = (value: Parameters<typeof formatMoney>[0]) => formatMoney(value, LOCALE);
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    issueDate: displayDate(invoice.issueDate),
    payment: invoice.payment && {
      dueDate: displayDate(invoice.payment.dueDate),
      terms: termsLabel(invoice.payment.termsDays),
      paymentStatus: invoice.payment.paymentStatus,
      paymentStatusLabel: PAYMENT_STATUS_LABELS[invoice.payment.paymentStatus],
      amountOpen: amount(invoice.payment.open),
      overdue: overdueLabel(invoice.payment.daysOverdue),
    },
    // Periods are stored half-open; people read the last day included.
    period:
      invoice.periodStart && invoice.periodEnd
        ? `${displayDate(invoice.periodStart)} – ${displayDate(lastDayOfPeriod({ start: invoice.periodStart, end: invoice.periodEnd }))}`
        : null,
    companyName,
    customer: { name: invoice.customer.name, email: invoice.customer.email },
    lines: invoice.lines.map((line) => ({
      description: line.description,
      quantity: line.unit ? `${line.quantity} ${line.unit}` : line.quantity,
      unitPrice: formatLineUnitPrice(line, LOCALE),
      taxRate: line.taxRate === null ? '—' : `${line.taxRate}%`,
      net: amount(line.amount),
      tax: amount(line.tax),
    })),
    net: amount(invoice.net),
    tax: amount(invoice.tax),
    total: amount(invoice.total),
  };
}
