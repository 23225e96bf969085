// Every endpoint of the REST API, in one place: the route modules implement these definitions,
// and the OpenAPI document and the staff API page are generated from them.
import { z } from 'zod';
import { newCustomerSchema } from '../../server/services/customers/customers.js';
import { customerListQuerySchema } from '../../server/services/customers/customer-directory.js';
import { emailListQuerySchema } from '../../server/services/emails/email-records.js';
import { newPlanSchema, planUpdateSchema } from '../../server/services/subscriptions/plans.js';
import { newSubscriptionSchema } from '../../server/services/subscriptions/subscriptions.js';
import { customerDetailWire, customerWire } from '../../server/views/customer-json.js';
import { emailDocumentWire, emailWire } from '../../server/views/email-json.js';
import { invoiceDocumentWire, invoiceWire } from '../../server/views/invoice-json.js';
import { ledgerEntryWire } from '../../server/views/ledger-entry-json.js';
import { planWire } from '../../server/views/plan-json.js';
import { accountsEndpoints } from './accounts-endpoints.server.js';
import { bankStatementEndpoints } from './bank-statement-endpoints.server.js';
import { billingBlockEndpoints } from './billing-block-endpoints.server.js';
import { booksEndpoints } from './books-endpoints.server.js';
import { cardEndpoints } from './card-endpoints.server.js';
import { collectionsEndpoints } from './collections-endpoints.server.js';
import { consumptionEndpoints } from './consumption-endpoints.server.js';
import { customerParams, documented, pageQuery, uuidParam } from './endpoint-parts.server.js';
import { defineEndpoint, type Endpoint } from './endpoint.server.js';
import { importEndpoints } from './import-endpoints.server.js';
import { handoffEndpoints } from './handoff-endpoints.server.js';
import { inboundEndpoints } from './inbound-endpoints.server.js';
import { invoiceEndpoints } from './invoice-endpoints.server.js';
import { itemsEndpoints } from './items-endpoints.server.js';
import { paymentEndpoints } from './payment-endpoints.server.js';
import { paymentTermsEndpoints } from './payment-terms-endpoints.server.js';
import { quoteEndpoints } from './quote-endpoints.server.js';
import { refundEndpoints } from './refund-endpoints.server.js';
import { acceptedWire, healthWire, pageOf } from './wire-schemas.server.js';

const calendarDate = { format: 'date', description: 'ISO date, YYYY-MM-DD; may be in the past, and every missed period is then billed.' };
const billingDay = { description: "Day of the month periods renew on; defaults to the start date's day." };

const planAmount = { description: 'Price of one period in minor units (cents): an integer, or a string of digits. Never a decimal amount.', examples: [4900] };
const planInput = documented(newPlanSchema, { amount: planAmount, currency: { examples: ['EUR'] } }).strict();

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
  ...billingBlockEndpoints,
  ...paymentTermsEndpoints,

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

  ...consumptionEndpoints,
  ...importEndpoints,
  ...bankStatementEndpoints,
  ...accountsEndpoints,
  ...itemsEndpoints,
  ...booksEndpoints,
  ...quoteEndpoints,
  ...invoiceEndpoints,
  ...paymentEndpoints,
  ...cardEndpoints,
  ...refundEndpoints,
  ...inboundEndpoints,
  ...handoffEndpoints,
  ...collectionsEndpoints,

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
