// Recording a payment a customer made by bank transfer, cash or cheque. It pays the invoice chosen
// first, then the oldest due; what is left is kept as their credit. The form carries a token of its
// own, so sending it twice (a double click, a reload) records the payment once. A refused form comes
// back with what was typed and each error under its field.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { MANUAL_PAYMENT_METHODS, PAYMENT_METHOD_LABELS } from '../../billing/payments/payment-methods.js';
import { getCustomerRecord } from '../../server/services/customers/customer-directory.js';
import { ValidationError } from '../../server/services/errors.js';
import { recordManualPayment } from '../../server/services/payments/manual-payments.js';
import { invoicesToPay } from '../../server/services/payments/payment-records.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { optionalField } from '../ui/form-fields.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { FieldError, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `Record a payment from ${loaded?.customer.name ?? 'customer'} · Uplink` }];

const FIELDS = ['amount', 'method', 'receivedOn', 'reference', 'invoiceId'] as const;
type Values = Record<(typeof FIELDS)[number] | 'requestToken', string>;

/** The form's own field for its token: a second send of the same form finds the payment the first recorded. */
const TOKEN_FIELD = 'requestToken';

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const ctx = args.context.services;
  const customer = await notFoundAs404(() => getCustomerRecord(ctx, args.params.customerId ?? ''));
  const open = await invoicesToPay(ctx, customer.id);
  const defaults: Values = {
    amount: '',
    method: 'bank_transfer',
    receivedOn: businessDateAt(Date.now(), args.context.settings.timeZone),
    reference: '',
    invoiceId: '',
    requestToken: crypto.randomUUID(),
  };
  return {
    customer: { id: customer.id, name: customer.name, currency: customer.currency },
    invoices: open.map((invoice) => ({ id: invoice.id, label: `${invoice.number} — ${formatAmount(invoice.open)} open, due ${formatDate(invoice.dueDate)}` })),
    defaults,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { staff, form } = await staffAction(args);
  const ctx = args.context.services;
  const customer = await notFoundAs404(() => getCustomerRecord(ctx, args.params.customerId ?? ''));
  const values = Object.fromEntries([...FIELDS, TOKEN_FIELD].map((name) => [name, typeof form.get(name) === 'string' ? String(form.get(name)) : ''])) as Values;
  const invoiceId = optionalField(form, 'invoiceId');
  const token = optionalField(form, TOKEN_FIELD);
  try {
    const { payment, replayed } = await recordManualPayment(
      ctx,
      { customerId: customer.id, amount: values.amount.trim(), method: values.method, receivedOn: values.receivedOn.trim(), reference: values.reference, ...(invoiceId ? { invoiceId } : {}) },
      {
        channel: 'staff',
        recordedBy: `staff:${staff.email}`,
        timeZone: args.context.settings.timeZone,
        ...(token ? { requestKey: { key: token, field: TOKEN_FIELD } } : {}),
      },
    );
    const paid = payment.allocations.map((allocation) => `${allocation.invoiceNumber} (${formatAmount(allocation.amount)})`).join(', ');
    const notice = [
      `Payment ${payment.number} of ${formatAmount(payment.amount)} ${replayed ? 'was already recorded' : 'recorded'}.`,
      paid ? `It paid ${paid}.` : '',
      payment.credit.amountMinor > 0n ? `${formatAmount(payment.credit)} is kept as credit for the next invoices.` : '',
    ].filter(Boolean).join(' ');
    return redirectWithNotice(args, `/staff/payments/${payment.id}`, notice);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors: Record<string, string> = {};
    for (const problem of error.problems) {
      // A reused token is this form sent again after changing it: say so in words staff use.
      if (problem.field === TOKEN_FIELD) errors.form = 'This form already recorded a payment, shown on the customer’s page; open a new form to record another one.';
      else errors[FIELDS.includes(problem.field as (typeof FIELDS)[number]) ? problem.field : 'form'] = problem.message;
    }
    return data({ errors, values }, { status: 422 });
  }
}

export default function RecordPayment() {
  const { customer, invoices, defaults } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const values = refused?.values ?? defaults;
  const errors = refused?.errors;
  const submitting = useNavigation().state === 'submitting';
  return (
    <>
      <PageHeader
        title="Record a payment"
        subtitle={
          <>
            <Link to={`/staff/customers/${customer.id}`}>← {customer.name}</Link> · pays in {customer.currency}
          </>
        }
      />
      <Form method="post" className="stacked-form payment-form">
        <CsrfField />
        <input type="hidden" name={TOKEN_FIELD} value={values.requestToken} />
        <FieldError errors={errors} field="form" />
        <p className="hint">It pays the invoice you choose first, then the oldest due; anything left is kept as the customer’s credit.</p>
        <label>
          Amount in {customer.currency}
          <input name="amount" inputMode="decimal" required defaultValue={values.amount} placeholder="49.90" autoComplete="off" />
        </label>
        <FieldError errors={errors} field="amount" />
        <label>
          Method
          <select name="method" defaultValue={values.method}>
            {MANUAL_PAYMENT_METHODS.map((method) => (
              <option key={method} value={method}>
                {PAYMENT_METHOD_LABELS[method]}
              </option>
            ))}
          </select>
        </label>
        <FieldError errors={errors} field="method" />
        <label>
          Received on
          <input type="date" name="receivedOn" required defaultValue={values.receivedOn} />
        </label>
        <FieldError errors={errors} field="receivedOn" />
        <label>
          Reference (bank reference, cheque number or receipt)
          <input name="reference" required maxLength={200} defaultValue={values.reference} />
        </label>
        <FieldError errors={errors} field="reference" />
        <label>
          Invoice to pay first (optional)
          <select name="invoiceId" defaultValue={values.invoiceId}>
            <option value="">The oldest due first</option>
            {invoices.map((invoice) => (
              <option key={invoice.id} value={invoice.id}>
                {invoice.label}
              </option>
            ))}
          </select>
        </label>
        <FieldError errors={errors} field="invoiceId" />
        {/* Disabled while the request is on its way; the token makes a second send harmless anyway. */}
        <button type="submit" disabled={submitting}>
          Record payment
        </button>
      </Form>
    </>
  );
}
