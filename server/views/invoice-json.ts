// An invoice as JSON: the one shape the REST API answers with and `uplink invoices ... --json`
// prints. Money in wire form; periods as stored, end-exclusive.
import { z } from 'zod';
import type { IsoDate } from '../../billing/calendar.js';
import { INVOICE_KINDS, INVOICE_LINE_KINDS } from '../../billing/invoice-lines.js';
import { toWire } from '../../billing/money.js';
import { isOverdue, PAYMENT_STATUSES } from '../../billing/payments/payment-status.js';
import type { InvoiceDocument, InvoiceLineView, InvoiceSummary } from '../services/invoices/invoice-records.js';
import { creditNoteJson, creditNoteWire } from './credit-note-json.js';
import { id, isoDate, moneyWire } from './wire-parts.js';

export const invoiceWire = z
  .object({
    id,
    number: z.string(),
    customerId: id,
    kind: z.enum(INVOICE_KINDS).meta({ description: 'A subscription period (`recurring`), items (`one_off`), or penalties on overdue invoices (`penalty`, due at once).' }),
    status: z.enum(['issued', 'paid', 'void']),
    issueDate: isoDate,
    periodStart: isoDate.nullable(),
    periodEnd: isoDate.nullable(),
    tax: moneyWire.meta({ description: 'The tax included in the total, summed from the lines (each rounded once).' }),
    total: moneyWire.meta({ description: 'What the customer owes for it: the net amounts plus their tax.' }),
    dueDate: isoDate.meta({ description: "When it falls due: the issue date plus the customer's payment terms." }),
    paymentStatus: z.enum(PAYMENT_STATUSES).meta({ description: 'How much of it is settled: `open` (nothing yet), `partially_paid` or `paid`.' }),
    amountOpen: moneyWire.meta({ description: 'What is still to pay on it, after payments, credit applied and credit notes.' }),
    overdue: z.boolean().meta({ description: "Money is still open and the due date has passed (in the company's time zone); the due day itself is not overdue." }),
  })
  .meta({ id: 'Invoice' });

const invoiceLineWire = z.object({
  position: z.int(),
  kind: z.enum(INVOICE_LINE_KINDS).meta({
    description: 'A plan charge, a rate component, a top-up to a minimum charge, late consumption of an earlier period (its period is on the line), a catalog item on a one-off invoice, or a penalty on an overdue invoice.',
  }),
  description: z.string(),
  quantity: z.string().meta({ description: 'Decimal string.' }),
  unit: z.string().nullable().meta({ description: 'What the quantity counts (GB, days); null for a plan.' }),
  unitAmount: moneyWire.nullable().meta({ description: 'Price of one unit, when it is a whole minor unit.' }),
  unitAmountDecimal: z
    .string()
    .nullable()
    .meta({ description: 'Exact unit price in minor units when it is finer than one ("0.045"); otherwise null.' }),
  amount: moneyWire,
  periodStart: isoDate.nullable(),
  periodEnd: isoDate.nullable(),
  ranges: z
    .array(
      z.object({
        from: z.string(),
        upTo: z.string().nullable(),
        units: z.string(),
        unitAmountDecimal: z.string(),
        flatAmountMinor: z.string().nullable(),
        amount: z.string().meta({ description: 'Exact, in minor units, before the line is rounded once.' }),
      }),
    )
    .nullable()
    .meta({ description: 'How a stepped or volume line was priced, range by range.' }),
  itemId: id.nullable().meta({ description: 'The catalog item of a one-off line; null otherwise.' }),
  taxRate: z.string().nullable().meta({ description: 'Tax in percent ("21"); null on lines that carry no tax.' }),
  tax: moneyWire.meta({ description: "The line's tax, rounded once." }),
  credited: moneyWire.meta({ description: 'Net amount credit notes have taken back from this line.' }),
});

export const invoiceDocumentWire = invoiceWire
  .extend({
    customer: z.object({ id, name: z.string(), email: z.string() }),
    lines: z.array(invoiceLineWire),
    credited: moneyWire.meta({ description: 'What credit notes have taken back in all, tax included.' }),
    creditNotes: z.array(creditNoteWire).meta({ description: 'Credit notes against this invoice, oldest first.' }),
  })
  .meta({ id: 'InvoiceDocument' });

/** `today` is the company's business date (businessDateAt in its time zone): it decides `overdue`. */
export function invoiceJson(invoice: InvoiceSummary, today: IsoDate): z.input<typeof invoiceWire> {
  return {
    id: invoice.id,
    number: invoice.number,
    customerId: invoice.customerId,
    kind: invoice.kind,
    status: invoice.status,
    issueDate: invoice.issueDate,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    tax: toWire(invoice.tax),
    total: toWire(invoice.total),
    dueDate: invoice.dueDate,
    paymentStatus: invoice.paymentStatus,
    amountOpen: toWire(invoice.amountOpen),
    overdue: isOverdue(invoice.dueDate, invoice.amountOpen.amountMinor, today),
  };
}

function lineJson(line: InvoiceLineView): z.input<typeof invoiceLineWire> {
  return {
    position: line.position,
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    unitAmount: line.unitAmount ? toWire(line.unitAmount) : null,
    unitAmountDecimal: line.unitAmountDecimal,
    amount: toWire(line.amount),
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
    ranges: line.ranges,
    itemId: line.itemId,
    taxRate: line.taxRate,
    tax: toWire(line.tax),
    credited: toWire(line.credited),
  };
}

export function invoiceDocumentJson(invoice: InvoiceDocument, today: IsoDate): z.input<typeof invoiceDocumentWire> {
  const { customer } = invoice;
  return {
    ...invoiceJson(invoice, today),
    customer: { id: customer.id, name: customer.name, email: customer.email },
    lines: invoice.lines.map(lineJson),
    credited: toWire(invoice.credited),
    creditNotes: invoice.creditNotes.map(creditNoteJson),
  };
}
