import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { base, expectFullyFilled, expectNameEscaped, hostileName, linksOf } from './collections-email.test-support.js';
import { renderOverdueWarningEmail, type OverdueWarningEmailData } from './render-overdue-warning-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const promiseUrl = 'https://portal.riverside.example/account/promise';

// Two invoices: €49.90 + €10.10 = €60.00 overdue.
const sample = (): OverdueWarningEmailData => ({
  ...base(),
  overdueInvoices: [
    { invoiceNumber: 'INV-2026-000123', amountDue: money(4990n, 'EUR'), dueOn: '2026-03-01' },
    { invoiceNumber: 'INV-2026-000130', amountDue: money(1010n, 'EUR'), dueOn: '2026-03-15' },
  ],
  nextStep: { action: 'suspend', on: '2026-03-29' },
  penalties: [
    { description: 'Late payment fee', amount: money(1000n, 'EUR') },
    { description: 'Interest of 8% a year on the overdue amount', amount: null },
  ],
  promiseToPay: { promiseUrl, latestDate: '2026-04-12' },
});

describe('renderOverdueWarningEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('overdue-warning')).resolves.toContain('{{{promiseRow}}}');
  });

  it('says what is overdue, that the service is suspended on a date unless paid, and gives the Pay now link', async () => {
    const email = await renderOverdueWarningEmail(sample());
    const { subject, html, text } = email;
    expect(subject).toBe('Warning: service on account CUST-1A2B3C4D will be suspended on 29 March 2026 unless €60.00 is paid');
    for (const part of [html, text]) {
      expect(part).toContain('Invoices INV-2026-000123 and INV-2026-000130 are past their due date and still unpaid: €60.00 is overdue on your account.');
      expect(part).toContain('If €60.00 is still unpaid on 29 March 2026, your internet service will be suspended that day.');
      expect(part).toContain('To avoid this, please pay €60.00 now in the customer portal.');
      expect(part).toContain('If you have paid in the last few days, thank you');
    }
    expect(html).toMatch(/>Suspension date<\/td><td[^>]*>29 March 2026</);
    expect(html).toMatch(/>Invoice INV-2026-000130, due 15 March 2026<\/td><td[^>]*>€10.10</);
    expect(html).toMatch(/>Total overdue<\/td><td[^>]*>€60.00</);
    expect(text).toContain('Account:         CUST-1A2B3C4D\nOverdue:         €60.00\nSuspension date: 29 March 2026');
    expect(text).toContain('Pay now: https://portal.riverside.example/account/pay');
    expect(linksOf(html)[0]).toBe('Pay now → https://portal.riverside.example/account/pay');
    expectFullyFilled(email);
  });

  it('lists the penalties the terms allow, with an amount where there is one', async () => {
    const { html, text } = await renderOverdueWarningEmail(sample());
    expect(html).toContain('Under your terms, we may also charge for the late payment:');
    expect(html).toContain('<li>Late payment fee: €10.00</li><li>Interest of 8% a year on the overdue amount</li>');
    expect(text).toContain('Under your terms, we may also charge for the late payment:\n- Late payment fee: €10.00\n- Interest of 8% a year on the overdue amount\n');
  });

  it('offers the promise to pay by reply or in the portal, in one line of each part', async () => {
    const { html, text } = await renderOverdueWarningEmail(sample());
    expect(text).toContain(
      `Need more time? Reply to this email with "I will pay by" and a date no later than 12 April 2026, or give the date in the customer portal (${promiseUrl}), and we will wait until that date before suspending your service.\n`,
    );
    expect(html).toContain('Need more time? Reply to this email with &quot;I will pay by&quot; and a date no later than 12 April 2026, or give the date in the ');
    expect(linksOf(html)).toEqual(['Pay now → https://portal.riverside.example/account/pay', `customer portal → ${promiseUrl}`]);
  });

  it('leaves out penalties and the promise when there are none, with no gap or stray word', async () => {
    const email = await renderOverdueWarningEmail({ ...sample(), penalties: [], promiseToPay: null });
    for (const part of [email.html, email.text]) {
      expect(part).not.toContain('Under your terms');
      expect(part).not.toContain('Need more time?');
    }
    expect(email.text).toContain('Total overdue: €60.00\n\nTo avoid this');
    expect(email.text).toContain('Pay now: https://portal.riverside.example/account/pay\n\nIf you have paid');
    expectFullyFilled(email);
  });

  it('speaks of restriction, with what changes, or of debt collection when that is the next step', async () => {
    const restricted = await renderOverdueWarningEmail({
      ...sample(),
      nextStep: { action: 'restrict', on: '2026-03-22', detail: 'Your speed will be limited to 1 Mbit/s.' },
    });
    expect(restricted.subject).toBe('Warning: service on account CUST-1A2B3C4D will be restricted on 22 March 2026 unless €60.00 is paid');
    expect(restricted.text).toContain('If €60.00 is still unpaid on 22 March 2026, your internet service will be restricted that day. Your speed will be limited to 1 Mbit/s.');
    expect(restricted.text).toContain('Restriction date: 22 March 2026');
    expect(restricted.text).toContain('before restricting your service.');
    const collection = await renderOverdueWarningEmail({ ...sample(), nextStep: { action: 'mark_for_collection', on: '2026-04-30' } });
    expect(collection.subject).toBe('Warning: the overdue amount on account CUST-1A2B3C4D will go to debt collection on 30 April 2026 unless €60.00 is paid');
    expect(collection.html).toContain('your overdue amount will be passed to a debt collection agency that day.');
    expect(collection.text).toContain('before passing the amount to collection.');
    expectFullyFilled(restricted);
    expectFullyFilled(collection);
  });

  it('escapes a hostile customer name, penalty description and restriction detail in the HTML', async () => {
    const email = await renderOverdueWarningEmail({
      ...sample(),
      customerName: hostileName,
      nextStep: { action: 'restrict', on: '2026-03-22', detail: 'Speed <b>1 Mbit/s</b>.' },
      penalties: [{ description: 'Fee <i>late</i>', amount: null }],
    });
    expectNameEscaped(email);
    expect(email.html).toContain('Speed &lt;b&gt;1 Mbit/s&lt;/b&gt;.');
    expect(email.html).toContain('<li>Fee &lt;i&gt;late&lt;/i&gt;</li>');
  });

  it('refuses a step it cannot name, a penalty in another currency, or a promise without a usable link', async () => {
    await expect(renderOverdueWarningEmail({ ...sample(), nextStep: { action: 'disconnect', on: '2026-03-29' } as never })).rejects.toThrow(
      'nextStep.action must be one of suspend, restrict, mark_for_collection, cancel, got "disconnect"',
    );
    await expect(renderOverdueWarningEmail({ ...sample(), nextStep: { action: 'suspend', on: '29.03.2026' } })).rejects.toThrow('YYYY-MM-DD');
    await expect(renderOverdueWarningEmail({ ...sample(), penalties: [{ description: 'Fee', amount: money(500n, 'USD') }] })).rejects.toThrow(
      'penalties[].amount of "Fee" must be in EUR',
    );
    await expect(renderOverdueWarningEmail({ ...sample(), promiseToPay: { promiseUrl: '', latestDate: '2026-04-12' } })).rejects.toThrow(
      'promiseToPay.promiseUrl must be an absolute http(s) URL',
    );
  });
});
