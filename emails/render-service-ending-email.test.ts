import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { base, expectFullyFilled, expectNameEscaped, hostileName, linksOf } from './collections-email.test-support.js';
import { renderServiceEndingEmail, type ServiceEndingEmailData } from './render-service-ending-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const renewUrl = 'https://portal.riverside.example/account/renew';

const sample = (): ServiceEndingEmailData => ({
  ...base(),
  serviceName: 'Fibre 300',
  term: 'prepaid',
  endsOn: '2026-03-31',
  renewUrl,
  overdue: money(0n, 'EUR'),
});

describe('renderServiceEndingEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('service-ending')).resolves.toContain('{{{buttons}}}');
  });

  it('for a prepaid period: says when it ends and that service stops after that day, with the Renew link', async () => {
    const email = await renderServiceEndingEmail(sample());
    const { subject, html, text } = email;
    expect(subject).toBe('Your prepaid Fibre 300 service ends on 31 March 2026');
    for (const part of [html, text]) {
      expect(part).toContain('Your service ends on 31 March 2026');
      expect(part).toContain('The prepaid period of your Fibre 300 service ends on 31 March 2026: your internet service runs until the end of that day and then stops.');
      expect(part).toContain('To keep your service without a break, please renew it (pay for the next period) before then.');
      expect(part).not.toContain('overdue');
    }
    expect(html).toMatch(/>Prepaid until<\/td><td[^>]*>31 March 2026</);
    expect(linksOf(html)).toEqual([`Renew → ${renewUrl}`]);
    expect(text).toContain(`Renew: ${renewUrl}\n`);
    expectFullyFilled(email);
  });

  it('for a fixed term with something overdue: names the term, the overdue amount, and offers Renew and Pay now', async () => {
    const email = await renderServiceEndingEmail({ ...sample(), term: 'fixed_term', overdue: money(4990n, 'EUR') });
    expect(email.subject).toBe('Your Fibre 300 subscription ends on 31 March 2026');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Your fixed-term Fibre 300 subscription ends on 31 March 2026: your internet service runs until the end of that day and then stops.');
      expect(part).toContain('please renew your subscription before then. €49.90 is also overdue on your account: please pay it as well.');
    }
    expect(email.text).toContain('Term ends on: 31 March 2026\nOverdue:      €49.90');
    expect(linksOf(email.html)).toEqual([`Renew → ${renewUrl}`, 'Pay now → https://portal.riverside.example/account/pay']);
    expect(email.text).toContain(`Renew: ${renewUrl}\nPay now: https://portal.riverside.example/account/pay\n`);
    expectFullyFilled(email);
  });

  it('escapes a hostile customer name and service name in the HTML', async () => {
    const email = await renderServiceEndingEmail({ ...sample(), customerName: hostileName, serviceName: 'Fibre <b>300</b>' });
    expectNameEscaped(email);
    expect(email.html).toContain('Fibre &lt;b&gt;300&lt;/b&gt;');
    expect(email.html).not.toContain('<b>300</b>');
  });

  it('refuses an unknown term and a missing renew link', async () => {
    await expect(renderServiceEndingEmail({ ...sample(), term: 'monthly' as never })).rejects.toThrow('term must be fixed_term or prepaid');
    await expect(renderServiceEndingEmail({ ...sample(), renewUrl: undefined as never })).rejects.toThrow('renewUrl must be an absolute http(s) URL');
  });
});
