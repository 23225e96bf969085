// An account's data that billing cannot turn into an invoice: an amount past what a line may
// hold, a quantity that cannot be priced. Running the same step again gives the same answer, so
// the worker fails it at once as a billing data error instead of retrying it, and the account's
// billing stops where staff can see it (see billing/blocks) until the data is fixed.

export class UnbillableError extends Error {
  override name = 'UnbillableError';
}

/**
 * Also true for an error of this kind that crossed a module boundary as another copy of the class
 * (the name is the contract), so rules elsewhere may throw their own subclass or set the name.
 */
export function isUnbillableError(error: unknown): error is Error {
  return error instanceof UnbillableError || (error instanceof Error && error.name === 'UnbillableError');
}
