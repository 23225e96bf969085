// Staff sign-in against the real built portal: sessions, CSRF, throttling and the gate on pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
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

  it('throttles an address after five failures, even with the right password', async () => {
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
});
