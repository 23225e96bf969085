// Amounts of money as the API, the staff forms and the CLI send them: whole minor units, as a JSON
// integer or a string of digits (amounts beyond 2^53 stay exact), held to billing's one bound so
// that what is accepted can be billed and stored.
import { z } from 'zod';
import { AMOUNT_BOUND_REASON, MAX_AMOUNT_MINOR } from '../../billing/amount-bound.js';

const WHOLE = 'must be a whole number of minor units';

const wholeMinorUnits = z
  .union([z.int(WHOLE), z.string().regex(/^-?\d+$/, WHOLE)], { error: (issue) => (issue.input === undefined ? 'is required' : WHOLE) })
  .transform((value) => BigInt(value));

/** A price or charge: 0 or more, at most MAX_AMOUNT_MINOR. */
export const amountMinorInput = wholeMinorUnits.pipe(z.bigint().min(0n, 'must not be negative').max(MAX_AMOUNT_MINOR, AMOUNT_BOUND_REASON));

/** An amount that may be negative (a service checks the sign in context): at most MAX_AMOUNT_MINOR either way. */
export const signedAmountMinorInput = wholeMinorUnits.pipe(
  z.bigint().min(-MAX_AMOUNT_MINOR, `must be at least -${MAX_AMOUNT_MINOR} minor units`).max(MAX_AMOUNT_MINOR, AMOUNT_BOUND_REASON),
);
