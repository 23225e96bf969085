// CSRF protection by signed double submit: each browser gets a random token in an HttpOnly,
// SameSite cookie, signed with the session secret so it cannot be planted from a sibling domain;
// every form carries the same token in a hidden field, and an action runs only when they match.
// A cross-site page can make the browser send the cookie, but cannot read it to fill the field.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'uplink_csrf';
export const CSRF_FIELD = '_csrf';

export function signCsrfToken(token: string, secret: string): string {
  return `${token}.${createHmac('sha256', secret).update(token).digest('base64url')}`;
}

/** The token inside a signed cookie value, or null when it was not signed by us. */
export function readCsrfCookie(value: string | undefined, secret: string): string | null {
  if (!value) return null;
  const [token] = value.split('.');
  if (!token) return null;
  const expected = Buffer.from(signCsrfToken(token, secret));
  const actual = Buffer.from(value);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? token : null;
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function csrfTokensMatch(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
