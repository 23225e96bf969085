// A customer's collection settings: their own dunning policy and penalty class (null: the
// defaults), whether they are exempt and why, and the balance that alerts them. A customer
// without a row has the defaults, is not exempt and has no alert.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../client.js';
import { customerCollections, dunningPolicies, penaltyClasses } from '../../schema.js';
import type { Transaction } from '../transaction.js';

type Reader = Database | Transaction;

export interface CustomerCollectionSettings {
  dunningPolicyId: string | null;
  penaltyClassId: string | null;
  exempt: boolean;
  /** Required when exempt; null otherwise. */
  exemptReason: string | null;
  balanceAlertMinor: bigint | null;
}

export const NO_COLLECTION_SETTINGS: CustomerCollectionSettings = Object.freeze({
  dunningPolicyId: null,
  penaltyClassId: null,
  exempt: false,
  exemptReason: null,
  balanceAlertMinor: null,
});

export async function customerCollectionSettings(db: Reader, customerId: string): Promise<CustomerCollectionSettings> {
  const [row] = await db.select().from(customerCollections).where(eq(customerCollections.customerId, customerId));
  if (!row) return { ...NO_COLLECTION_SETTINGS };
  const { dunningPolicyId, penaltyClassId, exempt, exemptReason, balanceAlertMinor } = row;
  return { dunningPolicyId, penaltyClassId, exempt, exemptReason, balanceAlertMinor };
}

export type CollectionSettingsWrite = { ok: true } | { ok: false; field: 'dunningPolicyId' | 'penaltyClassId' | 'exemptReason'; reason: string };

/** Stores the settings whole; refuses a policy or class that does not exist, and an exemption without a reason. */
export async function upsertCustomerCollectionSettings(tx: Transaction, customerId: string, settings: CustomerCollectionSettings): Promise<CollectionSettingsWrite> {
  if (settings.dunningPolicyId !== null) {
    const [policy] = await tx.select({ id: dunningPolicies.id }).from(dunningPolicies).where(eq(dunningPolicies.id, settings.dunningPolicyId));
    if (!policy) return { ok: false, field: 'dunningPolicyId', reason: 'is not a dunning policy' };
  }
  if (settings.penaltyClassId !== null) {
    const [penaltyClass] = await tx.select({ id: penaltyClasses.id }).from(penaltyClasses).where(eq(penaltyClasses.id, settings.penaltyClassId));
    if (!penaltyClass) return { ok: false, field: 'penaltyClassId', reason: 'is not a penalty class' };
  }
  if (settings.exempt && !settings.exemptReason) return { ok: false, field: 'exemptReason', reason: 'is required when the customer is exempt' };
  const values = { ...settings, exemptReason: settings.exempt ? settings.exemptReason : null };
  await tx
    .insert(customerCollections)
    .values({ customerId, ...values })
    .onConflictDoUpdate({ target: customerCollections.customerId, set: { ...values, updatedAt: sql`now()` } });
  return { ok: true };
}
