// Rates and customers' rate assignments as JSON: the one shape the REST API answers with and
// `uplink rates ... --json` prints. Component amounts stay as stored: integers in minor units
// of the rate's currency, unit prices as decimal strings.
import type { RateComponent } from '../../billing/rating/components.js';
import type { CustomerRateView } from '../services/rates/customer-rates.js';
import type { Rate } from '../services/rates/rates.js';

export interface RateJson {
  id: string;
  name: string;
  currency: string;
  components: RateComponent[];
  revenueAccountCode: string;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerRateJson {
  id: string;
  customerId: string;
  rateId: string;
  rateName: string;
  currency: string;
  from: string;
  endedOn: string | null;
  createdAt: string;
}

export function rateJson(rate: Rate): RateJson {
  return {
    id: rate.id,
    name: rate.name,
    currency: rate.currency,
    components: rate.components,
    revenueAccountCode: rate.revenueAccountCode,
    createdAt: rate.createdAt.toISOString(),
    updatedAt: rate.updatedAt.toISOString(),
  };
}

export function customerRateJson(assignment: CustomerRateView): CustomerRateJson {
  return { ...assignment, createdAt: assignment.createdAt.toISOString() };
}
