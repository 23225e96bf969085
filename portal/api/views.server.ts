// Service records as the API's JSON: money in wire form (string minor units), dates and times
// as ISO strings. The shapes are the schemas in wire-schemas.server.ts.
import type { z } from 'zod';
import { money, toWire } from '../../billing/money.js';
import type { WorkflowStatus } from '../../server/services/account-status.js';
import type { CustomerSummary } from '../../server/services/customer-directory.js';
import type { LedgerEntryView } from '../../server/services/customer-ledger.js';
import type { EmailRecord, EmailSummary } from '../../server/services/email-records.js';
import type { InvoiceDocument, InvoiceSummary } from '../../server/services/invoice-records.js';
import type { Plan } from '../../server/services/plans.js';
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

export function planView(plan: Plan): Wire<typeof planWire> {
  return {
    id: plan.id,
    name: plan.name,
    amount: toWire(money(plan.amountMinor, plan.currency)),
    interval: plan.interval,
    createdAt: plan.createdAt.toISOString(),
  };
}

export function customerView(customer: CustomerSummary): Wire<typeof customerWire> {
  const { subscription } = customer;
  return {
    ...customer,
    balance: toWire(customer.balance),
    createdAt: customer.createdAt.toISOString(),
    subscription: subscription && { ...subscription, planAmount: toWire(subscription.planAmount) },
  };
}

export function customerDetailView(customer: CustomerSummary, workflow: WorkflowStatus): Wire<typeof customerDetailWire> {
  return { ...customerView(customer), workflow };
}

export function emailView(email: EmailSummary): Wire<typeof emailWire> {
  return { ...email, createdAt: email.createdAt.toISOString(), sentAt: email.sentAt?.toISOString() ?? null };
}

export function emailDocumentView(email: EmailRecord): Wire<typeof emailDocumentWire> {
  return { ...emailView(email), html: email.html };
}

export function invoiceView(invoice: InvoiceSummary): Wire<typeof invoiceWire> {
  return { ...invoice, total: toWire(invoice.total) };
}

export function invoiceDocumentView(invoice: InvoiceDocument): Wire<typeof invoiceDocumentWire> {
  return {
    ...invoiceView(invoice),
    customer: invoice.customer,
    lines: invoice.lines.map((line) => ({ ...line, unitAmount: toWire(line.unitAmount), amount: toWire(line.amount) })),
  };
}

export function ledgerEntryView(entry: LedgerEntryView): Wire<typeof ledgerEntryWire> {
  return {
    ...entry,
    receivableChange: toWire(entry.receivableChange),
    runningBalance: toWire(entry.runningBalance),
    lines: entry.lines.map((line) => ({ ...line, amount: toWire(line.amount) })),
  };
}
