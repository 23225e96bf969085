// Shapes that cross the workflow/activity boundary. They travel as JSON in Temporal payloads,
// so money is in wire form (minor units as a decimal string) and dates are ISO strings.
import type { MoneyWire } from '../billing/money.js';
import type { BillingAnchor, BillingInterval, ChargeablePeriod } from '../billing/periods.js';
import type { IsoDate } from '../billing/calendar.js';

export interface SubscriptionTerms {
  subscriptionId: string;
  planId: string;
  interval: BillingInterval;
  anchor: BillingAnchor;
  startDate: IsoDate;
}

export interface AccountSnapshot {
  customerId: string;
  currency: string;
  subscription: SubscriptionTerms | null;
  balance: MoneyWire;
}

export interface IssueRecurringInvoiceInput {
  customerId: string;
  subscriptionId: string;
  planId: string;
  period: ChargeablePeriod;
}

export interface InvoiceSummary {
  invoiceId: string;
  number: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  total: MoneyWire;
}

export interface IssuedInvoice {
  invoice: InvoiceSummary;
  /** The customer's accounts-receivable balance after the posting, from the ledger. */
  balance: MoneyWire;
}

/**
 * A document posted to the customer's account outside the billing cycle: a one-off invoice (issued
 * by staff or from an accepted quote) or a credit note. The account workflow learns of it.
 */
export interface PostedDocument {
  kind: 'invoice' | 'credit-note';
  documentId: string;
  number: string;
  total: MoneyWire;
  /** The customer's accounts-receivable balance after the posting, from the ledger. */
  balance: MoneyWire;
}
