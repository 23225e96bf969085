// The uploaded file lives in the database in ~1 MB chunks: any portal process or CLI run can
// read it again, and none ever holds more than a chunk of it in memory.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { readingImportChunks } from '../../../db/schema.js';
import type { ByteChunks } from '../../imports/row-source.js';

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
  const flush = async () => {
    if (pendingSize === 0) return;
    const data = Buffer.concat(pending, pendingSize);
    pending = [];
    pendingSize = 0;
    await db.insert(readingImportChunks).values({ importId, seq: seq++, data });
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
  return { byteSize, lineBreaks, endsWithLineBreak: lastByte === 0x0a };
}

/** The stored file as chunks, fetched one at a time as the reader asks for them. */
export function storedChunks(db: Database, importId: string): ByteChunks {
  return async function* () {
    for (let seq = 0; ; seq++) {
      const [chunk] = await db
        .select({ data: readingImportChunks.data })
        .from(readingImportChunks)
        .where(and(eq(readingImportChunks.importId, importId), eq(readingImportChunks.seq, seq)));
      if (!chunk) return;
      yield toBytes(chunk.data);
    }
  };
}

// postgres.js gives bytea as a Buffer; PGlite as a Uint8Array; both are what the readers take.
function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'string' && data.startsWith('\\x')) return Buffer.from(data.slice(2), 'hex');
  throw new Error('a stored file chunk is not bytes');
}
