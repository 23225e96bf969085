// A policy's steps as an episode meets them: each with a key that names it in the episode's
// history, the day it falls on from the episode's anchor, and a sentence for history and emails.
import { addDays, type IsoDate } from './billing-parts.js';
import { DUNNING_ACTION_LABELS, isDunningAction, type DunningAction } from './actions.js';
import type { DunningPolicy, DunningStep } from './policy.js';

/** A step of the policy with its place in it and its key. */
export interface PolicyStep extends DunningStep {
  index: number;
  key: string;
}

/**
 * "3:restrict": the step's place in the policy version and its action. It depends on neither the
 * anchor nor the date, so a step taken before a partial payment moved the anchor is still
 * recognised as taken afterwards.
 */
export function stepKey(index: number, action: DunningAction): string {
  return `${index}:${action}`;
}

/** The action a key names, or null for a key that is not one; read even from another policy version. */
export function actionOfStepKey(key: string): DunningAction | null {
  const action = /^\d+:(\w+)$/.exec(key)?.[1];
  return isDunningAction(action) ? action : null;
}

export function policySteps(policy: DunningPolicy): PolicyStep[] {
  return policy.steps.map((step, index) => ({ ...step, index, key: stepKey(index, step.action) }));
}

/** The day a step falls on for an episode counted from `anchor` (the earliest due date still unpaid). */
export function stepDate(step: DunningStep, anchor: IsoDate): IsoDate {
  return addDays(anchor, step.afterDays);
}

/**
 * The day the policy suspends service for an episode counted from `anchor`, for the warning email;
 * a promise to pay until a later day moves it to the day after the promise. Null when the policy
 * never suspends.
 */
export function suspensionDate(policy: DunningPolicy, anchor: IsoDate, promiseToPayUntil: IsoDate | null = null): IsoDate | null {
  const suspend = policy.steps.find((step) => step.action === 'suspend');
  if (!suspend) return null;
  const scheduled = stepDate(suspend, anchor);
  const afterPromise = promiseToPayUntil === null ? null : addDays(promiseToPayUntil, 1);
  return afterPromise !== null && afterPromise > scheduled ? afterPromise : scheduled;
}

/** "Warning email, 7 days after the due date" — for the episode's history and the staff pages. */
export function stepDescription(step: DunningStep): string {
  return `${DUNNING_ACTION_LABELS[step.action]}, ${daysAfterDueDate(step.afterDays)}`;
}

function daysAfterDueDate(days: number): string {
  if (days === 0) return 'on the due date';
  return `${days} ${days === 1 ? 'day' : 'days'} after the due date`;
}
