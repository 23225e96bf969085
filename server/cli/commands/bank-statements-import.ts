// `uplink bank-statements import FILE`: the same statement import the portal and the API run
// (upload, mapping, matching, commit), straight against the database, with progress on stderr.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatMoney } from '../../../billing/money.js';
import { commitStatement } from '../../services/bank-statements/statement-commit.js';
import { describeStatement, type StatementDetails } from '../../services/bank-statements/statement-details.js';
import { listStatementRows, type StatementRowView } from '../../services/bank-statements/statement-rows.js';
import { uploadStatement } from '../../services/bank-statements/statement-upload.js';
import { validateStatement } from '../../services/bank-statements/statement-validate.js';
import type { ServiceContext } from '../../services/context.js';
import { ValidationError } from '../../services/errors.js';
import type { ProgressReport } from '../../services/imports/import-progress.js';
import { bankStatementJson, statementRowJson } from '../../views/bank-statement-json.js';
import type { Command } from '../command.js';
import type { HumanPrinter } from '../output.js';

const SHOWN_ROWS = 50;
const count = (n: number) => n.toLocaleString('en-US');

function progressLine(report: ProgressReport): string {
  const of = report.expected === null ? '' : ` of ${report.step === 'validating' ? '~' : ''}${count(report.expected)}`;
  return report.step === 'committing' ? `recorded ${count(report.processed)}${of} transfers\n` : `matched ${count(report.processed)}${of} rows\n`;
}

async function mappingFile(path: string | undefined): Promise<unknown> {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ValidationError([{ field: 'mapping', message: `cannot read ${path}: ${(error as Error).message}` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError([{ field: 'mapping', message: `${path} is not JSON: ${(error as Error).message}` }]);
  }
}

function countsLine({ counts }: StatementDetails): string {
  return (
    `${count(counts.total)} rows: ${count(counts.toRecord)} transfers in (${count(counts.byInvoice)} by invoice number, ${count(counts.byCustomer)} by customer reference, ` +
    `${count(counts.unmatched)} unmatched), ${count(counts.debit)} going out, ${count(counts.duplicate)} already recorded, ${count(counts.invalid)} invalid`
  );
}

function outcomeOf(row: StatementRowView): string {
  if (row.outcome === 'invalid') return `invalid${row.error?.column ? ` (${row.error.column})` : ''}: ${row.error?.reason ?? ''}`;
  if (row.outcome === 'debit' || row.outcome === 'duplicate') return `skipped: ${row.skipReason ?? row.outcome}`;
  const match = row.match;
  const who =
    match?.kind === 'invoice'
      ? `${match.customer?.name ?? ''} ${match.invoice?.number ?? ''}`
      : match?.kind === 'customer'
        ? `${match.customer?.name ?? ''} (${match.note ?? ''})`
        : `unmatched: ${match?.note ?? ''}`;
  const payment = row.payment ? ` → ${row.payment.number}${row.payment.awaitingAssignment ? ' (to assign)' : ''}` : '';
  return `${who}${payment}`;
}

function printRows(print: HumanPrinter, rows: StatementRowView[], total: number): void {
  print.table(
    [{ header: 'LINE', align: 'right' }, { header: 'DATE' }, { header: 'AMOUNT', align: 'right' }, { header: 'REFERENCE' }, { header: 'OUTCOME' }],
    rows.map((row) => [
      String(row.line),
      row.bookedOn ?? '-',
      row.amount ? `${row.outcome === 'debit' ? '-' : ''}${formatMoney(row.amount)}` : '-',
      row.reference.length > 40 ? `${row.reference.slice(0, 39)}…` : row.reference,
      outcomeOf(row),
    ]),
  );
  if (total > rows.length) print.line(`... and ${count(total - rows.length)} more rows`);
}

async function firstRows(ctx: ServiceContext, id: string): Promise<StatementRowView[]> {
  return (await listStatementRows(ctx, id, { limit: SHOWN_ROWS })).items;
}

export const bankStatementsImport: Command = {
  name: 'bank-statements import',
  summary: 'Record the transfers of a bank statement (CSV, XLSX): match each by invoice number or customer reference, then book them as payments.',
  positional: { name: 'file', description: 'the statement as the bank exports it (.csv, .xlsx)' },
  options: {
    source: { type: 'string', description: 'the bank account it is from; its mapping is saved under this name for the next statement', placeholder: '<name>' },
    mapping: { type: 'string', description: 'a JSON file of the column mapping (default: the account’s saved one, or a guess from the header)', placeholder: '<file.json>' },
    currency: { type: 'string', description: 'the currency of every row, for statements without a currency column', placeholder: '<code>' },
    'date-format': { type: 'string', description: 'how the date column is written, e.g. DD.MM.YYYY, iso (default: detected)', placeholder: '<format>' },
    'valid-only': { type: 'boolean', description: 'record the valid transfers even when other rows are invalid (default: all or nothing)' },
    'dry-run': { type: 'boolean', description: 'match and report every row, record nothing' },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const path = input.argument ?? '';
    const say = (text: string) => input.stderr.write(text);
    const size = await stat(path).catch(() => {
      throw new ValidationError([{ field: 'file', message: `cannot read ${path}: no such file` }]);
    });
    const givenMapping = await mappingFile(input.option('mapping'));

    const uploaded = await uploadStatement(ctx, { fileName: basename(path), source: input.option('source') ?? 'default', bytes: createReadStream(path) });
    say(`uploaded ${basename(path)} (${count(size.size)} bytes) as bank statement ${uploaded.id}\n`);
    const offered = await describeStatement(ctx, uploaded);
    const mapping: Record<string, unknown> = { ...((givenMapping as object | undefined) ?? offered.offeredMapping) };
    const currency = input.option('currency');
    if (currency) {
      mapping.currency = currency.toUpperCase();
      delete mapping.currencyColumn;
    }
    if (input.option('date-format')) mapping.dateFormat = input.option('date-format');
    if (givenMapping === undefined) say(`mapping (${offered.offeredFrom}): ${JSON.stringify(mapping)}\n`);

    const onProgress = (report: ProgressReport) => say(progressLine(report));
    const validated = await validateStatement(ctx, uploaded.id, { mapping, onProgress });
    const previewed = await describeStatement(ctx, validated);
    const validOnly = input.flag('valid-only');
    const refused = previewed.counts.invalid > 0 && !validOnly;

    if (input.flag('dry-run') || refused) {
      const rows = await firstRows(ctx, validated.id);
      out.result({ statement: bankStatementJson(previewed), rows: rows.map(statementRowJson) }, (print) => {
        print.line(countsLine(previewed));
        printRows(print, rows, previewed.counts.total);
        if (!refused) print.line('Dry run: nothing was recorded.');
      });
      if (refused) {
        throw new ValidationError([
          {
            field: 'file',
            message: `${count(previewed.counts.invalid)} rows are invalid, so nothing was recorded; fix them, or pass --valid-only to record the ${count(previewed.counts.toRecord)} valid transfers`,
          },
        ]);
      }
      return;
    }

    say(`recording ${count(previewed.counts.toRecord)} transfers\n`);
    const committed = await describeStatement(ctx, await commitStatement(ctx, validated.id, { mode: validOnly ? 'valid_only' : 'all_or_nothing', recordedBy: 'cli', onProgress }));
    const rows = await firstRows(ctx, validated.id);
    const { counts } = committed;
    out.result({ statement: bankStatementJson(committed), rows: rows.map(statementRowJson) }, (print) => {
      print.line(
        `Imported ${basename(path)}: ${count(counts.recorded)} transfers recorded (${count(counts.unmatched)} unmatched, waiting to be assigned), ` +
          `${count(counts.debit)} going out and ${count(counts.duplicate)} already recorded skipped, ${count(counts.invalid)} rows rejected.`,
      );
      printRows(print, rows, counts.total);
      if (counts.unmatched > 0) print.line('Assign the unmatched ones with `uplink payments assign <payment> --customer <email, id or CUST- reference>`.');
    });
  },
};
