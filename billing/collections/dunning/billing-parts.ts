// The parts of billing/ this folder builds on, imported in one place. The lint rule that keeps
// billing/'s sub-folders from importing outside billing/ counts one level of folders
// (`../../*` leaves billing/ from rating/); two levels down, `../../` is still billing/ itself.
/* eslint-disable no-restricted-imports -- every path below resolves inside billing/ (purity.test.ts checks it) */
export { addDays, parseIsoDate, type IsoDate } from '../../calendar.js';
export { parseCurrency, type CurrencyCode } from '../../currency.js';
export { AMOUNT_BOUND_REASON, MAX_AMOUNT_MINOR } from '../../amount-bound.js';
export { isRecord, show } from '../../rating/field-checks.js';
export type { DeclineKind } from '../../payments/declines.js';
/* eslint-enable no-restricted-imports */
