import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { renderPaymentFailedEmail, type PaymentFailedEmailData } from './render-payment-failed-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const sample = (): PaymentFailedEmailData => ({
  companyName: 'Riverside Fibre',
  customerName: 'Ana Souza',
  invoices: [{ invoiceNumber: 'INV-2026-000007', amount: money(4990n, 'EUR') }],
  card: { brand: 'mastercard', last4: '4444' },
  reason: 'Your bank declined the payment because there were not enough funds on the account.',
  decline: { kind: 'soft', nextRetryOn: '2026-03-08' },
  payNowUrl: 'https://portal.riverside.example/pay',
});

const updateCardUrl = 'https://portal.riverside.example/card';
const confirmUrl = 'https://portal.riverside.example/pay/confirm/pi_123';

/** The labels of the buttons in the HTML, in order, with where each leads. */
function buttonsOf(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map(([, href, label]) => `${label} → ${href}`);
}

describe('renderPaymentFailedEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('payment-failed')).resolves.toContain('{{{invoiceRows}}}');
  });

  it('on a soft decline: names the invoice, amount, card and reason, says when it is tried again, and offers Pay now', async () => {
    const { subject, html, text } = await renderPaymentFailedEmail(sample());
    expect(subject).toBe('Your payment of €49.90 to Riverside Fibre did not go through');
    const intro = 'We tried to collect €49.90 from your Mastercard card ending in 4444 for invoice INV-2026-000007, but the payment did not go through.';
    const retry = 'We will try again on 8 March 2026. You can also pay now in the customer portal.';
    for (const part of [html, text]) {
      expect(part).toContain(intro);
      expect(part).toContain('Your bank declined the payment because there were not enough funds on the account.');
      expect(part).toContain(retry);
    }
    expect(html).toMatch(/>Invoice INV-2026-000007<\/td><td[^>]*>€49.90</);
    expect(buttonsOf(html)).toEqual(['Pay now → https://portal.riverside.example/pay']);
    expect(text).toContain('- Invoice INV-2026-000007: €49.90\n');
    expect(text).toContain('Pay now: https://portal.riverside.example/pay\n');
    expect(html).not.toMatch(/\{\{/);
    expect(text).not.toMatch(/<[a-z/!][^>]*>|\{\{/i);
  });

  it('on a soft decline with no retry planned, promises none', async () => {
    const { html, text } = await renderPaymentFailedEmail({ ...sample(), decline: { kind: 'soft', nextRetryOn: null } });
    for (const part of [html, text]) {
      expect(part).not.toContain('try again');
      expect(part).toContain('You can pay now in the customer portal.');
    }
  });

  it('on a hard decline: asks for a new card with Update card, and does not speak of trying again', async () => {
    const { subject, html, text } = await renderPaymentFailedEmail({
      ...sample(),
      reason: 'Your bank declined the payment because the card has expired.',
      decline: { kind: 'hard', updateCardUrl },
    });
    expect(subject).toBe('Your payment of €49.90 to Riverside Fibre did not go through: please update your card');
    for (const part of [html, text]) {
      expect(part).toContain('Your bank declined the payment because the card has expired.');
      expect(part).toContain('We will not try this card again. Please add a new card so that your payments go through, and pay the open amount now.');
      expect(part).not.toContain('try again on');
    }
    expect(buttonsOf(html)).toEqual([`Update card → ${updateCardUrl}`, 'Pay now → https://portal.riverside.example/pay']);
    expect(text).toContain(`Update card: ${updateCardUrl}\nPay now: https://portal.riverside.example/pay\n`);
  });

  it('when the bank wants the payment confirmed: says so and offers Confirm the payment', async () => {
    const { subject, html, text } = await renderPaymentFailedEmail({
      ...sample(),
      reason: 'Your bank needs you to approve this payment.',
      decline: { kind: 'authentication_required', confirmUrl },
    });
    expect(subject).toBe('Please confirm your payment of €49.90 to Riverside Fibre');
    for (const part of [html, text]) {
      expect(part).toContain('Please confirm your payment');
      expect(part).toContain('Your bank asks you to confirm this payment before it goes through.');
      expect(part).not.toContain('try again');
    }
    expect(buttonsOf(html)).toEqual([`Confirm the payment → ${confirmUrl}`, 'Pay now → https://portal.riverside.example/pay']);
    expect(text).toContain(`Confirm the payment: ${confirmUrl}\n`);
  });

  it('lists every invoice and their total when the charge was for several', async () => {
    const { subject, html, text } = await renderPaymentFailedEmail({
      ...sample(),
      invoices: [
        { invoiceNumber: 'INV-2026-000007', amount: money(4990n, 'EUR') },
        { invoiceNumber: 'INV-2026-000008', amount: money(1000n, 'EUR') },
        { invoiceNumber: 'INV-2026-000009', amount: money(10n, 'EUR') },
      ],
    });
    expect(subject).toBe('Your payment of €60.00 to Riverside Fibre did not go through');
    expect(html).toContain('for invoices INV-2026-000007, INV-2026-000008 and INV-2026-000009, but');
    expect(html).toMatch(/>Total<\/td><td[^>]*>€60.00</);
    expect(text).toContain('- Invoice INV-2026-000007: €49.90\n- Invoice INV-2026-000008: €10.00\n- Invoice INV-2026-000009: €0.10\nTotal: €60.00');
  });

  it('escapes a hostile customer name, invoice number and reason in the HTML', async () => {
    const { html, text } = await renderPaymentFailedEmail({
      ...sample(),
      customerName: '<script>alert(1)</script>',
      invoices: [{ invoiceNumber: 'INV<b>1</b>', amount: money(4990n, 'EUR') }],
      reason: 'Declined <i>"do not honor"</i>.',
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>1</b>');
    expect(html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(html).toContain('Invoice INV&lt;b&gt;1&lt;/b&gt;');
    expect(html).toContain('Declined &lt;i&gt;&quot;do not honor&quot;&lt;/i&gt;.');
    expect(text).toContain('Hello <script>alert(1)</script>,');
  });

  it('refuses a charge for no invoice', async () => {
    await expect(renderPaymentFailedEmail({ ...sample(), invoices: [] })).rejects.toThrow('at least one invoice');
  });
});
