// The rate the usage tests and the rating benchmark bill with: a component of each everyday kind,
// priced so that hand-worked totals are easy to check (see test/integration/usage-billing.test.ts).
import type { RateComponent } from '../../billing/rating/components.js';

export const BUSINESS_RATE_COMPONENTS: RateComponent[] = [
  { type: 'fixed', name: 'Line rental', amount: 1000 },
  { type: 'per_day', name: 'Static IP', amount: 10 },
  {
    type: 'stepped',
    name: 'Data',
    meter: 'data',
    ranges: [
      { upTo: 100, unitAmountDecimal: '2' },
      { upTo: 500, unitAmountDecimal: '1.5', flatAmount: 100 },
      { upTo: null, unitAmountDecimal: '0.045' },
    ],
  },
  { type: 'stepped', name: 'Voice', meter: 'voice', ranges: [{ upTo: null, unitAmountDecimal: '1.5' }], minimumAmount: 500 },
];
