// What refunds and disputes the card gateway reports mean for the books, and the sentences for
// staff when a report does not fit what we know of the payment.
import { formatMoney } from '../money-format.js';
import type { Money } from '../money-value.js';
import { refundProblem } from './payment-allocation.js';

/** A refund the gateway reports moves money once it is pending or done; a failed or canceled one never left. */
export function gatewayRefundMovesMoney(status: string): boolean {
  return status === 'succeeded' || status === 'pending';
}

/**
 * `take-back`: the bank took the money (a chargeback, still disputed or lost); `bring-back`: the
 * dispute was won and the money returns; `nothing`: an inquiry (warning_…) or a dispute prevented
 * moves no money.
 */
export type DisputeEffect = 'take-back' | 'bring-back' | 'nothing';

const MONEY_WITHDRAWN = ['needs_response', 'under_review', 'appeal_needs_response', 'appeal_under_review', 'lost'];

export function disputeEffect(status: string): DisputeEffect {
  if (status === 'won') return 'bring-back';
  return MONEY_WITHDRAWN.includes(status) ? 'take-back' : 'nothing';
}

export interface KnownPayment {
  number: string;
  amount: Money;
}

/**
 * Why a refund or dispute reported by the gateway cannot be booked as it says, or null. `what`
 * names it: "Refund re_123", "Dispute dp_456". It is booked for what it says when it fits in what is
 * left on the payment, whatever we expected.
 */
export function gatewayReportProblem(what: string, reported: Money, payment: KnownPayment, refundable: Money): string | null {
  if (reported.currency !== payment.amount.currency) {
    return `${what} is in ${reported.currency}, but payment ${payment.number} was made in ${payment.amount.currency}`;
  }
  const problem = refundProblem(reported, refundable);
  return problem ? `${what} of ${formatMoney(reported)} ${problem} (payment ${payment.number} of ${formatMoney(payment.amount)})` : null;
}

/** A report of a refund already booked, for another amount. */
export function reportedAmountMismatch(what: string, reported: Money, booked: Money): string | null {
  if (reported.currency === booked.currency && reported.amountMinor === booked.amountMinor) return null;
  return `${what} reports ${formatMoney(reported)}, but ${formatMoney(booked)} was booked for it`;
}

/** Refunds and disputes take back what reached a customer's account: unassigned money must be assigned first. */
export function unassignedRefundRefusal(paymentNumber: string): string {
  return `Payment ${paymentNumber} is not on a customer's account yet (it waits in unallocated receipts): assign it to the customer first, then refund it.`;
}
