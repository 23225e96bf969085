import { describe, expect, it } from 'vitest';
import { renderQuoteAcceptedEmail, renderQuoteEmail, type QuoteEmailData } from './render-quote-email.js';

const quote: QuoteEmailData = {
  occasion: 'sent',
  companyName: 'Acme <Fibre>',
  customerName: 'Ada & Co',
  quoteNumber: 'Q-2026-000007',
  validUntil: '1 December 2026',
  note: 'Replacing the <router>',
  lines: [{ description: 'Technician visit', quantity: '1.5', unitAmount: '€80.00', net: '€120.00', taxRate: '21%', tax: '€25.20' }],
  net: '€120.00',
  tax: '€25.20',
  total: '€145.20',
  quoteUrl: 'https://portal.example/account/quotes/abc',
};

describe('quote emails', () => {
  it('shows the lines with their tax, the totals, the validity, the portal link and how to answer by reply', async () => {
    const { subject, html, text } = await renderQuoteEmail(quote);
    expect(subject).toBe('Quote Q-2026-000007 from Acme <Fibre>');
    expect(text).toContain('- Technician visit: 1.5 × €80.00 = €120.00 + tax 21% €25.20');
    expect(text).toMatch(/Net: +€120\.00\nTax: +€25\.20\nTotal: €145\.20/);
    expect(text).toContain('Valid until:  1 December 2026 (end of day, UTC)');
    expect(text).toContain('reply to this email with the word ACCEPT or DECLINE');
    expect(text).toContain('https://portal.example/account/quotes/abc');
    expect(text).toContain('Replacing the <router>');
    expect(html).toContain('href="https://portal.example/account/quotes/abc"');
    expect(html).toContain('<strong>ACCEPT</strong> or <strong>DECLINE</strong>');
    // Everything the customer or staff typed is escaped in the HTML part.
    expect(html).toContain('Ada &amp; Co');
    expect(html).toContain('Replacing the &lt;router&gt;');
    expect(html).not.toContain('<router>');
  });

  it('words a reminder as one, and leaves out an absent note', async () => {
    const { subject, text } = await renderQuoteEmail({ ...quote, occasion: 'reminder', note: null });
    expect(subject).toBe('Reminder: quote Q-2026-000007 from Acme <Fibre> is valid until 1 December 2026');
    expect(text).toContain('still waiting for your answer');
    expect(text).not.toContain('router>');
  });

  it('confirms an acceptance with the invoice it became', async () => {
    const { subject, text } = await renderQuoteAcceptedEmail({
      companyName: 'Acme',
      customerName: 'Ada',
      quoteNumber: 'Q-2026-000007',
      invoiceNumber: 'INV-2026-000042',
      total: '€145.20',
      invoiceUrl: 'https://portal.example/account/invoices/xyz',
    });
    expect(subject).toBe('Quote Q-2026-000007 accepted: invoice INV-2026-000042 from Acme');
    expect(text).toContain('It is now invoice INV-2026-000042 for €145.20');
    expect(text).toContain('https://portal.example/account/invoices/xyz');
  });
});
