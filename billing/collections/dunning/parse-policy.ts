// Reading a dunning policy that staff wrote (the staff page, the API) or that was stored: every
// refusal names the field, as a path such as `steps[2].afterDays`, and says what it must be.
import { AMOUNT_BOUND_REASON, MAX_AMOUNT_MINOR, isRecord, parseCurrency, show } from './billing-parts.js';
import { DUNNING_ACTIONS, isDunningAction, isFinalAction } from './actions.js';
import {
  MAX_CARD_RETRIES, MAX_POLICY_CURRENCIES, MAX_POLICY_DAYS, MAX_POLICY_STEPS, type DunningPolicy, type DunningStep,
} from './policy.js';

export type DunningPolicyParse = { ok: true; policy: DunningPolicy } | { ok: false; field: string; reason: string };

class PolicyProblem extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

const POLICY_FIELDS = ['minimumOverdueMinor', 'steps', 'cardRetryDays', 'invoiceWhileSuspended', 'maxPromiseDays'];
const STEP_FIELDS = ['afterDays', 'action'];

export function parseDunningPolicy(input: unknown): DunningPolicyParse {
  try {
    return { ok: true, policy: readPolicy(input) };
  } catch (error) {
    if (error instanceof PolicyProblem) return { ok: false, field: error.field, reason: error.reason };
    throw error;
  }
}

function readPolicy(input: unknown): DunningPolicy {
  if (!isRecord(input)) throw new PolicyProblem('policy', `must be an object, got ${show(input)}`);
  refuseUnknownFields(input, POLICY_FIELDS, '');
  const invoiceWhileSuspended = input.invoiceWhileSuspended ?? true;
  if (typeof invoiceWhileSuspended !== 'boolean') {
    throw new PolicyProblem('invoiceWhileSuspended', `must be true or false, got ${show(invoiceWhileSuspended)}`);
  }
  return {
    minimumOverdueMinor: readMinimums(input.minimumOverdueMinor),
    steps: readSteps(input.steps),
    cardRetryDays: readRetryDays(input.cardRetryDays),
    invoiceWhileSuspended,
    maxPromiseDays: readDays(input.maxPromiseDays, 'maxPromiseDays'),
  };
}

function refuseUnknownFields(input: Record<string, unknown>, known: readonly string[], prefix: string): void {
  const unknown = Object.keys(input).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new PolicyProblem(`${prefix}${unknown}`, `is not a field here (the fields are ${known.join(', ')})`);
  }
}

function readDays(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new PolicyProblem(field, `must be a whole number of days, got ${show(value)}`);
  }
  if (value < 0 || value > MAX_POLICY_DAYS) throw new PolicyProblem(field, `must be between 0 and ${MAX_POLICY_DAYS} days, got ${value}`);
  return value;
}

function readMinimums(value: unknown): Record<string, bigint> {
  if (!isRecord(value)) {
    throw new PolicyProblem('minimumOverdueMinor', `must be an object of amounts by currency, such as {"EUR": 500}, got ${show(value)}`);
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_POLICY_CURRENCIES) {
    throw new PolicyProblem('minimumOverdueMinor', `must list at most ${MAX_POLICY_CURRENCIES} currencies, got ${entries.length}`);
  }
  const minimums: Record<string, bigint> = {};
  for (const [code, amount] of entries) {
    try {
      parseCurrency(code);
    } catch {
      throw new PolicyProblem(`minimumOverdueMinor.${code.slice(0, 20)}`, 'is not a currency: expected a 3-letter ISO 4217 code such as EUR');
    }
    minimums[code] = readAmountMinor(amount, `minimumOverdueMinor.${code}`);
  }
  return minimums;
}

/** Minor units as a bigint, a safe whole number, or the digits of one (JSON cannot hold a bigint). */
function readAmountMinor(value: unknown, field: string): bigint {
  let amount: bigint;
  if (typeof value === 'bigint') amount = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) amount = BigInt(value);
  else if (typeof value === 'string' && /^-?\d{1,40}$/.test(value)) amount = BigInt(value);
  else throw new PolicyProblem(field, `must be a whole number of minor units (500 is EUR 5.00), got ${show(value)}`);
  if (amount < 0n) throw new PolicyProblem(field, `must not be negative, got ${amount}`);
  if (amount > MAX_AMOUNT_MINOR) throw new PolicyProblem(field, AMOUNT_BOUND_REASON);
  return amount;
}

function readSteps(value: unknown): DunningStep[] {
  if (!Array.isArray(value)) throw new PolicyProblem('steps', `must be a list of steps, got ${show(value)}`);
  if (value.length > MAX_POLICY_STEPS) throw new PolicyProblem('steps', `must have at most ${MAX_POLICY_STEPS} steps, got ${value.length}`);
  const steps = value.map((step: unknown, index) => readStep(step, `steps[${index}]`));
  steps.forEach((step, index) => checkStepInOrder(steps, index));
  return steps;
}

function readStep(value: unknown, path: string): DunningStep {
  if (!isRecord(value)) throw new PolicyProblem(path, `must be an object such as {"afterDays": 7, "action": "email_warning"}, got ${show(value)}`);
  refuseUnknownFields(value, STEP_FIELDS, `${path}.`);
  const afterDays = readDays(value.afterDays, `${path}.afterDays`);
  if (!isDunningAction(value.action)) {
    throw new PolicyProblem(`${path}.action`, `must be one of ${DUNNING_ACTIONS.join(', ')}, got ${show(value.action)}`);
  }
  return { afterDays, action: value.action };
}

/**
 * Steps are taken in the order listed, so the list must read as time passes: no step before the
 * one above it, service cut at most once in each degree and never loosened (restrict, then
 * suspend), and an end to the episode only as the very last step.
 */
function checkStepInOrder(steps: readonly DunningStep[], index: number): void {
  const step = steps[index]!;
  const earlier = steps.slice(0, index);
  const path = `steps[${index}]`;
  const previous = earlier[earlier.length - 1];
  if (previous && step.afterDays < previous.afterDays) {
    throw new PolicyProblem(`${path}.afterDays`, `must not come before the step above it (day ${previous.afterDays}), got day ${step.afterDays}`);
  }
  if (earlier.some((other) => other.afterDays === step.afterDays && other.action === step.action)) {
    throw new PolicyProblem(path, `repeats the step ${step.action} on day ${step.afterDays}`);
  }
  if (isFinalAction(step.action) && index !== steps.length - 1) {
    throw new PolicyProblem(`${path}.action`, `${step.action} ends the episode, so it must be the last step`);
  }
  if ((step.action === 'restrict' || step.action === 'suspend') && earlier.some((other) => other.action === step.action)) {
    throw new PolicyProblem(`${path}.action`, `${step.action} may appear only once`);
  }
  if (step.action === 'restrict' && earlier.some((other) => other.action === 'suspend')) {
    throw new PolicyProblem(`${path}.action`, 'restrict must come before suspend: it would loosen a suspension');
  }
}

function readRetryDays(value: unknown): number[] {
  if (!Array.isArray(value)) throw new PolicyProblem('cardRetryDays', `must be a list of days such as [1, 3, 7], got ${show(value)}`);
  if (value.length > MAX_CARD_RETRIES) {
    throw new PolicyProblem('cardRetryDays', `must have at most ${MAX_CARD_RETRIES} retries, got ${value.length}`);
  }
  const days = value.map((day: unknown, index) => readDays(day, `cardRetryDays[${index}]`));
  days.forEach((day, index) => {
    if (day === 0) throw new PolicyProblem(`cardRetryDays[${index}]`, 'must be at least 1: a card declined today is not tried again the same day');
    const previous = days[index - 1];
    if (previous !== undefined && day <= previous) {
      throw new PolicyProblem(`cardRetryDays[${index}]`, `must come after the retry before it (day ${previous}), got day ${day}`);
    }
  });
  return days;
}
