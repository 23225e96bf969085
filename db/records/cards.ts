// Cards on file: the gateway's payment method with brand, last four and expiry, nothing more.
import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import type { Database } from '../client.js';
import { customers, paymentMethods } from '../schema.js';
import { handOffAccountFact } from './handoffs.js';
import type { Transaction } from './transaction.js';

export interface CardToSave {
  customerId: string;
  gateway: string;
  gatewayPaymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/**
 * Saves a card and makes it the one autopay charges; the card it replaces stays on file, no longer
 * the default. Saving the same card again (the return page and the webhook both report it) changes
 * nothing. The account workflow hears of it: a new card retries what is open.
 */
export async function saveDefaultCard(tx: Transaction, card: CardToSave): Promise<{ paymentMethodId: string; alreadySaved: boolean }> {
  await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, card.customerId)).for('no key update');
  const [existing] = await tx.select().from(paymentMethods).where(eq(paymentMethods.gatewayPaymentMethodId, card.gatewayPaymentMethodId));
  if (existing) return { paymentMethodId: existing.id, alreadySaved: true };
  await tx
    .update(paymentMethods)
    .set({ isDefault: false })
    .where(and(eq(paymentMethods.customerId, card.customerId), eq(paymentMethods.isDefault, true)));
  const [stored] = await tx.insert(paymentMethods).values({ ...card, isDefault: true }).returning({ id: paymentMethods.id });
  await handOffAccountFact(tx, card.customerId, { kind: 'card-updated', change: `card:${card.gatewayPaymentMethodId}` });
  return { paymentMethodId: stored!.id, alreadySaved: false };
}

export type CardOnFile = typeof paymentMethods.$inferSelect;

/** The card autopay charges, if any. */
export async function defaultCard(db: Database | Transaction, customerId: string): Promise<CardOnFile | null> {
  const [card] = await db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.customerId, customerId), eq(paymentMethods.isDefault, true), isNull(paymentMethods.removedAt)));
  return card ?? null;
}

export async function cardsOf(db: Database | Transaction, customerId: string): Promise<CardOnFile[]> {
  return db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.customerId, customerId), isNull(paymentMethods.removedAt)))
    .orderBy(desc(paymentMethods.isDefault), desc(paymentMethods.createdAt));
}

/** Turns autopay on or off; the workflow hears of it (turning it on charges what is open). */
export async function setAutopay(tx: Transaction, customerId: string, on: boolean): Promise<boolean> {
  const changed = await tx
    .update(customers)
    .set({ autopay: on })
    .where(and(eq(customers.id, customerId), ne(customers.autopay, on)))
    .returning({ id: customers.id });
  if (changed.length === 0) return false;
  await handOffAccountFact(tx, customerId, { kind: 'card-updated', change: `autopay:${on ? 'on' : 'off'}:${Date.now()}` });
  return true;
}
