// The yardstick for bench/billing-run: a workflow that does nothing but run as many no-op
// activities as a customer's billing catch-up does, then continue as new once, as it does.
import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline-activities.js';

const { noop } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

export async function noopBaseline(activityCount: number, continued = false): Promise<void> {
  if (continued) return;
  for (let i = 0; i < activityCount; i++) await noop();
  await continueAsNew<typeof noopBaseline>(0, true);
}
