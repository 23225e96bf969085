// One quote: its lines and totals, where it is in its life (sent, reminded, decided or expired),
// the invoice it became, and its workflow in the Temporal Web UI. Staff send it, and accept or
// decline it on the customer's behalf (recorded as decided by staff).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { addDays } from '../../billing/calendar.js';
import { ConflictError } from '../../server/services/errors.js';
import { decideQuote } from '../../server/services/quotes/quote-decisions.js';
import { queryQuoteWorkflow } from '../../server/services/quotes/quote-workflow-status.js';
import { getQuote, quoteEmails, sendQuote } from '../../server/services/quotes/quotes.js';
import { quoteWorkflowId } from '../../workflows/quote-messages.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { formatAmount, formatDate, formatDateTime } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { PageHeader, StatusBadge } from '../ui/page-parts.js';
import { ItemLinesTable } from '../ui/item-lines-table.js';
import { temporalWorkflowUrl } from '../ui/temporal-ui-link.js';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `Quote ${loaded?.quote.number ?? ''} · Uplink` }];

const EMAIL_EVENTS: Record<string, string> = {
  'quote-sent': 'Quote emailed',
  'quote-reminder': 'Reminder emailed',
  'quote-accepted': 'Acceptance confirmed by email',
};

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const { services: ctx, settings } = args.context;
  const quote = await notFoundAs404(() => getQuote(ctx, args.params.quoteId ?? ''));
  const [emails, live] = await Promise.all([
    quoteEmails(ctx, quote.id),
    // Only a waiting quote has a workflow worth asking; the record tells the rest.
    quote.status === 'sent' ? queryQuoteWorkflow(ctx, quote.id) : Promise.resolve(null),
  ]);
  const when = (instant: Date) => formatDateTime(instant, settings.timeZone);
  const history = [
    { label: 'Created as a draft', time: when(quote.createdAt), at: quote.createdAt.getTime(), emailId: null as string | null },
    ...(quote.sentAt ? [{ label: 'Sent', time: when(quote.sentAt), at: quote.sentAt.getTime(), emailId: null }] : []),
    ...emails.map((email) => ({ label: `${EMAIL_EVENTS[email.kind] ?? email.kind} (${email.status})`, time: when(email.at), at: email.at.getTime(), emailId: email.id })),
    ...(quote.decidedAt ? [{ label: `${quote.status === 'accepted' ? 'Accepted' : 'Declined'} via ${quote.decidedVia ?? 'unknown'}`, time: when(quote.decidedAt), at: quote.decidedAt.getTime(), emailId: null }] : []),
    ...(quote.status === 'expired'
      ? [{ label: 'Expired', time: `end of ${formatDate(quote.validUntil)} (UTC)`, at: Date.parse(`${addDays(quote.validUntil, 1)}T00:00:00Z`), emailId: null }]
      : []),
  ].sort((a, b) => a.at - b.at);
  return {
    quote: {
      id: quote.id,
      number: quote.number,
      status: quote.status,
      customer: quote.customer,
      note: quote.note,
      validUntil: formatDate(quote.validUntil),
      net: formatAmount(quote.net),
      tax: formatAmount(quote.tax),
      total: formatAmount(quote.total),
      invoice: quote.invoice,
      lines: quote.lines.map((line) => ({
        position: line.position,
        description: line.description,
        quantity: line.quantity,
        unitPrice: formatAmount(line.unitAmount),
        taxRate: `${line.taxRate}%`,
        tax: formatAmount(line.tax),
        net: formatAmount(line.amount),
      })),
    },
    history: history.map(({ at: _at, ...event }) => event),
    workflow: {
      id: quoteWorkflowId(quote.id),
      state: !live ? null : live.available ? `${live.status.phase}; reminder ${live.status.reminded ? 'sent' : `due ${when(new Date(live.status.reminderDueAt))}`}` : live.reason,
      // A draft has no workflow yet; sending starts it.
      url: quote.status !== 'draft' && settings.temporalUiUrl ? temporalWorkflowUrl(settings.temporalUiUrl, settings.temporalNamespace, quoteWorkflowId(quote.id)) : null,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const ctx = args.context.services;
  const quoteId = args.params.quoteId ?? '';
  const here = `/staff/quotes/${quoteId}`;
  const quote = await notFoundAs404(() => getQuote(ctx, quoteId));
  try {
    switch (form.get('intent')) {
      case 'send':
        await sendQuote(ctx, quote.id);
        return redirectWithNotice(args, here, `Quote ${quote.number} sent to ${quote.customer.email}.`);
      case 'accept': {
        const decided = await decideQuote(ctx, { quoteId: quote.id, decision: 'accept', via: 'staff' });
        const invoice = decided.invoice ? `: invoice ${decided.invoice.number} issued` : '';
        return redirectWithNotice(args, here, decided.alreadyDecided ? `Quote ${quote.number} was already accepted.` : `Quote ${quote.number} accepted${invoice}.`);
      }
      case 'decline': {
        const decided = await decideQuote(ctx, { quoteId: quote.id, decision: 'decline', via: 'staff' });
        return redirectWithNotice(args, here, decided.alreadyDecided ? `Quote ${quote.number} was already declined.` : `Quote ${quote.number} declined.`);
      }
      default:
        throw new Response('This form asked for something the quote page does not do.', { status: 400, statusText: 'Bad Request' });
    }
  } catch (error) {
    // The quote moved on (expired, decided elsewhere): say why, on the page.
    if (error instanceof ConflictError) return data({ errors: { form: error.message } as Record<string, string> }, { status: 409 });
    throw error;
  }
}

export default function QuotePage() {
  const { quote, history, workflow } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>()?.errors.form;
  return (
    <>
      <PageHeader
        title={`Quote ${quote.number}`}
        subtitle={
          <>
            <Link to="/staff/quotes">← All quotes</Link> · <Link to={`/staff/customers/${quote.customer.id}`}>{quote.customer.name}</Link> ·{' '}
            <StatusBadge status={quote.status} />
          </>
        }
        actions={<QuoteActions status={quote.status} />}
      />
      {refusal ? (
        <p className="field-error form-error" role="alert">
          {refusal}
        </p>
      ) : null}

      <div className="grid">
        <section className="panel">
          <h2>Quote</h2>
          <dl className="facts">
            <dt>Customer</dt>
            <dd>
              {quote.customer.name} ({quote.customer.email})
            </dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={quote.status} />
            </dd>
            <dt>Valid until</dt>
            <dd>{quote.validUntil} (end of day, UTC)</dd>
            <dt>Total</dt>
            <dd className="quote-total">{quote.total}</dd>
            <dt>Invoice</dt>
            <dd>{quote.invoice ? <Link to={`/staff/invoices/${quote.invoice.id}`}>{quote.invoice.number}</Link> : 'none (issued when accepted)'}</dd>
            {quote.note ? (
              <>
                <dt>Note</dt>
                <dd>{quote.note}</dd>
              </>
            ) : null}
          </dl>
        </section>

        <section className="panel" aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          <ol className="history">
            {history.map((event) => (
              <li key={`${event.label}-${event.time}`}>
                <span className="history-time">{event.time}</span> {event.emailId ? <Link to={`/staff/emails/${event.emailId}`}>{event.label}</Link> : event.label}
              </li>
            ))}
          </ol>
          <p className="hint">
            Workflow <code>{workflow.id}</code>
            {workflow.state ? <span className="workflow-state">{` (${workflow.state})`}</span> : null}
            {workflow.url ? (
              <>
                {' '}
                ·{' '}
                <a href={workflow.url} target="_blank" rel="noreferrer" className="temporal-link">
                  Open in Temporal Web UI ↗
                </a>
              </>
            ) : (
              ' starts when the quote is sent.'
            )}
          </p>
        </section>
      </div>

      <section className="page-section" aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines</h2>
        <ItemLinesTable document="quote" lines={quote.lines} net={quote.net} tax={quote.tax} total={quote.total} />
      </section>
    </>
  );
}

function QuoteActions({ status }: { status: string }) {
  if (status === 'draft') {
    return (
      <Form method="post">
        <CsrfField />
        <button type="submit" name="intent" value="send">
          Send to customer
        </button>
      </Form>
    );
  }
  if (status !== 'sent') return null;
  return (
    <Form method="post" className="inline-form">
      <CsrfField />
      <button type="submit" name="intent" value="accept">
        Accept for the customer
      </button>
      <button type="submit" name="intent" value="decline" className="secondary">
        Decline for the customer
      </button>
    </Form>
  );
}
