// Cancelling a subscription, behind a confirm page (works without JavaScript): the days used in
// the current period are invoiced today, then the account stops being billed.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { getCustomer } from '../../server/services/customers/customer-directory.js';
import { cancelSubscription } from '../../server/services/subscriptions/subscription-changes.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { FieldError, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Cancel ${data?.customer.name ?? 'subscription'} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const customer = await notFoundAs404(() => getCustomer(args.context.services, args.params.customerId ?? ''));
  const subscription = customer.subscription?.status === 'active' ? customer.subscription : null;
  return {
    customer: { id: customer.id, name: customer.name, balance: formatAmount(customer.balance) },
    subscription: subscription && {
      plan: subscription.planName,
      nextBillDate: formatDate(customer.nextBillDate),
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const customerId = args.params.customerId ?? '';
  if (form.get('confirm') !== 'yes') {
    return data({ errors: { confirm: 'Tick the box to confirm that the final period is billed today.' } as Record<string, string> }, { status: 422 });
  }
  const result = await withFormErrors(() => cancelSubscription(args.context.services, customerId));
  if (!result.ok) return result.response;
  return redirectWithNotice(
    args,
    `/staff/customers/${customerId}`,
    `Cancelled from ${result.value.cancelledOn}: the days used in the current period are being invoiced, then billing stops.`,
  );
}

export default function CancelSubscription() {
  const { customer, subscription } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const back = `/staff/customers/${customer.id}`;
  return (
    <>
      <PageHeader title={`Cancel ${customer.name}’s subscription`} subtitle={<Link to={back}>← Back to the customer</Link>} />
      <section className="panel">
        {subscription ? (
          <Form method="post" className="stacked-form">
            <CsrfField />
            <p>
              {customer.name} is on <strong>{subscription.plan}</strong>; its next bill date is{' '}
              {subscription.nextBillDate}. Cancelling stops billing from today:
            </p>
            <ul>
              <li>a final invoice for the days used in the current period is issued today;</li>
              <li>no further periods are billed, and the account&apos;s workflow ends;</li>
              <li>the balance ({customer.balance} now, before the final invoice) stays owed.</li>
            </ul>
            <label className="checkbox">
              <input type="checkbox" name="confirm" value="yes" required /> I understand the final period is billed today
            </label>
            <FieldError errors={errors} field="confirm" />
            <FieldError errors={errors} field="form" />
            <div className="inline-form">
              <button type="submit" className="danger">
                Cancel subscription
              </button>
              <Link to={back}>Keep it</Link>
            </div>
          </Form>
        ) : (
          <p>
            {customer.name} has no active subscription, so there is nothing to cancel. <Link to={back}>Back to the customer</Link>
          </p>
        )}
      </section>
    </>
  );
}
