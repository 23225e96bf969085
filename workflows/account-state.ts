// The customer account workflow's state and the rules that change it. Pure functions of their
// arguments, so they are deterministic inside the workflow and easy to test outside it.
import type { AccountSnapshot, InvoiceSummary, IssuedInvoice, PostedDocument, SubscriptionTerms } from '../activities/account-types.js';
import type { AccountMoney } from '../activities/autopay.js';
import type { BillingBlock } from '../billing/blocks/billing-blocks.js';
import type { IsoDate } from '../billing/calendar.js';
import type { MoneyWire } from '../billing/money.js';
import { markHandoffApplied, noHandoffsApplied, type AccountFact, type AccountHandoff, type AppliedHandoffs } from '../billing/handoffs/account-handoffs.js';
import type { AccountLifecycle, SubscriptionStanding } from '../billing/subscriptions/subscription-changes.js';
import {
  anchorAfterIntervalChange,
  chargeablePeriodFrom,
  cycleContaining,
  endEarly,
  type BillingInterval,
  type ChargeablePeriod,
} from '../billing/periods.js';

export type { AccountLifecycle } from '../billing/subscriptions/subscription-changes.js';

export interface PlanChange {
  planId: string;
  interval: BillingInterval;
}

export interface PendingPlanChange extends PlanChange {
  /** First day billed on the new plan: the end of the period in progress when it was asked for. */
  effectiveFrom: IsoDate;
}

export type SubscriptionStarted = SubscriptionTerms;

export interface AccountState {
  customerId: string;
  currency: string;
  lifecycle: AccountLifecycle;
  subscription: SubscriptionTerms | null;
  /** Start of the first period not invoiced yet. */
  nextPeriodStart: IsoDate | null;
  pendingPlanChange: PendingPlanChange | null;
  cancelRequestedOn: IsoDate | null;
  balance: MoneyWire;
  lastInvoice: InvoiceSummary | null;
  invoicesIssued: number;
  /** The last one-off invoice or credit note posted; absent in state carried from before they existed. */
  lastPostedDocument?: PostedDocument | null;
  /** Hand-off sequences applied so far; absent in state carried from before hand-offs existed. */
  appliedHandoffs?: AppliedHandoffs;
  /** Facts received and not applied yet; carried over continue-as-new so none is dropped. */
  pendingFacts?: AccountFact[];
  /** Set while a billing step has failed for good and the account waits for staff to resume it. */
  billingBlocked?: BillingBlock | null;
  /** The money side (open invoices, last payment, card, autopay); absent in state from before payments. */
  money?: AccountMoney | null;
  /** The last payment step that failed after its retries (an email, a charge), for staff. */
  lastPaymentProblem?: string | null;
}

/** What the `status` query answers. */
export interface AccountStatusView {
  customerId: string;
  status: AccountLifecycle;
  planId: string | null;
  nextBillDate: IsoDate | null;
  balance: MoneyWire;
  lastInvoice: InvoiceSummary | null;
  pendingPlanChange: PendingPlanChange | null;
  invoicesIssued: number;
  lastPostedDocument: PostedDocument | null;
  /** Every hand-off up to this sequence has been applied (later ones may be too, if they came early). */
  handoffsAppliedThrough: number;
  /** Why billing stopped and waits for staff, or null while the account bills normally. */
  billingBlocked: BillingBlock | null;
  /** What is open and overdue, the last payment, the card and autopay; null until first read. */
  payments: AccountMoney | null;
  lastPaymentProblem: string | null;
}

export function initialState(snapshot: AccountSnapshot): AccountState {
  const state: AccountState = {
    customerId: snapshot.customerId,
    currency: snapshot.currency,
    lifecycle: 'pending',
    subscription: null,
    nextPeriodStart: null,
    pendingPlanChange: null,
    cancelRequestedOn: null,
    balance: snapshot.balance,
    lastInvoice: null,
    invoicesIssued: 0,
    lastPostedDocument: null,
    appliedHandoffs: noHandoffsApplied(),
    pendingFacts: [],
    billingBlocked: null,
  };
  if (snapshot.subscription) startSubscription(state, snapshot.subscription);
  return state;
}

export function startSubscription(state: AccountState, terms: SubscriptionTerms): void {
  if (state.lifecycle !== 'pending') return;
  state.subscription = terms;
  state.nextPeriodStart = terms.startDate;
  state.lifecycle = 'active';
}

/** The next period to invoice, or null when nothing is being billed. */
export function currentPeriod(state: AccountState): ChargeablePeriod | null {
  const { subscription, nextPeriodStart } = state;
  if (state.lifecycle !== 'active' || !subscription || !nextPeriodStart) return null;
  return chargeablePeriodFrom(nextPeriodStart, subscription.interval, subscription.anchor);
}

/** The days between the last invoiced period and the cancellation, still to bill; null if none. */
export function finalPeriod(state: AccountState, cancelledOn: IsoDate): ChargeablePeriod | null {
  const period = currentPeriod(state);
  if (!period || cancelledOn <= period.start) return null;
  return cancelledOn < period.end ? endEarly(period, cancelledOn) : period;
}

/** Schedules the change for the end of the period in progress; null when nothing is billed. */
export function requestPlanChange(state: AccountState, change: PlanChange, today: IsoDate): PendingPlanChange | null {
  const { subscription, nextPeriodStart } = state;
  if (state.lifecycle !== 'active' || !subscription || !nextPeriodStart) return null;
  const from = today > nextPeriodStart ? today : nextPeriodStart;
  const effectiveFrom = cycleContaining(from, subscription.interval, subscription.anchor).end;
  state.pendingPlanChange = { ...change, effectiveFrom };
  return state.pendingPlanChange;
}

/** What the plan-change and cancellation rules (billing/subscriptions) judge the account by. */
export function subscriptionStanding(state: AccountState): SubscriptionStanding {
  return {
    lifecycle: state.lifecycle,
    cancelRequestedOn: state.cancelRequestedOn,
    planId: state.pendingPlanChange?.planId ?? state.subscription?.planId ?? null,
  };
}

/** Queues a delivered hand-off to be applied, unless its sequence was applied already. */
export function receiveHandoff(state: AccountState, handoff: AccountHandoff): boolean {
  state.appliedHandoffs ??= noHandoffsApplied();
  if (!markHandoffApplied(state.appliedHandoffs, handoff.sequence)) return false;
  (state.pendingFacts ??= []).push(handoff.fact);
  return true;
}

export const hasPendingFacts = (state: AccountState): boolean => (state.pendingFacts?.length ?? 0) > 0;

/** The plan change to apply before billing the next period, if its day has come. */
export function duePlanChange(state: AccountState): PendingPlanChange | null {
  const change = state.pendingPlanChange;
  if (!change || !state.nextPeriodStart || state.nextPeriodStart < change.effectiveFrom) return null;
  return change;
}

export function applyPlanChange(state: AccountState, change: PendingPlanChange): SubscriptionTerms {
  if (!state.subscription) throw new Error('a plan change needs a subscription');
  const anchor = anchorAfterIntervalChange(state.subscription.anchor, change.interval, change.effectiveFrom);
  state.subscription = { ...state.subscription, planId: change.planId, interval: change.interval, anchor };
  state.pendingPlanChange = null;
  return state.subscription;
}

export function recordInvoice(state: AccountState, issued: IssuedInvoice): void {
  state.nextPeriodStart = issued.invoice.periodEnd;
  state.lastInvoice = issued.invoice;
  state.balance = issued.balance;
  state.invoicesIssued += 1;
}

/** A one-off invoice or credit note: only the balance moves, the billing cycle is untouched. */
export function recordPostedDocument(state: AccountState, posted: PostedDocument): void {
  state.lastPostedDocument = posted;
  state.balance = posted.balance;
}

export function statusView(state: AccountState): AccountStatusView {
  return {
    customerId: state.customerId,
    status: state.lifecycle,
    planId: state.subscription?.planId ?? null,
    nextBillDate: currentPeriod(state)?.end ?? null,
    balance: state.balance,
    lastInvoice: state.lastInvoice,
    pendingPlanChange: state.pendingPlanChange,
    invoicesIssued: state.invoicesIssued,
    lastPostedDocument: state.lastPostedDocument ?? null,
    handoffsAppliedThrough: state.appliedHandoffs?.through ?? 0,
    billingBlocked: state.billingBlocked ?? null,
    payments: state.money ?? null,
    lastPaymentProblem: state.lastPaymentProblem ?? null,
  };
}
