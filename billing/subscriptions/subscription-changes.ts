// When staff may change a subscription's plan or cancel it, and the sentence a refusal gives. The
// account workflow's update validators ask these before anything is stored; the pages, API and
// CLI show the sentence as it is.

/** Where an account is in its life: waiting for a plan, billed, or closed. */
export const ACCOUNT_LIFECYCLES = ['pending', 'active', 'cancelled'] as const;
export type AccountLifecycle = (typeof ACCOUNT_LIFECYCLES)[number];

export interface SubscriptionStanding {
  lifecycle: AccountLifecycle;
  /** The day a cancellation already accepted takes effect, if any. */
  cancelRequestedOn: string | null;
  planId: string | null;
}

/** Why the plan cannot be changed to `planId` now, or null when it can. */
export function planChangeRefusal(standing: SubscriptionStanding, planId: string): string | null {
  const notBilled = notBilledRefusal(standing, 'its plan cannot be changed');
  if (notBilled) return notBilled;
  if (standing.cancelRequestedOn) return `The subscription is cancelled from ${standing.cancelRequestedOn}; its plan cannot be changed.`;
  if (standing.planId === planId) return 'The customer is already on this plan.';
  return null;
}

/** Why the subscription cannot be cancelled now, or null when it can (cancelling twice is one cancellation). */
export function cancellationRefusal(standing: SubscriptionStanding): string | null {
  return notBilledRefusal(standing, 'there is nothing to cancel');
}

function notBilledRefusal(standing: SubscriptionStanding, consequence: string): string | null {
  if (standing.lifecycle === 'pending') return `The customer has no subscription yet; ${consequence}.`;
  if (standing.lifecycle === 'cancelled') return `The subscription has ended; ${consequence}.`;
  return null;
}
