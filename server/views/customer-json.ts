// A customer as JSON: the one shape the REST API answers with and `uplink customers ... --json`
// prints. Money in wire form, times as ISO strings.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import type { WorkflowStatus } from '../services/customers/account-status.js';
import type { CustomerSummary, SubscriptionView } from '../services/customers/customer-directory.js';
import { billingBlockWire } from './billing-block-json.js';
import { id, isoDate, moneyWire, timestamp } from './wire-parts.js';

export const subscriptionWire = z
  .object({
    id,
    planId: id,
    planName: z.string(),
    planAmount: moneyWire,
    interval: z.enum(['month', 'year']),
    anchor: z
      .object({ day: z.int().min(1).max(31), month: z.int().min(1).max(12).optional() })
      .meta({ description: 'The day (and, for yearly plans, month) periods renew on.' }),
    startDate: isoDate,
    status: z.enum(['active', 'cancelled']),
    cancelledOn: isoDate.nullable(),
  })
  .meta({ id: 'Subscription' });

export const customerWire = z
  .object({
    id,
    name: z.string(),
    email: z.string(),
    currency: z.string(),
    status: z.enum(['pending', 'active', 'cancelled']).meta({ description: '`pending`: set up, not billed until subscribed.' }),
    balance: moneyWire.meta({ description: 'What the customer owes, from the ledger.' }),
    nextBillDate: isoDate.nullable(),
    createdAt: timestamp,
    subscription: subscriptionWire.nullable(),
    paymentTermsDays: z
      .int()
      .nullable()
      .meta({ description: "Days after issue the customer's invoices fall due; null: the company default (`GET /api/v1/settings`)." }),
  })
  .meta({ id: 'Customer' });

const invoiceBrief = z.object({ invoiceId: id, number: z.string(), periodStart: isoDate, periodEnd: isoDate, total: moneyWire });

export const workflowStatusWire = z
  .discriminatedUnion('available', [
    z.object({
      available: z.literal(true),
      workflowId: z.string(),
      runId: z.string().optional(),
      status: z.object({
        customerId: id,
        status: z.enum(['pending', 'active', 'cancelled']),
        planId: id.nullable(),
        nextBillDate: isoDate.nullable(),
        balance: moneyWire,
        lastInvoice: invoiceBrief.nullable(),
        pendingPlanChange: z.object({ planId: id, interval: z.enum(['month', 'year']), effectiveFrom: isoDate }).nullable(),
        invoicesIssued: z.int(),
        lastPostedDocument: z
          .object({
            kind: z.enum(['invoice', 'credit-note']),
            documentId: id,
            number: z.string(),
            total: moneyWire,
            balance: moneyWire,
          })
          .nullable()
          .meta({ description: 'The last one-off invoice or credit note posted to the account outside the billing cycle.' }),
        billingBlocked: billingBlockWire.nullable(),
      }),
    }),
    z.object({ available: z.literal(false), workflowId: z.string(), reason: z.string() }),
  ])
  .meta({ id: 'WorkflowStatus', description: "The account workflow's live state, answered by its `status` query." });

/** A customer with their account workflow's live state (already JSON: it is a query's answer). */
export const customerDetailWire = customerWire.extend({ workflow: workflowStatusWire }).meta({ id: 'CustomerDetail' });

function subscriptionJson(subscription: SubscriptionView): z.input<typeof subscriptionWire> {
  return {
    id: subscription.id,
    planId: subscription.planId,
    planName: subscription.planName,
    planAmount: toWire(subscription.planAmount),
    interval: subscription.interval,
    anchor: subscription.anchor,
    startDate: subscription.startDate,
    status: subscription.status,
    cancelledOn: subscription.cancelledOn,
  };
}

export function customerJson(customer: CustomerSummary): z.input<typeof customerWire> {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    currency: customer.currency,
    status: customer.status,
    balance: toWire(customer.balance),
    nextBillDate: customer.nextBillDate,
    createdAt: customer.createdAt.toISOString(),
    subscription: customer.subscription && subscriptionJson(customer.subscription),
    paymentTermsDays: customer.paymentTermsDays,
  };
}

export function customerDetailJson(customer: CustomerSummary, workflow: WorkflowStatus): z.input<typeof customerDetailWire> {
  return { ...customerJson(customer), workflow };
}
