// Accounts whose billing is blocked (a billing step failed in a way retrying could not fix) and
// staff resuming them once the data is fixed. The account workflow decides both: it marks the
// customer row when it blocks, and its resumeBilling Update refuses an account that is not blocked.
import { asc, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { describeBillingStep, type BillingStep } from '../../../billing/blocks/billing-blocks.js';
import { customers } from '../../../db/schema.js';
import { resumeBillingUpdate, type BillingResumed } from '../../../workflows/messages.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../errors.js';
import { askAccount } from './account-workflow.js';
import { assertCustomerExists } from './customer-directory.js';

export const resumeBillingSchema = z.object({
  note: z.string().trim().max(500, 'must be at most 500 characters').optional(),
});

/**
 * Lets a blocked account bill again: its workflow runs the failed step again at once and bills the
 * periods it missed, each once. Answers which block was lifted; refused (ConflictError) when the
 * account's billing is not blocked.
 */
export async function resumeBilling(ctx: ServiceContext, customerId: string, input: unknown = {}): Promise<BillingResumed> {
  const { note } = parseInput(resumeBillingSchema, input);
  await assertCustomerExists(ctx, customerId);
  return askAccount(ctx, customerId, (handle) => handle.executeUpdate(resumeBillingUpdate, { args: [{ note: note || null }] }));
}

export interface BlockedAccount {
  customerId: string;
  customerName: string;
  since: Date;
  step: BillingStep;
  /** The step in words, e.g. "issuing the invoice". */
  stepDescription: string;
  reason: string;
}

/** Every account whose billing is blocked now, longest blocked first. */
export async function listBlockedAccounts(ctx: ServiceContext): Promise<BlockedAccount[]> {
  const rows = await ctx.db
    .select({
      customerId: customers.id,
      customerName: customers.name,
      since: customers.billingBlockedAt,
      step: customers.billingBlockedStep,
      reason: customers.billingBlockedReason,
    })
    .from(customers)
    .where(isNotNull(customers.billingBlockedAt))
    .orderBy(asc(customers.billingBlockedAt), asc(customers.id));
  // The three columns are written together, by the workflow's activity, from a BillingStep.
  return rows.map((row) => ({
    customerId: row.customerId,
    customerName: row.customerName,
    since: row.since!,
    step: row.step as BillingStep,
    stepDescription: describeBillingStep(row.step ?? ''),
    reason: row.reason ?? '',
  }));
}
