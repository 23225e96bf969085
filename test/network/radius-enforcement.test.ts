// What a customer's router meets at login, asked of a real FreeRADIUS (rlm_sql_postgresql on this
// file's database) with the real `radtest`: the plan's rate limit and pool while active, the walled
// garden while restricted, a refusal while suspended or ended, the plan again once restored. A
// suspended user stays out even after their group rows were tampered with, and the password is
// kept nowhere in clear.
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { radcheck, radgroupcheck, radgroupreply, radusergroup, serviceAccounts } from '../../db/schema/network.js';
import { planGroupName } from '../../network/radius-groups.js';
import { reconcileServiceState } from '../../network/reconcile.js';
import { setDesiredServiceState } from '../../network/service-accounts.js';
import { servicePasswordMatches } from '../../network/service-password.js';
import type { ServiceState } from '../../network/service-states.js';
import { radtest } from '../support/freeradius.js';
import { columnsContaining, createNetworkWorld, PLAN_POOL, PLAN_RATE_LIMIT, serviceCustomer, type NetworkWorld, type ServiceCustomer } from './network-fixtures.js';

let world: NetworkWorld;
let ada: ServiceCustomer;

beforeAll(async () => {
  world = await createNetworkWorld();
  ada = await serviceCustomer(world, 'Ada');
});

afterAll(async () => {
  await world?.dispose();
});

const db = () => world.database.handle.db;
const login = (customer: ServiceCustomer, password = customer.password) => radtest(world.radius, customer.username, password);

async function decide(customer: ServiceCustomer, state: ServiceState, reason: string) {
  await db().transaction((tx) => setDesiredServiceState(tx, customer.customerId, state, reason));
  return reconcileServiceState(db(), customer.customerId, { nasTimeoutMs: 200 });
}

async function managedRows(username: string) {
  return {
    checks: await db().select().from(radcheck).where(eq(radcheck.username, username)).orderBy(radcheck.id),
    groups: await db().select().from(radusergroup).where(eq(radusergroup.username, username)).orderBy(radusergroup.id),
    groupReplies: await db().select().from(radgroupreply).where(like(radgroupreply.groupname, 'uplink-%')).orderBy(radgroupreply.id),
    groupChecks: await db().select().from(radgroupcheck).where(like(radgroupcheck.groupname, 'uplink-%')).orderBy(radgroupcheck.id),
  };
}

describe('FreeRADIUS answers from the state billing decided', () => {
  it('active: Access-Accept with the plan rate limit and address pool; a wrong password is refused', async () => {
    const result = await reconcileServiceState(db(), ada.customerId, { nasTimeoutMs: 200 });
    expect(result).toMatchObject({ state: 'active', groupname: planGroupName(world.planId), sessions: [] });

    expect(await login(ada)).toEqual({ code: 'Access-Accept', attributes: { 'Mikrotik-Rate-Limit': PLAN_RATE_LIMIT, 'Framed-Pool': PLAN_POOL } });
    expect((await login(ada, 'not the password')).code).toBe('Access-Reject');

    const [account] = await db().select().from(serviceAccounts).where(eq(serviceAccounts.customerId, ada.customerId));
    expect(account).toMatchObject({ appliedState: 'active', appliedVersion: 1, lastError: null });
    expect(account!.appliedAt).toBeInstanceOf(Date);
  });

  it('a second reconcile with nothing changed writes nothing', async () => {
    const before = await managedRows(ada.username);
    await reconcileServiceState(db(), ada.customerId, { nasTimeoutMs: 200 });
    expect(await managedRows(ada.username)).toEqual(before);
  });

  it('restricted: Access-Accept into the walled garden (filter and a trickle), without the plan pool', async () => {
    await decide(ada, 'restricted', 'invoice INV-2026-000123 overdue 21 days');
    expect(await login(ada)).toEqual({ code: 'Access-Accept', attributes: { 'Filter-Id': 'walled-garden', 'Mikrotik-Rate-Limit': '256k/256k' } });
  });

  it('suspended: Access-Reject with the right password', async () => {
    await decide(ada, 'suspended', 'invoice INV-2026-000123 overdue 45 days');
    expect((await login(ada)).code).toBe('Access-Reject');
    const { groups, checks } = await managedRows(ada.username);
    // Moved, not removed: still exactly one group row.
    expect(groups.map((row) => [row.groupname, row.priority])).toEqual([['uplink-suspended', 0]]);
    expect(checks.map((row) => `${row.attribute} ${row.op} ${row.attribute === 'Auth-Type' ? row.value : '…'}`)).toEqual([
      'SSHA2-256-Password := …',
      'Auth-Type := Reject',
    ]);
  });

  it('restored: Access-Accept with the plan attributes again', async () => {
    await decide(ada, 'active', 'paid in full');
    expect(await login(ada)).toEqual({ code: 'Access-Accept', attributes: { 'Mikrotik-Rate-Limit': PLAN_RATE_LIMIT, 'Framed-Pool': PLAN_POOL } });
    const { groups, checks } = await managedRows(ada.username);
    expect(groups.map((row) => [row.groupname, row.priority])).toEqual([[planGroupName(world.planId), 10]]);
    expect(checks.map((row) => row.attribute)).toEqual(['SSHA2-256-Password']);
  });

  it('ended: refused like suspended', async () => {
    const grace = await serviceCustomer(world, 'Grace');
    await decide(grace, 'ended', 'subscription ended 2026-11-30');
    expect((await login(grace)).code).toBe('Access-Reject');
  });

  it('suspended stays out when the group rows were tampered with (removed, or the plan group put first)', async () => {
    const linus = await serviceCustomer(world, 'Linus');
    await decide(linus, 'suspended', 'invoice overdue 45 days');

    // Without any group row FreeRADIUS would let a user in without limits: the user's own Reject holds.
    await db().delete(radusergroup).where(eq(radusergroup.username, linus.username));
    expect((await login(linus)).code).toBe('Access-Reject');

    await db().insert(radusergroup).values({ username: linus.username, groupname: planGroupName(world.planId), priority: 0 });
    expect((await login(linus)).code).toBe('Access-Reject');

    // The next reconcile puts the rows back as they should be.
    await reconcileServiceState(db(), linus.customerId, { nasTimeoutMs: 200 });
    const rows = await db().select().from(radusergroup).where(eq(radusergroup.username, linus.username));
    expect(rows.map((row) => [row.groupname, row.priority])).toEqual([['uplink-suspended', 0]]);
    expect((await login(linus)).code).toBe('Access-Reject');
  });

  it('the password is stored nowhere in clear, only as a salted SHA-256 that FreeRADIUS checks', async () => {
    expect(await columnsContaining(world, ada.password)).toEqual([]);
    const [account] = await db().select().from(serviceAccounts).where(eq(serviceAccounts.customerId, ada.customerId));
    expect(servicePasswordMatches(ada.password, account!.passwordHash)).toBe(true);
    const [check] = await db()
      .select()
      .from(radcheck)
      .where(and(eq(radcheck.username, ada.username), eq(radcheck.attribute, 'SSHA2-256-Password')));
    expect(check!.value).toBe(account!.passwordHash);
    // radtest above got in with the clear password: FreeRADIUS's pap checked it against this hash.
  });
});
