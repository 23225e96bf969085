// Card payment attempts: one object at the gateway per invoice (or per whole-balance payment), its
// id stored before it is confirmed, every confirmation counted, every outcome written down.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Money } from '../../billing/money.js';
import type { AttemptStatus } from '../../billing/payments/payment-attempts.js';
import type { Database } from '../client.js';
import { invoices, paymentAttemptHolds, paymentAttempts } from '../schema.js';
import type { Transaction } from './transaction.js';

export type PaymentAttempt = typeof paymentAttempts.$inferSelect;
type Db = Database | Transaction;

export async function attemptById(db: Db, attemptId: string): Promise<PaymentAttempt | null> {
  const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
  return row ?? null;
}

export async function attemptByIntent(db: Db, intentId: string): Promise<PaymentAttempt | null> {
  const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.gatewayIntentId, intentId));
  return row ?? null;
}

/** The invoice's attempt, made on first need; the unique attempt key makes it one however many ask at once. */
export async function ensureAttempt(
  db: Db,
  input: { attemptKey: string; customerId: string; invoiceId: string | null; gateway: string; amount: Money },
): Promise<PaymentAttempt> {
  await db
    .insert(paymentAttempts)
    .values({
      attemptKey: input.attemptKey,
      customerId: input.customerId,
      invoiceId: input.invoiceId,
      gateway: input.gateway,
      amountMinor: input.amount.amountMinor,
      currency: input.amount.currency,
    })
    .onConflictDoNothing();
  const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.attemptKey, input.attemptKey));
  if (!row) throw new Error(`payment attempt ${input.attemptKey} was not stored`);
  return row;
}

/** Records the gateway's id for the attempt; the first one stored stands (a retry creates the same one). */
export async function recordAttemptIntent(db: Db, attemptId: string, intentId: string): Promise<string> {
  const [row] = await db
    .update(paymentAttempts)
    .set({ gatewayIntentId: sql`coalesce(${paymentAttempts.gatewayIntentId}, ${intentId})`, updatedAt: new Date() })
    .where(eq(paymentAttempts.id, attemptId))
    .returning({ intentId: paymentAttempts.gatewayIntentId });
  return row!.intentId!;
}

/**
 * Counts a confirmation before it is sent: from here until an outcome is written, it is
 * `processing`. An invoice's attempt is refused (null) while a whole-balance attempt holds the
 * invoice; the invoice row is locked for the check, as holdInvoices locks it, so the two cannot
 * pass each other.
 */
export async function beginConfirmation(db: Database, attempt: Pick<PaymentAttempt, 'id' | 'invoiceId'>): Promise<number | null> {
  return db.transaction(async (tx) => {
    if (attempt.invoiceId) {
      await tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, attempt.invoiceId)).for('no key update');
      const holder = await holdingAttempt(tx, attempt.invoiceId);
      if (holder && holder !== attempt.id) return null;
    }
    const [row] = await tx
      .update(paymentAttempts)
      .set({ confirmations: sql`${paymentAttempts.confirmations} + 1`, status: 'processing', lastConfirmedAt: new Date(), updatedAt: new Date() })
      .where(eq(paymentAttempts.id, attempt.id))
      .returning({ confirmations: paymentAttempts.confirmations });
    return row!.confirmations;
  });
}

export interface AttemptUpdate {
  status: AttemptStatus;
  declineCode?: string | null;
  declineKind?: 'soft' | 'hard' | null;
  declineMessage?: string | null;
  actionUrl?: string | null;
  paymentId?: string | null;
  amount?: Money;
}

/** Writes an outcome. A succeeded attempt stays succeeded: a late report of an older failure cannot undo it. */
export async function updateAttempt(db: Db, attemptId: string, update: AttemptUpdate): Promise<boolean> {
  const changed = await db
    .update(paymentAttempts)
    .set({
      status: update.status,
      declineCode: update.declineCode ?? null,
      declineKind: update.declineKind ?? null,
      declineMessage: update.declineMessage ?? null,
      actionUrl: update.actionUrl ?? null,
      ...(update.paymentId ? { paymentId: update.paymentId } : {}),
      ...(update.amount ? { amountMinor: update.amount.amountMinor } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(paymentAttempts.id, attemptId), sql`${paymentAttempts.status} <> 'succeeded'`))
    .returning({ id: paymentAttempts.id });
  return changed.length > 0;
}

/**
 * Holds invoices for a whole-balance attempt. Refused (false, nothing held) when another live
 * attempt already holds any of them: one attempt at a time may take money for an invoice.
 */
export async function holdInvoices(tx: Transaction, attemptId: string, holds: { invoiceId: string; amountMinor: bigint }[]): Promise<boolean> {
  const invoiceIds = holds.map((h) => h.invoiceId);
  await tx.select({ id: invoices.id }).from(invoices).where(inArray(invoices.id, invoiceIds)).orderBy(invoices.id).for('no key update');
  const confirming = await tx
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(and(inArray(paymentAttempts.invoiceId, invoiceIds), eq(paymentAttempts.status, 'processing')));
  if (confirming.length > 0) return false;
  const taken = await tx
    .select({ invoiceId: paymentAttemptHolds.invoiceId, attemptId: paymentAttemptHolds.attemptId })
    .from(paymentAttemptHolds)
    .where(and(inArray(paymentAttemptHolds.invoiceId, holds.map((h) => h.invoiceId)), eq(paymentAttemptHolds.released, false)));
  if (taken.some((hold) => hold.attemptId !== attemptId)) return false;
  await tx
    .insert(paymentAttemptHolds)
    .values(holds.map((hold) => ({ attemptId, ...hold })))
    .onConflictDoNothing();
  return true;
}

export async function releaseHolds(db: Db, attemptId: string): Promise<void> {
  await db.update(paymentAttemptHolds).set({ released: true }).where(and(eq(paymentAttemptHolds.attemptId, attemptId), eq(paymentAttemptHolds.released, false)));
}

/** The live whole-balance attempt holding this invoice, if any. */
export async function holdingAttempt(db: Db, invoiceId: string): Promise<string | null> {
  const [row] = await db
    .select({ attemptId: paymentAttemptHolds.attemptId })
    .from(paymentAttemptHolds)
    .where(and(eq(paymentAttemptHolds.invoiceId, invoiceId), eq(paymentAttemptHolds.released, false)));
  return row?.attemptId ?? null;
}

export async function heldInvoiceIds(db: Db, attemptId: string): Promise<string[]> {
  const rows = await db.select({ invoiceId: paymentAttemptHolds.invoiceId }).from(paymentAttemptHolds).where(eq(paymentAttemptHolds.attemptId, attemptId));
  return rows.map((row) => row.invoiceId);
}
