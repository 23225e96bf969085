// Sales tax on one invoice line. Tax is exclusive of the price (added on top), computed exactly and
// rounded once per line, half to even, to the currency's minor units: never rounded per unit and
// never on the invoice total, so that every line on an invoice can be checked by hand.
import { parsePlainDecimal, quoteForMessage } from './decimal-text.js';
import { money, subtract, type Money } from './money-value.js';
import { BillingDecimal, roundDecimalHalfEven } from './rounding.js';

/** A rate is a percentage with at most 4 decimals: "21", "7.7", "0", "8.1234". */
const TAX_RATE_LIMITS = { maxIntegerDigits: 3, maxFractionDigits: 4 };

export type TaxRateParse = { ok: true; value: string } | { ok: false; reason: string };

/**
 * `text` as a tax rate in percent (a plain decimal from 0 to 100 with at most 4 decimals, written
 * without "%"), canonicalised ("7.70" → "7.7"), or the reason it is not one. The reason reads after
 * the field's name: "taxRate must be between 0 and 100".
 */
export function parseTaxRate(text: unknown): TaxRateParse {
  const parsed = parsePlainDecimal(text, TAX_RATE_LIMITS);
  if (!parsed.ok) {
    if (parsed.problem === 'fraction-digits') return { ok: false, reason: 'must have at most 4 decimals' };
    if (parsed.problem === 'integer-digits') return { ok: false, reason: 'must be between 0 and 100' };
    return { ok: false, reason: 'must be a percentage written as a plain decimal such as "21" or "7.7", without "%"' };
  }
  if (parsed.negative || new BillingDecimal(parsed.value).gt(100)) return { ok: false, reason: 'must be between 0 and 100' };
  return { ok: true, value: parsed.value };
}

/** The tax on a line whose net amount is `net`, at `ratePercent` percent, in `net`'s currency. */
export function lineTax(net: Money, ratePercent: string): Money {
  const rate = parseTaxRate(ratePercent);
  if (!rate.ok) throw new Error(`Invalid tax rate ${quoteForMessage(ratePercent)}: ${rate.reason}`);
  const exact = new BillingDecimal(net.amountMinor.toString()).times(rate.value).dividedBy(100);
  return money(roundDecimalHalfEven(exact), net.currency);
}

/**
 * What a document charges before tax: its total less the tax included in it. An invoice stores
 * its total and its tax, so its net is derived from them, the same way wherever it is shown.
 */
export function netOfTax(total: Money, tax: Money): Money {
  return subtract(total, tax);
}
