// `volume`: the one range that holds the total (lower < total <= upTo) prices every unit, plus its
// flat amount. Unlike stepped, crossing into a cheaper range can lower the whole charge.
import { money } from '../money.js';
import { roundDecimalHalfEven } from '../rounding.js';
import type { BaseCharge, PricingInput } from './component-charge.js';
import type { VolumeComponent } from './components.js';
import { parseQuantity, plain } from './decimals.js';
import { moneyText, quantityText, unitPriceText } from './price-text.js';
import { rangeBounds, rangeCharge } from './ranges.js';

export function priceVolume(component: VolumeComponent, input: PricingInput): BaseCharge {
  const total = parseQuantity(input.consumption, 'consumption');
  const quantity = plain(total);
  const holding = total.isZero()
    ? undefined // zero consumption charges nothing, not even the first range's flat amount
    : rangeBounds(component.ranges).find((bounds) => bounds.upTo === null || total.lte(bounds.upTo));
  if (!holding) {
    return {
      description: `${component.name} — ${quantityText(quantity, input.unit)}`,
      quantity,
      unit: input.unit ?? null,
      unitAmountDecimal: null,
      amount: money(0n, input.currency),
      ranges: [],
    };
  }
  const charge = rangeCharge(holding, total, input.currency);
  const flat = charge.flatAmount ? ` + ${moneyText(charge.flatAmount)}` : '';
  return {
    description: `${component.name} — ${quantityText(quantity, input.unit)} at ${unitPriceText(charge.unitAmountDecimal, input.currency)}${flat}`,
    quantity,
    unit: input.unit ?? null,
    unitAmountDecimal: charge.unitAmountDecimal,
    amount: money(roundDecimalHalfEven(charge.amount), input.currency),
    ranges: [charge],
  };
}
