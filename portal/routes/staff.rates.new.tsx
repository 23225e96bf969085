// A new rate, with its components entered one fieldset each.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { createRate } from '../../server/services/rates/rates.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { PageHeader } from '../ui/page-parts.js';
import { emptyDraft } from '../ui/rate-components-form.server.js';
import { RateForm } from '../ui/rate-form.js';
import { rateFormAction, type RateFormState } from '../ui/rate-form-action.server.js';

export const meta: MetaFunction = () => [{ title: 'New rate · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const state: RateFormState = { values: { name: '', currency: '', revenueAccountCode: '' }, drafts: [emptyDraft()] };
  return state;
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const result = await rateFormAction(form, (input) => createRate(args.context.services, input));
  if (!result.ok) return result.response;
  return redirectWithNotice(args, `/staff/rates/${result.rate.id}`, `Rate “${result.rate.name}” created.`);
}

export default function NewRate() {
  const initial = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="New rate" subtitle={<Link to="/staff/rates">← All rates</Link>} />
      <RateForm key={JSON.stringify(submitted ?? null)} state={submitted ?? initial} submitLabel="Create rate" />
    </>
  );
}
