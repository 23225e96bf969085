import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An id as Stripe makes them: a type prefix and 24 random letters and digits (`pi_3Px...`). */
export function newId(prefix: string): string {
  const bytes = randomBytes(24);
  let tail = '';
  for (const byte of bytes) tail += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${tail}`;
}

/** The type prefix of an id: `cus` for `cus_abc`, `cs` for `cs_test_abc`. */
export function prefixOf(id: string): string {
  return id.slice(0, Math.max(0, id.indexOf('_')));
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A segment that is no valid percent-encoding stays as it is, and names nothing that exists (404). */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
