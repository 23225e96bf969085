// Service records as the API's JSON: money in wire form (string minor units), dates and times
// as ISO strings. The shapes are the schemas in wire-schemas.server.ts.
import type { z } from 'zod';
import { toWire } from '../../billing/money.js';
import type { WorkflowStatus } from '../../server/services/customers/account-status.js';
import type { CustomerSummary } from '../../server/services/customers/customer-directory.js';
import type { LedgerEntryView } from '../../server/services/books/customer-ledger.js';
import type { EmailRecord, EmailSummary } from '../../server/services/emails/email-records.js';
import type { InvoiceDocument, InvoiceSummary } from '../../server/services/invoices/invoice-records.js';
import type { Plan } from '../../server/services/subscriptions/plans.js';
import { customerDetailJson, customerJson } from '../../server/views/customer-json.js';
import { invoiceDocumentJson, invoiceJson } from '../../server/views/invoice-json.js';
import { planJson } from '../../server/views/plan-json.js';
import type {
  customerDetailWire,
  customerWire,
  emailDocumentWire,
  emailWire,
  invoiceDocumentWire,
  invoiceWire,
  ledgerEntryWire,
  planWire,
} from './wire-schemas.server.js';

type Wire<T extends z.ZodType> = z.input<T>;

// Plans, customers and invoices are shared with the CLI's --json: one shape, typed here against
// the wire schemas so that the shared views cannot drift from the API document.
export const planView: (plan: Plan) => Wire<typeof planWire> = planJson;
export const customerView: (customer: CustomerSummary) => Wire<typeof customerWire> = customerJson;
export const customerDetailView: (customer: CustomerSummary, workflow: WorkflowStatus) => Wire<typeof customerDetailWire> = customerDetailJson;
export const invoiceView: (invoice: InvoiceSummary) => Wire<typeof invoiceWire> = invoiceJson;
export const invoiceDocumentView: (invoice: InvoiceDocument) => Wire<typeof invoiceDocumentWire> = invoiceDocumentJson;

export function emailView(email: EmailSummary): Wire<typeof emailWire> {
  return { ...email, createdAt: email.createdAt.toISOString(), sentAt: email.sentAt?.toISOString() ?? null };
}

export function emailDocumentView(email: EmailRecord): Wire<typeof emailDocumentWire> {
  return { ...emailView(email), html: email.html };
}

export function ledgerEntryView(entry: LedgerEntryView): Wire<typeof ledgerEntryWire> {
  return {
    ...entry,
    receivableChange: toWire(entry.receivableChange),
    runningBalance: toWire(entry.runningBalance),
    lines: entry.lines.map((line) => ({ ...line, amount: toWire(line.amount) })),
  };
}
