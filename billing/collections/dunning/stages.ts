// Where an account stands in collections, in one place: the dunning stages (what staff filter on and
// the DunningStage search attribute carries) and the service states billing wants the network to
// enforce. Both lists run from best to worst, so "the furthest an episode has gone" is a maximum.

/**
 * `overdue`: an episode is open but no step has been taken yet. The last three are the ends an
 * episode can come to; a policy has at most one of them, so their order among themselves only
 * matters for reading.
 */
export const DUNNING_STAGES = [
  'none',
  'overdue',
  'reminded',
  'warned',
  'final_notice',
  'restricted',
  'suspended',
  'in_collection',
  'written_off',
  'cancelled',
] as const;
export type DunningStage = (typeof DUNNING_STAGES)[number];

export const DUNNING_STAGE_LABELS: Readonly<Record<DunningStage, string>> = {
  none: 'Nothing overdue',
  overdue: 'Overdue',
  reminded: 'Reminded',
  warned: 'Warned',
  final_notice: 'Final notice sent',
  restricted: 'Restricted',
  suspended: 'Suspended',
  in_collection: 'With a collection agency',
  written_off: 'Written off',
  cancelled: 'Cancelled for non-payment',
};

/** `restricted` is the walled garden: the customer reaches the portal and the payment page, nothing else. */
export const SERVICE_STATES = ['active', 'restricted', 'suspended'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/**
 * What the network is told to enforce: a state collections decides, or `ended` when a fixed-term or
 * prepaid subscription is over (refused like `suspended`).
 */
export const ENFORCED_SERVICE_STATES = [...SERVICE_STATES, 'ended'] as const;
export type EnforcedServiceState = (typeof ENFORCED_SERVICE_STATES)[number];

export const SERVICE_STATE_LABELS: Readonly<Record<ServiceState, string>> = {
  active: 'Active',
  restricted: 'Restricted (walled garden)',
  suspended: 'Suspended',
};

/** The further of two stages, e.g. a reminder sent after a suspension leaves the account suspended. */
export function furtherStage(a: DunningStage, b: DunningStage): DunningStage {
  return DUNNING_STAGES.indexOf(a) >= DUNNING_STAGES.indexOf(b) ? a : b;
}

/** The stricter of two service states. */
export function stricterServiceState(a: ServiceState, b: ServiceState): ServiceState {
  return SERVICE_STATES.indexOf(a) >= SERVICE_STATES.indexOf(b) ? a : b;
}

export function isDunningStage(value: unknown): value is DunningStage {
  return (DUNNING_STAGES as readonly unknown[]).includes(value);
}

export function isServiceState(value: unknown): value is ServiceState {
  return (SERVICE_STATES as readonly unknown[]).includes(value);
}
