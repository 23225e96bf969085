// Receives a multipart upload of a file to import (readings or a bank statement): the file part streams straight into the
// import's chunks in the database as it arrives (never gathered in memory, whatever its size),
// the small text fields (source, mapping, options, the CSRF token) are kept as strings.
import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import type { z } from 'zod';
import type { ImportKind } from '../../db/schema.js';
import type { ServiceContext } from '../../server/services/context.js';
import { ValidationError } from '../../server/services/errors.js';
import { storeChunks, type StoredFile } from '../../server/services/imports/import-chunks.js';
import { discardRefusedUpload, readOptionsSchema, startUpload } from '../../server/services/imports/import-upload.js';
import { isBodyTooLarge } from '../body-limits.server.js';

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
 *
 * A body that breaks off or is not multipart is refused naming `file`, and the import its file
 * went into is deleted: a refused upload leaves nothing behind.
 */
export async function receiveImportUpload(
  request: Request,
  ctx: ServiceContext,
  beforeFile: (fields: Map<string, string>) => void = () => {},
  kind: ImportKind = 'readings',
): Promise<ReceivedUpload> {
  const contentType = request.headers.get('Content-Type') ?? '';
  const boundary = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([^"]+)"|([^\s;"]+))/i.exec(contentType);
  if (!boundary) {
    const hint = /^multipart\/form-data/i.test(contentType) ? ' with its boundary (Content-Type: multipart/form-data; boundary=...)' : ' (a form with a file field named "file")';
    throw new ValidationError([{ field: 'file', message: `send the file as multipart/form-data${hint}` }]);
  }
  const received: ReceivedUpload = { importId: null, stored: null, fields: new Map() };
  // What our own handler threw, told apart from the parser's complaints about the body.
  let handlerFailure: unknown;
  const handler: UploadHandler = async (part) => {
    try {
      return await receivePart(part);
    } catch (error) {
      handlerFailure = error;
      throw error;
    }
  };
  const receivePart: UploadHandler = async ({ name, filename, data }) => {
    if (name === 'file' && filename !== undefined) {
      if (received.importId) throw new ValidationError([{ field: 'file', message: 'send one file per import' }]);
      beforeFile(received.fields);
      received.importId = await startUpload(ctx, filename, '', kind);
      received.stored = await storeChunks(ctx.db, received.importId, partBytes(data));
      return received.importId;
    }
    let text = '';
    const decoder = new TextDecoder();
    let size = 0;
    for await (const piece of partBytes(data)) {
      size += piece.length;
      if (size > MAX_FIELD_BYTES) throw new ValidationError([{ field: name, message: 'is larger than 1 MB' }]);
      text += decoder.decode(piece, { stream: true });
    }
    text += decoder.decode();
    received.fields.set(name, text);
    return text;
  };
  try {
    await unstable_parseMultipartFormData(withPlainContentType(request, boundary[1] ?? boundary[2] ?? ''), handler);
  } catch (error) {
    if (received.importId) await discardRefusedUpload(ctx, received.importId);
    throw error === handlerFailure || isBodyTooLarge(error) ? error : unreadableBody(error);
  }
  return received;
}

/** A part's bytes as the parser reads them: a body that breaks off inside a part is refused, not our failure. */
async function* partBytes(data: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    yield* data;
  } catch (error) {
    throw isBodyTooLarge(error) ? error : unreadableBody(error);
  }
}

function unreadableBody(error: unknown): ValidationError {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/^malformed multipart-form (data|header): /, '').slice(0, 200);
  return new ValidationError([{ field: 'file', message: `the multipart/form-data body cannot be read (${reason})` }]);
}

/**
 * Remix's parser wants exactly `multipart/form-data; boundary=...`: a client that writes the type
 * in capitals, adds a charset or quotes the boundary (all allowed) would be refused.
 */
function withPlainContentType(request: Request, boundary: string): Request {
  const headers = new Headers(request.headers);
  headers.set('Content-Type', `multipart/form-data; boundary=${boundary}`);
  return new Request(request, { headers });
}

/** Refuses text fields the upload does not take, naming each, as a JSON body's unknown fields are refused. */
export function refuseUnknownFields(fields: Map<string, string>, known: readonly string[]): void {
  const unknown = [...fields.keys()].filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new ValidationError(unknown.map((field) => ({ field, message: 'is not a field of this upload' })));
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

/**
 * The `options` part (how to read the file), checked here so every refusal names it as sent:
 * `options.delimiter`, `options.timeColumn` (not a field of it), not a bare `delimiter`.
 */
export function optionsField(fields: Map<string, string>): z.output<typeof readOptionsSchema> {
  const options = jsonField(fields, 'options') ?? {};
  const parsed = readOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const { problems } = ValidationError.fromZod(parsed.error);
  throw new ValidationError(problems.map((problem) => ({ ...problem, field: problem.field === '(body)' ? 'options' : `options.${problem.field}` })));
}
