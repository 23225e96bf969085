import { describe, expect, it } from 'vitest';
import { UnbillableError, isUnbillableError } from '../unbillable-error.js';
import { BLOCK_REASON_MAX_LENGTH, billingBlockSummary, blockReason, resumeBillingRefusal } from './billing-blocks.js';

describe('billing blocks', () => {
  it('refuses to resume an account that is not blocked, and allows it when it is', () => {
    expect(resumeBillingRefusal(null)).toBe("The account's billing is not blocked; there is nothing to resume.");
    expect(resumeBillingRefusal({ since: '2026-03-01T00:00:00.000Z', step: 'issue-invoice', reason: 'x' })).toBeNull();
  });

  it('summarises a block in words', () => {
    expect(billingBlockSummary({ step: 'issue-invoice', reason: 'value out of range' })).toBe(
      'blocked at issuing the invoice: value out of range',
    );
  });

  it('keeps a reason to one bounded line without the credentials of a URL', () => {
    expect(blockReason('connect to postgres://billing:s3cret@db.internal/uplink failed\n  at line 2')).toBe(
      'connect to postgres://***@db.internal/uplink failed at line 2',
    );
    const long = blockReason('x'.repeat(2_000));
    expect(long).toHaveLength(BLOCK_REASON_MAX_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });

  it('recognises an unbillable error by class or by name', () => {
    expect(isUnbillableError(new UnbillableError('line too large'))).toBe(true);
    const copy = Object.assign(new Error('line too large'), { name: 'UnbillableError' });
    expect(isUnbillableError(copy)).toBe(true);
    expect(isUnbillableError(new Error('connection reset'))).toBe(false);
  });
});
