// Steps of a customer signing in to the portal over HTTP, as a person does it: ask for a link,
// find it in the email (the outbox), open it, press the button.
import { and, desc, eq } from 'drizzle-orm';
import { emailMessages } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import { eventually } from '../support/eventually.js';
import type { StaffBrowser } from '../support/staff-browser.js';

/** The path (with its token) of the newest sign-in link emailed to this customer, or null. */
export async function latestSignInLink(db: Database, customerId: string): Promise<string | null> {
  const [email] = await db
    .select({ text: emailMessages.text })
    .from(emailMessages)
    .where(and(eq(emailMessages.customerId, customerId), eq(emailMessages.kind, 'sign-in-link')))
    .orderBy(desc(emailMessages.createdAt))
    .limit(1);
  const link = email ? /https?:\/\/\S+\/sign-in\/confirm\?\S+/.exec(email.text)?.[0] : undefined;
  if (!link) return null;
  // The email links to the configured portal address; the test's portal listens elsewhere.
  const url = new URL(link);
  return url.pathname + url.search;
}

/** Waits for a sign-in link other than `previous`: the email goes out just after the page answers. */
export function newSignInLink(db: Database, customerId: string, previous: string | null): Promise<string> {
  return eventually(
    async () => {
      const link = await latestSignInLink(db, customerId);
      if (!link || link === previous) throw new Error('no new sign-in link emailed yet');
      return link;
    },
    { what: 'a new sign-in link in the outbox' },
  );
}

export function tokenOf(link: string): string {
  return new URL(link, 'http://portal.invalid').searchParams.get('token') ?? '';
}

/** Asks for a link for this address and signs in with it; fails the test if any step does not work. */
export async function signInAsCustomer(browser: StaffBrowser, db: Database, customer: { id: string; email: string }): Promise<void> {
  const previous = await latestSignInLink(db, customer.id);
  await browser.get('/sign-in');
  const asked = await browser.postForm('/sign-in', { email: customer.email });
  if (asked.status !== 200) throw new Error(`asking for a sign-in link failed with ${asked.status}`);
  const link = await newSignInLink(db, customer.id, previous);
  await browser.get(link);
  const confirmed = await browser.postForm(link, { token: tokenOf(link) });
  if (confirmed.status !== 302 || confirmed.headers.get('location') !== '/account') {
    throw new Error(`confirming the sign-in link failed with ${confirmed.status}: ${await confirmed.text()}`);
  }
}
