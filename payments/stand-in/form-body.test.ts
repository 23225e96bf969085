import { describe, expect, it } from 'vitest';
import { StandInError } from './errors.js';
import { parseForm } from './form-body.js';

describe('parseForm', () => {
  it('reads Stripe’s bracketed keys into nested values', () => {
    expect(parseForm('amount=100&metadata[invoice_id]=inv-1&metadata[note]=a%20b&setup_intent_data[metadata][k]=v')).toEqual({
      amount: '100',
      metadata: { invoice_id: 'inv-1', note: 'a b' },
      setup_intent_data: { metadata: { k: 'v' } },
    });
  });

  it('reads lists written with [] or with indexes', () => {
    expect(parseForm('expand[]=a&expand[]=b.c')).toEqual({ expand: ['a', 'b.c'] });
    expect(parseForm('expand[0]=a&expand[1]=b')).toEqual({ expand: ['a', 'b'] });
    expect(parseForm('expand%5B0%5D=a')).toEqual({ expand: ['a'] });
  });

  it('refuses names that would reach into the object prototype, or mix a value and a hash', () => {
    expect(() => parseForm('__proto__[polluted]=1')).toThrow(StandInError);
    expect(() => parseForm('a=1&a[b]=2')).toThrow(/mixes a value and a hash/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
