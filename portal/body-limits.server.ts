// How many bytes of a request body each kind of route reads, defined once: the HTTP server stops
// reading at the limit and answers 413 (before Remix, so an unauthenticated client cannot make the
// server hold a huge body), and the route code checks the same numbers.

/** Page forms and sign-in: a few fields of text. */
export const FORM_BODY_BYTES = 64 * 1024;

/** An API call's JSON body, unless its endpoint says otherwise (`maxBodyBytes`). */
export const API_BODY_BYTES = 1024 * 1024;

/** A readings file uploaded to an import (API or staff page); it is streamed into the database. */
export const IMPORT_UPLOAD_BYTES = 512 * 1024 * 1024;

/** Resend's webhook events are small JSON documents; the message itself is fetched separately. */
export const RESEND_EVENT_BYTES = 256 * 1024;

/** Stripe's webhook events: one object each, well under this. */
export const STRIPE_EVENT_BYTES = 256 * 1024;

/** The body went past its route's limit; reading stopped there. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Whether `error` is a BodyTooLargeError, also one the HTTP server made: it runs this module from
 * source while the routes run in the portal's build, so the two classes are not the same object.
 */
export function isBodyTooLarge(error: unknown): error is BodyTooLargeError {
  return error instanceof Error && error.name === 'BodyTooLargeError' && typeof (error as Partial<BodyTooLargeError>).limit === 'number';
}

/** "1 MiB", "64 KiB", or the bytes when the limit is no round number. */
export function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
