// The chart of accounts with what has been posted to each, and a form to add an account.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ACCOUNT_TYPES, createAccount, listAccounts } from '../../server/services/books/accounts.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { formatAmount } from '../ui/format.js';
import { FieldError, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Accounts · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const accounts = await listAccounts(args.context.services);
  return {
    accounts: accounts.map((account) => ({
      code: account.code,
      name: account.name,
      type: account.type,
      balances: account.balances.map(formatAmount),
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const result = await withFormErrors(() =>
    createAccount(args.context.services, { code: form.get('code'), name: form.get('name'), type: form.get('type') }),
  );
  if (!result.ok) return result.response;
  return redirectWithNotice(args, '/staff/accounts', `Account ${result.value.code} “${result.value.name}” created.`);
}

export default function Accounts() {
  const { accounts } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  return (
    <>
      <PageHeader title="Accounts" subtitle="The chart of accounts the books post to. Balances: debits positive, credits negative." />
      <table className="table">
        <thead>
          <tr>
            <th>Code</th>
            <th>Name</th>
            <th>Type</th>
            <th className="number">Balance</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.code}>
              <td>
                <Link to={`/staff/accounts/${account.code}`}>{account.code}</Link>
              </td>
              <td>{account.name}</td>
              <td>{account.type}</td>
              <td className="number">{account.balances.length === 0 ? '—' : account.balances.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="panel">
        <h2>New account</h2>
        <Form method="post" className="stacked-form">
          <CsrfField />
          <label>
            Code (3 to 6 digits; it never changes)
            <input name="code" required inputMode="numeric" pattern="\d{3,6}" placeholder="4400" />
          </label>
          <FieldError errors={errors} field="code" />
          <label>
            Name
            <input name="name" required maxLength={120} />
          </label>
          <FieldError errors={errors} field="name" />
          <label>
            Type
            <select name="type" defaultValue="income">
              {ACCOUNT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
          <FieldError errors={errors} field="type" />
          <button type="submit">Create account</button>
        </Form>
      </section>
    </>
  );
}
