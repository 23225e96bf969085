// One long-running workflow per customer account: it bills every completed period in order,
// exactly once, then waits for the next bill date while listening for staff actions.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { BillingActivities } from '../activities/index.js';
import { epochMsOfIsoDate, isoDateFromEpochMs, type IsoDate } from '../billing/calendar.js';
import type { ChargeablePeriod } from '../billing/periods.js';
import {
  applyPlanChange,
  currentPeriod,
  duePlanChange,
  finalPeriod,
  hasPendingFacts,
  initialState,
  receiveHandoff,
  recordInvoice,
  recordPostedDocument,
  requestPlanChange,
  startSubscription,
  statusView,
  type AccountState,
  type AccountStatusView,
} from './account-state.js';
import { applyMoneyFact, autopayPostedInvoice, nextCardNotice, refreshMoney, sendCardNotice } from './account-payments.js';
import { handleAccountUpdates } from './account-updates.js';
import { billingActivities as steps, billingStep, handleResumeBilling } from './billing-block.js';
import {
  AccountStatusAttribute,
  BillingDayAttribute,
  CustomerIdAttribute,
  accountHandoffSignal,
  cancelSubscriptionSignal,
  changePlanSignal,
  documentPostedSignal,
  statusQuery,
  subscriptionStartedSignal,
} from './messages.js';

export interface CustomerAccountInput {
  customerId: string;
  /** Set when the workflow continues as new: the state the previous run ended with. */
  carriedState?: AccountState;
}

// Only for a new account's first load, before there is a state that could block: it retries
// until it succeeds. Every later activity is a billing step (billing-block.ts): retried for a
// bounded time, then the account blocks until staff resume it.
const activities = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const today = (): IsoDate => isoDateFromEpochMs(Date.now());

export async function customerAccount(input: CustomerAccountInput): Promise<AccountStatusView> {
  let loaded: AccountState | undefined = input.carriedState;
  handleAccountUpdates(() => loaded);
  handleResumeBilling(() => loaded);
  const state = (loaded ??= initialState(await activities.loadAccount(input.customerId)));

  setHandler(statusQuery, () => statusView(state));
  setHandler(accountHandoffSignal, (handoff) => {
    receiveHandoff(state, handoff);
  });
  // Signals of runs started before hand-offs and updates: kept so that those runs replay unchanged.
  setHandler(cancelSubscriptionSignal, () => {
    state.cancelRequestedOn ??= today();
  });
  setHandler(changePlanSignal, (change) => {
    requestPlanChange(state, change, today());
  });
  setHandler(documentPostedSignal, (posted) => recordPostedDocument(state, posted));
  setHandler(subscriptionStartedSignal, (terms) => {
    startSubscription(state, terms);
    publishSearchAttributes(state);
  });
  publishSearchAttributes(state);

  if (state.money === undefined && takesPayments()) await refreshMoney(state);
  for (;;) {
    await applyPendingFacts(state);
    const billed = await billCompletedPeriods(state);
    if (state.cancelRequestedOn) {
      await finishCancellation(state, state.cancelRequestedOn);
      return statusView(state);
    }
    // A fresh history every cycle keeps it short however many years the account lives.
    if (billed > 0 || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof customerAccount>({ customerId: state.customerId, carriedState: state });
    }
    await waitForNextBillDate(state);
  }
}

/**
 * Applies the facts handed off since the last look. A fact only says what happened; the figures
 * (the subscription, the balance) are read from the database now, so an old fact arriving late
 * cannot put an older state back.
 */
async function applyPendingFacts(state: AccountState): Promise<void> {
  while (hasPendingFacts(state)) {
    const fact = state.pendingFacts?.shift();
    if (!fact) return;
    switch (fact.kind) {
      case 'account-opened':
        break;
      case 'subscription-started': {
        if (state.lifecycle !== 'pending') break;
        const account = await billingStep(state, 'load-account', () => steps.loadAccount(state.customerId));
        state.balance = account.balance;
        if (account.subscription) startSubscription(state, account.subscription);
        publishSearchAttributes(state);
        break;
      }
      case 'document-posted':
        recordPostedDocument(state, await billingStep(state, 'apply-posted-document', () => steps.postedDocument(fact.document, fact.documentId)));
        if (fact.document === 'invoice' && takesPayments()) await autopayPostedInvoice(state, fact.documentId);
        break;
      default:
        await applyMoneyFact(state, fact);
    }
  }
}

async function billCompletedPeriods(state: AccountState): Promise<number> {
  let billed = 0;
  for (;;) {
    await applyDuePlanChange(state);
    const period = currentPeriod(state);
    if (!period || epochMsOfIsoDate(period.end) > Date.now()) return billed;
    if (state.cancelRequestedOn && period.end > state.cancelRequestedOn) return billed;
    // Years of missed periods: continue in a fresh run before the history grows too long.
    if (billed > 0 && workflowInfo().continueAsNewSuggested) return billed;
    await billPeriod(state, period);
    billed += 1;
  }
}

async function billPeriod(state: AccountState, period: ChargeablePeriod): Promise<void> {
  const subscription = state.subscription;
  if (!subscription) throw new Error('billing a period needs a subscription');
  const issued = await billingStep(state, 'issue-invoice', () =>
    steps.issueRecurringInvoice({ customerId: state.customerId, subscriptionId: subscription.subscriptionId, planId: subscription.planId, period }),
  );
  recordInvoice(state, issued);
  await billingStep(state, 'email-invoice', () => steps.emailInvoice(issued.invoice.invoiceId));
  if (takesPayments()) await autopayPostedInvoice(state, issued.invoice.invoiceId);
}

/** Runs started before payments existed replay without the payment steps they never took. */
function takesPayments(): boolean {
  return patched('payments');
}

async function applyDuePlanChange(state: AccountState): Promise<void> {
  const change = duePlanChange(state);
  if (!change) return;
  const terms = applyPlanChange(state, change);
  // The whole anchor: a switch to yearly may move the day too (a 31st-anchored account switched on Feb 28).
  const switchPlan = { subscriptionId: terms.subscriptionId, planId: terms.planId, anchorMonth: terms.anchor.month ?? null, anchorDay: terms.anchor.day };
  await billingStep(state, 'switch-plan', () => steps.switchSubscriptionPlan(switchPlan));
}

async function finishCancellation(state: AccountState, cancelledOn: IsoDate): Promise<void> {
  const period = finalPeriod(state, cancelledOn);
  if (period) await billPeriod(state, period);
  const closing = { customerId: state.customerId, subscriptionId: state.subscription?.subscriptionId ?? null, cancelledOn };
  await billingStep(state, 'close-subscription', () => steps.closeSubscription(closing));
  state.lifecycle = 'cancelled';
  publishSearchAttributes(state);
  await condition(allHandlersFinished);
}

/** Sleeps until the current period ends, waking early for a cancellation, a new subscription or a handed-off fact. */
async function waitForNextBillDate(state: AccountState): Promise<void> {
  const period = currentPeriod(state);
  const interrupted = () =>
    state.cancelRequestedOn !== null || (period === null && state.lifecycle === 'active') || hasPendingFacts(state);
  if (!period) {
    await condition(interrupted);
    return;
  }
  const untilDue = epochMsOfIsoDate(period.end) - Date.now();
  // A card expiry notice due before the bill date wakes the account for it first.
  const notice = takesPayments() ? nextCardNotice(state, today()) : null;
  const untilNotice = notice ? Math.max(0, epochMsOfIsoDate(notice.on) - Date.now()) : Infinity;
  if (notice && untilNotice < untilDue) {
    if (!(await condition(interrupted, untilNotice, { summary: `Card expiry notice (${notice.daysBefore} days)` }))) {
      await sendCardNotice(state, notice.daysBefore);
    }
    return;
  }
  await condition(interrupted, untilDue, { summary: `Bill period ${period.start} to ${period.end}` });
}

function publishSearchAttributes(state: AccountState): void {
  upsertSearchAttributes([
    { key: CustomerIdAttribute, value: state.customerId },
    { key: AccountStatusAttribute, value: state.lifecycle },
    ...(state.subscription ? [{ key: BillingDayAttribute, value: state.subscription.anchor.day }] : []),
  ]);
}
