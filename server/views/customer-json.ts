// A customer as JSON: the one shape the REST API answers with and `uplink customers ... --json`
// prints. Money in wire form, times as ISO strings.
import { toWire, type MoneyWire } from '../../billing/money.js';
import type { WorkflowStatus } from '../services/customers/account-status.js';
import type { CustomerSummary, SubscriptionView } from '../services/customers/customer-directory.js';

export type SubscriptionJson = Omit<SubscriptionView, 'planAmount'> & { planAmount: MoneyWire };

export interface CustomerJson {
  id: string;
  name: string;
  email: string;
  currency: string;
  status: CustomerSummary['status'];
  balance: MoneyWire;
  nextBillDate: CustomerSummary['nextBillDate'];
  createdAt: string;
  subscription: SubscriptionJson | null;
}

/** A customer with their account workflow's live state (already JSON: it is a query's answer). */
export type CustomerDetailJson = CustomerJson & { workflow: WorkflowStatus };

function subscriptionJson(subscription: SubscriptionView): SubscriptionJson {
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

export function customerJson(customer: CustomerSummary): CustomerJson {
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
  };
}

export function customerDetailJson(customer: CustomerSummary, workflow: WorkflowStatus): CustomerDetailJson {
  return { ...customerJson(customer), workflow };
}
