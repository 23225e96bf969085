// The payment gateway as the rest of the system uses it: our interface and its Stripe
// implementation. The local stand-in for the demo and tests is payments/stand-in.
export * from './gateway.js';
export { createStripeGateway, type StripeGatewayOptions } from './stripe-gateway.js';
