import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteReplyAddress, readQuoteReplyAddress } from './reply-address.js';

const settings = { domain: 'reply.isp.test', secret: 'a-secret-that-signs-reply-addresses' };

describe('quote reply addresses', () => {
  it('names the quote it was made for, whatever case the mail system gives it back in', () => {
    fc.assert(
      fc.property(fc.uuid(), (quoteId) => {
        const address = quoteReplyAddress(quoteId, settings);
        expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
        expect(readQuoteReplyAddress(address, settings)).toEqual({ ok: true, quoteId });
        expect(readQuoteReplyAddress(address.toUpperCase(), settings)).toEqual({ ok: true, quoteId });
      }),
    );
  });

  it('refuses an address signed with another secret, naming the signature', () => {
    const address = quoteReplyAddress(randomUUID(), { ...settings, secret: 'another-secret-somewhere-else' });
    expect(readQuoteReplyAddress(address, settings)).toEqual({ ok: false, reason: expect.stringContaining('invalid signature') });
  });

  it('refuses an address whose quote was swapped for another', () => {
    const [local, domain] = quoteReplyAddress(randomUUID(), settings).split('@') as [string, string];
    const other = quoteReplyAddress(randomUUID(), settings).split('@')[0]!;
    const swapped = `${other.slice(0, other.indexOf('.'))}${local.slice(local.indexOf('.'))}@${domain}`;
    expect(readQuoteReplyAddress(swapped, settings).ok).toBe(false);
  });

  it('says when a message was not sent to a reply address at all', () => {
    expect(readQuoteReplyAddress('billing@isp.test', settings)).toEqual({ ok: false, reason: 'the message was not sent to a reply address' });
    expect(readQuoteReplyAddress('reply+nonsense@reply.isp.test', settings)).toEqual({ ok: false, reason: 'the reply address is not one we issued' });
  });

  it('refuses a valid token at any domain but our inbound domain', () => {
    const [local] = quoteReplyAddress(randomUUID(), settings).split('@') as [string];
    for (const domain of ['another-domain.example', 'isp.test', 'reply.isp.test.evil.example', '']) {
      expect(readQuoteReplyAddress(`${local}@${domain}`, settings), domain).toEqual({ ok: false, reason: expect.stringContaining('not our inbound domain reply.isp.test') });
    }
    expect(readQuoteReplyAddress(local, settings).ok).toBe(false);
    expect(readQuoteReplyAddress(`${local}@REPLY.ISP.TEST`, settings).ok).toBe(true);
  });
});
