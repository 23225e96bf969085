// Dunning (collections) rules: the policy as data, the overdue episode as a pure function of the
// ledger's facts and the business date, promises to pay and card retries.
export {
  DUNNING_STAGES, DUNNING_STAGE_LABELS, SERVICE_STATES, SERVICE_STATE_LABELS, furtherStage, stricterServiceState,
  isDunningStage, isServiceState, type DunningStage, type ServiceState,
} from './stages.js';
export {
  DUNNING_ACTIONS, DUNNING_ACTION_LABELS, FINAL_ACTIONS, STAGE_AFTER_ACTION, SERVICE_STATE_AFTER_ACTION, DUNNING_EMAIL_KINDS,
  emailKindOf, isDunningAction, isFinalAction, needsSomethingReceivable, postponedByPromise, endsForGood,
  type DunningAction, type FinalAction, type DunningEmailKind,
} from './actions.js';
export {
  DEFAULT_DUNNING_POLICY, MAX_POLICY_DAYS, MAX_POLICY_STEPS, MAX_CARD_RETRIES, MAX_POLICY_CURRENCIES,
  minimumOverdueFor, isOverdueEnough, keepsInvoicing, dunningPolicyToJson, type DunningPolicy, type DunningStep,
} from './policy.js';
export { parseDunningPolicy, type DunningPolicyParse } from './parse-policy.js';
export { stepKey, actionOfStepKey, policySteps, stepDate, suspensionDate, stepDescription, type PolicyStep } from './steps.js';
export {
  evaluateEpisode, DUNNING_HOLD_LABELS,
  type DunningFacts, type EpisodeState, type EpisodeInput, type DunningHold, type ScheduledStep, type NextStep,
  type EpisodeChange, type EpisodeDecision,
} from './evaluate-episode.js';
export {
  acceptPromise, promiseLimit, promiseAlreadyMade, promiseInPast, promiseBeyondLimit, PROMISE_NO_EPISODE,
  PROMISE_NOT_ACCEPTED, PROMISE_EPISODE_ENDED, type PromiseAcceptance,
} from './promise-to-pay.js';
export { cardRetryPlan, cardRetryEnd, type CardRetryEnd } from './card-retries.js';
export { nextStepSentence, episodeSummary } from './episode-status.js';
