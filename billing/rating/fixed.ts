// `fixed`: an amount per period, prorated by the days of the segment.
import { money } from '../money.js';
import type { BaseCharge, PricingInput } from './component-charge.js';
import type { FixedComponent } from './components.js';
import { shareOfCycle } from './share-of-cycle.js';

export function priceFixed(component: FixedComponent, input: PricingInput): BaseCharge {
  const { activeDays, cycleDays } = input;
  const amount = shareOfCycle(money(BigInt(component.amount), input.currency), cycleDays, input.daysBeforeSegment, activeDays);
  const days = activeDays === cycleDays ? '' : ` (${activeDays} of ${cycleDays} days)`;
  return {
    description: `${component.name}${days}`,
    quantity: '1',
    unit: null,
    unitAmountDecimal: String(component.amount),
    amount,
    ranges: null,
  };
}
