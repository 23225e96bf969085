// Plans: the catalogue of recurring prices, and a form to add one.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { money } from '../../billing/money.js';
import { createPlan, listPlans } from '../../server/services/subscriptions/plans.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { formatAmount } from '../ui/format.js';
import { EmptyState, FieldError, NextPageLink, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Plans · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const url = new URL(args.request.url);
  const page = await listPlans(args.context.services, { cursor: url.searchParams.get('cursor') ?? undefined });
  return {
    nextCursor: page.nextCursor,
    plans: page.items.map((plan) => ({
      id: plan.id,
      name: plan.name,
      price: formatAmount(money(plan.amountMinor, plan.currency)),
      interval: plan.interval,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const result = await withFormErrors(() =>
    createPlan(args.context.services, {
      name: form.get('name'),
      amount: String(form.get('amount') ?? ''),
      currency: String(form.get('currency') ?? '').toUpperCase(),
      interval: form.get('interval'),
    }),
  );
  if (!result.ok) return result.response;
  return redirectWithNotice(args, '/staff/plans', `Plan “${result.value.name}” created.`);
}

export default function Plans() {
  const { plans, nextCursor } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const { search } = useLocation();
  return (
    <>
      <PageHeader title="Plans" subtitle="Recurring prices customers subscribe to." />
      {plans.length === 0 ? (
        <EmptyState title="No plans yet">Create the first one below; customers can then be put on it.</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th className="number">Price</th>
              <th>Billed every</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => (
              <tr key={plan.id}>
                <td>
                  <Link to={`/staff/plans/${plan.id}`}>{plan.name}</Link>
                </td>
                <td className="number">{plan.price}</td>
                <td>{plan.interval}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPageLink nextCursor={nextCursor} search={search} />

      <section className="panel">
        <h2>New plan</h2>
        <Form method="post" className="stacked-form">
          <CsrfField />
          <label>
            Name
            <input name="name" required maxLength={120} />
          </label>
          <FieldError errors={errors} field="name" />
          <label>
            Price in minor units (cents)
            <input name="amount" inputMode="numeric" pattern="\d+" required placeholder="4900" />
          </label>
          <FieldError errors={errors} field="amount" />
          <label>
            Currency
            <input name="currency" required maxLength={3} placeholder="EUR" />
          </label>
          <FieldError errors={errors} field="currency" />
          <label>
            Billed every
            <select name="interval" defaultValue="month">
              <option value="month">month</option>
              <option value="year">year</option>
            </select>
          </label>
          <FieldError errors={errors} field="interval" />
          <button type="submit">Create plan</button>
        </Form>
      </section>
    </>
  );
}
