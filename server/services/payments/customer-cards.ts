// A customer's cards on file and autopay, as staff see and change them (pages and API alike). Of a
// card only its brand, last four digits and expiry ever leave here: the gateway's ids stay inside.
import { eq } from 'drizzle-orm';
import type { IsoDate } from '../../../billing/calendar.js';
import { autopayOnProblem } from '../../../billing/payments/autopay.js';
import { isCardUsable } from '../../../billing/payments/cards.js';
import { cardsOf, setAutopay } from '../../../db/records/cards.js';
import type { Database } from '../../../db/client.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { customers } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { ConflictError, NotFoundError } from '../errors.js';

export interface CardOnFileView {
  id: string;
  /** The gateway's brand code: 'visa', 'mastercard', ... */
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** The card autopay and pay-now charge. */
  isDefault: boolean;
  /** Past the last day of its expiry month, in the company's calendar. */
  expired: boolean;
  createdAt: Date;
}

export interface CustomerCards {
  customerId: string;
  autopay: boolean;
  /** The default card first, then the newest. */
  cards: CardOnFileView[];
}

async function readCustomerCards(db: Database | Transaction, customerId: string, today: IsoDate): Promise<CustomerCards> {
  const [customer] = await db.select({ autopay: customers.autopay }).from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new NotFoundError('customer', customerId);
  const cards = await cardsOf(db, customerId);
  return {
    customerId,
    autopay: customer.autopay,
    cards: cards.map((card) => ({
      id: card.id,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
      isDefault: card.isDefault,
      expired: !isCardUsable(card, today),
      createdAt: card.createdAt,
    })),
  };
}

export function customerCards(ctx: ServiceContext, customerId: string, today: IsoDate): Promise<CustomerCards> {
  return readCustomerCards(ctx.db, customerId, today);
}

/**
 * Turns a customer's autopay on or off; the account workflow hears of the change (turning it on
 * charges what is open). Turning it on is refused while the default card is missing or expired.
 * Asking for what is already so changes nothing.
 */
export async function changeCustomerAutopay(ctx: ServiceContext, customerId: string, on: boolean, today: IsoDate): Promise<CustomerCards & { changed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    // Held until commit, so a card saved or removed meanwhile waits for this decision.
    const [locked] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for('no key update');
    if (!locked) throw new NotFoundError('customer', customerId);
    const before = await readCustomerCards(tx, customerId, today);
    if (on && !before.autopay) {
      const problem = autopayOnProblem(before.cards.find((card) => card.isDefault) ?? null, today);
      if (problem) throw new ConflictError(problem);
    }
    const changed = await setAutopay(tx, customerId, on);
    return { ...before, autopay: on, changed };
  });
}
