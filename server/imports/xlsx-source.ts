import { FileFormatError, type ByteChunks, type FileLayout, type ReadOptions, type SourceRow } from './row-source.js';

export async function detectXlsxLayout(_chunks: ByteChunks, _options: ReadOptions): Promise<FileLayout> {
  throw new FileFormatError('xlsx files cannot be read yet');
}

export async function* readXlsxRows(_chunks: ByteChunks, _layout: FileLayout): AsyncIterable<SourceRow> {
  throw new FileFormatError('xlsx files cannot be read yet');
}
