import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as billing from './index.js';

// billing/ is bundled into Temporal's workflow sandbox: a clock read, a random number or a Node
// built-in there would break replay. These checks keep that from creeping in unnoticed.
const folder = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(folder, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));

/** A relative import that stays inside billing/, e.g. './money.js' or '../calendar.js' from rating/. */
function staysInBilling(from: string, specifier: string): boolean {
  if (!/^\.\.?\/[\w/.-]+\.js$/.test(specifier)) return false;
  const target = relative(folder, join(folder, dirname(from), specifier));
  return !target.startsWith('..');
}

describe('billing/ stays pure', () => {
  it.each(sources)('$name imports only billing/ and decimal.js', ({ name, text }) => {
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)].map((m) => m[1]!);
    expect(specifiers.filter((s) => !staysInBilling(name, s) && s !== 'decimal.js')).toEqual([]);
  });

  it.each(sources)('$name reads no clock, randomness or environment', ({ text }) => {
    expect(text).not.toMatch(/Date\.now|new Date\(\s*\)|Math\.random|process\.|globalThis|setTimeout|fetch\(/);
  });

  // Changing the public API should be a deliberate act, visible in review.
  it('exposes exactly its public API through index.ts', () => {
    expect(Object.keys(billing).sort()).toEqual([
      'ACCOUNTS', 'BillingDecimal', 'UnitError', 'add', 'addDays', 'allocate', 'anchorAfterIntervalChange', 'anchorFromDate', 'assertBalanced',
      'assertSameCurrency', 'balanceFromLines', 'chargeForPeriod', 'chargeablePeriodFrom', 'compareIsoDate',
      'compareMoney', 'convertQuantity', 'currencyExponent', 'cycleContaining', 'daysBetween', 'daysInMonth', 'divideRoundHalfEven',
      'endEarly', 'epochMsOfIsoDate', 'formatMoney', 'fromWire', 'invoicePosting', 'invoiceTotal', 'isConsumptionComponent', 'isLeapYear',
      'isProrated', 'isZero', 'isoDateFromEpochMs', 'isoDateFromParts', 'isoDateParts', 'lineTax', 'maxIsoDate', 'minIsoDate',
      'minorUnitsToDecimalString', 'money', 'negate', 'normalizeUnit', 'parseCurrency', 'parseIsoDate', 'parseTaxRate', 'planChargeLine',
      'priceComponent', 'prorate', 'readingConsumption', 'roundDecimalHalfEven', 'shareOfCycle', 'splitEvenly', 'subtract',
      'sumMoney', 'toWire', 'unitFamily', 'validateRateComponents', 'zero',
    ]);
    expect(Object.values(billing).every((value) => value !== undefined)).toBe(true);
  });
});
