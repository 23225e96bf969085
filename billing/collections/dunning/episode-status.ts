// The episode in one line for the staff pages and the account's status query.
import { DUNNING_ACTION_LABELS } from './actions.js';
import { DUNNING_HOLD_LABELS, type EpisodeDecision, type NextStep } from './evaluate-episode.js';
import { DUNNING_STAGE_LABELS, SERVICE_STATE_LABELS } from './stages.js';

/**
 * "Next: Warning email on 2027-01-17", "Next: Suspend service on 2027-02-16 (postponed by a
 * promise to pay)", "Next: Reminder email, due since 2027-01-11 (held: the episode is paused)".
 */
export function nextStepSentence(next: NextStep | null): string {
  if (!next) return 'No further step';
  const what = DUNNING_ACTION_LABELS[next.action];
  if (next.heldBy === null) return `Next: ${what} on ${next.date}`;
  if (next.heldBy === 'promise_to_pay') return `Next: ${what} on ${next.date} (postponed by a promise to pay)`;
  const hold = DUNNING_HOLD_LABELS[next.heldBy];
  return `Next: ${what}, due since ${next.date} (${hold.charAt(0).toLowerCase()}${hold.slice(1)})`;
}

/** "Warned · service Active · Next: Final notice email on 2027-01-24"; "Nothing overdue" when no episode is open. */
export function episodeSummary(decision: EpisodeDecision): string {
  if (!decision.open) return DUNNING_STAGE_LABELS.none;
  return [DUNNING_STAGE_LABELS[decision.stage], `service ${SERVICE_STATE_LABELS[decision.serviceState]}`, nextStepSentence(decision.nextStep)].join(' · ');
}
