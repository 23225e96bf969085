// One plan, editable. A new price applies to every period invoiced from now on.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { getPlan, updatePlan } from '../../server/services/subscriptions/plans.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { FieldError, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.plan.name ?? 'Plan'} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const plan = await notFoundAs404(() => getPlan(args.context.services, args.params.planId ?? ''));
  return { plan: { id: plan.id, name: plan.name, amount: plan.amountMinor.toString(), currency: plan.currency, interval: plan.interval } };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const result = await withFormErrors(() =>
    updatePlan(args.context.services, args.params.planId ?? '', {
      name: form.get('name'),
      amount: String(form.get('amount') ?? ''),
    }),
  );
  if (!result.ok) return result.response;
  return redirectWithNotice(args, '/staff/plans', `Plan “${result.value.name}” saved.`);
}

export default function EditPlan() {
  const { plan } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  return (
    <>
      <PageHeader title={plan.name} subtitle={<Link to="/staff/plans">← All plans</Link>} />
      <section className="panel">
        <Form method="post" className="stacked-form">
          <CsrfField />
          <label>
            Name
            <input name="name" required maxLength={120} defaultValue={plan.name} />
          </label>
          <FieldError errors={errors} field="name" />
          <label>
            Price in minor units ({plan.currency}, per {plan.interval})
            <input name="amount" inputMode="numeric" pattern="\d+" required defaultValue={plan.amount} />
          </label>
          <FieldError errors={errors} field="amount" />
          <p className="hint">A new price applies to every period invoiced from now on, for all customers on this plan.</p>
          <FieldError errors={errors} field="form" />
          <button type="submit">Save plan</button>
        </Form>
      </section>
    </>
  );
}
