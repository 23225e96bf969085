// Service passwords are kept only as FreeRADIUS's salted SHA-256 (SSHA2-256-Password): base64 of
// SHA-256(password + salt) followed by the salt. The pap module checks a PAP password against it,
// so the clear password never needs to be stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SALT_BYTES = 16;
const DIGEST_BYTES = 32;
/** PAP carries at most 128 bytes of password (RFC 2865, 5.2). */
export const MAX_SERVICE_PASSWORD_BYTES = 128;

export class InvalidServiceCredentialsError extends Error {
  constructor(readonly field: 'username' | 'password', reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidServiceCredentialsError';
  }
}

export function checkServicePassword(password: string): void {
  if (password.length === 0) throw new InvalidServiceCredentialsError('password', 'must not be empty');
  if (Buffer.byteLength(password, 'utf8') > MAX_SERVICE_PASSWORD_BYTES) {
    throw new InvalidServiceCredentialsError('password', `must be at most ${MAX_SERVICE_PASSWORD_BYTES} bytes (the most PAP can carry)`);
  }
}

/** RADIUS User-Name as NAS devices and FreeRADIUS's query escaping pass it through unchanged. */
export function checkServiceUsername(username: string): void {
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(username)) {
    throw new InvalidServiceCredentialsError('username', 'must be 1 to 64 letters, digits or . _ @ -');
  }
}

export function hashServicePassword(password: string): string {
  checkServicePassword(password);
  const salt = randomBytes(SALT_BYTES);
  const digest = createHash('sha256').update(password, 'utf8').update(salt).digest();
  return Buffer.concat([digest, salt]).toString('base64');
}

export function servicePasswordMatches(password: string, hash: string): boolean {
  const stored = Buffer.from(hash, 'base64');
  if (stored.length <= DIGEST_BYTES) return false;
  const salt = stored.subarray(DIGEST_BYTES);
  const digest = createHash('sha256').update(password, 'utf8').update(salt).digest();
  return timingSafeEqual(digest, stored.subarray(0, DIGEST_BYTES));
}
