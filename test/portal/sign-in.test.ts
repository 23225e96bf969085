// Staff sign-in against the real built portal: sessions, CSRF, throttling and the gate on pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { signInAttempts } from '../../db/schema.js';
import { startPortalServer } from '../../server/portal/http-server.js';
import { findSignedInStaff } from '../../server/services/access/staff.js';
import { TEST_SESSION_SECRET, createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';

let harness: PortalHarness;
beforeAll(async () => {
  harness = await createPortalHarness();
});
afterAll(() => harness?.dispose());

describe('staff sign-in', () => {
  it('signs in with the right password, reaches staff pages, and signs out', async () => {
    const { email, password } = await harness.newStaff();
    const browser = new StaffBrowser(harness.url);
    const form = await browser.get('/staff/sign-in');
    expect(form.status).toBe(200);

    const signedIn = await browser.postForm('/staff/sign-in', { email, password, redirectTo: '/staff/plans' });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get('location')).toBe('/staff/plans');
    const plans = await browser.get('/staff/plans');
    expect(plans.status).toBe(200);
    expect(await plans.text()).toContain('New plan');

    await browser.postForm('/staff/sign-out', {});
    const after = await browser.get('/staff/plans');
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/staff/sign-in?redirectTo=%2Fstaff%2Fplans');
  });

  it('refuses a wrong password and an unknown address with the same answer', async () => {
    const { email } = await harness.newStaff();
    const browser = new StaffBrowser(harness.url);
    await browser.get('/staff/sign-in');
    const wrong = await browser.postForm('/staff/sign-in', { email, password: 'not the password' });
    const unknown = await browser.postForm('/staff/sign-in', { email: 'nobody@isp.test', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain('do not match a staff account');
    expect(await unknown.text()).toContain('do not match a staff account');
  });

  it('throttles a client after five failures on one address, even with the right password', async () => {
    const { email, password } = await harness.newStaff();
    const browser = new StaffBrowser(harness.url);
    await browser.get('/staff/sign-in');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await browser.postForm('/staff/sign-in', { email, password: `guess ${attempt}` })).status).toBe(401);
    }
    const throttled = await browser.postForm('/staff/sign-in', { email, password });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('900');
    expect(await throttled.text()).toContain('Too many failed sign-ins');
  });

  it('refuses a sign-in form posted without the CSRF token', async () => {
    const { email, password } = await harness.newStaff();
    const browser = new StaffBrowser(harness.url);
    await browser.get('/staff/sign-in');
    const refused = await browser.postForm('/staff/sign-in', { email, password }, { csrf: false });
    expect(refused.status).toBe(403);
    expect((await browser.get('/staff/plans')).status).toBe(302);
  });

  it('ends the session everywhere on sign-out, so a copied cookie stops working too', async () => {
    const credentials = await harness.newStaff();
    const browser = new StaffBrowser(harness.url);
    await browser.signIn(credentials);
    const stolen = browser.copy();
    expect((await stolen.get('/staff/plans')).status).toBe(200);

    await browser.postForm('/staff/sign-out', {});
    const refused = await stolen.get('/staff/plans');
    expect(refused.status).toBe(302);
    expect(refused.headers.get('location')).toContain('/staff/sign-in');

    await browser.signIn(credentials);
    expect((await browser.get('/staff/plans')).status).toBe(200);
  });

  it('sends a signed-in member only to pages of the portal, whatever redirectTo says', async () => {
    const credentials = await harness.newStaff();
    for (const target of ['//evil.example/x', 'https://evil.example/', '/\t/evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      const browser = new StaffBrowser(harness.url);
      await browser.get('/staff/sign-in');
      const response = await browser.postForm('/staff/sign-in', { ...credentials, redirectTo: target });
      expect(response.status, target).toBe(302);
      expect(response.headers.get('location'), target).toBe('/staff/customers');
    }
  });

  it('never sends anyone to a path that a browser reads as another site once its dots are resolved', async () => {
    const credentials = await harness.newStaff();
    const browser = new StaffBrowser(harness.url);
    await browser.get('/staff/sign-in');
    for (const target of ['/.//evil.example', '/..//evil.example', '/%2e//evil.example', '/a/..//evil.example', '/./\\evil.example']) {
      const posted = await browser.postForm('/staff/sign-in', { ...credentials, redirectTo: target });
      expect(posted.headers.get('location'), `POST ${target}`).toBe('/staff/customers');
      // Already signed in, the sign-in page sends the member straight on.
      const opened = await browser.get(`/staff/sign-in?${new URLSearchParams({ redirectTo: target })}`);
      expect(opened.status, `GET ${target}`).toBe(302);
      expect(opened.headers.get('location'), `GET ${target}`).toBe('/staff/customers');
    }
    // A path of the portal written with dots still lands there, as the browser would resolve it.
    const signedIn = await browser.get(`/staff/sign-in?${new URLSearchParams({ redirectTo: '/staff/./plans?page=2' })}`);
    expect(signedIn.headers.get('location')).toBe('/staff/plans?page=2');
  });

  it('counts sign-in attempts sent in parallel against each other', async () => {
    const { email, password } = await harness.newStaff();
    const browser = new StaffBrowser(harness.url);
    await browser.get('/staff/sign-in');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, attempt) => browser.postForm('/staff/sign-in', { email, password: `guess ${attempt}` })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(3);
    expect((await browser.postForm('/staff/sign-in', { email, password })).status).toBe(429);
  });

  it('refuses a session older than its eight hours, whatever the cookie says', async () => {
    const { email } = await harness.newStaff();
    const [staff] = await harness.stack.ctx.db.query.staffUsers.findMany({ where: (table, { eq }) => eq(table.email, email) });
    const id = staff?.id ?? '';
    expect(await findSignedInStaff(harness.stack.ctx, id, new Date(Date.now() - 7 * 3_600_000))).toMatchObject({ email });
    expect(await findSignedInStaff(harness.stack.ctx, id, new Date(Date.now() - 9 * 3_600_000))).toBeNull();
  });

  it('keeps a client guessing one address out, not the owner signing in from their own client', async () => {
    const { email, password } = await harness.newStaff();
    const behindProxy = await startPortalServer({
      services: harness.stack.ctx,
      settings: harness.settings,
      sessionSecret: TEST_SESSION_SECRET,
      host: '127.0.0.1',
      port: 0,
      buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
      trustProxy: 'loopback',
    });
    try {
      const attacker = new StaffBrowser(behindProxy.url, { 'X-Forwarded-For': '203.0.113.66' });
      await attacker.get('/staff/sign-in');
      for (let attempt = 0; attempt < 5; attempt++) {
        expect((await attacker.postForm('/staff/sign-in', { email, password: `guess ${attempt}` })).status).toBe(401);
      }
      for (let attempt = 0; attempt < 3; attempt++) {
        expect((await attacker.postForm('/staff/sign-in', { email, password: `more ${attempt}` })).status).toBe(429);
      }
      // Even the right password is refused to the client that has been guessing.
      expect((await attacker.postForm('/staff/sign-in', { email, password })).status).toBe(429);

      // A second client guessing the same address is not locked out by the first one's failures,
      // but every attempt on an address under attack is answered more slowly.
      const another = new StaffBrowser(behindProxy.url, { 'X-Forwarded-For': '203.0.113.67' });
      await another.get('/staff/sign-in');
      const started = Date.now();
      expect((await another.postForm('/staff/sign-in', { email, password: 'yet another guess' })).status).toBe(401);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);

      // The owner, from their own client, still signs in.
      const owner = new StaffBrowser(behindProxy.url, { 'X-Forwarded-For': '198.51.100.5' });
      await owner.get('/staff/sign-in');
      const signedIn = await owner.postForm('/staff/sign-in', { email, password, redirectTo: '/staff/plans' });
      expect(signedIn.status).toBe(302);
      expect(signedIn.headers.get('location')).toBe('/staff/plans');
      expect((await owner.get('/staff/plans')).status).toBe(200);
    } finally {
      await behindProxy.close();
    }
  });

  it('throttles per client behind a trusted proxy, and ignores forwarded addresses otherwise', async () => {
    const { email } = await harness.newStaff();
    const behindProxy = await startPortalServer({
      services: harness.stack.ctx,
      settings: harness.settings,
      sessionSecret: TEST_SESSION_SECRET,
      host: '127.0.0.1',
      port: 0,
      buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
      trustProxy: 'loopback',
    });
    try {
      const lastClientAddress = async () => {
        const [row] = await harness.stack.ctx.db
          .select({ clientAddress: signInAttempts.clientAddress })
          .from(signInAttempts)
          .where(eq(signInAttempts.email, email))
          .orderBy(desc(signInAttempts.id))
          .limit(1);
        return row?.clientAddress;
      };
      const forwarded = { 'X-Forwarded-For': '203.0.113.7' };
      for (const [url, expected] of [
        [behindProxy.url, '203.0.113.7'],
        [harness.url, '127.0.0.1'],
      ] as const) {
        const browser = new StaffBrowser(url, forwarded);
        await browser.get('/staff/sign-in');
        // Refused either way (127.0.0.1 may be throttled by this file's earlier tests); what
        // matters is which address the attempt was counted against.
        expect([401, 429]).toContain((await browser.postForm('/staff/sign-in', { email, password: 'wrong password' })).status);
        expect(await lastClientAddress()).toBe(expected);
      }
    } finally {
      await behindProxy.close();
    }
  });
});
