// Everything about money in one import. The parts live in small files of their own; this file
// only gathers them, so that callers need not know how money is split up inside billing/.
export { parseCurrency, currencyExponent, type CurrencyCode } from './currency.js';
export {
  money, zero, add, subtract, negate, isZero, compareMoney, sumMoney, assertSameCurrency, type Money,
} from './money-value.js';
export { allocate, splitEvenly } from './allocation.js';
export { formatMoney, minorUnitsToDecimalString } from './money-format.js';
export { toWire, fromWire, type MoneyWire } from './money-wire.js';
