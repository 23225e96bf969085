import { describe, expect, it } from 'vitest';
import { episodeSummary, nextStepSentence } from './episode-status.js';
import { evaluateEpisode, type EpisodeState } from './evaluate-episode.js';
import { DEFAULT_DUNNING_POLICY as policy } from './policy.js';

// EUR 40.00 due 10 Jan 2027; the reminder was sent on 11 Jan.
const facts = { currency: 'EUR', overdueMinor: 4000n, receivableMinor: 4000n, earliestUnpaidDueDate: '2027-01-10' };
const reminded: EpisodeState = {
  startedOn: '2027-01-11', anchor: '2027-01-10', stepsTaken: ['0:email_reminder'], stepsSkipped: [], paused: false, promiseToPayUntil: null,
};

describe('the episode in one line', () => {
  it('reads as staff see it on the account page', () => {
    const decision = evaluateEpisode({ policy, facts, today: '2027-01-12', exempt: false, episode: reminded });
    expect(episodeSummary(decision)).toBe('Reminded · service Active · Next: Warning email on 2027-01-17');
    const none = evaluateEpisode({ policy, facts: { ...facts, overdueMinor: 0n }, today: '2027-01-12', exempt: false, episode: null });
    expect(episodeSummary(none)).toBe('Nothing overdue');
  });

  it('says why the next step waits', () => {
    const paused = evaluateEpisode({ policy, facts, today: '2027-01-20', exempt: false, episode: { ...reminded, paused: true } });
    expect(nextStepSentence(paused.nextStep)).toBe('Next: Warning email, due since 2027-01-17 (held: the episode is paused)');

    const restricted = { ...reminded, stepsTaken: ['0:email_reminder', '1:email_warning', '2:charge_penalties', '3:email_final_notice', '4:restrict'], promiseToPayUntil: '2027-02-15' };
    const promised = evaluateEpisode({ policy, facts, today: '2027-02-10', exempt: false, episode: restricted });
    expect(nextStepSentence(promised.nextStep)).toBe('Next: Suspend service on 2027-02-16 (postponed by a promise to pay)');

    const suspended = { ...restricted, stepsTaken: [...restricted.stepsTaken, '5:suspend'] };
    expect(nextStepSentence(evaluateEpisode({ policy, facts, today: '2027-02-20', exempt: false, episode: suspended }).nextStep)).toBe('No further step');
  });
});
