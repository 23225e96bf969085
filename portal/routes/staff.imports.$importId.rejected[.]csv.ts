// The invalid rows of an import as a CSV download: line, column, reason, then the row as it was.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '../auth/staff-session.server.js';
import { rejectedRowsCsv } from '../../server/services/imports/import-errors.js';
import { csvDownload } from '../ui/csv-download.server.js';
import { notFoundAs404 } from '../ui/not-found.server.js';

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const id = args.params.importId ?? '';
  return csvDownload(await notFoundAs404(() => rejectedRowsCsv(args.context.services, id)));
}
