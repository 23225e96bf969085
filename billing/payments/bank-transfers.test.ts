import { describe, expect, it } from 'vitest';
import { money } from '../money-value.js';
import { bankSourceKey, directionOf, identicalTransferKey, normaliseBankReference, transferAmount } from './bank-transfers.js';

describe('transferAmount', () => {
  it('reads money in and money out in the currency’s minor units', () => {
    expect(transferAmount('120.5', 'EUR')).toEqual({ ok: true, direction: 'credit', amountMinor: 12050n });
    expect(transferAmount('-45.00', 'EUR')).toEqual({ ok: true, direction: 'debit', amountMinor: 4500n });
    expect(transferAmount('1500', 'JPY')).toEqual({ ok: true, direction: 'credit', amountMinor: 1500n });
    expect(transferAmount('1.234', 'KWD')).toEqual({ ok: true, direction: 'credit', amountMinor: 1234n });
  });

  it('refuses zero, more decimals than the currency has, and amounts past the bound', () => {
    expect(transferAmount('0.00', 'EUR')).toEqual({ ok: false, reason: 'is zero: no money moved' });
    expect(transferAmount('12.345', 'EUR')).toEqual({ ok: false, reason: '12.345 has more than 2 decimals for EUR' });
    expect(transferAmount('12.5', 'JPY')).toEqual({ ok: false, reason: '12.5 has decimals, but JPY has none' });
    expect(transferAmount('10000000000000.01', 'EUR')).toEqual({ ok: false, reason: '10000000000000.01 is too large an amount' });
  });
});

describe('directionOf', () => {
  it('reads the words statements use for in and out', () => {
    expect(['C', 'CR', 'CRDT', 'credit', 'H', '+'].map(directionOf)).toEqual(Array(6).fill('credit'));
    expect(['D', 'DR', 'DBIT', 'Debit', 'S', '-'].map(directionOf)).toEqual(Array(6).fill('debit'));
    expect(directionOf('maybe')).toBeNull();
  });
});

describe('bankSourceKey', () => {
  const transfer = { transactionId: null, bookedOn: '2026-03-02', amount: money(12050n, 'EUR'), reference: '  INV-2026-000123   Ada ', occurrence: 1 };

  it('is the bank’s transaction id when it gives one', () => {
    expect(bankSourceKey({ ...transfer, transactionId: ' TX-99 ' })).toBe('bank:TX-99');
  });

  it('is date, amount, currency, reference and occurrence otherwise; case and spacing of the reference do not count', () => {
    expect(bankSourceKey(transfer)).toBe('bank:2026-03-02:120.50:EUR:inv-2026-000123 ada:1');
    expect(bankSourceKey({ ...transfer, reference: 'inv-2026-000123 ADA' })).toBe(bankSourceKey(transfer));
    expect(bankSourceKey({ ...transfer, occurrence: 2 })).toBe('bank:2026-03-02:120.50:EUR:inv-2026-000123 ada:2');
    expect(bankSourceKey({ ...transfer, transactionId: '' })).toBe(bankSourceKey(transfer));
  });

  it('keeps a long reference as its start and a checksum of the whole, so references differing at the end stay apart', () => {
    const long = 'x'.repeat(300);
    const key = bankSourceKey({ ...transfer, reference: long });
    expect(key.length).toBeLessThan(270);
    expect(key).not.toBe(bankSourceKey({ ...transfer, reference: `${long}y` }));
    expect(key).toBe(bankSourceKey({ ...transfer, reference: long.toUpperCase() }));
  });

  it('names identical transfers alike whatever their occurrence', () => {
    expect(identicalTransferKey(transfer)).toBe('bank:2026-03-02:120.50:EUR:inv-2026-000123 ada');
  });
});

describe('normaliseBankReference', () => {
  it('folds case and spacing', () => {
    expect(normaliseBankReference(' A\tb  C\n')).toBe('a b c');
  });
});
