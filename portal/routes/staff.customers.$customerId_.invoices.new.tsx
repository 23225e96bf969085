// A one-off invoice for one customer: item lines (from the active items in the customer's
// currency, with optional overrides of price, description and tax rate). Issued at once: numbered,
// booked and emailed. A refused form comes back with what was typed and each error under its field.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { money } from '../../billing/money.js';
import { getCustomerRecord } from '../../server/services/customers/customer-directory.js';
import { ValidationError } from '../../server/services/errors.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { quotableItems } from '../../server/services/quotes/quotes.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { optionalField } from '../ui/form-fields.server.js';
import { formatAmount } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { EmptyState, FieldError, PageHeader } from '../ui/page-parts.js';
import { MIN_ROWS, errorsOnRows, readFormLines } from '../ui/quote-lines-form.server.js';
import { QuoteLinesFields } from '../ui/quote-lines-form.js';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `New one-off invoice for ${loaded?.customer.name ?? 'customer'} · Uplink` }];

const emptyRow = { itemId: '', quantity: '', unitAmountMinor: '', description: '', taxRate: '' };

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const ctx = args.context.services;
  const customer = await notFoundAs404(() => getCustomerRecord(ctx, args.params.customerId ?? ''));
  const items = await quotableItems(ctx, customer.currency);
  return {
    customer: { id: customer.id, name: customer.name, email: customer.email, currency: customer.currency },
    items: items.map((item) => ({
      id: item.id,
      label: `${item.name} — ${formatAmount(money(item.unitPriceMinor, item.currency))} + ${item.taxRate}% tax`,
    })),
    defaults: { issueDate: '', rows: Array.from({ length: MIN_ROWS }, () => emptyRow) },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const ctx = args.context.services;
  const customer = await notFoundAs404(() => getCustomerRecord(ctx, args.params.customerId ?? ''));
  const { lines, rowOfLine, rows } = readFormLines(form);
  const issueDate = optionalField(form, 'issueDate');
  try {
    const { invoice } = await createOneOffInvoice(ctx, { customerId: customer.id, lines, ...(issueDate ? { issueDate } : {}) });
    return redirectWithNotice(args, `/staff/invoices/${invoice.id}`, `Invoice ${invoice.number} issued and emailed to ${customer.email}.`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors = errorsOnRows(Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message])), rowOfLine);
    return data({ errors, values: { issueDate: issueDate ?? '', rows } }, { status: 422 });
  }
}

export default function NewOneOffInvoice() {
  const { customer, items, defaults } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const values = refused?.values ?? defaults;
  const errors = refused?.errors;
  const submitting = useNavigation().state === 'submitting';
  return (
    <>
      <PageHeader
        title="New one-off invoice"
        subtitle={
          <>
            <Link to={`/staff/customers/${customer.id}`}>← {customer.name}</Link> · billed in {customer.currency}
          </>
        }
      />
      {items.length === 0 ? (
        <EmptyState title={`No active items in ${customer.currency}`}>
          Add the services and parts to invoice under <Link to="/staff/items">Items</Link> first.
        </EmptyState>
      ) : (
        <Form method="post" className="stacked-form quote-form">
          <CsrfField />
          <p className="hint">The invoice is numbered, booked and emailed to {customer.email} as soon as you issue it.</p>
          <QuoteLinesFields items={items} rows={values.rows} errors={errors} />
          <label>
            Issue date (optional, today when empty)
            <input type="date" name="issueDate" defaultValue={values.issueDate} />
          </label>
          <FieldError errors={errors} field="issueDate" />
          {/* Disabled while the request is on its way, so a double click cannot issue it twice. */}
          <button type="submit" disabled={submitting}>
            Issue invoice
          </button>
        </Form>
      )}
    </>
  );
}
