// Saving a card: the customer types it on the gateway's hosted page, never on ours; we keep what
// the gateway tells us about it (brand, last four, expiry). The return page and the webhook both
// report the saved card; whichever comes first saves it, the other finds it saved.
import { eq } from 'drizzle-orm';
import { saveDefaultCard } from '../../../db/records/cards.js';
import { customers } from '../../../db/schema.js';
import type { SavedCard } from '../../../payments/gateway.js';
import type { CardPaymentDeps } from './card-payment-deps.js';

/** The customer at the gateway, made the first time they need one (one per customer, by idempotency key). */
export async function gatewayCustomerFor(deps: CardPaymentDeps, customerId: string): Promise<string> {
  const [customer] = await deps.db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new Error(`customer ${customerId} not found`);
  if (customer.gatewayCustomerId) return customer.gatewayCustomerId;
  const { gatewayCustomerId } = await deps.gateway.createCustomer(
    { customerId, name: customer.name, email: customer.email },
    `customer:${customerId}`,
  );
  const [stored] = await deps.db
    .update(customers)
    .set({ gatewayCustomerId })
    .where(eq(customers.id, customerId))
    .returning({ gatewayCustomerId: customers.gatewayCustomerId });
  return stored!.gatewayCustomerId!;
}

/** Where to send the customer's browser to save a card. */
export async function startCardSetup(deps: CardPaymentDeps, customerId: string, urls: { successUrl: string; cancelUrl: string }): Promise<string> {
  const gatewayCustomerId = await gatewayCustomerFor(deps, customerId);
  const setup = await deps.gateway.startCardSetup({ gatewayCustomerId, customerId, ...urls });
  return setup.url;
}

export type CardSetupResult = { saved: true; card: SavedCard } | { saved: false; reason: 'not-finished' | 'other-customer' };

/** The return page: reads the session at the gateway and saves its card, if it is this customer's. */
export async function completeCardSetup(deps: CardPaymentDeps, customerId: string, sessionId: string): Promise<CardSetupResult> {
  const card = await deps.gateway.cardSetupResult(sessionId);
  if (!card) return { saved: false, reason: 'not-finished' };
  return saveGatewayCard(deps, customerId, card);
}

/** Saves a card the gateway reports for `customerId`, if it belongs to that customer's gateway customer. */
export async function saveGatewayCard(deps: CardPaymentDeps, customerId: string, card: SavedCard): Promise<CardSetupResult> {
  const [customer] = await deps.db.select({ gatewayCustomerId: customers.gatewayCustomerId }).from(customers).where(eq(customers.id, customerId));
  if (!customer || customer.gatewayCustomerId !== card.gatewayCustomerId) return { saved: false, reason: 'other-customer' };
  await deps.db.transaction((tx) =>
    saveDefaultCard(tx, {
      customerId,
      gateway: deps.gateway.provider,
      gatewayPaymentMethodId: card.paymentMethodId,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
    }),
  );
  return { saved: true, card };
}
