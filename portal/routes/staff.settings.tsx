// The company's billing settings: the default payment terms, which date every invoice issued from
// now on for customers without terms of their own.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { termsLabel } from '../../billing/payments/payment-terms.js';
import { getBillingSettings, updateBillingSettings } from '../../server/services/settings/billing-settings.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { FieldError, PageHeader } from '../ui/page-parts.js';
import { postedTermsDays } from '../ui/payment-terms-field.server.js';

export const meta: MetaFunction = () => [{ title: 'Settings · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const settings = await getBillingSettings(args.context.services);
  return { defaultTermsDays: settings.defaultPaymentTermsDays, defaultTerms: termsLabel(settings.defaultPaymentTermsDays) };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const result = await withFormErrors(() =>
    updateBillingSettings(args.context.services, { defaultPaymentTermsDays: postedTermsDays(form, 'defaultPaymentTermsDays') }),
  );
  if (!result.ok) return result.response;
  const terms = termsLabel(result.value.defaultPaymentTermsDays);
  return redirectWithNotice(args, '/staff/settings', `Default payment terms saved: ${terms} for invoices issued from now on.`);
}

export default function Settings() {
  const { defaultTermsDays, defaultTerms } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  return (
    <>
      <PageHeader title="Settings" subtitle="How the company bills its customers" />
      <section className="panel">
        <h2>Payment terms</h2>
        <dl className="facts">
          <dt>Company default</dt>
          <dd className="default-terms">{defaultTerms}</dd>
        </dl>
        <Form method="post" className="stacked-form">
          <CsrfField />
          <label>
            Days after issue an invoice falls due (0 = due on receipt)
            <input name="defaultPaymentTermsDays" type="number" inputMode="numeric" min={0} max={365} step={1} required defaultValue={defaultTermsDays} />
          </label>
          <FieldError errors={errors} field="defaultPaymentTermsDays" />
          <FieldError errors={errors} field="form" />
          <p className="hint">
            For customers without terms of their own (set on the customer&apos;s page). Invoices already issued keep their due dates.
          </p>
          <button type="submit">Save settings</button>
        </Form>
      </section>
    </>
  );
}
