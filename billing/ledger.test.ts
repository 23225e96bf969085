import { describe, it, expect } from 'vitest';
import { planChargeLine, type InvoiceLineDraft } from './invoice-lines.js';
import { ACCOUNTS, assertBalanced, balanceFromLines, invoicePosting, type JournalPosting } from './ledger.js';
import { money } from './money.js';
import { chargeablePeriodFrom } from './periods.js';

const eur = (n: bigint) => money(n, 'EUR');
const january = chargeablePeriodFrom('2026-01-10', 'month', { day: 1 });
const fibre = planChargeLine({ name: 'Fibre 100', amount: eur(4999n), revenueAccountCode: ACCOUNTS.planRevenue }, january);
const line = (amount: bigint, revenueAccountCode: string): InvoiceLineDraft => ({
  ...fibre, description: 'extra', amount: eur(amount), unitAmount: eur(amount), proration: null, revenueAccountCode,
});

describe('invoicePosting', () => {
  it('debits receivable for the total and credits each revenue account, and balances', () => {
    const posting = invoicePosting({
      customerId: 'cus_1',
      invoiceNumber: 'INV-2026-0001',
      lines: [line(1500n, ACCOUNTS.maintenanceRevenue), fibre, line(250n, ACCOUNTS.planRevenue)],
    });
    expect(posting).toEqual({
      description: 'Invoice INV-2026-0001',
      lines: [
        { accountCode: '1100', customerId: 'cus_1', amount: eur(5298n), memo: 'Invoice INV-2026-0001' },
        { accountCode: '4000', customerId: null, amount: eur(-3798n), memo: 'Invoice INV-2026-0001' },
        { accountCode: '4200', customerId: null, amount: eur(-1500n), memo: 'Invoice INV-2026-0001' },
      ],
    });
    expect(() => assertBalanced(posting)).not.toThrow();
    expect(balanceFromLines(posting.lines, 'EUR')).toEqual(eur(0n));
  });

  it('posts a credit note (negative total) the other way round', () => {
    const posting = invoicePosting({ customerId: 'cus_1', invoiceNumber: 'CN-1', lines: [line(-500n, '4000')] });
    expect(posting.lines.map((l) => [l.accountCode, l.amount.amountMinor])).toEqual([['1100', -500n], ['4000', 500n]]);
  });

  it('leaves out accounts that net to zero, and refuses an invoice with nothing to post', () => {
    const posting = invoicePosting({ customerId: 'c', invoiceNumber: '1', lines: [line(100n, '4000'), line(300n, '4100'), line(-300n, '4100')] });
    expect(posting.lines.map((l) => l.accountCode)).toEqual(['1100', '4000']);
    expect(() => invoicePosting({ customerId: 'c', invoiceNumber: '2', lines: [line(0n, '4000')] }))
      .toThrow('Invoice 2 totals zero in every account: nothing to post');
    expect(() => invoicePosting({ customerId: 'c', invoiceNumber: '3', lines: [] })).toThrow('Invoice 3 has no lines');
  });

  it('refuses mixed currencies and empty ids', () => {
    const usdLine = { ...line(100n, '4000'), amount: money(100n, 'USD') };
    expect(() => invoicePosting({ customerId: 'c', invoiceNumber: '4', lines: [line(100n, '4000'), usdLine] })).toThrow(/Currency mismatch/);
    expect(() => invoicePosting({ customerId: '', invoiceNumber: '5', lines: [fibre] })).toThrow(/customerId is empty/);
  });
});

describe('assertBalanced', () => {
  const posting = (...lines: [string, bigint, string][]): JournalPosting => ({
    description: 'Payment PAY-9',
    lines: lines.map(([accountCode, amount, currency]) => ({ accountCode, customerId: null, amount: money(amount, currency) })),
  });

  it('accepts balanced postings, each currency on its own', () => {
    expect(() => assertBalanced(posting(['1000', 100n, 'EUR'], ['1100', -100n, 'EUR'], ['1000', 7n, 'USD'], ['1100', -7n, 'USD']))).not.toThrow();
  });

  it('names the currency that is off and by how much', () => {
    expect(() => assertBalanced(posting(['1000', 1000n, 'EUR'], ['1100', -995n, 'EUR'])))
      .toThrow('Posting "Payment PAY-9" does not balance: EUR is off by 0.05 (debits exceed credits)');
    expect(() => assertBalanced(posting(['1000', 100n, 'EUR'], ['1100', -100n, 'EUR'], ['1000', 1n, 'JPY'], ['1100', -3n, 'JPY'])))
      .toThrow('Posting "Payment PAY-9" does not balance: JPY is off by 2 (credits exceed debits)');
  });

  it('catches a balance that only holds across currencies', () => {
    expect(() => assertBalanced(posting(['1000', 100n, 'EUR'], ['1100', -100n, 'USD'])))
      .toThrow('does not balance: EUR is off by 1.00 (debits exceed credits); USD is off by 1.00 (credits exceed debits)');
  });

  it('needs two lines, none of them zero', () => {
    expect(() => assertBalanced(posting(['1000', 0n, 'EUR']))).toThrow('Posting "Payment PAY-9" needs at least two lines, has 1');
    expect(() => assertBalanced(posting(['1000', 5n, 'EUR'], ['1100', 0n, 'EUR'], ['1100', -5n, 'EUR'])))
      .toThrow('Posting "Payment PAY-9": line 2 (account 1100) has a zero amount');
  });
});

describe('balanceFromLines', () => {
  it('nets signed lines, zero for none, and refuses other currencies', () => {
    expect(balanceFromLines([{ amount: eur(5000n) }, { amount: eur(-1200n) }], 'EUR')).toEqual(eur(3800n));
    expect(balanceFromLines([], 'EUR')).toEqual(eur(0n));
    expect(() => balanceFromLines([{ amount: eur(1n) }], 'USD')).toThrow(/Currency mismatch/);
  });
});
