// Writes FreeRADIUS's tables so they say what service_accounts.desired_state says: the user's hashed
// password (and, when refused, a Reject of their own), the one group they sit in, and the
// definitions of the groups themselves. Idempotent: a second run with nothing changed writes nothing.
// Rows this system does not own (operators' own groups and attributes) are left alone.
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Transaction } from '../db/records/transaction.js';
import { subscriptions } from '../db/schema/core.js';
import { planNetworkProfiles, radcheck, radgroupcheck, radgroupreply, radusergroup, serviceAccounts } from '../db/schema/network.js';
import {
  MANAGED_CHECK_ATTRIBUTES,
  MANAGED_GROUP_PREFIX,
  membershipFor,
  planGroup,
  restrictedGroup,
  suspendedGroup,
  userCheckRows,
  type GroupMembership,
  type PlanNetworkProfile,
  type RadiusAttribute,
  type RadiusGroup,
} from './radius-groups.js';
import type { ServiceState } from './service-states.js';

/** Attributes this system writes in its own groups; anything else an operator put there stays. */
const MANAGED_GROUP_ATTRIBUTES = [
  ...new Set([planGroup({ planId: '', rateLimit: '', addressPool: '' }), restrictedGroup, suspendedGroup].flatMap((group) => [...group.check, ...group.reply].map((row) => row.attribute))),
];

export class ServiceAccountNotFoundError extends Error {
  constructor(readonly customerId: string) {
    super(`customer ${customerId} has no service account: provision one first`);
    this.name = 'ServiceAccountNotFoundError';
  }
}

export interface AppliedServiceState {
  customerId: string;
  username: string;
  state: ServiceState;
  desiredVersion: number;
  membership: GroupMembership;
  /** The plan profile in force, when the customer has one (a restore's CoA gives its rate limit back). */
  profile: PlanNetworkProfile | null;
}

/** Makes FreeRADIUS's tables agree with the customer's desired state, inside the caller's transaction. */
export async function applyServiceState(tx: Transaction, customerId: string): Promise<AppliedServiceState> {
  // Held until commit: one writer per customer at a time.
  const [account] = await tx.select().from(serviceAccounts).where(eq(serviceAccounts.customerId, customerId)).for('update');
  if (!account) throw new ServiceAccountNotFoundError(customerId);
  const profile = await currentPlanProfile(tx, customerId);
  const { membership, group } = membershipFor(account.desiredState, profile, customerId);

  for (const definition of [restrictedGroup, suspendedGroup, ...(profile ? [planGroup(profile)] : []), group]) {
    await ensureGroup(tx, definition);
  }
  // The user's own Reject goes in before the group moves, and both commit together.
  await syncUserChecks(tx, account.username, userCheckRows(account.desiredState, account.passwordHash));
  await moveUserToGroup(tx, account.username, membership);
  return { customerId, username: account.username, state: account.desiredState, desiredVersion: account.desiredVersion, membership, profile };
}

async function currentPlanProfile(tx: Transaction, customerId: string): Promise<PlanNetworkProfile | null> {
  const [row] = await tx
    .select({ planId: subscriptions.planId, rateLimit: planNetworkProfiles.rateLimit, addressPool: planNetworkProfiles.addressPool })
    .from(subscriptions)
    .leftJoin(planNetworkProfiles, eq(planNetworkProfiles.planId, subscriptions.planId))
    .where(and(eq(subscriptions.customerId, customerId), eq(subscriptions.status, 'active')));
  if (!row || row.rateLimit === null) return null;
  return { planId: row.planId, rateLimit: row.rateLimit, addressPool: row.addressPool };
}

/** Creates or corrects a group's check and reply rows; concurrent writers take turns per group. */
async function ensureGroup(tx: Transaction, group: RadiusGroup): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`radius-group:${group.groupname}`}))`);
  for (const [table, wanted] of [
    [radgroupcheck, group.check],
    [radgroupreply, group.reply],
  ] as const) {
    const existing = await tx
      .select()
      .from(table)
      .where(and(eq(table.groupname, group.groupname), inArray(table.attribute, MANAGED_GROUP_ATTRIBUTES)))
      .orderBy(asc(table.id));
    const plan = planRowChanges(existing, wanted);
    if (plan.deleteIds.length > 0) await tx.delete(table).where(inArray(table.id, plan.deleteIds));
    for (const update of plan.updates) await tx.update(table).set(update.row).where(eq(table.id, update.id));
    if (plan.inserts.length > 0) await tx.insert(table).values(plan.inserts.map((row) => ({ groupname: group.groupname, ...row })));
  }
}

async function syncUserChecks(tx: Transaction, username: string, wanted: RadiusAttribute[]): Promise<void> {
  const existing = await tx
    .select()
    .from(radcheck)
    .where(and(eq(radcheck.username, username), inArray(radcheck.attribute, [...MANAGED_CHECK_ATTRIBUTES])))
    .orderBy(asc(radcheck.id));
  const plan = planRowChanges(existing, wanted);
  // Insert before deleting: a user never passes through a moment without their Reject or password.
  if (plan.inserts.length > 0) await tx.insert(radcheck).values(plan.inserts.map((row) => ({ username, ...row })));
  for (const update of plan.updates) await tx.update(radcheck).set(update.row).where(eq(radcheck.id, update.id));
  if (plan.deleteIds.length > 0) await tx.delete(radcheck).where(inArray(radcheck.id, plan.deleteIds));
}

/**
 * Moves the user's one managed group row to the wanted group: updated in place, so the user is never
 * without a group (FreeRADIUS lets a user with none in without limits). Extra rows in our groups
 * (left by hand) go once the wanted row is there.
 */
async function moveUserToGroup(tx: Transaction, username: string, wanted: GroupMembership): Promise<void> {
  const rows = await tx
    .select()
    .from(radusergroup)
    .where(and(eq(radusergroup.username, username), like(radusergroup.groupname, `${MANAGED_GROUP_PREFIX}%`)))
    .orderBy(asc(radusergroup.id));
  const keep = rows.find((row) => row.groupname === wanted.groupname) ?? rows[0];
  if (!keep) {
    await tx.insert(radusergroup).values({ username, ...wanted });
    return;
  }
  if (keep.groupname !== wanted.groupname || keep.priority !== wanted.priority) {
    await tx.update(radusergroup).set(wanted).where(eq(radusergroup.id, keep.id));
  }
  const extras = rows.filter((row) => row.id !== keep.id).map((row) => row.id);
  if (extras.length > 0) await tx.delete(radusergroup).where(inArray(radusergroup.id, extras));
}

interface ExistingRow extends RadiusAttribute {
  id: number;
}

/** What turns `existing` into `wanted`: one row per wanted attribute, reusing rows where it can. */
export function planRowChanges(
  existing: ExistingRow[],
  wanted: RadiusAttribute[],
): { inserts: RadiusAttribute[]; updates: Array<{ id: number; row: RadiusAttribute }>; deleteIds: number[] } {
  const inserts: RadiusAttribute[] = [];
  const updates: Array<{ id: number; row: RadiusAttribute }> = [];
  const used = new Set<number>();
  for (const row of wanted) {
    const same = existing.filter((candidate) => candidate.attribute === row.attribute && !used.has(candidate.id));
    const exact = same.find((candidate) => candidate.op === row.op && candidate.value === row.value);
    const reuse = exact ?? same[0];
    if (!reuse) {
      inserts.push(row);
      continue;
    }
    used.add(reuse.id);
    if (!exact) updates.push({ id: reuse.id, row });
  }
  const deleteIds = existing.filter((row) => !used.has(row.id)).map((row) => row.id);
  return { inserts, updates, deleteIds };
}
