import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { and, asc, eq } from 'drizzle-orm';
import { isoDateParts } from '../billing/calendar.js';
import { invoiceTotal, planChargeLine } from '../billing/invoice-lines.js';
import { invoiceBooksNothing, invoicePosting } from '../billing/ledger.js';
import { money, toWire } from '../billing/money.js';
import type { ChargeablePeriod } from '../billing/periods.js';
import { earliestDay, ratePeriodUsage } from '../billing/rating/period-usage.js';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { customers, invoiceLines, invoices, plans, ratedUsage } from '../db/schema.js';
import type { InvoiceSummary, IssuedInvoice, IssueRecurringInvoiceInput } from './account-types.js';
import { customerBalance } from '../db/records/receivables.js';
import type { Transaction } from '../db/records/transaction.js';
import { nextInvoiceNumber } from '../db/records/document-numbers.js';
import { postJournalEntry } from '../db/records/journal-entries.js';
import { customerDueDate } from '../db/records/payment-terms.js';
import { applyCustomerCredit } from '../db/records/payments.js';
import { claimReadings, lockCustomerMeters, ratedUsageSince, ratesInForce, unbilledConsumption } from './usage/usage-inputs.js';

const ONE_PER_PERIOD = 'invoices_one_per_customer_period';

/**
 * Issues the invoice for one period of a subscription and books it, in one transaction.
 * Idempotent per customer and period: a retry, a second worker or a replayed workflow gets the
 * invoice that already exists instead of a second one.
 */
export async function issueRecurringInvoice(db: Database, input: IssueRecurringInvoiceInput): Promise<IssuedInvoice> {
  const summary = (await findIssued(db, input)) ?? (await issueOrFindConcurrent(db, input));
  const balance = await customerBalance(db, input.customerId, summary.total.currency);
  return { invoice: summary, balance: toWire(balance) };
}

async function issueOrFindConcurrent(db: Database, input: IssueRecurringInvoiceInput): Promise<InvoiceSummary> {
  try {
    return await issue(db, input);
  } catch (error) {
    // Another attempt won the race and committed first: the unique index turned us away, and
    // our transaction (with its invoice number) rolled back. Theirs is the invoice.
    if (!isUniqueViolation(error, ONE_PER_PERIOD)) throw error;
    const existing = await findIssued(db, input);
    if (!existing) throw error;
    return existing;
  }
}

async function issue(db: Database, input: IssueRecurringInvoiceInput): Promise<InvoiceSummary> {
  const { customerId, period } = input;
  return db.transaction(async (tx) => {
    // A share lock: rate assignments lock the customer to check which days are invoiced.
    const [customer] = await tx.select().from(customers).where(eq(customers.id, customerId)).for('share');
    const [plan] = await tx.select().from(plans).where(eq(plans.id, input.planId));
    if (!customer) throw ApplicationFailure.nonRetryable(`customer ${customerId} does not exist`, 'NotFound');
    if (!plan) throw ApplicationFailure.nonRetryable(`plan ${input.planId} does not exist`, 'NotFound');
    if (plan.currency !== customer.currency) {
      throw ApplicationFailure.nonRetryable(
        `plan ${plan.id} is priced in ${plan.currency} but customer ${customerId} is billed in ${customer.currency}`,
        'CurrencyMismatch',
      );
    }

    // The id is chosen here so the readings can be marked billed before the invoice number is
    // taken: the year's number series is locked from then to commit, and every issuing waits
    // on it, so it is held as briefly as possible (the foreign keys check at commit).
    const invoiceId = randomUUID();
    const usage = await rateUsage(tx, customerId, customer.currency, period);
    if (usage.records.length > 0) {
      await tx.insert(ratedUsage).values(usage.records.map((record) => ({ ...record, invoiceId, customerId })));
    }
    await claimReadings(tx, usage.meterIds, period.end, invoiceId);
    const lines = [
      planChargeLine(
        { name: plan.name, amount: money(plan.amountMinor, plan.currency), revenueAccountCode: plan.revenueAccountCode },
        period,
      ),
      ...usage.lines,
    ];
    const total = invoiceTotal(lines, customer.currency);
    // An invoice is issued on the day its period ends: retries and late catch-up runs give the
    // same date, and the books place the revenue in the period it was earned.
    const issueDate = period.end;
    const number = await nextInvoiceNumber(tx, isoDateParts(issueDate).year);

    const [invoice] = await tx
      .insert(invoices)
      .values({
        id: invoiceId,
        number,
        customerId,
        subscriptionId: input.subscriptionId,
        kind: 'recurring',
        periodStart: period.start,
        periodEnd: period.end,
        issueDate,
        dueDate: await customerDueDate(tx, customerId, issueDate),
        currency: customer.currency,
        totalMinor: total.amountMinor,
      })
      .returning({ id: invoices.id });
    if (!invoice) throw new Error(`invoice ${number} was not stored`);

    await tx.insert(invoiceLines).values(
      lines.map((line, position) => ({
        invoiceId: invoice.id,
        position,
        kind: line.kind,
        description: line.description,
        quantity: line.quantity,
        unit: line.unit,
        unitAmountMinor: line.unitAmount?.amountMinor ?? null,
        unitAmountDecimal: line.unitAmountDecimal,
        amountMinor: line.amount.amountMinor,
        detail: line.detail ?? null,
        revenueAccountCode: line.revenueAccountCode,
        periodStart: line.periodStart,
        periodEnd: line.periodEnd,
      })),
    );
    if (!invoiceBooksNothing(lines)) {
      const posting = invoicePosting({ customerId, invoiceNumber: number, lines });
      await postJournalEntry(tx, posting, { type: 'invoice', id: invoice.id }, issueDate);
    }
    // Credit the customer holds (an overpayment, a credit note beyond its invoice) pays it at once.
    await applyCustomerCredit(tx, customerId, customer.currency, issueDate);

    return { invoiceId: invoice.id, number, periodStart: period.start, periodEnd: period.end, total: toWire(total) };
  });
}

/**
 * The period's consumption and any late readings, rated inside the issuing transaction: the
 * readings it sums are the ones it marks billed, under a lock on the customer's meters.
 */
async function rateUsage(tx: Transaction, customerId: string, currency: string, period: ChargeablePeriod) {
  const meters = await lockCustomerMeters(tx, customerId);
  const meterIds = meters.map((meter) => meter.id);
  const consumption = await unbilledConsumption(tx, meterIds, period.end);
  const rated = ratePeriodUsage({
    period,
    currency,
    meters,
    consumption,
    rates: await ratesInForce(tx, customerId, period.start, period.end),
    billedBefore: await ratedUsageSince(tx, customerId, earliestDay(consumption, period.start)),
  });
  return { ...rated, meterIds };
}

async function findIssued(db: Database, input: IssueRecurringInvoiceInput): Promise<InvoiceSummary | undefined> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.customerId, input.customerId),
        eq(invoices.kind, 'recurring'),
        eq(invoices.periodStart, input.period.start),
      ),
    )
    .orderBy(asc(invoices.createdAt));
  if (!row) return undefined;
  return {
    invoiceId: row.id,
    number: row.number,
    periodStart: row.periodStart ?? input.period.start,
    periodEnd: row.periodEnd ?? input.period.end,
    total: toWire(money(row.totalMinor, row.currency)),
  };
}
