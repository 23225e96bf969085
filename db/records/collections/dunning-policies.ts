// Dunning policies and their versions. A version is never changed once written: an edit writes the
// next one and moves the policy's current version to it, so a running episode keeps reading the
// version it started with. Definitions arrive parsed (billing's parseDunningPolicy is the one way
// in) and are stored as dunningPolicyToJson writes them.
import { and, asc, eq, sql } from 'drizzle-orm';
import { dunningPolicyToJson, parseDunningPolicy, type DunningPolicy } from '../../../billing/collections/dunning/index.js';
import type { Database } from '../../client.js';
import { customerCollections, dunningPolicies, dunningPolicyVersions } from '../../schema.js';
import type { Transaction } from '../transaction.js';

type Reader = Database | Transaction;

export type DunningPolicyRow = typeof dunningPolicies.$inferSelect;

export interface DunningPolicyVersion {
  version: number;
  policy: DunningPolicy;
  createdBy: string;
  createdAt: Date;
}

export interface DunningPolicyWithVersions extends DunningPolicyRow {
  /** Oldest first. */
  versions: DunningPolicyVersion[];
}

export interface PolicyInForce {
  policyId: string;
  version: number;
  policy: DunningPolicy;
}

/** A stored definition read back; one that no longer parses is a fault of the data, not of input. */
function storedPolicy(definition: unknown, policyId: string, version: number): DunningPolicy {
  const parsed = parseDunningPolicy(definition);
  if (!parsed.ok) throw new Error(`Dunning policy ${policyId} version ${version} is stored unreadable: ${parsed.field} ${parsed.reason}`);
  return parsed.policy;
}

export async function policyNameTaken(db: Reader, name: string): Promise<boolean> {
  const [row] = await db.select({ id: dunningPolicies.id }).from(dunningPolicies).where(eq(dunningPolicies.name, name));
  return row !== undefined;
}

export async function anyDefaultPolicy(db: Reader): Promise<boolean> {
  const [row] = await db.select({ id: dunningPolicies.id }).from(dunningPolicies).where(eq(dunningPolicies.isDefault, true));
  return row !== undefined;
}

/** Creates the policy with its version 1. */
export async function createDunningPolicy(tx: Transaction, input: { name: string; policy: DunningPolicy; createdBy: string }): Promise<DunningPolicyRow> {
  const [row] = await tx.insert(dunningPolicies).values({ name: input.name, currentVersion: 1 }).returning();
  if (!row) throw new Error('Inserting a dunning policy returned no row');
  await tx.insert(dunningPolicyVersions).values({ policyId: row.id, version: 1, definition: dunningPolicyToJson(input.policy), createdBy: input.createdBy });
  return row;
}

/** Writes the next version and makes it current; null when the policy does not exist. */
export async function writePolicyVersion(tx: Transaction, policyId: string, policy: DunningPolicy, createdBy: string): Promise<number | null> {
  // The row lock serializes two edits of one policy, so each gets its own version number.
  const [row] = await tx.select().from(dunningPolicies).where(eq(dunningPolicies.id, policyId)).for('update');
  if (!row) return null;
  const version = row.currentVersion + 1;
  await tx.insert(dunningPolicyVersions).values({ policyId, version, definition: dunningPolicyToJson(policy), createdBy });
  await tx.update(dunningPolicies).set({ currentVersion: version }).where(eq(dunningPolicies.id, policyId));
  return version;
}

/** Makes the policy the default, and no other; false when it does not exist. */
export async function setDefaultPolicy(tx: Transaction, policyId: string): Promise<boolean> {
  const [row] = await tx.select({ id: dunningPolicies.id }).from(dunningPolicies).where(eq(dunningPolicies.id, policyId)).for('update');
  if (!row) return false;
  await tx.update(dunningPolicies).set({ isDefault: false }).where(and(eq(dunningPolicies.isDefault, true), sql`${dunningPolicies.id} <> ${policyId}`));
  await tx.update(dunningPolicies).set({ isDefault: true }).where(eq(dunningPolicies.id, policyId));
  return true;
}

export async function listDunningPolicies(db: Reader): Promise<DunningPolicyRow[]> {
  return db.select().from(dunningPolicies).orderBy(asc(dunningPolicies.name));
}

export async function dunningPolicyWithVersions(db: Reader, policyId: string): Promise<DunningPolicyWithVersions | null> {
  const [row] = await db.select().from(dunningPolicies).where(eq(dunningPolicies.id, policyId));
  if (!row) return null;
  const versions = await db
    .select()
    .from(dunningPolicyVersions)
    .where(eq(dunningPolicyVersions.policyId, policyId))
    .orderBy(asc(dunningPolicyVersions.version));
  return {
    ...row,
    versions: versions.map((v) => ({ version: v.version, policy: storedPolicy(v.definition, policyId, v.version), createdBy: v.createdBy, createdAt: v.createdAt })),
  };
}

/** One version of a policy, as it was written; null when there is no such version. */
export async function policyVersion(db: Reader, policyId: string, version: number): Promise<DunningPolicy | null> {
  const [row] = await db
    .select({ definition: dunningPolicyVersions.definition })
    .from(dunningPolicyVersions)
    .where(and(eq(dunningPolicyVersions.policyId, policyId), eq(dunningPolicyVersions.version, version)));
  return row ? storedPolicy(row.definition, policyId, version) : null;
}

/** The customer's own policy, else the default, at its current version; null when there is no policy at all. */
export async function policyForCustomer(db: Reader, customerId: string): Promise<PolicyInForce | null> {
  const [own] = await db
    .select({ id: dunningPolicies.id, version: dunningPolicies.currentVersion })
    .from(customerCollections)
    .innerJoin(dunningPolicies, eq(dunningPolicies.id, customerCollections.dunningPolicyId))
    .where(eq(customerCollections.customerId, customerId));
  const [chosen] = own
    ? [own]
    : await db.select({ id: dunningPolicies.id, version: dunningPolicies.currentVersion }).from(dunningPolicies).where(eq(dunningPolicies.isDefault, true));
  if (!chosen) return null;
  const policy = await policyVersion(db, chosen.id, chosen.version);
  if (!policy) throw new Error(`Dunning policy ${chosen.id} has no version ${chosen.version}`);
  return { policyId: chosen.id, version: chosen.version, policy };
}
