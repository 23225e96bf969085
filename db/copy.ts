// Bulk loading with COPY, the fastest way into Postgres (several times faster than multi-row
// INSERTs): postgres.js streams `COPY ... FROM STDIN` over its connection; PGlite reads the same
// text format from a Blob per batch (`COPY ... FROM '/dev/blob'`). Rows are written in COPY's
// text format, batched, and the writer waits for the database, so a fast reader never fills memory.
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { Writable } from 'node:stream';
import type { Database } from './client.js';

/** A value of one column: null is SQL NULL, everything else is written as its text. */
export type CopyValue = string | number | boolean | null;

export interface CopyIn {
  /** Adds one row; await it so the database sets the pace. */
  write(values: CopyValue[]): Promise<void>;
  /** Adds whole lines already in COPY's text format (see copyLine, copyText), as text or UTF-8 bytes, with one wait. */
  writeLines(text: string | Uint8Array): Promise<void>;
  /** Sends what is left and ends the COPY. Resolves once every row is stored. */
  finish(): Promise<void>;
  /** Gives up: nothing of this COPY is stored (postgres.js) or only whole earlier batches (PGlite). */
  abort(error: Error): Promise<void>;
}

// Big enough that per-batch overhead disappears, small enough to stay a few MB of memory.
const BATCH_CHARS = 1 << 20;
const PGLITE_BATCH_CHARS = 8 << 20;

/** Starts `COPY table (columns) FROM STDIN` on whichever driver `db` runs on. */
export async function copyIn(db: Database, table: string, columns: string[]): Promise<CopyIn> {
  const client = (db as unknown as { $client: unknown }).$client;
  const target = copyTarget(table, columns);
  if (typeof client === 'function') return postgresCopy(client as Sql, target);
  return pgliteCopy(client as PGlite, target);
}

/**
 * One connection of the pool kept for a caller until released: for a session-level advisory lock
 * held across a long step, and that step's COPY, without taking a connection more than the COPY
 * needs anyway. The embedded database has one connection: its session is simply that one.
 */
export interface ReservedSession {
  /** Runs a statement on this connection; `$1`, ... are `params`. */
  execute(text: string, params?: string[]): Promise<void>;
  copyIn(table: string, columns: string[]): Promise<CopyIn>;
  release(): Promise<void>;
}

export async function reserveSession(db: Database): Promise<ReservedSession> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (typeof client === 'function') {
    const reserved = await (client as Sql).reserve();
    return {
      execute: async (text, params = []) => {
        await reserved.unsafe(text, params);
      },
      copyIn: (table, columns) => postgresCopy(reserved, copyTarget(table, columns)),
      release: async () => reserved.release(),
    };
  }
  const pglite = client as PGlite;
  return {
    execute: async (text, params = []) => {
      await pglite.query(text, params);
    },
    copyIn: (table, columns) => pgliteCopy(pglite, copyTarget(table, columns)),
    release: async () => {},
  };
}

const copyTarget = (table: string, columns: string[]) => `${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')})`;

/**
 * Rows in blocks of about `blockChars`, each block its own COPY statement, the next one filled
 * while the database stores the one before. A table with a foreign key checks it for every row
 * at the end of each statement: one COPY of a million rows ends with seconds in which the sender
 * can only wait; blocks let those checks run while the next rows are prepared. Each block commits
 * on its own, so a failure leaves the earlier blocks stored: for staging tables, whose rows count
 * only once the step that wrote them finished.
 */
export function copyInBlocks(start: () => Promise<CopyIn>, blockBytes: number): CopyIn {
  // Bytes, not one long string: a string grown row by row lives until it is sent, and the
  // garbage collector copies it again and again meanwhile.
  let parts: Uint8Array[] = [];
  let size = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  const send = async () => {
    const block = Buffer.concat(parts, size);
    parts = [];
    size = 0;
    await inFlight;
    if (failure) throw failure;
    inFlight = (async () => {
      const copy = await start();
      await copy.writeLines(block);
      await copy.finish();
    })();
    // Reported by the next send or finish; never an unhandled rejection meanwhile.
    inFlight.catch((error: unknown) => (failure ??= error instanceof Error ? error : new Error(String(error))));
  };
  const add = async (text: string | Uint8Array) => {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    parts.push(bytes);
    size += bytes.length;
    if (size >= blockBytes) await send();
  };
  return {
    write: (values) => add(copyLine(values)),
    writeLines: add,
    async finish() {
      if (size > 0) await send();
      await inFlight;
      if (failure) throw failure;
    },
    async abort() {
      parts = [];
      size = 0;
      await inFlight.catch(() => {});
    },
  };
}

/** Whether `db` is the embedded database: it runs one query at a time, on one connection. */
export function isEmbedded(db: Database): boolean {
  return typeof (db as unknown as { $client: unknown }).$client !== 'function';
}

async function postgresCopy(sql: Sql, target: string): Promise<CopyIn> {
  const stream: Writable = await sql.unsafe(`COPY ${target} FROM STDIN`).writable();
  let failure: Error | null = null;
  stream.on('error', (error: Error) => (failure ??= error));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('close', () => (failure ? reject(failure) : resolve()));
    stream.on('error', reject);
  });
  // A rejection nobody awaits yet must not crash the process; finish() and write() report it.
  finished.catch(() => {});
  let buffer = '';
  const send = async (data: string | Uint8Array) => {
    if (!stream.write(data)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done).off('close', done);
          resolve();
        };
        stream.on('drain', done).on('close', done);
      });
    }
    if (failure) throw failure;
  };
  const flush = async () => {
    if (failure) throw failure;
    if (buffer === '') return;
    const text = buffer;
    buffer = '';
    await send(text);
  };
  return {
    async write(values) {
      buffer += copyLine(values);
      if (buffer.length >= BATCH_CHARS) await flush();
    },
    async writeLines(text) {
      if (typeof text === 'string') {
        buffer += text;
        if (buffer.length >= BATCH_CHARS) await flush();
        return;
      }
      await flush();
      await send(text);
    },
    async finish() {
      await flush();
      stream.end();
      await finished;
    },
    async abort(error) {
      stream.destroy(error);
      await finished.catch(() => {});
    },
  };
}

async function pgliteCopy(pglite: PGlite, target: string): Promise<CopyIn> {
  let parts: (string | Uint8Array)[] = [];
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    const blob = new Blob(parts as BlobPart[]);
    parts = [];
    size = 0;
    await pglite.query(`COPY ${target} FROM '/dev/blob'`, [], { blob });
  };
  const add = (text: string | Uint8Array) => {
    parts.push(text);
    size += text.length;
  };
  return {
    async write(values) {
      add(copyLine(values));
      if (size >= PGLITE_BATCH_CHARS) await flush();
    },
    async writeLines(text) {
      add(text);
      if (size >= PGLITE_BATCH_CHARS) await flush();
    },
    finish: flush,
    async abort() {
      parts = [];
      size = 0;
    },
  };
}

/** One row in COPY's text format: tab-separated, `\N` for NULL, backslash escapes. */
export function copyLine(values: CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    const value = values[i];
    if (value === null || value === undefined) line += '\\N';
    else if (typeof value === 'string') line += escapeText(value);
    else line += String(value);
  }
  return `${line}\n`;
}

/** One text column: `\N` for null, else the text escaped. */
export function copyText(value: string | null): string {
  return value === null ? '\\N' : escapeText(value);
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'));
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
