// Assigning a payment that waits in unallocated receipts (a bank transfer nobody matched, money in
// another currency than its customer's) to a customer: staff name the customer, or the invoice it
// pays, and it pays their open invoices at once. Coming from a bank statement, the page returns there.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { awaitsAssignment } from '../../billing/payments/payment-assignment.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { formatMoney } from '../../billing/money.js';
import { assignPaymentToCustomer } from '../../server/services/payments/assign-payment.js';
import { resolveAssignmentTarget } from '../../server/services/payments/assignment-target.js';
import { getPayment } from '../../server/services/payments/payment-records.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { optionalField } from '../ui/form-fields.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { FieldError, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Assign ${data?.payment.number ?? 'payment'} · Uplink` }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The bank statement the staff member came from, when the link named one: where to go back to. */
function statementOf(value: string | null | undefined): string | null {
  return value && UUID.test(value) ? value : null;
}

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const payment = await notFoundAs404(() => getPayment(args.context.services, args.params.paymentId ?? ''));
  return {
    payment: {
      id: payment.id,
      number: payment.number,
      amount: formatAmount(payment.amount),
      receivedOn: formatDate(payment.receivedOn),
      reference: payment.reference ?? '',
      needsReview: payment.needsReview,
      customer: payment.customer ? { id: payment.customer.id, name: payment.customer.name } : null,
      awaiting: awaitsAssignment(payment),
      allocations: payment.allocations.map((allocation) => ({ invoiceNumber: allocation.invoiceNumber, amount: formatAmount(allocation.amount) })),
    },
    statementId: statementOf(new URL(args.request.url).searchParams.get('statement')),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const ctx = args.context.services;
  const paymentId = args.params.paymentId ?? '';
  const statementId = statementOf(optionalField(form, 'statement'));
  const result = await withFormErrors(async () => {
    const target = await resolveAssignmentTarget(ctx, { customer: optionalField(form, 'customer'), invoice: optionalField(form, 'invoice') });
    return assignPaymentToCustomer(ctx, paymentId, target, { timeZone: args.context.settings.timeZone });
  });
  if (!result.ok) return result.response;
  const assigned = result.value;
  const paid = assigned.allocations.map((a) => a.invoiceNumber).join(', ');
  const notice = assigned.alreadyAssigned
    ? `${assigned.number} was already assigned to this customer; nothing changed.`
    : `${assigned.number} assigned${paid ? `: it pays ${paid}` : ''}${assigned.credit.amountMinor > 0n ? `${paid ? ', and' : ':'} ${formatMoney(assigned.credit)} is kept as credit` : ''}.`;
  return redirectWithNotice(args, statementId ? `/staff/bank-statements/${statementId}?show=unmatched` : `/staff/payments/${paymentId}/assign`, notice);
}

export default function AssignPayment() {
  const { payment, statementId } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  return (
    <>
      <PageHeader title={`Assign ${payment.number}`} subtitle={`${payment.amount} received ${payment.receivedOn}`} />
      <section className="panel">
        <dl className="facts">
          <dt>Reference</dt>
          <dd>{payment.reference || '—'}</dd>
          <dt>Customer</dt>
          <dd>{payment.customer ? <Link to={`/staff/customers/${payment.customer.id}`}>{payment.customer.name}</Link> : 'none yet'}</dd>
          {payment.needsReview ? (
            <>
              <dt>Waiting because</dt>
              <dd>{payment.needsReview}</dd>
            </>
          ) : null}
          {payment.allocations.length > 0 ? (
            <>
              <dt>Paid</dt>
              <dd>{payment.allocations.map((allocation) => `${allocation.invoiceNumber} (${allocation.amount})`).join(', ')}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {payment.awaiting ? (
        <section className="panel">
          <h2>Assign to a customer</h2>
          <Form method="post" className="stacked-form">
            <CsrfField />
            {statementId ? <input type="hidden" name="statement" value={statementId} /> : null}
            <label>
              Customer (email, id or reference such as CUST-1A2B3C4D)
              <input name="customer" maxLength={200} />
            </label>
            <FieldError errors={errors} field="customer" />
            <FieldError errors={errors} field="customerId" />
            <label>
              Invoice it pays first (optional; names the customer on its own)
              <input name="invoice" maxLength={100} placeholder="INV-2026-000123" />
            </label>
            <FieldError errors={errors} field="invoice" />
            <FieldError errors={errors} field="invoiceId" />
            <FieldError errors={errors} field="form" />
            <button type="submit">Assign</button>
          </Form>
        </section>
      ) : (
        <p>This payment is on its customer’s account: it waits for nobody.</p>
      )}
      {statementId ? (
        <p>
          <Link to={`/staff/bank-statements/${statementId}?show=unmatched`}>Back to the bank statement</Link>
        </p>
      ) : null}
    </>
  );
}
