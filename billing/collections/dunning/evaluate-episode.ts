// The overdue episode as a pure function of the ledger's facts and the business date, after Kill
// Bill's overdue configuration. Unlike Kill Bill, steps are not chosen by how late the account is
// today but taken one after another: the next step is always the first one neither taken nor
// skipped, dated from the current anchor. So when a partial payment moves the anchor to a later
// due date, the remaining steps count from it and none is jumped over, and a step once taken is
// never taken again.
import { addDays, parseCurrency, parseIsoDate, type CurrencyCode, type IsoDate } from './billing-parts.js';
import {
  SERVICE_STATE_AFTER_ACTION, STAGE_AFTER_ACTION, endsForGood, isFinalAction, needsSomethingReceivable, postponedByPromise,
  type DunningAction,
} from './actions.js';
import { isOverdueEnough, type DunningPolicy } from './policy.js';
import { furtherStage, stricterServiceState, type DunningStage, type ServiceState } from './stages.js';
import { actionOfStepKey, policySteps, stepDate, type PolicyStep } from './steps.js';

/** What the ledger says at the time of evaluation, in the account's currency. */
export interface DunningFacts {
  currency: CurrencyCode;
  /** Past due and still open, net of unallocated payments and the customer's credit. */
  overdueMinor: bigint;
  /** The whole balance the customer owes, due or not; zero or less when their credit covers it. */
  receivableMinor: bigint;
  /** The earliest due date of an invoice still (partly) unpaid; null when none is. */
  earliestUnpaidDueDate: IsoDate | null;
}

/** An open episode as the account keeps it between evaluations. */
export interface EpisodeState {
  startedOn: IsoDate;
  /** The earliest due date still unpaid when last evaluated: the steps' days count from it. */
  anchor: IsoDate;
  /** Keys (stepKey) of the steps taken, in the order they were taken. */
  stepsTaken: readonly string[];
  /** Keys of steps staff chose to pass over: never due, and no stage of theirs. */
  stepsSkipped: readonly string[];
  /** Staff paused the episode: it takes no steps until they resume it. */
  paused: boolean;
  /**
   * The episode's promise to pay, kept once made (an episode allows one): until this day, inclusive,
   * no step that cuts service or ends the episode is taken.
   */
  promiseToPayUntil: IsoDate | null;
}

export interface EpisodeInput {
  policy: DunningPolicy;
  facts: DunningFacts;
  /** The business date (the company's calendar day), passed in: workflow code reads no clock. */
  today: IsoDate;
  /** The customer is excluded from dunning: an episode is tracked, but no step is taken. */
  exempt: boolean;
  /** The open episode, or null when there is none. */
  episode: EpisodeState | null;
}

/** Why a step that would otherwise be due is not taken. */
export type DunningHold = 'exempt' | 'paused' | 'promise_to_pay' | 'nothing_receivable';

export const DUNNING_HOLD_LABELS: Readonly<Record<DunningHold, string>> = {
  exempt: 'Held: the customer is exempt from dunning',
  paused: 'Held: the episode is paused',
  promise_to_pay: 'Postponed by a promise to pay',
  nothing_receivable: 'Held: the customer owes nothing (credit covers the overdue invoices)',
};

export interface ScheduledStep extends PolicyStep {
  /** The anchor plus the step's days. */
  scheduledOn: IsoDate;
  /** The day it is taken: scheduledOn, or the day after a promise to pay that postpones it. */
  date: IsoDate;
}

export interface NextStep extends ScheduledStep {
  /** Null: it is simply not its day yet. */
  heldBy: DunningHold | null;
}

/** What the evaluation does to the episode: `closed` ends an episode that was open. */
export type EpisodeChange = 'none' | 'opened' | 'continued' | 'closed';

export interface EpisodeDecision {
  /** Whether an episode should be open after this evaluation. */
  open: boolean;
  change: EpisodeChange;
  /** The episode to keep (opened today, or re-anchored); null when none is open. */
  episode: EpisodeState | null;
  anchor: IsoDate | null;
  /** Steps to take now, in policy order; the caller records each key in stepsTaken as it takes it. */
  stepsDue: ScheduledStep[];
  /** The step that comes after those due now, with its date, or null when none remains. */
  nextStep: NextStep | null;
  /** When to evaluate again if no fact changes before: the next step's date, unless something holds it. */
  wakeOn: IsoDate | null;
  /** The stage once the steps due now are taken. */
  stage: DunningStage;
  /** The service the network should give once the steps due now are taken. */
  serviceState: ServiceState;
  /** A final step was taken: no further step comes. */
  concluded: boolean;
}

const NO_EPISODE = {
  open: false,
  episode: null,
  anchor: null,
  stepsDue: [],
  nextStep: null,
  wakeOn: null,
  stage: 'none',
  serviceState: 'active',
  concluded: false,
} as const satisfies Omit<EpisodeDecision, 'change'>;

export function evaluateEpisode(input: EpisodeInput): EpisodeDecision {
  checkInput(input);
  const { policy, facts, today, exempt, episode } = input;
  const takenActions = (episode?.stepsTaken ?? []).map(actionOfStepKey).filter((a): a is DunningAction => a !== null);
  const endedForGood = takenActions.some(endsForGood);
  const overdueEnough = isOverdueEnough(policy, facts.currency, facts.overdueMinor);

  // A write-off or a cancellation outlasts the debt (the write-off is what removed it); any other
  // episode closes as soon as what is overdue falls below the minimum, and service comes back.
  if (!overdueEnough && !endedForGood) return { ...NO_EPISODE, stepsDue: [], change: episode ? 'closed' : 'none' };

  // Money overdue always has a due date; should the facts lack one, the episode keeps counting
  // from where it did (or from today), rather than closing and giving service back on a gap.
  const anchor = facts.earliestUnpaidDueDate ?? episode?.anchor ?? today;
  const state: EpisodeState = episode
    ? { ...episode, anchor }
    : { startedOn: today, anchor, stepsTaken: [], stepsSkipped: [], paused: false, promiseToPayUntil: null };
  const concluded = takenActions.some(isFinalAction);
  const { stepsDue, nextStep } = concluded
    ? { stepsDue: [], nextStep: null }
    : scheduleSteps(policy, state, facts, today, exempt);
  const actions = [...takenActions, ...stepsDue.map((step) => step.action)];

  return {
    open: true,
    change: episode ? 'continued' : 'opened',
    episode: state,
    anchor,
    stepsDue,
    nextStep,
    wakeOn: nextStep && (nextStep.heldBy === null || nextStep.heldBy === 'promise_to_pay') ? nextStep.date : null,
    stage: actions.reduce<DunningStage>((stage, action) => furtherStage(stage, STAGE_AFTER_ACTION[action] ?? stage), 'overdue'),
    serviceState: endedForGood || facts.receivableMinor > 0n ? serviceStateAfter(actions) : 'active',
    concluded,
  };
}

function serviceStateAfter(actions: readonly DunningAction[]): ServiceState {
  return actions.reduce<ServiceState>((state, action) => stricterServiceState(state, SERVICE_STATE_AFTER_ACTION[action] ?? state), 'active');
}

/**
 * Walks the steps not yet settled, in order: each whose day has come is due, until one that is
 * not its day yet or that something holds; that one is the next, and nothing after it is due
 * (steps are taken in order, so a held suspension also holds the steps behind it).
 */
function scheduleSteps(
  policy: DunningPolicy,
  state: EpisodeState,
  facts: DunningFacts,
  today: IsoDate,
  exempt: boolean,
): { stepsDue: ScheduledStep[]; nextStep: NextStep | null } {
  const settled = new Set([...state.stepsTaken, ...state.stepsSkipped]);
  const stepsDue: ScheduledStep[] = [];
  for (const step of policySteps(policy).filter((s) => !settled.has(s.key))) {
    const scheduled = scheduleStep(step, state);
    const heldBy = holdOf(scheduled, { exempt, paused: state.paused, receivableMinor: facts.receivableMinor, today });
    if (heldBy === null && scheduled.date <= today) {
      stepsDue.push(scheduled);
      continue;
    }
    return { stepsDue, nextStep: { ...scheduled, heldBy } };
  }
  return { stepsDue, nextStep: null };
}

/** The step's day from the anchor, moved to the day after the promise when one holds it. */
function scheduleStep(step: PolicyStep, state: EpisodeState): ScheduledStep {
  const scheduledOn = stepDate(step, state.anchor);
  const promise = state.promiseToPayUntil;
  const afterPromise = promise !== null && postponedByPromise(step.action) ? addDays(promise, 1) : null;
  return { ...step, scheduledOn, date: afterPromise !== null && afterPromise > scheduledOn ? afterPromise : scheduledOn };
}

function holdOf(
  step: ScheduledStep,
  situation: { exempt: boolean; paused: boolean; receivableMinor: bigint; today: IsoDate },
): DunningHold | null {
  if (situation.exempt) return 'exempt';
  if (situation.paused) return 'paused';
  // A promise whose day has passed postpones nothing any more: the step is due the day after it.
  if (step.date > step.scheduledOn && step.date > situation.today) return 'promise_to_pay';
  if (step.date <= situation.today && situation.receivableMinor <= 0n && needsSomethingReceivable(step.action)) {
    return 'nothing_receivable';
  }
  return null;
}

function checkInput({ policy, facts, today, episode }: EpisodeInput): void {
  if (!policy || !Array.isArray(policy.steps)) throw new TypeError('evaluateEpisode: policy must be a parsed dunning policy');
  parseCurrency(facts.currency);
  for (const field of ['overdueMinor', 'receivableMinor'] as const) {
    if (typeof facts[field] !== 'bigint') throw new TypeError(`evaluateEpisode: facts.${field} must be a bigint of minor units`);
  }
  if (facts.earliestUnpaidDueDate !== null) parseIsoDate(facts.earliestUnpaidDueDate, 'facts.earliestUnpaidDueDate');
  parseIsoDate(today, 'today');
  if (episode) {
    parseIsoDate(episode.startedOn, 'episode.startedOn');
    parseIsoDate(episode.anchor, 'episode.anchor');
    if (episode.promiseToPayUntil !== null) parseIsoDate(episode.promiseToPayUntil, 'episode.promiseToPayUntil');
  }
}
