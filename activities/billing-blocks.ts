// What the account workflow does when its billing blocks and when staff resume it: the customer
// row says so (staff list blocked accounts from it), and staff get one email per block.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { describeBillingStep, type BillingBlock } from '../billing/blocks/billing-blocks.js';
import { sendRecordedEmail, type SentEmail } from '../db/records/recorded-email.js';
import { customers } from '../db/schema.js';
import { renderBillingBlockedEmail } from '../emails/render-billing-blocked-email.js';
import type { ActivityDeps } from './deps.js';

export interface BillingBlockReport extends BillingBlock {
  customerId: string;
}

/**
 * Marks the customer's billing blocked and emails staff about it. The email is keyed by customer
 * and the moment of blocking, so retries (or a second worker) send it once; a later block of the
 * same account is a new occasion and a new email.
 */
export async function reportBillingBlocked(deps: ActivityDeps, report: BillingBlockReport): Promise<SentEmail> {
  const [customer] = await deps.db
    .update(customers)
    .set({ billingBlockedAt: new Date(report.since), billingBlockedStep: report.step, billingBlockedReason: report.reason })
    .where(eq(customers.id, report.customerId))
    .returning({ id: customers.id, name: customers.name });
  if (!customer) throw ApplicationFailure.nonRetryable(`customer ${report.customerId} does not exist`, 'NotFound');

  return sendRecordedEmail(deps, {
    kind: 'billing-blocked',
    entityType: 'customer',
    entityId: customer.id,
    customerId: customer.id,
    recipient: deps.staffAlertEmail,
    idempotencyKey: `billing-blocked/${customer.id}/${report.since}`,
    render: () =>
      renderBillingBlockedEmail({
        companyName: deps.companyName,
        customerId: customer.id,
        customerName: customer.name,
        step: describeBillingStep(report.step),
        since: `${report.since.slice(0, 16).replace('T', ' ')} UTC`,
        reason: report.reason,
        accountUrl: `${deps.portalUrl.replace(/\/+$/, '')}/staff/customers/${customer.id}`,
      }),
  });
}

/** Clears the mark of the block staff resumed; a newer block of the same account stays marked. */
export async function clearBillingBlocked(deps: ActivityDeps, input: { customerId: string; since: string }): Promise<void> {
  await deps.db
    .update(customers)
    .set({ billingBlockedAt: null, billingBlockedStep: null, billingBlockedReason: null })
    .where(and(eq(customers.id, input.customerId), eq(customers.billingBlockedAt, new Date(input.since))));
}
