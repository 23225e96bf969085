// The one bound on money Uplink takes in or works out: a plan's price, an item's price, a rate's
// amounts and unit prices, a line, a document's total. Every entry point refuses an amount above
// it, and rating refuses a line it would compute above it, so whatever is accepted can be billed
// and stored.

/**
 * The most an amount may be, in minor units: 10^15 (ten trillion euros). Far above any real bill,
 * and far below what the database's bigint columns and the sums over them hold (~9.2 × 10^18), so
 * a document of many lines at the bound still adds up without overflow.
 */
export const MAX_AMOUNT_MINOR = 10n ** 15n;

/** Whether `amountMinor` is within the bound either way (a credit or refund is as bounded as a charge). */
export function withinAmountBound(amountMinor: bigint): boolean {
  return amountMinor <= MAX_AMOUNT_MINOR && amountMinor >= -MAX_AMOUNT_MINOR;
}

/** The refusal of an amount above the bound, read after the field's name: "must be at most 1000000000000000 minor units". */
export const AMOUNT_BOUND_REASON = `must be at most ${MAX_AMOUNT_MINOR} minor units`;
