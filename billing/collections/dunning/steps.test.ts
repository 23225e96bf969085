import { describe, expect, it } from 'vitest';
import { DUNNING_ACTIONS, DUNNING_ACTION_LABELS, STAGE_AFTER_ACTION, emailKindOf } from './actions.js';
import { DEFAULT_DUNNING_POLICY } from './policy.js';
import { DUNNING_STAGES, DUNNING_STAGE_LABELS, SERVICE_STATES, SERVICE_STATE_LABELS } from './stages.js';
import { actionOfStepKey, policySteps, stepDescription, suspensionDate } from './steps.js';

describe('steps as staff and customers read them', () => {
  it('describe themselves for the history and the emails', () => {
    expect(stepDescription({ afterDays: 7, action: 'email_warning' })).toBe('Warning email, 7 days after the due date');
    expect(stepDescription({ afterDays: 1, action: 'email_reminder' })).toBe('Reminder email, 1 day after the due date');
    expect(stepDescription({ afterDays: 0, action: 'charge_penalties' })).toBe('Charge penalties, on the due date');
    expect(stepDescription({ afterDays: 21, action: 'restrict' })).toBe('Restrict service (walled garden), 21 days after the due date');
  });

  it('the warning email can name the suspension day, moved by a promise to pay', () => {
    // Due 10 Jan 2027; the default policy suspends 30 days on.
    expect(suspensionDate(DEFAULT_DUNNING_POLICY, '2027-01-10')).toBe('2027-02-09');
    expect(suspensionDate(DEFAULT_DUNNING_POLICY, '2027-01-10', '2027-02-15')).toBe('2027-02-16');
    expect(suspensionDate(DEFAULT_DUNNING_POLICY, '2027-01-10', '2027-01-20')).toBe('2027-02-09');
    expect(suspensionDate({ ...DEFAULT_DUNNING_POLICY, steps: [{ afterDays: 1, action: 'email_reminder' }] }, '2027-01-10')).toBeNull();
  });

  it('each email step sends its own kind of email; other steps send none', () => {
    expect(DUNNING_ACTIONS.map((action) => [action, emailKindOf(action)]).filter(([, kind]) => kind)).toEqual([
      ['email_reminder', 'dunning_reminder'],
      ['email_warning', 'dunning_warning'],
      ['email_final_notice', 'dunning_final_notice'],
    ]);
  });

  it('keys name the step by its place and action, and give the action back', () => {
    expect(policySteps(DEFAULT_DUNNING_POLICY).map((step) => step.key)).toEqual([
      '0:email_reminder', '1:email_warning', '2:charge_penalties', '3:email_final_notice', '4:restrict', '5:suspend',
    ]);
    expect(actionOfStepKey('4:restrict')).toBe('restrict');
    expect(actionOfStepKey('restrict')).toBeNull();
    expect(actionOfStepKey('4:unplug')).toBeNull();
  });

  it('every stage, service state and action has a label, and actions lead to stages in order', () => {
    for (const stage of DUNNING_STAGES) expect(DUNNING_STAGE_LABELS[stage]).toBeTruthy();
    for (const state of SERVICE_STATES) expect(SERVICE_STATE_LABELS[state]).toBeTruthy();
    for (const action of DUNNING_ACTIONS) expect(DUNNING_ACTION_LABELS[action]).toBeTruthy();
    const stagesOfDefault = DEFAULT_DUNNING_POLICY.steps.map((s) => STAGE_AFTER_ACTION[s.action]).filter((s) => s !== null);
    expect(stagesOfDefault).toEqual(['reminded', 'warned', 'final_notice', 'restricted', 'suspended']);
  });
});
