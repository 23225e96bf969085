import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { base, expectFullyFilled, expectNameEscaped, hostileName, linksOf } from './collections-email.test-support.js';
import { renderBalanceAlertEmail, type BalanceAlertEmailData } from './render-balance-alert-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const sample = (): BalanceAlertEmailData => ({
  ...base(),
  asOf: '2026-03-20',
  balance: money(25075n, 'EUR'),
  threshold: money(20000n, 'EUR'),
  setBy: 'customer',
  overdue: money(4990n, 'EUR'),
});

describe('renderBalanceAlertEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('balance-alert')).resolves.toContain('{{{factRows}}}');
  });

  it('gives the balance, the alert amount the customer set, the overdue part, and the Pay now link', async () => {
    const email = await renderBalanceAlertEmail(sample());
    const { subject, html, text } = email;
    expect(subject).toBe('Balance alert: your balance is €250.75, above €200.00');
    for (const part of [html, text]) {
      expect(part).toContain('On 20 March 2026, the balance of your account reached €250.75. That is above €200.00, the alert amount you set.');
      expect(part).toContain('€49.90 of it is overdue: please pay that now in the customer portal.');
      expect(part).toContain('To change the alert amount, reply to this email.');
    }
    expect(html).toMatch(/>Balance<\/td><td[^>]*>€250.75</);
    expect(html).toMatch(/>Alert amount<\/td><td[^>]*>€200.00</);
    expect(text).toContain('Account:      CUST-1A2B3C4D\nBalance:      €250.75\nAlert amount: €200.00\nOverdue:      €49.90');
    expect(linksOf(html)).toEqual(['Pay now → https://portal.riverside.example/account/pay']);
    expect(text).toContain('Pay now: https://portal.riverside.example/account/pay\n');
    expectFullyFilled(email);
  });

  it('for an alert amount staff set and nothing overdue: says so, and still offers Pay now', async () => {
    const email = await renderBalanceAlertEmail({ ...sample(), setBy: 'staff', overdue: money(0n, 'EUR') });
    for (const part of [email.html, email.text]) {
      expect(part).toContain('That is above €200.00, the alert amount set for your account.');
      expect(part).toContain('None of it is overdue. You can pay now in the customer portal to bring your balance down, or pay each invoice by its due date.');
    }
    expect(email.text).toContain('Overdue:      Nothing');
    expect(linksOf(email.html)).toEqual(['Pay now → https://portal.riverside.example/account/pay']);
    expectFullyFilled(email);
  });

  it('escapes a hostile customer name in the HTML', async () => {
    const email = await renderBalanceAlertEmail({ ...sample(), customerName: hostileName });
    expectNameEscaped(email);
    expectFullyFilled(email);
  });

  it('refuses a balance not above the alert amount, amounts in two currencies, and an overdue part larger than the balance', async () => {
    await expect(renderBalanceAlertEmail({ ...sample(), balance: money(20000n, 'EUR') })).rejects.toThrow('balance must be above threshold');
    await expect(renderBalanceAlertEmail({ ...sample(), balance: money(25075n, 'USD') })).rejects.toThrow('balance must be in EUR');
    await expect(renderBalanceAlertEmail({ ...sample(), overdue: money(30000n, 'EUR') })).rejects.toThrow('overdue must not be more than balance');
    await expect(renderBalanceAlertEmail({ ...sample(), setBy: 'robot' as never })).rejects.toThrow('setBy must be customer or staff');
  });
});
