import { describe, expect, it } from 'vitest';
import { renderCardExpiringEmail, type CardExpiringEmailData } from './render-card-expiring-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const sample = (): CardExpiringEmailData => ({
  companyName: 'Riverside Fibre',
  customerName: 'Ana Souza',
  card: { brand: 'visa', last4: '4242', expMonth: 3, expYear: 2026 },
  daysUntilExpiry: 30,
  updateCardUrl: 'https://portal.riverside.example/card',
});

describe('renderCardExpiringEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('card-notice')).resolves.toContain('{{{factRows}}}');
  });

  it('names the card and how soon it expires in the subject', async () => {
    expect((await renderCardExpiringEmail(sample())).subject).toBe('Your Visa card ending in 4242 expires in 30 days');
    expect((await renderCardExpiringEmail({ ...sample(), daysUntilExpiry: 7 })).subject).toBe('Your Visa card ending in 4242 expires in 7 days');
    expect((await renderCardExpiringEmail({ ...sample(), daysUntilExpiry: 1 })).subject).toBe('Your Visa card ending in 4242 expires in 1 day');
    expect((await renderCardExpiringEmail({ ...sample(), daysUntilExpiry: 0 })).subject).toBe('Your Visa card ending in 4242 expires today');
  });

  it('gives the brand, last four, expiry date and the Update card link in both parts', async () => {
    const { html, text } = await renderCardExpiringEmail({ ...sample(), daysUntilExpiry: 7 });
    const intro = 'Your Visa card ending in 4242, which pays your bills with Riverside Fibre automatically, expires in 7 days.';
    for (const part of [html, text]) {
      expect(part).toContain(intro);
      expect(part).toContain('Please update your card before then so that your next payments go through.');
    }
    expect(html).toMatch(/>Card<\/td><td[^>]*>Visa card ending in 4242</);
    expect(html).toMatch(/>Expiry date<\/td><td[^>]*>03\/2026</);
    expect(html).toMatch(/<a href="https:\/\/portal.riverside.example\/card"[^>]*>Update card<\/a>/);
    expect(text).toContain('Card:        Visa card ending in 4242\nExpiry date: 03/2026');
    expect(text).toContain('Update card: https://portal.riverside.example/card\n');
    expect(html).not.toMatch(/\{\{/);
    expect(text).not.toMatch(/<[a-z/!][^>]*>|\{\{/i);
  });

  it('escapes a hostile customer name in the HTML', async () => {
    const { html, text } = await renderCardExpiringEmail({ ...sample(), customerName: '<script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(text).toContain('Hello <script>alert(1)</script>,');
  });

  it('refuses an expiry that is no month and year, and days already past', async () => {
    await expect(renderCardExpiringEmail({ ...sample(), card: { ...sample().card, expMonth: 13 } })).rejects.toThrow('got 13/2026');
    await expect(renderCardExpiringEmail({ ...sample(), card: { ...sample().card, expYear: 26 } })).rejects.toThrow('four-digit year');
    await expect(renderCardExpiringEmail({ ...sample(), daysUntilExpiry: -1 })).rejects.toThrow('got -1');
  });
});
