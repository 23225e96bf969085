// One quote sent to the customer, with Accept and Decline while it is open. The decision goes
// through the quote's workflow (decideQuote), which refuses what the quote no longer allows
// (expired, already declined) with a sentence shown here; accepting shows the invoice it became.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { customerQuote } from '../../server/services/customers/customer-portal.js';
import { ConflictError } from '../../server/services/errors.js';
import { decideQuote } from '../../server/services/quotes/quote-decisions.js';
import { customerAction, requireCustomer } from '../auth/customer-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { formatAmount, formatDate, formatDateTime } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { ItemLinesTable } from '../ui/item-lines-table.js';
import { PageHeader, StatusBadge } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Quote ${data?.quote.number ?? ''}` }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  // Someone else's quote (or a draft) is "not found", exactly like one that does not exist.
  const quote = await notFoundAs404(() => customerQuote(args.context.services, customer.id, args.params.quoteId ?? ''));
  return {
    quote: {
      id: quote.id,
      number: quote.number,
      status: quote.status,
      note: quote.note,
      validUntil: formatDate(quote.validUntil),
      decidedAt: quote.decidedAt ? formatDateTime(quote.decidedAt, args.context.settings.timeZone) : null,
      lines: quote.lines.map((line) => ({
        position: line.position,
        description: line.description,
        quantity: line.quantity,
        unitPrice: formatAmount(line.unitAmount),
        taxRate: `${line.taxRate}%`,
        tax: formatAmount(line.tax),
        net: formatAmount(line.amount),
      })),
      net: formatAmount(quote.net),
      tax: formatAmount(quote.tax),
      total: formatAmount(quote.total),
      invoice: quote.invoice,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { customer, form } = await customerAction(args);
  const decision = form.get('decision');
  if (decision !== 'accept' && decision !== 'decline') {
    return data({ error: 'Choose Accept or Decline.' }, { status: 400 });
  }
  try {
    await notFoundAs404(() =>
      decideQuote(args.context.services, { quoteId: args.params.quoteId ?? '', decision, via: 'portal', customerId: customer.id }),
    );
  } catch (error) {
    if (error instanceof ConflictError) return data({ error: error.message }, { status: 409 });
    throw error;
  }
  // The page shows the outcome from the quote itself (and the invoice an accepted quote became).
  return { error: null };
}

export default function CustomerQuotePage() {
  const { quote } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const deciding = useNavigation().state === 'submitting';
  return (
    <>
      <PageHeader
        title={`Quote ${quote.number}`}
        subtitle={
          <>
            <Link to="/account/quotes">← Quotes</Link> · <StatusBadge status={quote.status} />
          </>
        }
      />
      {result?.error ? (
        <p className="warning" role="alert">
          {result.error}
        </p>
      ) : null}
      <QuoteOutcome quote={quote} />
      <article className="document page-section">
        {quote.note ? <p>{quote.note}</p> : null}
        <ItemLinesTable document="quote" lines={quote.lines} net={quote.net} tax={quote.tax} total={quote.total} />
      </article>
      {quote.status === 'sent' ? (
        <section className="panel">
          <h2>Your answer</h2>
          <p className="hint">This quote is valid until {quote.validUntil}. Accepting it issues an invoice for the total above.</p>
          <Form method="post" className="inline-form">
            <CsrfField />
            <button type="submit" name="decision" value="accept" disabled={deciding}>
              Accept quote
            </button>
            <button type="submit" name="decision" value="decline" className="secondary" disabled={deciding}>
              Decline
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

function QuoteOutcome({ quote }: { quote: { status: string; validUntil: string; decidedAt: string | null; invoice: { id: string; number: string } | null } }) {
  if (quote.status === 'accepted') {
    return (
      <p className="notice" role="status">
        You accepted this quote{quote.decidedAt ? ` on ${quote.decidedAt}` : ''}.{' '}
        {quote.invoice ? (
          <>
            It became invoice <Link to={`/account/invoices/${quote.invoice.id}`}>{quote.invoice.number}</Link>.
          </>
        ) : null}
      </p>
    );
  }
  if (quote.status === 'declined') return <p className="hint">You declined this quote{quote.decidedAt ? ` on ${quote.decidedAt}` : ''}.</p>;
  if (quote.status === 'expired') return <p className="hint">This quote expired after {quote.validUntil}; ask us for a new one if you still need the work.</p>;
  return null;
}
