// The one place that names the customer account workflow's messages and search attributes.
// Workflow code, the worker, services and (later) the portal all use these objects, never strings.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import type { PostedDocument } from '../activities/account-types.js';
import type { AccountStatusView, PlanChange, SubscriptionStarted } from './account-state.js';

export const TASK_QUEUE = 'billing';

export const customerWorkflowId = (customerId: string): string => `customer/${customerId}`;

/** Staff cancelled the subscription: bill the days used so far, then stop billing. */
export const cancelSubscriptionSignal = defineSignal<[]>('cancelSubscription');
/** A new plan, billed from the next period on. */
export const changePlanSignal = defineSignal<[PlanChange]>('changePlan');
/** A customer set up without a plan got one. */
export const subscriptionStartedSignal = defineSignal<[SubscriptionStarted]>('subscriptionStarted');

/** A one-off invoice or a credit note was posted to the account; its balance changed. */
export const documentPostedSignal = defineSignal<[PostedDocument]>('documentPosted');

export const statusQuery = defineQuery<AccountStatusView>('status');

// Typed search attributes, so staff can filter accounts in the Temporal Web UI. No personal data.
export const CustomerIdAttribute = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const AccountStatusAttribute = defineSearchAttributeKey('AccountStatus', SearchAttributeType.KEYWORD);
export const BillingDayAttribute = defineSearchAttributeKey('BillingDay', SearchAttributeType.INT);
