// `per_day`: an amount for each active day of service; exact, so nothing to round.
import { money } from '../money.js';
import type { BaseCharge, PricingInput } from './component-charge.js';
import type { PerDayComponent } from './components.js';
import { unitPriceText } from './price-text.js';

export function pricePerDay(component: PerDayComponent, input: PricingInput): BaseCharge {
  const days = input.activeDays;
  return {
    description: `${component.name} — ${days} ${days === 1 ? 'day' : 'days'} at ${unitPriceText(String(component.amount), input.currency)}`,
    quantity: String(days),
    unit: 'days',
    unitAmountDecimal: String(component.amount),
    amount: money(BigInt(component.amount) * BigInt(days), input.currency),
    ranges: null,
  };
}
