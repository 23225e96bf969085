// Adding a customer: stored, put on a plan (or left pending to subscribe later) and given its
// account workflow, which at once bills every period already completed since a past start date.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { createCustomer } from '../../server/services/customers/customers.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { optionalField, optionalWholeNumber } from '../ui/form-fields.server.js';
import { PageHeader, FieldError } from '../ui/page-parts.js';
import { planOptions } from '../ui/plan-options.server.js';
import { PlanSelect } from '../ui/plan-select.js';

export const meta: MetaFunction = () => [{ title: 'New customer · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  return { plans: await planOptions(args.context.services) };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const result = await withFormErrors(() =>
    createCustomer(args.context.services, {
      name: form.get('name'),
      email: String(form.get('email') ?? '').trim(),
      currency: String(form.get('currency') ?? '').trim().toUpperCase(),
      planId: optionalField(form, 'planId'),
      startDate: optionalField(form, 'startDate'),
      billingDay: optionalWholeNumber(form, 'billingDay'),
    }),
  );
  if (!result.ok) return result.response;
  const { customer, subscription } = result.value;
  const notice = subscription
    ? `Customer “${customer.name}” created and subscribed; completed periods since the start date are being invoiced.`
    : `Customer “${customer.name}” created. Start a subscription when they are ready to be billed.`;
  return redirectWithNotice(args, `/staff/customers/${customer.id}`, notice);
}

export default function NewCustomer() {
  const { plans } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  return (
    <>
      <PageHeader title="New customer" subtitle={<Link to="/staff/customers">← All customers</Link>} />
      <section className="panel">
        <Form method="post" className="stacked-form">
          <CsrfField />
          <label>
            Name
            <input name="name" required maxLength={200} autoComplete="off" />
          </label>
          <FieldError errors={errors} field="name" />
          <label>
            Email address (invoices are sent here)
            <input name="email" type="email" required autoComplete="off" />
          </label>
          <FieldError errors={errors} field="email" />
          <label>
            Billing currency
            <input name="currency" required maxLength={3} placeholder="EUR" />
          </label>
          <FieldError errors={errors} field="currency" />
          <label>
            Plan
            <PlanSelect plans={plans} emptyLabel="No plan yet: set up now, subscribe later" />
          </label>
          <p className="hint">The plan must be priced in the customer&apos;s billing currency.</p>
          <FieldError errors={errors} field="planId" />
          <label>
            Start date (optional; today if empty)
            <input name="startDate" type="date" />
          </label>
          <p className="hint">A date in the past bills every period completed since then, straight away.</p>
          <FieldError errors={errors} field="startDate" />
          <label>
            Billing day of the month (optional; the start date&apos;s day if empty)
            <input name="billingDay" type="number" min={1} max={31} inputMode="numeric" />
          </label>
          <FieldError errors={errors} field="billingDay" />
          <FieldError errors={errors} field="form" />
          <button type="submit">Create customer</button>
        </Form>
      </section>
    </>
  );
}
