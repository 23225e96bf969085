import { describe, it, expect } from 'vitest';
import { invoiceTotal, planChargeLine } from './invoice-lines.js';
import { money } from './money.js';
import { chargeablePeriodFrom } from './periods.js';

const fibre = { name: 'Fibre 100', amount: money(4999n, 'EUR'), revenueAccountCode: '4000' };

describe('planChargeLine', () => {
  it('describes a partial first month with its days', () => {
    const line = planChargeLine(fibre, chargeablePeriodFrom('2026-01-10', 'month', { day: 1 }));
    expect(line).toEqual({
      kind: 'plan',
      description: 'Fibre 100 — 2026-01-10 to 2026-01-31 (22 of 31 days)',
      quantity: '1',
      unit: null,
      unitAmount: money(4999n, 'EUR'),
      unitAmountDecimal: null,
      amount: money(3548n, 'EUR'),
      detail: null,
      periodStart: '2026-01-10',
      periodEnd: '2026-02-01',
      proration: { activeDays: 22, cycleDays: 31 },
      revenueAccountCode: '4000',
    });
  });

  it('charges a full cycle at the plan price, without days', () => {
    const line = planChargeLine(fibre, chargeablePeriodFrom('2026-02-28', 'month', { day: 31 }));
    expect(line.description).toBe('Fibre 100 — 2026-02-28 to 2026-03-30');
    expect(line.amount).toEqual(fibre.amount);
    expect(line.proration).toBeNull();
  });

  it('refuses a plan without a name or revenue account', () => {
    const p = chargeablePeriodFrom('2026-01-01', 'month', { day: 1 });
    expect(() => planChargeLine({ ...fibre, name: ' ' }, p)).toThrow('planChargeLine: the plan needs a name');
    expect(() => planChargeLine({ ...fibre, revenueAccountCode: '' }, p)).toThrow('plan "Fibre 100" has no revenue account');
  });
});

describe('invoiceTotal', () => {
  it('sums the lines, and an empty invoice is zero in its currency', () => {
    const a = planChargeLine(fibre, chargeablePeriodFrom('2026-01-10', 'month', { day: 1 }));
    const b = planChargeLine(fibre, chargeablePeriodFrom('2026-02-01', 'month', { day: 1 }));
    expect(invoiceTotal([a, b], 'EUR')).toEqual(money(8547n, 'EUR'));
    expect(invoiceTotal([], 'EUR')).toEqual(money(0n, 'EUR'));
    expect(() => invoiceTotal([a], 'USD')).toThrow(/Currency mismatch/);
  });
});
