// A rated line must fit the one amount bound (amount-bound.ts). Readings are bounded one by one,
// but a period's consumption is the sum of however many of them arrive, priced at up to the
// bound per unit: no static bound on readings and prices keeps every product inside it. So the
// readings are checked against the rates when they are stored, and rating checks every line it
// computes; a line past the bound is an UnbillableError, never retried, until staff fix the rate
// or the readings.
import { MAX_AMOUNT_MINOR, withinAmountBound } from '../amount-bound.js';
import { formatMoney, money, type Money } from '../money.js';
import { UnbillableError } from '../unbillable-error.js';

/** What a line rates: named so that staff can find the rate, the component and the meter to fix. */
export interface RatedLineSource {
  rateName: string;
  componentName: string;
  /** The meter key priced; null for a fixed or per-day component. */
  meter: string | null;
  /** The quantity priced, a plain decimal in `unit`. */
  quantity: string;
  unit: string | null;
}

/** Why a line of `amount` for `source` cannot be billed, or null when it can. */
export function lineBoundProblem(source: RatedLineSource, amount: Money): string | null {
  if (withinAmountBound(amount.amountMinor)) return null;
  const meter = source.meter === null ? '' : ` on meter "${source.meter}"`;
  const quantity = `${source.quantity}${source.unit ? ` ${source.unit}` : ''}`;
  return (
    `rate "${source.rateName}", component "${source.componentName}"${meter}: ${quantity} comes to ${formatMoney(amount)} ` +
    `(${amount.amountMinor} minor units), more than an invoice line may hold (at most ${formatMoney(money(MAX_AMOUNT_MINOR, amount.currency))}); ` +
    `lower the component's prices or correct the meter's readings`
  );
}

/** A rated line past MAX_AMOUNT_MINOR: rating it again gives the same amount, so it is not retried. */
export class LineAmountOutOfBoundsError extends UnbillableError {
  override name = 'LineAmountOutOfBoundsError';

  constructor(
    readonly source: RatedLineSource,
    readonly amount: Money,
  ) {
    super(lineBoundProblem(source, amount) ?? `rate "${source.rateName}", component "${source.componentName}": ${formatMoney(amount)}`);
  }
}

/** Throws LineAmountOutOfBoundsError for a line of `amount` beyond the bound. */
export function assertLineWithinBound(source: RatedLineSource, amount: Money): void {
  if (!withinAmountBound(amount.amountMinor)) throw new LineAmountOutOfBoundsError(source, amount);
}
