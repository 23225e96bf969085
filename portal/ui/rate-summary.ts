// A rate's components in words, with amounts in the rate's currency: what the rate list shows.
import type { RateComponent } from '../../billing/rating/components.js';
import { money } from '../../billing/money.js';
import { unitPriceText } from '../../billing/rating/price-text.js';
import { formatAmount } from './format.js';

export function describeComponent(component: RateComponent, currency: string): string {
  const amount = (minor: number) => formatAmount(money(BigInt(minor), currency));
  switch (component.type) {
    case 'fixed':
      return `${component.name}: ${amount(component.amount)} per period`;
    case 'per_day':
      return `${component.name}: ${amount(component.amount)} per day`;
    case 'package':
      return `${component.name}: ${amount(component.amount)} per ${component.packageSize}${component.unit ? ` ${component.unit}` : ''} of ${component.meter}${component.freeUnits ? `, ${component.freeUnits} free` : ''}${minimum(component.minimumAmount, amount)}`;
    default: {
      const ranges = component.ranges
        .map((range) => `${range.upTo === null ? 'above' : `up to ${range.upTo}`} at ${unitPriceText(range.unitAmountDecimal, currency)}${range.flatAmount ? ` + ${amount(range.flatAmount)}` : ''}`)
        .join(', ');
      return `${component.name} (${component.type}, ${component.meter}${component.unit ? ` in ${component.unit}` : ''}): ${ranges}${minimum(component.minimumAmount, amount)}`;
    }
  }
}

function minimum(minimumAmount: number | undefined, amount: (minor: number) => string): string {
  return minimumAmount ? `, at least ${amount(minimumAmount)}` : '';
}
