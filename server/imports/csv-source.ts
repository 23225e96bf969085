// CSV files: layout detection (encoding, delimiter, header) from the first part of the file, and
// the full read, streamed chunk by chunk.
import { CsvRecordSplitter } from './csv-records.js';
import {
  FileFormatError,
  SAMPLE_ROWS,
  numberedColumns,
  type ByteChunks,
  type FileLayout,
  type ReadOptions,
  type SourceRow,
} from './file-layout.js';
import { headerNames, looksLikeHeader } from './header-detection.js';
import { ChunkDecoder, detectEncoding } from './text-decoding.js';

const DELIMITERS = [',', ';', '\t', '|'];
/** Enough of the file to judge it: at least this much, more if its lines are long. */
const DETECT_MIN_BYTES = 64 * 1024;
const DETECT_MAX_BYTES = 1024 * 1024;
const DETECT_LINES = 200;

export async function detectCsvLayout(chunks: ByteChunks, options: ReadOptions): Promise<FileLayout> {
  const { bytes, complete } = await readHead(chunks);
  const encoding = options.encoding ?? detectEncoding(bytes, complete);
  const decoder = new ChunkDecoder(encoding);
  let text = decoder.decode(bytes, () => 1);
  if (complete) text += decoder.decode(undefined, () => 1);
  // A partial read may end inside a record: judge complete lines only.
  if (!complete) {
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak === -1) throw new FileFormatError(`The first line is longer than ${DETECT_MAX_BYTES} bytes: this is no CSV file`);
    text = text.slice(0, lastBreak + 1);
  }

  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records: SourceRow[] = [];
  const splitter = new CsvRecordSplitter(delimiter);
  splitter.push(text, true, records);
  const first = records[0];
  if (first === undefined) throw new FileFormatError('The file has no rows');

  const hasHeader = options.hasHeader ?? looksLikeHeader(first.cells, records.slice(1, 51).map((r) => r.cells));
  const data = hasHeader ? records.slice(1) : records;
  const width = Math.max(first.cells.length, ...data.slice(0, 50).map((r) => r.cells.length));
  return {
    format: 'csv',
    columns: hasHeader ? headerNames(first.cells, width) : numberedColumns(width),
    hasHeader,
    delimiter,
    encoding,
    sample: data.slice(0, SAMPLE_ROWS),
  };
}

export async function* readCsvRows(chunks: ByteChunks, layout: FileLayout): AsyncIterable<SourceRow> {
  for await (const batch of readCsvRowBatches(chunks, layout)) yield* batch;
}

/** The rows a chunk completes, together: far cheaper per row than one `await` each. */
export async function* readCsvRowBatches(chunks: ByteChunks, layout: FileLayout): AsyncIterable<SourceRow[]> {
  const splitter = new CsvRecordSplitter(layout.delimiter ?? ',');
  const decoder = new ChunkDecoder(layout.encoding ?? 'utf-8');
  const lineAt = () => splitter.currentLine;
  let skipHeader = layout.hasHeader;
  let batch: SourceRow[] = [];
  const take = () => {
    if (skipHeader && batch.length > 0) {
      batch.shift();
      skipHeader = false;
    }
    const done = batch;
    batch = [];
    return done;
  };
  for await (const chunk of chunks()) {
    splitter.push(decoder.decode(chunk, lineAt), false, batch);
    if (batch.length > 0) yield take();
  }
  splitter.push(decoder.decode(undefined, lineAt), true, batch);
  if (batch.length > 0) yield take();
}

/** The first part of the file, stopping the read there: the file may be far larger. */
async function readHead(chunks: ByteChunks): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const parts: Uint8Array[] = [];
  let size = 0;
  let lines = 0;
  for await (const chunk of chunks()) {
    parts.push(chunk);
    size += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
    if (size >= DETECT_MAX_BYTES || (size >= DETECT_MIN_BYTES && lines >= DETECT_LINES)) {
      return { bytes: Buffer.concat(parts), complete: false };
    }
  }
  return { bytes: Buffer.concat(parts), complete: true };
}

/**
 * The candidate that splits the first lines (outside quotes) into the same number of fields most
 * consistently, and into more fields when tied: in "m-1;2026-10-01;12,5" the semicolon wins over
 * the decimal comma because whole numbers ("12") have no comma.
 */
export function detectDelimiter(text: string): string {
  const lines = logicalLines(text, 50);
  let best = ',';
  let bestScore = -1;
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const frequency = new Map<number, number>();
    for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    let modeCount = 0;
    let modeLines = 0;
    for (const [count, times] of frequency) {
      if (count > 0 && (times > modeLines || (times === modeLines && count > modeCount))) {
        modeCount = count;
        modeLines = times;
      }
    }
    if (modeCount === 0) continue;
    const score = modeLines / lines.length;
    if (score > bestScore || (score === bestScore && modeCount > bestCount)) {
      best = delimiter;
      bestScore = score;
      bestCount = modeCount;
    }
  }
  return best;
}

/** Non-blank lines, where a line break inside quotes does not end a line. */
function logicalLines(text: string, limit: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if ((c === 10 || c === 13) && !quoted) {
      if (i > start) lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (lines.length < limit && start < text.length) lines.push(text.slice(start));
  return lines.filter((line) => line.trim() !== '');
}

function countOutsideQuotes(line: string, delimiter: string): number {
  const code = delimiter.charCodeAt(0);
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === code && !quoted) count++;
  }
  return count;
}
