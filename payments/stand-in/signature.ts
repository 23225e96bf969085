import { createHmac } from 'node:crypto';
import { nowSeconds } from './ids.js';

/**
 * The Stripe-Signature header Stripe sends: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`,
 * keyed by the endpoint's whole secret (`whsec_...`).
 */
export function stripeSignatureHeader(payload: string, secret: string, timestamp = nowSeconds()): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
