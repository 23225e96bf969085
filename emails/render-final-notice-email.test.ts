import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { base, expectFullyFilled, expectNameEscaped, hostileName, linksOf } from './collections-email.test-support.js';
import { renderFinalNoticeEmail, type FinalNoticeEmailData } from './render-final-notice-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const promiseUrl = 'https://portal.riverside.example/account/promise';

const sample = (): FinalNoticeEmailData => ({
  ...base(),
  overdueInvoices: [{ invoiceNumber: 'INV-2026-000123', amountDue: money(4990n, 'EUR'), dueOn: '2026-03-01' }],
  finalStep: { action: 'suspend', on: '2026-04-05' },
  penalties: [],
  promiseToPay: { promiseUrl, latestDate: '2026-04-19' },
});

describe('renderFinalNoticeEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('final-notice')).resolves.toContain('{{{promiseRow}}}');
  });

  it('says it is the final notice, what happens on which day and what undoing it takes, with the Pay now link', async () => {
    const email = await renderFinalNoticeEmail(sample());
    const { subject, html, text } = email;
    expect(subject).toBe('Final notice: service on account CUST-1A2B3C4D will be suspended on 5 April 2026');
    for (const part of [html, text]) {
      expect(part).toContain('Final notice before suspension of your service');
      expect(part).toContain('This is our final notice. Invoice INV-2026-000123 was due on 1 March 2026 and is still unpaid: €49.90 is overdue on your account.');
      expect(part).toContain(
        'If €49.90 is still unpaid on 5 April 2026, your internet service will be suspended that day. Your service would then stay suspended until the overdue amount is paid.',
      );
      expect(part).toContain('To stop this, please pay €49.90 now in the customer portal.');
      expect(part).not.toContain('Under your terms');
    }
    expect(html).toMatch(/>Suspension date<\/td><td[^>]*>5 April 2026</);
    expect(text).toContain('- Invoice INV-2026-000123, due 1 March 2026: €49.90\n');
    expect(text).toContain('Pay now: https://portal.riverside.example/account/pay\n');
    expect(text).toContain(`or give the date in the customer portal (${promiseUrl}), and we will wait until that date before suspending your service.`);
    expect(linksOf(html)).toEqual(['Pay now → https://portal.riverside.example/account/pay', `customer portal → ${promiseUrl}`]);
    expectFullyFilled(email);
  });

  it('as the last step before debt collection: says the agency would then contact the customer', async () => {
    const email = await renderFinalNoticeEmail({
      ...sample(),
      finalStep: { action: 'mark_for_collection', on: '2026-05-04' },
      penalties: [{ description: 'Fixed recovery costs', amount: money(4000n, 'EUR') }],
      promiseToPay: null,
    });
    expect(email.subject).toBe('Final notice: the overdue amount on account CUST-1A2B3C4D will go to debt collection on 4 May 2026');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Final notice before debt collection');
      expect(part).toContain(
        'If €49.90 is still unpaid on 4 May 2026, your overdue amount will be passed to a debt collection agency that day. The agency would then contact you to collect it.',
      );
      expect(part).not.toContain('Need more time?');
    }
    expect(email.text).toContain('Collection date: 4 May 2026');
    expect(email.text).toContain('- Fixed recovery costs: €40.00');
    expectFullyFilled(email);
  });

  it('before cancelling the account: says paying afterwards does not reopen it', async () => {
    const email = await renderFinalNoticeEmail({ ...sample(), finalStep: { action: 'cancel', on: '2026-05-04' } });
    expect(email.subject).toBe('Final notice: account CUST-1A2B3C4D will be cancelled on 4 May 2026');
    expect(email.text).toContain('Final notice before cancellation of your account');
    expect(email.text).toContain(
      'If €49.90 is still unpaid on 4 May 2026, your account will be cancelled and your internet service will end that day. Paying after that day does not reopen the account, and the overdue amount stays owed.',
    );
    expect(email.text).toContain('Cancellation date: 4 May 2026');
    expect(email.text).toContain('and we will wait until that date before cancelling your account.');
    expectFullyFilled(email);
  });

  it('escapes a hostile customer name in the HTML', async () => {
    const email = await renderFinalNoticeEmail({ ...sample(), customerName: hostileName });
    expectNameEscaped(email);
    expectFullyFilled(email);
  });

  it('refuses a final step without a usable date', async () => {
    await expect(renderFinalNoticeEmail({ ...sample(), finalStep: { action: 'suspend', on: '' } })).rejects.toThrow('YYYY-MM-DD');
  });
});
