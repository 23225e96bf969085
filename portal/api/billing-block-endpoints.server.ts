// Accounts whose billing is blocked, and resuming one: a billing step failed in a way retrying
// does not fix, so the account's workflow waits for staff to fix the data and resume it.
import { z } from 'zod';
import { resumeBillingSchema } from '../../server/services/customers/billing-blocks.js';
import { billingStepWire, blockedAccountWire } from '../../server/views/billing-block-json.js';
import { id, timestamp } from '../../server/views/wire-parts.js';
import { customerParams, documented } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';

export const billingResumedWire = z
  .object({
    customerId: id,
    step: billingStepWire.meta({ description: 'The step the workflow runs again now.' }),
    blockedSince: timestamp,
    detail: z.string(),
  })
  .meta({ id: 'BillingResumed' });

export const billingBlockEndpoints = {
  listBlockedAccounts: defineEndpoint({
    id: 'listBlockedAccounts',
    method: 'GET',
    path: '/api/v1/billing-blocks',
    tag: 'Customers',
    summary: 'List accounts whose billing is blocked, longest blocked first',
    description:
      'A billing step (issuing or emailing an invoice, ...) failed in a way retrying does not fix, or kept failing for an hour: ' +
      'the account bills nothing more until staff fix the data and resume it. Other accounts are not held up. An empty list means every account bills.',
    authenticated: true,
    response: z.object({ items: z.array(blockedAccountWire) }),
    successStatus: 200,
  }),
  resumeBilling: defineEndpoint({
    id: 'resumeBilling',
    method: 'POST',
    path: '/api/v1/customers/{customerId}/resume-billing',
    tag: 'Customers',
    summary: "Resume a customer's blocked billing",
    description:
      'Once the data the block names is fixed: the account workflow runs the failed step again at once and bills the periods it missed, ' +
      'each once. Send `{}` or a note on what was fixed. Refused with 409 when the account is not blocked.',
    authenticated: true,
    params: customerParams,
    body: documented(resumeBillingSchema, { note: { description: 'What was fixed, kept in the workflow history.' } }).strict(),
    response: billingResumedWire,
    successStatus: 200,
    conflicts: true,
  }),
};
