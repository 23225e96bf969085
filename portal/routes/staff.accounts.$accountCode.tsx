// One account, editable: its name always, its type only while nothing is booked on it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ACCOUNT_TYPES, getAccount, updateAccount } from '../../server/services/books/accounts.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { formatAmount } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { FieldError, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.account.code ?? 'Account'} ${data?.account.name ?? ''} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const account = await notFoundAs404(() => getAccount(args.context.services, args.params.accountCode ?? ''));
  return { account: { code: account.code, name: account.name, type: account.type, balances: account.balances.map(formatAmount) } };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const code = args.params.accountCode ?? '';
  const result = await withFormErrors(async () => {
    const account = await getAccount(args.context.services, code);
    // The form always sends the type; only a different one is a change, which may be refused.
    const type = form.get('type');
    return updateAccount(args.context.services, code, { name: form.get('name'), ...(type === account.type ? {} : { type }) });
  });
  if (!result.ok) return result.response;
  return redirectWithNotice(args, '/staff/accounts', `Account ${result.value.code} “${result.value.name}” saved.`);
}

export default function EditAccount() {
  const { account } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  return (
    <>
      <PageHeader title={`${account.code} ${account.name}`} subtitle={<Link to="/staff/accounts">← All accounts</Link>} />
      <section className="panel">
        <p>Balance: {account.balances.length === 0 ? 'nothing posted yet' : account.balances.join(', ')}</p>
        <Form method="post" className="stacked-form">
          <CsrfField />
          <label>
            Name
            <input name="name" required maxLength={120} defaultValue={account.name} />
          </label>
          <FieldError errors={errors} field="name" />
          <label>
            Type
            <select name="type" defaultValue={account.type}>
              {ACCOUNT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
          <FieldError errors={errors} field="type" />
          <p className="hint">The type cannot change once anything is posted to the account, nor for the accounts the ledger itself uses.</p>
          <FieldError errors={errors} field="form" />
          <button type="submit">Save account</button>
        </Form>
      </section>
    </>
  );
}
