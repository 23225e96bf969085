// The consumption endpoints of the registry (see endpoints.server.ts): rates, the rates a customer
// is on, meters and their readings.
import { z } from 'zod';
import { QUANTITY_LIMITS } from '../../billing/decimal-text.js';
import { rateAssignmentSchema } from '../../server/services/rates/customer-rates.js';
import { meterListQuerySchema, newMeterSchema } from '../../server/services/readings/meters.js';
import { newRateSchema } from '../../server/services/rates/rates.js';
import { meterDetailWire, meterWire } from '../../server/views/meter-json.js';
import { customerRateWire, rateWire } from '../../server/views/rate-json.js';
import { readingWire } from '../../server/views/reading-json.js';
import { defineEndpoint } from './endpoint.server.js';
import { customerParams, documented, pageQuery, uuidParam } from './endpoint-parts.server.js';
import { pageOf, recordedReadingsWire } from './wire-schemas.server.js';

const rateParams = z.object({ rateId: uuidParam('a rate') });
// Readings and a register's maximum are held to one limit, wherever they enter (reading-checks.ts).
const QUANTITY_DIGITS = `at most ${QUANTITY_LIMITS.maxIntegerDigits} digits before the point and ${QUANTITY_LIMITS.maxFractionDigits} after`;
const meterParams = z.object({ meterId: uuidParam('a meter') });
// Components are checked by the rates service, which names each refused one by its path
// (components[1].ranges[0].upTo); the schema here documents their shape.
const rateInput = documented(newRateSchema, { currency: { examples: ['EUR'] } })
  .extend({ components: newRateSchema.shape.components.catch((ctx) => ctx.value as never).meta({ description: 'At least one component.' }) })
  .strict();

export const consumptionEndpoints = {
  listRates: defineEndpoint({
    id: 'listRates',
    method: 'GET',
    path: '/api/v1/rates',
    tag: 'Rates',
    summary: 'List rates, newest first',
    authenticated: true,
    query: pageQuery,
    response: pageOf(rateWire),
    successStatus: 200,
  }),
  createRate: defineEndpoint({
    id: 'createRate',
    method: 'POST',
    path: '/api/v1/rates',
    tag: 'Rates',
    summary: 'Create a rate',
    description:
      'A price list made of components (fixed, per_day, stepped, volume, package), assigned to customers with ' +
      '`POST /api/v1/customers/{customerId}/rates`. A refused component is named by its path, such as `components[1].ranges[0].unitAmountDecimal`. ' +
      'Answers 201 with `Location`.',
    authenticated: true,
    body: rateInput,
    response: rateWire,
    successStatus: 201,
  }),
  getRate: defineEndpoint({
    id: 'getRate',
    method: 'GET',
    path: '/api/v1/rates/{rateId}',
    tag: 'Rates',
    summary: 'Get a rate',
    authenticated: true,
    params: rateParams,
    response: rateWire,
    successStatus: 200,
  }),
  updateRate: defineEndpoint({
    id: 'updateRate',
    method: 'PATCH',
    path: '/api/v1/rates/{rateId}',
    tag: 'Rates',
    summary: 'Change a rate',
    description:
      'Send only the fields to change; `components` replaces the whole list. The change applies to invoices issued after it; ' +
      'the currency cannot change once the rate is assigned to a customer.',
    authenticated: true,
    params: rateParams,
    body: rateInput
      .partial()
      .strict()
      .refine((changes) => Object.keys(changes).length > 0, 'must change at least one of name, currency, components, revenueAccountCode'),
    response: rateWire,
    successStatus: 200,
  }),
  listCustomerRates: defineEndpoint({
    id: 'listCustomerRates',
    method: 'GET',
    path: '/api/v1/customers/{customerId}/rates',
    tag: 'Rates',
    summary: "List a customer's rate assignments, current ones first",
    authenticated: true,
    params: customerParams,
    response: z.object({ items: z.array(customerRateWire) }),
    successStatus: 200,
  }),
  assignRate: defineEndpoint({
    id: 'assignRate',
    method: 'POST',
    path: '/api/v1/customers/{customerId}/rates',
    tag: 'Rates',
    summary: 'Bill a customer on a rate from a date',
    description:
      "The rate must be priced in the customer's currency. With `replaces`, that current assignment ends on `from`, and the period is split by days. " +
      'Answers 201 with the assignment.',
    authenticated: true,
    params: customerParams,
    body: documented(rateAssignmentSchema, {
      from: { format: 'date', description: 'First day the rate applies, YYYY-MM-DD.' },
      replaces: { description: "The id of one of the customer's current assignments; it ends on `from`, which must be after its start." },
    }).strict(),
    response: customerRateWire,
    successStatus: 201,
  }),

  listMeters: defineEndpoint({
    id: 'listMeters',
    method: 'GET',
    path: '/api/v1/meters',
    tag: 'Meters',
    summary: 'List meters, newest first',
    authenticated: true,
    query: documented(meterListQuerySchema.extend(pageQuery.shape), { customerId: { description: "Only this customer's meters." } }),
    response: pageOf(meterWire),
    successStatus: 200,
  }),
  createMeter: defineEndpoint({
    id: 'createMeter',
    method: 'POST',
    path: '/api/v1/meters',
    tag: 'Meters',
    summary: 'Add a meter to a customer',
    description:
      'Rate components name the meter by `key`, unique per customer. Readings are stored in `unit` (B, kB, MB, GB, TB; s, min, h; Wh, kWh, MWh; or any other name). ' +
      'Answers 201 with `Location`.',
    authenticated: true,
    body: documented(newMeterSchema, {
      kind: { description: '`cumulative`: a register, consumption is the difference between readings; `delta`: each reading is consumption.' },
      registerMax: { description: `Cumulative only: the largest value the register shows before it rolls over to 0 (a decimal string, or a number a JSON number holds exactly): ${QUANTITY_DIGITS}.` },
      base: { description: 'What a kB is for this meter: 1000 (default) or 1024.' },
    }).strict(),
    response: meterWire,
    successStatus: 201,
  }),
  getMeter: defineEndpoint({
    id: 'getMeter',
    method: 'GET',
    path: '/api/v1/meters/{meterId}',
    tag: 'Meters',
    summary: 'Get a meter with its latest reading',
    authenticated: true,
    params: meterParams,
    response: meterDetailWire,
    successStatus: 200,
  }),
  listMeterReadings: defineEndpoint({
    id: 'listMeterReadings',
    method: 'GET',
    path: '/api/v1/meters/{meterId}/readings',
    tag: 'Meters',
    summary: "A meter's readings, newest first",
    authenticated: true,
    params: meterParams,
    query: pageQuery,
    response: pageOf(readingWire),
    successStatus: 200,
  }),
  recordReadings: defineEndpoint({
    id: 'recordReadings',
    method: 'POST',
    path: '/api/v1/readings',
    tag: 'Meters',
    summary: 'Record meter readings, up to 10,000 per call',
    description:
      'Answers 200 with how many were stored, how many were already stored (same meter, time and value: duplicates are harmless, so a call can be retried), ' +
      'and every refused reading with its index, field and reason; the valid ones are stored all together. `readAt` needs Z or an offset; ' +
      "`value` in `unit` (default: the meter's), converted to the meter's unit. A cumulative meter's readings must arrive in time order: " +
      'a reading below the previous one is refused unless the register rolls over (`registerMax`) or `replacement` is true (a new register, counted from this reading). ' +
      'The body may be up to 4 MiB.',
    authenticated: true,
    // Ten thousand readings with references do not fit in the usual 1 MiB.
    maxBodyBytes: 4 * 1024 * 1024,
    body: z
      .object({
        readings: z
          .array(
            z
              .strictObject({
                meterId: uuidParam('a meter'),
                readAt: z.iso.datetime({ offset: true }).meta({ description: 'When the meter showed `value`: ISO date-time with Z or an offset.' }),
                value: z.union([z.number(), z.string()]).meta({
                  description: `A decimal string, or a number a JSON number holds exactly (12345678901234567.89 is refused: send "12345678901234567.89"), not negative: ${QUANTITY_DIGITS}.`,
                  examples: ['1234.5'],
                }),
                unit: z.string().optional().meta({ description: "The value's unit, if not the meter's; converted within its family (MB into GB)." }),
                ref: z.string().max(200).nullable().optional().meta({ description: 'Your reference for the reading.' }),
                replacement: z.boolean().optional().meta({ description: 'Cumulative meters: the register was replaced and this is the new one’s first reading.' }),
              })
              // Each reading is checked by the service, which reports problems per reading.
              .catch((ctx) => ctx.value as never),
          )
          .max(10_000, 'must hold at most 10,000 readings per call; split them into several calls'),
      })
      .strict(),
    response: recordedReadingsWire,
    successStatus: 200,
  }),

};
