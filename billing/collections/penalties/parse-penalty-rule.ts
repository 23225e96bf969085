// A penalty rule as staff send it (a form, the API, a stored row read back): every field checked,
// defaults filled, and the first problem answered with the field's path and why, such as
// { field: 'annualRate.marginPercent', reason: 'must have at most 6 decimals' }.
import { AMOUNT_BOUND_REASON, MAX_AMOUNT_MINOR, isRecord, parseCurrency, parseTaxRate } from './billing-parts.js';
import { parsePercent } from './percent.js';
import {
  PENALIZED_LINE_KINDS, PENALTY_RULE_KINDS, type AnnualRate, type PenalizedLineKind, type PenalizedLines, type PenaltyRule,
} from './penalty-rule.js';
import { parseReferenceRateTimeline } from './reference-rates.js';

export const MAX_GRACE_DAYS = 3650;
export const MAX_EVERY_DAYS = 3650;
export const MAX_COUNT_LIMIT = 1000;
/** Ids, item ids, item kinds and account codes are keys, not prose. */
const MAX_KEY_LENGTH = 100;
const MAX_LABEL_LENGTH = 120;
const MAX_LIST_LENGTH = 1000;

export type PenaltyRuleParse = { ok: true; rule: PenaltyRule } | { ok: false; field: string; reason: string };

class FieldProblem extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field} ${reason}`);
  }
}

const COMMON_FIELDS = [
  'id', 'label', 'kind', 'currency', 'minimumMinor', 'maximumMinor', 'graceDays', 'everyDays', 'countLimit', 'penalized',
  'recoveryCompensationMinor', 'taxRate',
];
const FIELDS_OF_KIND = { flat: ['amountMinor'], percentage: ['percent'], interest: ['annualRate'] } as const;

export function parsePenaltyRule(input: unknown): PenaltyRuleParse {
  try {
    return { ok: true, rule: readRule(input) };
  } catch (error) {
    if (error instanceof FieldProblem) return { ok: false, field: error.field, reason: error.reason };
    throw error;
  }
}

function readRule(input: unknown): PenaltyRule {
  if (!isRecord(input)) throw new FieldProblem('rule', 'must be an object');
  const kind = input.kind;
  if (typeof kind !== 'string' || !(PENALTY_RULE_KINDS as readonly string[]).includes(kind)) {
    throw new FieldProblem('kind', `must be one of ${PENALTY_RULE_KINDS.join(', ')}`);
  }
  const ruleKind = kind as PenaltyRule['kind'];
  for (const field of Object.keys(input)) {
    if (COMMON_FIELDS.includes(field) || (FIELDS_OF_KIND[ruleKind] as readonly string[]).includes(field)) continue;
    const owner = PENALTY_RULE_KINDS.find((other) => (FIELDS_OF_KIND[other] as readonly string[]).includes(field));
    throw new FieldProblem(field, owner ? `applies only to ${owner} rules` : 'is not a known field of a penalty rule');
  }

  const terms = {
    id: key(input.id, 'id'),
    label: label(input.label),
    currency: optional(input.currency, null, (value) => currency(value)),
    minimumMinor: optional(input.minimumMinor, 0n, (value) => amount(value, 'minimumMinor', 0n)),
    maximumMinor: optional(input.maximumMinor, null, (value) => amount(value, 'maximumMinor', 1n)),
    graceDays: optional(input.graceDays, 0, (value) => wholeDays(value, 'graceDays', 0, MAX_GRACE_DAYS)),
    everyDays: optional(input.everyDays, null, (value) => wholeDays(value, 'everyDays', 1, MAX_EVERY_DAYS)),
    countLimit: optional(input.countLimit, null, (value) => wholeDays(value, 'countLimit', 1, MAX_COUNT_LIMIT)),
    penalized: penalized(input.penalized),
    recoveryCompensationMinor: optional(input.recoveryCompensationMinor, null, (value) => amount(value, 'recoveryCompensationMinor', 1n)),
    taxRate: optional(input.taxRate, null, (value) => taxRate(value)),
  };
  if (terms.maximumMinor !== null && terms.minimumMinor > terms.maximumMinor) {
    throw new FieldProblem('maximumMinor', `must be at least minimumMinor (${terms.minimumMinor})`);
  }
  if (terms.countLimit !== null && terms.everyDays === null) {
    throw new FieldProblem('countLimit', 'applies only to a recurring rule: set everyDays, or leave countLimit out for a rule charged once');
  }

  const rule: PenaltyRule =
    ruleKind === 'flat'
      ? { ...terms, kind: 'flat', amountMinor: amount(required(input.amountMinor, 'amountMinor'), 'amountMinor', 1n) }
      : ruleKind === 'percentage'
        ? { ...terms, kind: 'percentage', percent: percent(required(input.percent, 'percent'), 'percent') }
        : { ...terms, kind: 'interest', annualRate: annualRate(required(input.annualRate, 'annualRate')) };

  const fixedAmount = (['amountMinor', 'maximumMinor', 'recoveryCompensationMinor'] as const).find((field) => input[field] != null)
    ?? (terms.minimumMinor > 0n ? 'minimumMinor' : undefined);
  if (fixedAmount && rule.currency === null) {
    throw new FieldProblem('currency', `is required: ${fixedAmount} is an amount of money, and the rule applies only to invoices in its currency`);
  }
  return rule;
}

function required(value: unknown, field: string): unknown {
  if (value === undefined || value === null) throw new FieldProblem(field, 'is required');
  return value;
}

/** Absent and null both take the default, so a form may send an empty field either way. */
function optional<T>(value: unknown, fallback: T, read: (value: unknown) => T): T {
  return value === undefined || value === null ? fallback : read(value);
}

function key(value: unknown, field: string): string {
  if (value === undefined || value === null) throw new FieldProblem(field, 'is required');
  if (typeof value !== 'string' || value.trim() === '' || value !== value.trim() || value.length > MAX_KEY_LENGTH) {
    throw new FieldProblem(field, `must be a text of 1 to ${MAX_KEY_LENGTH} characters without spaces at either end`);
  }
  return value;
}

function label(value: unknown): string {
  if (value === undefined || value === null) throw new FieldProblem('label', 'is required');
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_LABEL_LENGTH) {
    throw new FieldProblem('label', `must be a text of 1 to ${MAX_LABEL_LENGTH} characters, such as "Late payment fee"`);
  }
  return value.trim();
}

function currency(value: unknown): string {
  try {
    return parseCurrency(value as string);
  } catch {
    throw new FieldProblem('currency', 'must be a 3-letter ISO 4217 code in capitals, such as "EUR"');
  }
}

/** Whole minor units as a JSON integer or a string of digits (beyond 2^53 a string keeps them exact). */
function amount(value: unknown, field: string, least: 0n | 1n): bigint {
  const whole = `must be a whole number of minor units${least === 1n ? ' above zero' : ', 0 or more'}`;
  let minor: bigint;
  if (typeof value === 'bigint') minor = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) minor = BigInt(value);
  else if (typeof value === 'string' && /^\d{1,40}$/.test(value)) minor = BigInt(value);
  else if (typeof value === 'string' && /^\d+$/.test(value)) throw new FieldProblem(field, AMOUNT_BOUND_REASON);
  else throw new FieldProblem(field, whole);
  if (minor < least) throw new FieldProblem(field, whole);
  if (minor > MAX_AMOUNT_MINOR) throw new FieldProblem(field, AMOUNT_BOUND_REASON);
  return minor;
}

function wholeDays(value: unknown, field: string, least: number, most: number): number {
  const what = field === 'countLimit' ? 'charges' : 'days';
  if (typeof value !== 'number' || !Number.isInteger(value) || value < least || value > most) {
    throw new FieldProblem(field, `must be a whole number of ${what} from ${least} to ${most}`);
  }
  return value;
}

function percent(value: unknown, field: string): string {
  const parsed = parsePercent(value);
  if (!parsed.ok) throw new FieldProblem(field, parsed.reason);
  return parsed.value;
}

function taxRate(value: unknown): string {
  const parsed = parseTaxRate(value);
  if (!parsed.ok) throw new FieldProblem('taxRate', `${parsed.reason}, or null when penalties are not taxed`);
  return parsed.value;
}

function annualRate(value: unknown): AnnualRate {
  if (!isRecord(value)) throw new FieldProblem('annualRate', 'must be { kind: "fixed", percent } or { kind: "reference", timeline, marginPercent }');
  const allowed = value.kind === 'fixed' ? ['kind', 'percent'] : value.kind === 'reference' ? ['kind', 'timeline', 'marginPercent'] : null;
  if (!allowed) throw new FieldProblem('annualRate.kind', 'must be "fixed" (one rate) or "reference" (a reference rate timeline plus a margin)');
  const extra = Object.keys(value).find((field) => !allowed.includes(field));
  if (extra !== undefined) throw new FieldProblem(`annualRate.${extra}`, `is not a known field of a ${value.kind} annual rate (expected ${allowed.join(', ')})`);
  if (value.kind === 'fixed') return { kind: 'fixed', percent: percent(required(value.percent, 'annualRate.percent'), 'annualRate.percent') };
  const timeline = parseReferenceRateTimeline(required(value.timeline, 'annualRate.timeline'), 'annualRate.timeline');
  if (!timeline.ok) throw new FieldProblem(timeline.field, timeline.reason);
  const marginPercent = percent(required(value.marginPercent, 'annualRate.marginPercent'), 'annualRate.marginPercent');
  return { kind: 'reference', timeline: timeline.timeline, marginPercent };
}

const PENALIZED_FIELDS = ['lineKinds', 'itemIds', 'itemKinds', 'revenueAccountCodes', 'includePenaltyLines'];

/** Left out, the rule penalizes every line but earlier penalties. */
function penalized(value: unknown): PenalizedLines {
  const all: PenalizedLines = { lineKinds: [], itemIds: [], itemKinds: [], revenueAccountCodes: [], includePenaltyLines: false };
  if (value === undefined || value === null) return all;
  if (!isRecord(value)) throw new FieldProblem('penalized', `must be an object with any of ${PENALIZED_FIELDS.join(', ')}`);
  const extra = Object.keys(value).find((field) => !PENALIZED_FIELDS.includes(field));
  if (extra !== undefined) throw new FieldProblem(`penalized.${extra}`, `is not a known field here (expected ${PENALIZED_FIELDS.join(', ')})`);

  const includePenaltyLines = value.includePenaltyLines ?? false;
  if (typeof includePenaltyLines !== 'boolean') throw new FieldProblem('penalized.includePenaltyLines', 'must be true or false');
  const lineKinds = keyList(value.lineKinds, 'penalized.lineKinds').map((kind, index) => {
    if (!(PENALIZED_LINE_KINDS as readonly string[]).includes(kind)) {
      throw new FieldProblem(`penalized.lineKinds[${index}]`, `must be one of ${PENALIZED_LINE_KINDS.join(', ')}`);
    }
    return kind as PenalizedLineKind;
  });
  if (lineKinds.includes('penalty') && !includePenaltyLines) {
    throw new FieldProblem('penalized.lineKinds', 'lists "penalty", but penalty lines are penalized only with penalized.includePenaltyLines set to true');
  }
  return {
    lineKinds,
    itemIds: keyList(value.itemIds, 'penalized.itemIds'),
    itemKinds: keyList(value.itemKinds, 'penalized.itemKinds'),
    revenueAccountCodes: keyList(value.revenueAccountCodes, 'penalized.revenueAccountCodes'),
    includePenaltyLines,
  };
}

function keyList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_LIST_LENGTH) throw new FieldProblem(field, `must be a list of at most ${MAX_LIST_LENGTH} texts`);
  const keys = value.map((entry, index) => key(entry, `${field}[${index}]`));
  const repeated = keys.findIndex((entry, index) => keys.indexOf(entry) !== index);
  if (repeated >= 0) throw new FieldProblem(`${field}[${repeated}]`, `repeats ${JSON.stringify(keys[repeated])}`);
  return keys;
}
