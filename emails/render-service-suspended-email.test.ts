import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { base, expectFullyFilled, expectNameEscaped, hostileName, linksOf } from './collections-email.test-support.js';
import { renderServiceSuspendedEmail, type ServiceSuspendedEmailData } from './render-service-suspended-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

// €49.90 + €10.10 = €60.00 overdue; with the €10.66 penalty invoice billed since, €70.66 restores the service.
const sample = (): ServiceSuspendedEmailData => ({
  ...base(),
  suspendedOn: '2026-03-29',
  overdueInvoices: [
    { invoiceNumber: 'INV-2026-000123', amountDue: money(4990n, 'EUR'), dueOn: '2026-03-01' },
    { invoiceNumber: 'INV-2026-000130', amountDue: money(1010n, 'EUR'), dueOn: '2026-03-15' },
  ],
  amountToRestore: money(7066n, 'EUR'),
});

describe('renderServiceSuspendedEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('service-suspended')).resolves.toContain('{{{invoiceRows}}}');
  });

  it('says since when and why, what to pay to restore it, that it comes back at once on payment, and gives Pay now', async () => {
    const email = await renderServiceSuspendedEmail(sample());
    const { subject, html, text } = email;
    expect(subject).toBe('Service suspended on account CUST-1A2B3C4D: €70.66 to pay');
    for (const part of [html, text]) {
      expect(part).toContain('Your internet service is suspended');
      expect(part).toContain(
        'We suspended your internet service on 29 March 2026. Invoices INV-2026-000123 and INV-2026-000130 are past their due date and still unpaid: €60.00 is overdue on your account.',
      );
      expect(part).toContain('To restore your service, please pay €70.66 in the customer portal.');
      expect(part).toContain('Your service comes back as soon as we receive your payment: at once when you pay by card in the customer portal.');
    }
    expect(html).toMatch(/>Suspended on<\/td><td[^>]*>29 March 2026</);
    expect(html).toMatch(/>To pay to restore service<\/td><td[^>]*>€70.66</);
    expect(html).toMatch(/>Total overdue<\/td><td[^>]*>€60.00</);
    expect(text).toContain('Suspended on:              29 March 2026\nOverdue:                   €60.00\nTo pay to restore service: €70.66');
    expect(text).toContain('- Invoice INV-2026-000123, due 1 March 2026: €49.90\n');
    expect(text).toContain('Pay now: https://portal.riverside.example/account/pay\n');
    expect(linksOf(html)).toEqual(['Pay now → https://portal.riverside.example/account/pay']);
    expectFullyFilled(email);
  });

  it('escapes a hostile customer name in the HTML', async () => {
    const email = await renderServiceSuspendedEmail({ ...sample(), customerName: hostileName });
    expectNameEscaped(email);
    expectFullyFilled(email);
  });

  it('refuses a restore amount of nothing or in another currency', async () => {
    await expect(renderServiceSuspendedEmail({ ...sample(), amountToRestore: money(0n, 'EUR') })).rejects.toThrow('amountToRestore must be more than zero');
    await expect(renderServiceSuspendedEmail({ ...sample(), amountToRestore: money(7066n, 'GBP') })).rejects.toThrow('amountToRestore must be in EUR');
  });
});
