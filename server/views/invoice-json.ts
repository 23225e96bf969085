// An invoice as JSON: the one shape the REST API answers with and `uplink invoices ... --json`
// prints. Money in wire form; periods as stored, end-exclusive.
import { toWire, type MoneyWire } from '../../billing/money.js';
import type { InvoiceDocument, InvoiceLineView, InvoiceSummary } from '../services/invoices/invoice-records.js';
import { creditNoteJson, type CreditNoteJson } from './credit-note-json.js';

export type InvoiceJson = Omit<InvoiceSummary, 'total' | 'tax'> & { tax: MoneyWire; total: MoneyWire };
export type InvoiceLineJson = Omit<InvoiceLineView, 'unitAmount' | 'amount' | 'tax' | 'credited'> & {
  unitAmount: MoneyWire | null;
  amount: MoneyWire;
  tax: MoneyWire;
  credited: MoneyWire;
};
export type InvoiceDocumentJson = InvoiceJson & {
  customer: InvoiceDocument['customer'];
  lines: InvoiceLineJson[];
  credited: MoneyWire;
  creditNotes: CreditNoteJson[];
};

export function invoiceJson(invoice: InvoiceSummary): InvoiceJson {
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
  };
}

function lineJson(line: InvoiceLineView): InvoiceLineJson {
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

export function invoiceDocumentJson(invoice: InvoiceDocument): InvoiceDocumentJson {
  const { id, name, email } = invoice.customer;
  return {
    ...invoiceJson(invoice),
    customer: { id, name, email },
    lines: invoice.lines.map(lineJson),
    credited: toWire(invoice.credited),
    creditNotes: invoice.creditNotes.map(creditNoteJson),
  };
}
