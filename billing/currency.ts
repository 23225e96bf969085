/** An ISO 4217 alphabetic code such as "EUR". Only parseCurrency should produce one. */
export type CurrencyCode = string;

const ISO_CODE = /^[A-Z]{3}$/;

// Minor-unit digits from ISO 4217 where they differ from the usual 2. Intl/CLDR disagrees for a
// few (it shows ISK and UGX without decimals but also HUF, TWD... with them), so we keep our own
// table: the ledger's unit must not change with the ICU version of the runtime.
const ZERO_DECIMALS = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND',
  'VUV', 'XAF', 'XOF', 'XPF',
]);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const FOUR_DECIMALS = new Set(['CLF', 'UYW']);

/** Returns the code unchanged if it is well formed; no case folding, so "usd" is an error. */
export function parseCurrency(code: string): CurrencyCode {
  if (typeof code !== 'string' || !ISO_CODE.test(code)) {
    throw new Error(`Invalid currency "${String(code)}": expected a 3-letter ISO 4217 code`);
  }
  return code;
}

/** How many digits the minor unit has: 1 JPY is 1 minor unit, 1 EUR is 100, 1 KWD is 1000. */
export function currencyExponent(currency: CurrencyCode): number {
  const code = parseCurrency(currency);
  if (ZERO_DECIMALS.has(code)) return 0;
  if (THREE_DECIMALS.has(code)) return 3;
  if (FOUR_DECIMALS.has(code)) return 4;
  return 2;
}
