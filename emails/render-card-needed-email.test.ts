import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { renderCardNeededEmail, type CardNeededEmailData } from './render-card-needed-email.js';
import { loadCompiledTemplate } from './template-compiler.js';

const sample = (): CardNeededEmailData => ({
  companyName: 'Riverside Fibre',
  customerName: 'Ana Souza',
  missingCard: { kind: 'none_saved' },
  openAmount: money(4990n, 'EUR'),
  addCardUrl: 'https://portal.riverside.example/card',
});

describe('renderCardNeededEmail', () => {
  it('compiles its template under strict MJML validation', async () => {
    await expect(loadCompiledTemplate('card-notice')).resolves.toContain('{{{buttons}}}');
  });

  it('asks for a card in the subject', async () => {
    expect((await renderCardNeededEmail(sample())).subject).toBe('Please add a card for automatic payment to Riverside Fibre');
  });

  it('says no card is saved, gives the open amount and the Add a card link in both parts', async () => {
    const { html, text } = await renderCardNeededEmail(sample());
    for (const part of [html, text]) {
      expect(part).toContain('Automatic payment is on for your account with Riverside Fibre, but there is no card saved to charge.');
      expect(part).toContain('Please add a card so that we can collect your payments. €49.90 is open on your account now.');
    }
    expect(html).toMatch(/>Card<\/td><td[^>]*>None saved</);
    expect(html).toMatch(/>Open amount<\/td><td[^>]*>€49.90</);
    expect(html).toMatch(/<a href="https:\/\/portal.riverside.example\/card"[^>]*>Add a card<\/a>/);
    expect(text).toContain('Automatic payment: On\nCard:              None saved\nOpen amount:       €49.90');
    expect(text).toContain('Add a card: https://portal.riverside.example/card\n');
    expect(html).not.toMatch(/\{\{/);
    expect(text).not.toMatch(/<[a-z/!][^>]*>|\{\{/i);
  });

  it('names the expired card, and leaves the amount out when nothing is open', async () => {
    const { html, text } = await renderCardNeededEmail({
      ...sample(),
      missingCard: { kind: 'expired', card: { brand: 'amex', last4: '0005' } },
      openAmount: money(0n, 'EUR'),
    });
    for (const part of [html, text]) {
      expect(part).toContain('but your American Express card ending in 0005 has expired.');
      expect(part).toContain('Please add a card so that we can collect your next payments.');
      expect(part).not.toContain('Open amount');
      expect(part).not.toContain('€');
    }
    expect(text).toContain('Card:              American Express card ending in 0005, expired');
  });

  it('escapes a hostile customer name and company name in the HTML', async () => {
    const { subject, html, text } = await renderCardNeededEmail({
      ...sample(),
      customerName: '<script>alert(1)</script>',
      companyName: 'Fibre & <b>Co</b>\nLtd',
      openAmount: null,
    });
    expect(subject).toBe('Please add a card for automatic payment to Fibre & <b>Co</b> Ltd');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Co</b>');
    expect(html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(html).toContain('Fibre &amp; &lt;b&gt;Co&lt;/b&gt;');
    expect(text).toContain('Hello <script>alert(1)</script>,');
  });
});
