// What the customer's card pages need: the gateway as card payments use it (refused plainly where
// no process runs one), the card on file and autopay, and gateway calls whose silence becomes a
// sentence for the page instead of an error page.
import { eq } from 'drizzle-orm';
import type { IsoDate } from '../../../billing/calendar.js';
import { isCardUsable } from '../../../billing/payments/cards.js';
import { defaultCard, setAutopay } from '../../../db/records/cards.js';
import { customers } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, ServiceUnavailableError } from '../errors.js';
import type { CardPaymentDeps } from './card-payment-deps.js';

export const CARD_PAYMENTS_OFF = 'Card payments are not available right now. Try again later, or pay by bank transfer.';
export const GATEWAY_SILENT = 'The payment service did not answer. Nothing more will be charged if you try again in a moment.';

/** Card payments for a request: the services' gateway and the company's time zone. */
export function cardPaymentDeps(ctx: ServiceContext, timeZone: string): CardPaymentDeps {
  if (!ctx.gateway) throw new ServiceUnavailableError(CARD_PAYMENTS_OFF);
  return { db: ctx.db, gateway: ctx.gateway, timeZone };
}

/**
 * Runs a call that reaches the gateway; its "no answer" becomes a ServiceUnavailableError with a
 * sentence for the customer. Matched by name: the gateway may come from another copy of the module
 * (the portal's build) than the caller's.
 */
export async function withGateway<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && error.name === 'GatewayUnavailableError') throw new ServiceUnavailableError(GATEWAY_SILENT, { cause: error });
    throw error;
  }
}

export interface CustomerCard {
  /** Brand and last four only, never more. */
  card: { brand: string; last4: string; expMonth: number; expYear: number; expired: boolean } | null;
  autopay: boolean;
}

export async function customerCard(ctx: ServiceContext, customerId: string, today: IsoDate): Promise<CustomerCard> {
  const [customer] = await ctx.db.select({ autopay: customers.autopay }).from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new NotFoundError('customer', customerId);
  const card = await defaultCard(ctx.db, customerId);
  return {
    autopay: customer.autopay,
    card: card ? { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear, expired: !isCardUsable(card, today) } : null,
  };
}

/** Turns autopay on or off; the account workflow hears of it with the change. */
export async function setCustomerAutopay(ctx: ServiceContext, customerId: string, on: boolean): Promise<void> {
  await ctx.db.transaction((tx) => setAutopay(tx, customerId, on));
}
