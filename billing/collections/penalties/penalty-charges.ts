// The penalties an overdue invoice owes on a date under a penalty class: the one function the
// penalty step and staff previews ("what would this class charge this customer on date D") call.
// Pure: everything it needs is passed in, including what was charged already, so calling it again
// returns only what is still owed.
import { ACCOUNTS, BillingDecimal, MAX_AMOUNT_MINOR, compareIsoDate, lineTax, money, parseIsoDate, roundDecimalHalfEven, type IsoDate } from './billing-parts.js';
import { interestForDays, type RateSpan } from './interest.js';
import { penaltyBase, type PenaltyBaseInvoice } from './penalty-base.js';
import {
  flatDescription, interestDescription, percentageDescription, recoveryDescription, type AmountBound,
} from './penalty-description.js';
import { accrualPeriod, occurrenceDay, occurrencesDue, type OccurrenceSchedule } from './penalty-occurrences.js';
import type { PenaltyRule } from './penalty-rule.js';

export interface PenaltyInvoice extends PenaltyBaseInvoice {
  id: string;
  /** The invoice's number, for the penalty line's text. */
  number: string;
  dueDate: IsoDate;
  /** The day the invoice was settled; nothing is charged or accrues from that day on. */
  settledOn: IsoDate | null;
}

export interface PenaltiesDueInput {
  /** The rules of the account's penalty class, in the class's order. */
  rules: readonly PenaltyRule[];
  invoice: PenaltyInvoice;
  /** The evaluation date: occurrences due on or before it are returned. */
  asOf: IsoDate;
  /** Occurrences already charged on this invoice. */
  charged: readonly { ruleId: string; occurrence: number }[];
  /** Whether the invoice's recovery compensation was charged already. */
  compensationCharged: boolean;
}

export interface PenaltyCharge {
  /** A penalty of a rule, or the invoice's one recovery compensation. */
  kind: 'penalty' | 'recovery';
  /** The rule charged (for a recovery compensation: the rule that carries it). */
  ruleId: string;
  /** k for a penalty; null for the recovery compensation, which is once per invoice. */
  occurrence: number | null;
  /** Unique within the invoice, for storing each charge once: "penalty:<ruleId>:<k>" or "recovery". */
  key: string;
  chargeOn: IsoDate;
  /** Interest only: the first and last day billed, both included, and how many days. */
  accruedFrom: IsoDate | null;
  accruedTo: IsoDate | null;
  days: number | null;
  /** What the rule charged on: the unpaid amount of the lines it penalizes. */
  baseMinor: bigint;
  /** Net of tax, after the rule's minimum and maximum. */
  amountMinor: bigint;
  taxRate: string | null;
  taxMinor: bigint;
  currency: string;
  /** Where the penalty is booked. */
  revenueAccountCode: string;
  /** Customer-facing line text. */
  description: string;
}

export const RECOVERY_CHARGE_KEY = 'recovery';

export function penaltyChargeKey(ruleId: string, occurrence: number): string {
  return `penalty:${ruleId}:${occurrence}`;
}

/**
 * The charges due on `asOf` and not yet made, earliest first. A rule applies when it has no
 * currency or the invoice's, and charges nothing on a zero base (not even its minimum); a
 * charge that comes to zero is left out and stays uncharged. The recovery compensation comes
 * once, with the first charge of the rule carrying one that falls earliest (the first such rule
 * in the class on a tie).
 */
export function penaltiesDue(input: PenaltiesDueInput): PenaltyCharge[] {
  const { rules, invoice, compensationCharged } = input;
  const asOf = parseIsoDate(input.asOf, 'asOf');
  parseIsoDate(invoice.dueDate, 'dueDate');
  if (invoice.settledOn !== null) parseIsoDate(invoice.settledOn, 'settledOn');
  if (invoice.openMinor > MAX_AMOUNT_MINOR) throw new RangeError(`penaltiesDue: openMinor ${invoice.openMinor} is above the amount bound`);
  const ids = rules.map((rule) => rule.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) throw new Error(`penaltiesDue: two rules have the id "${repeated}"`);

  const charges: { charge: PenaltyCharge; ruleIndex: number }[] = [];
  let compensation: { charge: PenaltyCharge; ruleIndex: number } | null = null;
  rules.forEach((rule, ruleIndex) => {
    if (rule.currency !== null && rule.currency !== invoice.currency) return;
    const baseMinor = penaltyBase(invoice, rule);
    if (baseMinor <= 0n) return;
    const schedule: OccurrenceSchedule = { dueDate: invoice.dueDate, graceDays: rule.graceDays, everyDays: rule.everyDays, countLimit: rule.countLimit };
    const charged = input.charged.filter((entry) => entry.ruleId === rule.id).map((entry) => entry.occurrence);
    for (const occurrence of occurrencesDue(schedule, { asOf, settledOn: invoice.settledOn, charged })) {
      const charge = occurrenceCharge(rule, invoice, schedule, occurrence, baseMinor);
      if (charge.amountMinor > 0n) charges.push({ charge, ruleIndex });
    }
    // Owed from the first day any rule carrying it charges: the earliest such rule's first day.
    const firstDay = occurrenceDay(schedule, 0);
    if (
      !compensationCharged && rule.recoveryCompensationMinor !== null && compensationFalls(firstDay, invoice.settledOn, asOf) &&
      (compensation === null || compareIsoDate(firstDay, compensation.charge.chargeOn) < 0)
    ) {
      compensation = { charge: compensationCharge(rule, rule.recoveryCompensationMinor, invoice, firstDay, baseMinor), ruleIndex };
    }
  });
  if (compensation) charges.push(compensation);
  // Earliest first; on one day by the class's order of rules, a rule's compensation after its charge.
  return charges
    .sort(
      (a, b) =>
        compareIsoDate(a.charge.chargeOn, b.charge.chargeOn) || a.ruleIndex - b.ruleIndex ||
        (a.charge.occurrence ?? Number.MAX_SAFE_INTEGER) - (b.charge.occurrence ?? Number.MAX_SAFE_INTEGER),
    )
    .map(({ charge }) => charge);
}

/** The compensation is owed once the first penalty of its rule falls, if the invoice was not settled by then. */
function compensationFalls(first: IsoDate, settledOn: IsoDate | null, asOf: IsoDate): boolean {
  return compareIsoDate(first, asOf) <= 0 && (settledOn === null || compareIsoDate(first, settledOn) < 0);
}

function occurrenceCharge(rule: PenaltyRule, invoice: PenaltyInvoice, schedule: OccurrenceSchedule, occurrence: number, baseMinor: bigint): PenaltyCharge {
  const chargeOn = occurrenceDay(schedule, occurrence);
  let roundedMinor: bigint;
  let accrual: { from: IsoDate; to: IsoDate; days: number; spans: RateSpan[] } | null = null;
  if (rule.kind === 'flat') {
    roundedMinor = rule.amountMinor;
  } else if (rule.kind === 'percentage') {
    roundedMinor = roundDecimalHalfEven(new BillingDecimal(baseMinor.toString()).times(rule.percent).dividedBy(100));
  } else {
    // Every occurrence falls before the settled day, so its period ends before it too.
    const { from, to } = accrualPeriod(schedule, occurrence);
    const interest = interestForDays(baseMinor, rule.annualRate, from, to);
    roundedMinor = interest.amountMinor;
    accrual = { from, to, days: interest.days, spans: interest.spans };
  }
  const { amountMinor, bound } = withinRuleBounds(roundedMinor, rule);
  const described = { label: rule.label, invoiceNumber: invoice.number, currency: invoice.currency, amountMinor, bound };
  const description =
    rule.kind === 'flat'
      ? flatDescription(described)
      : rule.kind === 'percentage'
        ? percentageDescription({ ...described, percent: rule.percent, baseMinor })
        : interestDescription({ ...described, baseMinor, spans: accrual?.spans ?? [] });
  return {
    kind: 'penalty',
    ruleId: rule.id,
    occurrence,
    key: penaltyChargeKey(rule.id, occurrence),
    chargeOn,
    accruedFrom: accrual?.from ?? null,
    accruedTo: accrual?.to ?? null,
    days: accrual?.days ?? null,
    baseMinor,
    amountMinor,
    ...taxOn(amountMinor, rule.taxRate, invoice.currency),
    currency: invoice.currency,
    revenueAccountCode: ACCOUNTS.penaltyIncome,
    description,
  };
}

/** Raised to the minimum, then cut to the maximum (parsing keeps the minimum at or below the maximum). */
function withinRuleBounds(amountMinor: bigint, rule: PenaltyRule): { amountMinor: bigint; bound: AmountBound } {
  if (amountMinor < rule.minimumMinor) return { amountMinor: rule.minimumMinor, bound: 'minimum' };
  if (rule.maximumMinor !== null && amountMinor > rule.maximumMinor) return { amountMinor: rule.maximumMinor, bound: 'maximum' };
  return { amountMinor, bound: null };
}

/** Tax on the rounded penalty, once, by the project's line tax. */
function taxOn(amountMinor: bigint, taxRate: string | null, currency: string): { taxRate: string | null; taxMinor: bigint } {
  if (taxRate === null) return { taxRate: null, taxMinor: 0n };
  return { taxRate, taxMinor: lineTax(money(amountMinor, currency), taxRate).amountMinor };
}

/** A fixed compensation for the cost of recovering the debt: not a penalty, so not taxed. */
function compensationCharge(rule: PenaltyRule, amountMinor: bigint, invoice: PenaltyInvoice, chargeOn: IsoDate, baseMinor: bigint): PenaltyCharge {
  return {
    kind: 'recovery',
    ruleId: rule.id,
    occurrence: null,
    key: RECOVERY_CHARGE_KEY,
    chargeOn,
    accruedFrom: null,
    accruedTo: null,
    days: null,
    baseMinor,
    amountMinor,
    taxRate: null,
    taxMinor: 0n,
    currency: invoice.currency,
    revenueAccountCode: ACCOUNTS.penaltyIncome,
    description: recoveryDescription(invoice.number),
  };
}
