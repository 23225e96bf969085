// Byte-chunk factories for `detectLayout` and `readRows`: a file on disk (the CLI) or bytes
// already in memory (small uploads, tests).
import { createReadStream } from 'node:fs';
import type { ByteChunks } from './file-layout.js';

export function fileChunks(path: string, chunkSize = 256 * 1024): ByteChunks {
  return () => createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Uint8Array>;
}

export function memoryChunks(bytes: Uint8Array | string, chunkSize = 256 * 1024): ByteChunks {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return async function* () {
    for (let i = 0; i < data.length; i += chunkSize) yield data.subarray(i, Math.min(i + chunkSize, data.length));
  };
}
