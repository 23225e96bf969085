// The states billing decides a customer's service should be in. Billing's dunning module owns these
// names (restriction and suspension are its steps) and this list must match them; `ended` (the
// subscription ended) is refused like `suspended`. Once billing exports the list, import it here.
export const SERVICE_STATES = ['active', 'restricted', 'suspended', 'ended'] as const;

/**
 * active: the plan's limits. restricted: walled garden. suspended: refused. ended: the subscription
 * ended, refused like suspended.
 */
export type ServiceState = (typeof SERVICE_STATES)[number];

export function isServiceState(value: unknown): value is ServiceState {
  return typeof value === 'string' && (SERVICE_STATES as readonly string[]).includes(value);
}
