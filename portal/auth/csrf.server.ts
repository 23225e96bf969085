import type { AppLoadContext } from '@remix-run/node';
import { CSRF_FIELD, csrfTokensMatch } from './csrf-cookie.server.js';

/**
 * Refuses a form post that does not echo the browser's CSRF cookie token. Every action that
 * changes something calls this before anything else.
 */
export function assertCsrf(context: AppLoadContext, form: FormData): void {
  const submitted = form.get(CSRF_FIELD);
  if (!context.csrfCookiePresented || typeof submitted !== 'string' || !csrfTokensMatch(submitted, context.csrfToken)) {
    throw new Response('This form has expired or did not come from Uplink. Reload the page and try again.', {
      status: 403,
      statusText: 'CSRF token missing or wrong',
    });
  }
}
