// Serves a request through Remix as @remix-run/express does, except that the body Remix reads is
// bounded (request-body-limit.ts): a body past its route's limit is answered 413 here, the route's
// work is cancelled, and whatever the route answers afterwards is dropped.
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from '@remix-run/node';
import type { NextFunction, Request, Response } from 'express';
import { bodyLimitFor, boundedBody, closeAfterAnswer, tooLargeAnswer } from './request-body-limit.js';

export interface RemixHandlerOptions {
  build: ServerBuild;
  getLoadContext(request: Request, response: Response): AppLoadContext;
}

export function createRemixHandler({ build, getLoadContext }: RemixHandlerOptions) {
  const handleRequest = createRequestHandler(build, process.env.NODE_ENV);
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      const limit = bodyLimitFor(request.method, request.path, request.get('Content-Type'));
      const controller = new AbortController();
      let refused = false;
      const refuse = () => {
        refused = true;
        controller.abort();
        if (response.headersSent) return;
        closeAfterAnswer(request, response);
        void sendResponse(response, tooLargeAnswer(request.path, limit)).catch(next);
      };
      let body: ReadableStream<Uint8Array> | undefined;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const bounded = boundedBody(request, limit, refuse);
        if (!bounded) return;
        body = createReadableStreamFromReadable(bounded);
      }
      // The client went away before the answer was complete: loaders and actions may stop.
      response.on('close', () => {
        if (!response.writableFinished) controller.abort();
      });
      const remixRequest = new globalThis.Request(requestUrl(request), {
        method: request.method,
        headers: requestHeaders(request),
        signal: controller.signal,
        ...(body ? { body, duplex: 'half' } : {}),
      } as RequestInit);
      const answer = await handleRequest(remixRequest, getLoadContext(request, response));
      if (refused) {
        await answer.body?.cancel().catch(() => {});
        return;
      }
      // A body the route never read is not drained to keep the connection: the client may be
      // sending it still, without end.
      if (!request.complete) closeAfterAnswer(request, response);
      await sendResponse(response, answer);
    } catch (error) {
      next(error);
    }
  };
}

function requestUrl(request: Request): string {
  // request.hostname has no port and follows "trust proxy"; the port comes from the host header.
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(':')[1] ?? '', 10);
  const port = [portOf(request.get('X-Forwarded-Host')), portOf(request.get('host'))].find((value) => Number.isSafeInteger(value));
  return new URL(`${request.protocol}://${request.hostname}${port ? `:${port}` : ''}${request.originalUrl}`).href;
}

function requestHeaders(request: Request): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(request.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  return headers;
}

async function sendResponse(response: Response, answer: globalThis.Response): Promise<void> {
  response.statusMessage = answer.statusText;
  response.status(answer.status);
  for (const [name, value] of answer.headers.entries()) response.append(name, value);
  if (answer.body) await writeReadableStreamToWritable(answer.body, response);
  else response.end();
}
