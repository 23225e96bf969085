// The card gateway a process talks to: Stripe with the configured keys, or, without keys, the
// local stand-in of Stripe's API started here, so a fresh machine can add a test card and pay in
// the demo with no account anywhere (everything then says payments are in test mode).
import type { AppConfig } from './config.js';
import type { PaymentGateway } from '../payments/gateway.js';
import { createStripeGateway } from '../payments/stripe-gateway.js';
import { startGatewayStandIn } from '../payments/stand-in/index.js';

export interface CardGateway {
  gateway: PaymentGateway;
  /** How it is described at start: "Stripe (live)" or "local stand-in at http://…, test mode". */
  description: string;
  close(): Promise<void>;
}

export async function openCardGateway(config: AppConfig, webhookUrl: string): Promise<CardGateway> {
  const stripe = configuredStripeGateway(config);
  if (stripe) {
    const gateway = stripe;
    return { gateway, description: `Stripe (${gateway.testMode ? 'test mode' : 'live'}); webhooks to ${webhookUrl}`, close: async () => {} };
  }
  const port = config.gateway.kind === 'stand-in' ? config.gateway.port : 0;
  const standIn = await startGatewayStandIn({ port, webhookUrl });
  const gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
  return {
    gateway,
    description: `local stand-in of Stripe at ${standIn.url}, test mode (card 4242 4242 4242 4242); set STRIPE_SECRET_KEY for real payments`,
    close: () => standIn.close(),
  };
}

/**
 * A standalone worker's gateway: Stripe when keys are set. The stand-in belongs to one `npm start`
 * process, so a worker without keys has none, and its autopay charges wait (the activity says why).
 */
export function configuredStripeGateway(config: AppConfig): PaymentGateway | undefined {
  return config.gateway.kind === 'stripe' ? createStripeGateway({ secretKey: config.gateway.secretKey, webhookSecret: config.gateway.webhookSecret }) : undefined;
}
