// What the gateway tells us by webhook, acted on once per event id, in one transaction with its
// effect: a repeated delivery finds the event recorded and does nothing; an event arriving before
// the API call that caused it returned, or after a later one, lands on keyed writes (the charge id,
// the refund id) and on an attempt that never goes back from succeeded.
import { eq } from 'drizzle-orm';
import { money } from '../../../billing/money.js';
import { attemptByIntent } from '../../../db/records/payment-attempts.js';
import { recordGatewayMovement } from '../../../db/records/gateway-movements.js';
import { recordPayment } from '../../../db/records/payments.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { customers, gatewayEvents, paymentMethods } from '../../../db/schema.js';
import type { AttemptOutcome, GatewayEvent } from '../../../payments/gateway.js';
import { applyOutcome } from './attempt-outcomes.js';
import { businessToday, GATEWAY_RECORDER, type CardPaymentDeps } from './card-payment-deps.js';
import { saveGatewayCard } from './card-setup.js';

/** Events booked by other services, each idempotent by its own key (the refund or dispute id). */
export interface GatewayEventHandlers {
  refund?(event: Extract<GatewayEvent, { type: 'refund' }>): Promise<string>;
  dispute?(event: Extract<GatewayEvent, { type: 'dispute_opened' | 'dispute_closed' }>): Promise<string>;
}

/** Acts on one event; returns what was done, for the event log staff read. */
export async function handleGatewayEvent(deps: CardPaymentDeps, event: GatewayEvent, handlers: GatewayEventHandlers = {}): Promise<string> {
  // Booked through their own keyed paths (with their own transactions): acting on a redelivery
  // finds them booked, so the event is logged after.
  const keyed = keyedEffect(deps, event, handlers);
  if (keyed) {
    const [seen] = await deps.db.select({ outcome: gatewayEvents.outcome }).from(gatewayEvents).where(eq(gatewayEvents.eventId, event.id));
    if (seen) return 'already handled';
    const outcome = await keyed();
    await deps.db.insert(gatewayEvents).values({ eventId: event.id, gateway: deps.gateway.provider, type: event.type, outcome }).onConflictDoNothing();
    return outcome;
  }
  return deps.db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(gatewayEvents)
      .values({ eventId: event.id, gateway: deps.gateway.provider, type: event.type })
      .onConflictDoNothing()
      .returning({ eventId: gatewayEvents.eventId });
    if (!fresh) return 'already handled';
    const outcome = await act(tx, deps, event);
    await tx.update(gatewayEvents).set({ outcome }).where(eq(gatewayEvents.eventId, event.id));
    return outcome;
  });
}

async function act(tx: Transaction, deps: CardPaymentDeps, event: GatewayEvent): Promise<string> {
  switch (event.type) {
    case 'payment_succeeded': {
      const attempt = await attemptByIntent(tx, event.intentId);
      if (!attempt) return unexpectedPayment(tx, deps, event);
      const card = await cardOfAttemptCustomer(tx, attempt.customerId);
      const result = await applyOutcome(
        tx,
        deps,
        { attempt, confirmation: attempt.confirmations, card, tellAccountOfFailure: true },
        { status: 'succeeded', intentId: event.intentId, chargeId: event.chargeId, amount: event.amount, fee: null },
      );
      return result.outcome === 'paid' ? `payment recorded for attempt ${attempt.attemptKey}` : result.outcome;
    }
    case 'payment_failed': {
      const attempt = await attemptByIntent(tx, event.intentId);
      if (!attempt) return 'ignored: no attempt of ours';
      if (attempt.status === 'succeeded') return 'ignored: the attempt has succeeded since';
      if (!event.decline) return 'ignored: no decline given';
      const { decline } = event;
      const outcome: AttemptOutcome =
        decline.kind === 'needs_authentication'
          ? { status: 'authentication_required', intentId: event.intentId, decline }
          : { status: 'declined', intentId: event.intentId, decline: { ...decline, kind: decline.kind } };
      const result = await applyOutcome(tx, deps, { attempt, confirmation: attempt.confirmations, card: null, tellAccountOfFailure: true }, outcome);
      return `attempt ${attempt.attemptKey}: ${result.outcome}`;
    }
    case 'payment_requires_action': {
      const attempt = await attemptByIntent(tx, event.intentId);
      if (!attempt || attempt.status === 'succeeded') return 'ignored';
      await applyOutcome(tx, deps, { attempt, confirmation: attempt.confirmations, card: null, tellAccountOfFailure: false }, { status: 'requires_action', intentId: event.intentId, actionUrl: event.actionUrl });
      return `attempt ${attempt.attemptKey}: requires action`;
    }
    case 'fee_reported':
      await recordGatewayMovement(tx, { kind: 'fee', gateway: deps.gateway.provider, gatewayReference: event.chargeId, amount: event.fee, occurredOn: businessToday(deps) });
      return `fee booked for ${event.chargeId}`;
    case 'payout_paid':
      await recordGatewayMovement(tx, { kind: 'payout', gateway: deps.gateway.provider, gatewayReference: event.payoutId, amount: event.amount, occurredOn: businessToday(deps) });
      return `payout ${event.payoutId} booked`;
    case 'ignored':
      return `ignored: ${event.gatewayType}`;
    case 'card_saved':
    case 'refund':
    case 'dispute_opened':
    case 'dispute_closed':
      throw new Error(`${event.type} is booked by its own keyed path`);
  }
}

function keyedEffect(deps: CardPaymentDeps, event: GatewayEvent, handlers: GatewayEventHandlers): (() => Promise<string>) | null {
  switch (event.type) {
    case 'card_saved':
      return () => cardSaved(deps, event);
    case 'refund':
      return () => (handlers.refund ? handlers.refund(event) : Promise.resolve('ignored: refunds are not booked by this receiver'));
    case 'dispute_opened':
    case 'dispute_closed':
      return () => (handlers.dispute ? handlers.dispute(event) : Promise.resolve('ignored: disputes are not booked by this receiver'));
    default:
      return null;
  }
}

/**
 * Money the gateway took that no attempt of ours asked for (made on its dashboard, say): booked
 * anyway, unallocated and marked for staff, for the customer its metadata names if we know them.
 */
async function unexpectedPayment(tx: Transaction, deps: CardPaymentDeps, event: Extract<GatewayEvent, { type: 'payment_succeeded' }>): Promise<string> {
  const named = event.metadata.customerId;
  const [customer] = named ? await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, named)) : [];
  const recorded = await recordPayment(tx, {
    sourceKey: `gateway:${event.chargeId}`,
    customerId: customer?.id ?? null,
    method: 'card',
    amount: money(event.amount.amountMinor, event.amount.currency),
    receivedOn: businessToday(deps),
    reference: event.chargeId,
    needsReview: 'A card payment arrived that no payment attempt of ours asked for',
    gateway: { name: deps.gateway.provider, chargeId: event.chargeId },
    recordedBy: GATEWAY_RECORDER,
  });
  return `unexpected payment ${recorded.number} booked for review`;
}

async function cardOfAttemptCustomer(tx: Transaction, customerId: string) {
  const [card] = await tx.select({ brand: paymentMethods.brand, last4: paymentMethods.last4 }).from(paymentMethods).where(eq(paymentMethods.customerId, customerId)).orderBy(paymentMethods.isDefault);
  return card ?? null;
}

async function cardSaved(deps: CardPaymentDeps, event: Extract<GatewayEvent, { type: 'card_saved' }>): Promise<string> {
  const [customer] = await deps.db.select({ id: customers.id }).from(customers).where(eq(customers.gatewayCustomerId, event.gatewayCustomerId));
  if (!customer) return 'ignored: no customer of ours';
  const result = await saveGatewayCard(deps, customer.id, event.card);
  return result.saved ? `card ${event.card.brand} ${event.card.last4} saved` : `ignored: ${result.reason}`;
}
