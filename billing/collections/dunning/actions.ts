// What a dunning step does, and what each action means for the account: the stage it leads to,
// the service state it asks for, the email it sends, and whether it ends the episode.
import type { DunningStage, ServiceState } from './stages.js';

export const DUNNING_ACTIONS = [
  'email_reminder',
  'email_warning',
  'email_final_notice',
  'charge_penalties',
  'restrict',
  'suspend',
  'write_off',
  'mark_for_collection',
  'cancel',
] as const;
export type DunningAction = (typeof DUNNING_ACTIONS)[number];

/** The actions that end an episode; a policy has at most one, as its last step. */
export const FINAL_ACTIONS = ['write_off', 'mark_for_collection', 'cancel'] as const satisfies readonly DunningAction[];
export type FinalAction = (typeof FINAL_ACTIONS)[number];

export const DUNNING_ACTION_LABELS: Readonly<Record<DunningAction, string>> = {
  email_reminder: 'Reminder email',
  email_warning: 'Warning email',
  email_final_notice: 'Final notice email',
  charge_penalties: 'Charge penalties',
  restrict: 'Restrict service (walled garden)',
  suspend: 'Suspend service',
  write_off: 'Write off as bad debt',
  mark_for_collection: 'Hand over to a collection agency',
  cancel: 'Cancel the account',
};

/** Charging penalties changes what is owed, not where the account stands: it has no stage of its own. */
export const STAGE_AFTER_ACTION: Readonly<Record<DunningAction, DunningStage | null>> = {
  email_reminder: 'reminded',
  email_warning: 'warned',
  email_final_notice: 'final_notice',
  charge_penalties: null,
  restrict: 'restricted',
  suspend: 'suspended',
  write_off: 'written_off',
  mark_for_collection: 'in_collection',
  cancel: 'cancelled',
};

/**
 * The service state an action asks for; null leaves it as the earlier steps set it. A cancelled
 * account gets no service. Writing off or handing over the debt says nothing about service: a
 * policy that wants the customer cut off first has a suspend step before it.
 */
export const SERVICE_STATE_AFTER_ACTION: Readonly<Record<DunningAction, ServiceState | null>> = {
  email_reminder: null,
  email_warning: null,
  email_final_notice: null,
  charge_penalties: null,
  restrict: 'restricted',
  suspend: 'suspended',
  write_off: null,
  mark_for_collection: null,
  cancel: 'suspended',
};

export const DUNNING_EMAIL_KINDS = ['dunning_reminder', 'dunning_warning', 'dunning_final_notice'] as const;
export type DunningEmailKind = (typeof DUNNING_EMAIL_KINDS)[number];

const EMAIL_OF_ACTION: Partial<Record<DunningAction, DunningEmailKind>> = {
  email_reminder: 'dunning_reminder',
  email_warning: 'dunning_warning',
  email_final_notice: 'dunning_final_notice',
};

/** The email an action sends (the kind the email record is keyed by), or null for a step that sends none. */
export function emailKindOf(action: DunningAction): DunningEmailKind | null {
  return EMAIL_OF_ACTION[action] ?? null;
}

export function isDunningAction(value: unknown): value is DunningAction {
  return (DUNNING_ACTIONS as readonly unknown[]).includes(value);
}

export function isFinalAction(action: DunningAction): action is FinalAction {
  return (FINAL_ACTIONS as readonly DunningAction[]).includes(action);
}

/**
 * Steps a customer with nothing to pay is spared: cutting off service or ending the account of
 * someone who owes nothing (their credit covers the overdue invoices) would be wrong.
 */
export function needsSomethingReceivable(action: DunningAction): boolean {
  return action === 'restrict' || action === 'suspend' || isFinalAction(action);
}

/** Steps a promise to pay holds back until its date: the ones that cut service or end the episode. */
export function postponedByPromise(action: DunningAction): boolean {
  return action === 'restrict' || action === 'suspend' || isFinalAction(action);
}

/**
 * Ends that stay even when the overdue money is gone: a write-off removes the debt from the
 * ledger itself, and a cancelled account does not come back by paying. A debt with a collection
 * agency is still on the ledger: paying it closes the episode like any other.
 */
export function endsForGood(action: DunningAction): boolean {
  return action === 'write_off' || action === 'cancel';
}
