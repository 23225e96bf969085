import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from './billing-parts.js';
import { evaluateEpisode, type DunningFacts, type EpisodeDecision, type EpisodeState } from './evaluate-episode.js';
import { parseDunningPolicy } from './parse-policy.js';
import { DEFAULT_DUNNING_POLICY, type DunningPolicy } from './policy.js';
import { acceptPromise } from './promise-to-pay.js';

// The default policy, counted from the earliest due date still unpaid:
//   0:email_reminder day 1, 1:email_warning day 7, 2:charge_penalties day 7,
//   3:email_final_notice day 14, 4:restrict day 21, 5:suspend day 30; minimum EUR 5.00.
const policy = DEFAULT_DUNNING_POLICY;

/** The account's side of an episode: what the workflow keeps between evaluations. */
interface Account {
  episode: EpisodeState | null;
  exempt: boolean;
  /** Each day steps were taken, with their keys. */
  log: Array<[IsoDate, string[]]>;
}

const newAccount = (): Account => ({ episode: null, exempt: false, log: [] });

/** One evaluation as the workflow runs it: evaluate, take every step due in order, keep the episode. */
function evaluateAndTake(account: Account, facts: DunningFacts, today: IsoDate, withPolicy: DunningPolicy = policy): EpisodeDecision {
  const decision = evaluateEpisode({ policy: withPolicy, facts, today, exempt: account.exempt, episode: account.episode });
  const keys = decision.stepsDue.map((step) => step.key);
  account.episode = decision.episode && { ...decision.episode, stepsTaken: [...decision.episode.stepsTaken, ...keys] };
  if (keys.length > 0) account.log.push([today, keys]);
  return decision;
}

/** An evaluation every day from `from` to `to`, as the workflow's timer and signals would bring them. */
function runDays(account: Account, from: IsoDate, to: IsoDate, factsOn: (day: IsoDate) => DunningFacts): Map<IsoDate, EpisodeDecision> {
  const decisions = new Map<IsoDate, EpisodeDecision>();
  for (let day = from; day <= to; day = addDays(day, 1)) decisions.set(day, evaluateAndTake(account, factsOn(day), day));
  return decisions;
}

function eur(overdueMinor: bigint, earliestUnpaidDueDate: IsoDate | null, receivableMinor = overdueMinor): DunningFacts {
  return { currency: 'EUR', overdueMinor, receivableMinor, earliestUnpaidDueDate };
}

/** EUR 40.00 due on 10 January, overdue from the 11th, never paid. */
const unpaidFrom10January = (day: IsoDate) => (day > '2027-01-10' ? eur(4000n, '2027-01-10') : eur(0n, '2027-01-10', 4000n));

describe('an overdue episode, day by day', () => {
  it('reminds, warns with penalties, gives final notice, restricts and suspends on the policy days', () => {
    // Due 10 Jan: reminder 11 Jan (+1), warning and penalties 17 Jan (+7), final notice 24 Jan (+14),
    // walled garden 31 Jan (+21), suspension 9 Feb (+30).
    const account = newAccount();
    const days = runDays(account, '2027-01-10', '2027-02-20', unpaidFrom10January);

    expect(account.log).toEqual([
      ['2027-01-11', ['0:email_reminder']],
      ['2027-01-17', ['1:email_warning', '2:charge_penalties']],
      ['2027-01-24', ['3:email_final_notice']],
      ['2027-01-31', ['4:restrict']],
      ['2027-02-09', ['5:suspend']],
    ]);
    const standing = (day: IsoDate) => [days.get(day)!.stage, days.get(day)!.serviceState];
    expect(standing('2027-01-10')).toEqual(['none', 'active']); // the due day itself is not overdue
    expect(standing('2027-01-11')).toEqual(['reminded', 'active']);
    expect(standing('2027-01-16')).toEqual(['reminded', 'active']);
    expect(standing('2027-01-17')).toEqual(['warned', 'active']);
    expect(standing('2027-01-24')).toEqual(['final_notice', 'active']);
    expect(standing('2027-01-31')).toEqual(['restricted', 'restricted']);
    expect(standing('2027-02-08')).toEqual(['restricted', 'restricted']);
    expect(standing('2027-02-09')).toEqual(['suspended', 'suspended']);
    expect(standing('2027-02-20')).toEqual(['suspended', 'suspended']);
  });

  it('opens on the first overdue day, anchored on the due date, and says what comes next and when', () => {
    const account = newAccount();
    expect(evaluateAndTake(account, eur(0n, '2027-01-10', 4000n), '2027-01-10')).toMatchObject({ open: false, change: 'none', stage: 'none' });
    const opened = evaluateAndTake(account, unpaidFrom10January('2027-01-11'), '2027-01-11');
    expect(opened).toMatchObject({ open: true, change: 'opened', anchor: '2027-01-10', stage: 'reminded', wakeOn: '2027-01-17' });
    expect(opened.episode).toMatchObject({ startedOn: '2027-01-11', anchor: '2027-01-10', stepsTaken: [] });
    expect(opened.nextStep).toMatchObject({ key: '1:email_warning', date: '2027-01-17', heldBy: null });

    const quiet = evaluateAndTake(account, unpaidFrom10January('2027-01-13'), '2027-01-13');
    expect(quiet).toMatchObject({ change: 'continued', stepsDue: [], wakeOn: '2027-01-17', stage: 'reminded' });
  });

  it('takes every step whose day has passed at once, in order, when evaluated late', () => {
    // Nothing evaluated between the due date and 12 Feb (day 33): all six steps are due.
    const late = evaluateEpisode({ policy, facts: unpaidFrom10January('2027-02-12'), today: '2027-02-12', exempt: false, episode: null });
    expect(late.stepsDue.map((s) => [s.key, s.date])).toEqual([
      ['0:email_reminder', '2027-01-11'],
      ['1:email_warning', '2027-01-17'],
      ['2:charge_penalties', '2027-01-17'],
      ['3:email_final_notice', '2027-01-24'],
      ['4:restrict', '2027-01-31'],
      ['5:suspend', '2027-02-09'],
    ]);
    expect(late).toMatchObject({ stage: 'suspended', serviceState: 'suspended', nextStep: null, wakeOn: null });

    // With the reminder already taken on time, the rest are due, the reminder is not sent again.
    const remindedOnly = evaluateEpisode({
      policy, facts: unpaidFrom10January('2027-01-25'), today: '2027-01-25', exempt: false,
      episode: { startedOn: '2027-01-11', anchor: '2027-01-10', stepsTaken: ['0:email_reminder'], stepsSkipped: [], paused: false, promiseToPayUntil: null },
    });
    expect(remindedOnly.stepsDue.map((s) => s.key)).toEqual(['1:email_warning', '2:charge_penalties', '3:email_final_notice']);
    expect(remindedOnly.nextStep).toMatchObject({ key: '4:restrict', date: '2027-01-31' });
  });
});

describe('a partial payment mid-episode', () => {
  // Invoice A, EUR 30.00 due 1 Jan, and invoice B, EUR 30.00 due 10 Jan. The customer pays A on 20 Jan.
  const factsOn = (day: IsoDate): DunningFacts => {
    if (day < '2027-01-20') return eur(day > '2027-01-10' ? 6000n : 3000n, '2027-01-01', 6000n);
    return eur(3000n, '2027-01-10');
  };

  it('re-anchors on the next unpaid due date and still takes the next step: none skipped, none repeated', () => {
    // From 1 Jan: reminder 2 Jan, warning and penalties 8 Jan, final notice 15 Jan; restrict would be 22 Jan.
    // After paying A the anchor is 10 Jan: restrict on 31 Jan (10 + 21), suspend on 9 Feb (10 + 30).
    // Kill Bill's re-check on 22 Jan would find B only 12 days overdue and drop back; here the
    // restriction simply waits for its day from the new anchor, then suspension follows.
    const account = newAccount();
    const days = runDays(account, '2027-01-01', '2027-02-15', factsOn);
    expect(account.log).toEqual([
      ['2027-01-02', ['0:email_reminder']],
      ['2027-01-08', ['1:email_warning', '2:charge_penalties']],
      ['2027-01-15', ['3:email_final_notice']],
      ['2027-01-31', ['4:restrict']],
      ['2027-02-09', ['5:suspend']],
    ]);
    expect(days.get('2027-01-20')).toMatchObject({ anchor: '2027-01-10', stage: 'final_notice', stepsDue: [], wakeOn: '2027-01-31' });
    expect(days.get('2027-01-22')).toMatchObject({ stage: 'final_notice', serviceState: 'active', stepsDue: [] });
    expect(days.get('2027-01-31')).toMatchObject({ stage: 'restricted', serviceState: 'restricted' });
    expect(account.episode?.anchor).toBe('2027-01-10');
  });

  it('leaves a step whose day had come on the old anchor for its day on the new one, then takes it', () => {
    // Evaluated only on 20 Jan after the reminder: the warning (8 Jan on the old anchor) was never
    // taken. Counted from 10 Jan it falls on 17 Jan, already past: due now, not lost.
    const decision = evaluateEpisode({
      policy, facts: factsOn('2027-01-20'), today: '2027-01-20', exempt: false,
      episode: { startedOn: '2027-01-02', anchor: '2027-01-01', stepsTaken: ['0:email_reminder'], stepsSkipped: [], paused: false, promiseToPayUntil: null },
    });
    expect(decision.stepsDue.map((s) => [s.key, s.scheduledOn])).toEqual([
      ['1:email_warning', '2027-01-17'],
      ['2:charge_penalties', '2027-01-17'],
    ]);
    expect(decision.nextStep).toMatchObject({ key: '3:email_final_notice', date: '2027-01-24' });
  });
});

describe('closing an episode', () => {
  it('closes when the overdue amount falls below the minimum, and service comes back', () => {
    // Suspended on 9 Feb; on 12 Feb the customer pays all but EUR 4.99 (the minimum is EUR 5.00).
    const account = newAccount();
    runDays(account, '2027-01-10', '2027-02-11', unpaidFrom10January);
    expect(account.episode?.stepsTaken).toContain('5:suspend');

    const closed = evaluateAndTake(account, eur(499n, '2027-01-10'), '2027-02-12');
    expect(closed).toMatchObject({ open: false, change: 'closed', episode: null, stage: 'none', serviceState: 'active', stepsDue: [] });

    // Overdue again later: a fresh episode from its own anchor, starting with the reminder.
    const again = evaluateAndTake(account, eur(4000n, '2027-03-10'), '2027-03-11');
    expect(again).toMatchObject({ change: 'opened', anchor: '2027-03-10', stage: 'reminded', serviceState: 'active' });
    expect(again.stepsDue.map((s) => s.key)).toEqual(['0:email_reminder']);
  });

  it('never opens below the minimum; a currency the policy does not list counts any positive amount', () => {
    const under = evaluateEpisode({ policy, facts: eur(499n, '2027-01-10'), today: '2027-02-20', exempt: false, episode: null });
    expect(under).toMatchObject({ open: false, change: 'none', stage: 'none', serviceState: 'active' });
    const atMinimum = evaluateEpisode({ policy, facts: eur(500n, '2027-01-10'), today: '2027-01-11', exempt: false, episode: null });
    expect(atMinimum).toMatchObject({ open: true, change: 'opened' });

    const sek = { currency: 'SEK', overdueMinor: 1n, receivableMinor: 1n, earliestUnpaidDueDate: '2027-01-10' };
    expect(evaluateEpisode({ policy, facts: sek, today: '2027-01-11', exempt: false, episode: null }).open).toBe(true);
    expect(evaluateEpisode({ policy, facts: { ...sek, overdueMinor: 0n }, today: '2027-01-11', exempt: false, episode: null }).open).toBe(false);
  });
});

describe('a customer who owes nothing overall', () => {
  it('is never restricted or suspended: those steps are held while the emails go on', () => {
    // Invoices read EUR 40.00 overdue, but unallocated credit of EUR 40.00 makes the receivable zero.
    const account = newAccount();
    const days = runDays(account, '2027-01-10', '2027-02-20', (day) => ({ ...unpaidFrom10January(day), receivableMinor: 0n }));
    expect(account.log.map(([, keys]) => keys).flat()).toEqual(['0:email_reminder', '1:email_warning', '2:charge_penalties', '3:email_final_notice']);
    expect(days.get('2027-02-20')).toMatchObject({ stage: 'final_notice', serviceState: 'active', wakeOn: null });
    expect(days.get('2027-02-20')!.nextStep).toMatchObject({ key: '4:restrict', heldBy: 'nothing_receivable' });
  });

  it('gets service back at once when credit covers a restricted account', () => {
    const restricted: EpisodeState = {
      startedOn: '2027-01-11', anchor: '2027-01-10', paused: false, promiseToPayUntil: null, stepsSkipped: [],
      stepsTaken: ['0:email_reminder', '1:email_warning', '2:charge_penalties', '3:email_final_notice', '4:restrict'],
    };
    const decision = evaluateEpisode({ policy, facts: eur(4000n, '2027-01-10', 0n), today: '2027-02-10', exempt: false, episode: restricted });
    expect(decision).toMatchObject({ serviceState: 'active', stepsDue: [] });
    expect(decision.nextStep).toMatchObject({ key: '5:suspend', heldBy: 'nothing_receivable' });
  });
});

describe('exempt customers and paused episodes', () => {
  it('an exempt customer is tracked but takes no step; the decision still says what would be next', () => {
    const account = { ...newAccount(), exempt: true };
    const days = runDays(account, '2027-01-10', '2027-02-20', unpaidFrom10January);
    expect(account.log).toEqual([]);
    expect(days.get('2027-02-20')).toMatchObject({ open: true, stage: 'overdue', serviceState: 'active', wakeOn: null, stepsDue: [] });
    expect(days.get('2027-02-20')!.nextStep).toMatchObject({ key: '0:email_reminder', date: '2027-01-11', heldBy: 'exempt' });
  });

  it('a paused episode takes nothing; resumed, the steps it held are taken in order', () => {
    // Warned on 17 Jan, paused by staff from 20 Jan to 1 Feb: final notice (24 Jan) and restriction
    // (31 Jan) wait, then both go on 1 Feb.
    const account = newAccount();
    runDays(account, '2027-01-10', '2027-01-19', unpaidFrom10January);
    account.episode = { ...account.episode!, paused: true };
    const paused = runDays(account, '2027-01-20', '2027-01-31', unpaidFrom10January);
    expect(paused.get('2027-01-31')).toMatchObject({ stage: 'warned', serviceState: 'active', stepsDue: [], wakeOn: null });
    expect(paused.get('2027-01-31')!.nextStep).toMatchObject({ key: '3:email_final_notice', date: '2027-01-24', heldBy: 'paused' });

    account.episode = { ...account.episode!, paused: false };
    const resumed = evaluateAndTake(account, unpaidFrom10January('2027-02-01'), '2027-02-01');
    expect(resumed.stepsDue.map((s) => s.key)).toEqual(['3:email_final_notice', '4:restrict']);
    expect(resumed).toMatchObject({ stage: 'restricted', serviceState: 'restricted', wakeOn: '2027-02-09' });
  });

  it('a step staff skipped is passed over and gives no stage', () => {
    const decision = evaluateEpisode({
      policy, facts: unpaidFrom10January('2027-01-17'), today: '2027-01-17', exempt: false,
      episode: { startedOn: '2027-01-11', anchor: '2027-01-10', stepsTaken: ['0:email_reminder'], stepsSkipped: ['2:charge_penalties'], paused: false, promiseToPayUntil: null },
    });
    expect(decision.stepsDue.map((s) => s.key)).toEqual(['1:email_warning']);
  });
});

describe('a promise to pay', () => {
  it('postpones suspension once, to the day after the promise', () => {
    // Restricted 31 Jan. On 5 Feb the customer promises to pay by 15 Feb (the latest allowed is
    // 19 Feb, 14 days on). Suspension, due 9 Feb, moves to 16 Feb.
    const account = newAccount();
    runDays(account, '2027-01-10', '2027-02-05', unpaidFrom10January);
    const promised = acceptPromise(policy, account.episode, '2027-02-05', '2027-02-15');
    expect(promised.ok).toBe(true);
    if (promised.ok) account.episode = promised.episode;

    const days = runDays(account, '2027-02-06', '2027-02-20', unpaidFrom10January);
    expect(days.get('2027-02-09')).toMatchObject({ stage: 'restricted', serviceState: 'restricted', stepsDue: [], wakeOn: '2027-02-16' });
    expect(days.get('2027-02-09')!.nextStep).toMatchObject({ key: '5:suspend', scheduledOn: '2027-02-09', date: '2027-02-16', heldBy: 'promise_to_pay' });
    expect(days.get('2027-02-15')).toMatchObject({ serviceState: 'restricted', stepsDue: [] });
    expect(account.log.at(-1)).toEqual(['2027-02-16', ['5:suspend']]);

    // A second promise in the same episode is refused.
    expect(acceptPromise(policy, account.episode, '2027-02-10', '2027-02-12')).toEqual({
      ok: false,
      reason: 'A promise to pay was already made in this overdue episode (until 2027-02-15); only one is accepted per episode.',
    });
  });

  it('is refused beyond the policy limit, in the past, or with nothing overdue', () => {
    const episode: EpisodeState = { startedOn: '2027-01-11', anchor: '2027-01-10', stepsTaken: [], stepsSkipped: [], paused: false, promiseToPayUntil: null };
    expect(acceptPromise(policy, episode, '2027-02-05', '2027-02-20')).toEqual({
      ok: false, reason: 'A promise to pay may run at most 14 days: the latest day is 2027-02-19.',
    });
    expect(acceptPromise(policy, episode, '2027-02-05', '2027-02-19').ok).toBe(true);
    expect(acceptPromise(policy, episode, '2027-02-05', '2027-02-04')).toEqual({
      ok: false, reason: 'The promised day 2027-02-04 has already passed (today is 2027-02-05).',
    });
    expect(acceptPromise(policy, null, '2027-02-05', '2027-02-10')).toEqual({ ok: false, reason: 'Nothing is overdue, so there is no payment to promise.' });
  });

  it('holds the walled garden too, but not the emails or penalties', () => {
    // Promise made on 20 Jan to pay by 2 Feb: the final notice (24 Jan) still goes out, the walled
    // garden (31 Jan) moves to 3 Feb.
    const account = newAccount();
    runDays(account, '2027-01-10', '2027-01-20', unpaidFrom10January);
    const promised = acceptPromise(policy, account.episode, '2027-01-20', '2027-02-02');
    if (!promised.ok) throw new Error(promised.reason);
    account.episode = promised.episode;
    runDays(account, '2027-01-21', '2027-02-05', unpaidFrom10January);
    expect(account.log).toEqual([
      ['2027-01-11', ['0:email_reminder']],
      ['2027-01-17', ['1:email_warning', '2:charge_penalties']],
      ['2027-01-24', ['3:email_final_notice']],
      ['2027-02-03', ['4:restrict']],
    ]);
  });
});

describe('the end of an episode', () => {
  const ending = (action: string) => {
    const parsed = parseDunningPolicy({
      minimumOverdueMinor: { EUR: 500 }, cardRetryDays: [], maxPromiseDays: 14,
      steps: [{ afterDays: 30, action: 'suspend' }, { afterDays: 90, action }],
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.policy;
  };
  const suspendedOnDay30: EpisodeState = {
    startedOn: '2027-01-11', anchor: '2027-01-10', stepsTaken: ['0:suspend'], stepsSkipped: [], paused: false, promiseToPayUntil: null,
  };

  it('a write-off stays written off once the debt is gone from the ledger: the service is not restored by it', () => {
    const writeOff = ending('write_off');
    const onDay90 = evaluateEpisode({ policy: writeOff, facts: eur(4000n, '2027-01-10'), today: '2027-04-10', exempt: false, episode: suspendedOnDay30 });
    expect(onDay90.stepsDue.map((s) => s.key)).toEqual(['1:write_off']);
    expect(onDay90).toMatchObject({ stage: 'written_off', serviceState: 'suspended' });

    const afterPosting = evaluateEpisode({
      policy: writeOff, facts: eur(0n, null, 0n), today: '2027-04-11', exempt: false,
      episode: { ...suspendedOnDay30, stepsTaken: ['0:suspend', '1:write_off'] },
    });
    expect(afterPosting).toMatchObject({ open: true, concluded: true, stage: 'written_off', serviceState: 'suspended', stepsDue: [], nextStep: null });
  });

  it('a debt with a collection agency closes like any other when it is paid', () => {
    const collection = ending('mark_for_collection');
    const handedOver = { ...suspendedOnDay30, stepsTaken: ['0:suspend', '1:mark_for_collection'] };
    const stillOwed = evaluateEpisode({ policy: collection, facts: eur(4000n, '2027-01-10'), today: '2027-05-01', exempt: false, episode: handedOver });
    expect(stillOwed).toMatchObject({ open: true, concluded: true, stage: 'in_collection', serviceState: 'suspended' });
    const paid = evaluateEpisode({ policy: collection, facts: eur(0n, null, 0n), today: '2027-05-02', exempt: false, episode: handedOver });
    expect(paid).toMatchObject({ open: false, change: 'closed', stage: 'none', serviceState: 'active' });
  });

  it('cancelling the account is held while the customer owes nothing', () => {
    const cancel = ending('cancel');
    const decision = evaluateEpisode({ policy: cancel, facts: eur(4000n, '2027-01-10', 0n), today: '2027-04-10', exempt: false, episode: suspendedOnDay30 });
    expect(decision.stepsDue).toEqual([]);
    expect(decision.nextStep).toMatchObject({ key: '1:cancel', heldBy: 'nothing_receivable' });
  });
});

describe('facts that do not add up', () => {
  it('money overdue without a due date keeps the episode counting from its anchor instead of restoring service', () => {
    const suspended: EpisodeState = {
      startedOn: '2027-01-11', anchor: '2027-01-10', paused: false, promiseToPayUntil: null, stepsSkipped: [],
      stepsTaken: ['0:email_reminder', '1:email_warning', '2:charge_penalties', '3:email_final_notice', '4:restrict', '5:suspend'],
    };
    const decision = evaluateEpisode({ policy, facts: eur(4000n, null), today: '2027-02-20', exempt: false, episode: suspended });
    expect(decision).toMatchObject({ open: true, anchor: '2027-01-10', serviceState: 'suspended' });
  });
});

describe('bad facts', () => {
  it('are refused with the field named', () => {
    const run = (facts: DunningFacts, today = '2027-01-11') => () => evaluateEpisode({ policy, facts, today, exempt: false, episode: null });
    expect(run({ ...eur(1n, '2027-01-10'), currency: 'eur' })).toThrow('Invalid currency "eur"');
    expect(run({ ...eur(1n, '2027-01-10'), overdueMinor: 1 as unknown as bigint })).toThrow('facts.overdueMinor must be a bigint');
    expect(run(eur(1n, '2027-02-30'))).toThrow('Invalid facts.earliestUnpaidDueDate "2027-02-30"');
    expect(run(eur(1n, '2027-01-10'), '11/01/2027')).toThrow('Invalid today');
  });
});
