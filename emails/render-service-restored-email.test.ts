import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { base, expectFullyFilled, expectNameEscaped, hostileName, linksOf } from './collections-email.test-support.js';
import { renderServiceRestoredEmail, type ServiceRestoredEmailData } from './render-service-restored-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const accountUrl = 'https://portal.riverside.example/account';

const sample = (): ServiceRestoredEmailData => ({
  ...base(),
  restoredOn: '2026-03-30',
  payment: { amount: money(7066n, 'EUR'), receivedOn: '2026-03-30' },
  stillOverdue: money(0n, 'EUR'),
  accountUrl,
});

describe('renderServiceRestoredEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('service-restored')).resolves.toContain('{{{factRows}}}');
  });

  it('thanks for the payment, says the service is active again, and that nothing is overdue', async () => {
    const email = await renderServiceRestoredEmail(sample());
    const { subject, html, text } = email;
    expect(subject).toBe('Service restored on account CUST-1A2B3C4D: thank you for your payment');
    for (const part of [html, text]) {
      expect(part).toContain('Your internet service is active again');
      expect(part).toContain('Thank you: we received your payment of €70.66 on 30 March 2026, and restored your internet service the same day. It works as usual again.');
      expect(part).toContain('Nothing is overdue on your account now.');
    }
    expect(html).toMatch(/>Payment received<\/td><td[^>]*>€70.66 on 30 March 2026</);
    expect(text).toContain('Service restored on: 30 March 2026\nStill overdue:       Nothing');
    expect(linksOf(html)).toEqual([`View your account → ${accountUrl}`]);
    expect(text).toContain(`View your account: ${accountUrl}\n`);
    expectFullyFilled(email);
  });

  it('when something is still overdue: gives the amount and the Pay now link in both parts', async () => {
    const email = await renderServiceRestoredEmail({
      ...sample(),
      restoredOn: '2026-04-02',
      payment: { amount: money(6000n, 'EUR'), receivedOn: '2026-04-01' },
      stillOverdue: money(1066n, 'EUR'),
    });
    for (const part of [email.html, email.text]) {
      expect(part).toContain('we received your payment of €60.00 on 1 April 2026, and restored your internet service on 2 April 2026.');
      expect(part).toContain('€10.66 is still overdue on your account. Please pay it soon so that your service keeps running.');
    }
    expect(email.text).toContain('Still overdue:       €10.66');
    expect(linksOf(email.html)).toEqual(['Pay now → https://portal.riverside.example/account/pay']);
    expect(email.text).toContain('Pay now: https://portal.riverside.example/account/pay\n');
    expectFullyFilled(email);
  });

  it('escapes a hostile customer name in the HTML', async () => {
    const email = await renderServiceRestoredEmail({ ...sample(), customerName: hostileName });
    expectNameEscaped(email);
    expectFullyFilled(email);
  });

  it('refuses a payment of nothing and an overdue amount in another currency', async () => {
    await expect(renderServiceRestoredEmail({ ...sample(), payment: { amount: money(0n, 'EUR'), receivedOn: '2026-03-30' } })).rejects.toThrow(
      'payment.amount must be more than zero',
    );
    await expect(renderServiceRestoredEmail({ ...sample(), stillOverdue: money(0n, 'USD') })).rejects.toThrow('stillOverdue must be in EUR');
  });
});
