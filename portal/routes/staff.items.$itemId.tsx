// One catalog item, editable. Changes apply to lines written from now on; the currency is fixed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { getItem, revenueAccountChoices, updateItem } from '../../server/services/catalog/items.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { FieldError, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.item.name ?? 'Item'} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const item = await notFoundAs404(() => getItem(args.context.services, args.params.itemId ?? ''));
  return {
    accounts: await revenueAccountChoices(args.context.services),
    item: {
      id: item.id,
      name: item.name,
      kind: item.kind,
      description: item.description ?? '',
      unitPrice: item.unitPriceMinor.toString(),
      currency: item.currency,
      taxRate: item.taxRate,
      revenueAccountCode: item.revenueAccountCode,
      active: item.active,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const result = await withFormErrors(() =>
    updateItem(args.context.services, args.params.itemId ?? '', {
      name: form.get('name'),
      description: String(form.get('description') ?? ''),
      unitPrice: String(form.get('unitPrice') ?? ''),
      taxRate: String(form.get('taxRate') ?? '').trim(),
      revenueAccountCode: String(form.get('revenueAccountCode') ?? ''),
      active: form.get('active') === 'on',
    }),
  );
  if (!result.ok) return result.response;
  return redirectWithNotice(args, '/staff/items', `Item “${result.value.name}” saved.`);
}

export default function EditItem() {
  const { item, accounts } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  return (
    <>
      <PageHeader title={item.name} subtitle={<Link to="/staff/items">← All items</Link>} />
      <section className="panel">
        <Form method="post" className="stacked-form">
          <CsrfField />
          <p>{`${item.kind === 'service' ? 'Service' : 'Spare part'}, priced in ${item.currency}.`}</p>
          <label>
            Name
            <input name="name" required maxLength={120} defaultValue={item.name} />
          </label>
          <FieldError errors={errors} field="name" />
          <label>
            Description (optional)
            <textarea name="description" maxLength={2000} defaultValue={item.description} />
          </label>
          <FieldError errors={errors} field="description" />
          <label>
            {`Unit price in minor units (${item.currency}), tax exclusive`}
            <input name="unitPrice" inputMode="numeric" required defaultValue={item.unitPrice} />
          </label>
          <FieldError errors={errors} field="unitPrice" />
          <label>
            Tax rate in percent
            <input name="taxRate" inputMode="decimal" required defaultValue={item.taxRate} />
          </label>
          <FieldError errors={errors} field="taxRate" />
          <label>
            Revenue account
            <select name="revenueAccountCode" defaultValue={item.revenueAccountCode}>
              {accounts.map((account) => (
                <option key={account.code} value={account.code}>
                  {account.code} {account.name}
                </option>
              ))}
            </select>
          </label>
          <FieldError errors={errors} field="revenueAccountCode" />
          <label>
            <input type="checkbox" name="active" defaultChecked={item.active} /> Offered on new invoices and quotes
          </label>
          <p className="hint">Changes apply to invoices and quotes written from now on; those already issued keep what they billed.</p>
          <FieldError errors={errors} field="form" />
          <button type="submit">Save item</button>
        </Form>
      </section>
    </>
  );
}
