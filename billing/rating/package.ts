// `package`: whole packages of `packageSize` units at `amount` each, after the free units:
// ceil(max(0, units - freeUnits) / packageSize) × amount. A started package is a whole package.
import { money } from '../money.js';
import type { BaseCharge, PricingInput } from './component-charge.js';
import type { PackageComponent } from './components.js';
import { decimalOf, parseQuantity, plain, type Decimal } from './decimals.js';
import { moneyText, quantityText } from './price-text.js';

export function pricePackage(component: PackageComponent, input: PricingInput): BaseCharge {
  const total = parseQuantity(input.consumption, 'consumption');
  const free = decimalOf(component.freeUnits ?? 0);
  const size = decimalOf(component.packageSize);
  const billable = total.gt(free) ? total.minus(free) : decimalOf(0);
  const packages = packagesFor(billable, size);
  const price = money(BigInt(component.amount), input.currency);
  const freeText = free.isZero() ? '' : ` (${quantityText(plain(free), input.unit)} free)`;
  return {
    description:
      `${component.name} — ${quantityText(plain(total), input.unit)}: ${packages} ${packages === 1n ? 'package' : 'packages'} ` +
      `of ${quantityText(plain(size), input.unit)} at ${moneyText(price)}${freeText}`,
    // The line counts packages, so that quantity × unit price is its amount.
    quantity: packages.toString(),
    unit: 'packages',
    unitAmountDecimal: String(component.amount),
    amount: money(price.amountMinor * packages, input.currency),
    ranges: null,
  };
}

/** The smallest whole number of packages covering `units`, checked by exact multiplication. */
function packagesFor(units: Decimal, size: Decimal): bigint {
  let packages = units.dividedBy(size).ceil();
  // The division rounds to 50 digits; step to the exact answer if that rounding crossed a whole number.
  while (packages.times(size).lt(units)) packages = packages.plus(1);
  while (packages.gt(0) && packages.minus(1).times(size).gte(units)) packages = packages.minus(1);
  return BigInt(packages.toFixed(0));
}
