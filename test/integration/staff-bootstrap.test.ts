// Who can sign in to a new installation: the configured first account, or the README's demo
// account, but never a published demo password on a portal other machines can reach.
import type { Client } from '@temporalio/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffUsers } from '../../db/schema.js';
import { loadConfig } from '../../server/config.js';
import type { ServiceContext } from '../../server/services/context.js';
import { signIn } from '../../server/services/access/staff.js';
import { DEMO_STAFF, bootstrapStaff } from '../../server/staff-bootstrap.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let ctx: ServiceContext;

beforeEach(async () => {
  database = await createTestDatabase();
  // Staff accounts live in the database only; no Temporal call is made.
  ctx = { db: database.handle.db, temporal: undefined as unknown as Client };
});
afterEach(() => database?.dispose());

const staffEmails = async () => (await ctx.db.select({ email: staffUsers.email }).from(staffUsers)).map((row) => row.email);
const attempt = (email: string, password: string) => signIn(ctx, { email, password, clientAddress: '127.0.0.1' });

describe('the first staff account', () => {
  it('is the configured one, created once, whatever the demo setting', async () => {
    const config = loadConfig({ UPLINK_ADMIN_EMAIL: 'Owner@ISP.example', UPLINK_ADMIN_PASSWORD: 'a long first password' });
    expect(await bootstrapStaff(ctx, config)).toBe('first staff account Owner@ISP.example created from UPLINK_ADMIN_EMAIL');
    expect(await bootstrapStaff(ctx, config)).toBe('staff accounts exist');
    expect(await staffEmails()).toEqual(['owner@isp.example']);
    expect((await attempt('owner@isp.example', 'a long first password')).outcome).toBe('signed-in');
  });

  it('is the demo account on a demo install that only this machine can reach', async () => {
    expect(await bootstrapStaff(ctx, loadConfig({}))).toContain(`demo staff account ${DEMO_STAFF.email} created`);
    expect((await attempt(DEMO_STAFF.email, DEMO_STAFF.password)).outcome).toBe('signed-in');
  });

  it('is not created with the published demo password when the portal listens for other machines', async () => {
    expect(await bootstrapStaff(ctx, loadConfig({ HOST: '0.0.0.0' }))).toContain('no demo staff account, because HOST 0.0.0.0 is reachable');
    expect(await staffEmails()).toEqual([]);
  });

  it('is not created at all without configuration or demo data', async () => {
    expect(await bootstrapStaff(ctx, loadConfig({ UPLINK_DEMO_DATA: 'false' }))).toContain('set UPLINK_ADMIN_EMAIL and UPLINK_ADMIN_PASSWORD');
    expect(await staffEmails()).toEqual([]);
  });
});
