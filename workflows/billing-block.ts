// Billing one account must never stop silently. A billing step (an activity) that fails for good,
// or keeps failing for BILLING_STEP_GIVE_UP_AFTER, does not fail the account's workflow: the
// account blocks where staff see it (the `status` query, the BillingBlocked search attribute, the
// customer row, one email to staff) and waits there until staff resume it. Then the step runs
// again, and the periods missed meanwhile are billed, each once (the steps are idempotent).
// Only this account waits; every other account is its own workflow and bills on.
import { RetryState, type RetryPolicy } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  TimeoutFailure,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { BillingActivities } from '../activities/index.js';
import { blockReason, resumeBillingRefusal, type BillingBlock, type BillingStep } from '../billing/blocks/billing-blocks.js';
import type { AccountState } from './account-state.js';
import { BillingBlockedAttribute, RESUME_BILLING_REFUSED, resumeBillingUpdate, type ResumeBillingRequest } from './messages.js';

/** How long a billing step is retried (with backoff) before the account blocks for staff. */
export const BILLING_STEP_GIVE_UP_AFTER = '1 hour';

const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' };

/** For billing steps, each called through billingStep(): retried for a bounded time only. */
export const billingActivities = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: BILLING_STEP_GIVE_UP_AFTER,
  retry,
});

// Reporting a block and clearing it are small idempotent writes; the block is already visible in
// the workflow while they retry, so they retry until they succeed.
const blockActivities = proxyActivities<BillingActivities>({ startToCloseTimeout: '30 seconds', retry });

// Runs started before blocking existed failed the workflow on a step's failure; with this patch
// they still do when replayed, and new runs block instead.
const BILLING_BLOCKS_PATCH = 'billing-blocks';

/** Runs a billing step; if it fails, blocks the account until staff resume it, then runs it again. */
export async function billingStep<T>(state: AccountState, step: BillingStep, run: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof ActivityFailure) || !patched(BILLING_BLOCKS_PATCH)) throw error;
      await blockUntilResumed(state, { since: new Date().toISOString(), step, reason: blockReason(failureReason(error)) });
    }
  }
}

async function blockUntilResumed(state: AccountState, block: BillingBlock): Promise<void> {
  state.billingBlocked = block;
  upsertSearchAttributes([{ key: BillingBlockedAttribute, value: true }]);
  log.warn('Billing blocked until staff resume it', { customerId: state.customerId, ...block });
  await blockActivities.reportBillingBlocked({ customerId: state.customerId, ...block });
  await condition(() => state.billingBlocked !== block);
  upsertSearchAttributes([{ key: BillingBlockedAttribute, value: false }]);
}

/** What staff read about a failed step: the classified failure, and whether retries ran out of time. */
function failureReason(failure: ActivityFailure): string {
  const cause = failure.cause;
  const last = cause instanceof TimeoutFailure ? cause.cause : cause;
  const message = last?.message || cause?.message || failure.message || 'the step failed';
  const gaveUp = failure.retryState === RetryState.TIMEOUT || cause instanceof TimeoutFailure;
  return gaveUp ? `still failing after ${BILLING_STEP_GIVE_UP_AFTER} of retries: ${message}` : message;
}

/**
 * Registers the resumeBilling Update. Like the other Updates it is registered before the account
 * is loaded; an account not loaded yet has nothing blocked, so it is refused.
 */
export function handleResumeBilling(currentState: () => AccountState | undefined): void {
  const refuseUnlessBlocked = (_request?: ResumeBillingRequest) => {
    const refusal = resumeBillingRefusal(currentState()?.billingBlocked);
    if (refusal) throw ApplicationFailure.nonRetryable(refusal, RESUME_BILLING_REFUSED);
  };
  setHandler(
    resumeBillingUpdate,
    async ({ note }) => {
      refuseUnlessBlocked();
      const state = currentState()!;
      const block = state.billingBlocked!;
      await blockActivities.clearBillingBlocked({ customerId: state.customerId, since: block.since });
      if (state.billingBlocked === block) state.billingBlocked = null;
      log.info('Billing resumed by staff', { customerId: state.customerId, step: block.step, blockedSince: block.since, note });
      return { step: block.step, blockedSince: block.since };
    },
    { validator: refuseUnlessBlocked },
  );
}
