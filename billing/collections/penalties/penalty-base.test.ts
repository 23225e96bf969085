import { describe, expect, it } from 'vitest';
import { penaltyBase, unpaidByLine, type PenaltyBaseInvoice, type PenaltyBaseLine } from './penalty-base.js';
import { ruleFrom } from './penalty-rules.test-data.js';

const line = (kind: PenaltyBaseLine['kind'], grossMinor: bigint, more: Partial<PenaltyBaseLine> = {}): PenaltyBaseLine => ({
  kind, itemId: null, itemKind: null, revenueAccountCode: kind === 'penalty' ? '4900' : kind === 'usage' ? '4100' : '4000', grossMinor, ...more,
});

// A mixed invoice, gross (net + 21% tax) after credit notes, total 253.05:
//   plan 60.50, usage 24.20, installation (service) 121.00, router (goods) 48.40,
//   a usage credit -6.05, last month's late fee 5.00 (a penalty line).
// The customer paid 103.05, so 150.00 is open.
const mixed: PenaltyBaseInvoice = {
  currency: 'EUR',
  openMinor: 15000n,
  lines: [
    line('plan', 6050n),
    line('usage', 2420n),
    line('item', 12100n, { itemId: 'installation', itemKind: 'service', revenueAccountCode: '4200' }),
    line('item', 4840n, { itemId: 'router', itemKind: 'goods', revenueAccountCode: '4300' }),
    line('usage', -605n),
    line('penalty', 500n),
  ],
};

describe('the unpaid part of each line', () => {
  it('spreads the open amount over the lines by their gross amounts, largest remainder, to the cent', () => {
    // Positive lines total 259.10, the negative one 6.05; the invoice 253.05.
    // Positive lines carry 15000 × 25910 / 25305 = 15358.62… → 15359, the credit 15000 − 15359 = −359.
    // 15359 over 6050, 2420, 12100, 4840, 500 (of 25910):
    //   3586.34 → 3586, 1434.53 → 1434, 7172.67 → 7172, 2869.07 → 2869, 296.39 → 296: 15357,
    //   the 2 left over to the largest remainders: installation (.67) and usage (.53).
    expect(unpaidByLine(mixed)).toEqual([3586n, 1435n, 7173n, 2869n, -359n, 296n]);
    expect(unpaidByLine(mixed).reduce((sum, part) => sum + part, 0n)).toBe(15000n);
  });

  it('is the whole gross of each line when nothing is paid, and nothing when all is', () => {
    expect(unpaidByLine({ ...mixed, openMinor: 25305n })).toEqual([6050n, 2420n, 12100n, 4840n, -605n, 500n]);
    expect(unpaidByLine({ ...mixed, openMinor: 0n })).toEqual([0n, 0n, 0n, 0n, 0n, 0n]);
  });
});

describe('penaltyBase', () => {
  it('counts every line but penalties when the rule names none; the credit lowers usage only', () => {
    // plan 3586 + usage (1435 − 359) 1076 + items 7173 + 2869 = 14704; the late fee's 296 left out.
    expect(penaltyBase(mixed, ruleFrom({ kind: 'percentage', percent: '1' }))).toBe(14704n);
  });

  it('counts penalty lines only when the rule says so, and then adds up to the open amount exactly', () => {
    expect(penaltyBase(mixed, ruleFrom({ kind: 'percentage', percent: '1', penalized: { includePenaltyLines: true } }))).toBe(15000n);
  });

  it('chooses lines by line kind, item kind, item id or revenue account, any of them', () => {
    const base = (penalized: Record<string, unknown>) => penaltyBase(mixed, ruleFrom({ kind: 'percentage', percent: '1', penalized }));
    expect(base({ lineKinds: ['usage', 'item'] })).toBe(1076n + 7173n + 2869n);
    expect(base({ lineKinds: ['plan'], itemKinds: ['service'] })).toBe(3586n + 7173n);
    expect(base({ itemIds: ['router'] })).toBe(2869n);
    expect(base({ revenueAccountCodes: ['4100'] })).toBe(1076n);
    // An account code that also names the penalty line still leaves it out without the flag.
    expect(base({ revenueAccountCodes: ['4900'] })).toBe(0n);
    expect(base({ lineKinds: ['penalty'], includePenaltyLines: true })).toBe(296n);
  });

  it('lets a negative line lower its own kind to zero, never below, and never another kind', () => {
    // Usage 10.00 and a usage credit of 30.00 leave usage at zero; the plan keeps its 50.00.
    const invoice: PenaltyBaseInvoice = { currency: 'EUR', openMinor: 3000n, lines: [line('plan', 5000n), line('usage', 1000n), line('usage', -3000n)] };
    // Positive lines carry 3000 × 6000 / 3000 = 6000, the credit −3000: plan 5000, usage 1000 − 3000.
    expect(penaltyBase(invoice, ruleFrom({ kind: 'percentage', percent: '1' }))).toBe(5000n);
    expect(penaltyBase(invoice, ruleFrom({ kind: 'percentage', percent: '1', penalized: { lineKinds: ['usage'] } }))).toBe(0n);
  });
});
