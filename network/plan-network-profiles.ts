// What each plan gives on the network. Kept beside plans (not in them) because it is enforcement
// detail: the plan group in FreeRADIUS is written from it.
import { sql } from 'drizzle-orm';
import type { Transaction } from '../db/records/transaction.js';
import { planNetworkProfiles } from '../db/schema/network.js';
import type { PlanNetworkProfile } from './radius-groups.js';

export class InvalidPlanNetworkProfileError extends Error {
  constructor(readonly field: 'rateLimit' | 'addressPool', reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidPlanNetworkProfileError';
  }
}

/** Creates or replaces a plan's profile; customers on the plan get it at their next reconcile. */
export async function savePlanNetworkProfile(tx: Transaction, profile: PlanNetworkProfile): Promise<void> {
  if (!/^[0-9]{1,6}[kKM]?\/[0-9]{1,6}[kKM]?$/.test(profile.rateLimit)) {
    throw new InvalidPlanNetworkProfileError('rateLimit', 'must be rx/tx rates such as 10M/50M (digits, then k or M)');
  }
  if (profile.addressPool !== null && !/^[A-Za-z0-9._-]{1,64}$/.test(profile.addressPool)) {
    throw new InvalidPlanNetworkProfileError('addressPool', 'must be 1 to 64 letters, digits or . _ -');
  }
  await tx
    .insert(planNetworkProfiles)
    .values(profile)
    .onConflictDoUpdate({
      target: planNetworkProfiles.planId,
      set: { rateLimit: profile.rateLimit, addressPool: profile.addressPool, updatedAt: sql`now()` },
    });
}
