// Makes sure someone can sign in to a new installation: the account from UPLINK_ADMIN_EMAIL and
// UPLINK_ADMIN_PASSWORD, or, on a demo install, a demo account whose password the README gives.
// The demo account is only made when the portal listens on this machine alone: a published
// password must never open a portal others can reach.
import type { AppConfig } from './config.js';
import type { ServiceContext } from './services/context.js';
import { ensureFirstStaff } from './services/access/staff.js';

export const DEMO_STAFF = { email: 'admin@uplink.test', password: 'uplink-demo-password', name: 'Demo Administrator' };

/** A line for the start banner on how staff sign in. */
export async function bootstrapStaff(ctx: ServiceContext, config: AppConfig): Promise<string> {
  if (config.firstStaff) {
    const created = await ensureFirstStaff(ctx, config.firstStaff);
    return created ? `first staff account ${config.firstStaff.email} created from UPLINK_ADMIN_EMAIL` : 'staff accounts exist';
  }
  if (config.seedDemoData && !isLoopback(config.portal.host)) {
    return `no demo staff account, because HOST ${config.portal.host} is reachable from other machines; set UPLINK_ADMIN_EMAIL and UPLINK_ADMIN_PASSWORD`;
  }
  if (config.seedDemoData) {
    const created = await ensureFirstStaff(ctx, DEMO_STAFF);
    return created ? `demo staff account ${DEMO_STAFF.email} created (password in the README)` : 'staff accounts exist';
  }
  return 'set UPLINK_ADMIN_EMAIL and UPLINK_ADMIN_PASSWORD for a first account, or add one with `uplink staff create`';
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
