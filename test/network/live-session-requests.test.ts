// Sessions already running when billing changes its mind, against a real FreeRADIUS whose second
// virtual server stands in for the NAS (RFC 5176 CoA listener, logging every request it gets):
// suspension disconnects the session (with its Acct-Session-Id and User-Name), restriction moves it
// into the walled garden by CoA (or disconnects it where the NAS refuses CoA), a restore gives the
// plan back by CoA; "no such session" (Error-Cause 503) counts as done; an acknowledged request is
// never sent again; a NAS that does not answer is tried a bounded number of times and the account
// says why it is not applied yet.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nas, networkRequests, radacct, serviceAccounts } from '../../db/schema/network.js';
import { NetworkDisagreesError, reconcileServiceState } from '../../network/reconcile.js';
import { setDesiredServiceState } from '../../network/service-accounts.js';
import type { ServiceState } from '../../network/service-states.js';
import { accountingStart } from '../support/freeradius.js';
import { createNetworkWorld, PLAN_RATE_LIMIT, serviceCustomer, type NetworkWorld, type ServiceCustomer } from './network-fixtures.js';

let world: NetworkWorld;

beforeAll(async () => {
  world = await createNetworkWorld();
});

afterAll(async () => {
  await world?.dispose();
});

const db = () => world.database.handle.db;
const reconcile = (customer: ServiceCustomer) => reconcileServiceState(db(), customer.customerId, { nasTimeoutMs: 300, nasAttempts: 2 });

async function decide(customer: ServiceCustomer, state: ServiceState, reason: string) {
  await db().transaction((tx) => setDesiredServiceState(tx, customer.customerId, state, reason));
  return reconcile(customer);
}

/** A customer online: reconciled while active, then a session opened through FreeRADIUS's accounting. */
async function onlineCustomer(name: string, acctSessionId: string) {
  const customer = await serviceCustomer(world, name);
  await reconcile(customer);
  await accountingStart(world.radius, { username: customer.username, acctSessionId });
  return customer;
}

const requestsTo = (customer: ServiceCustomer) => world.radius.nasRequests().filter((line) => line.userName === customer.username);
const requestRows = (customer: ServiceCustomer) =>
  db().select().from(networkRequests).where(eq(networkRequests.customerId, customer.customerId)).orderBy(networkRequests.createdAt);
const account = async (customer: ServiceCustomer) =>
  (await db().select().from(serviceAccounts).where(eq(serviceAccounts.customerId, customer.customerId)))[0]!;

describe('live sessions follow the desired state', () => {
  it('suspension sends one Disconnect-Request naming the session; a second reconcile sends nothing', async () => {
    const ada = await onlineCustomer('Ada', 'ada-session-1');
    const result = await decide(ada, 'suspended', 'invoice overdue 45 days');

    expect(result.sessions).toEqual([{ acctSessionId: 'ada-session-1', settledBy: 'disconnect', status: 'acked' }]);
    expect(requestsTo(ada)).toEqual([{ packetType: 'Disconnect-Request', userName: ada.username, acctSessionId: 'ada-session-1', filterId: '', rateLimit: '' }]);
    const [row] = await requestRows(ada);
    expect(row).toMatchObject({ kind: 'disconnect', status: 'acked', attempts: 1, desiredState: 'suspended', desiredVersion: 2, lastError: null });
    expect(row!.ackedAt).toBeInstanceOf(Date);
    expect(await account(ada)).toMatchObject({ appliedState: 'suspended', appliedVersion: 2, lastError: null });

    // The stand-in NAS sends no Accounting Stop, so radacct still shows the session open: the
    // request for it was acknowledged, and is not sent again.
    await reconcile(ada);
    expect(requestsTo(ada)).toHaveLength(1);
    expect(await requestRows(ada)).toHaveLength(1);

    // A restore is a new change: the session (still listed) gets its plan back by CoA.
    const restored = await decide(ada, 'active', 'paid in full');
    expect(restored.sessions).toEqual([{ acctSessionId: 'ada-session-1', settledBy: 'coa', status: 'acked' }]);
    expect(requestsTo(ada).at(-1)).toEqual({ packetType: 'CoA-Request', userName: ada.username, acctSessionId: 'ada-session-1', filterId: '', rateLimit: PLAN_RATE_LIMIT });
    expect(await account(ada)).toMatchObject({ appliedState: 'active', appliedVersion: 3 });
  });

  it('restriction moves the session into the walled garden by CoA', async () => {
    const grace = await onlineCustomer('Grace', 'grace-session-1');
    const result = await decide(grace, 'restricted', 'invoice overdue 21 days');
    expect(result.sessions).toEqual([{ acctSessionId: 'grace-session-1', settledBy: 'coa', status: 'acked' }]);
    expect(requestsTo(grace)).toEqual([
      { packetType: 'CoA-Request', userName: grace.username, acctSessionId: 'grace-session-1', filterId: 'walled-garden', rateLimit: '256k/256k' },
    ]);
  });

  it('a NAS that refuses CoA gets a Disconnect-Request instead', async () => {
    const linus = await onlineCustomer('Linus', 'no-coa-linus-1');
    const result = await decide(linus, 'restricted', 'invoice overdue 21 days');
    expect(result.sessions).toEqual([{ acctSessionId: 'no-coa-linus-1', settledBy: 'disconnect', status: 'acked' }]);
    expect(requestsTo(linus).map((line) => line.packetType)).toEqual(['CoA-Request', 'Disconnect-Request']);
    expect((await requestRows(linus)).map((row) => [row.kind, row.status, row.errorCause])).toEqual([
      ['coa', 'refused', 405],
      ['disconnect', 'acked', null],
    ]);

    await reconcile(linus);
    expect(requestsTo(linus)).toHaveLength(2);
  });

  it('a NAK with Error-Cause 503 (Session-Context-Not-Found) counts as done', async () => {
    const ken = await onlineCustomer('Ken', 'gone-ken-1');
    const result = await decide(ken, 'suspended', 'invoice overdue 45 days');
    expect(result.sessions).toEqual([{ acctSessionId: 'gone-ken-1', settledBy: 'disconnect', status: 'session_gone' }]);
    expect((await requestRows(ken)).map((row) => [row.kind, row.status, row.errorCause, row.attempts])).toEqual([['disconnect', 'session_gone', 503, 1]]);
    expect(await account(ken)).toMatchObject({ appliedState: 'suspended', lastError: null });

    await reconcile(ken);
    expect(requestsTo(ken)).toHaveLength(1);
  });

  it('a NAS that does not answer is tried a bounded number of times; the account keeps the error and is not marked applied', async () => {
    const barbara = await serviceCustomer(world, 'Barbara');
    await reconcile(barbara);
    // A session on a NAS whose CoA port nobody listens on (another loopback address, so the stand-in does not see it).
    await db().insert(nas).values({ nasname: '127.0.0.3', shortname: 'silent', secret: 'silent-secret', ports: world.radius.nasPort });
    await db().insert(radacct).values({ acctsessionid: 'barbara-1', acctuniqueid: 'barbara-unique-1', username: barbara.username, nasipaddress: '127.0.0.3', acctstarttime: new Date() });

    await db().transaction((tx) => setDesiredServiceState(tx, barbara.customerId, 'suspended', 'invoice overdue 45 days'));
    const started = Date.now();
    const error = await reconcile(barbara).catch((caught: unknown) => caught);
    // Two attempts: 300 ms, then 600 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(error).toBeInstanceOf(NetworkDisagreesError);
    expect((error as Error).message).toContain('127.0.0.3');

    const [row] = await requestRows(barbara);
    expect(row).toMatchObject({ kind: 'disconnect', status: 'pending', attempts: 2, ackedAt: null });
    expect(row!.lastError).toContain('did not answer after 2 attempt(s)');
    const state = await account(barbara);
    expect(state).toMatchObject({ desiredState: 'suspended', appliedState: 'active', appliedVersion: 1 });
    expect(state.lastError).toContain('did not answer');

    // FreeRADIUS's tables were written all the same: the next login is refused already.
    // Once the session has ended (Accounting Stop), the next reconcile has nothing left to tell the NAS.
    await db().update(radacct).set({ acctstoptime: new Date() }).where(and(eq(radacct.acctuniqueid, 'barbara-unique-1')));
    await reconcile(barbara);
    expect(await account(barbara)).toMatchObject({ appliedState: 'suspended', appliedVersion: 2, lastError: null });
  });
});
