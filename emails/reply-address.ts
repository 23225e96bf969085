// The reply address on a quote email, `reply+<token>@<inbound domain>`. The token names the quote
// and carries an HMAC of it, so a reply can be tied to its quote without trusting anything the
// sender wrote, and nobody can make up an address for a quote they were not sent.
//
// Mail systems may change the case of an address, so the token is lower-case base32 throughout;
// it stays well inside the 64 characters a local part may have.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ReplyAddressSettings {
  /** The domain whose mail reaches our inbound webhook, e.g. "reply.billing.isp.example". */
  domain: string;
  /** Signs tokens; changing it voids every reply address sent before. */
  secret: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const MAC_BYTES = 10; // 80 bits: a forged address is a guess in 2^80
const PREFIX = 'reply+';
const QUOTE_TAG = 'q';

export function quoteReplyAddress(quoteId: string, settings: ReplyAddressSettings): string {
  const idPart = base32(uuidBytes(quoteId));
  return `${PREFIX}${QUOTE_TAG}${idPart}.${mac(`${QUOTE_TAG}${idPart}`, settings.secret)}@${settings.domain}`;
}

export type ReplyAddressReading =
  | { ok: true; quoteId: string }
  | { ok: false; reason: string };

/**
 * Which quote a message sent to `address` answers, or why it answers none. The domain must be our
 * inbound domain: the recipient headers are the sender's to write, and a mail server may hand us
 * a message it received for any domain, so a token copied to another domain is no reply to us.
 */
export function readQuoteReplyAddress(address: string, settings: ReplyAddressSettings): ReplyAddressReading {
  const normalised = address.trim().toLowerCase();
  const at = normalised.lastIndexOf('@');
  const local = at < 0 ? normalised : normalised.slice(0, at);
  if (!local.startsWith(PREFIX)) return { ok: false, reason: 'the message was not sent to a reply address' };
  const domain = at < 0 ? '' : normalised.slice(at + 1);
  if (domain !== settings.domain.trim().toLowerCase()) {
    return { ok: false, reason: `the reply address is at ${domain || 'no domain'}, not our inbound domain ${settings.domain}` };
  }
  const token = local.slice(PREFIX.length);
  const match = /^q([a-z2-7]{26})\.([a-z2-7]{16})$/.exec(token);
  if (!match) return { ok: false, reason: 'the reply address is not one we issued' };
  const [, idPart, presented] = match as unknown as [string, string, string];
  const expected = mac(`${QUOTE_TAG}${idPart}`, settings.secret);
  if (!timingSafeEqual(Buffer.from(presented), Buffer.from(expected))) {
    return { ok: false, reason: 'the reply address has an invalid signature (forged or altered)' };
  }
  return { ok: true, quoteId: bytesToUuid(fromBase32(idPart)) };
}

function mac(payload: string, secret: string): string {
  return base32(createHmac('sha256', secret).update(`quote-reply:${payload}`).digest().subarray(0, MAC_BYTES));
}

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a uuid: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    value = (value << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
