// A CSV file as a download, streamed line by line as the rows are read.
export function csvDownload(file: { fileName: string; lines: AsyncIterable<string> }): Response {
  const encoder = new TextEncoder();
  const iterator = file.lines[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(file.fileName),
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * Header values are Latin-1 only: a name such as "€.csv" would make the Response throw. Browsers
 * take the UTF-8 `filename*` (RFC 6266/5987); `filename` is an ASCII fallback for the others.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
