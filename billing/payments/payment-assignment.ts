// Giving money that waits in unallocated receipts (a transfer nobody matched, or one in an
// unexpected currency) to a customer. Assigning again to the same customer changes nothing, so a
// repeated click or request is harmless; money already on someone's account is not moved here.

export interface AssignablePayment {
  number: string;
  customerId: string | null;
  needsReview: string | null;
  currency: string;
}

export interface AssignmentTarget {
  customerId: string;
  /** The currency the customer is billed in. */
  currency: string;
}

export type AssignmentCheck = { kind: 'assign' } | { kind: 'already-assigned' } | { kind: 'refused'; reason: string };

/** Waiting for staff: no customer yet, or a customer's money we did not expect (kept unallocated). */
export function awaitsAssignment(payment: Pick<AssignablePayment, 'customerId' | 'needsReview'>): boolean {
  return payment.customerId === null || payment.needsReview !== null;
}

export function assignmentCheck(payment: AssignablePayment, target: AssignmentTarget): AssignmentCheck {
  if (!awaitsAssignment(payment)) {
    return payment.customerId === target.customerId
      ? { kind: 'already-assigned' }
      : { kind: 'refused', reason: `${payment.number} is already on another customer's account` };
  }
  if (payment.currency !== target.currency) {
    return { kind: 'refused', reason: `${payment.number} is in ${payment.currency}, but the customer is billed in ${target.currency}` };
  }
  return { kind: 'assign' };
}
