// Payments: every payment received, newest first, filtered by method, received days and review;
// the ones waiting for staff to review are marked. Each is recorded from a customer's page.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS } from '../../billing/payments/payment-methods.js';
import { listPayments } from '../../server/services/payments/payment-records.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { EmptyState, NextPageLink, PageHeader } from '../ui/page-parts.js';
import { PaymentTable, paymentRow } from '../ui/payment-table.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';

export const meta: MetaFunction = () => [{ title: 'Payments · Uplink' }];

const FILTERS = ['customerId', 'method', 'from', 'to', 'needsReview'] as const;

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const query = queryParams(args.request, [...FILTERS, 'cursor', 'limit']);
  const page = await withQueryErrors(() => listPayments(args.context.services, query));
  return {
    filters: Object.fromEntries(FILTERS.map((name) => [name, query[name] ?? ''])) as Record<(typeof FILTERS)[number], string>,
    nextCursor: page.nextCursor,
    payments: page.items.map(paymentRow),
  };
}

export default function Payments() {
  const { payments, filters, nextCursor } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const filtered = FILTERS.some((name) => filters[name] !== '');
  return (
    <>
      <PageHeader title="Payments" subtitle="Money received: bank transfers, cash and cheques recorded by staff, and card payments. Those marked wait for review." />
      <Form method="get" className="inline-form filters" role="search">
        {filters.customerId ? <input type="hidden" name="customerId" value={filters.customerId} /> : null}
        <label>
          Method
          <select name="method" defaultValue={filters.method}>
            <option value="">Any method</option>
            {PAYMENT_METHODS.map((method) => (
              <option key={method} value={method}>
                {PAYMENT_METHOD_LABELS[method]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Received from
          <input type="date" name="from" defaultValue={filters.from} />
        </label>
        <label>
          to
          <input type="date" name="to" defaultValue={filters.to} />
        </label>
        <label>
          Review
          <select name="needsReview" defaultValue={filters.needsReview}>
            <option value="">All payments</option>
            <option value="true">Needs review</option>
            <option value="false">Nothing to review</option>
          </select>
        </label>
        <button type="submit" className="secondary">
          Filter
        </button>
        {filtered ? <Link to="/staff/payments">Clear</Link> : null}
      </Form>
      {payments.length === 0 ? (
        filtered ? (
          <EmptyState title="No payments match">Change the filters, or clear them.</EmptyState>
        ) : (
          <EmptyState title="No payments yet">
            Open a <Link to="/staff/customers">customer</Link> and choose “Record payment”, or use <code>POST /api/v1/payments</code>.
          </EmptyState>
        )
      ) : (
        <PaymentTable payments={payments} showCustomer />
      )}
      <NextPageLink nextCursor={nextCursor} search={search} />
    </>
  );
}
