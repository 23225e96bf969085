import { describe, expect, it } from 'vitest';
import { money } from '../money.js';
import { invoiceStanding, invoiceTermsDays, overdueLabel, standingInWords } from './invoice-standing.js';

const invoice = { issueDate: '2026-11-30', dueDate: '2026-12-14', totalMinor: 4900n, openMinor: 4900n };

describe('invoice standing', () => {
  it('reads the terms from the issue and due dates', () => {
    expect(invoiceStanding(invoice, '2026-12-01')).toEqual({ dueDate: '2026-12-14', termsDays: 14, paymentStatus: 'open', daysOverdue: 0 });
    expect(invoiceStanding({ ...invoice, dueDate: '2026-11-30' }, '2026-11-30').termsDays).toBe(0);
    // Across a year end, and an invoice from before due dates, due 14 days after the upgrade.
    expect(invoiceTermsDays('2026-12-20', '2027-01-03')).toBe(14);
    expect(invoiceTermsDays('2026-09-30', '2026-12-21')).toBe(82);
  });

  it('is not overdue on the due day, overdue by 1 the day after, and never once paid', () => {
    expect(invoiceStanding(invoice, '2026-12-14').daysOverdue).toBe(0);
    expect(invoiceStanding(invoice, '2026-12-15').daysOverdue).toBe(1);
    expect(invoiceStanding({ ...invoice, openMinor: 900n }, '2026-12-20')).toMatchObject({ paymentStatus: 'partially_paid', daysOverdue: 6 });
    expect(invoiceStanding({ ...invoice, openMinor: 0n }, '2026-12-20')).toMatchObject({ paymentStatus: 'paid', daysOverdue: 0 });
  });

  it('says how long in words', () => {
    expect(overdueLabel(0)).toBeNull();
    expect(overdueLabel(1)).toBe('Overdue by 1 day');
    expect(overdueLabel(12)).toBe('Overdue by 12 days');
  });

  it('says it in one line for an email', () => {
    const words = (openMinor: bigint, today: string) => standingInWords(invoiceStanding({ ...invoice, openMinor }, today), money(openMinor, 'EUR'));
    expect(words(4900n, '2026-12-14')).toBe('Open');
    expect(words(4900n, '2026-12-26')).toBe('Open, overdue by 12 days');
    expect(words(1000n, '2026-12-15')).toBe('Partially paid, €10.00 still to pay, overdue by 1 day');
    expect(words(0n, '2026-12-26')).toBe('Paid');
  });
});
