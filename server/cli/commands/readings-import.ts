// `uplink readings import FILE`: the same import the portal and the API run (upload, mapping,
// validation, commit), straight against the database, with progress lines on stderr.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ValidationError } from '../../services/errors.js';
import { commitImport, commitResult } from '../../services/imports/import-commit.js';
import { describeImport } from '../../services/imports/import-details.js';
import { listInvalidRows } from '../../services/imports/import-errors.js';
import type { ProgressReport } from '../../services/imports/import-progress.js';
import type { ReadingImport } from '../../services/imports/import-records.js';
import { createImport } from '../../services/imports/import-upload.js';
import { validateImport } from '../../services/imports/import-validate.js';
import { importJson, invalidRowJson } from '../../views/import-json.js';
import type { Command } from '../command.js';
import type { HumanPrinter } from '../output.js';

const SHOWN_INVALID_ROWS = 20;
const count = (n: number) => n.toLocaleString('en-US');

function progressLine(report: ProgressReport): string {
  const of = report.expected === null ? '' : ` of ${report.step === 'validating' ? '~' : ''}${count(report.expected)}`;
  const verb = { validating: 'validated', checking: 'checked', committing: 'committed' }[report.step];
  return `${verb} ${count(report.processed)}${of} rows\n`;
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

function printInvalid(print: HumanPrinter, rows: { line: number; column: string | null; reason: string }[], total: number): void {
  print.table(
    [{ header: 'LINE', align: 'right' }, { header: 'COLUMN' }, { header: 'REASON' }],
    rows.map((row) => [String(row.line), row.column ?? '-', row.reason]),
  );
  if (total > rows.length) print.line(`... and ${count(total - rows.length)} more invalid rows`);
}

function countsLine(imported: ReadingImport): string {
  return `${count(imported.totalRows)} rows: ${count(imported.validRows)} valid, ${count(imported.invalidRows)} invalid, ${count(imported.duplicateRows)} duplicates`;
}

export const readingsImport: Command = {
  name: 'readings import',
  summary: 'Import meter readings from a CSV, XLSX or JSON file: validate every row, then store them.',
  positional: { name: 'file', description: 'the readings file (.csv, .xlsx, .json)' },
  options: {
    source: { type: 'string', description: 'where the file comes from; its mapping is saved under this name for the next file', placeholder: '<name>' },
    mapping: { type: 'string', description: 'a JSON file of the column mapping (default: the source’s saved one, or a guess from the header)', placeholder: '<file.json>' },
    'date-format': { type: 'string', description: 'how the time column is written, e.g. DD.MM.YYYY, iso, excel-serial (default: detected)', placeholder: '<format>' },
    'time-zone': { type: 'string', description: 'IANA zone of times without an offset (default: UPLINK_TIME_ZONE, else UTC)', placeholder: '<zone>' },
    'valid-only': { type: 'boolean', description: 'store the valid rows even when others are invalid (default: all or nothing)' },
    'dry-run': { type: 'boolean', description: 'validate and report, store nothing' },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const path = input.argument ?? '';
    const say = (text: string) => input.stderr.write(text);
    const size = await stat(path).catch(() => {
      throw new ValidationError([{ field: 'file', message: `cannot read ${path}: no such file` }]);
    });
    const givenMapping = await mappingFile(input.option('mapping'));

    const uploaded = await createImport(ctx, {
      fileName: basename(path),
      source: input.option('source') ?? 'default',
      bytes: createReadStream(path),
    });
    say(`uploaded ${basename(path)} (${count(size.size)} bytes) as import ${uploaded.id}\n`);

    const offered = await describeImport(ctx, uploaded);
    const overrides = {
      ...(input.option('date-format') ? { dateFormat: input.option('date-format') } : {}),
      ...(input.option('time-zone') ? { timeZone: input.option('time-zone') } : {}),
    };
    const mapping = { ...((givenMapping as object | undefined) ?? offered.offeredMapping), ...overrides };
    if (givenMapping === undefined) say(`mapping (${offered.offeredFrom}): ${JSON.stringify(mapping)}\n`);

    const onProgress = (report: ProgressReport) => say(progressLine(report));
    const validated = await validateImport(ctx, uploaded.id, {
      mapping,
      defaultTimeZone: process.env.UPLINK_TIME_ZONE || 'UTC',
      onProgress,
    });
    const validOnly = input.flag('valid-only');
    const invalid = validated.invalidRows > 0 ? await listInvalidRows(ctx, validated.id, { limit: SHOWN_INVALID_ROWS }) : { items: [] };
    const refused = validated.invalidRows > 0 && !validOnly;

    if (input.flag('dry-run') || refused) {
      out.result({ import: importJson(await describeImport(ctx, validated)), invalidRows: invalid.items.map(invalidRowJson) }, (print) => {
        print.line(countsLine(validated));
        if (invalid.items.length > 0) printInvalid(print, invalid.items, validated.invalidRows);
        if (!refused) print.line('Dry run: nothing was stored.');
      });
      if (refused) {
        throw new ValidationError([
          {
            field: 'file',
            message: `${count(validated.invalidRows)} rows are invalid, so nothing was stored; fix them, or pass --valid-only to store the ${count(validated.validRows)} valid rows`,
          },
        ]);
      }
      return;
    }

    say(`committing ${count(validated.validRows)} rows\n`);
    const committed = await commitImport(ctx, validated.id, { mode: validOnly ? 'valid_only' : 'all_or_nothing', onProgress });
    const result = commitResult(committed);
    out.result({ import: importJson(await describeImport(ctx, committed)), ...result, invalidRows: invalid.items.map(invalidRowJson) }, (print) => {
      print.line(`Imported ${basename(path)}: ${count(result.accepted)} readings stored, ${count(result.duplicates)} duplicates skipped, ${count(result.rejected)} rows rejected.`);
      if (invalid.items.length > 0) {
        printInvalid(print, invalid.items, validated.invalidRows);
        print.line(`The rejected rows: GET /api/v1/imports/${committed.id}/rejected.csv, or the import's page in the portal.`);
      }
    });
  },
};
