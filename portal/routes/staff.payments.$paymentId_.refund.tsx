// Refunding a payment, whole or in part, with the refunds and disputes it already had. A card
// payment is refunded through the card gateway; money received by bank transfer, cash or cheque is
// refunded in the books, and staff pay it out themselves. The form carries a token of its own, so
// sending it twice (a double click, a reload) refunds once. Works without JavaScript.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { money } from '../../billing/money.js';
import { awaitsAssignment } from '../../billing/payments/payment-assignment.js';
import { paymentMethodLabel } from '../../billing/payments/payment-methods.js';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../../server/services/errors.js';
import { getPayment } from '../../server/services/payments/payment-records.js';
import { listPaymentRefunds } from '../../server/services/payments/refund-records.js';
import { refundPayment } from '../../server/services/payments/refunds.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { optionalField } from '../ui/form-fields.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { EmptyState, FieldError, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `Refund ${loaded?.payment.number ?? 'payment'} · Uplink` }];

/** The form's own field for its token: a second send of the same form finds the refund the first made. */
const TOKEN_FIELD = 'requestToken';

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const ctx = args.context.services;
  const payment = await notFoundAs404(() => getPayment(ctx, args.params.paymentId ?? ''));
  const refunds = await listPaymentRefunds(ctx, payment.id);
  const left = money(payment.amount.amountMinor - refunds.reduce((sum, refund) => sum + refund.amount.amountMinor, 0n), payment.amount.currency);
  const card = payment.method === 'card';
  return {
    payment: {
      id: payment.id,
      number: payment.number,
      customer: payment.customer,
      method: paymentMethodLabel(payment.method, payment.card ?? undefined),
      amount: formatAmount(payment.amount),
      currency: payment.amount.currency,
      left: formatAmount(left),
      card,
    },
    /** Why no refund can be made here, or null. */
    blocked: awaitsAssignment(payment)
      ? 'This payment is not on a customer’s account yet: assign it to the customer first, then refund it.'
      : left.amountMinor <= 0n
        ? 'This payment is refunded in full; nothing is left to refund.'
        : card && !ctx.gateway
          ? 'Card payments are refunded through the card gateway, which is not configured for this portal.'
          : null,
    refunds: refunds.map((refund) => ({
      id: refund.id,
      kind: refund.kind === 'dispute' ? 'Dispute' : 'Refund',
      refundedOn: formatDate(refund.refundedOn),
      amount: formatAmount(refund.amount),
      reason: refund.reason,
      recordedBy: refund.recordedBy,
      reopened: refund.reopened.map((invoice) => `${invoice.invoiceNumber} (${formatAmount(invoice.amount)}, due ${formatDate(invoice.dueDate)})`).join(', '),
    })),
    requestToken: crypto.randomUUID(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { staff, form } = await staffAction(args);
  const ctx = args.context.services;
  const paymentId = args.params.paymentId ?? '';
  const amount = optionalField(form, 'amount')?.trim();
  const reason = typeof form.get('reason') === 'string' ? String(form.get('reason')) : '';
  const token = optionalField(form, TOKEN_FIELD);
  const values = { amount: amount ?? '', reason };
  let issued: Awaited<ReturnType<typeof refundPayment>>;
  try {
    issued = await refundPayment(ctx, paymentId, { reason, ...(amount ? { amount } : {}) }, {
      recordedBy: `staff:${staff.email}`,
      timeZone: args.context.settings.timeZone,
      ...(token ? { requestKey: { key: token, field: TOKEN_FIELD } } : {}),
    });
  } catch (error) {
    const refused = refusal(error);
    if (!refused) throw error;
    return data({ errors: refused.errors, values }, { status: refused.status });
  }
  const { refund, replayed } = issued;
  const reopened = refund.reopened.map((invoice) => `${invoice.invoiceNumber} is open again for ${formatAmount(invoice.amount)}, due ${formatDate(invoice.dueDate)}`);
  const notice = [
    `${replayed ? 'Already refunded' : 'Refunded'} ${formatAmount(refund.amount)} of payment ${refund.paymentNumber}.`,
    refund.gatewayRefundId ? 'The card gateway returns it to the card.' : 'Pay it out to the customer yourself.',
    ...reopened.map((sentence) => `${sentence}.`),
  ].join(' ');
  return redirectWithNotice(args, `/staff/payments/${refund.paymentId}`, notice);
}

/** A refusal shown on the form, under its field or above it; anything else is a real failure. */
function refusal(error: unknown): { errors: Record<string, string>; status: number } | null {
  if (error instanceof ValidationError) {
    const errors: Record<string, string> = {};
    for (const problem of error.problems) {
      // A reused token is this form sent again after changing it: say so in words staff use.
      if (problem.field === TOKEN_FIELD) errors.form = 'This form already made a refund, listed below; open the page again to make another one.';
      else errors[problem.field === 'amount' || problem.field === 'reason' ? problem.field : 'form'] = problem.message;
    }
    return { errors, status: 422 };
  }
  if (error instanceof NotFoundError) return { errors: { form: error.message }, status: 404 };
  if (error instanceof ConflictError) return { errors: { form: error.message }, status: 409 };
  if (error instanceof ServiceUnavailableError) return { errors: { form: error.message }, status: 503 };
  return null;
}

export default function RefundPayment() {
  const { payment, blocked, refunds, requestToken } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const errors = refused?.errors;
  const submitting = useNavigation().state === 'submitting';
  return (
    <>
      <PageHeader
        title={`Refund payment ${payment.number}`}
        subtitle={
          <>
            <Link to={`/staff/payments/${payment.id}`}>← Back to the payment</Link>
            {payment.customer ? (
              <>
                {' '}
                · from <Link to={`/staff/customers/${payment.customer.id}`}>{payment.customer.name}</Link>
              </>
            ) : null}
          </>
        }
      />
      <section className="panel" aria-labelledby="refund-heading">
        <h2 id="refund-heading">Refund</h2>
        <p>
          {payment.amount} by {payment.method}; <strong>{payment.left}</strong> left to refund.
        </p>
        {blocked ? (
          <p className="warning" role="alert">
            {blocked}
          </p>
        ) : (
          <Form method="post" className="stacked-form refund-form">
            <CsrfField />
            <input type="hidden" name={TOKEN_FIELD} value={requestToken} />
            <FieldError errors={errors} field="form" />
            <p className="hint">
              It takes back first the credit this payment left on the customer’s account, then what it paid on invoices, newest first; an
              invoice paid until now is open again, due after the customer’s payment terms.{' '}
              {payment.card ? 'The card gateway returns the money to the card.' : 'Pay the money out to the customer yourself.'}
            </p>
            <label>
              Amount in {payment.currency}
              <input name="amount" inputMode="decimal" defaultValue={refused?.values.amount ?? ''} placeholder={`everything left (${payment.left})`} autoComplete="off" />
            </label>
            <FieldError errors={errors} field="amount" />
            <label>
              Reason (told to the customer)
              <input name="reason" required maxLength={500} defaultValue={refused?.values.reason ?? ''} autoComplete="off" />
            </label>
            <FieldError errors={errors} field="reason" />
            <div className="inline-form">
              <button type="submit" className="danger" disabled={submitting}>
                Refund
              </button>
              <Link to={`/staff/payments/${payment.id}`}>Cancel</Link>
            </div>
          </Form>
        )}
      </section>
      <section className="page-section" aria-labelledby="refunds-heading">
        <h2 id="refunds-heading">Refunds and disputes</h2>
        {refunds.length === 0 ? (
          <EmptyState title="None yet">Nothing of this payment has been given back.</EmptyState>
        ) : (
          <table className="table payment-refunds">
            <thead>
              <tr>
                <th>Day</th>
                <th>Kind</th>
                <th>Reason</th>
                <th>Invoices open again</th>
                <th>By</th>
                <th className="number">Amount</th>
              </tr>
            </thead>
            <tbody>
              {refunds.map((refund) => (
                <tr key={refund.id}>
                  <td>{refund.refundedOn}</td>
                  <td>{refund.kind}</td>
                  <td>{refund.reason}</td>
                  <td>{refund.reopened || '—'}</td>
                  <td>{refund.recordedBy}</td>
                  <td className="number">{refund.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
