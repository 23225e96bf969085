// One import: its progress, the mapping step, the preview (counts and every invalid row with
// line, column and reason) and the commit in either mode. Long steps run in the background and
// the page refreshes itself while they do.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { startCommit, startValidation } from '../../server/services/imports/import-background.js';
import { isStalled } from '../../server/services/imports/import-claim.js';
import { getImportDetails } from '../../server/services/imports/import-details.js';
import { listInvalidRows } from '../../server/services/imports/import-errors.js';
import { DATE_FORMATS } from '../../server/services/imports/import-mapping.js';
import { isBusy } from '../../server/services/imports/import-records.js';
import type { SourceRow } from '../../server/imports/file-layout.js';
import { importJson } from '../../server/views/import-json.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { MappingForm, SampleTable, mappingFromForm } from '../ui/import-mapping-form.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { withQueryErrors } from '../ui/query-errors.server.js';
import { FieldError, NextPageLink, PageHeader, StatusBadge } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.imported.fileName ?? 'Import'} · Imports · Uplink` },
  // While a step runs, the page reloads itself to show its progress: no JavaScript needed.
  ...(data?.busy ? [{ httpEquiv: 'refresh', content: '2' } as const] : []),
];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const ctx = args.context.services;
  const id = args.params.importId ?? '';
  const details = await notFoundAs404(() => getImportDetails(ctx, id));
  const json = importJson(details);
  const imported = { ...json, layout: json.layout && { ...json.layout, sample: (details.import.layout?.sample ?? []).map(sampleRow) } };
  const cursor = new URL(args.request.url).searchParams.get('cursor') ?? undefined;
  const stalled = await isStalled(ctx, details.import);
  const busy = isBusy(details.import.status) && !stalled;
  const showRows = imported.counts.invalid > 0 && !busy;
  const invalid = showRows ? await withQueryErrors(() => listInvalidRows(ctx, id, { limit: 50, cursor })) : { items: [], nextCursor: null };
  return {
    imported,
    busy,
    stalled,
    invalid: invalid.items.map((row) => ({ line: row.line, column: row.column, reason: row.reason })),
    nextCursor: invalid.nextCursor,
    dateFormats: DATE_FORMATS,
    defaultTimeZone: args.context.settings.timeZone,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const ctx = args.context.services;
  const id = args.params.importId ?? '';
  const intent = form.get('intent');
  const result = await withFormErrors(async () => {
    if (intent === 'map') {
      await startValidation(ctx, id, { mapping: mappingFromForm(form), defaultTimeZone: args.context.settings.timeZone });
      return 'Validating every row…';
    }
    const started = await startCommit(ctx, id, { mode: intent === 'commit-valid-only' ? 'valid_only' : 'all_or_nothing' });
    // A second click, or a form from an older view of the page: the first commit stands.
    return started.status === 'committed' ? 'These readings are already stored; nothing changed.' : 'Storing the readings…';
  });
  if (!result.ok) return result.response;
  return redirectWithNotice(args, `/staff/imports/${id}`, result.value);
}

/**
 * A sample row as the file shows it. A spreadsheet's date cell is a wall-clock time (Excel keeps no
 * zone; its UTC fields are the clock): shown as such, not as an ISO instant whose "Z" would claim UTC.
 */
function sampleRow(row: SourceRow): { line: number; cells: (string | number | boolean | null)[] } {
  return { line: row.line, cells: row.cells.map((cell) => (cell instanceof Date ? wallClock(cell) : cell)) };
}

function wallClock(cell: Date): string {
  const iso = cell.toISOString();
  const time = iso.slice(11, 19).replace(/:00$/, '');
  return time === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

const count = (n: number) => n.toLocaleString('en-US');

function Progress({ status, processed, expected }: { status: string; processed: number; expected: number | null }) {
  const verb = status === 'committing' ? 'Stored' : 'Checked';
  return (
    <p role="status">
      {verb} {count(processed)}
      {expected ? ` of ${status === 'validating' ? '~' : ''}${count(expected)}` : ''} rows…
      {expected ? <progress max={expected} value={Math.min(processed, expected)} /> : null}
    </p>
  );
}

export default function ImportPage() {
  const { imported, busy, stalled, invalid, nextCursor, dateFormats, defaultTimeZone } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const { search } = useLocation();
  const { counts, layout, status } = imported;
  // A commit cut off mid-way can be started again from its validated rows; a cut-off validation, with the mapping.
  const validated = status === 'validated' || (stalled && status === 'committing');
  const mappable = layout !== null && (status === 'uploaded' || status === 'validated' || status === 'failed' || (stalled && status === 'validating'));
  return (
    <>
      <PageHeader
        title={imported.fileName}
        subtitle={
          <>
            Source {imported.source} · {imported.format.toUpperCase()}
            {layout?.sheet ? ` · sheet “${layout.sheet}”${layout.sheets && layout.sheets.length > 1 ? ` of ${layout.sheets.map((name) => `“${name}”`).join(', ')}` : ''}` : ''} ·{' '}
            <StatusBadge status={status} />
          </>
        }
      />
      {busy ? <Progress status={status} processed={imported.progress.processedRows} expected={imported.progress.expectedRows} /> : null}
      {stalled ? (
        <p className="field-error" role="alert">
          {status === 'committing' ? 'Storing' : 'Checking'} the rows stopped before it finished: the process running it ended. Nothing of
          it was kept; start it again below.
        </p>
      ) : null}
      {imported.failureReason ? (
        <p className="field-error" role="alert">
          {imported.failureReason}
        </p>
      ) : null}
      {/* Refusals about the import as a whole show here: the form that was posted (from an
          older view of the page) may no longer be on it. */}
      <FieldError errors={errors} field="status" />
      <FieldError errors={errors} field="file" />
      <FieldError errors={errors} field="form" />

      {validated || status === 'committed' ? (
        <section className="panel">
          <h2>Preview</h2>
          <dl className="facts">
            <dt>Rows</dt>
            <dd>{count(counts.total)}</dd>
            <dt>Valid</dt>
            <dd>{count(counts.valid)}</dd>
            <dt>Invalid</dt>
            <dd>{count(counts.invalid)}</dd>
            <dt>Duplicates (already stored or repeated)</dt>
            <dd>{count(counts.duplicate)}</dd>
            {status === 'committed' ? (
              <>
                <dt>Stored</dt>
                <dd>{count(counts.accepted)}</dd>
              </>
            ) : null}
          </dl>
          {counts.invalid > 0 ? (
            <p>
              <a href={`/staff/imports/${imported.id}/rejected.csv`} download>
                Download the {count(counts.invalid)} invalid rows (CSV)
              </a>
            </p>
          ) : null}
          {validated ? (
            <Form method="post" className="inline-form">
              <CsrfField />
              <button type="submit" name="intent" value="commit" disabled={counts.invalid > 0}>
                Store all {count(counts.valid)} readings
              </button>{' '}
              <button type="submit" name="intent" value="commit-valid-only">
                Store the {count(counts.valid)} valid rows only
              </button>
              {counts.invalid > 0 ? <p>All or nothing is possible once no row is invalid.</p> : null}
              <FieldError errors={errors} field="mode" />
            </Form>
          ) : null}
        </section>
      ) : null}

      {invalid.length > 0 ? (
        <section className="panel">
          <h2>Invalid rows</h2>
          <table className="table">
            <thead>
              <tr>
                <th className="number">Line</th>
                <th>Column</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {invalid.map((row) => (
                <tr key={row.line}>
                  <td className="number">{row.line}</td>
                  <td>{row.column ?? '(whole row)'}</td>
                  <td>{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <NextPageLink nextCursor={nextCursor} search={search} />
        </section>
      ) : null}

      {layout ? (
        <section className="panel">
          <h2>Columns and first rows</h2>
          <SampleTable columns={layout.columns} sample={layout.sample} />
        </section>
      ) : null}

      {mappable && layout ? (
        <section className="panel">
          <h2>Mapping</h2>
          <MappingForm
            errors={errors}
            data={{
              columns: layout.columns,
              sample: layout.sample,
              offered: imported.offeredMapping as Record<string, string | undefined>,
              offeredFrom: imported.offeredFrom,
              detectedDateFormat: imported.dateDetection,
              dateFormats,
              defaultTimeZone,
            }}
          />
        </section>
      ) : null}
    </>
  );
}
