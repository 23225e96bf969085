import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from './money.js';
import { openOnInvoice, planCredit, remainingOnLine, taxForCredit, type CreditableLine } from './credit-note-lines.js';

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

describe('planCredit on an invoice with a negative line', () => {
  // A plan at 50.00 and a late-reading adjustment of −40.00: the invoice totals 10.00.
  const adjusted = [line(0, 5000n, 0n), line(1, -4000n, 0n)];

  it('refuses a named line beyond what is still open on the invoice, naming the largest amount it can take', () => {
    expect(figures(planCredit(adjusted, [{ position: 0 }]))).toEqual([
      { field: 'lines[0].amountMinor', message: 'must be at most 1000, what is still open on the invoice (€10.00 net and €0.00 tax)' },
    ]);
    expect(figures(planCredit(adjusted, [{ position: 0, amountMinor: 1001n }]))).toEqual([
      { field: 'lines[0].amountMinor', message: 'must be at most 1000, what is still open on the invoice (€10.00 net and €0.00 tax)' },
    ]);
    expect(figures(planCredit(adjusted, [{ position: 0, amountMinor: 1000n }]))).toEqual([[0, 1000n, 0n]]);
  });

  it('reverses a negative line only with the whole invoice', () => {
    expect(figures(planCredit(adjusted, [{ position: 1 }]))).toEqual([
      { field: 'lines[0].position', message: 'line 1 takes money off the invoice (-€40.00); it is reversed only when the whole invoice is credited' },
    ]);
  });

  it('credits exactly what is still open when the whole invoice is credited, the negative line reversed too', () => {
    expect(figures(planCredit(adjusted))).toEqual([[0, 5000n, 0n], [1, -4000n, 0n]]);
    // After 6.00 of the plan was credited, 4.00 is open: 44.00 of the plan less the 40.00 adjustment.
    expect(figures(planCredit([line(0, 5000n, 0n, 600n, 0n), adjusted[1]!]))).toEqual([[0, 4400n, 0n], [1, -4000n, 0n]]);
    // All 10.00 credited already: nothing is open, though the plan line alone still has 40.00.
    const settled = [line(0, 5000n, 0n, 1000n, 0n), adjusted[1]!];
    expect(planCredit(settled)).toMatchObject({ ok: false, nothingLeft: true });
    expect(figures(planCredit(settled, [{ position: 0, amountMinor: 1n }]))).toEqual([
      { field: 'lines[0].position', message: 'cannot be credited: nothing is still open on the invoice (€0.00 net and €0.00 tax)' },
    ]);
  });

  it('refuses several lines that together take back more than is open, naming lines', () => {
    const three = [line(0, 5000n, 0n), line(1, 3000n, 0n), line(2, -6000n, 0n)];
    expect(figures(planCredit(three, [{ position: 0, amountMinor: 1500n }, { position: 1, amountMinor: 600n }]))).toEqual([
      { field: 'lines', message: 'would take back €21.00 net and €0.00 tax, more than is still open on the invoice (€20.00 net and €0.00 tax)' },
    ]);
  });

  it('keeps the tax credited within the tax still open, when only the tax is short', () => {
    // 100.00 at 21% (21.00 tax) and an adjustment of −10.00 with −10.00 of tax: 90.00 net and 11.00 tax open.
    const taxed = [line(0, 10000n, 2100n), line(1, -1000n, -1000n)];
    // 52.40 of the line takes 21.00 × 5240 / 10000 = 11.004 → 11.00 of tax; 52.41 would take 11.0061 → 11.01.
    const plan = planCredit(taxed, [{ position: 0 }]);
    expect(figures(plan)).toEqual([{ field: 'lines[0].amountMinor', message: 'must be at most 5240, what is still open on the invoice (€90.00 net and €11.00 tax)' }]);
    expect(figures(planCredit(taxed, [{ position: 0, amountMinor: 5240n }]))).toEqual([[0, 5240n, 1100n]]);
  });
});

describe('credit notes on any invoice', () => {
  const anyLine = fc
    .tuple(fc.bigInt({ min: -500_000n, max: 1_000_000n }), fc.constantFrom(0n, 7n, 21n, 100n))
    .map(([net, rate]) => ({ net, tax: (net * rate) / 100n }));
  const anyCredit = fc.oneof(
    fc.constant(undefined),
    fc.array(fc.record({ position: fc.nat({ max: 5 }), amountMinor: fc.option(fc.bigInt({ min: 1n, max: 1_000_000n }), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
  );

  it("never take back more than the invoice's total, net or tax, and the whole credit takes back exactly what is open", () => {
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 5 }), fc.array(anyCredit, { minLength: 1, maxLength: 6 }), (charged, credits) => {
        let lines = charged.map(({ net, tax }, position) => line(position, net, tax));
        const invoiceNet = charged.reduce((sum, l) => sum + l.net, 0n);
        const invoiceTax = charged.reduce((sum, l) => sum + l.tax, 0n);
        const most = (amount: bigint) => (amount > 0n ? amount : 0n);
        for (const requests of credits) {
          const before = openOnInvoice(lines, 'EUR');
          const plan = planCredit(lines, requests?.map((r) => (r.amountMinor === undefined ? { position: r.position } : r)));
          if (!plan.ok) continue;
          lines = lines.map((l) => {
            const taken = plan.lines.find((c) => c.position === l.position);
            return taken ? line(l.position, l.net.amountMinor, l.tax.amountMinor, l.creditedNet.amountMinor + taken.net.amountMinor, l.creditedTax.amountMinor + taken.tax.amountMinor) : l;
          });
          const noteTotal = plan.lines.reduce((sum, c) => sum + c.net.amountMinor + c.tax.amountMinor, 0n);
          expect(noteTotal).toBeGreaterThan(0n);
          if (requests === undefined) {
            // The whole credit: exactly what was open, and nothing is open after it.
            expect(noteTotal).toBe(before.net.amountMinor + before.tax.amountMinor);
            expect(openOnInvoice(lines, 'EUR')).toEqual({ net: eur(0n), tax: eur(0n) });
          }
          const creditedNet = lines.reduce((sum, l) => sum + l.creditedNet.amountMinor, 0n);
          const creditedTax = lines.reduce((sum, l) => sum + l.creditedTax.amountMinor, 0n);
          expect(creditedNet + creditedTax).toBeLessThanOrEqual(most(invoiceNet + invoiceTax));
          if (invoiceNet >= 0n && invoiceTax >= 0n) {
            expect(creditedNet).toBeLessThanOrEqual(invoiceNet);
            expect(creditedTax).toBeLessThanOrEqual(invoiceTax);
          }
        }
      }),
    );
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
