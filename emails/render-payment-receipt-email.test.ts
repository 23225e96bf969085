import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { renderPaymentReceiptEmail, type PaymentReceiptEmailData } from './render-payment-receipt-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const sample = (): PaymentReceiptEmailData => ({
  companyName: 'Riverside Fibre',
  customerName: 'Ana Souza',
  paymentReference: 'PAY-2026-000012',
  receivedOn: '2026-03-04',
  amount: money(6000n, 'EUR'),
  method: { method: 'card', card: { brand: 'visa', last4: '4242' } },
  appliedTo: [
    { invoiceNumber: 'INV-2026-000007', amount: money(4990n, 'EUR') },
    { invoiceNumber: 'INV-2026-000009', amount: money(500n, 'EUR') },
  ],
  keptAsCredit: money(510n, 'EUR'),
  balanceDue: money(0n, 'EUR'),
  paymentsUrl: 'https://portal.riverside.example/payments',
  receiptPdfUrl: 'https://portal.riverside.example/payments/PAY-2026-000012/receipt.pdf',
});

describe('renderPaymentReceiptEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('payment-receipt')).resolves.toContain('{{{allocationRows}}}');
  });

  it('names the receipt, the company and the amount in the subject', async () => {
    expect((await renderPaymentReceiptEmail(sample())).subject).toBe('Receipt PAY-2026-000012 from Riverside Fibre: €60.00 received');
  });

  it('shows the date, amount, currency, method, each invoice paid, the credit kept and the links in the HTML', async () => {
    const { html } = await renderPaymentReceiptEmail(sample());
    expect(html).toContain('Thank you: we received your payment of €60.00 on 4 March 2026.');
    expect(html).toMatch(/>Currency<\/td><td[^>]*>EUR</);
    expect(html).toMatch(/>Method<\/td><td[^>]*>Visa card ending in 4242</);
    expect(html).toMatch(/>Invoice INV-2026-000007<\/td><td[^>]*>€49.90</);
    expect(html).toMatch(/>Invoice INV-2026-000009<\/td><td[^>]*>€5.00</);
    expect(html).toMatch(/>Kept as credit on your account<\/td><td[^>]*>€5.10</);
    expect(html).toMatch(/>Total paid<\/td><td[^>]*>€60.00</);
    expect(html).toContain('Nothing is left to pay on your account.');
    expect(html).toMatch(/href="https:\/\/portal.riverside.example\/payments"[^>]*>View your payments</);
    expect(html).toMatch(/href="https:\/\/portal.riverside.example\/payments\/PAY-2026-000012\/receipt.pdf"[^>]*>Download the receipt \(PDF\)</);
    expect(html).not.toMatch(/\{\{/);
  });

  it('writes the same facts and links in the plain-text part', async () => {
    const { text } = await renderPaymentReceiptEmail(sample());
    expect(text).toContain(
      'Receipt number: PAY-2026-000012\nDate received:  4 March 2026\nAmount:         €60.00\nCurrency:       EUR\nMethod:         Visa card ending in 4242',
    );
    expect(text).toContain(
      '- Invoice INV-2026-000007: €49.90\n- Invoice INV-2026-000009: €5.00\n- Kept as credit on your account: €5.10\nTotal paid: €60.00',
    );
    expect(text).toContain('Nothing is left to pay on your account.');
    expect(text).toContain('View your payments: https://portal.riverside.example/payments\n');
    expect(text).toContain('Download the receipt (PDF): https://portal.riverside.example/payments/PAY-2026-000012/receipt.pdf\n');
    expect(text).not.toMatch(/<[a-z/!][^>]*>|\{\{/i);
  });

  it('states the balance still due and leaves out the credit line when nothing was kept', async () => {
    const { html, text } = await renderPaymentReceiptEmail({
      ...sample(),
      amount: money(2000n, 'USD'),
      method: { method: 'bank_transfer' },
      appliedTo: [{ invoiceNumber: 'INV-2026-000011', amount: money(2000n, 'USD') }],
      keptAsCredit: null,
      balanceDue: money(2900n, 'USD'),
    });
    expect(text).toContain('Method:         Bank transfer');
    expect(text).toContain('- Invoice INV-2026-000011: $20.00\nTotal paid: $20.00');
    expect(text).toContain('Your account balance due is now $29.00.');
    expect(html).toContain('Your account balance due is now $29.00.');
    expect(html).not.toContain('Kept as credit');
  });

  it.each([
    [{ method: 'cash' } as const, 'Cash'],
    [{ method: 'cheque' } as const, 'Cheque'],
  ])('names a %o payment as %s', async (method, words) => {
    const { html, text } = await renderPaymentReceiptEmail({ ...sample(), method });
    expect(text).toContain(`Method:         ${words}\n`);
    expect(html).toMatch(new RegExp(`>Method</td><td[^>]*>${words}<`));
  });

  it('escapes a hostile customer name and payment reference in the HTML, and keeps them as written in the text', async () => {
    const { html, text } = await renderPaymentReceiptEmail({
      ...sample(),
      customerName: '<script>alert(1)</script>',
      paymentReference: 'PAY"><img src=x>',
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(html).toContain('Payment receipt PAY&quot;&gt;&lt;img src=x&gt;');
    expect(text).toContain('Hello <script>alert(1)</script>,');
  });
});
