// What a penalty class is made of: rules, each saying how much to charge on an overdue invoice,
// on which of its lines, when, and how often. Plain data, so that staff pages, the API and the
// penalty step read and store the same thing; parse-penalty-rule.ts is the one way in.
import type { CurrencyCode } from './billing-parts.js';
import type { ReferenceRateTimeline } from './reference-rates.js';

/** How a rule's amount is worked out. */
export const PENALTY_RULE_KINDS = ['flat', 'percentage', 'interest'] as const;
export type PenaltyRuleKind = (typeof PENALTY_RULE_KINDS)[number];

/** The kinds of invoice line a rule can penalize: the invoice's own kinds, plus earlier penalties. */
export const PENALIZED_LINE_KINDS = ['plan', 'usage', 'minimum', 'adjustment', 'item', 'penalty'] as const;
export type PenalizedLineKind = (typeof PENALIZED_LINE_KINDS)[number];

/**
 * Which lines count towards a rule's base. A line counts when it matches any of the lists (its
 * kind, item id, item kind or revenue account is listed); with every list empty, every line
 * counts. Penalty lines never count unless `includePenaltyLines` says so, however they match.
 */
export interface PenalizedLines {
  lineKinds: readonly PenalizedLineKind[];
  itemIds: readonly string[];
  itemKinds: readonly string[];
  revenueAccountCodes: readonly string[];
  includePenaltyLines: boolean;
}

/** A yearly rate in percent: fixed, or a reference rate of the day plus a margin (ECB rate + 8). */
export type AnnualRate =
  | { kind: 'fixed'; percent: string }
  | { kind: 'reference'; timeline: ReferenceRateTimeline; marginPercent: string };

interface PenaltyRuleTerms {
  /** Stable: a charge is keyed by invoice, rule id and occurrence. */
  id: string;
  /** What the customer reads on the penalty line: "Late payment fee", "Late payment interest". */
  label: string;
  /** Set when the rule carries a fixed amount; the rule then applies only to invoices in it. */
  currency: CurrencyCode | null;
  /** Each charge is raised to this (0 = no minimum)... */
  minimumMinor: bigint;
  /** ...and cut to this. */
  maximumMinor: bigint | null;
  /** Days after the due date before the first charge. */
  graceDays: number;
  /** null: once per invoice; N: every N days while overdue. */
  everyDays: number | null;
  /** At most this many charges of a recurring rule; null: no limit. */
  countLimit: number | null;
  penalized: PenalizedLines;
  /** Fixed recovery compensation, charged once per invoice (EU late payment directive: 40 EUR). */
  recoveryCompensationMinor: bigint | null;
  /** Tax on the penalty in percent ("21"), or null when penalties are not taxed. */
  taxRate: string | null;
}

export type FlatPenaltyRule = PenaltyRuleTerms & { kind: 'flat'; amountMinor: bigint };
/** `percent` of the base, once per occurrence. */
export type PercentagePenaltyRule = PenaltyRuleTerms & { kind: 'percentage'; percent: string };
/** Interest on the base per day at `annualRate`, actual/365, for the days each charge covers. */
export type InterestPenaltyRule = PenaltyRuleTerms & { kind: 'interest'; annualRate: AnnualRate };

export type PenaltyRule = FlatPenaltyRule | PercentagePenaltyRule | InterestPenaltyRule;

/** The set of rules a customer's account is billed penalties by. */
export interface PenaltyClass {
  id: string;
  name: string;
  rules: readonly PenaltyRule[];
}
