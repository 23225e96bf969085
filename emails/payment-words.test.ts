import { describe, expect, it } from 'vitest';
import { cardInWords, cardLabel, inDays, paymentMethodInWords, type PaymentMethodDetails } from './payment-words.js';

describe('cardInWords', () => {
  it('names the brand and the last four digits', () => {
    expect(cardInWords({ brand: 'mastercard', last4: '0004' })).toBe('Mastercard card ending in 0004');
    expect(cardLabel({ brand: 'unknown', last4: '1234' })).toBe('Card ending in 1234');
    expect(paymentMethodInWords({ method: 'card', card: { brand: 'jcb', last4: '0000' } })).toBe('JCB card ending in 0000');
  });

  it('refuses anything but four digits as the last four, so a card number never reaches an email', () => {
    expect(() => cardInWords({ brand: 'visa', last4: '4242424242424242' })).toThrow('exactly the last four digits');
    expect(() => cardInWords({ brand: 'visa', last4: '42a2' })).toThrow('exactly the last four digits');
  });

  it('does not take an inherited property for a brand', () => {
    expect(cardInWords({ brand: 'constructor', last4: '4242' })).toBe('card ending in 4242');
  });
});

describe('paymentMethodInWords', () => {
  it('names the methods staff record by hand, and refuses one it does not know', () => {
    expect(paymentMethodInWords({ method: 'bank_transfer' })).toBe('Bank transfer');
    expect(() => paymentMethodInWords({ method: 'paypal' } as unknown as PaymentMethodDetails)).toThrow('Unknown payment method "paypal"');
  });
});

describe('inDays', () => {
  it('counts days in words', () => {
    expect([30, 7, 1, 0].map(inDays)).toEqual(['in 30 days', 'in 7 days', 'in 1 day', 'today']);
  });
});
