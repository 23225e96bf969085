// The parts of billing/ this folder builds on, imported in one place.
export { addDays, parseIsoDate, type IsoDate } from '../../calendar.js';
export { parseCurrency, type CurrencyCode } from '../../currency.js';
export { AMOUNT_BOUND_REASON, MAX_AMOUNT_MINOR } from '../../amount-bound.js';
export { isRecord, show } from '../../rating/field-checks.js';
export type { DeclineKind } from '../../payments/declines.js';
