import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { base, expectFullyFilled, expectNameEscaped, hostileName, linksOf } from './collections-email.test-support.js';
import { renderOverdueReminderEmail, type OverdueReminderEmailData } from './render-overdue-reminder-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const sample = (): OverdueReminderEmailData => ({
  ...base(),
  overdueInvoices: [{ invoiceNumber: 'INV-2026-000123', amountDue: money(4990n, 'EUR'), dueOn: '2026-03-01' }],
});

// Three invoices: €49.90 + €10.00 + €0.10 = €60.00 overdue in all.
const three = (): OverdueReminderEmailData => ({
  ...sample(),
  overdueInvoices: [
    { invoiceNumber: 'INV-2026-000123', amountDue: money(4990n, 'EUR'), dueOn: '2026-03-01' },
    { invoiceNumber: 'INV-2026-000130', amountDue: money(1000n, 'EUR'), dueOn: '2026-03-15' },
    { invoiceNumber: 'INV-2026-000131', amountDue: money(10n, 'EUR'), dueOn: '2026-03-16' },
  ],
});

describe('renderOverdueReminderEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('overdue-reminder')).resolves.toContain('{{{invoiceRows}}}');
  });

  it('for one invoice: names it in the subject, gives amount and due date, and a Pay now link in both parts', async () => {
    const email = await renderOverdueReminderEmail(sample());
    const { subject, html, text } = email;
    expect(subject).toBe('Reminder: invoice INV-2026-000123 is overdue');
    const intro = 'This is a friendly reminder that invoice INV-2026-000123 for €49.90 was due on 1 March 2026 and has not been paid yet.';
    for (const part of [html, text]) {
      expect(part).toContain(intro);
      expect(part).toContain('Please pay €49.90 at your earliest convenience. You can pay now in the customer portal.');
      expect(part).toContain('If you have paid in the last few days, thank you');
      expect(part).toContain('internet service account (CUST-1A2B3C4D) with Riverside Fibre');
    }
    expect(html).toMatch(/>Invoice INV-2026-000123, due 1 March 2026<\/td><td[^>]*>€49.90</);
    expect(html).toMatch(/>Overdue<\/td><td[^>]*>€49.90</);
    expect(html).not.toContain('Total overdue');
    expect(linksOf(html)).toEqual(['Pay now → https://portal.riverside.example/account/pay']);
    expect(text).toContain('Account: CUST-1A2B3C4D\nOverdue: €49.90');
    expect(text).toContain('- Invoice INV-2026-000123, due 1 March 2026: €49.90\n');
    expect(text).toContain('Pay now: https://portal.riverside.example/account/pay\n');
    expectFullyFilled(email);
  });

  it('for several invoices: counts them in the subject, lists each with its due date, and totals them', async () => {
    const email = await renderOverdueReminderEmail(three());
    expect(email.subject).toBe('Reminder: 3 invoices are overdue');
    for (const part of [email.html, email.text]) {
      expect(part).toContain(
        'This is a friendly reminder that invoices INV-2026-000123, INV-2026-000130 and INV-2026-000131 are past their due date and have not been paid yet: €60.00 is overdue in all.',
      );
      expect(part).toContain('Please pay €60.00 at your earliest convenience.');
    }
    expect(email.html).toMatch(/>Total overdue<\/td><td[^>]*>€60.00</);
    expect(email.text).toContain(
      '- Invoice INV-2026-000123, due 1 March 2026: €49.90\n- Invoice INV-2026-000130, due 15 March 2026: €10.00\n- Invoice INV-2026-000131, due 16 March 2026: €0.10\nTotal overdue: €60.00',
    );
    expectFullyFilled(email);
  });

  it('formats the currency it is given: ¥ has no minor unit, US dollars have cents', async () => {
    const yen = await renderOverdueReminderEmail({ ...sample(), overdueInvoices: [{ invoiceNumber: 'INV-1', amountDue: money(5000n, 'JPY'), dueOn: '2026-03-01' }] });
    expect(yen.text).toContain('for ¥5,000 was due');
    const dollars = await renderOverdueReminderEmail({ ...sample(), overdueInvoices: [{ invoiceNumber: 'INV-1', amountDue: money(123456n, 'USD'), dueOn: '2026-03-01' }] });
    expect(dollars.text).toContain('for $1,234.56 was due');
  });

  it('escapes a hostile customer name in the HTML', async () => {
    const email = await renderOverdueReminderEmail({ ...sample(), customerName: hostileName });
    expectNameEscaped(email);
    expectFullyFilled(email);
  });

  it('refuses what it cannot say plainly: no invoice, nothing owed, mixed currencies, a bad date or link', async () => {
    const invoice = sample().overdueInvoices[0]!;
    await expect(renderOverdueReminderEmail({ ...sample(), overdueInvoices: [] })).rejects.toThrow('overdueInvoices must list at least one');
    await expect(renderOverdueReminderEmail({ ...sample(), overdueInvoices: [{ ...invoice, amountDue: money(0n, 'EUR') }] })).rejects.toThrow(
      'amountDue of invoice INV-2026-000123 must be more than zero',
    );
    await expect(
      renderOverdueReminderEmail({ ...sample(), overdueInvoices: [invoice, { ...invoice, invoiceNumber: 'INV-2', amountDue: money(100n, 'USD') }] }),
    ).rejects.toThrow('must be in EUR');
    await expect(renderOverdueReminderEmail({ ...sample(), overdueInvoices: [{ ...invoice, dueOn: '01/03/2026' }] })).rejects.toThrow('YYYY-MM-DD');
    await expect(renderOverdueReminderEmail({ ...sample(), payNowUrl: '/account/pay' })).rejects.toThrow('payNowUrl must be an absolute http(s) URL');
  });
});
