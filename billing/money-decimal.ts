// An amount of money typed the way people write it ("49.90" euros, "1500" yen) rather than in minor
// units: read exactly (never through a float), in the currency's own minor unit, above zero, and
// held to the one bound on amounts, so what is accepted can be booked and stored.
import { MAX_AMOUNT_MINOR } from './amount-bound.js';
import { currencyExponent } from './currency.js';
import { parsePlainDecimal } from './decimal-text.js';
import { formatMoney } from './money-format.js';
import { money } from './money-value.js';

export type DecimalAmountParse = { ok: true; amountMinor: bigint } | { ok: false; reason: string };

/** Enough digits for anything up to the bound in any currency, refused before any arithmetic beyond it. */
const MAX_INTEGER_DIGITS = 20;

/**
 * `text` as a positive amount in `currency`'s major units ("49.90" EUR is 4990 minor units), or
 * why not; the reason reads after the field's name: "must have at most 2 decimals in EUR".
 */
export function parseDecimalAmount(text: unknown, currency: string): DecimalAmountParse {
  const exponent = currencyExponent(currency);
  const parsed = parsePlainDecimal(text, { maxIntegerDigits: MAX_INTEGER_DIGITS, maxFractionDigits: exponent });
  const example = exponent === 0 ? '"1500"' : `"49.${'9'.padEnd(exponent, '0')}"`;
  if (!parsed.ok) {
    if (parsed.problem === 'fraction-digits') {
      return { ok: false, reason: exponent === 0 ? `must be a whole number: ${currency} has no decimals` : `must have at most ${exponent} decimals in ${currency}` };
    }
    if (parsed.problem === 'integer-digits') return tooLarge(currency);
    return { ok: false, reason: `must be an amount written as a plain decimal such as ${example}, without a currency sign or separators` };
  }
  if (parsed.negative || /^[0.]+$/.test(parsed.value)) return { ok: false, reason: 'must be more than zero' };
  const [whole = '0', fraction = ''] = parsed.value.split('.');
  const amountMinor = BigInt(whole + fraction.padEnd(exponent, '0'));
  if (amountMinor > MAX_AMOUNT_MINOR) return tooLarge(currency);
  return { ok: true, amountMinor };
}

function tooLarge(currency: string): DecimalAmountParse {
  return { ok: false, reason: `must be at most ${formatMoney(money(MAX_AMOUNT_MINOR, currency))}` };
}
