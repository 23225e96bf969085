// Receives a multipart upload of a readings file: the file part streams straight into the
// import's chunks in the database as it arrives (never gathered in memory, whatever its size),
// the small text fields (source, mapping, options, the CSRF token) are kept as strings.
import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import type { ServiceContext } from '../../server/services/context.js';
import { ValidationError } from '../../server/services/errors.js';
import { storeChunks, type StoredFile } from '../../server/services/imports/import-chunks.js';
import { startUpload } from '../../server/services/imports/import-upload.js';

export interface ReceivedUpload {
  /** The import the file went into; null when the form had no file. */
  importId: string | null;
  stored: StoredFile | null;
  fields: Map<string, string>;
}

const MAX_FIELD_BYTES = 1024 * 1024;

/**
 * `beforeFile` sees the text fields that came before the file (a form sends them in order): the
 * staff page checks its CSRF token there, so a forged post stores nothing.
 */
export async function receiveImportUpload(
  request: Request,
  ctx: ServiceContext,
  beforeFile: (fields: Map<string, string>) => void = () => {},
): Promise<ReceivedUpload> {
  if (!/^multipart\/form-data/i.test(request.headers.get('Content-Type') ?? '')) {
    throw new ValidationError([{ field: 'file', message: 'send the file as multipart/form-data (a form with a file field named "file")' }]);
  }
  const received: ReceivedUpload = { importId: null, stored: null, fields: new Map() };
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (name === 'file' && filename !== undefined) {
      if (received.importId) throw new ValidationError([{ field: 'file', message: 'send one file per import' }]);
      beforeFile(received.fields);
      received.importId = await startUpload(ctx, filename);
      received.stored = await storeChunks(ctx.db, received.importId, data);
      return received.importId;
    }
    let text = '';
    const decoder = new TextDecoder();
    let size = 0;
    for await (const piece of data) {
      size += piece.length;
      if (size > MAX_FIELD_BYTES) throw new ValidationError([{ field: name, message: 'is larger than 1 MB' }]);
      text += decoder.decode(piece, { stream: true });
    }
    text += decoder.decode();
    received.fields.set(name, text);
    return text;
  };
  await unstable_parseMultipartFormData(request, handler);
  return received;
}

/** A JSON text field, refused naming the field when it is not JSON. */
export function jsonField(fields: Map<string, string>, name: string): unknown {
  const text = fields.get(name);
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError([{ field: name, message: `is not JSON: ${(error as Error).message}` }]);
  }
}
