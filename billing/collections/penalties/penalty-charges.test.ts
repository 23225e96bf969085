import { describe, expect, it } from 'vitest';
import { penaltiesDue, type PenaltiesDueInput, type PenaltyInvoice } from './penalty-charges.js';
import type { PenaltyRule } from './penalty-rule.js';
import { ruleFrom } from './penalty-rules.test-data.js';

/** INV-2026-0042, due 2026-03-10: one plan line of `openMinor` gross, none of it paid. */
function invoice(openMinor: bigint, more: Partial<PenaltyInvoice> = {}): PenaltyInvoice {
  return {
    id: 'inv-42', number: 'INV-2026-0042', dueDate: '2026-03-10', settledOn: null, currency: 'EUR', openMinor,
    lines: [{ kind: 'plan', itemId: null, itemKind: null, revenueAccountCode: '4000', grossMinor: openMinor }],
    ...more,
  };
}

function due(rules: PenaltyRule[], inv: PenaltyInvoice, asOf: string, more: Partial<PenaltiesDueInput> = {}) {
  return penaltiesDue({ rules, invoice: inv, asOf, charged: [], compensationCharged: false, ...more });
}

const fee = ruleFrom({ kind: 'flat', amountMinor: 500, currency: 'EUR' });
const percentage = (percent: string, more: Record<string, unknown> = {}) => ruleFrom({ kind: 'percentage', percent, ...more });

describe('a flat fee', () => {
  it('is charged once, the day after the due date, on the penalty income account', () => {
    expect(due([fee], invoice(10000n), '2026-03-10')).toEqual([]);
    expect(due([fee], invoice(10000n), '2026-03-11')).toEqual([
      {
        kind: 'penalty', ruleId: 'rule-1', occurrence: 0, key: 'penalty:rule-1:0', chargeOn: '2026-03-11',
        accruedFrom: null, accruedTo: null, days: null, baseMinor: 10000n, amountMinor: 500n, taxRate: null, taxMinor: 0n,
        currency: 'EUR', revenueAccountCode: '4900', description: 'Late payment fee on INV-2026-0042',
      },
    ]);
    expect(due([fee], invoice(10000n), '2026-04-30', { charged: [{ ruleId: 'rule-1', occurrence: 0 }] })).toEqual([]);
  });

  it('charges nothing on a zero base, and applies only to invoices in its currency', () => {
    expect(due([fee], invoice(0n), '2026-03-11')).toEqual([]);
    expect(due([fee], invoice(10000n, { currency: 'USD' }), '2026-03-11')).toEqual([]);
  });

  it('waits out the grace days', () => {
    const graced = ruleFrom({ kind: 'flat', amountMinor: 500, currency: 'EUR', graceDays: 5 });
    // Due the 10th, 5 days' grace: the 15th is still grace, the fee falls on the 16th.
    expect(due([graced], invoice(10000n), '2026-03-15')).toEqual([]);
    expect(due([graced], invoice(10000n), '2026-03-16').map((c) => c.chargeOn)).toEqual(['2026-03-16']);
  });

  it('recurs every N days while overdue, up to its count limit, catching up on every occurrence due', () => {
    const weekly = ruleFrom({ kind: 'flat', amountMinor: 500, currency: 'EUR', everyDays: 7, countLimit: 3 });
    // Days 10 + 1 + 7k: the 11th, 18th, 25th; the limit of 3 leaves out April 1st and later.
    const charges = due([weekly], invoice(10000n), '2026-06-30');
    expect(charges.map((c) => [c.occurrence, c.chargeOn, c.key])).toEqual([
      [0, '2026-03-11', 'penalty:rule-1:0'],
      [1, '2026-03-18', 'penalty:rule-1:1'],
      [2, '2026-03-25', 'penalty:rule-1:2'],
    ]);
    expect(due([weekly], invoice(10000n), '2026-06-30', { charged: [0, 1, 2].map((occurrence) => ({ ruleId: 'rule-1', occurrence })) })).toEqual([]);
  });
});

describe('a percentage of the base', () => {
  it('is rounded once, half to even', () => {
    // 2.5% of €1.00 is exactly 2.5 cents → 2; 3.5% of €1.00 is 3.5 cents → 4.
    expect(due([percentage('2.5')], invoice(100n), '2026-03-11').map((c) => [c.amountMinor, c.description])).toEqual([
      [2n, 'Late payment fee on INV-2026-0042: 2.50% of €1.00'],
    ]);
    expect(due([percentage('3.5')], invoice(100n), '2026-03-11')[0]?.amountMinor).toBe(4n);
  });

  it('is raised to the minimum and cut to the maximum; a zero base still charges nothing', () => {
    const bounded = percentage('2', { currency: 'EUR', minimumMinor: 500, maximumMinor: 2500 });
    // 2% of €10.00 = 20 cents → raised to €5.00; 2% of €2,000.00 = €40.00 → cut to €25.00; 2% of €500.00 = €10.00 as is.
    expect(due([bounded], invoice(1000n), '2026-03-11').map((c) => [c.amountMinor, c.description])).toEqual([
      [500n, 'Late payment fee on INV-2026-0042: 2.00% of €10.00 (minimum €5.00)'],
    ]);
    expect(due([bounded], invoice(200000n), '2026-03-11').map((c) => [c.amountMinor, c.description])).toEqual([
      [2500n, 'Late payment fee on INV-2026-0042: 2.00% of €2,000.00 (maximum €25.00)'],
    ]);
    expect(due([bounded], invoice(50000n), '2026-03-11')[0]?.amountMinor).toBe(1000n);
    expect(due([bounded], invoice(0n), '2026-03-11')).toEqual([]);
  });

  it('applies to any currency when it carries no amount', () => {
    // 10% of ¥1,234 = 123.4 → ¥123.
    expect(due([percentage('10')], invoice(1234n, { currency: 'JPY' }), '2026-03-11')[0]).toMatchObject({ amountMinor: 123n, currency: 'JPY' });
  });

  it('is taxed on the rounded penalty, once', () => {
    // 2.5% of €100.10 = 250.25 cents → 250; 21% tax on 250 = 52.5 → 52 (on the unrounded 250.25 it would be 52.55 → 53).
    expect(due([percentage('2.5', { taxRate: '21' })], invoice(10010n), '2026-03-11')[0]).toMatchObject({ amountMinor: 250n, taxRate: '21', taxMinor: 52n });
  });
});

describe('late payment interest', () => {
  const ecbPlusEight = {
    kind: 'reference',
    timeline: [{ effectiveFrom: '2026-01-01', percent: '2.15' }, { effectiveFrom: '2026-07-01', percent: '2.40' }],
    marginPercent: '8',
  };
  const monthly = ruleFrom({ id: 'interest', label: 'Late payment interest', kind: 'interest', annualRate: ecbPlusEight, everyDays: 30 });
  const june = (more: Partial<PenaltyInvoice> = {}) => invoice(100000n, { dueDate: '2026-06-20', ...more });

  it('bills from the day after the due date; grace only delays the first charge', () => {
    const fixed = ruleFrom({ id: 'interest', label: 'Late payment interest', kind: 'interest', annualRate: { kind: 'fixed', percent: '8' }, graceDays: 11 });
    // Due March 10th, 11 days' grace: charged on the 22nd for the 11th to the 22nd, 12 days.
    // €1,000.00 × 8% × 12 / 365 = 100000 × 96 / 36500 = 263.01… → €2.63.
    expect(due([fixed], invoice(100000n), '2026-03-21')).toEqual([]);
    expect(due([fixed], invoice(100000n), '2026-03-22')).toEqual([
      expect.objectContaining({
        chargeOn: '2026-03-22', accruedFrom: '2026-03-11', accruedTo: '2026-03-22', days: 12, amountMinor: 263n,
        description: 'Late payment interest on INV-2026-0042: €1,000.00 at 8.00% a year for 12 days, 2026-03-11 to 2026-03-22',
      }),
    ]);
  });

  it('bills each charge the days since the previous one, each day at the rate in effect that day', () => {
    // Due June 20th, every 30 days: June 21st and July 21st.
    // Occurrence 0: June 21st alone at 2.15 + 8 = 10.15%: 100000 × 10.15 / 36500 = 27.81 → 28.
    // Occurrence 1: June 22nd to July 21st: 9 days at 10.15%, 21 days at 2.40 + 8 = 10.40%:
    //   100000 × (9 × 10.15 + 21 × 10.4) / 36500 = 100000 × 309.75 / 36500 = 848.63 → 849.
    expect(due([monthly], june(), '2026-07-21')).toEqual([
      expect.objectContaining({
        occurrence: 0, chargeOn: '2026-06-21', accruedFrom: '2026-06-21', accruedTo: '2026-06-21', days: 1, amountMinor: 28n,
        description: 'Late payment interest on INV-2026-0042: €1,000.00 at 10.15% a year for 1 day, 2026-06-21',
      }),
      expect.objectContaining({
        occurrence: 1, chargeOn: '2026-07-21', accruedFrom: '2026-06-22', accruedTo: '2026-07-21', days: 30, amountMinor: 849n,
        description: 'Late payment interest on INV-2026-0042: €1,000.00 at 10.15% a year for 9 days and 10.40% a year for 21 days, 2026-06-22 to 2026-07-21',
      }),
    ]);
  });

  it('stops once the invoice is settled: no charge on or after that day', () => {
    // Settled on July 21st: the charge that would fall that day never comes, nor any after.
    expect(due([monthly], june({ settledOn: '2026-07-21' }), '2026-12-31').map((c) => c.occurrence)).toEqual([0]);
    expect(due([monthly], june({ settledOn: '2026-07-22' }), '2026-12-31').map((c) => c.occurrence)).toEqual([0, 1]);
  });

  it('leaves out a charge that rounds to nothing', () => {
    // €0.10 at 10.15% for 1 day: 10 × 10.15 / 36500 = 0.003 → 0.
    expect(due([monthly], invoice(10n, { dueDate: '2026-06-20' }), '2026-06-21')).toEqual([]);
  });
});

describe('penalized lines of a mixed invoice', () => {
  // Gross lines 60.50 plan, 24.20 usage, 121.00 installation (service), 48.40 router (goods), -6.05 usage credit,
  // 5.00 earlier late fee; 150.00 of 253.05 open. Spread (see penalty-base.test.ts): plan 35.86, usage 14.35,
  // installation 71.73, router 28.69, credit -3.59, fee 2.96.
  const mixed = invoice(15000n, {
    lines: [
      { kind: 'plan', itemId: null, itemKind: null, revenueAccountCode: '4000', grossMinor: 6050n },
      { kind: 'usage', itemId: null, itemKind: null, revenueAccountCode: '4100', grossMinor: 2420n },
      { kind: 'item', itemId: 'installation', itemKind: 'service', revenueAccountCode: '4200', grossMinor: 12100n },
      { kind: 'item', itemId: 'router', itemKind: 'goods', revenueAccountCode: '4300', grossMinor: 4840n },
      { kind: 'usage', itemId: null, itemKind: null, revenueAccountCode: '4100', grossMinor: -605n },
      { kind: 'penalty', itemId: null, itemKind: null, revenueAccountCode: '4900', grossMinor: 500n },
    ],
  });

  it('charges on the unpaid part of the lines the rule chooses', () => {
    // Usage (14.35 − 3.59) 10.76 + items 71.73 + 28.69 = 111.18; 10% = 11.118 → €11.12.
    const onUsageAndItems = percentage('10', { penalized: { lineKinds: ['usage', 'item'] } });
    expect(due([onUsageAndItems], mixed, '2026-03-11')[0]).toMatchObject({ baseMinor: 11118n, amountMinor: 1112n });
    // Only services: 71.73; 10% = 7.173 → €7.17.
    expect(due([percentage('10', { penalized: { itemKinds: ['service'] } })], mixed, '2026-03-11')[0]).toMatchObject({ baseMinor: 7173n, amountMinor: 717n });
    // Everything, the earlier fee included: the whole 150.00 open; 10% = €15.00.
    expect(due([percentage('10', { penalized: { includePenaltyLines: true } })], mixed, '2026-03-11')[0]).toMatchObject({ baseMinor: 15000n, amountMinor: 1500n });
  });
});

describe('recovery compensation', () => {
  const withCompensation = (id: string, graceDays = 0) =>
    ruleFrom({ id, label: 'Late payment interest', kind: 'interest', annualRate: { kind: 'fixed', percent: '8' }, graceDays, currency: 'EUR', recoveryCompensationMinor: 4000 });

  it('is charged once per invoice, with the first charge of its rule, untaxed', () => {
    const charges = due([withCompensation('a')], invoice(100000n), '2026-03-11');
    expect(charges.map((c) => [c.kind, c.key, c.chargeOn, c.amountMinor])).toEqual([
      ['penalty', 'penalty:a:0', '2026-03-11', 22n], // 100000 × 8 / 36500 = 21.92 → 22
      ['recovery', 'recovery', '2026-03-11', 4000n],
    ]);
    expect(charges[1]).toMatchObject({ occurrence: null, ruleId: 'a', taxMinor: 0n, description: 'Compensation for recovery costs on INV-2026-0042' });
    expect(due([withCompensation('a')], invoice(100000n), '2026-04-30', { compensationCharged: true }).filter((c) => c.kind === 'recovery')).toEqual([]);
  });

  it('waits for the grace days of the rule carrying it', () => {
    expect(due([withCompensation('graced', 10)], invoice(100000n), '2026-03-20')).toEqual([]);
    expect(due([withCompensation('graced', 10)], invoice(100000n), '2026-03-21').map((c) => [c.key, c.chargeOn])).toEqual([
      ['penalty:graced:0', '2026-03-21'],
      ['recovery', '2026-03-21'],
    ]);
  });

  it('comes once when several rules carry one, with the rule that charges first', () => {
    const rules = [withCompensation('graced', 10), withCompensation('prompt')];
    // 'prompt' charges on the 11th and brings the compensation; 'graced' charges on the 21st, without another.
    expect(due(rules, invoice(100000n), '2026-03-21').map((c) => [c.key, c.ruleId, c.chargeOn])).toEqual([
      ['penalty:prompt:0', 'prompt', '2026-03-11'],
      ['recovery', 'prompt', '2026-03-11'],
      ['penalty:graced:0', 'graced', '2026-03-21'],
    ]);
  });

  it('is not owed on an invoice with nothing unpaid', () => {
    expect(due([withCompensation('a')], invoice(0n), '2026-03-11')).toEqual([]);
  });
});
