// The billing domain's public API: pure, deterministic rules shared by workflows and activities.
export {
  parseCurrency, currencyExponent, money, zero, add, subtract, negate, isZero, compareMoney, sumMoney,
  assertSameCurrency, allocate, splitEvenly, formatMoney, minorUnitsToDecimalString, toWire, fromWire,
  type CurrencyCode, type Money, type MoneyWire,
} from './money.js';
export { BillingDecimal, divideRoundHalfEven, roundDecimalHalfEven } from './rounding.js';
export {
  parseIsoDate, isLeapYear, daysInMonth, addDays, daysBetween, compareIsoDate, minIsoDate, maxIsoDate,
  isoDateFromEpochMs, epochMsOfIsoDate, isoDateParts, isoDateFromParts, type IsoDate, type IsoDateParts,
} from './calendar.js';
export {
  anchorAfterIntervalChange, anchorFromDate, cycleContaining, chargeablePeriodFrom, endEarly, isProrated,
  type BillingInterval, type BillingAnchor, type Period, type ChargeablePeriod,
} from './periods.js';
export { prorate, chargeForPeriod, type PeriodCharge } from './proration.js';
export { planChargeLine, invoiceTotal, type InvoiceLineDraft, type PlanForBilling } from './invoice-lines.js';
export {
  ACCOUNTS, assertBalanced, invoicePosting, balanceFromLines,
  type PostingLine, type JournalPosting, type InvoiceToPost,
} from './ledger.js';
export { normalizeUnit, convertQuantity, unitFamily, UnitError, type UnitFamily } from './rating/units.js';
export { readingConsumption, type MeterRules, type ReadingConsumption } from './rating/meter-consumption.js';
export {
  isConsumptionComponent, type RateComponent, type RateComponentType, type ConsumptionComponent, type FixedComponent,
  type PerDayComponent, type SteppedComponent, type VolumeComponent, type PackageComponent, type PriceRange,
} from './rating/components.js';
export { priceComponent, type ComponentCharge, type RangeCharge, type PricingInput } from './rating/price-component.js';
export { shareOfCycle } from './rating/share-of-cycle.js';
export { validateRateComponents, type ComponentProblem } from './rating/validate-components.js';
export { lineTax, parseTaxRate, type TaxRateParse } from './tax.js';
