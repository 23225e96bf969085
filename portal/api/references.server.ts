// A record the request only refers to (a plan id in the body, the subscription of a customer
// that exists) is a problem with the request (422, naming the field), not a missing resource
// at the URL (404).
import { NotFoundError, ValidationError, type FieldProblem } from '../../server/services/errors.js';

/** Keyed by the `entity` of the services' NotFoundError. */
type References = Record<string, FieldProblem>;

export const PLAN_IN_BODY: References = { plan: { field: 'planId', message: 'no plan has this id' } };
export const ACTIVE_SUBSCRIPTION: References = {
  'active subscription of customer': { field: 'customerId', message: 'customer has no active subscription' },
};

export async function referencesAsFieldProblems<T>(work: Promise<T>, ...references: References[]): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const problem = error instanceof NotFoundError ? references.find((reference) => reference[error.entity])?.[error.entity] : undefined;
    if (problem) throw new ValidationError([problem]);
    throw error;
  }
}
