// The parts of billing/ this folder builds on, imported in one place.
export { allocate } from '../../allocation.js';
export { AMOUNT_BOUND_REASON, MAX_AMOUNT_MINOR } from '../../amount-bound.js';
export { addDays, compareIsoDate, daysBetween, minIsoDate, parseIsoDate, type IsoDate } from '../../calendar.js';
export { parseCurrency, type CurrencyCode } from '../../currency.js';
export { parsePlainDecimal } from '../../decimal-text.js';
export { ACCOUNTS } from '../../ledger.js';
export { formatMoney } from '../../money-format.js';
export { money } from '../../money-value.js';
export { BillingDecimal, divideRoundHalfEven, roundDecimalHalfEven } from '../../rounding.js';
export { isRecord } from '../../rating/field-checks.js';
export { lineTax, parseTaxRate } from '../../tax.js';
