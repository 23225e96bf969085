import { describe, expect, it } from 'vitest';
import { parseDunningPolicy } from './parse-policy.js';
import { DEFAULT_DUNNING_POLICY, dunningPolicyToJson, isOverdueEnough, keepsInvoicing, minimumOverdueFor } from './policy.js';

/** A policy as staff send it, loosely typed so that tests can break it in any way. */
interface Input {
  [field: string]: unknown;
  steps: Array<Record<string, unknown> | string>;
}

const valid = (): Input => ({
  minimumOverdueMinor: { EUR: 500, USD: '500' },
  steps: [
    { afterDays: 1, action: 'email_reminder' },
    { afterDays: 7, action: 'email_warning' },
    { afterDays: 7, action: 'charge_penalties' },
    { afterDays: 21, action: 'restrict' },
    { afterDays: 30, action: 'suspend' },
    { afterDays: 90, action: 'write_off' },
  ],
  cardRetryDays: [1, 3, 7],
  maxPromiseDays: 14,
});

function refusal(change: (policy: Input) => void) {
  const input = valid();
  change(input);
  const parsed = parseDunningPolicy(input);
  if (parsed.ok) throw new Error('expected a refusal');
  return { field: parsed.field, reason: parsed.reason };
}

const step = (policy: Input, index: number) => policy.steps[index] as Record<string, unknown>;

describe('parseDunningPolicy', () => {
  it('reads a policy, amounts as bigint minor units, still invoicing suspended accounts unless told otherwise', () => {
    const parsed = parseDunningPolicy(valid());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.policy.minimumOverdueMinor).toEqual({ EUR: 500n, USD: 500n });
    expect(parsed.policy.invoiceWhileSuspended).toBe(true);
    expect(parsed.policy.steps.at(-1)).toEqual({ afterDays: 90, action: 'write_off' });
    expect(parseDunningPolicy({ ...valid(), invoiceWhileSuspended: false })).toMatchObject({ ok: true, policy: { invoiceWhileSuspended: false } });
  });

  it('the default policy survives being stored as JSON and read back', () => {
    const stored = JSON.parse(JSON.stringify(dunningPolicyToJson(DEFAULT_DUNNING_POLICY))) as unknown;
    expect(parseDunningPolicy(stored)).toEqual({ ok: true, policy: DEFAULT_DUNNING_POLICY });
  });

  it('names the step and field that is out of bounds or out of order', () => {
    expect(refusal((p) => { step(p, 2).afterDays = 3; })).toEqual({
      field: 'steps[2].afterDays', reason: 'must not come before the step above it (day 7), got day 3',
    });
    expect(refusal((p) => { step(p, 5).afterDays = 3651; })).toEqual({ field: 'steps[5].afterDays', reason: 'must be between 0 and 3650 days, got 3651' });
    expect(refusal((p) => { step(p, 0).afterDays = 1.5; })).toEqual({ field: 'steps[0].afterDays', reason: 'must be a whole number of days, got 1.5' });
    expect(refusal((p) => { step(p, 1).action = 'email_threat'; })).toMatchObject({ field: 'steps[1].action' });
    expect(refusal((p) => { p.steps[0] = { afterDay: 1, action: 'email_reminder' }; })).toEqual({
      field: 'steps[0].afterDay', reason: 'is not a field here (the fields are afterDays, action)',
    });
    expect(refusal((p) => { p.steps[3] = 'restrict'; })).toMatchObject({ field: 'steps[3]' });
    expect(refusal((p) => { p.steps = Array.from({ length: 21 }, (_, i) => ({ afterDays: i, action: 'email_reminder' })); })).toEqual({
      field: 'steps', reason: 'must have at most 20 steps, got 21',
    });
  });

  it('allows one final step, as the last, and never loosens service', () => {
    expect(refusal((p) => { p.steps.splice(4, 0, { afterDays: 25, action: 'cancel' }); })).toEqual({
      field: 'steps[4].action', reason: 'cancel ends the episode, so it must be the last step',
    });
    expect(refusal((p) => { p.steps.push({ afterDays: 120, action: 'mark_for_collection' }); })).toEqual({
      field: 'steps[5].action', reason: 'write_off ends the episode, so it must be the last step',
    });
    expect(refusal((p) => { p.steps.splice(5, 0, { afterDays: 40, action: 'restrict' }); })).toMatchObject({ field: 'steps[5].action' });
    expect(refusal((p) => { p.steps.splice(5, 0, { afterDays: 40, action: 'suspend' }); })).toEqual({
      field: 'steps[5].action', reason: 'suspend may appear only once',
    });
    expect(refusal((p) => { p.steps.splice(1, 0, { afterDays: 1, action: 'email_reminder' }); })).toEqual({
      field: 'steps[1]', reason: 'repeats the step email_reminder on day 1',
    });
  });

  it('names the currency whose minimum is wrong', () => {
    expect(refusal((p) => { p.minimumOverdueMinor = { eur: 500 }; })).toEqual({
      field: 'minimumOverdueMinor.eur', reason: 'is not a currency: expected a 3-letter ISO 4217 code such as EUR',
    });
    expect(refusal((p) => { p.minimumOverdueMinor = { EUR: -1 }; })).toEqual({ field: 'minimumOverdueMinor.EUR', reason: 'must not be negative, got -1' });
    expect(refusal((p) => { p.minimumOverdueMinor = { EUR: 5.5 }; })).toMatchObject({ field: 'minimumOverdueMinor.EUR' });
    expect(refusal((p) => { p.minimumOverdueMinor = { EUR: '1000000000000001' }; })).toEqual({
      field: 'minimumOverdueMinor.EUR', reason: 'must be at most 1000000000000000 minor units',
    });
    expect(refusal((p) => { delete p.minimumOverdueMinor; })).toMatchObject({ field: 'minimumOverdueMinor' });
  });

  it('wants card retry days after the failure, each after the one before', () => {
    expect(refusal((p) => { p.cardRetryDays = [1, 3, 3]; })).toEqual({
      field: 'cardRetryDays[2]', reason: 'must come after the retry before it (day 3), got day 3',
    });
    expect(refusal((p) => { p.cardRetryDays = [0, 3]; })).toMatchObject({ field: 'cardRetryDays[0]' });
    expect(refusal((p) => { p.cardRetryDays = Array.from({ length: 11 }, (_, i) => i + 1); })).toMatchObject({ field: 'cardRetryDays' });
  });

  it('refuses other fields, a missing promise limit and anything that is not a policy', () => {
    expect(refusal((p) => { p.retryDays = [1]; })).toMatchObject({ field: 'retryDays' });
    expect(refusal((p) => { delete p.maxPromiseDays; })).toEqual({ field: 'maxPromiseDays', reason: 'must be a whole number of days, got nothing' });
    expect(refusal((p) => { p.invoiceWhileSuspended = 'yes'; })).toMatchObject({ field: 'invoiceWhileSuspended' });
    expect(parseDunningPolicy(null)).toEqual({ ok: false, field: 'policy', reason: 'must be an object, got null' });
  });
});

describe('the overdue minimum', () => {
  it('is the policy amount for its currencies and any positive amount for others', () => {
    expect(minimumOverdueFor(DEFAULT_DUNNING_POLICY, 'EUR')).toBe(500n);
    expect(minimumOverdueFor(DEFAULT_DUNNING_POLICY, 'SEK')).toBe(0n);
    expect(isOverdueEnough(DEFAULT_DUNNING_POLICY, 'EUR', 499n)).toBe(false);
    expect(isOverdueEnough(DEFAULT_DUNNING_POLICY, 'EUR', 500n)).toBe(true);
    expect(isOverdueEnough(DEFAULT_DUNNING_POLICY, 'SEK', 1n)).toBe(true);
    expect(isOverdueEnough(DEFAULT_DUNNING_POLICY, 'SEK', 0n)).toBe(false);
  });
});

describe('invoicing a suspended account', () => {
  it('goes on by default, and stops only for suspension when the policy says so', () => {
    expect(keepsInvoicing(DEFAULT_DUNNING_POLICY, 'suspended')).toBe(true);
    const stopping = { ...DEFAULT_DUNNING_POLICY, invoiceWhileSuspended: false };
    expect(keepsInvoicing(stopping, 'suspended')).toBe(false);
    expect(keepsInvoicing(stopping, 'restricted')).toBe(true);
    expect(keepsInvoicing(stopping, 'active')).toBe(true);
  });
});
