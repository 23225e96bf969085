// Items: the catalog of maintenance services and spare parts, and a form to add one.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { money } from '../../billing/money.js';
import { createItem, listItems, revenueAccountChoices } from '../../server/services/catalog/items.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { formatAmount } from '../ui/format.js';
import { EmptyState, FieldError, NextPageLink, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Items · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const url = new URL(args.request.url);
  const page = await listItems(args.context.services, { cursor: url.searchParams.get('cursor') ?? undefined });
  return {
    nextCursor: page.nextCursor,
    accounts: await revenueAccountChoices(args.context.services),
    items: page.items.map((item) => ({
      id: item.id,
      name: item.name,
      kind: item.kind,
      price: formatAmount(money(item.unitPriceMinor, item.currency)),
      taxRate: item.taxRate,
      revenueAccountCode: item.revenueAccountCode,
      active: item.active,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const account = String(form.get('revenueAccountCode') ?? '');
  const result = await withFormErrors(() =>
    createItem(args.context.services, {
      name: form.get('name'),
      kind: form.get('kind'),
      description: String(form.get('description') ?? ''),
      unitPrice: String(form.get('unitPrice') ?? ''),
      currency: String(form.get('currency') ?? '').toUpperCase(),
      taxRate: String(form.get('taxRate') ?? '').trim(),
      // Left on "by kind", the service picks maintenance or parts revenue.
      ...(account === '' ? {} : { revenueAccountCode: account }),
    }),
  );
  if (!result.ok) return result.response;
  return redirectWithNotice(args, '/staff/items', `Item “${result.value.name}” created.`);
}

export default function Items() {
  const { items, accounts, nextCursor } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const { search } = useLocation();
  return (
    <>
      <PageHeader title="Items" subtitle="Maintenance services and spare parts for one-off invoices and quotes." />
      {items.length === 0 ? (
        <EmptyState title="No items yet">Add the first service or spare part below.</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th className="number">Unit price (net)</th>
              <th className="number">Tax</th>
              <th>Revenue account</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={`/staff/items/${item.id}`}>{item.name}</Link>
                </td>
                <td>{item.kind}</td>
                <td className="number">{item.price}</td>
                <td className="number">{`${item.taxRate}%`}</td>
                <td>{item.revenueAccountCode}</td>
                <td>{item.active ? 'active' : 'inactive'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPageLink nextCursor={nextCursor} search={search} />

      <section className="panel">
        <h2>New item</h2>
        <Form method="post" className="stacked-form">
          <CsrfField />
          <label>
            Name
            <input name="name" required maxLength={120} />
          </label>
          <FieldError errors={errors} field="name" />
          <label>
            Kind
            <select name="kind" defaultValue="service">
              <option value="service">service</option>
              <option value="part">spare part</option>
            </select>
          </label>
          <FieldError errors={errors} field="kind" />
          <label>
            Description (optional)
            <textarea name="description" maxLength={2000} />
          </label>
          <FieldError errors={errors} field="description" />
          <label>
            Unit price in minor units (cents), tax exclusive
            <input name="unitPrice" inputMode="numeric" required placeholder="8500" />
          </label>
          <FieldError errors={errors} field="unitPrice" />
          <label>
            Currency
            <input name="currency" required maxLength={3} placeholder="EUR" />
          </label>
          <FieldError errors={errors} field="currency" />
          <label>
            Tax rate in percent
            <input name="taxRate" inputMode="decimal" required placeholder="21" />
          </label>
          <FieldError errors={errors} field="taxRate" />
          <label>
            Revenue account
            <select name="revenueAccountCode" defaultValue="">
              <option value="">by kind (services 4200, parts 4300)</option>
              {accounts.map((account) => (
                <option key={account.code} value={account.code}>
                  {account.code} {account.name}
                </option>
              ))}
            </select>
          </label>
          <FieldError errors={errors} field="revenueAccountCode" />
          <button type="submit">Create item</button>
        </Form>
      </section>
    </>
  );
}
