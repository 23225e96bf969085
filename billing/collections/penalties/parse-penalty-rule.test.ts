import { describe, expect, it } from 'vitest';
import { parsePenaltyRule } from './parse-penalty-rule.js';

const flat = { id: 'late-fee', label: 'Late payment fee', kind: 'flat', amountMinor: 500, currency: 'EUR' };
const statutory = {
  id: 'statutory-interest',
  label: 'Late payment interest',
  kind: 'interest',
  annualRate: {
    kind: 'reference',
    timeline: [{ effectiveFrom: '2026-01-01', percent: '2.15' }, { effectiveFrom: '2026-07-01', percent: '2.40' }],
    marginPercent: '8',
  },
  everyDays: 30,
  recoveryCompensationMinor: '4000',
  currency: 'EUR',
  taxRate: null,
};

describe('parsePenaltyRule', () => {
  it('reads a flat fee and fills the defaults: no minimum or maximum, no grace, once, every line but penalties, untaxed', () => {
    expect(parsePenaltyRule(flat)).toEqual({
      ok: true,
      rule: {
        id: 'late-fee', label: 'Late payment fee', kind: 'flat', amountMinor: 500n, currency: 'EUR',
        minimumMinor: 0n, maximumMinor: null, graceDays: 0, everyDays: null, countLimit: null,
        penalized: { lineKinds: [], itemIds: [], itemKinds: [], revenueAccountCodes: [], includePenaltyLines: false },
        recoveryCompensationMinor: null, taxRate: null,
      },
    });
  });

  it('reads statutory interest: a reference rate timeline plus a margin, recurring, with recovery compensation', () => {
    const parsed = parsePenaltyRule(statutory);
    expect(parsed.ok && parsed.rule).toMatchObject({
      kind: 'interest',
      annualRate: { kind: 'reference', marginPercent: '8', timeline: [{ effectiveFrom: '2026-01-01', percent: '2.15' }, { effectiveFrom: '2026-07-01', percent: '2.4' }] },
      everyDays: 30,
      recoveryCompensationMinor: 4000n,
    });
  });

  it('lets a percentage or interest rule without amounts go without a currency (it applies to any)', () => {
    const parsed = parsePenaltyRule({ id: 'p', label: 'Late fee', kind: 'percentage', percent: '2.50', taxRate: '21.0' });
    expect(parsed.ok && parsed.rule).toMatchObject({ percent: '2.5', currency: null, taxRate: '21' });
  });

  it.each([
    [{ ...flat, currency: undefined }, 'currency', 'is required: amountMinor is an amount of money, and the rule applies only to invoices in its currency'],
    [{ id: 'p', label: 'x', kind: 'percentage', percent: '2', minimumMinor: 100 }, 'currency', 'is required: minimumMinor is an amount of money, and the rule applies only to invoices in its currency'],
    [{ ...flat, currency: 'eur' }, 'currency', 'must be a 3-letter ISO 4217 code in capitals, such as "EUR"'],
    [{ ...flat, kind: 'fine' }, 'kind', 'must be one of flat, percentage, interest'],
    [{ ...flat, id: ' late' }, 'id', 'must be a text of 1 to 100 characters without spaces at either end'],
    [{ ...flat, label: undefined }, 'label', 'is required'],
    [{ ...flat, amountMinor: undefined }, 'amountMinor', 'is required'],
    [{ ...flat, amountMinor: 0 }, 'amountMinor', 'must be a whole number of minor units above zero'],
    [{ ...flat, amountMinor: 1.5 }, 'amountMinor', 'must be a whole number of minor units above zero'],
    [{ ...flat, amountMinor: '1000000000000001' }, 'amountMinor', 'must be at most 1000000000000000 minor units'],
    [{ ...flat, amountMinor: '9'.repeat(100) }, 'amountMinor', 'must be at most 1000000000000000 minor units'],
    [{ ...flat, percent: '2' }, 'percent', 'applies only to percentage rules'],
    [{ ...flat, colour: 'red' }, 'colour', 'is not a known field of a penalty rule'],
    [{ ...flat, minimumMinor: 600, maximumMinor: 500 }, 'maximumMinor', 'must be at least minimumMinor (600)'],
    [{ ...flat, graceDays: 3651 }, 'graceDays', 'must be a whole number of days from 0 to 3650'],
    [{ ...flat, everyDays: 0 }, 'everyDays', 'must be a whole number of days from 1 to 3650'],
    [{ ...flat, everyDays: 7, countLimit: 1001 }, 'countLimit', 'must be a whole number of charges from 1 to 1000'],
    [{ ...flat, countLimit: 3 }, 'countLimit', 'applies only to a recurring rule: set everyDays, or leave countLimit out for a rule charged once'],
    [{ ...flat, taxRate: '121' }, 'taxRate', 'must be between 0 and 100, or null when penalties are not taxed'],
    [{ id: 'p', label: 'x', kind: 'percentage', percent: '1000.5' }, 'percent', 'must be between 0 and 1000'],
    [{ id: 'p', label: 'x', kind: 'percentage', percent: '2.1234567' }, 'percent', 'must have at most 6 decimals'],
    [{ id: 'p', label: 'x', kind: 'percentage', percent: '-1' }, 'percent', 'must be between 0 and 1000'],
    [{ id: 'p', label: 'x', kind: 'percentage', percent: 2.5 }, 'percent', 'must be a percentage written as a plain decimal such as "8" or "2.5", without "%"'],
    [{ ...statutory, annualRate: { kind: 'fixed' } }, 'annualRate.percent', 'is required'],
    [{ ...statutory, annualRate: { kind: 'floating', percent: '8' } }, 'annualRate.kind', 'must be "fixed" (one rate) or "reference" (a reference rate timeline plus a margin)'],
    [{ ...statutory, annualRate: { ...statutory.annualRate, marginPercent: '8.0000001' } }, 'annualRate.marginPercent', 'must have at most 6 decimals'],
    [
      { ...statutory, annualRate: { ...statutory.annualRate, timeline: [{ effectiveFrom: '2026-07-01', percent: '2' }, { effectiveFrom: '2026-01-01', percent: '2' }] } },
      'annualRate.timeline[1].effectiveFrom', "must be after the previous entry's 2026-07-01",
    ],
    [{ ...statutory, annualRate: { ...statutory.annualRate, timeline: [{ effectiveFrom: '2026-02-30', percent: '2' }] } }, 'annualRate.timeline[0].effectiveFrom', 'must be a date as YYYY-MM-DD'],
    [{ ...statutory, annualRate: { ...statutory.annualRate, timeline: [] } }, 'annualRate.timeline', 'must be a list of at least one { effectiveFrom, percent }'],
    [{ ...flat, penalized: { lineKinds: ['usage', 'rent'] } }, 'penalized.lineKinds[1]', 'must be one of plan, usage, minimum, adjustment, item, penalty'],
    [
      { ...flat, penalized: { lineKinds: ['penalty'] } }, 'penalized.lineKinds',
      'lists "penalty", but penalty lines are penalized only with penalized.includePenaltyLines set to true',
    ],
    [{ ...flat, penalized: { itemIds: ['a', 'a'] } }, 'penalized.itemIds[1]', 'repeats "a"'],
    [{ ...flat, penalized: { accounts: ['4000'] } }, 'penalized.accounts', 'is not a known field here (expected lineKinds, itemIds, itemKinds, revenueAccountCodes, includePenaltyLines)'],
    [null, 'rule', 'must be an object'],
  ])('refuses %j naming %s', (input, field, reason) => {
    expect(parsePenaltyRule(input)).toEqual({ ok: false, field, reason });
  });
});
