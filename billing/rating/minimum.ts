// `minimumAmount` on a consumption component: a separate top-up up to the minimum, prorated by the
// segment's days the same telescoping way as a fixed amount, so segments add up to the whole minimum.
import { money, type Money } from '../money.js';
import type { PricingInput } from './component-charge.js';
import { shareOfCycle } from './share-of-cycle.js';

/** What brings `charge` up to the segment's share of `minimumAmount`; zero when it is already there. */
export function minimumTopUp(minimumAmount: number | undefined, charge: Money, input: PricingInput): Money {
  if (minimumAmount === undefined) return money(0n, input.currency);
  const minimum = shareOfCycle(money(BigInt(minimumAmount), input.currency), input.cycleDays, input.daysBeforeSegment, input.activeDays);
  const shortfall = minimum.amountMinor - charge.amountMinor;
  return money(shortfall > 0n ? shortfall : 0n, input.currency);
}
