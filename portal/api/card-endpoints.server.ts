// A customer's cards on file and autopay (see endpoints.server.ts). Cards are saved by the customer
// on the gateway's page, never through the API; staff see them and turn autopay on or off.
import { z } from 'zod';
import { customerPaymentMethodsWire } from '../../server/views/payment-methods-json.js';
import { customerParams } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';

export const cardEndpoints = {
  getCustomerPaymentMethods: defineEndpoint({
    id: 'getCustomerPaymentMethods',
    method: 'GET',
    path: '/api/v1/customers/{customerId}/payment-methods',
    tag: 'Payments',
    summary: "A customer's cards on file and whether autopay is on",
    description: 'Each card by its brand, last four digits and expiry only; `expired` is counted from today in the company’s time zone.',
    authenticated: true,
    params: customerParams,
    response: customerPaymentMethodsWire,
    successStatus: 200,
  }),
  setCustomerAutopay: defineEndpoint({
    id: 'setCustomerAutopay',
    method: 'PATCH',
    path: '/api/v1/customers/{customerId}/autopay',
    tag: 'Payments',
    summary: "Turn a customer's autopay on or off",
    description:
      'With autopay on, each invoice is charged to the default card when it is issued, and what is open now is charged at once. ' +
      'Turning it on is refused with 409 while the customer has no card on file or it has expired. Sending what is already so changes nothing. ' +
      'Answers with the cards and autopay as they are now.',
    authenticated: true,
    params: customerParams,
    body: z.object({ autopay: z.boolean().meta({ description: '`true` to turn autopay on, `false` to turn it off.' }) }).strict(),
    response: customerPaymentMethodsWire,
    successStatus: 200,
    conflicts: true,
  }),
};
