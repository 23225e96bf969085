// Reading a readings file of any supported format as plain rows of cells. This is the one entry
// point the import pipeline uses: it knows nothing of meters or mappings, only of files.
//
// The file arrives as a factory of byte chunks because it is read twice (once for its layout,
// once in full) and may be hundreds of megabytes: no reader here ever holds the whole file.
import { detectCsvLayout, readCsvRowBatches, readCsvRows } from './csv-source.js';
import { FileFormatError, type ByteChunks, type FileFormat, type FileLayout, type ReadOptions, type SourceRow } from './file-layout.js';
import { detectJsonLayout, readJsonRows } from './json-source.js';
import { detectXlsxLayout, readXlsxRows } from './xlsx-source.js';

/** The format from the options, else the file name's extension, else the first bytes. */
export async function detectLayout(fileName: string, chunks: ByteChunks, options: ReadOptions = {}): Promise<FileLayout> {
  const format = options.format ?? formatFromName(fileName) ?? (await formatFromContent(chunks));
  const layout = await detectFormatLayout(format, chunks, options);
  refuseNulCharacters(layout);
  return layout;
}

function detectFormatLayout(format: FileFormat, chunks: ByteChunks, options: ReadOptions): Promise<FileLayout> {
  switch (format) {
    case 'csv':
      return detectCsvLayout(chunks, options);
    case 'xlsx':
      return detectXlsxLayout(chunks, options);
    case 'json':
      return detectJsonLayout(chunks, options);
  }
}

/**
 * No readings file holds a NUL character (U+0000) in its header or first rows: one that does is a
 * binary file, or text in UTF-16, which is read as neither. (Nor can the database keep it.)
 */
function refuseNulCharacters(layout: FileLayout): void {
  const hasNul = (cell: unknown) => typeof cell === 'string' && cell.includes('\u0000');
  if (layout.columns.some(hasNul)) throw new FileFormatError(nulMessage(layout, layout.hasHeader ? 1 : null));
  const row = layout.sample.find((sampled) => sampled.cells.some(hasNul));
  if (row) throw new FileFormatError(nulMessage(layout, row.line));
}

function nulMessage(layout: FileLayout, line: number | null): string {
  const where = line === null ? 'It holds' : `${layout.format === 'xlsx' ? 'Row' : layout.format === 'json' ? 'Record' : 'Line'} ${line} holds`;
  return `${where} a NUL character, which no readings file has: is it a binary file, or text in UTF-16? Save it as CSV (UTF-8 or Latin-1), XLSX or JSON`;
}

/** Every data row of the file (the header row skipped), in file order, read as `layout` says. */
export function readRows(chunks: ByteChunks, layout: FileLayout): AsyncIterable<SourceRow> {
  switch (layout.format) {
    case 'csv':
      return readCsvRows(chunks, layout);
    case 'xlsx':
      return readXlsxRows(chunks, layout);
    case 'json':
      return readJsonRows(chunks, layout);
  }
}

/**
 * The same rows as `readRows`, several at a time. For a million-row file this saves most of the
 * cost of reading (one `await` per batch instead of per row); batches are never empty.
 */
export async function* readRowBatches(chunks: ByteChunks, layout: FileLayout, batchSize = 1000): AsyncIterable<SourceRow[]> {
  if (layout.format === 'csv') {
    yield* readCsvRowBatches(chunks, layout);
    return;
  }
  let batch: SourceRow[] = [];
  for await (const row of readRows(chunks, layout)) {
    batch.push(row);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function formatFromName(fileName: string): FileFormat | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx';
  if (extension === 'json' || extension === 'ndjson' || extension === 'jsonl') return 'json';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  return null;
}

/** Without a telling name: a zip archive is a workbook, a leading `[` or `{` is JSON, anything else is text. */
async function formatFromContent(chunks: ByteChunks): Promise<FileFormat> {
  for await (const chunk of chunks()) {
    let i = 0;
    if (chunk[0] === 0x50 && chunk[1] === 0x4b) return 'xlsx';
    if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    while (i < chunk.length && (chunk[i] === 0x20 || chunk[i] === 0x09 || chunk[i] === 0x0a || chunk[i] === 0x0d)) i++;
    if (i === chunk.length) continue;
    return chunk[i] === 0x5b || chunk[i] === 0x7b ? 'json' : 'csv';
  }
  return 'csv';
}
