// Read side of customers for staff screens, the API and the CLI: search, list and one account's
// details, with the balance taken from the ledger and the next bill date from the subscription.
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { compareIsoDate, type IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import { cycleContaining, type BillingAnchor, type BillingInterval } from '../../../billing/periods.js';
import { receivableLinesOf } from '../../../db/records/receivables.js';
import { customers, journalLines, plans, subscriptions } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';
import { today } from '../subscriptions/subscriptions.js';

export const customerListQuerySchema = pageQuerySchema.extend({
  /** Matches a part of the name or email, ignoring case. */
  search: z.string().trim().max(200).optional(),
  status: z.enum(['pending', 'active', 'cancelled']).optional(),
});

export interface SubscriptionView {
  id: string;
  planId: string;
  planName: string;
  planAmount: Money;
  interval: BillingInterval;
  /** The day (and month, for yearly plans) periods renew on. */
  anchor: BillingAnchor;
  startDate: IsoDate;
  status: 'active' | 'cancelled';
  cancelledOn: IsoDate | null;
}

export interface CustomerSummary {
  id: string;
  name: string;
  email: string;
  currency: string;
  status: 'pending' | 'active' | 'cancelled';
  balance: Money;
  /** When the current period is invoiced; null without an active subscription. */
  nextBillDate: IsoDate | null;
  createdAt: Date;
  subscription: SubscriptionView | null;
  /** The customer's own payment terms in days; null: the company default. */
  paymentTermsDays: number | null;
}

const balanceOf = sql<string>`coalesce((
  select sum(${journalLines.amountMinor}) from ${journalLines}
  where ${receivableLinesOf(customers.id, customers.currency)}
), 0)::text`;

const customerColumns = {
  customer: customers,
  createdAtKey: sql<string>`${customers.createdAt}::text`,
  balance: balanceOf,
  subscription: subscriptions,
  plan: plans,
};

type CustomerRow = {
  customer: typeof customers.$inferSelect;
  createdAtKey: string;
  balance: string;
  subscription: typeof subscriptions.$inferSelect | null;
  plan: typeof plans.$inferSelect | null;
};

function selectCustomers(ctx: ServiceContext) {
  // The customer's latest subscription: the active one, or the one that ended last.
  return ctx.db
    .select(customerColumns)
    .from(customers)
    .leftJoin(
      subscriptions,
      eq(
        subscriptions.id,
        sql`(select s.id from ${subscriptions} s where s.customer_id = ${customers.id}
             order by (s.status = 'active') desc, s.created_at desc limit 1)`,
      ),
    )
    .leftJoin(plans, eq(plans.id, subscriptions.planId));
}

function nextBillDate(subscription: SubscriptionView | null, on: IsoDate): IsoDate | null {
  if (!subscription || subscription.status !== 'active') return null;
  const from = compareIsoDate(subscription.startDate, on) > 0 ? subscription.startDate : on;
  return cycleContaining(from, subscription.interval, subscription.anchor).end;
}

function toSummary(row: CustomerRow): CustomerSummary {
  const { customer, subscription, plan } = row;
  let view: SubscriptionView | null = null;
  if (subscription && plan) {
    view = {
      id: subscription.id,
      planId: plan.id,
      planName: plan.name,
      planAmount: money(plan.amountMinor, plan.currency),
      interval: plan.interval,
      startDate: subscription.startDate as IsoDate,
      status: subscription.status,
      cancelledOn: subscription.cancelledOn as IsoDate | null,
      anchor: {
        day: subscription.anchorDay,
        ...(subscription.anchorMonth === null ? {} : { month: subscription.anchorMonth }),
      },
    };
  }
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    currency: customer.currency,
    status: customer.status,
    balance: money(row.balance, customer.currency),
    nextBillDate: nextBillDate(view, today()),
    createdAt: customer.createdAt,
    subscription: view,
    paymentTermsDays: customer.paymentTermsDays,
  };
}

/** Newest customers first, optionally filtered by a search text and a status. */
export async function listCustomers(ctx: ServiceContext, query: z.input<typeof customerListQuerySchema>): Promise<Page<CustomerSummary>> {
  const { limit, cursor, search, status } = customerListQuerySchema.parse(query);
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const conditions: (SQL | undefined)[] = [
    search ? or(ilike(customers.name, `%${escapeLike(search)}%`), ilike(customers.email, `%${escapeLike(search)}%`)) : undefined,
    status ? eq(customers.status, status) : undefined,
    after ? sql`(${customers.createdAt}, ${customers.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined,
  ];
  const rows = await selectCustomers(ctx)
    .where(and(...conditions))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.createdAtKey, id: row.customer.id }), toSummary);
}

export async function getCustomer(ctx: ServiceContext, customerId: string): Promise<CustomerSummary> {
  const rows = z.uuid().safeParse(customerId).success
    ? await selectCustomers(ctx).where(eq(customers.id, customerId))
    : [];
  const [row] = rows;
  if (!row) throw new NotFoundError('customer', customerId);
  return toSummary(row);
}

/** The stored customer record, or a NotFoundError naming the id. */
export async function getCustomerRecord(ctx: ServiceContext, customerId: string): Promise<typeof customers.$inferSelect> {
  const [found] = z.uuid().safeParse(customerId).success
    ? await ctx.db.select().from(customers).where(eq(customers.id, customerId))
    : [];
  if (!found) throw new NotFoundError('customer', customerId);
  return found;
}

export async function assertCustomerExists(ctx: ServiceContext, customerId: string): Promise<void> {
  await getCustomerRecord(ctx, customerId);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
