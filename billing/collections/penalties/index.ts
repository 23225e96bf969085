// Penalties on overdue invoices: rules and their parsing, the base, the schedule, the interest and
// the charges due. What the penalty step, staff pages and the API import.
export {
  PENALTY_RULE_KINDS, PENALIZED_LINE_KINDS,
  type PenaltyRuleKind, type PenalizedLineKind, type PenalizedLines, type AnnualRate, type PenaltyRule, type FlatPenaltyRule,
  type PercentagePenaltyRule, type InterestPenaltyRule, type PenaltyClass,
} from './penalty-rule.js';
export { parsePenaltyRule, MAX_GRACE_DAYS, MAX_EVERY_DAYS, MAX_COUNT_LIMIT, type PenaltyRuleParse } from './parse-penalty-rule.js';
export { parsePercent, MAX_PENALTY_PERCENT, type PercentParse } from './percent.js';
export {
  rateOn, parseReferenceRateTimeline, MAX_REFERENCE_RATE_ENTRIES,
  type ReferenceRateEntry, type ReferenceRateTimeline, type TimelineParse,
} from './reference-rates.js';
export { penaltyBase, unpaidByLine, isPenalized, type PenaltyBaseInvoice, type PenaltyBaseLine } from './penalty-base.js';
export { occurrenceDay, occurrencesDue, accrualPeriod, type OccurrenceSchedule } from './penalty-occurrences.js';
export { interestForDays, rateSpans, type InterestForDays, type RateSpan } from './interest.js';
export { RECOVERY_COMPENSATION_LABEL } from './penalty-description.js';
export {
  penaltiesDue, penaltyChargeKey, RECOVERY_CHARGE_KEY, type PenaltiesDueInput, type PenaltyCharge, type PenaltyInvoice,
} from './penalty-charges.js';
