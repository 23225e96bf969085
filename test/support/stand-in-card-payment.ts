// A card payment as the gateway makes it, without a browser: the customer at the stand-in with a
// saved test card, an attempt confirmed off-session, and the succeeded charge recorded as our
// payment with its attempt, as the card payment flow records it.
import { money } from '../../billing/money.js';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { recordPayment } from '../../db/records/payments.js';
import { paymentAttempts } from '../../db/schema.js';
import type { PaymentGateway } from '../../payments/gateway.js';
import type { StandInControls } from '../../payments/stand-in/index.js';
import type { ServiceContext } from '../../server/services/context.js';

export async function standInCardPayment(ctx: ServiceContext & { gateway: PaymentGateway }, controls: StandInControls, customerId: string, amountMinor: bigint) {
  const { gateway } = ctx;
  const amount = money(amountMinor, 'EUR');
  const { gatewayCustomerId } = await gateway.createCustomer({ customerId, name: 'Grace Hopper', email: 'grace@example.net' }, `customer:${customerId}`);
  const card = await controls.saveCard(gatewayCustomerId, { number: '4242424242424242', expMonth: 12, expYear: 2034 });
  const attemptKey = `balance:${customerId}:${amountMinor}`;
  const { intentId } = await gateway.createPaymentAttempt({ amount, gatewayCustomerId, description: 'Balance', metadata: { attempt_key: attemptKey }, idempotencyKey: attemptKey });
  const outcome = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId: card.id, offSession: true, idempotencyKey: `${attemptKey}:confirm:1` });
  if (outcome.status !== 'succeeded') throw new Error(`the test charge did not succeed: ${outcome.status}`);
  const [attempt] = await ctx.db
    .insert(paymentAttempts)
    .values({ customerId, attemptKey, gateway: 'stripe', gatewayIntentId: intentId, amountMinor, currency: 'EUR', status: 'succeeded' })
    .returning();
  const payment = await ctx.db.transaction((tx) =>
    recordPayment(tx, {
      sourceKey: `gateway:${outcome.chargeId}`,
      customerId,
      method: 'card',
      amount,
      receivedOn: businessDateAt(Date.now(), 'UTC'),
      reference: outcome.chargeId,
      gateway: { name: 'stripe', chargeId: outcome.chargeId, attemptId: attempt!.id, cardBrand: 'visa', cardLast4: '4242' },
      recordedBy: 'gateway',
    }),
  );
  return { ...payment, chargeId: outcome.chargeId, intentId };
}
