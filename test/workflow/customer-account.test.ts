// The customer account workflow on the real time-skipping Temporal server, with the real
// activities writing to a real Postgres database.
import { Context } from '@temporalio/activity';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { subscriptions } from '../../db/schema.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createPlan, type Plan } from '../../server/services/subscriptions/plans.js';
import { cancelSubscription, changePlan } from '../../server/services/subscriptions/subscription-changes.js';
import { subscribeCustomer } from '../../server/services/subscriptions/subscriptions.js';
import { ValidationError } from '../../server/services/errors.js';
import { customers } from '../../db/schema.js';
import { AccountStatusAttribute, statusQuery } from '../../workflows/messages.js';
import { billingRecordsOf } from '../support/billing-records.js';
import { eventually } from '../support/eventually.js';
import { daysBetweenUtc, monthlyBoundary } from '../support/month-arithmetic.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

let harness: WorkflowHarness;
let fibre: Plan;
let business: Plan;
let customersCreated = 0;

beforeAll(async () => {
  harness = await createWorkflowHarness();
  fibre = await createPlan(harness.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
  business = await createPlan(harness.ctx, { name: 'Business 1G', amount: 9900, currency: 'EUR', interval: 'month' });
});

beforeEach(async () => {
  // Each test starts on a fresh Temporal server at the real date (plans stay in the database).
  await harness.freshServer();
});

afterAll(async () => {
  await harness?.dispose();
});

async function newCustomer(fields: { startDate?: string; billingDay?: number; planId?: string } = {}) {
  const { customer } = await createCustomer(harness.ctx, {
    name: 'Ada Lovelace',
    email: `ada+${customersCreated++}@example.net`,
    currency: 'EUR',
    planId: fields.planId ?? fibre.id,
    ...fields,
  });
  return customer;
}

/**
 * The workflow's `status` query, with a deadline: on a loaded machine the time-skipping server
 * can leave a query unanswered, and a call without one would linger past the test.
 */
function status(customerId: string) {
  const { connection } = harness.ctx.temporal;
  return connection.withDeadline(Date.now() + 5_000, () => accountWorkflow(harness.ctx, customerId).query(statusQuery));
}

/**
 * Waits, in the database, until the customer has `count` invoices, each emailed. The workflow is
 * asked for its status only after the test's last time skip: on the time-skipping server a query
 * followed by a skip can leave the clock stuck.
 */
async function waitForInvoices(customerId: string, count: number) {
  return eventually(
    async () => {
      const records = await billingRecordsOf(harness.ctx.db, customerId);
      expect(records.invoices).toHaveLength(count);
      expect(records.emails).toHaveLength(count);
      return records;
    },
    { what: `${count} invoices` },
  );
}

/** The workflow's own answer once billing has settled: invoices counted, not mid-cycle. */
async function settledStatus(customerId: string, invoices: number) {
  return eventually(async () => {
    const view = await status(customerId);
    expect(view.invoicesIssued).toBe(invoices);
    return view;
  });
}

/** Today on the test server's clock, which the test moves forward by skipping time. */
async function serverToday(): Promise<string> {
  return new Date(await harness.env.currentTimeMs()).toISOString().slice(0, 10);
}

function parts(date: string) {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

describe('customerAccount workflow', () => {
  it('bills three monthly cycles as three invoices with exact periods and amounts', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const start = await serverToday();
      const customer = await newCustomer({ startDate: start });
      await harness.env.sleep('95 days');
      await waitForInvoices(customer.id, 3);

      const { year, month, day } = parts(start);
      const expectedPeriods = [0, 1, 2].map((k) => ({
        start: k === 0 ? start : monthlyBoundary(year, month, k, day),
        end: monthlyBoundary(year, month, k + 1, day),
      }));
      const records = await billingRecordsOf(harness.ctx.db, customer.id);
      expect(records.invoices.map((i) => ({ start: i.periodStart, end: i.periodEnd }))).toEqual(expectedPeriods);
      expect(records.invoices.map((i) => i.totalMinor)).toEqual([4900n, 4900n, 4900n]);
      expect(records.entries).toHaveLength(3);
      expect(records.emails.map((e) => e.kind)).toEqual(['invoice-issued', 'invoice-issued', 'invoice-issued']);
      expect((await settledStatus(customer.id, 3)).balance).toEqual({ amountMinor: '14700', currency: 'EUR' });
    });
  });

  it('bills every missed period of a back-dated start in order, once each, with month-end clamping', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      // The last day of the month five months ago, renewing on the 31st: periods end on the last
      // day of short months and on the 31st of long ones.
      const today = { ...parts(await serverToday()), iso: await serverToday() };
      const start = monthlyBoundary(today.year, today.month, -5, 31);
      const customer = await newCustomer({ startDate: start, billingDay: 31 });

      const origin = parts(start);
      const boundaries = Array.from({ length: 7 }, (_, k) => monthlyBoundary(origin.year, origin.month, k, 31));
      const expected = boundaries
        .slice(0, -1)
        .map((from, k) => ({ start: from, end: boundaries[k + 1]! }))
        .filter((period) => period.end <= today.iso);
      await waitForInvoices(customer.id, expected.length);

      const records = await billingRecordsOf(harness.ctx.db, customer.id);
      expect(records.invoices.map((i) => ({ start: i.periodStart, end: i.periodEnd }))).toEqual(expected);
      const numbers = records.invoices.map((i) => i.number);
      expect([...numbers].sort()).toEqual(numbers);
      expect(new Set(numbers).size).toBe(expected.length);
      expect(records.entries).toHaveLength(expected.length);
      expect(records.emails).toHaveLength(expected.length);
      // Nothing more is billed until the next period ends, and then exactly that period.
      const nextBillAt = Date.parse(`${boundaries[expected.length + 1]}T00:00:00Z`);
      await harness.env.sleep(nextBillAt - (await harness.env.currentTimeMs()) - 3_600_000);
      expect((await billingRecordsOf(harness.ctx.db, customer.id)).invoices).toHaveLength(expected.length);
      await harness.env.sleep('2 hours');
      await waitForInvoices(customer.id, expected.length + 1);
    });
  });

  it('bills a yearly plan on its anniversary, a Feb 29 start renewing on Feb 28 in common years', async () => {
    const yearly = await createPlan(harness.ctx, { name: 'Fibre 100 yearly', amount: 49900, currency: 'EUR', interval: 'year' });
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const today = await serverToday();
      const lastDayOfFebruary = (year: number) => new Date(Date.UTC(year, 2, 0)).getUTCDate();
      let leapYear = Number(today.slice(0, 4)) - 2;
      while (lastDayOfFebruary(leapYear) !== 29) leapYear -= 1;
      const boundaries = Array.from({ length: 6 }, (_, k) => `${leapYear + k}-02-${lastDayOfFebruary(leapYear + k)}`);
      const expected = boundaries
        .slice(0, -1)
        .map((start, k) => ({ start, end: boundaries[k + 1]! }))
        .filter((period) => period.end <= today);

      const customer = await newCustomer({ planId: yearly.id, startDate: `${leapYear}-02-29` });
      await waitForInvoices(customer.id, expected.length);

      const records = await billingRecordsOf(harness.ctx.db, customer.id);
      expect(expected.length).toBeGreaterThanOrEqual(2);
      expect(records.invoices.map((i) => ({ start: i.periodStart, end: i.periodEnd }))).toEqual(expected);
      expect(records.invoices.every((i) => i.totalMinor === 49900n)).toBe(true);
    });
  });

  it('stops billing on cancel, after invoicing the days used in the current period', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const start = await serverToday();
      const customer = await newCustomer({ startDate: start });
      await harness.env.sleep('10 days');
      await cancelSubscription(harness.ctx, customer.id);
      // Polled rather than awaited with result(): waiting on a result lets the test server skip
      // time freely, and this test is about what happens on the day of the cancellation.
      const handle = accountWorkflow(harness.ctx, customer.id);
      await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'));

      const [subscription] = await harness.ctx.db.select().from(subscriptions).where(eq(subscriptions.customerId, customer.id));
      expect(subscription?.status).toBe('cancelled');
      const cancelledOn = subscription!.cancelledOn!;
      const { year, month, day } = parts(start);
      const cycleDays = daysBetweenUtc(start, monthlyBoundary(year, month, 1, day));
      const usedDays = daysBetweenUtc(start, cancelledOn);
      expect(usedDays).toBeGreaterThanOrEqual(9);

      const records = await billingRecordsOf(harness.ctx.db, customer.id);
      expect(records.invoices).toHaveLength(1);
      expect(records.invoices[0]).toMatchObject({ periodStart: start, periodEnd: cancelledOn });
      // 4900 x used / cycle days, rounded half-even to the cent.
      const exact = (4900 * usedDays) / cycleDays;
      const floor = Math.floor(exact);
      const expectedCents = exact - floor === 0.5 ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(exact);
      expect(records.invoices[0]!.totalMinor).toBe(BigInt(expectedCents));

      await harness.env.sleep('70 days');
      expect((await billingRecordsOf(harness.ctx.db, customer.id)).invoices).toHaveLength(1);
      expect((await settledStatus(customer.id, 1)).status).toBe('cancelled');
    });
  });

  it('applies a plan change from the next period, not the current one', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const customer = await newCustomer({ startDate: await serverToday() });
      await harness.env.sleep('5 days');
      await changePlan(harness.ctx, customer.id, business.id);
      await harness.env.sleep('65 days');
      const records = await waitForInvoices(customer.id, 2);
      expect(records.invoices.map((i) => i.totalMinor)).toEqual([4900n, 9900n]);
      const [subscription] = await harness.ctx.db.select().from(subscriptions).where(eq(subscriptions.customerId, customer.id));
      expect(subscription?.planId).toBe(business.id);
      const view = await settledStatus(customer.id, 2);
      expect(view.planId).toBe(business.id);
      expect(view.pendingPlanChange).toBeNull();
    });
  });

  it('continues as new each cycle without losing state or a signal', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const customer = await newCustomer({ startDate: await serverToday() });
      const handle = accountWorkflow(harness.ctx, customer.id);
      const firstRun = (await handle.describe()).runId;
      // Asked for before the first cycle ends; must survive the continue-as-new that follows it.
      await harness.env.sleep('3 days');
      await changePlan(harness.ctx, customer.id, business.id);
      await harness.env.sleep('40 days');
      await waitForInvoices(customer.id, 1);
      const view = await settledStatus(customer.id, 1);

      const described = await handle.describe();
      expect(described.runId).not.toBe(firstRun);
      expect(view.lastInvoice?.total).toEqual({ amountMinor: '4900', currency: 'EUR' });
      expect(view.balance).toEqual({ amountMinor: '4900', currency: 'EUR' });
      expect(view.planId).toBe(business.id);
      expect(view.nextBillDate).not.toBeNull();
    });
  });

  it('yields exactly one invoice, one ledger entry and one email when first attempts fail after their work', async () => {
    const attempts = { issue: 0, email: 0 };
    // Each activity does its real work, then the first attempt fails as if the worker lost the
    // result: Temporal retries, and the retry must find the work done, not do it again.
    const worker = await harness.worker((real) => ({
      async issueRecurringInvoice(input) {
        const result = await real.issueRecurringInvoice(input);
        attempts.issue += 1;
        if (Context.current().info.attempt === 1) throw new Error('lost the result of issueRecurringInvoice');
        return result;
      },
      async emailInvoice(invoiceId) {
        const result = await real.emailInvoice(invoiceId);
        attempts.email += 1;
        if (Context.current().info.attempt === 1) throw new Error('lost the result of emailInvoice');
        return result;
      },
    }));
    await worker.runUntil(async () => {
      const { year, month, day } = parts(await serverToday());
      const start = monthlyBoundary(year, month, -1, day);
      const customer = await newCustomer({ startDate: start });
      await waitForInvoices(customer.id, 1);
      await eventually(async () => expect(attempts.email).toBeGreaterThanOrEqual(2));
      expect((await settledStatus(customer.id, 1)).lastInvoice?.total).toEqual({ amountMinor: '4900', currency: 'EUR' });

      const records = await billingRecordsOf(harness.ctx.db, customer.id);
      expect(attempts.issue).toBeGreaterThanOrEqual(2);
      expect(records.invoices).toHaveLength(1);
      expect(records.entries).toHaveLength(1);
      expect(records.lines.reduce((sum, line) => sum + line.amountMinor, 0n)).toBe(0n);
      expect(records.emails).toHaveLength(1);
      expect(records.emails[0]?.status).toBe('outbox');
    });
  });

  it('waits without billing for a customer set up without a plan, then bills from the subscription start', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const { customer } = await createCustomer(harness.ctx, { name: 'Later Ltd', email: 'later@example.net', currency: 'EUR' });
      const handle = accountWorkflow(harness.ctx, customer.id);
      await eventually(async () => {
        const { status: execution, typedSearchAttributes } = await handle.describe();
        expect(execution.name).toBe('RUNNING');
        expect(typedSearchAttributes.get(AccountStatusAttribute)).toBe('pending');
      });
      await harness.env.sleep('40 days');
      expect((await billingRecordsOf(harness.ctx.db, customer.id)).invoices).toHaveLength(0);

      const { year, month, day } = parts(await serverToday());
      const start = monthlyBoundary(year, month, -1, day);
      await subscribeCustomer(harness.ctx, customer.id, { planId: fibre.id, startDate: start });
      await waitForInvoices(customer.id, 1);
      const view = await settledStatus(customer.id, 1);
      expect(view.status).toBe('active');
      expect(view.lastInvoice).toMatchObject({ periodStart: start, total: { amountMinor: '4900', currency: 'EUR' } });
      await expect(subscribeCustomer(harness.ctx, customer.id, { planId: fibre.id })).rejects.toThrow(/customer is active/);
    });
  });
});

describe('account services refuse bad input, naming the field, and store nothing', () => {
  async function customerCount() {
    return (await harness.ctx.db.select().from(customers)).length;
  }

  it('rejects a customer with a malformed email, a lower-case currency and an impossible start date', async () => {
    const before = await customerCount();
    const error = await createCustomer(harness.ctx, {
      name: ' ',
      email: 'not-an-email',
      currency: 'eur',
      planId: fibre.id,
      startDate: '2026-02-30',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => p.field).sort()).toEqual(['currency', 'email', 'name', 'startDate']);
    expect(await customerCount()).toBe(before);
  });

  it('rejects a plan in another currency than the customer', async () => {
    const before = await customerCount();
    await expect(
      createCustomer(harness.ctx, { name: 'Ada', email: 'ada@example.net', currency: 'USD', planId: fibre.id }),
    ).rejects.toThrow('planId: plan is priced in EUR, the customer is billed in USD');
    expect(await customerCount()).toBe(before);
  });

  it('rejects a plan whose amount is not a whole number of minor units', async () => {
    await expect(createPlan(harness.ctx, { name: 'Odd', amount: 49.5, currency: 'EUR', interval: 'month' })).rejects.toThrow(
      /amount: /,
    );
    await expect(createPlan(harness.ctx, { name: 'Odd', amount: '-100', currency: 'EUR', interval: 'week' })).rejects.toThrow(
      /amount: must not be negative; interval: /,
    );
  });
});
