// One bank statement: its progress, the mapping step, the preview (each transfer's match, the rows
// skipped and why, the invalid rows) and the commit; afterwards each transfer's payment, with the
// unmatched ones to assign. Long steps run in the background and the page refreshes itself.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { startStatementCommit, startStatementValidation } from '../../server/services/bank-statements/statement-background.js';
import { getStatementDetails } from '../../server/services/bank-statements/statement-details.js';
import { STATEMENT_ROW_FILTERS, listStatementRows, type StatementRowView } from '../../server/services/bank-statements/statement-rows.js';
import { isStalled } from '../../server/services/imports/import-claim.js';
import { DATE_FORMATS } from '../../server/services/imports/import-mapping.js';
import { isBusy } from '../../server/services/imports/import-records.js';
import { bankStatementJson } from '../../server/views/bank-statement-json.js';
import { StatementMappingForm, statementMappingFromForm } from '../ui/bank-statement-mapping-form.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { SampleTable } from '../ui/import-mapping-form.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { withQueryErrors } from '../ui/query-errors.server.js';
import { FieldError, NextPageLink, PageHeader, StatusBadge } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.statement.fileName ?? 'Statement'} · Bank statements · Uplink` },
  // While a step runs, the page reloads itself to show its progress: no JavaScript needed.
  ...(data?.busy ? [{ httpEquiv: 'refresh', content: '2' } as const] : []),
];

const FILTER_LABELS: Record<(typeof STATEMENT_ROW_FILTERS)[number], string> = {
  all: 'All rows',
  record: 'Transfers in',
  unmatched: 'Unmatched',
  skipped: 'Skipped',
  invalid: 'Invalid',
};

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const ctx = args.context.services;
  const id = args.params.statementId ?? '';
  const details = await notFoundAs404(() => getStatementDetails(ctx, id));
  const url = new URL(args.request.url);
  const cursor = url.searchParams.get('cursor') ?? undefined;
  const show = STATEMENT_ROW_FILTERS.find((filter) => filter === url.searchParams.get('show')) ?? 'all';
  const stalled = await isStalled(ctx, details.import);
  const busy = isBusy(details.import.status) && !stalled;
  const showRows = details.counts.total > 0 && !busy && details.import.status !== 'validating';
  const rows = showRows ? await withQueryErrors(() => listStatementRows(ctx, id, { limit: 50, cursor, show })) : { items: [], nextCursor: null };
  const json = bankStatementJson(details);
  return {
    statement: json,
    sample: (details.import.layout?.sample ?? []).map((row) => ({ line: row.line, cells: row.cells.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell)) })),
    busy,
    stalled,
    show,
    rows: rows.items.map(rowShown),
    nextCursor: rows.nextCursor,
    dateFormats: DATE_FORMATS,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { staff, form } = await staffAction(args);
  const ctx = args.context.services;
  const id = args.params.statementId ?? '';
  const intent = form.get('intent');
  const result = await withFormErrors(async () => {
    if (intent === 'map') {
      await startStatementValidation(ctx, id, { mapping: statementMappingFromForm(form) });
      return 'Matching every transfer…';
    }
    const started = await startStatementCommit(ctx, id, { mode: intent === 'commit-valid-only' ? 'valid_only' : 'all_or_nothing', recordedBy: `staff:${staff.email}` });
    // A second click, or a form from an older view of the page: the first commit stands.
    return started.status === 'committed' ? 'These transfers are already recorded; nothing changed.' : 'Recording the transfers…';
  });
  if (!result.ok) return result.response;
  return redirectWithNotice(args, `/staff/bank-statements/${id}`, result.value);
}

/** A row as the preview table shows it: what the commit does (or did) with it, in words. */
function rowShown(row: StatementRowView) {
  return {
    line: row.line,
    bookedOn: formatDate(row.bookedOn),
    amount: row.amount ? `${row.outcome === 'debit' ? '−' : ''}${formatAmount(row.amount)}` : '',
    reference: row.reference,
    payer: row.payerName ?? '',
    outcome: outcomeText(row),
    match: matchText(row),
    assignPaymentId: row.payment?.awaitingAssignment ? row.payment.id : null,
  };
}

function outcomeText(row: StatementRowView): string {
  switch (row.outcome) {
    case 'record':
      return 'to record';
    case 'recorded':
      return `recorded as ${row.payment?.number ?? ''}`;
    case 'debit':
      return `skipped: ${row.skipReason ?? 'money going out'}`;
    case 'duplicate':
      return `skipped: ${row.skipReason ?? 'already recorded'}`;
    case 'invalid':
      return `invalid${row.error?.column ? ` (${row.error.column})` : ''}: ${row.error?.reason ?? ''}`;
  }
}

function matchText(row: StatementRowView): string {
  const match = row.match;
  if (!match) return '';
  if (match.kind === 'unmatched') return `unmatched: ${match.note ?? ''}`;
  const who = match.customer?.name ?? '';
  const what = match.kind === 'invoice' ? (match.invoice?.number ?? match.note ?? '') : `by ${match.note ?? 'customer reference'}`;
  return `${who} · ${what}${row.review ? ` (for review: ${row.review.replace(/^Bank transfer( from [^:]*)? /, '')})` : ''}`;
}

const count = (n: number) => n.toLocaleString('en-US');

function Progress({ status, processed, expected }: { status: string; processed: number; expected: number | null }) {
  const verb = status === 'committing' ? 'Recorded' : 'Checked';
  return (
    <p role="status">
      {verb} {count(processed)}
      {expected ? ` of ${status === 'validating' ? '~' : ''}${count(expected)}` : ''} {status === 'committing' ? 'transfers' : 'rows'}…
      {expected ? <progress max={expected} value={Math.min(processed, expected)} /> : null}
    </p>
  );
}

export default function BankStatementPage() {
  const { statement, sample, busy, stalled, show, rows, nextCursor, dateFormats } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const { search } = useLocation();
  const { counts, layout, status } = statement;
  // A commit cut off mid-way goes on from where it stopped; a cut-off validation, with the mapping.
  const validated = status === 'validated' || (stalled && status === 'committing');
  const previewed = validated || status === 'committed' || status === 'committing';
  const mappable = layout !== null && (status === 'uploaded' || status === 'failed' || (status === 'validated' && counts.recorded === 0) || (stalled && status === 'validating'));
  const filterLink = (filter: (typeof STATEMENT_ROW_FILTERS)[number]) => `/staff/bank-statements/${statement.id}${filter === 'all' ? '' : `?show=${filter}`}`;
  return (
    <>
      <PageHeader
        title={statement.fileName}
        subtitle={
          <>
            Bank account {statement.source} · {statement.format.toUpperCase()}
            {layout?.sheet ? ` · sheet “${layout.sheet}”` : ''} · <StatusBadge status={status} />
          </>
        }
      />
      {busy ? <Progress status={status} processed={statement.progress.processedRows} expected={statement.progress.expectedRows} /> : null}
      {stalled ? (
        <p className="field-error" role="alert">
          {status === 'committing' ? 'Recording the transfers' : 'Matching the rows'} stopped before it finished: the process running it ended.{' '}
          {status === 'committing' ? 'What it recorded stays recorded; commit again below to record the rest.' : 'Nothing of it was kept; start it again below.'}
        </p>
      ) : null}
      {statement.failureReason ? (
        <p className="field-error" role="alert">
          {statement.failureReason}
        </p>
      ) : null}
      <FieldError errors={errors} field="status" />
      <FieldError errors={errors} field="file" />
      <FieldError errors={errors} field="form" />

      {previewed ? (
        <section className="panel">
          <h2>Preview</h2>
          <dl className="facts">
            <dt>Rows</dt>
            <dd>{count(counts.total)}</dd>
            <dt>Transfers in to record</dt>
            <dd>{count(counts.toRecord)}</dd>
            <dt>Matched by invoice number</dt>
            <dd>{count(counts.byInvoice)}</dd>
            <dt>Matched by customer reference</dt>
            <dd>{count(counts.byCustomer)}</dd>
            <dt>Unmatched (booked for staff to assign)</dt>
            <dd>{count(counts.unmatched)}</dd>
            <dt>Money going out (skipped)</dt>
            <dd>{count(counts.debit)}</dd>
            <dt>Already recorded or listed twice (skipped)</dt>
            <dd>{count(counts.duplicate)}</dd>
            <dt>Invalid</dt>
            <dd>{count(counts.invalid)}</dd>
            {counts.recorded > 0 || status === 'committed' ? (
              <>
                <dt>Recorded</dt>
                <dd>{count(counts.recorded)}</dd>
              </>
            ) : null}
          </dl>
          {validated ? (
            <Form method="post" className="inline-form">
              <CsrfField />
              <button type="submit" name="intent" value="commit" disabled={counts.invalid > 0}>
                Record all {count(counts.toRecord - counts.recorded)} transfers
              </button>{' '}
              <button type="submit" name="intent" value="commit-valid-only">
                Record the {count(counts.toRecord - counts.recorded)} valid transfers only
              </button>
              {counts.invalid > 0 ? <p>All or nothing is possible once no row is invalid.</p> : null}
              <FieldError errors={errors} field="mode" />
            </Form>
          ) : null}
        </section>
      ) : null}

      {rows.length > 0 || show !== 'all' ? (
        <section className="panel">
          <h2>Rows</h2>
          <p className="filters">
            {STATEMENT_ROW_FILTERS.map((filter, i) => (
              <span key={filter}>
                {i > 0 ? ' · ' : ''}
                {filter === show ? <strong>{FILTER_LABELS[filter]}</strong> : <Link to={filterLink(filter)}>{FILTER_LABELS[filter]}</Link>}
              </span>
            ))}
          </p>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th className="number">Line</th>
                  <th>Date</th>
                  <th className="number">Amount</th>
                  <th>Reference</th>
                  <th>Payer</th>
                  <th>Match</th>
                  <th>Outcome</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.line}>
                    <td className="number">{row.line}</td>
                    <td>{row.bookedOn}</td>
                    <td className="number">{row.amount}</td>
                    <td>{row.reference}</td>
                    <td>{row.payer}</td>
                    <td>{row.match}</td>
                    <td>
                      {row.outcome}
                      {row.assignPaymentId ? (
                        <>
                          {' · '}
                          <Link to={`/staff/payments/${row.assignPaymentId}/assign?statement=${statement.id}`}>Assign to a customer</Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <NextPageLink nextCursor={nextCursor} search={search} />
        </section>
      ) : null}

      {layout ? (
        <section className="panel">
          <h2>Columns and first rows</h2>
          <SampleTable columns={layout.columns} sample={sample} />
        </section>
      ) : null}

      {mappable && layout ? (
        <section className="panel">
          <h2>Mapping</h2>
          <StatementMappingForm
            errors={errors}
            data={{
              columns: layout.columns,
              sample,
              offered: statement.offeredMapping as Record<string, string | undefined>,
              offeredFrom: statement.offeredFrom,
              detectedDateFormat: statement.dateDetection,
              dateFormats,
            }}
          />
        </section>
      ) : null}
    </>
  );
}
