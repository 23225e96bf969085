// A dunning policy is data: what counts as overdue enough to act on, which steps follow and on
// which day, how failed card charges are retried, and how far a promise to pay can push things.
// Callers version policies and store each version; this module knows one version's definition.
import type { CurrencyCode } from './billing-parts.js';
import type { DunningAction } from './actions.js';
import type { ServiceState } from './stages.js';

export interface DunningStep {
  /** Days after the anchor (the earliest due date still unpaid): 1 is the first day overdue. */
  afterDays: number;
  action: DunningAction;
}

export interface DunningPolicy {
  /**
   * The least overdue amount, in minor units of each currency, that opens an episode (and below
   * which an open one closes). A currency not listed has a minimum of 0: any positive overdue
   * amount in it counts.
   */
  minimumOverdueMinor: Readonly<Record<CurrencyCode, bigint>>;
  /** In the order they are taken: days never decrease, a final step (if any) is the last. */
  steps: readonly DunningStep[];
  /** Days after a failed card charge on which it is tried again, e.g. [1, 3, 7]; due or not. */
  cardRetryDays: readonly number[];
  /** Whether a suspended account goes on receiving its recurring invoices. */
  invoiceWhileSuspended: boolean;
  /** How many days after it is made a promise to pay may run at most; 0 accepts no promises. */
  maxPromiseDays: number;
}

export const MAX_POLICY_DAYS = 3650;
export const MAX_POLICY_STEPS = 20;
export const MAX_CARD_RETRIES = 10;
export const MAX_POLICY_CURRENCIES = 50;

/**
 * What a small ISP starts with: a reminder the day after the due date, a warning with the late
 * fee after a week, a final notice after two, the walled garden after three and suspension after
 * a month. Nothing is written off or handed over without staff deciding so.
 */
export const DEFAULT_DUNNING_POLICY: DunningPolicy = Object.freeze({
  minimumOverdueMinor: Object.freeze({ EUR: 500n, USD: 500n, GBP: 500n, CHF: 500n }),
  steps: Object.freeze([
    { afterDays: 1, action: 'email_reminder' },
    { afterDays: 7, action: 'email_warning' },
    { afterDays: 7, action: 'charge_penalties' },
    { afterDays: 14, action: 'email_final_notice' },
    { afterDays: 21, action: 'restrict' },
    { afterDays: 30, action: 'suspend' },
  ] as const satisfies readonly DunningStep[]),
  cardRetryDays: Object.freeze([1, 3, 7]),
  invoiceWhileSuspended: true,
  maxPromiseDays: 14,
});

/** The minimum for `currency`: the policy's, or 0 (any positive amount) when it lists none. */
export function minimumOverdueFor(policy: DunningPolicy, currency: CurrencyCode): bigint {
  return policy.minimumOverdueMinor[currency] ?? 0n;
}

/** Whether an overdue amount is enough to open (or keep open) an episode. */
export function isOverdueEnough(policy: DunningPolicy, currency: CurrencyCode, overdueMinor: bigint): boolean {
  return overdueMinor > 0n && overdueMinor >= minimumOverdueFor(policy, currency);
}

/** Whether the account's recurring invoices go on being issued in this service state. */
export function keepsInvoicing(policy: DunningPolicy, serviceState: ServiceState): boolean {
  return serviceState !== 'suspended' || policy.invoiceWhileSuspended;
}

/** The policy as JSON can hold it (amounts as decimal strings); parseDunningPolicy reads it back. */
export function dunningPolicyToJson(policy: DunningPolicy): {
  minimumOverdueMinor: Record<CurrencyCode, string>;
  steps: DunningStep[];
  cardRetryDays: number[];
  invoiceWhileSuspended: boolean;
  maxPromiseDays: number;
} {
  return {
    minimumOverdueMinor: Object.fromEntries(Object.entries(policy.minimumOverdueMinor).map(([c, m]) => [c, m.toString()])),
    steps: policy.steps.map((step) => ({ afterDays: step.afterDays, action: step.action })),
    cardRetryDays: [...policy.cardRetryDays],
    invoiceWhileSuspended: policy.invoiceWhileSuspended,
    maxPromiseDays: policy.maxPromiseDays,
  };
}
