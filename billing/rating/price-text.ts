// How prices and quantities read in a line's description. Plain text with the currency code, not
// Intl, so that a description is the same on every runtime; amounts are shown in major units.
import { currencyExponent, minorUnitsToDecimalString, type Money } from '../money.js';
import { BillingDecimal } from '../rounding.js';

/** A unit price in minor units ("0.5" EUR cents) as major units: "0.005 EUR"; "50" → "0.50 EUR". */
export function unitPriceText(unitAmountDecimal: string, currency: string): string {
  const exponent = currencyExponent(currency);
  const major = new BillingDecimal(unitAmountDecimal).dividedBy(new BillingDecimal(10).pow(exponent));
  return `${major.toFixed(Math.max(exponent, major.decimalPlaces()))} ${currency}`;
}

export function moneyText(amount: Money): string {
  return `${minorUnitsToDecimalString(amount.amountMinor, currencyExponent(amount.currency))} ${amount.currency}`;
}

/** "12.5 GB", or "12.5 units" when the caller gave no unit. */
export function quantityText(quantity: string, unit: string | null | undefined): string {
  return `${quantity} ${unit ?? 'units'}`;
}
