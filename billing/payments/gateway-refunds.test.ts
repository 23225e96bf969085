import { describe, expect, it } from 'vitest';
import { money } from '../money-value.js';
import { disputeEffect, gatewayRefundMovesMoney, gatewayReportProblem, reportedAmountMismatch } from './gateway-refunds.js';

const payment = { number: 'PAY-2026-000007', amount: money(5000n, 'EUR') };

describe('disputeEffect', () => {
  it.each(['needs_response', 'under_review', 'lost', 'appeal_needs_response'])('%s: the bank has the money', (status) => {
    expect(disputeEffect(status)).toBe('take-back');
  });
  it('won: the money comes back', () => expect(disputeEffect('won')).toBe('bring-back'));
  it.each(['warning_needs_response', 'warning_under_review', 'warning_closed', 'prevented'])('%s: an inquiry or a prevented dispute moves no money', (status) => {
    expect(disputeEffect(status)).toBe('nothing');
  });
});

describe('gatewayRefundMovesMoney', () => {
  it('books pending and succeeded refunds, never failed or canceled ones', () => {
    expect(['pending', 'succeeded', 'failed', 'canceled', 'requires_action'].filter(gatewayRefundMovesMoney)).toEqual(['pending', 'succeeded']);
  });
});

describe('gatewayReportProblem', () => {
  it('accepts what fits in what is left, whatever was expected', () => {
    expect(gatewayReportProblem('Refund re_1', money(1200n, 'EUR'), payment, money(3000n, 'EUR'))).toBeNull();
  });
  it('names more than is left, with the payment', () => {
    expect(gatewayReportProblem('Dispute dp_1', money(5000n, 'EUR'), payment, money(3000n, 'EUR'))).toBe(
      'Dispute dp_1 of €50.00 is more than the €30.00 left to refund on this payment (payment PAY-2026-000007 of €50.00)',
    );
  });
  it('names another currency', () => {
    expect(gatewayReportProblem('Refund re_2', money(1000n, 'USD'), payment, money(5000n, 'EUR'))).toBe(
      'Refund re_2 is in USD, but payment PAY-2026-000007 was made in EUR',
    );
  });
  it('names a booked refund reported for another amount', () => {
    expect(reportedAmountMismatch('Refund re_3', money(1000n, 'EUR'), money(1000n, 'EUR'))).toBeNull();
    expect(reportedAmountMismatch('Refund re_3', money(900n, 'EUR'), money(1000n, 'EUR'))).toBe('Refund re_3 reports €9.00, but €10.00 was booked for it');
  });
});
