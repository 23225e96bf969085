import { FileFormatError, type ByteChunks, type FileLayout, type ReadOptions, type SourceRow } from './row-source.js';

export async function detectCsvLayout(_chunks: ByteChunks, _options: ReadOptions): Promise<FileLayout> {
  throw new FileFormatError('csv files cannot be read yet');
}

export async function* readCsvRows(_chunks: ByteChunks, _layout: FileLayout): AsyncIterable<SourceRow> {
  throw new FileFormatError('csv files cannot be read yet');
}
