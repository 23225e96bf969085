// One of the customer's invoices: when it is due and whether it is paid, lines with their tax,
// net, tax and total, and the PDF.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { invoiceView } from '../../server/documents/invoice-view.js';
import { customerInvoice } from '../../server/services/customers/customer-portal.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { businessToday } from '../ui/business-today.server.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { ItemLinesTable } from '../ui/item-lines-table.js';
import { PageHeader, StatusBadge } from '../ui/page-parts.js';
import { PaymentBadges } from '../ui/payment-standing.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Invoice ${data?.invoice.number ?? ''}` }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  // Someone else's invoice is "not found", exactly like one that does not exist.
  const today = businessToday(args.context.settings);
  const invoice = await notFoundAs404(() => customerInvoice(args.context.services, customer.id, args.params.invoiceId ?? '', today));
  return { invoice: invoiceView(invoice, args.context.settings.companyName) };
}

export default function CustomerInvoicePage() {
  const { invoice } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={`Invoice ${invoice.number}`}
        subtitle={
          <>
            <Link to="/account/invoices">← Invoices</Link> · <StatusBadge status={invoice.status} />
          </>
        }
        actions={
          <>
            {invoice.payment && invoice.payment.paymentStatus !== 'paid' ? (
              // Charges the card on file; without one, the pay page sends the customer to add it.
              <Form method="post" action="/account/pay" className="inline-form">
                <CsrfField />
                <input type="hidden" name="invoiceId" value={invoice.id} />
                <button type="submit" name="intent" value="invoice">
                  Pay now
                </button>
              </Form>
            ) : null}
            <a className="button" href={`/account/invoices/${invoice.id}/pdf`} download>
              Download PDF
            </a>
          </>
        }
      />
      <article className="document">
        <header className="document-header">
          <div>
            <h2>{invoice.companyName}</h2>
            <p className="hint">Invoice</p>
          </div>
          <dl className="facts">
            <dt>Invoice number</dt>
            <dd>{invoice.number}</dd>
            <dt>Issued</dt>
            <dd>{invoice.issueDate}</dd>
            {invoice.period ? (
              <>
                <dt>Period</dt>
                <dd>{invoice.period}</dd>
              </>
            ) : null}
            {invoice.payment ? (
              <>
                <dt>Due</dt>
                <dd className="invoice-due">{`${invoice.payment.dueDate} (${invoice.payment.terms})`}</dd>
                <dt>Payment</dt>
                <dd>
                  <PaymentBadges status={invoice.payment.paymentStatus} label={invoice.payment.paymentStatusLabel} overdue={invoice.payment.overdue} />
                </dd>
                {invoice.payment.paymentStatus === 'partially_paid' ? (
                  <>
                    <dt>Still to pay</dt>
                    <dd className="invoice-open">{invoice.payment.amountOpen}</dd>
                  </>
                ) : null}
              </>
            ) : null}
          </dl>
        </header>
        <p className="hint">Billed to</p>
        <p>
          <strong>{invoice.customer.name}</strong>
          <br />
          {invoice.customer.email}
        </p>
        <ItemLinesTable document="invoice" lines={invoice.lines.map((line, position) => ({ ...line, position }))} net={invoice.net} tax={invoice.tax} total={invoice.total} />
      </article>
    </>
  );
}
