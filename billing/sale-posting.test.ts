import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceItemLine } from './item-lines.js';
import { ACCOUNTS, assertBalanced, balanceFromLines } from './ledger.js';
import { money } from './money.js';
import { creditNotePosting, saleBooksNothing, salePosting, saleTotals, type SaleLineAmounts } from './sale-posting.js';

const eur = (n: bigint) => money(n, 'EUR');
const sale = (revenueAccountCode: string, net: bigint, tax: bigint): SaleLineAmounts => ({ revenueAccountCode, net: eur(net), tax: eur(tax) });
const amounts = (lines: { accountCode: string; customerId: string | null; amount: { amountMinor: bigint } }[]) =>
  lines.map((l) => [l.accountCode, l.customerId, l.amount.amountMinor]);

describe('salePosting', () => {
  it('debits the receivable 180.76, credits parts 99.80 and labour 50.00, and tax payable 30.96', () => {
    // 2 routers at 49.90 with 21% tax: 99.80 + 20.96; 1 h of labour at 50.00 with 20%: 50.00 + 10.00
    const posting = salePosting({
      customerId: 'cus_1',
      invoiceNumber: 'INV-2026-000007',
      lines: [sale(ACCOUNTS.partsRevenue, 9980n, 2096n), sale(ACCOUNTS.maintenanceRevenue, 5000n, 1000n)],
    });
    expect(posting.description).toBe('Invoice INV-2026-000007');
    expect(amounts(posting.lines)).toEqual([
      ['1100', 'cus_1', 18076n],
      ['4200', null, -5000n],
      ['4300', null, -9980n],
      ['2200', null, -3096n],
    ]);
    expect(posting.lines.every((l) => l.memo === 'Invoice INV-2026-000007')).toBe(true);
  });

  it('sums lines of one account, and leaves out tax payable when no line carries tax', () => {
    const posting = salePosting({ customerId: 'c', invoiceNumber: 'INV-1', lines: [sale('4300', 100n, 0n), sale('4300', 250n, 0n)] });
    expect(amounts(posting.lines)).toEqual([['1100', 'c', 350n], ['4300', null, -350n]]);
  });

  it('gives the same posting whatever the order of the lines', () => {
    const lines = [sale('4300', 100n, 21n), sale('4200', 300n, 60n), sale('4300', 7n, 1n)];
    const a = salePosting({ customerId: 'c', invoiceNumber: 'INV-2', lines });
    const b = salePosting({ customerId: 'c', invoiceNumber: 'INV-2', lines: [...lines].reverse() });
    expect(b).toEqual(a);
  });

  it('refuses no lines, only free lines, mixed currencies and empty ids', () => {
    expect(() => salePosting({ customerId: 'c', invoiceNumber: 'INV-3', lines: [] })).toThrow('Invoice INV-3 has no lines');
    expect(() => salePosting({ customerId: 'c', invoiceNumber: 'INV-4', lines: [sale('4300', 0n, 0n)] }))
      .toThrow('Invoice INV-4 totals zero in every account: nothing to post');
    const usd = { revenueAccountCode: '4300', net: money(5n, 'USD'), tax: money(1n, 'USD') };
    expect(() => salePosting({ customerId: 'c', invoiceNumber: 'INV-5', lines: [sale('4300', 5n, 1n), usd] })).toThrow(/Currency mismatch/);
    expect(() => salePosting({ customerId: ' ', invoiceNumber: 'INV-6', lines: [sale('4300', 5n, 1n)] })).toThrow(/customerId is empty/);
  });
});

describe('creditNotePosting', () => {
  it('takes back 49.90 of parts and its 10.48 tax: credit the receivable 60.38, debit revenue and tax payable', () => {
    const posting = creditNotePosting({
      customerId: 'cus_1',
      creditNoteNumber: 'CN-2026-000001',
      invoiceNumber: 'INV-2026-000007',
      lines: [sale(ACCOUNTS.partsRevenue, 4990n, 1048n)],
    });
    expect(posting.description).toBe('Credit note CN-2026-000001 for invoice INV-2026-000007');
    expect(amounts(posting.lines)).toEqual([
      ['1100', 'cus_1', -6038n],
      ['4300', null, 4990n],
      ['2200', null, 1048n],
    ]);
  });

  it('reverses a whole invoice exactly: the sale and its credit note sum to zero in every account', () => {
    const lines = [sale('4000', 4900n, 0n), sale('4100', 1234n, 0n)];
    const issued = salePosting({ customerId: 'c', invoiceNumber: 'INV-9', lines });
    const credited = creditNotePosting({ customerId: 'c', creditNoteNumber: 'CN-1', invoiceNumber: 'INV-9', lines });
    const net = new Map<string, bigint>();
    for (const line of [...issued.lines, ...credited.lines]) net.set(line.accountCode, (net.get(line.accountCode) ?? 0n) + line.amount.amountMinor);
    expect([...net.values()].every((sum) => sum === 0n)).toBe(true);
  });

  it('reverses a negative adjustment line on its own account: 44.00 of the plan back, the 40.00 adjustment charged again', () => {
    // What is left of a 50.00 plan less a 40.00 late-reading adjustment after 6.00 was credited.
    const posting = creditNotePosting({ customerId: 'c', creditNoteNumber: 'CN-2', invoiceNumber: 'INV-10', lines: [sale('4000', 4400n, 0n), sale('4100', -4000n, 0n)] });
    expect(amounts(posting.lines)).toEqual([
      ['1100', 'c', -400n],
      ['4000', null, 4400n],
      ['4100', null, -4000n],
    ]);
  });
});

describe('saleTotals and saleBooksNothing', () => {
  it('adds net and tax, zero for no lines', () => {
    expect(saleTotals([sale('4300', 9980n, 2096n), sale('4200', 5000n, 1000n)], 'EUR'))
      .toEqual({ net: eur(14980n), tax: eur(3096n), total: eur(18076n) });
    expect(saleTotals([], 'EUR')).toEqual({ net: eur(0n), tax: eur(0n), total: eur(0n) });
  });

  it('books nothing only when every account nets to zero and there is no tax', () => {
    expect(saleBooksNothing([sale('4300', 0n, 0n)])).toBe(true);
    expect(saleBooksNothing([sale('4300', 0n, 1n)])).toBe(false);
    expect(saleBooksNothing([sale('4300', 1n, 0n)])).toBe(false);
  });
});

describe('every posting balances', () => {
  const accounts = fc.constantFrom('4000', '4100', '4200', '4300');
  const itemLine = fc.record({
    account: accounts,
    units: fc.integer({ min: 1, max: 500 }),
    hundredths: fc.integer({ min: 0, max: 99 }),
    price: fc.bigInt({ min: 0n, max: 5_000_000n }),
    rate: fc.constantFrom('0', '7.7', '19', '21', '8.1234', '100'),
  });

  it('for any priced item lines, the sale and a credit of any part of it balance, with the receivable equal to net + tax', () => {
    fc.assert(
      fc.property(fc.array(itemLine, { minLength: 1, maxLength: 8 }), fc.nat(), (drafts, seed) => {
        const lines = drafts.map((d) => {
          const priced = priceItemLine({ quantity: `${d.units}.${String(d.hundredths).padStart(2, '0')}`, unitAmount: eur(d.price), taxRate: d.rate });
          return { revenueAccountCode: d.account, net: priced.net, tax: priced.tax };
        });
        fc.pre(!saleBooksNothing(lines));
        const posting = salePosting({ customerId: 'c', invoiceNumber: 'INV-P', lines });
        expect(() => assertBalanced(posting)).not.toThrow();
        expect(balanceFromLines(posting.lines, 'EUR')).toEqual(eur(0n));
        const receivable = posting.lines.find((l) => l.accountCode === ACCOUNTS.accountsReceivable);
        expect(receivable?.amount).toEqual(saleTotals(lines, 'EUR').total);

        // A credit note for a subset of the lines is the same shape, the other way round.
        const credited = lines.filter((_, i) => (seed >> i) % 2 === 0);
        fc.pre(credited.length > 0 && !saleBooksNothing(credited));
        const credit = creditNotePosting({ customerId: 'c', creditNoteNumber: 'CN-P', invoiceNumber: 'INV-P', lines: credited });
        expect(balanceFromLines(credit.lines, 'EUR')).toEqual(eur(0n));
      }),
    );
  });
});
