// A credit note as the customer sees it: which invoice it credits, why, and what it takes back.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getCreditNote } from '../../server/services/credit-notes/credit-note-records.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Credit note ${data?.creditNote.number ?? ''} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const note = await notFoundAs404(() => getCreditNote(args.context.services, args.params.creditNoteId ?? ''));
  return {
    companyName: args.context.settings.companyName,
    creditNote: {
      number: note.number,
      invoiceId: note.invoiceId,
      invoiceNumber: note.invoiceNumber,
      issueDate: formatDate(note.issueDate),
      reason: note.reason,
      customer: note.customer,
      net: formatAmount(note.net),
      tax: formatAmount(note.tax),
      total: formatAmount(note.total),
      lines: note.lines.map((line) => ({
        position: line.position,
        description: line.description,
        invoiceLine: line.invoiceLinePosition + 1,
        amount: formatAmount(line.amount),
        tax: formatAmount(line.tax),
        revenueAccountCode: line.revenueAccountCode,
      })),
    },
  };
}

export default function CreditNotePage() {
  const { companyName, creditNote } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={`Credit note ${creditNote.number}`}
        subtitle={
          <>
            <Link to={`/staff/customers/${creditNote.customer.id}`}>← {creditNote.customer.name}</Link> · for invoice{' '}
            <Link to={`/staff/invoices/${creditNote.invoiceId}`}>{creditNote.invoiceNumber}</Link>
          </>
        }
      />
      <article className="document">
        <header className="document-header">
          <div>
            <h2>{companyName}</h2>
            <p className="hint">Credit note</p>
          </div>
          <dl className="facts">
            <dt>Credit note number</dt>
            <dd>{creditNote.number}</dd>
            <dt>For invoice</dt>
            <dd>{creditNote.invoiceNumber}</dd>
            <dt>Issued</dt>
            <dd>{creditNote.issueDate}</dd>
            <dt>Reason</dt>
            <dd className="credit-reason">{creditNote.reason}</dd>
          </dl>
        </header>
        <section>
          <p className="hint">Credited to</p>
          <p>
            <strong>{creditNote.customer.name}</strong>
            <br />
            {creditNote.customer.email}
          </p>
        </section>
        <table className="table credit-note-lines">
          <thead>
            <tr>
              <th>Description</th>
              <th className="number">Invoice line</th>
              <th>Revenue account</th>
              <th className="number">Net</th>
              <th className="number">Tax</th>
            </tr>
          </thead>
          <tbody>
            {creditNote.lines.map((line) => (
              <tr key={line.position}>
                <td>{line.description}</td>
                <td className="number">{line.invoiceLine}</td>
                <td>{line.revenueAccountCode}</td>
                <td className="number">{line.amount}</td>
                <td className="number">{line.tax}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4}>Net</td>
              <td className="number">{creditNote.net}</td>
            </tr>
            <tr>
              <td colSpan={4}>Tax</td>
              <td className="number">{creditNote.tax}</td>
            </tr>
            <tr>
              <td colSpan={4}>Total credited</td>
              <td className="number credit-note-total">{creditNote.total}</td>
            </tr>
          </tfoot>
        </table>
      </article>
    </>
  );
}
