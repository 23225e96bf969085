// Paying with the card on file: what is open (each invoice with its due date and amount), "Pay the
// whole balance", and "Pay" per invoice. Every button is a plain form; the answer is a redirect:
// to the card page when there is no usable card, to the bank when it wants the customer to confirm
// (3-D Secure), else to the payment's result page.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { chargeInvoice, type InvoiceChargeResult } from '../../server/services/card-payments/charge-invoice.js';
import { cardPaymentDeps, customerCard, withGateway } from '../../server/services/card-payments/customer-card.js';
import { openToPay } from '../../server/services/card-payments/open-to-pay.js';
import { payBalance } from '../../server/services/card-payments/pay-balance.js';
import { customerAction, requireCustomer } from '../auth/customer-session.server.js';
import { businessToday } from '../ui/business-today.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Pay' }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const today = businessToday(args.context.settings);
  const [open, { card }] = await Promise.all([openToPay(args.context.services, customer.id, today), customerCard(args.context.services, customer.id, today)]);
  return {
    invoices: open.invoices.map((invoice) => ({ id: invoice.id, number: invoice.number, dueDate: formatDate(invoice.dueDate), open: formatAmount(invoice.open), overdue: invoice.overdue })),
    total: formatAmount(open.total),
    card: card ? { brand: card.brand, last4: card.last4, expired: card.expired } : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { customer, form } = await customerAction(args);
  const { services, settings } = args.context;
  const returnUrl = `${settings.portalUrl}/account/pay/return`;
  const intent = form.get('intent');
  const invoiceId = form.get('invoiceId');
  let charged;
  if (intent === 'balance') {
    charged = await withFormErrors(() => withGateway(() => payBalance(cardPaymentDeps(services, settings.timeZone), customer.id, returnUrl)));
  } else if (intent === 'invoice' && typeof invoiceId === 'string') {
    // Only the customer's own invoices with money open may be charged from here.
    const open = await openToPay(services, customer.id, businessToday(settings));
    if (!open.invoices.some((invoice) => invoice.id === invoiceId)) {
      return data({ errors: { form: 'That invoice has nothing open to pay.' } as Record<string, string> }, { status: 409 });
    }
    charged = await withFormErrors(() =>
      withGateway(() => chargeInvoice(cardPaymentDeps(services, settings.timeZone), invoiceId, { offSession: false, returnUrl })),
    );
  } else {
    return data({ errors: { form: 'Choose what to pay.' } as Record<string, string> }, { status: 400 });
  }
  if (!charged.ok) return charged.response;
  return answer(charged.value);
}

/** Where the browser goes after the charge: the bank, the card page, or the payment's result. */
function answer(result: InvoiceChargeResult) {
  switch (result.outcome) {
    case 'nothing-open':
      return data({ errors: { form: 'There is nothing open to pay: it was paid meanwhile.' } as Record<string, string> }, { status: 409 });
    case 'no-card':
    case 'card-expired':
      return redirect('/account/card?for=pay', 303);
    case 'requires_action':
      return redirect(result.actionUrl ?? `/account/pay/result/${result.attemptId}`, 303);
    default:
      return redirect(`/account/pay/result/${result.attemptId}`, 303);
  }
}

export default function PayPage() {
  const { invoices, total, card } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const paying = useNavigation().state === 'submitting';
  const formError = result && 'errors' in result ? result.errors.form : undefined;
  const cardReady = card && !card.expired;
  return (
    <>
      <PageHeader title="Pay" subtitle="Pay what is open with your card" />
      {formError ? (
        <p className="warning" role="alert">
          {formError}
        </p>
      ) : null}
      {invoices.length === 0 ? (
        <EmptyState title="Nothing to pay">You owe nothing today. Thank you!</EmptyState>
      ) : (
        <>
          <section className="panel">
            <h2>Open balance</h2>
            <p className="pay-total" style={{ fontSize: '1.5rem', fontWeight: 700, margin: 0 }}>
              {total}
            </p>
            <p className="hint">
              {cardReady ? (
                <>
                  Paid with your card ending {card.last4}. <Link to="/account/card">Change card</Link>
                </>
              ) : card ? (
                <>
                  Your card ending {card.last4} has expired. <Link to="/account/card">Replace your card</Link> to pay.
                </>
              ) : (
                <>
                  No card is on file. <Link to="/account/card">Add a card</Link> to pay.
                </>
              )}
            </p>
            <Form method="post" className="inline-form">
              <CsrfField />
              <button type="submit" name="intent" value="balance" disabled={paying}>
                Pay the whole balance
              </button>
            </Form>
          </section>
          <section className="page-section">
            <h2>Open invoices</h2>
            <table className="table table-stack">
              <thead>
                <tr>
                  <th>Invoice</th>
                  <th>Due</th>
                  <th className="number">Open</th>
                  <th aria-label="Pay" />
                </tr>
              </thead>
              <tbody>
                {invoices.map((invoice) => (
                  <tr key={invoice.id}>
                    <td className="cell-heading">
                      <Link to={`/account/invoices/${invoice.id}`}>{invoice.number}</Link>
                    </td>
                    <td data-label="Due">
                      {invoice.dueDate}
                      {invoice.overdue ? (
                        <>
                          {' '}
                          <span className="badge badge-failed">overdue</span>
                        </>
                      ) : null}
                    </td>
                    <td data-label="Open" className="number">
                      {invoice.open}
                    </td>
                    <td data-label="Pay">
                      <Form method="post" className="inline-form">
                        <CsrfField />
                        <input type="hidden" name="invoiceId" value={invoice.id} />
                        <button type="submit" name="intent" value="invoice" className="secondary" disabled={paying} aria-label={`Pay ${invoice.number}`}>
                          Pay
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}
