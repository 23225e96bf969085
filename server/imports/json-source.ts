// JSON files: a top-level array of objects, an object holding such an array ({"readings": [...]}),
// or NDJSON (one object per line). Streamed: stream-json assembles one object at a time, and
// NDJSON is split into lines here. Columns are the keys of the first objects, in first-seen order.
import { Readable, pipeline } from 'node:stream';
import Assembler from 'stream-json/assembler.js';
import { jsonParser } from 'stream-json/parser.js';
import verifier from 'stream-json/utils/verifier.js';
import {
  FileFormatError,
  SAMPLE_ROWS,
  type ByteChunks,
  type CellValue,
  type FileLayout,
  type JsonShape,
  type ReadOptions,
  type SourceRow,
} from './file-layout.js';
import { hasUtf8Bom } from './text-decoding.js';

/** Objects whose keys make up the columns. */
const COLUMN_OBJECTS = 1000;
const HEAD_MAX_BYTES = 1024 * 1024;

interface JsonObjectAt {
  line: number;
  value: Record<string, unknown>;
}

export async function detectJsonLayout(chunks: ByteChunks, _options: ReadOptions): Promise<FileLayout> {
  const { shape, property: hint } = await detectShape(chunks);
  const columns: string[] = [];
  const seen = new Set<string>();
  const objects: JsonObjectAt[] = [];
  let property: string | undefined = hint;
  const found = (name: string) => (property = name);
  let scanned = 0;
  for await (const object of jsonObjects(chunks, shape, found)) {
    for (const key of Object.keys(object.value)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
    if (objects.length < SAMPLE_ROWS) objects.push(object);
    if (++scanned >= COLUMN_OBJECTS) break;
  }
  if (columns.length === 0) throw new FileFormatError('The file holds no objects with any properties');
  return {
    format: 'json',
    columns,
    hasHeader: false,
    jsonShape: shape,
    ...(property !== undefined ? { jsonProperty: property } : {}),
    sample: objects.map((object) => toRow(object, columns)),
  };
}

export async function* readJsonRows(chunks: ByteChunks, layout: FileLayout): AsyncIterable<SourceRow> {
  const shape = layout.jsonShape ?? (await detectShape(chunks)).shape;
  for await (const object of jsonObjects(chunks, shape, () => {})) yield toRow(object, layout.columns);
}

function toRow(object: JsonObjectAt, columns: string[]): SourceRow {
  const cells = new Array<CellValue>(columns.length);
  for (let i = 0; i < columns.length; i++) cells[i] = jsonCell(object.value[columns[i]!]);
  return { line: object.line, cells };
}

function jsonCell(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // A nested object or list stays visible as its JSON text; the validator will reject it.
  return JSON.stringify(value);
}

function jsonObjects(chunks: ByteChunks, shape: JsonShape, foundProperty: (name: string) => void): AsyncIterable<JsonObjectAt> {
  return shape === 'ndjson' ? ndjsonObjects(chunks) : arrayObjects(chunks, shape, foundProperty);
}

type Token = { name: string; value?: unknown };
/** stream-chain's end-of-input marker (a registered symbol): flushes the tokenizer. */
const none = Symbol.for('object-stream.none');

/**
 * The objects of the rows array, assembled one at a time from the tokenizer's output. The bare
 * tokenizer and assembler are driven here directly: Node streams between them would cost an
 * object-mode hand-off per token, twenty times the cost of the parse itself.
 */
async function* arrayObjects(
  chunks: ByteChunks,
  shape: 'array' | 'object',
  foundProperty: (name: string) => void,
): AsyncIterable<JsonObjectAt> {
  const tokenize = jsonParser({ streamValues: false }) as unknown as (text: string | symbol) => unknown;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  // Where the rows are: the items of the top-level array, or of the first array inside the top-level object.
  const rowsDepth = shape === 'array' ? 1 : 2;
  let depth = 0;
  let inRows = false;
  let foundRows = false;
  let key = '';
  let index = 0;
  let item: Assembler | null = null;
  const ready: JsonObjectAt[] = [];

  const take = (token: Token) => {
    const name = token.name;
    const opens = name === 'startObject' || name === 'startArray';
    const closes = name === 'endObject' || name === 'endArray';
    if (closes) depth--;
    if (item) {
      item.consume(token as never);
      if (item.done) {
        ready.push({ line: ++index, value: item.current as Record<string, unknown> });
        item = null;
      }
    } else if (inRows && depth === rowsDepth && !closes) {
      if (name !== 'startObject') throw new FileFormatError(`Item ${index + 1} is not an object but ${describeToken(token)}`);
      item = new Assembler();
      item.consume(token as never);
    } else if (!foundRows && name === 'startArray' && depth === rowsDepth - 1 && (shape === 'array' || depth === 1)) {
      inRows = foundRows = true;
      if (shape === 'object') foundProperty(key);
    } else if (inRows && name === 'endArray' && depth === rowsDepth - 1) {
      inRows = false;
    } else if (name === 'keyValue' && depth === 1) {
      key = String(token.value);
    } else if (depth === 0 && shape === 'object' && !opens && !closes) {
      throw new FileFormatError('The file does not hold a JSON object');
    }
    if (opens) depth++;
  };

  const feed = (text: string | symbol) => {
    let tokens: Token[];
    try {
      tokens = tokenList(tokenize(text));
    } catch (error) {
      throw new SyntaxProblem(error);
    }
    for (const token of tokens) take(token);
  };

  try {
    for await (const chunk of chunks()) {
      feed(decoder.decode(chunk, { stream: true }));
      if (ready.length > 0) yield* ready.splice(0);
    }
    const rest = decoder.decode();
    if (rest !== '') feed(rest);
    feed(none);
    if (ready.length > 0) yield* ready.splice(0);
  } catch (error) {
    if (error instanceof SyntaxProblem) throw await locateSyntaxError(chunks, error.cause);
    throw error;
  }
  if (!foundRows) throw new FileFormatError('The JSON object has no property holding a list of readings');
}

/** The tokenizer answers with several tokens (`many`), one, or none. */
function tokenList(result: unknown): Token[] {
  if (result === none || result === undefined) return [];
  const values = (result as { values?: unknown }).values;
  return Array.isArray(values) ? (values as Token[]) : [result as Token];
}

class SyntaxProblem extends Error {
  constructor(override readonly cause: unknown) {
    super('JSON syntax error');
  }
}

function describeToken(token: Token): string {
  if (token.name === 'startArray') return 'a list';
  if (token.name === 'stringValue') return describe(token.value);
  if (token.name === 'numberValue') return `number ${String(token.value)}`;
  return describe(token.value ?? null);
}

async function* ndjsonObjects(chunks: ByteChunks): AsyncIterable<JsonObjectAt> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let line = 1;
  const parseLine = (text: string, at: number): JsonObjectAt | null => {
    if (text.trim() === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new FileFormatError(`Line ${at} is not valid JSON: ${(error as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new FileFormatError(`Line ${at} is not an object but ${describe(value)}`);
    }
    return { line: at, value: value as Record<string, unknown> };
  };
  for await (const chunk of chunks()) {
    const text = carry + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const object = parseLine(text.slice(start, end), line++);
      if (object) yield object;
      start = end + 1;
    }
    carry = text.slice(start);
  }
  const object = parseLine(carry + decoder.decode(), line);
  if (object) yield object;
}

/**
 * The shape from the first bytes: `[` starts an array; a first line that is a whole object is
 * NDJSON unless it is the only line and holds a list; any other `{` opens a wrapping object.
 */
async function detectShape(chunks: ByteChunks): Promise<{ shape: JsonShape; property?: string }> {
  const parts: Uint8Array[] = [];
  let size = 0;
  let complete = true;
  for await (const chunk of chunks()) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= HEAD_MAX_BYTES) {
      complete = false;
      break;
    }
  }
  let head = Buffer.concat(parts);
  if (hasUtf8Bom(head)) head = head.subarray(3);
  const text = new TextDecoder('utf-8').decode(head, { stream: !complete }).trimStart();
  if (text === '') throw new FileFormatError('The file is empty');
  if (text[0] === '[') return { shape: 'array' };
  if (text[0] !== '{') {
    throw new FileFormatError(
      `The file does not start with a JSON array or object (it starts with '${text.slice(0, 20)}')`,
    );
  }
  const lineEnd = text.indexOf('\n');
  const firstLine = lineEnd === -1 ? text : text.slice(0, lineEnd);
  let first: unknown;
  try {
    first = JSON.parse(firstLine);
  } catch {
    return { shape: 'object' };
  }
  const rest = lineEnd === -1 ? '' : text.slice(lineEnd + 1).trim();
  if (rest === '' && complete) {
    const property = Object.entries(first as Record<string, unknown>).find(([, v]) => Array.isArray(v))?.[0];
    if (property !== undefined) return { shape: 'object', property };
  }
  return { shape: 'ndjson' };
}

/** The parser says what is wrong but not where; a second, validating pass finds the place. */
async function locateSyntaxError(chunks: ByteChunks, error: unknown): Promise<FileFormatError> {
  const detail = plainReason(error instanceof Error ? error.message : String(error));
  const input = Readable.from(chunks());
  const check = pipeline(input, verifier.asStream(), () => {});
  try {
    for await (const _ of check as AsyncIterable<unknown>) void _;
  } catch (located) {
    const { line, pos } = located as { line?: number; pos?: number };
    if (line !== undefined && pos !== undefined) {
      return new FileFormatError(`The file is not valid JSON at line ${line}, column ${pos}: ${cleanMessage(located, detail)}`);
    }
  } finally {
    input.destroy();
  }
  return new FileFormatError(`The file is not valid JSON: ${detail}`);
}

function cleanMessage(located: unknown, fallback: string): string {
  const reason = plainReason(located instanceof Error ? located.message : '');
  return reason === '' ? fallback : reason;
}

/** "ERROR at 57 (3, 29): Verifier cannot parse input: expected a value" as "expected a value". */
function plainReason(message: string): string {
  return message
    .replace(/^ERROR at \d+ \(\d+, \d+\): /, '')
    .replace(/^(Verifier|Parser) cannot parse input: /, '')
    .replace(/^(Verifier|Parser) has expected /, 'expected ');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}
