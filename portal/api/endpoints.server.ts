// Every endpoint of the REST API, in one place: the route modules implement these definitions,
// and the OpenAPI document and the staff API page are generated from them.
import { z } from 'zod';
import { newCustomerSchema } from '../../server/services/customers.js';
import { customerListQuerySchema } from '../../server/services/customer-directory.js';
import { emailListQuerySchema } from '../../server/services/email-records.js';
import { pageQuerySchema } from '../../server/services/pagination.js';
import { newPlanSchema, planUpdateSchema } from '../../server/services/plans.js';
import { rateAssignmentSchema } from '../../server/services/customer-rates.js';
import { meterListQuerySchema, newMeterSchema } from '../../server/services/meters.js';
import { newRateSchema } from '../../server/services/rates.js';
import { newSubscriptionSchema } from '../../server/services/subscriptions.js';
import { defineEndpoint, type Endpoint } from './endpoint.server.js';
import { importEndpoints } from './import-endpoints.server.js';
import {
  acceptedWire,
  customerDetailWire,
  customerWire,
  emailDocumentWire,
  emailWire,
  healthWire,
  invoiceDocumentWire,
  invoiceWire,
  ledgerEntryWire,
  pageOf,
  planWire,
  customerRateWire,
  meterDetailWire,
  meterWire,
  rateWire,
  readingWire,
  recordedReadingsWire,
} from './wire-schemas.server.js';

/** Adds documentation to some fields of a service's schema; validation stays the service's own. */
function documented<T extends z.ZodObject>(schema: T, docs: Partial<Record<keyof T['shape'] & string, z.core.GlobalMeta>>): T {
  const shape = Object.fromEntries(Object.entries(docs).map(([field, meta]) => [field, (schema.shape[field] as z.ZodType).meta(meta ?? {})]));
  // Same fields with the same types, only described: the schema's type does not change.
  return schema.extend(shape) as unknown as T;
}

const uuidParam = (what: string) => z.uuid(`must be ${what} id (a UUID)`);
const customerParams = z.object({ customerId: uuidParam('a customer') });
const calendarDate = { format: 'date', description: 'ISO date, YYYY-MM-DD; may be in the past, and every missed period is then billed.' };
const billingDay = { description: "Day of the month periods renew on; defaults to the start date's day." };

const pageQuery = documented(pageQuerySchema, {
  limit: { description: 'Items per page, 1 to 100.' },
  cursor: { description: '`nextCursor` of the previous page.' },
});

const planAmount = { description: 'Price of one period in minor units (cents): an integer, or a string of digits. Never a decimal amount.', examples: [4900] };
const planInput = documented(newPlanSchema, { amount: planAmount, currency: { examples: ['EUR'] } }).strict();

const rateParams = z.object({ rateId: uuidParam('a rate') });
const meterParams = z.object({ meterId: uuidParam('a meter') });
// Components are checked by the rates service, which names each refused one by its path
// (components[1].ranges[0].upTo); the schema here documents their shape.
const rateInput = documented(newRateSchema, { currency: { examples: ['EUR'] } })
  .extend({ components: newRateSchema.shape.components.catch((ctx) => ctx.value as never).meta({ description: 'At least one component.' }) })
  .strict();

export const endpoints = {
  listPlans: defineEndpoint({
    id: 'listPlans',
    method: 'GET',
    path: '/api/v1/plans',
    tag: 'Plans',
    summary: 'List plans, newest first',
    authenticated: true,
    query: pageQuery,
    response: pageOf(planWire),
    successStatus: 200,
  }),
  createPlan: defineEndpoint({
    id: 'createPlan',
    method: 'POST',
    path: '/api/v1/plans',
    tag: 'Plans',
    summary: 'Create a plan',
    description: 'A recurring price customers subscribe to. Answers 201 with the plan and its URL in `Location`.',
    authenticated: true,
    body: planInput,
    response: planWire,
    successStatus: 201,
  }),
  getPlan: defineEndpoint({
    id: 'getPlan',
    method: 'GET',
    path: '/api/v1/plans/{planId}',
    tag: 'Plans',
    summary: 'Get a plan',
    authenticated: true,
    params: z.object({ planId: uuidParam('a plan') }),
    response: planWire,
    successStatus: 200,
  }),
  updatePlan: defineEndpoint({
    id: 'updatePlan',
    method: 'PATCH',
    path: '/api/v1/plans/{planId}',
    tag: 'Plans',
    summary: 'Change a plan',
    description:
      'Send only the fields to change. A new price applies to every period invoiced from now on, for every customer on the plan; ' +
      'currency and interval cannot change once customers are on it.',
    authenticated: true,
    params: z.object({ planId: uuidParam('a plan') }),
    body: documented(planUpdateSchema, { amount: planAmount })
      .strict()
      .refine((changes) => Object.keys(changes).length > 0, 'must change at least one of name, amount, currency, interval'),
    response: planWire,
    successStatus: 200,
  }),

  listCustomers: defineEndpoint({
    id: 'listCustomers',
    method: 'GET',
    path: '/api/v1/customers',
    tag: 'Customers',
    summary: 'List customers, newest first',
    authenticated: true,
    query: documented(customerListQuerySchema.extend(pageQuery.shape), {
      search: { description: 'Part of the name or email, ignoring case.' },
    }),
    response: pageOf(customerWire),
    successStatus: 200,
  }),
  createCustomer: defineEndpoint({
    id: 'createCustomer',
    method: 'POST',
    path: '/api/v1/customers',
    tag: 'Customers',
    summary: "Create a customer and start their account's workflow",
    description:
      'With `planId` the customer is billed from `startDate` (default today). Without it the customer is set up but not billed ' +
      'until `POST /api/v1/customers/{customerId}/subscriptions`. Answers 201 with `Location`. Send an `Idempotency-Key` to make ' +
      'retries safe: a repeat returns the same customer with `Idempotent-Replayed: true`.',
    authenticated: true,
    headers: [
      {
        name: 'Idempotency-Key',
        description: 'Any unique string up to 255 characters. Reusing it with a different body is refused with 422.',
      },
    ],
    body: documented(newCustomerSchema, {
      planId: { description: 'Bill the customer on this plan; it must be priced in the customer’s currency.' },
      startDate: calendarDate,
      billingDay,
    }).strict(),
    response: customerWire,
    successStatus: 201,
  }),
  getCustomer: defineEndpoint({
    id: 'getCustomer',
    method: 'GET',
    path: '/api/v1/customers/{customerId}',
    tag: 'Customers',
    summary: "Get a customer, with the live status of their account's workflow",
    authenticated: true,
    params: customerParams,
    response: customerDetailWire,
    successStatus: 200,
  }),
  subscribeCustomer: defineEndpoint({
    id: 'subscribeCustomer',
    method: 'POST',
    path: '/api/v1/customers/{customerId}/subscriptions',
    tag: 'Customers',
    summary: 'Put a customer who has no plan yet on one',
    description: 'Billing starts from `startDate` (default today). Answers 201 with the customer and their subscription.',
    authenticated: true,
    params: customerParams,
    body: documented(newSubscriptionSchema, { startDate: calendarDate, billingDay }).strict(),
    response: customerWire,
    successStatus: 201,
  }),
  cancelSubscription: defineEndpoint({
    id: 'cancelSubscription',
    method: 'POST',
    path: '/api/v1/customers/{customerId}/cancel',
    tag: 'Customers',
    summary: "Cancel a customer's subscription from today",
    description: 'The account workflow bills the days used in the current period, then stops. Answers 202: it happens within seconds.',
    authenticated: true,
    params: customerParams,
    response: acceptedWire,
    successStatus: 202,
  }),
  changePlan: defineEndpoint({
    id: 'changePlan',
    method: 'POST',
    path: '/api/v1/customers/{customerId}/plan',
    tag: 'Customers',
    summary: 'Move a customer to another plan from their next period',
    description: "Answers 202; the customer's `workflow.status.pendingPlanChange` shows when it takes effect.",
    authenticated: true,
    params: customerParams,
    body: z.object({ planId: uuidParam('a plan') }).strict(),
    response: acceptedWire,
    successStatus: 202,
  }),

  listCustomerInvoices: defineEndpoint({
    id: 'listCustomerInvoices',
    method: 'GET',
    path: '/api/v1/customers/{customerId}/invoices',
    tag: 'Invoices',
    summary: "List a customer's invoices, newest first",
    authenticated: true,
    params: customerParams,
    query: pageQuery,
    response: pageOf(invoiceWire),
    successStatus: 200,
  }),
  getInvoice: defineEndpoint({
    id: 'getInvoice',
    method: 'GET',
    path: '/api/v1/invoices/{invoiceId}',
    tag: 'Invoices',
    summary: 'Get an invoice with its lines',
    authenticated: true,
    params: z.object({ invoiceId: uuidParam('an invoice') }),
    response: invoiceDocumentWire,
    successStatus: 200,
  }),

  customerLedger: defineEndpoint({
    id: 'customerLedger',
    method: 'GET',
    path: '/api/v1/customers/{customerId}/ledger',
    tag: 'Ledger',
    summary: "A customer's ledger entries, oldest first, with the running balance",
    description: "Every journal entry that touched the customer's receivable, with all its lines.",
    authenticated: true,
    params: customerParams,
    query: pageQuery,
    response: pageOf(ledgerEntryWire),
    successStatus: 200,
  }),

  listEmails: defineEndpoint({
    id: 'listEmails',
    method: 'GET',
    path: '/api/v1/emails',
    tag: 'Emails',
    summary: 'List recorded emails, newest first',
    description: 'Every email Uplink sent or queued, with its plain-text part; `GET /api/v1/emails/{emailId}` has the HTML.',
    authenticated: true,
    query: documented(emailListQuerySchema.extend(pageQuery.shape), {
      customerId: { description: 'Only this customer’s emails.' },
    }),
    response: pageOf(emailWire),
    successStatus: 200,
  }),
  getEmail: defineEndpoint({
    id: 'getEmail',
    method: 'GET',
    path: '/api/v1/emails/{emailId}',
    tag: 'Emails',
    summary: 'Get an email as it was rendered, with its HTML',
    authenticated: true,
    params: z.object({ emailId: uuidParam('an email') }),
    response: emailDocumentWire,
    successStatus: 200,
  }),

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
      registerMax: { description: 'Cumulative only: the largest value the register shows before it rolls over to 0 (a decimal number or string).' },
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
                value: z.union([z.number(), z.string()]).meta({ description: 'A decimal number or string, not negative: at most 20 digits before the point and 18 after.', examples: ['1234.5'] }),
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

  ...importEndpoints,

  openApiDocument: defineEndpoint({
    id: 'openApiDocument',
    method: 'GET',
    path: '/api/v1/openapi.json',
    tag: 'Service',
    summary: 'This OpenAPI 3.1 document',
    authenticated: false,
    response: z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document.' }),
    successStatus: 200,
  }),
  health: defineEndpoint({
    id: 'health',
    method: 'GET',
    path: '/healthz',
    tag: 'Service',
    summary: 'Whether the database and Temporal answer',
    description: 'For load balancers and monitors: 200 when both answer within two seconds, 503 naming what is down and why.',
    authenticated: false,
    response: healthWire,
    successStatus: 200,
    alsoAnswers: [{ status: 503, description: 'The database or Temporal is down.' }],
  }),
} satisfies Record<string, Endpoint>;

export const allEndpoints: Endpoint[] = Object.values(endpoints);
