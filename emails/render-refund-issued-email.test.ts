import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { renderRefundIssuedEmail, type RefundIssuedEmailData } from './render-refund-issued-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const sample = (): RefundIssuedEmailData => ({
  companyName: 'Riverside Fibre',
  customerName: 'Ana Souza',
  amount: money(4990n, 'EUR'),
  refundedOn: '2026-03-10',
  payment: { reference: 'PAY-2026-000012', receivedOn: '2026-03-04' },
  payout: { method: 'card', card: { brand: 'visa', last4: '4242' } },
  reopenedInvoices: [],
  paymentsUrl: 'https://portal.riverside.example/payments',
});

describe('renderRefundIssuedEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('refund-issued')).resolves.toContain('{{{reopenedRows}}}');
  });

  it('names the amount and the company in the subject', async () => {
    expect((await renderRefundIssuedEmail(sample())).subject).toBe('Refund of €49.90 from Riverside Fibre');
  });

  it('for a card refund: names the payment, the card and how long the refund takes, in both parts', async () => {
    const { html, text } = await renderRefundIssuedEmail(sample());
    for (const part of [html, text]) {
      expect(part).toContain('We have refunded €49.90 of your payment PAY-2026-000012 received on 4 March 2026.');
      expect(part).toContain('The refund goes back to your Visa card ending in 4242. It usually takes 5–10 business days to reach your card.');
      expect(part).not.toContain('open again');
    }
    expect(html).toMatch(/>Refund date<\/td><td[^>]*>10 March 2026</);
    expect(html).toMatch(/>Refunded payment<\/td><td[^>]*>PAY-2026-000012 of 4 March 2026</);
    expect(html).toMatch(/<a href="https:\/\/portal.riverside.example\/payments"[^>]*>View your payments<\/a>/);
    expect(text).toContain(
      'Refund date:      10 March 2026\nAmount refunded:  €49.90\nRefunded payment: PAY-2026-000012 of 4 March 2026\nRefund method:    Visa card ending in 4242',
    );
    expect(text).toContain('View your payments: https://portal.riverside.example/payments\n');
    expect(html).not.toMatch(/\{\{/);
    expect(text).not.toMatch(/<[a-z/!][^>]*>|\{\{/i);
  });

  it.each([
    [{ method: 'bank_transfer' } as const, 'by bank transfer', 'Bank transfer'],
    [{ method: 'cash' } as const, 'in cash', 'Cash'],
    [{ method: 'cheque' } as const, 'by cheque', 'Cheque'],
  ])('for a manual refund %o: says it is paid %s, with no card timing', async (payout, how, method) => {
    const { html, text } = await renderRefundIssuedEmail({ ...sample(), payout });
    for (const part of [html, text]) {
      expect(part).toContain(`We pay the refund to you ${how}.`);
      expect(part).not.toContain('business days');
    }
    expect(text).toContain(`Refund method:    ${method}\n`);
  });

  it('lists the invoices open again with their amount due and new due date', async () => {
    const { html, text } = await renderRefundIssuedEmail({
      ...sample(),
      reopenedInvoices: [
        { invoiceNumber: 'INV-2026-000007', amountDue: money(4990n, 'EUR'), dueOn: '2026-03-24' },
        { invoiceNumber: 'INV-2026-000009', amountDue: money(500n, 'EUR'), dueOn: '2026-03-31' },
      ],
    });
    expect(html).toContain('Because this payment no longer pays them, these invoices are open again:');
    expect(html).toMatch(/>Invoice INV-2026-000007, due 24 March 2026<\/td><td[^>]*>€49.90</);
    expect(html).toMatch(/>Invoice INV-2026-000009, due 31 March 2026<\/td><td[^>]*>€5.00</);
    expect(text).toContain(
      'to reach your card.\n\nBecause this payment no longer pays them, these invoices are open again:\n' +
        '- Invoice INV-2026-000007, due 24 March 2026: €49.90\n- Invoice INV-2026-000009, due 31 March 2026: €5.00\n',
    );
  });

  it('escapes a hostile customer name and payment reference in the HTML', async () => {
    const { html, text } = await renderRefundIssuedEmail({
      ...sample(),
      customerName: '<script>alert(1)</script>',
      payment: { reference: 'PAY<img src=x onerror=alert(1)>', receivedOn: '2026-03-04' },
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(html).toContain('PAY&lt;img src=x onerror=alert(1)&gt; of 4 March 2026');
    expect(text).toContain('Hello <script>alert(1)</script>,');
  });
});
