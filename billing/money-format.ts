import { currencyExponent } from './currency.js';
import type { Money } from './money-value.js';

/** Minor units as an exact decimal string: (-1999n, 2) → "-19.99", (5n, 3) → "0.005". */
export function minorUnitsToDecimalString(amountMinor: bigint, exponent: number): string {
  const sign = amountMinor < 0n ? '-' : '';
  const digits = (amountMinor < 0n ? -amountMinor : amountMinor).toString();
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

// ES2023 Intl (Node 20) formats a numeric string as an exact decimal, with no trip through a
// float. Our tsconfig's lib is ES2022, whose typings only allow number | bigint, hence this type.
interface ExactDecimalFormatter {
  format(value: string): string;
}

/**
 * Formats for people (invoices, emails). Output follows the runtime's ICU data, so keep it out of
 * anything that is compared or stored. Fraction digits are pinned to the currency's exponent so
 * the display never rounds away a minor unit.
 */
export function formatMoney(m: Money, locale = 'en-US'): string {
  const exponent = currencyExponent(m.currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }) as unknown as ExactDecimalFormatter;
  return formatter.format(minorUnitsToDecimalString(m.amountMinor, exponent));
}

/**
 * A unit price kept in minor units with extra precision ("0.045" cents), shown in the currency's
 * major units with every digit it has: 0.045 EUR cents → "€0.00045". Never rounded for display,
 * so a customer can recompute the line.
 */
export function formatUnitPrice(unitAmountDecimal: string, currency: string, locale = 'en-US'): string {
  if (!/^\d+(\.\d+)?$/.test(unitAmountDecimal)) throw new Error(`formatUnitPrice: "${unitAmountDecimal}" is not a plain decimal`);
  const exponent = currencyExponent(currency);
  const [whole = '0', fraction = ''] = unitAmountDecimal.split('.');
  const major = minorUnitsToDecimalString(BigInt(whole + fraction), exponent + fraction.length);
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: 20,
  }) as unknown as ExactDecimalFormatter;
  return formatter.format(major);
}
