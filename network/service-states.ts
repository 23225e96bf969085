// The states the network enforces: the ones collections decides (billing owns their names), and
// `ended` when a fixed-term or prepaid subscription is over, refused like `suspended`.
import { ENFORCED_SERVICE_STATES } from '../billing/collections/dunning/stages.js';

export const SERVICE_STATES = ENFORCED_SERVICE_STATES;

/**
 * active: the plan's limits. restricted: walled garden. suspended: refused. ended: the subscription
 * ended, refused like suspended.
 */
export type ServiceState = (typeof SERVICE_STATES)[number];

export function isServiceState(value: unknown): value is ServiceState {
  return typeof value === 'string' && (SERVICE_STATES as readonly string[]).includes(value);
}
