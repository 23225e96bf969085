// The HTML part of a recorded email, exactly as sent, for the email page's iframe. The CSP makes
// the document a sandbox with no scripts and no requests except inline styles and images, so a
// hostile message cannot act as the signed-in staff member.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getEmail } from '../../server/services/emails/email-records.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { notFoundAs404 } from '../ui/not-found.server.js';

const EMAIL_HTML_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https:";

export async function loader(args: LoaderFunctionArgs) {
  // A resource route: the staff layout's gate does not run for it, so it checks the session itself.
  await requireStaff(args);
  const email = await notFoundAs404(() => getEmail(args.context.services, args.params.emailId ?? ''));
  return new Response(email.html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': EMAIL_HTML_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'private, no-store',
    },
  });
}
