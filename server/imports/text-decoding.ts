// Bytes to text for CSV files: UTF-8 (with or without a byte order mark) or Latin-1. A file
// that is not valid UTF-8 is taken for Latin-1, read as Windows-1252 as browsers do, since
// that is what "ANSI" exports from Excel actually are (it agrees with ISO 8859-1 on letters).
import { FileFormatError, type TextEncoding } from './file-layout.js';

const BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** The encoding of a file from its first bytes; `complete` says whether they are the whole file. */
export function detectEncoding(bytes: Uint8Array, complete: boolean): TextEncoding {
  if (hasUtf8Bom(bytes)) return 'utf-8';
  try {
    // Streaming mode forgives a character cut in two at the end of a partial read.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'latin1';
  }
}

/**
 * A streaming decoder. UTF-8 is decoded strictly: a file detected as UTF-8 from its beginning
 * that turns out otherwise further on must be read again as Latin-1, not silently garbled.
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;

  constructor(readonly encoding: TextEncoding) {
    this.decoder =
      encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder('windows-1252');
  }

  /** The text of `bytes`; `lineAt` names the line reached so far, for the error message. */
  decode(bytes: Uint8Array | undefined, lineAt: () => number): string {
    try {
      return bytes === undefined ? this.decoder.decode() : this.decoder.decode(bytes, { stream: true });
    } catch {
      const line = lineAt() + (bytes ? countLineFeeds(bytes, firstInvalidUtf8(bytes)) : 0);
      throw new FileFormatError(
        `Line ${line} is not valid UTF-8 text; the file is probably Latin-1 (Windows-1252): read it with that encoding`,
      );
    }
  }
}

function countLineFeeds(bytes: Uint8Array, to: number): number {
  let count = 0;
  for (let i = 0; i < to; i++) if (bytes[i] === 0x0a) count++;
  return count;
}

/** Where the first malformed UTF-8 sequence starts (approximate at a chunk's first bytes). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if ((next & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return bytes.length;
}
