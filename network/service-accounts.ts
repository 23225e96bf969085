// A customer's service account: credentials on the network and the state billing wants. Changing
// the desired state writes only here; reconcileServiceState carries it to FreeRADIUS and the NAS.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Transaction } from '../db/records/transaction.js';
import { serviceAccounts } from '../db/schema/network.js';
import { checkServiceUsername, hashServicePassword, InvalidServiceCredentialsError } from './service-password.js';
import { isServiceState, SERVICE_STATES, type ServiceState } from './service-states.js';
import { ServiceAccountNotFoundError } from './radius-sql-writer.js';

export const MAX_REASON_LENGTH = 500;

export interface ServiceAccountSummary {
  customerId: string;
  username: string;
  desiredState: ServiceState;
  desiredVersion: number;
}

/**
 * Creates the account (desired state active), or sets a new password on it. The password is
 * stored only as a salted hash. A username belongs to one customer and does not change.
 */
export async function provisionServiceAccount(tx: Transaction, customerId: string, username: string, password: string): Promise<ServiceAccountSummary> {
  checkServiceUsername(username);
  const passwordHash = hashServicePassword(password);
  const [taken] = await tx
    .select({ customerId: serviceAccounts.customerId })
    .from(serviceAccounts)
    .where(and(eq(serviceAccounts.username, username), ne(serviceAccounts.customerId, customerId)));
  if (taken) throw new InvalidServiceCredentialsError('username', `${username} belongs to another customer`);
  const [existing] = await tx.select().from(serviceAccounts).where(eq(serviceAccounts.customerId, customerId)).for('update');
  if (existing && existing.username !== username) {
    throw new InvalidServiceCredentialsError('username', `this customer's service username is ${existing.username} and does not change`);
  }
  const [row] = existing
    ? await tx.update(serviceAccounts).set({ passwordHash }).where(eq(serviceAccounts.customerId, customerId)).returning()
    : await tx.insert(serviceAccounts).values({ customerId, username, passwordHash }).returning();
  return { customerId, username, desiredState: row!.desiredState, desiredVersion: row!.desiredVersion };
}

/** Records billing's decision. A change of state counts as a new version; the same state again changes nothing. */
export async function setDesiredServiceState(
  tx: Transaction,
  customerId: string,
  state: ServiceState,
  reason: string,
): Promise<ServiceAccountSummary & { changed: boolean }> {
  if (!isServiceState(state)) throw new RangeError(`state: must be one of ${SERVICE_STATES.join(', ')}`);
  if (reason.trim() === '' || reason.length > MAX_REASON_LENGTH) throw new RangeError(`reason: must be 1 to ${MAX_REASON_LENGTH} characters`);
  const [changed] = await tx
    .update(serviceAccounts)
    .set({ desiredState: state, desiredReason: reason, desiredAt: sql`now()`, desiredVersion: sql`${serviceAccounts.desiredVersion} + 1` })
    .where(and(eq(serviceAccounts.customerId, customerId), ne(serviceAccounts.desiredState, state)))
    .returning();
  if (changed) return { customerId, username: changed.username, desiredState: state, desiredVersion: changed.desiredVersion, changed: true };
  const [current] = await tx.select().from(serviceAccounts).where(eq(serviceAccounts.customerId, customerId));
  if (!current) throw new ServiceAccountNotFoundError(customerId);
  return { customerId, username: current.username, desiredState: current.desiredState, desiredVersion: current.desiredVersion, changed: false };
}
