// Network enforcement. Two kinds of tables live here:
//  - FreeRADIUS's own, exactly as its PostgreSQL schema defines them
//    (mods-config/sql/main/postgresql/schema.sql of FreeRADIUS 3.2): FreeRADIUS reads the
//    check/reply/group tables to answer Access-Requests and writes radacct from accounting. Column
//    names, types and defaults must stay as FreeRADIUS's queries expect them. radpostauth is left
//    out on purpose: FreeRADIUS's stock post-auth query stores the password a user typed, in clear.
//  - ours: each customer's service account (credentials and the state billing wants), each plan's
//    network profile, and the log of Disconnect/CoA requests sent to the NAS.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, inet, integer, pgTable, serial, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { ENFORCED_SERVICE_STATES as SERVICE_STATES } from '../../billing/collections/dunning/stages.js';
import { customers, plans } from './core.js';

export const radcheck = pgTable(
  'radcheck',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().default(''),
    attribute: text('attribute').notNull().default(''),
    op: varchar('op', { length: 2 }).notNull().default('=='),
    value: text('value').notNull().default(''),
  },
  (t) => [index('radcheck_username').on(t.username, t.attribute)],
);

export const radreply = pgTable(
  'radreply',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().default(''),
    attribute: text('attribute').notNull().default(''),
    op: varchar('op', { length: 2 }).notNull().default('='),
    value: text('value').notNull().default(''),
  },
  (t) => [index('radreply_username').on(t.username, t.attribute)],
);

export const radgroupcheck = pgTable(
  'radgroupcheck',
  {
    id: serial('id').primaryKey(),
    groupname: text('groupname').notNull().default(''),
    attribute: text('attribute').notNull().default(''),
    op: varchar('op', { length: 2 }).notNull().default('=='),
    value: text('value').notNull().default(''),
  },
  (t) => [index('radgroupcheck_groupname').on(t.groupname, t.attribute)],
);

export const radgroupreply = pgTable(
  'radgroupreply',
  {
    id: serial('id').primaryKey(),
    groupname: text('groupname').notNull().default(''),
    attribute: text('attribute').notNull().default(''),
    op: varchar('op', { length: 2 }).notNull().default('='),
    value: text('value').notNull().default(''),
  },
  (t) => [index('radgroupreply_groupname').on(t.groupname, t.attribute)],
);

export const radusergroup = pgTable(
  'radusergroup',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().default(''),
    groupname: text('groupname').notNull().default(''),
    priority: integer('priority').notNull().default(0),
  },
  (t) => [index('radusergroup_username').on(t.username)],
);

export const radacct = pgTable(
  'radacct',
  {
    radacctid: bigserial('radacctid', { mode: 'bigint' }).primaryKey(),
    acctsessionid: text('acctsessionid').notNull(),
    acctuniqueid: text('acctuniqueid').notNull().unique('radacct_acctuniqueid_key'),
    username: text('username'),
    realm: text('realm'),
    nasipaddress: inet('nasipaddress').notNull(),
    nasportid: text('nasportid'),
    nasporttype: text('nasporttype'),
    acctstarttime: timestamp('acctstarttime', { withTimezone: true }),
    acctupdatetime: timestamp('acctupdatetime', { withTimezone: true }),
    acctstoptime: timestamp('acctstoptime', { withTimezone: true }),
    acctinterval: bigint('acctinterval', { mode: 'bigint' }),
    acctsessiontime: bigint('acctsessiontime', { mode: 'bigint' }),
    acctauthentic: text('acctauthentic'),
    connectinfoStart: text('connectinfo_start'),
    connectinfoStop: text('connectinfo_stop'),
    acctinputoctets: bigint('acctinputoctets', { mode: 'bigint' }),
    acctoutputoctets: bigint('acctoutputoctets', { mode: 'bigint' }),
    calledstationid: text('calledstationid'),
    callingstationid: text('callingstationid'),
    acctterminatecause: text('acctterminatecause'),
    servicetype: text('servicetype'),
    framedprotocol: text('framedprotocol'),
    framedipaddress: inet('framedipaddress'),
    framedipv6address: inet('framedipv6address'),
    framedipv6prefix: inet('framedipv6prefix'),
    framedinterfaceid: text('framedinterfaceid'),
    delegatedipv6prefix: inet('delegatedipv6prefix'),
    class: text('class'),
  },
  (t) => [
    index('radacct_active_session_idx').on(t.acctuniqueid).where(sql`${t.acctstoptime} is null`),
    index('radacct_bulk_close').on(t.nasipaddress, t.acctstarttime).where(sql`${t.acctstoptime} is null`),
    index('radacct_start_user_idx').on(t.acctstarttime, t.username),
    index('radacct_calss_idx').on(t.class),
    // Ours: the reconciler looks up a user's open sessions.
    index('radacct_open_by_user').on(t.username).where(sql`${t.acctstoptime} is null`),
  ],
);

/** The NAS devices: FreeRADIUS's clients, and where Disconnect/CoA requests go (`ports`: the CoA port). */
export const nas = pgTable(
  'nas',
  {
    id: serial('id').primaryKey(),
    nasname: text('nasname').notNull(),
    shortname: text('shortname').notNull(),
    type: text('type').notNull().default('other'),
    ports: integer('ports'),
    secret: text('secret').notNull(),
    server: text('server'),
    community: text('community'),
    description: text('description'),
  },
  (t) => [index('nas_nasname').on(t.nasname)],
);

const serviceStateList = sql.raw(SERVICE_STATES.map((state) => `'${state}'`).join(', '));

/** A customer's credentials on the network and the state billing wants their service in. */
export const serviceAccounts = pgTable(
  'service_accounts',
  {
    customerId: uuid('customer_id')
      .primaryKey()
      .references(() => customers.id),
    /** The RADIUS User-Name. */
    username: text('username').notNull().unique(),
    /** FreeRADIUS's salted SHA-256 (`SSHA2-256-Password`), base64 of digest then salt: never the password. */
    passwordHash: text('password_hash').notNull(),
    desiredState: text('desired_state', { enum: SERVICE_STATES }).notNull().default('active'),
    desiredReason: text('desired_reason'),
    desiredAt: timestamp('desired_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Counts changes of the desired state (1 when provisioned): one change is one set of
     * Disconnect/CoA requests, whatever the clock says.
     */
    desiredVersion: integer('desired_version').notNull().default(1),
    /** The state the network last agreed with, and when it did. */
    appliedState: text('applied_state', { enum: SERVICE_STATES }),
    appliedVersion: integer('applied_version'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    /** Why the last reconcile could not make the network agree; null once it did. */
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    check('service_accounts_desired_state_known', sql`${t.desiredState} in (${serviceStateList})`),
    check('service_accounts_applied_state_known', sql`${t.appliedState} is null or ${t.appliedState} in (${serviceStateList})`),
    check('service_accounts_username_shape', sql`${t.username} ~ '^[A-Za-z0-9._@-]{1,64}$'`),
    check('service_accounts_desired_version_positive', sql`${t.desiredVersion} >= 1`),
    index('service_accounts_not_applied')
      .on(t.desiredAt)
      .where(sql`${t.appliedVersion} is distinct from ${t.desiredVersion}`),
  ],
);

/** What a plan gives on the network: its rate limit (MikroTik syntax, rx/tx) and address pool. */
export const planNetworkProfiles = pgTable(
  'plan_network_profiles',
  {
    planId: uuid('plan_id')
      .primaryKey()
      .references(() => plans.id),
    rateLimit: text('rate_limit').notNull(),
    addressPool: text('address_pool'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('plan_network_profiles_rate_limit_shape', sql`${t.rateLimit} ~ '^[0-9]{1,6}[kKM]?/[0-9]{1,6}[kKM]?$'`),
    check('plan_network_profiles_address_pool_shape', sql`${t.addressPool} is null or ${t.addressPool} ~ '^[A-Za-z0-9._-]{1,64}$'`),
  ],
);

export const NETWORK_REQUEST_KINDS = ['disconnect', 'coa'] as const;
/**
 * pending: not answered yet (retried by the next reconcile); acked: the NAS did it;
 * session_gone: NAK with Error-Cause 503, the session no longer exists, which is as good;
 * refused: NAK for another cause (a CoA refused is followed by a Disconnect).
 */
export const NETWORK_REQUEST_STATUSES = ['pending', 'acked', 'session_gone', 'refused'] as const;

/** Every Disconnect/CoA request sent to a NAS, once per customer, session, desired-state change and kind. */
export const networkRequests = pgTable(
  'network_requests',
  {
    id: id(),
    /** `<kind>:<customer>:<acctuniqueid>:<desired version>`: a request acknowledged is never sent again. */
    requestKey: text('request_key').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: NETWORK_REQUEST_KINDS }).notNull(),
    desiredState: text('desired_state', { enum: SERVICE_STATES }).notNull(),
    desiredVersion: integer('desired_version').notNull(),
    acctUniqueId: text('acct_unique_id').notNull(),
    acctSessionId: text('acct_session_id').notNull(),
    username: text('username').notNull(),
    nasAddress: text('nas_address').notNull(),
    nasPort: integer('nas_port').notNull(),
    status: text('status', { enum: NETWORK_REQUEST_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** The NAK's Error-Cause, when there was one. */
    errorCause: integer('error_cause'),
    lastError: text('last_error'),
    ackedAt: timestamp('acked_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('network_requests_key').on(t.requestKey),
    index('network_requests_customer').on(t.customerId),
    check('network_requests_kind_known', sql`${t.kind} in ('disconnect', 'coa')`),
    check('network_requests_status_known', sql`${t.status} in ('pending', 'acked', 'session_gone', 'refused')`),
    check('network_requests_desired_state_known', sql`${t.desiredState} in (${serviceStateList})`),
  ],
);
