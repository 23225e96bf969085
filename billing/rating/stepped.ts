// `stepped`: consumption fills the ranges in order, each range's units at that range's price; a
// range's flat amount is charged once consumption goes past its lower bound.
import { money } from '../money.js';
import { BillingDecimal, roundDecimalHalfEven } from '../rounding.js';
import type { BaseCharge, PricingInput, RangeCharge } from './component-charge.js';
import type { SteppedComponent } from './components.js';
import { parseQuantity, plain } from './decimals.js';
import { moneyText, quantityText, unitPriceText } from './price-text.js';
import { rangeBounds, rangeCharge } from './ranges.js';

export function priceStepped(component: SteppedComponent, input: PricingInput): BaseCharge {
  const total = parseQuantity(input.consumption, 'consumption');
  const charges: RangeCharge[] = [];
  for (const bounds of rangeBounds(component.ranges)) {
    if (!total.gt(bounds.from)) break; // zero consumption touches no range, so no flat amount either
    const top = bounds.upTo === null || total.lt(bounds.upTo) ? total : bounds.upTo;
    charges.push(rangeCharge(bounds, top.minus(bounds.from), input.currency));
  }
  const exact = charges.reduce((sum, charge) => sum.plus(charge.amount), new BillingDecimal(0));
  const quantity = plain(total);
  const parts = charges.map((charge) => {
    const flat = charge.flatAmount ? ` + ${moneyText(charge.flatAmount)}` : '';
    return `${quantityText(charge.units, input.unit)} at ${unitPriceText(charge.unitAmountDecimal, input.currency)}${flat}`;
  });
  return {
    description: `${component.name} — ${quantityText(quantity, input.unit)}${parts.length ? `: ${parts.join(', ')}` : ''}`,
    quantity,
    unit: input.unit ?? null,
    unitAmountDecimal: null,
    amount: money(roundDecimalHalfEven(exact), input.currency),
    ranges: charges,
  };
}
