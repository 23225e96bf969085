import { describe, expect, it } from 'vitest';
import {
  QUOTE_STATUSES,
  answerDecision,
  mayTake,
  recordRefusal,
  sendRefusal,
  statusAfter,
  statusForItsWorkflow,
  statusesChangedBy,
  type QuoteStatus,
  type QuoteStep,
} from './quote-lifecycle.js';

const quote = (status: QuoteStatus, decidedOn?: string) => ({ number: 'Q-2026-000003', status, validUntil: '2026-12-01', decidedOn });

describe('quote lifecycle', () => {
  it('allows each step only from the statuses that permit it', () => {
    const allowed = (step: QuoteStep) => QUOTE_STATUSES.filter((status) => mayTake(status, step));
    expect(allowed('send')).toEqual(['draft', 'sent']);
    expect(allowed('accept')).toEqual(['sent']);
    expect(allowed('decline')).toEqual(['sent']);
    expect(allowed('remind')).toEqual(['sent']);
    expect(allowed('expire')).toEqual(['sent']);
    expect(statusesChangedBy('send')).toEqual(['draft']);
    expect(statusesChangedBy('expire')).toEqual(['sent']);
  });

  it('leads each step to its status', () => {
    expect([statusAfter('send'), statusAfter('accept'), statusAfter('decline'), statusAfter('remind'), statusAfter('expire')]).toEqual([
      'sent', 'accepted', 'declined', 'sent', 'expired',
    ]);
  });

  it('takes a decision on a sent quote, and answers the same decision again with the first', () => {
    expect(answerDecision(quote('sent'), 'accept')).toEqual({ kind: 'take' });
    expect(answerDecision(quote('sent'), 'decline')).toEqual({ kind: 'take' });
    expect(answerDecision(quote('accepted'), 'accept')).toEqual({ kind: 'repeat' });
    expect(answerDecision(quote('declined'), 'decline')).toEqual({ kind: 'repeat' });
  });

  it('refuses a decision the quote no longer allows, saying why', () => {
    const refusal = (status: QuoteStatus, decision: 'accept' | 'decline', decidedOn?: string) => answerDecision(quote(status, decidedOn), decision);
    expect(refusal('draft', 'accept')).toEqual({ kind: 'refuse', reason: 'Quote Q-2026-000003 has not been sent yet; it cannot be accepted.' });
    expect(refusal('expired', 'decline')).toEqual({ kind: 'refuse', reason: 'Quote Q-2026-000003 expired on 2026-12-01; it can no longer be declined.' });
    expect(refusal('accepted', 'decline')).toEqual({ kind: 'refuse', reason: 'Quote Q-2026-000003 was accepted; it can no longer be declined.' });
    expect(refusal('declined', 'accept', '2026-11-20')).toEqual({
      kind: 'refuse',
      reason: 'Quote Q-2026-000003 was declined on 2026-11-20; it can no longer be accepted.',
    });
  });

  it('names the status the record holds when the record refuses a decision', () => {
    expect(recordRefusal('Q-2026-000003', 'expired', 'accept')).toBe('Quote Q-2026-000003 is expired; it can no longer be accepted.');
    expect(recordRefusal('Q-2026-000003', 'accepted', 'decline')).toBe('Quote Q-2026-000003 is accepted; it can no longer be declined.');
  });

  it('treats a draft found by its workflow as being sent', () => {
    expect(statusForItsWorkflow('draft')).toBe('sent');
    expect(statusForItsWorkflow('declined')).toBe('declined');
  });

  it('sends a draft or a waiting quote until its last day, and refuses a closed or run-out one', () => {
    expect(sendRefusal(quote('draft'), '2026-12-01')).toBeNull();
    expect(sendRefusal(quote('sent'), '2026-11-01')).toBeNull();
    expect(sendRefusal(quote('declined'), '2026-11-01')).toBe('Quote Q-2026-000003 is already declined; it cannot be sent again.');
    expect(sendRefusal(quote('draft'), '2026-12-02')).toBe(
      'Quote Q-2026-000003 was valid until 2026-12-01; it can no longer be sent. Create a new quote instead.',
    );
  });
});
