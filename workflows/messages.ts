// The one place that names the customer account workflow's messages and search attributes.
// Workflow code, the worker, services and (later) the portal all use these objects, never strings.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import type { PostedDocument } from '../activities/account-types.js';
import type { BillingStep } from '../billing/blocks/billing-blocks.js';
import type { AccountHandoff } from '../billing/handoffs/account-handoffs.js';
import type { AccountStatusView, PendingPlanChange, PlanChange, SubscriptionStarted } from './account-state.js';

export const TASK_QUEUE = 'billing';

export const customerWorkflowId = (customerId: string): string => `customer/${customerId}`;

/**
 * A fact committed to the database (a subscription started, a document posted), delivered from the
 * hand-off outbox at least once and in any order; the workflow applies each sequence once.
 */
export const accountHandoffSignal = defineSignal<[AccountHandoff]>('accountHandoff');

/**
 * Staff move the customer to another plan from their next period on. The validator refuses it
 * (with the reason) before anything is stored; the workflow records it through an activity.
 */
export const changePlanUpdate = defineUpdate<PendingPlanChange, [PlanChange]>('requestPlanChange');
/** Staff cancel from today: the days used so far are billed, then billing stops. Answers the day. */
export const cancelSubscriptionUpdate = defineUpdate<CancellationAccepted, []>('requestCancellation');

export interface CancellationAccepted {
  cancelledOn: string;
}

/**
 * Staff resume an account whose billing is blocked, once the data is fixed: the workflow retries
 * the step that failed and bills what it missed. Refused when billing is not blocked.
 */
export const resumeBillingUpdate = defineUpdate<BillingResumed, [ResumeBillingRequest]>('resumeBilling');

export interface ResumeBillingRequest {
  /** What staff fixed, for the workflow's history. */
  note: string | null;
}

export interface BillingResumed {
  step: BillingStep;
  blockedSince: string;
}

/** The failure types the update validators refuse with; the message is the sentence for people. */
export const PLAN_CHANGE_REFUSED = 'PlanChangeRefused';
export const CANCELLATION_REFUSED = 'CancellationRefused';
export const RESUME_BILLING_REFUSED = 'ResumeBillingRefused';

// Signals of workflows started before hand-offs and updates existed. Nothing sends them any more;
// their handlers stay so that those runs (and their recorded histories) replay unchanged.
export const cancelSubscriptionSignal = defineSignal<[]>('cancelSubscription');
export const changePlanSignal = defineSignal<[PlanChange]>('changePlan');
export const subscriptionStartedSignal = defineSignal<[SubscriptionStarted]>('subscriptionStarted');
export const documentPostedSignal = defineSignal<[PostedDocument]>('documentPosted');

export const statusQuery = defineQuery<AccountStatusView>('status');

// Typed search attributes, so staff can filter accounts in the Temporal Web UI. No personal data.
export const CustomerIdAttribute = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const AccountStatusAttribute = defineSearchAttributeKey('AccountStatus', SearchAttributeType.KEYWORD);
export const BillingDayAttribute = defineSearchAttributeKey('BillingDay', SearchAttributeType.INT);
/** True while the account's billing is blocked and waits for staff; absent on accounts never blocked. */
export const BillingBlockedAttribute = defineSearchAttributeKey('BillingBlocked', SearchAttributeType.BOOL);
