// The customer portal over HTTP against the built portal: signing in by magic link, the account
// pages, accepting and declining quotes, and the PDF. Every browser here comes from an address of
// its own (through a trusted proxy header), so the per-client limit of one test never hits another.
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSignInTokens, quotes } from '../../db/schema.js';
import { startPortalServer, type RunningPortal } from '../../server/portal/http-server.js';
import { hashSignInToken } from '../../server/services/access/customer-sign-in.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createItem } from '../../server/services/catalog/items.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { createQuote, sendQuote } from '../../server/services/quotes/quotes.js';
import { formatMoney } from '../../billing/money.js';
import { getCustomer } from '../../server/services/customers/customer-directory.js';
import { createBilledCustomer } from '../support/billed-customer.js';
import { TEST_SESSION_SECRET, createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { latestSignInLink, newSignInLink, signInAsCustomer, tokenOf } from './customer-sign-in-steps.js';
import { links, textOfClass, visibleText } from './page-text.js';

let harness: PortalHarness;
let portal: RunningPortal;
let ada: Awaited<ReturnType<typeof createBilledCustomer>>;
let bob: Awaited<ReturnType<typeof createBilledCustomer>>;
let itemId: string;
let clients = 0;
let customers = 0;

beforeAll(async () => {
  harness = await createPortalHarness();
  portal = await startPortalServer({
    services: harness.stack.ctx,
    settings: harness.settings,
    sessionSecret: TEST_SESSION_SECRET,
    host: '127.0.0.1',
    port: 0,
    buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
    trustProxy: 'loopback',
  });
  const ctx = harness.stack.ctx;
  const plan = await createPlan(ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
  itemId = (await createItem(ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8500, currency: 'EUR', taxRate: '21' })).id;
  [ada, bob] = await Promise.all([
    createBilledCustomer(ctx, plan, { name: 'Ada Lovelace', email: 'Ada.Lovelace@example.net' }),
    createBilledCustomer(ctx, plan, { name: 'Bob Kahn', email: 'bob@example.net' }),
  ]);
});
afterAll(async () => {
  await portal?.close();
  await harness?.dispose();
});

function newBrowser(): StaffBrowser {
  return new StaffBrowser(portal.url, { 'X-Forwarded-For': `203.0.113.${++clients}` });
}

async function signedIn(customer: { id: string; email: string }): Promise<StaffBrowser> {
  const browser = newBrowser();
  await signInAsCustomer(browser, harness.stack.ctx.db, customer);
  return browser;
}

/** A customer of their own for a test (each address may ask for five links in 15 minutes). */
async function newCustomer() {
  const n = ++customers;
  const { customer } = await createCustomer(harness.stack.ctx, { name: `Customer ${n}`, email: `customer${n}@example.net`, currency: 'EUR' });
  return customer;
}

async function sentQuote(customerId: string, quantity = '2') {
  const ctx = harness.stack.ctx;
  const quote = await createQuote(ctx, { customerId, lines: [{ itemId, quantity }], validDays: 30, note: 'Router replacement' });
  return sendQuote(ctx, quote.id);
}

async function page(browser: StaffBrowser, path: string): Promise<{ status: number; text: string; html: string }> {
  const response = await browser.get(path);
  const html = await response.text();
  return { status: response.status, text: visibleText(html), html };
}

describe('customer sign-in', () => {
  it('signs in through the emailed link: the link opens a confirm page, and only pressing the button uses it', async () => {
    const browser = newBrowser();
    const previous = await latestSignInLink(harness.stack.ctx.db, ada.customer.id);
    expect((await browser.get('/sign-in')).status).toBe(200);
    const asked = await browser.postForm('/sign-in', { email: 'ada.lovelace@EXAMPLE.net' });
    expect(asked.status).toBe(200);
    expect(visibleText(await asked.text())).toContain(
      'If the address belongs to an account, we have sent a sign-in link; it is valid for 15 minutes',
    );

    const link = await newSignInLink(harness.stack.ctx.db, ada.customer.id, previous);
    const hash = hashSignInToken(tokenOf(link));
    // Opening the link twice (a mail scanner, then the customer) uses nothing up.
    for (let open = 0; open < 2; open++) {
      const confirm = await page(browser, link);
      expect(confirm.status).toBe(200);
      expect(confirm.text).toContain('Sign in to your account');
    }
    const [unused] = await harness.stack.ctx.db.select().from(customerSignInTokens).where(eq(customerSignInTokens.tokenHash, hash));
    expect(unused!.consumedAt).toBeNull();

    const confirmed = await browser.postForm(link, { token: tokenOf(link) });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get('location')).toBe('/account');
    const cookie = confirmed.headers.getSetCookie().find((header) => header.startsWith('uplink_customer='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=604800/i);
    expect(cookie).not.toMatch(/Secure/i); // served over http here; see the https test

    const account = await page(browser, '/account');
    expect(account.status).toBe(200);
    expect(account.text).toContain('Hello, Ada Lovelace');
    expect(account.text).toContain(ada.invoices[0]!.number);
  });

  it('lands on the page the customer was on their way to, such as a quote an email linked to', async () => {
    const customer = await newCustomer();
    const quote = await sentQuote(customer.id);
    const browser = newBrowser();
    const gate = await browser.get(`/account/quotes/${quote.id}`);
    const signInPage = gate.headers.get('location')!;
    expect(signInPage).toBe(`/sign-in?redirectTo=%2Faccount%2Fquotes%2F${quote.id}`);
    await browser.get(signInPage);
    await browser.postForm(signInPage, { email: customer.email, next: `/account/quotes/${quote.id}` });
    const link = await newSignInLink(harness.stack.ctx.db, customer.id, null);
    await browser.get(link);
    const confirmed = await browser.postForm(link, { token: tokenOf(link), next: new URL(link, portal.url).searchParams.get('next')! });
    expect(confirmed.headers.get('location')).toBe(`/account/quotes/${quote.id}`);
    expect((await page(browser, `/account/quotes/${quote.id}`)).text).toContain(`Quote ${quote.number}`);

    // Anywhere else is not a place a sign-in link goes.
    for (const next of ['//evil.example/account', 'https://evil.example/', '/staff/customers', '/account/../staff', '/account?x=1', '/account/..//evil.example', '/./\\evil.example/account']) {
      const other = await newCustomer();
      const visitor = newBrowser();
      await visitor.get('/sign-in');
      await visitor.postForm('/sign-in', { email: other.email, next });
      const sent = await newSignInLink(harness.stack.ctx.db, other.id, null);
      expect(new URL(sent, portal.url).searchParams.get('next'), next).toBeNull();
      await visitor.get(sent);
      const landed = await visitor.postForm(sent, { token: tokenOf(sent), next });
      expect(landed.headers.get('location'), next).toBe('/account');
    }
  });

  it('marks the session cookie Secure when the portal is served over https', async () => {
    const https = await startPortalServer({
      services: harness.stack.ctx,
      settings: { ...harness.settings, portalUrl: 'https://portal.example.net' },
      sessionSecret: TEST_SESSION_SECRET,
      host: '127.0.0.1',
      port: 0,
      buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
    });
    try {
      const customer = await newCustomer();
      const browser = new StaffBrowser(https.url);
      await browser.get('/sign-in');
      await browser.postForm('/sign-in', { email: customer.email });
      const link = await newSignInLink(harness.stack.ctx.db, customer.id, null);
      await browser.get(link);
      const confirmed = await browser.postForm(link, { token: tokenOf(link) });
      const cookie = confirmed.headers.getSetCookie().find((header) => header.startsWith('uplink_customer='));
      expect(cookie).toMatch(/;\s*Secure/i);
    } finally {
      await https.close();
    }
  });

  it('answers an unknown address exactly as a known one', async () => {
    const browser = newBrowser();
    await browser.get('/sign-in');
    const known = await browser.postForm('/sign-in', { email: 'bob@example.net' });
    const unknown = await browser.postForm('/sign-in', { email: 'nobody@example.net' });
    expect(unknown.status).toBe(known.status);
    expect(visibleText(await unknown.text())).toBe(visibleText(await known.text()));
  });

  it('refuses a used link with a page that offers a new one', async () => {
    const customer = await newCustomer();
    const browser = await signedIn(customer);
    const used = (await latestSignInLink(harness.stack.ctx.db, customer.id))!;
    const again = newBrowser();
    await again.get(used);
    const refused = await again.postForm(used, { token: tokenOf(used) });
    expect(refused.status).toBe(410);
    const html = await refused.text();
    expect(visibleText(html)).toContain('The link has expired, was already used, or is incomplete');
    expect(links(html, /^\/sign-in$/)).not.toHaveLength(0);
    expect((await again.get('/account')).status).toBe(302);
    expect((await browser.get('/account')).status).toBe(200);
  });

  it('refuses an expired link', async () => {
    const customer = await newCustomer();
    const browser = newBrowser();
    await browser.get('/sign-in');
    await browser.postForm('/sign-in', { email: customer.email });
    const link = await newSignInLink(harness.stack.ctx.db, customer.id, null);
    await harness.stack.ctx.db
      .update(customerSignInTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(customerSignInTokens.tokenHash, hashSignInToken(tokenOf(link))));
    await browser.get(link);
    expect((await browser.postForm(link, { token: tokenOf(link) })).status).toBe(410);
  });

  it('says to wait after five links for one address in 15 minutes', async () => {
    const email = `limit-${Date.now()}@example.net`;
    for (let request = 0; request < 5; request++) {
      const browser = newBrowser();
      await browser.get('/sign-in');
      expect((await browser.postForm('/sign-in', { email })).status).toBe(200);
    }
    const browser = newBrowser();
    await browser.get('/sign-in');
    const throttled = await browser.postForm('/sign-in', { email });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('900');
    expect(visibleText(await throttled.text())).toContain('Wait 15 minutes and try again');
  });

  it('explains an address that is not an email address', async () => {
    const browser = newBrowser();
    await browser.get('/sign-in');
    const refused = await browser.postForm('/sign-in', { email: 'not an address' });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain('Enter your email address');
  });

  it('signs out everywhere: a copied cookie stops working too', async () => {
    const customer = await newCustomer();
    const browser = await signedIn(customer);
    const stolen = browser.copy();
    expect((await stolen.get('/account')).status).toBe(200);

    const signedOut = await browser.postForm('/account/sign-out', {});
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('location')).toBe('/sign-in');
    const refused = await stolen.get('/account');
    expect(refused.status).toBe(302);
    expect(refused.headers.get('location')).toBe('/sign-in');

    // Signing in again works.
    await signInAsCustomer(browser, harness.stack.ctx.db, customer);
    expect((await browser.get('/account')).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses every customer form posted without the token, with nothing changed', async () => {
    const customer = await newCustomer();
    const browser = await signedIn(customer);
    const quote = await sentQuote(customer.id);

    expect((await browser.postForm('/sign-in', { email: customer.email }, { csrf: false })).status).toBe(403);
    expect((await browser.postForm(`/account/quotes/${quote.id}`, { decision: 'accept' }, { csrf: false })).status).toBe(403);
    expect((await browser.postRaw(`/account/quotes/${quote.id}`, 'decision=accept', 'text/plain')).status).toBe(403);
    const [stillOpen] = await harness.stack.ctx.db.select().from(quotes).where(eq(quotes.id, quote.id));
    expect(stillOpen!.status).toBe('sent');

    expect((await browser.postForm('/account/sign-out', {}, { csrf: false })).status).toBe(403);
    expect((await browser.get('/account')).status).toBe(200);
  });

  it('refuses a confirm without the token, and the link stays usable', async () => {
    const customer = await newCustomer();
    const browser = newBrowser();
    await browser.get('/sign-in');
    await browser.postForm('/sign-in', { email: customer.email });
    const link = await newSignInLink(harness.stack.ctx.db, customer.id, null);
    await browser.get(link);
    expect((await browser.postForm(link, { token: tokenOf(link) }, { csrf: false })).status).toBe(403);
    expect((await browser.postForm(link, { token: tokenOf(link) })).status).toBe(302);
  });
});

describe('account pages', () => {
  it('shows the balance from the ledger, the invoices, and the statement', async () => {
    const browser = await signedIn(ada.customer);
    const overview = await page(browser, '/account');
    // What the ledger says Ada owes: at least her two months at €49.00, nothing paid.
    const { balance } = await getCustomer(harness.stack.ctx, ada.customer.id);
    expect(balance.amountMinor).toBeGreaterThanOrEqual(9800n);
    const owed = formatMoney(balance, 'en-GB');
    expect(textOfClass(overview.html, 'account-balance')).toEqual([owed]);

    const invoices = await page(browser, '/account/invoices');
    for (const invoice of ada.invoices) expect(invoices.text).toContain(invoice.number);
    for (const invoice of bob.invoices) expect(invoices.text).not.toContain(invoice.number);

    const statement = await page(browser, '/account/statement');
    expect(statement.status).toBe(200);
    expect(textOfClass(statement.html, 'closing-balance')).toEqual([owed]);
    const empty = await page(browser, '/account/statement?from=2001-01-01&to=2001-01-31');
    expect(empty.text).toContain('No entries in this period');
    const bad = await page(browser, '/account/statement?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('from');
  });

  it('shows an invoice with its lines and totals, and downloads it as a PDF', async () => {
    const browser = await signedIn(ada.customer);
    const invoice = ada.invoices[0]!;
    const view = await page(browser, `/account/invoices/${invoice.id}`);
    expect(view.status).toBe(200);
    expect(view.text).toContain(`Invoice ${invoice.number}`);
    expect(view.text).toContain('Fibre 100');
    expect(textOfClass(view.html, 'invoice-total')).toEqual(['€49.00']);
    expect(links(view.html, /\/pdf$/)).toEqual([`/account/invoices/${invoice.id}/pdf`]);

    const pdf = await browser.get(`/account/invoices/${invoice.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${invoice.number}.pdf"`);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The document's title names the invoice (the info dictionary is never compressed).
    expect(bytes.toString('latin1')).toContain(`Invoice ${invoice.number}`);
    expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('accepts a quote and shows the invoice it became, with its tax', async () => {
    const customer = await newCustomer();
    const browser = await signedIn(customer);
    const quote = await sentQuote(customer.id, '2');
    const overview = await page(browser, '/account');
    expect(overview.text).toContain('Quotes waiting for your answer');
    expect(links(overview.html, /^\/account\/quotes\//)).toContain(`/account/quotes/${quote.id}`);

    const open = await page(browser, `/account/quotes/${quote.id}`);
    expect(open.text).toContain('Router replacement');
    expect(open.text).toContain('€205.70'); // 2 × €85.00 plus 21% tax
    const accepted = await browser.postForm(`/account/quotes/${quote.id}`, { decision: 'accept' });
    expect(accepted.status).toBe(200);
    const acceptedHtml = await accepted.text();
    expect(visibleText(acceptedHtml)).toContain('You accepted this quote');
    const [invoiceLink] = links(acceptedHtml, /^\/account\/invoices\/[0-9a-f-]{36}$/);
    expect(invoiceLink).toBeDefined();

    const invoice = await page(browser, invoiceLink!);
    expect(invoice.text).toContain('Technician visit');
    expect(invoice.text).toContain('21%');
    expect(textOfClass(invoice.html, 'invoice-net')).toEqual(['€170.00']);
    expect(textOfClass(invoice.html, 'invoice-tax')).toEqual(['€35.70']);
    expect(textOfClass(invoice.html, 'invoice-total')).toEqual(['€205.70']);

    // Accepting again changes nothing and says it is accepted.
    const again = await browser.postForm(`/account/quotes/${quote.id}`, { decision: 'accept' });
    expect(again.status).toBe(200);
    expect(links(await again.text(), /^\/account\/invoices\//)).toContain(invoiceLink);
  });

  it('declines a quote, and refuses to accept it afterwards with the reason', async () => {
    const customer = await newCustomer();
    const browser = await signedIn(customer);
    const quote = await sentQuote(customer.id, '1');
    const declined = await browser.postForm(`/account/quotes/${quote.id}`, { decision: 'decline' });
    expect(declined.status).toBe(200);
    expect(visibleText(await declined.text())).toContain('You declined this quote');

    const refused = await browser.postForm(`/account/quotes/${quote.id}`, { decision: 'accept' });
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toContain(quote.number);
    const [row] = await harness.stack.ctx.db.select().from(quotes).where(eq(quotes.id, quote.id));
    expect(row!.status).toBe('declined');
    expect(row!.invoiceId).toBeNull();
  });
});

describe('a customer sees only their own records', () => {
  it("answers 404 for another customer's invoice, its PDF and quote, and for a draft quote", async () => {
    const browser = await signedIn(ada.customer);
    const bobsQuote = await sentQuote(bob.customer.id);
    const adasDraft = await createQuote(harness.stack.ctx, { customerId: ada.customer.id, lines: [{ itemId, quantity: '1' }], validDays: 10 });
    for (const path of [
      `/account/invoices/${bob.invoices[0]!.id}`,
      `/account/invoices/${bob.invoices[0]!.id}/pdf`,
      `/account/quotes/${bobsQuote.id}`,
      `/account/quotes/${adasDraft.id}`,
      '/account/invoices/not-a-uuid',
      '/account/quotes/00000000-0000-4000-8000-000000000000',
    ]) {
      const response = await page(browser, path);
      expect(response.status, path).toBe(404);
      // The PDF is a download, so its refusal is plain text; the pages say it in the portal's frame.
      if (!path.endsWith('/pdf')) expect(response.text, path).toContain('There is nothing at this address in your account');
      expect(response.text, path).not.toContain('Bob');
      expect(response.text, path).not.toContain('Kahn');
    }
    const quoteList = await page(browser, '/account/quotes');
    expect(quoteList.text).not.toContain(bobsQuote.number);
    expect(quoteList.text).not.toContain(adasDraft.number);

    // Deciding someone else's quote is refused the same way, and changes nothing.
    expect((await browser.postForm(`/account/quotes/${bobsQuote.id}`, { decision: 'accept' })).status).toBe(404);
    const [row] = await harness.stack.ctx.db.select().from(quotes).where(eq(quotes.id, bobsQuote.id));
    expect(row!.status).toBe('sent');
  });

  it('sends visitors without a customer session to sign in, whatever staff session they hold', async () => {
    const quote = await sentQuote(bob.customer.id);
    const staff = newBrowser();
    await staff.signIn(await harness.newStaff());
    const anonymous = newBrowser();
    for (const path of [
      '/account',
      '/account/invoices',
      `/account/invoices/${bob.invoices[0]!.id}`,
      `/account/invoices/${bob.invoices[0]!.id}/pdf`,
      '/account/quotes',
      `/account/quotes/${quote.id}`,
      '/account/statement',
    ]) {
      for (const visitor of [anonymous, staff]) {
        const response = await visitor.get(path);
        expect(response.status, path).toBe(302);
        // Signing in comes back to the page asked for.
        expect(response.headers.get('location'), path).toBe(path === '/account' ? '/sign-in' : `/sign-in?${new URLSearchParams({ redirectTo: path })}`);
      }
    }
    const posted = await anonymous.postForm(`/account/quotes/${quote.id}`, { decision: 'accept' });
    expect(posted.status).toBe(302);
    const [row] = await harness.stack.ctx.db.select().from(quotes).where(eq(quotes.id, quote.id));
    expect(row!.status).toBe('sent');

    // And a customer session opens no staff page.
    const customer = await signedIn(await newCustomer());
    const staffPage = await customer.get('/staff/customers');
    expect(staffPage.status).toBe(302);
    expect(staffPage.headers.get('location')).toContain('/staff/sign-in');
  });
});
