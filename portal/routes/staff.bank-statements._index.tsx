// Bank statements: every statement uploaded, newest first, and the form to upload another. The
// same upload as a readings file, kept as an import of kind bank_statement.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { receiveImportUpload } from '../api/import-upload.server.js';
import { assertCsrf } from '../auth/csrf.server.js';
import { redirectWithNotice, requireStaff } from '../auth/staff-session.server.js';
import { ValidationError } from '../../server/services/errors.js';
import { listImports } from '../../server/services/imports/import-records.js';
import { discardRefusedUpload, finishUpload } from '../../server/services/imports/import-upload.js';
import { CsrfField } from '../ui/csrf-field.js';
import { withFormErrors } from '../ui/form-errors.server.js';
import { unstorableFields } from '../ui/form-fields.server.js';
import { formatDateTime } from '../ui/format.js';
import { withQueryErrors } from '../ui/query-errors.server.js';
import { EmptyState, FieldError, NextPageLink, PageHeader, StatusBadge } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Bank statements · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const url = new URL(args.request.url);
  const page = await withQueryErrors(() => listImports(args.context.services, { cursor: url.searchParams.get('cursor') ?? undefined }, 'bank_statement'));
  const timeZone = args.context.settings.timeZone;
  return {
    nextCursor: page.nextCursor,
    statements: page.items.map((item) => ({
      id: item.id,
      fileName: item.fileName,
      source: item.source,
      status: item.status,
      rows: item.totalRows,
      recorded: item.acceptedRows,
      invalid: item.invalidRows,
      createdAt: formatDateTime(item.createdAt, timeZone),
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  await requireStaff(args);
  const ctx = args.context.services;
  await refuseForgedNonUpload(args);
  const result = await withFormErrors(async () => {
    const csrfOf = (fields: Map<string, string>) => {
      const form = new FormData();
      for (const [name, value] of fields) form.set(name, value);
      assertCsrf(args.context, form);
      const unstorable = unstorableFields(fields);
      if (unstorable.length > 0) throw new ValidationError(unstorable);
    };
    // The token comes before the file in the form, so a forged post is refused before anything is stored.
    const upload = await receiveImportUpload(args.request, ctx, csrfOf, 'bank_statement');
    if (!upload.importId || !upload.stored) {
      csrfOf(upload.fields);
      throw new ValidationError([{ field: 'file', message: 'choose a statement to upload' }]);
    }
    const hasHeader = upload.fields.get('hasHeader');
    const sheet = upload.fields.get('sheet')?.trim();
    try {
      return await finishUpload(
        ctx,
        upload.importId,
        upload.stored,
        {
          ...(upload.fields.get('delimiter') ? { delimiter: upload.fields.get('delimiter')?.replace('\\t', '\t') } : {}),
          ...(hasHeader === 'yes' || hasHeader === 'no' ? { hasHeader: hasHeader === 'yes' } : {}),
          ...(sheet ? { sheet } : {}),
        },
        upload.fields.get('source') ?? '',
      );
    } catch (error) {
      await discardRefusedUpload(ctx, upload.importId);
      throw error;
    }
  });
  if (!result.ok) return result.response;
  return redirectWithNotice(args, `/staff/bank-statements/${result.value.id}`, `Uploaded ${result.value.fileName}: map its columns below.`);
}

/** A post that is not a file upload never reaches the upload's own token check: check it here. */
async function refuseForgedNonUpload(args: ActionFunctionArgs): Promise<void> {
  if (/^multipart\/form-data/i.test(args.request.headers.get('Content-Type') ?? '')) return;
  const form = await args.request.formData().catch(() => new FormData());
  assertCsrf(args.context, form);
}

export default function BankStatements() {
  const { statements, nextCursor } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const { search } = useLocation();
  return (
    <>
      <PageHeader
        title="Bank statements"
        subtitle="Transfers received, from your bank's CSV or XLSX export: matched to customers by invoice number or customer reference, previewed, then booked as payments."
      />
      <section className="panel">
        <h2>Upload a statement</h2>
        <Form method="post" encType="multipart/form-data" className="stacked-form">
          <CsrfField />
          <label>
            Bank account
            <input name="source" required maxLength={100} placeholder="e.g. main-account" />
          </label>
          <FieldError errors={errors} field="source" />
          <label>
            Delimiter (CSV; detected when empty)
            <input name="delimiter" maxLength={2} placeholder=", ; \t |" />
          </label>
          <FieldError errors={errors} field="delimiter" />
          <label>
            Header row
            <select name="hasHeader" defaultValue="detect">
              <option value="detect">detect</option>
              <option value="yes">yes</option>
              <option value="no">no</option>
            </select>
          </label>
          <label>
            Sheet (XLSX; the first one with rows when empty)
            <input name="sheet" maxLength={100} />
          </label>
          <FieldError errors={errors} field="sheet" />
          <label>
            File
            <input type="file" name="file" required accept=".csv,.txt,.tsv,.xlsx,.json" />
          </label>
          <FieldError errors={errors} field="file" />
          <FieldError errors={errors} field="form" />
          <button type="submit">Upload</button>
        </Form>
      </section>
      {statements.length === 0 ? (
        <EmptyState title="No statements yet">Upload one above; you map its columns and see every transfer’s match before anything is booked.</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>File</th>
              <th>Bank account</th>
              <th>Status</th>
              <th className="number">Rows</th>
              <th className="number">Invalid</th>
              <th className="number">Recorded</th>
              <th>Uploaded</th>
            </tr>
          </thead>
          <tbody>
            {statements.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={`/staff/bank-statements/${item.id}`}>{item.fileName}</Link>
                </td>
                <td>{item.source}</td>
                <td>
                  <StatusBadge status={item.status} />
                </td>
                <td className="number">{item.rows.toLocaleString('en-US')}</td>
                <td className="number">{item.invalid.toLocaleString('en-US')}</td>
                <td className="number">{item.recorded.toLocaleString('en-US')}</td>
                <td>{item.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPageLink nextCursor={nextCursor} search={search} />
    </>
  );
}
