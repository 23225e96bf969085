// Rates and customers' rate assignments as JSON: the one shape the REST API answers with and
// `uplink rates ... --json` prints. Component amounts stay as stored: integers in minor units
// of the rate's currency, unit prices as decimal strings.
import { z } from 'zod';
import type { CustomerRateView } from '../services/rates/customer-rates.js';
import { rateComponentSchema, type Rate } from '../services/rates/rates.js';
import { id, isoDate, timestamp } from './wire-parts.js';

export const rateWire = z
  .object({
    id,
    name: z.string(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    components: z.array(rateComponentSchema).meta({ description: 'Amounts in minor units of `currency`; unit prices as decimal strings.' }),
    revenueAccountCode: z.string().meta({ description: 'The income account its charges are booked to.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Rate' });

export const customerRateWire = z
  .object({
    id,
    customerId: id,
    rateId: id,
    rateName: z.string(),
    currency: z.string(),
    from: isoDate.meta({ description: 'First day the rate applies.' }),
    endedOn: isoDate.nullable().meta({ description: 'First day it no longer applies (it was replaced); null while current.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'CustomerRate' });

export function rateJson(rate: Rate): z.input<typeof rateWire> {
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

export function customerRateJson(assignment: CustomerRateView): z.input<typeof customerRateWire> {
  return { ...assignment, createdAt: assignment.createdAt.toISOString() };
}
