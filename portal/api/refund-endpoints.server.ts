// The refund endpoints of the registry (see endpoints.server.ts): giving a payment back, whole or
// in part, and a payment's refunds and disputes. The fields are checked by the service, which names
// every bad one at once.
import { z } from 'zod';
import { refundRequestSchema } from '../../server/services/payments/refunds.js';
import { refundWire } from '../../server/views/refund-json.js';
import { documented, uuidParam } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';
import { checkedByService } from './invoice-endpoints.server.js';

const refundInput = checkedByService(
  documented(refundRequestSchema, {
    amount: {
      description:
        'In the payment’s currency, written in major units as a decimal string ("20.00"): above zero and no more than is left to refund ' +
        'on the payment. Leave out to refund everything that is left.',
      examples: ['20.00'],
    },
    reason: { description: 'Why the money goes back; kept with the refund and told to the customer. Up to 500 characters.', examples: ['Router returned unused'] },
  }),
).strict();

const paymentParams = z.object({ paymentId: uuidParam('a payment') });

export const refundEndpoints = {
  refundPayment: defineEndpoint({
    id: 'refundPayment',
    method: 'POST',
    path: '/api/v1/payments/{paymentId}/refunds',
    tag: 'Payments',
    summary: 'Refund a payment, whole or in part',
    description:
      'Takes back first the credit the payment left on the customer’s account, then what it paid on invoices, newest first; an invoice ' +
      'paid in full until then is open again and falls due the customer’s payment terms after today. A card payment is refunded at the ' +
      'card gateway before anything is booked; a bank transfer, cash or cheque is refunded in the books only (pay the money out yourself). ' +
      'More than is left is refused naming `amount`; money not yet on a customer’s account (unassigned) answers 409. If the card gateway ' +
      'does not answer, nothing is booked and the answer is 503: send the same request with the same `Idempotency-Key` and the gateway ' +
      'makes the refund at most once. Answers 201 with the refund; a repeat with the same key answers it with `Idempotent-Replayed: true`.',
    authenticated: true,
    headers: [{ name: 'Idempotency-Key', description: 'Any unique string up to 255 characters. Reusing it with a different body is refused with 422.' }],
    params: paymentParams,
    body: refundInput,
    response: refundWire,
    successStatus: 201,
    conflicts: true,
    dependsOnGateway: true,
  }),
  listPaymentRefunds: defineEndpoint({
    id: 'listPaymentRefunds',
    method: 'GET',
    path: '/api/v1/payments/{paymentId}/refunds',
    tag: 'Payments',
    summary: 'A payment’s refunds and disputes, oldest first',
    authenticated: true,
    params: paymentParams,
    response: z.object({ items: z.array(refundWire) }).meta({ id: 'RefundList' }),
    successStatus: 200,
  }),
};
