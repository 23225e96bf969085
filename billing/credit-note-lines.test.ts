import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from './money.js';
import { planCredit, remainingOnLine, taxForCredit, type CreditableLine } from './credit-note-lines.js';

const eur = (n: bigint) => money(n, 'EUR');
const line = (position: number, net: bigint, tax: bigint, creditedNet = 0n, creditedTax = 0n): CreditableLine => ({
  position,
  description: `line ${position}`,
  revenueAccountCode: position === 0 ? '4300' : '4200',
  net: eur(net),
  tax: eur(tax),
  creditedNet: eur(creditedNet),
  creditedTax: eur(creditedTax),
});
const figures = (plan: ReturnType<typeof planCredit>) =>
  plan.ok ? plan.lines.map((l) => [l.position, l.net.amountMinor, l.tax.amountMinor]) : plan.problems;

describe('planCredit', () => {
  // 2 routers at 49.90 with 21% tax: 99.80 + 20.96; labour 90.00 + 18.00
  const invoice = [line(0, 9980n, 2096n), line(1, 9000n, 1800n)];

  it('credits the whole invoice when no lines are named', () => {
    expect(figures(planCredit(invoice))).toEqual([[0, 9980n, 2096n], [1, 9000n, 1800n]]);
  });

  it('credits one router of two: 49.90 takes back 10.48 of tax (20.96 × ½)', () => {
    expect(figures(planCredit(invoice, [{ position: 0, amountMinor: 4990n }]))).toEqual([[0, 4990n, 1048n]]);
  });

  it('gives back exactly the tax that remains when the rest of a line is credited', () => {
    // 33.33 of 99.80 first: 20.96 × 3333 / 9980 = 6.9999… → 7.00; the rest 66.47 gets 20.96 − 7.00 = 13.96
    expect(figures(planCredit(invoice, [{ position: 0, amountMinor: 3333n }]))).toEqual([[0, 3333n, 700n]]);
    const after = [line(0, 9980n, 2096n, 3333n, 700n), invoice[1]!];
    expect(figures(planCredit(after, [{ position: 0 }]))).toEqual([[0, 6647n, 1396n]]);
    expect(figures(planCredit(after))).toEqual([[0, 6647n, 1396n], [1, 9000n, 1800n]]);
  });

  it('refuses more than what remains, naming the field and the amount left', () => {
    const after = [line(0, 9980n, 2096n, 4990n, 1048n), invoice[1]!];
    expect(figures(planCredit(after, [{ position: 1, amountMinor: 100n }, { position: 0, amountMinor: 4991n }]))).toEqual([
      { field: 'lines[1].amountMinor', message: 'must be at most 4990, what remains to be credited on line 0 (€49.90 net)' },
    ]);
  });

  it('refuses unknown lines, a line named twice, amounts not above zero, fully credited lines and an empty list', () => {
    expect(figures(planCredit(invoice, [{ position: 7 }]))).toEqual([{ field: 'lines[0].position', message: 'the invoice has no line 7' }]);
    expect(figures(planCredit(invoice, [{ position: 1 }, { position: 1, amountMinor: 5n }])))
      .toEqual([{ field: 'lines[1].position', message: 'line 1 is named twice' }]);
    expect(figures(planCredit(invoice, [{ position: 0, amountMinor: 0n }]))).toEqual([{ field: 'lines[0].amountMinor', message: 'must be more than zero' }]);
    expect(figures(planCredit([line(0, 100n, 0n, 100n, 0n)], [{ position: 0 }])))
      .toEqual([{ field: 'lines[0].position', message: 'nothing is left to credit on line 0' }]);
    expect(figures(planCredit(invoice, []))).toEqual([{ field: 'lines', message: 'must name at least one line, or be left out to credit the whole invoice' }]);
  });

  it('refuses to credit a fully credited invoice again', () => {
    expect(figures(planCredit([line(0, 9980n, 2096n, 9980n, 2096n)]))).toEqual([{ field: 'lines', message: 'nothing is left to credit on this invoice' }]);
    // Told apart from a wrong request: it is the invoice's state that refuses it.
    expect(planCredit([line(0, 9980n, 2096n, 9980n, 2096n)])).toMatchObject({ ok: false, nothingLeft: true });
    expect(planCredit([line(0, 9980n, 2096n)], [{ position: 3 }])).toMatchObject({ ok: false, nothingLeft: false });
  });

  it('credits an untaxed recurring invoice, a discount line included, when crediting the whole', () => {
    const recurring = [line(0, 4900n, 0n), line(1, -500n, 0n)];
    expect(figures(planCredit(recurring))).toEqual([[0, 4900n, 0n], [1, -500n, 0n]]);
  });
});

describe('taxForCredit', () => {
  it('is zero on a line without tax or without a net amount', () => {
    expect(taxForCredit(line(0, 4900n, 0n), 100n)).toEqual(eur(0n));
    expect(taxForCredit(line(0, 0n, 0n), 0n)).toEqual(eur(0n));
  });
});

describe('any sequence of partial credits', () => {
  it('never credits more than the line, and ends with exactly its tax once all of it is credited', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000n }),
        fc.constantFrom('0', '7.7', '19', '21', '8.1234'),
        fc.array(fc.bigInt({ min: 1n, max: 3_000_000n }), { minLength: 1, maxLength: 6 }),
        (net, rate, parts) => {
          const tax = (net * BigInt(Math.round(Number(rate) * 10_000))) / 1_000_000n; // any tax ≤ net works here
          let current = line(0, net, tax);
          for (const part of parts) {
            const left = remainingOnLine(current).net.amountMinor;
            if (left === 0n) break;
            const amount = part > left ? left : part;
            const plan = planCredit([current], [{ position: 0, amountMinor: amount }]);
            if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
            const credited = plan.lines[0]!;
            expect(credited.tax.amountMinor).toBeGreaterThanOrEqual(0n);
            current = line(0, net, tax, current.creditedNet.amountMinor + credited.net.amountMinor, current.creditedTax.amountMinor + credited.tax.amountMinor);
            expect(current.creditedTax.amountMinor).toBeLessThanOrEqual(tax);
          }
          const rest = planCredit([current]);
          if (rest.ok) {
            const final = rest.lines[0]!;
            expect(current.creditedNet.amountMinor + final.net.amountMinor).toBe(net);
            expect(current.creditedTax.amountMinor + final.tax.amountMinor).toBe(tax);
          } else {
            expect(current.creditedNet.amountMinor).toBe(net);
            expect(current.creditedTax.amountMinor).toBe(tax);
          }
        },
      ),
    );
  });
});
