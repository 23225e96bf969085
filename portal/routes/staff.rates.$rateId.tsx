// One rate, editable. A change applies to invoices issued after it; the currency is fixed once
// the rate is assigned to a customer.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { getRate, updateRate } from '../../server/services/rates/rates.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { PageHeader } from '../ui/page-parts.js';
import { draftsOf } from '../ui/rate-components-form.server.js';
import { RateForm } from '../ui/rate-form.js';
import { rateFormAction, type RateFormState } from '../ui/rate-form-action.server.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.values.name ?? 'Rate'} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const rate = await notFoundAs404(() => getRate(args.context.services, args.params.rateId ?? ''));
  const state: RateFormState = {
    values: { name: rate.name, currency: rate.currency, revenueAccountCode: rate.revenueAccountCode },
    drafts: draftsOf(rate.components),
  };
  return state;
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const rateId = args.params.rateId ?? '';
  const result = await rateFormAction(form, (input) => updateRate(args.context.services, rateId, input));
  if (!result.ok) return result.response;
  return redirectWithNotice(args, '/staff/rates', `Rate “${result.rate.name}” saved.`);
}

export default function EditRate() {
  const stored = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={stored.values.name} subtitle={<Link to="/staff/rates">← All rates</Link>} />
      <p className="hint">A change applies to invoices issued after it; invoices already issued keep the prices they were billed at.</p>
      <RateForm
        key={JSON.stringify(submitted ?? null)}
        state={submitted ?? stored}
        submitLabel="Save rate"
        currencyHint="The currency cannot change once the rate is assigned to a customer."
      />
    </>
  );
}
