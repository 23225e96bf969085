// What every collections email test checks the same way: the buttons a customer sees, and that
// nothing unfilled or broken (a placeholder, "undefined", "NaN", "null") reaches either part.
import { expect } from 'vitest';
import type { RenderedEmail } from './rendered-email.js';

export const base = () => ({
  companyName: 'Riverside Fibre',
  customerName: 'Ana Souza',
  accountReference: 'CUST-1A2B3C4D',
  payNowUrl: 'https://portal.riverside.example/account/pay',
});

export const hostileName = '<script>alert(1)</script>';

/** The labels of the buttons and links in the HTML, in order, with where each leads. */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map(([, href, label]) => `${label} → ${href}`);
}

/** No placeholder left, no markup in the text part, and no word a missing value would print. */
export function expectFullyFilled({ subject, html, text }: RenderedEmail): void {
  for (const part of [subject, html, text]) {
    expect(part).not.toMatch(/\{\{|\}\}/);
    expect(part).not.toMatch(/\b(undefined|NaN|null)\b/);
  }
  // The hostile name is the one markup the text part may hold: it is what the customer was called.
  expect(text.replaceAll(hostileName, '')).not.toMatch(/<[a-z/!][^>]*>/i);
  expect(subject).not.toMatch(/\n/);
}

/** The customer's name is escaped in the HTML and written as given in the text. */
export function expectNameEscaped({ html, text }: RenderedEmail): void {
  expect(html).not.toContain('<script>');
  expect(html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
  expect(text).toContain('Hello <script>alert(1)</script>,');
}
