// Poison work is contained and seen: an account whose billing step fails for good, or keeps
// failing past the set time, blocks visibly (status query, search attribute, customer row, one
// email to staff) while other accounts bill on, and bills what it missed, once, when staff resume
// it. On the real time-skipping server, with the real activities and a real Postgres database.
import { Context } from '@temporalio/activity';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { customers, emailMessages } from '../../db/schema.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { listBlockedAccounts, resumeBilling } from '../../server/services/customers/billing-blocks.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { ConflictError } from '../../server/services/errors.js';
import { createPlan, type Plan } from '../../server/services/subscriptions/plans.js';
import { subscribeCustomer } from '../../server/services/subscriptions/subscriptions.js';
import { BillingBlockedAttribute, statusQuery } from '../../workflows/messages.js';
import { emailsOf, invoicesOf } from '../support/billing-records.js';
import { eventually } from '../support/eventually.js';
import { monthlyBoundary } from '../support/month-arithmetic.js';
import { createPoisonedAccount, POISONED_REASON } from '../support/poisoned-account.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const STAFF_ALERTS = 'staff-alerts@uplink.test';

let harness: WorkflowHarness;
let fibre: Plan;
let customersCreated = 0;

beforeAll(async () => {
  harness = await createWorkflowHarness();
  fibre = await createPlan(harness.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
});

beforeEach(async () => {
  await harness.freshServer();
});

afterAll(async () => {
  await harness?.dispose();
});

/** Today on the test server's clock, which the test moves forward by skipping time. */
async function serverToday(): Promise<string> {
  return new Date(await harness.env.currentTimeMs()).toISOString().slice(0, 10);
}

/** A start `months` whole periods back, renewing on day 1 or 2, so that many periods are due now. */
async function monthsAgo(months: number): Promise<string> {
  const today = await serverToday();
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const anchor = day > 2 ? 2 : 1;
  return monthlyBoundary(year, month, anchor < day ? -months : -months - 1, anchor);
}

async function newCustomer(name: string, fields: { planId?: string; startDate?: string } = {}) {
  const { customer } = await createCustomer(harness.ctx, { name, email: `billing+${customersCreated++}@example.net`, currency: 'EUR', ...fields });
  return customer;
}

function status(customerId: string) {
  return harness.ctx.temporal.connection.withDeadline(Date.now() + 5_000, () => accountWorkflow(harness.ctx, customerId).query(statusQuery));
}

async function billingBlockedAttribute(customerId: string) {
  const { typedSearchAttributes } = await accountWorkflow(harness.ctx, customerId).describe();
  return typedSearchAttributes.get(BillingBlockedAttribute);
}

async function customerRow(customerId: string) {
  const [row] = await harness.ctx.db.select().from(customers).where(eq(customers.id, customerId));
  return row!;
}

function staffAlertsAbout(customerId: string) {
  return harness.ctx.db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.customerId, customerId), eq(emailMessages.kind, 'billing-blocked')));
}

async function waitForBlock(customerId: string) {
  return eventually(
    async () => {
      const row = await customerRow(customerId);
      expect(row.billingBlockedAt).not.toBeNull();
      expect(await billingBlockedAttribute(customerId)).toBe(true);
      return row;
    },
    { what: 'billing to block' },
  );
}

async function waitForInvoices(customerId: string, count: number) {
  return eventually(
    async () => {
      const invoices = await invoicesOf(harness.ctx.db, customerId);
      expect(invoices).toHaveLength(count);
      const invoiceEmails = (await emailsOf(harness.ctx.db, customerId)).filter((email) => email.kind === 'invoice-issued');
      expect(invoiceEmails).toHaveLength(count);
      return invoices;
    },
    { what: `${count} invoices` },
  );
}

describe('a billing step that cannot succeed blocks its account, visibly, until staff resume it', () => {
  it('blocks an account whose invoice the database refuses, emails staff once, bills others, and bills the missed periods once on resume', async () => {
    const alertAttempts: number[] = [];
    // The staff alert does its work, then its first attempt fails as if the worker lost the
    // result: the retry must find the email recorded and not send a second one.
    const worker = await harness.worker((real) => ({
      async reportBillingBlocked(report) {
        const sent = await real.reportBillingBlocked(report);
        alertAttempts.push(Context.current().info.attempt);
        if (Context.current().info.attempt === 1) throw new Error('lost the result of reportBillingBlocked');
        return sent;
      },
    }));
    await worker.runUntil(async () => {
      const startDate = await monthsAgo(2);
      const healthy = await newCustomer('Healthy Ltd', { planId: fibre.id, startDate });
      const poisoned = await createPoisonedAccount(harness.ctx, { name: 'Poisoned Ltd', email: 'poisoned@example.net', startDate });
      const blocked = poisoned.customer;

      const row = await waitForBlock(blocked.id);
      expect(row.billingBlockedStep).toBe('issue-invoice');
      // The reason names the activity and the database's own sentence, never the statement.
      expect(row.billingBlockedReason).toMatch(POISONED_REASON);
      expect(row.billingBlockedReason).not.toMatch(/insert into|params|@example\.net/);
      expect(await invoicesOf(harness.ctx.db, blocked.id)).toHaveLength(0);
      // Meanwhile the other account bills both of its periods.
      await waitForInvoices(healthy.id, 2);
      expect(await listBlockedAccounts(harness.ctx)).toEqual([
        expect.objectContaining({ customerId: blocked.id, customerName: 'Poisoned Ltd', step: 'issue-invoice', stepDescription: 'issuing the invoice' }),
      ]);

      // A month on, the healthy account has billed again; the blocked one still waits, and staff
      // still have exactly one email about it, however often its sending was retried.
      await harness.env.sleep('32 days');
      await waitForInvoices(healthy.id, 3);
      expect(await invoicesOf(harness.ctx.db, blocked.id)).toHaveLength(0);
      expect(alertAttempts.length).toBeGreaterThanOrEqual(2);
      const alerts = await staffAlertsAbout(blocked.id);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ recipient: STAFF_ALERTS, status: 'outbox', subject: 'Billing blocked: Poisoned Ltd (issuing the invoice)' });
      expect(alerts[0]!.text).toContain(row.billingBlockedReason!);
      expect(alerts[0]!.text).toContain(`/staff/customers/${blocked.id}`);
      const view = await status(blocked.id);
      expect(view.billingBlocked).toEqual({
        since: row.billingBlockedAt!.toISOString(),
        step: 'issue-invoice',
        reason: row.billingBlockedReason,
      });
      expect(view.invoicesIssued).toBe(0);
      expect((await status(healthy.id)).billingBlocked).toBeNull();

      // Staff fix the price and resume: every missed period is billed, once each.
      await poisoned.fixPrice();
      const resumed = await resumeBilling(harness.ctx, blocked.id, { note: 'price corrected' });
      expect(resumed).toEqual({ step: 'issue-invoice', blockedSince: row.billingBlockedAt!.toISOString() });
      const invoices = await waitForInvoices(blocked.id, 3);
      expect(invoices.map((invoice) => invoice.totalMinor)).toEqual([5900n, 5900n, 5900n]);
      expect(new Set(invoices.map((invoice) => invoice.periodStart)).size).toBe(3);
      expect(invoices[0]!.periodStart).toBe(startDate);

      await eventually(async () => {
        expect(await billingBlockedAttribute(blocked.id)).toBe(false);
        expect((await status(blocked.id)).billingBlocked).toBeNull();
      });
      expect((await customerRow(blocked.id)).billingBlockedAt).toBeNull();
      expect(await listBlockedAccounts(harness.ctx)).toEqual([]);
      expect(await staffAlertsAbout(blocked.id)).toHaveLength(1);
      // Nothing is blocked any more, so there is nothing to resume.
      const again = await resumeBilling(harness.ctx, blocked.id).catch((error: unknown) => error);
      expect(again).toBeInstanceOf(ConflictError);
      expect((again as Error).message).toBe("The account's billing is not blocked; there is nothing to resume.");
    });
  });

  it('blocks an account whose step keeps failing for longer than the set time, and bills it once resumed', async () => {
    let outage = true;
    const attempts: number[] = [];
    let flakyId = '';
    const worker = await harness.worker((real) => ({
      async issueRecurringInvoice(input) {
        if (input.customerId === flakyId && outage) {
          attempts.push(Context.current().info.attempt);
          throw new Error('connection to the ledger host reset');
        }
        return real.issueRecurringInvoice(input);
      },
    }));
    await worker.runUntil(async () => {
      const startDate = await monthsAgo(1);
      const flaky = await newCustomer('Flaky Ltd');
      flakyId = flaky.id;
      await subscribeCustomer(harness.ctx, flaky.id, { planId: fibre.id, startDate });
      await eventually(async () => expect(attempts.length).toBeGreaterThanOrEqual(1), { what: 'a first failed attempt' });
      // Retried with backoff for the set time, then given up: about a dozen attempts in an hour.
      await harness.env.sleep('2 hours');
      const row = await waitForBlock(flaky.id);
      expect(row.billingBlockedStep).toBe('issue-invoice');
      expect(row.billingBlockedReason).toMatch(/^still failing after 1 hour of retries: .*connection to the ledger host reset/);
      expect(attempts.length).toBeGreaterThan(5);
      expect(await staffAlertsAbout(flaky.id)).toHaveLength(1);
      expect((await status(flaky.id)).billingBlocked).toMatchObject({ step: 'issue-invoice' });

      outage = false;
      await resumeBilling(harness.ctx, flaky.id);
      const [invoice] = await waitForInvoices(flaky.id, 1);
      expect(invoice).toMatchObject({ periodStart: startDate, totalMinor: 4900n });
      await eventually(async () => expect((await customerRow(flaky.id)).billingBlockedAt).toBeNull());
    });
  });

  it('refuses to resume an account that is not blocked', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const customer = await newCustomer('Fine Ltd', { planId: fibre.id, startDate: await serverToday() });
      await eventually(async () => expect((await status(customer.id)).status).toBe('active'));
      const refusal = await resumeBilling(harness.ctx, customer.id).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ConflictError);
      expect((refusal as Error).message).toBe("The account's billing is not blocked; there is nothing to resume.");
    });
  });
});
