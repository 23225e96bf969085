// Stripe's Idempotency-Key: the first answer to a key is kept, and the same request with the same
// key gets it again (same status, same body) without running twice; the same key with another
// request is refused. Kept 24 hours, as Stripe keeps them, and at most MAX_KEYS at a time.
import type { FormParams, FormValue } from './form-body.js';

export interface StoredAnswer {
  status: number;
  body: string;
}

const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_KEYS = 10_000;

export type KeyLookup = { kind: 'new' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'mismatch' };

export class IdempotencyKeys {
  private readonly entries = new Map<string, { request: string; answer: StoredAnswer; at: number }>();

  lookup(key: string, request: string, now = Date.now()): KeyLookup {
    const entry = this.entries.get(key);
    if (!entry || now - entry.at > KEY_LIFETIME_MS) return { kind: 'new' };
    return entry.request === request ? { kind: 'replay', answer: entry.answer } : { kind: 'mismatch' };
  }

  remember(key: string, request: string, answer: StoredAnswer, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { request, answer, at: now });
    // Map keeps insertion order: the first entries are the oldest.
    for (const [oldKey, entry] of this.entries) {
      if (this.entries.size <= MAX_KEYS && now - entry.at <= KEY_LIFETIME_MS) break;
      this.entries.delete(oldKey);
    }
  }
}

/** What makes two requests the same: method, path and parameters, whatever order they were sent in. */
export function requestIdentity(method: string, path: string, params: FormParams): string {
  return `${method} ${path} ${canonical(params)}`;
}

function canonical(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`)
    .join(',')}}`;
}
