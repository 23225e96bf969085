// A line of a one-off invoice or a quote: a catalog item (or a described charge) × a quantity at a
// unit price, plus its tax. The net is rounded once, half to even, from the exact product, and the
// tax once more on that net (billing/tax.ts), so each line can be checked by hand.
import { parsePlainDecimal } from './decimal-text.js';
import { add, money, type Money } from './money-value.js';
import { BillingDecimal, roundDecimalHalfEven } from './rounding.js';
import { lineTax } from './tax.js';

/** Up to a billion units with 4 decimals (1.5 hours of labour, 0.25 of a cable drum). */
const ITEM_QUANTITY_LIMITS = { maxIntegerDigits: 9, maxFractionDigits: 4 };

export type ItemQuantityParse = { ok: true; value: string } | { ok: false; reason: string };

/** `text` as a line quantity (a plain decimal above zero, canonicalised), or why not; the reason reads after the field's name. */
export function parseItemQuantity(text: unknown): ItemQuantityParse {
  const parsed = parsePlainDecimal(text, ITEM_QUANTITY_LIMITS);
  if (!parsed.ok) {
    if (parsed.problem === 'fraction-digits') return { ok: false, reason: 'must have at most 4 decimals' };
    if (parsed.problem === 'integer-digits') return { ok: false, reason: 'must be below 1,000,000,000' };
    return { ok: false, reason: 'must be a plain decimal number such as "2" or "1.5"' };
  }
  if (parsed.negative || parsed.value === '0') return { ok: false, reason: 'must be more than zero' };
  return { ok: true, value: parsed.value };
}

export interface ItemLineTerms {
  quantity: string;
  /** Net price of one unit, tax exclusive. */
  unitAmount: Money;
  /** Percent, e.g. "21". */
  taxRate: string;
}

export interface PricedItemLine {
  /** Canonical decimal text. */
  quantity: string;
  net: Money;
  tax: Money;
  total: Money;
}

export function priceItemLine({ quantity, unitAmount, taxRate }: ItemLineTerms): PricedItemLine {
  const parsed = parseItemQuantity(quantity);
  if (!parsed.ok) throw new Error(`Invalid quantity "${quantity}": ${parsed.reason}`);
  if (unitAmount.amountMinor < 0n) throw new Error(`A unit price cannot be negative (${unitAmount.amountMinor} ${unitAmount.currency})`);
  const exact = new BillingDecimal(unitAmount.amountMinor.toString()).times(parsed.value);
  const net = money(roundDecimalHalfEven(exact), unitAmount.currency);
  const tax = lineTax(net, taxRate);
  return { quantity: parsed.value, net, tax, total: add(net, tax) };
}
