// The uploaded file lives in the database in ~1 MB chunks: any portal process or CLI run can
// read it again, and none ever holds more than a chunk of it in memory.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { readingImportChunks } from '../../../db/schema.js';
import type { ByteChunks } from '../../imports/file-layout.js';

export const CHUNK_BYTES = 1024 * 1024;

/** What storing a file counted while it passed. */
export interface StoredFile {
  byteSize: number;
  /** Line breaks seen: the row count of a text file, give or take its header. */
  lineBreaks: number;
  /** Whether the last line ends with a line break (then it does not start another row). */
  endsWithLineBreak: boolean;
}

/**
 * Streams `bytes` into the import's chunks, regrouped into CHUNK_BYTES pieces whatever sizes
 * arrive (a multipart parser hands over 64 KB at a time, a file stream 64 KB too).
 */
export async function storeChunks(db: Database, importId: string, bytes: AsyncIterable<Uint8Array>): Promise<StoredFile> {
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  let seq = 0;
  let byteSize = 0;
  let lineBreaks = 0;
  let lastByte = -1;
  // One chunk is stored while the next one is read: at most two chunks in memory.
  let storing: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    if (pendingSize === 0) return;
    const data = Buffer.concat(pending, pendingSize);
    pending = [];
    pendingSize = 0;
    await storing;
    // then() runs the query once and gives a plain promise (drizzle runs a query per then()).
    storing = db
      .insert(readingImportChunks)
      .values({ importId, seq: seq++, data })
      .then(() => undefined);
    // Reported by the next flush; never an unhandled rejection if the upload breaks off meanwhile.
    storing.catch(() => {});
  };
  for await (const piece of bytes) {
    byteSize += piece.length;
    for (let i = piece.indexOf(0x0a); i !== -1; i = piece.indexOf(0x0a, i + 1)) lineBreaks++;
    if (piece.length > 0) lastByte = piece[piece.length - 1]!;
    pending.push(piece);
    pendingSize += piece.length;
    if (pendingSize >= CHUNK_BYTES) await flush();
  }
  await flush();
  await storing;
  return { byteSize, lineBreaks, endsWithLineBreak: lastByte === 0x0a };
}

/**
 * The stored file as chunks, in order; the next chunk is fetched while the reader works on this
 * one (at most two in memory).
 */
export function storedChunks(db: Database, importId: string): ByteChunks {
  const fetch = async (seq: number) => {
    const [chunk] = await db
      .select({ data: readingImportChunks.data })
      .from(readingImportChunks)
      .where(and(eq(readingImportChunks.importId, importId), eq(readingImportChunks.seq, seq)));
    return chunk ? toBytes(chunk.data) : null;
  };
  return async function* () {
    let next = fetch(0);
    for (let seq = 0; ; seq++) {
      const chunk = await next;
      if (!chunk) return;
      next = fetch(seq + 1);
      // A reader that stops early (a layout sample) leaves the prefetch to settle unseen.
      next.catch(() => {});
      yield chunk;
    }
  };
}

// postgres.js gives bytea as a Buffer; PGlite as a Uint8Array; both are what the readers take.
function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'string' && data.startsWith('\\x')) return Buffer.from(data.slice(2), 'hex');
  throw new Error('a stored file chunk is not bytes');
}
