import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MINOR } from '../amount-bound.js';
import { money } from '../money.js';
import type { ChargeablePeriod } from '../periods.js';
import { UnbillableError } from '../unbillable-error.js';
import type { RateComponent } from './components.js';
import { LineAmountOutOfBoundsError } from './line-bound.js';
import { earliestDay, ratePeriodUsage, type BilledUsage, type CustomerMeter, type PeriodUsageInput, type RateInForce } from './period-usage.js';

const january: ChargeablePeriod = { start: '2026-01-01', end: '2026-02-01', cycle: { start: '2026-01-01', end: '2026-02-01' } };
const february: ChargeablePeriod = { start: '2026-02-01', end: '2026-03-01', cycle: { start: '2026-02-01', end: '2026-03-01' } };

const lineRental: RateComponent = { type: 'fixed', name: 'Line rental', amount: 3100 };
/** 100 a GB for the first 10 GB, 50 a GB after. */
const data: RateComponent = {
  type: 'stepped',
  name: 'Data',
  meter: 'data',
  ranges: [{ upTo: 10, unitAmountDecimal: '100' }, { upTo: null, unitAmountDecimal: '50' }],
};
const meter: CustomerMeter = { id: 'meter-1', key: 'data', unit: 'GB', base: 1000 };

function rate(fields: Partial<RateInForce> = {}): RateInForce {
  return {
    customerRateId: 'assignment-home',
    rateName: 'Home',
    currency: 'EUR',
    components: [lineRental, data],
    revenueAccountCode: '4100',
    effectiveFrom: '2025-06-01',
    endedOn: null,
    ...fields,
  };
}

function input(fields: Partial<PeriodUsageInput>): PeriodUsageInput {
  return { period: january, currency: 'EUR', rates: [rate()], meters: [meter], consumption: [], billedBefore: [], ...fields };
}

const used = (day: string, consumption: string) => ({ meterId: meter.id, day, consumption });
const eur = (amountMinor: number) => money(BigInt(amountMinor), 'EUR');

describe('ratePeriodUsage', () => {
  it('charges every component of the rate for the period, and records what the metered ones charged', () => {
    const rated = ratePeriodUsage(input({ consumption: [used('2026-01-05', '4'), used('2026-01-20', '8')] }));

    expect(rated.lines.map((line) => [line.kind, line.description, line.quantity, line.unit, line.amount])).toEqual([
      ['usage', 'Home: Line rental', '1', null, eur(3100)],
      ['usage', 'Home: Data', '12', 'GB', eur(10 * 100 + 2 * 50)],
    ]);
    expect(rated.lines.every((line) => line.periodStart === '2026-01-01' && line.periodEnd === '2026-02-01')).toBe(true);
    expect(rated.records).toEqual([
      {
        customerRateId: 'assignment-home',
        componentIndex: 1,
        component: data,
        meterKey: 'data',
        segmentStart: '2026-01-01',
        segmentEnd: '2026-02-01',
        cycleDays: 31,
        daysBeforeSegment: 0,
        quantity: '12',
        amountMinor: 1100n,
        currency: 'EUR',
        kind: 'period',
      },
    ]);
  });

  it('splits the period where one rate replaces another, each stretch with its own days and consumption', () => {
    const rates = [
      rate({ endedOn: '2026-01-16' }),
      rate({ customerRateId: 'assignment-pro', rateName: 'Pro', components: [{ ...lineRental, amount: 6200 }, data], effectiveFrom: '2026-01-16' }),
    ];
    const rated = ratePeriodUsage(input({ rates, consumption: [used('2026-01-05', '4'), used('2026-01-20', '8')] }));

    expect(rated.lines.map((line) => [line.description, line.quantity, line.amount, line.periodStart, line.periodEnd])).toEqual([
      ['Home: Line rental (2026-01-01 to 2026-01-15)', '1', eur(1500), '2026-01-01', '2026-01-16'],
      ['Home: Data (2026-01-01 to 2026-01-15)', '4', eur(400), '2026-01-01', '2026-01-16'],
      ['Pro: Line rental (2026-01-16 to 2026-01-31)', '1', eur(3200), '2026-01-16', '2026-02-01'],
      ['Pro: Data (2026-01-16 to 2026-01-31)', '8', eur(800), '2026-01-16', '2026-02-01'],
    ]);
    expect(rated.records.map((r) => [r.customerRateId, r.segmentStart, r.segmentEnd, r.daysBeforeSegment, r.quantity])).toEqual([
      ['assignment-home', '2026-01-01', '2026-01-16', 0, '4'],
      ['assignment-pro', '2026-01-16', '2026-02-01', 15, '8'],
    ]);
  });

  it('skips a rate that covers none of the period', () => {
    const rated = ratePeriodUsage(input({ rates: [rate({ effectiveFrom: '2025-06-01', endedOn: '2026-01-01' })] }));
    expect(rated).toEqual({ lines: [], records: [] });
  });

  it('adds a top-up line when consumption stays under the minimum, and records the charge with it', () => {
    const rated = ratePeriodUsage(input({
      rates: [rate({ components: [{ ...data, minimumAmount: 2000 }] })],
      consumption: [used('2026-01-05', '5')],
    }));
    expect(rated.lines.map((line) => [line.kind, line.description, line.amount])).toEqual([
      ['usage', 'Home: Data', eur(500)],
      ['minimum', 'Home: Data, top-up to the minimum charge', eur(1500)],
    ]);
    expect(rated.records.map((r) => r.amountMinor)).toEqual([2000n]);
  });

  it('prices a meter kept in another unit of the family in the component\'s unit', () => {
    const rated = ratePeriodUsage(input({
      rates: [rate({ components: [{ ...data, unit: 'GB' }] })],
      meters: [{ ...meter, unit: 'MB' }],
      consumption: [used('2026-01-05', '1500')],
    }));
    expect(rated.lines.map((line) => [line.quantity, line.unit, line.amount])).toEqual([['1.5', 'GB', eur(150)]]);
    expect(rated.records[0]?.quantity).toBe('1.5');
  });

  it('refuses a component priced in a unit its meter cannot be converted to, naming both', () => {
    expect(() => ratePeriodUsage(input({ rates: [rate({ components: [{ ...data, unit: 'min' }] })] })))
      .toThrow(/^component "Data" prices min but meter "data" counts GB: /);
  });

  it('refuses a rate priced in another currency than the customer is billed in', () => {
    expect(() => ratePeriodUsage(input({ rates: [rate({ currency: 'USD' })] })))
      .toThrow('rate "Home" is priced in USD but the customer is billed in EUR');
  });
});

describe('late readings', () => {
  /** January's data as it was invoiced: 8 GB for 800. */
  const billedInJanuary: BilledUsage = {
    customerRateId: 'assignment-home',
    componentIndex: 1,
    component: data,
    meterKey: 'data',
    segmentStart: '2026-01-01',
    segmentEnd: '2026-02-01',
    cycleDays: 31,
    daysBeforeSegment: 0,
    quantity: '8',
    amountMinor: 800n,
    currency: 'EUR',
    kind: 'period',
    rateName: 'Home',
    revenueAccountCode: '4100',
  };

  it('bills the difference the late readings make to their stretch, priced as it was billed', () => {
    const rated = ratePeriodUsage(input({
      period: february,
      consumption: [used('2026-01-20', '4'), used('2026-02-10', '1')],
      billedBefore: [billedInJanuary],
    }));

    // 8 + 4 GB in January now cost 10 × 100 + 2 × 50 = 1100, of which 800 was billed
    const adjustment = rated.lines.find((line) => line.kind === 'adjustment');
    expect(adjustment).toMatchObject({
      description: 'Home: Data, late readings for 2026-01-01 to 2026-01-31 (+4 GB)',
      quantity: '4',
      amount: eur(300),
      periodStart: '2026-01-01',
      periodEnd: '2026-02-01',
      revenueAccountCode: '4100',
    });
    // February is billed on its own consumption only
    expect(rated.lines.find((line) => line.description === 'Home: Data')?.quantity).toBe('1');
    expect(rated.records.map((r) => [r.kind, r.segmentStart, r.quantity, r.amountMinor])).toEqual([
      ['period', '2026-02-01', '1', 100n],
      ['adjustment', '2026-01-01', '4', 300n],
    ]);
  });

  it('counts what earlier adjustments billed for the stretch too', () => {
    const earlierAdjustment: BilledUsage = { ...billedInJanuary, kind: 'adjustment', quantity: '2', amountMinor: 200n };
    const rated = ratePeriodUsage(input({
      period: february,
      consumption: [used('2026-01-25', '2')],
      billedBefore: [billedInJanuary, earlierAdjustment],
    }));
    // 8 + 2 + 2 GB cost 1100; 1000 was billed
    expect(rated.lines.filter((line) => line.kind === 'adjustment').map((line) => line.amount)).toEqual([eur(100)]);
  });

  it('ignores late readings no billed stretch covers', () => {
    const rated = ratePeriodUsage(input({ period: february, rates: [], consumption: [used('2026-01-20', '4')], billedBefore: [] }));
    expect(rated).toEqual({ lines: [], records: [] });
  });
});

describe('earliestDay', () => {
  it('is the first day with unbilled consumption, or the fallback when none is earlier', () => {
    expect(earliestDay([used('2026-02-03', '1'), used('2026-01-20', '4')], '2026-02-01')).toBe('2026-01-20');
    expect(earliestDay([used('2026-02-03', '1')], '2026-02-01')).toBe('2026-02-01');
    expect(earliestDay([], '2026-02-01')).toBe('2026-02-01');
  });
});

describe('the amount bound on a rated line', () => {
  const atThousand: RateComponent = { type: 'stepped', name: 'Data', meter: 'data', ranges: [{ upTo: null, unitAmountDecimal: '1000' }] };
  const thousandRate = rate({ rateName: 'Metered', components: [atThousand] });

  it('bills a line of exactly MAX_AMOUNT_MINOR', () => {
    const rated = ratePeriodUsage(input({ rates: [thousandRate], consumption: [used('2026-01-05', String(MAX_AMOUNT_MINOR / 1000n))] }));
    expect(rated.lines.map((line) => line.amount)).toEqual([money(MAX_AMOUNT_MINOR, 'EUR')]);
  });

  it('refuses a line past it with a LineAmountOutOfBoundsError (an UnbillableError) naming rate, component, meter and amount', () => {
    // The largest reading there is, on a delta meter, at 10 EUR a GB: 10^23 minor units, past bigint.
    const rating = () => ratePeriodUsage(input({ rates: [thousandRate], consumption: [used('2026-01-05', '99999999999999999999')] }));
    expect(rating).toThrow(LineAmountOutOfBoundsError);
    expect(rating).toThrow(UnbillableError);
    expect(rating).toThrow(
      'rate "Metered", component "Data" on meter "data": 99999999999999999999 GB comes to €999,999,999,999,999,999,990.00 ' +
        '(99999999999999999999000 minor units), more than an invoice line may hold (at most €10,000,000,000,000.00); ' +
        "lower the component's prices or correct the meter's readings",
    );
    // Many readings, each within its own bound, add up past it just the same.
    const trickle = Array.from({ length: 11 }, (_, day) => used(`2026-01-${String(day + 10)}`, '100000000000'));
    expect(() => ratePeriodUsage(input({ rates: [thousandRate], consumption: trickle }))).toThrow(LineAmountOutOfBoundsError);
  });

  it('refuses late readings whose adjustment line would pass it', () => {
    const billed: BilledUsage = {
      customerRateId: 'assignment-home',
      componentIndex: 0,
      component: atThousand,
      meterKey: 'data',
      segmentStart: '2026-01-01',
      segmentEnd: '2026-02-01',
      cycleDays: 31,
      daysBeforeSegment: 0,
      quantity: '1',
      amountMinor: 1000n,
      currency: 'EUR',
      kind: 'period',
      rateName: 'Metered',
      revenueAccountCode: '4100',
    };
    const late = () => ratePeriodUsage(input({ period: february, rates: [], billedBefore: [billed], consumption: [used('2026-01-20', '2000000000000')] }));
    expect(late).toThrow('rate "Metered", component "Data" on meter "data": 2000000000000 GB comes to €20,000,000,000,000.00');
  });
});
