// A blocked account's billing as JSON: the one shape the REST API answers with and
// `uplink customers blocked --json` prints, and the block inside an account workflow's status.
import { z } from 'zod';
import { BILLING_STEPS, type BillingStep } from '../../billing/blocks/billing-blocks.js';
import type { BlockedAccount } from '../services/customers/billing-blocks.js';
import { id, timestamp } from './wire-parts.js';

export const billingStepWire = z
  .enum(Object.keys(BILLING_STEPS) as [BillingStep, ...BillingStep[]])
  .meta({ description: 'The billing step that failed.' });

export const billingBlockWire = z
  .object({
    since: timestamp.meta({ description: 'When the step gave up.' }),
    step: billingStepWire,
    reason: z.string().meta({ description: 'Why, as the worker classified the failure.' }),
  })
  .meta({
    id: 'BillingBlock',
    description:
      'A billing step failed in a way retrying does not fix, so the account bills nothing more until staff resume it (`POST /api/v1/customers/{customerId}/resume-billing`).',
  });

export const blockedAccountWire = z
  .object({
    customerId: id,
    customerName: z.string(),
    since: timestamp.meta({ description: 'When the step gave up.' }),
    step: billingStepWire,
    stepDescription: z.string().meta({ description: 'The step in words, e.g. "issuing the invoice".' }),
    reason: z.string().meta({ description: 'Why, as the worker classified the failure.' }),
  })
  .meta({ id: 'BlockedAccount' });

export function blockedAccountJson(account: BlockedAccount): z.input<typeof blockedAccountWire> {
  return { ...account, since: account.since.toISOString() };
}
