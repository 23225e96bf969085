import { FileFormatError, type ByteChunks, type FileLayout, type ReadOptions, type SourceRow } from './row-source.js';

export async function detectJsonLayout(_chunks: ByteChunks, _options: ReadOptions): Promise<FileLayout> {
  throw new FileFormatError('json files cannot be read yet');
}

export async function* readJsonRows(_chunks: ByteChunks, _layout: FileLayout): AsyncIterable<SourceRow> {
  throw new FileFormatError('json files cannot be read yet');
}
