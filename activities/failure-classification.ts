// Which activity failures retrying cannot fix. Every activity's error passes through here, in the
// worker (an activity interceptor), so the rule lives once: a failure caused by the data itself
// is rethrown as a non-retryable `BillingDataError`, and the workflow that called the activity
// decides what to do with it (the account workflow blocks the account's billing for staff).
// Anything else is left as it is and Temporal retries it.
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { blockReason } from '../billing/blocks/billing-blocks.js';
import { isUnbillableError } from '../billing/unbillable-error.js';
import { permanentDataError } from '../db/errors.js';

/** The failure type of an activity stopped by its data; workflows may match on it. */
export const BILLING_DATA_ERROR = 'BillingDataError';

/**
 * The failure to report for `error` thrown by activity `activityType`. Only the database's own
 * sentence is kept, never the failed statement or its parameters (customer data) that drizzle
 * puts in its message, so the failure can sit in workflow history and in emails to staff.
 */
export function classifyActivityFailure(error: unknown, activityType: string): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (isUnbillableError(error)) {
    return ApplicationFailure.nonRetryable(blockReason(`${activityType}: ${error.message}`), BILLING_DATA_ERROR);
  }
  const refused = permanentDataError(error);
  if (refused) {
    const constraint = refused.constraint ? `, constraint ${refused.constraint}` : '';
    return ApplicationFailure.nonRetryable(
      blockReason(`${activityType}: the database refused the data: ${refused.message} (SQLSTATE ${refused.code}${constraint})`),
      BILLING_DATA_ERROR,
    );
  }
  return error;
}

/** For the worker's `interceptors.activity`: classifies the failure of every activity it runs. */
export const classifyActivityFailures: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (error) {
        throw classifyActivityFailure(error, ctx.info.activityType);
      }
    },
  },
});
