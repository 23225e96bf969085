// A new quote for one customer: item lines (from the active items in the customer's currency,
// with optional overrides), a validity and a note. A refused form comes back with what was typed
// and each error under its field; it is stored as a draft, or created and sent at once.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { money } from '../../billing/money.js';
import { validUntilFor } from '../../billing/quotes/quote-timing.js';
import { getCustomerRecord } from '../../server/services/customers/customer-directory.js';
import { ValidationError } from '../../server/services/errors.js';
import { createQuote, quotableItems, sendQuote } from '../../server/services/quotes/quotes.js';
import { today } from '../../server/services/subscriptions/subscriptions.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { optionalField } from '../ui/form-fields.server.js';
import { formatAmount } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { EmptyState, FieldError, PageHeader } from '../ui/page-parts.js';
import { MIN_ROWS, errorsOnRows, readFormLines } from '../ui/quote-lines-form.server.js';
import { QuoteLinesFields } from '../ui/quote-lines-form.js';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `New quote for ${loaded?.customer.name ?? 'customer'} · Uplink` }];

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
    defaults: { validUntil: validUntilFor(today()), note: '', rows: Array.from({ length: MIN_ROWS }, () => emptyRow) },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const ctx = args.context.services;
  const customer = await notFoundAs404(() => getCustomerRecord(ctx, args.params.customerId ?? ''));
  const { lines, rowOfLine, rows } = readFormLines(form);
  const validUntil = optionalField(form, 'validUntil');
  const note = optionalField(form, 'note');
  try {
    const quote = await createQuote(ctx, { customerId: customer.id, lines, ...(validUntil ? { validUntil } : {}), note: note ?? null });
    if (form.get('intent') === 'send') {
      await sendQuote(ctx, quote.id);
      return redirectWithNotice(args, `/staff/quotes/${quote.id}`, `Quote ${quote.number} created and sent to ${customer.email}.`);
    }
    return redirectWithNotice(args, `/staff/quotes/${quote.id}`, `Quote ${quote.number} saved as a draft; send it when it is ready.`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors = errorsOnRows(Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message])), rowOfLine);
    return data({ errors, values: { validUntil: validUntil ?? '', note: note ?? '', rows } }, { status: 422 });
  }
}

export default function NewQuote() {
  const { customer, items, defaults } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const values = refused?.values ?? defaults;
  const errors = refused?.errors;
  // Disabled while the request is on its way, so a double click cannot make two quotes.
  const submitting = useNavigation().state === 'submitting';
  return (
    <>
      <PageHeader
        title="New quote"
        subtitle={
          <>
            <Link to={`/staff/customers/${customer.id}`}>← {customer.name}</Link> · billed in {customer.currency}
          </>
        }
      />
      {items.length === 0 ? (
        <EmptyState title={`No active items in ${customer.currency}`}>
          Add the services and parts to quote under <Link to="/staff/items">Items</Link> first.
        </EmptyState>
      ) : (
        <Form method="post" className="stacked-form quote-form">
          <CsrfField />
          {errors?.customerId ? <FieldError errors={errors} field="customerId" /> : null}
          <QuoteLinesFields items={items} rows={values.rows} errors={errors} />
          <label>
            Valid until (the last day the customer can accept)
            <input type="date" name="validUntil" defaultValue={values.validUntil} />
          </label>
          <FieldError errors={errors} field="validUntil" />
          <label>
            Note for the customer (optional)
            <textarea name="note" defaultValue={values.note} maxLength={2000} />
          </label>
          <FieldError errors={errors} field="note" />
          <div className="inline-form">
            <button type="submit" name="intent" value="draft" className="secondary" disabled={submitting}>
              Save as draft
            </button>
            <button type="submit" name="intent" value="send" disabled={submitting}>
              Create and send
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
