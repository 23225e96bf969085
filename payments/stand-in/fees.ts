// The processing fee the stand-in keeps on each successful charge: 2.9% plus 30 minor units,
// Stripe's usual card price, rounded half-even to the minor unit.
import { divideRoundHalfEven } from '../../billing/rounding.js';

export function processingFee(amount: number): number {
  return Number(divideRoundHalfEven(BigInt(amount) * 29n, 1000n)) + 30;
}
