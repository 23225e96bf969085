// How a card payment the customer started ended: paid (with the receipt), declined (the bank's
// reason in plain words; for a decline another try cannot fix, a link to replace the card), waiting
// for the customer to confirm it with their bank, or still being processed.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { paymentResult } from '../../server/services/card-payments/payment-result.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { formatAmount } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Your payment' }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const result = await notFoundAs404(() => paymentResult(args.context.services, customer.id, args.params.attemptId ?? ''));
  return { ...result, amount: formatAmount(result.amount) };
}

const TITLES = {
  paid: 'Payment received',
  declined: 'Payment declined',
  needs_authentication: 'Confirm the payment with your bank',
  processing: 'Payment in progress',
  canceled: 'Payment cancelled',
} as const;

export default function PaymentResultPage() {
  const result = useLoaderData<typeof loader>();
  const what = result.invoice ? (
    <>
      invoice <Link to={`/account/invoices/${result.invoice.id}`}>{result.invoice.number}</Link>
    </>
  ) : (
    'your balance'
  );
  return (
    <>
      <PageHeader title={TITLES[result.state]} subtitle={<Link to="/account/pay">← Pay</Link>} />
      <section className="panel payment-result" data-state={result.state}>
        {result.state === 'paid' ? (
          <>
            <p className="notice" role="status">
              Thank you: {result.amount} for {what} is paid. Your receipt number is {result.receiptNumber}.
            </p>
            <p className="inline-form">
              <a className="button" href={`/account/payments/${result.paymentId}/receipt.pdf`} download>
                Download receipt
              </a>
              <Link to="/account/payments">All payments</Link>
            </p>
          </>
        ) : null}
        {result.state === 'declined' ? (
          <>
            <p className="warning" role="alert">
              {result.sentence}
            </p>
            <p>Nothing was charged for {what}.</p>
            {result.needsNewCard ? (
              <p>
                Trying the same card again will not help. <Link to="/account/card">Replace your card</Link>, then pay again.
              </p>
            ) : (
              <p>
                You can <Link to="/account/pay">try again</Link> later, or <Link to="/account/card">use another card</Link>.
              </p>
            )}
          </>
        ) : null}
        {result.state === 'needs_authentication' ? (
          <>
            <p className="warning" role="alert">
              {result.sentence}
            </p>
            {result.actionUrl ? (
              <p>
                <a className="button" href={result.actionUrl}>
                  Confirm with your bank
                </a>
              </p>
            ) : (
              <p>
                <Link to="/account/pay">Pay again</Link> to be sent to your bank’s confirmation page.
              </p>
            )}
          </>
        ) : null}
        {result.state === 'processing' ? (
          <p className="notice" role="status">
            Your payment of {result.amount} for {what} is still being processed. Reload this page in a moment to see how it ended; you will not be charged twice.
          </p>
        ) : null}
        {result.state === 'canceled' ? (
          <p className="notice" role="status">
            This payment was cancelled and nothing was charged. <Link to="/account/pay">Pay again</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
