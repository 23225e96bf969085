// The body of a message Resend received: its `email.received` webhook carries only metadata, so
// the message is fetched from Resend's receiving API. When Resend offers the original bytes (a
// short-lived download link), those go through the same MIME parser as every other channel;
// otherwise the text and HTML parts it returns are put back into a MIME message and parsed alike.
import { randomBytes } from 'node:crypto';
import { Resend, type GetReceivingEmailResponseSuccess } from 'resend';
import { AUTOMATIC_HEADERS, MAX_INBOUND_MIME_BYTES, parseInboundMime, type ParsedInboundMail } from '../../../emails/inbound/parse-inbound-mail.js';

export interface ResendReceivingSettings {
  apiKey: string;
  /** Resend API root; unset: the SDK's default (RESEND_BASE_URL or https://api.resend.com). */
  baseUrl: string | undefined;
}

/** Resend could not hand over the message now; its webhook should be delivered again. */
export class ResendFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResendFetchError';
  }
}

const DOWNLOAD_TIMEOUT_MS = 15_000;

export async function fetchReceivedEmail(settings: ResendReceivingSettings, emailId: string): Promise<ParsedInboundMail> {
  const baseUrl = settings.baseUrl?.replace(/\/+$/, '');
  const resend = new Resend(settings.apiKey, baseUrl ? { baseUrl } : undefined);
  // The SDK answers failures with `error` instead of throwing.
  const { data, error } = await resend.emails.receiving.get(emailId);
  if (error || !data) throw new ResendFetchError(`Resend did not return received email ${emailId}: ${error?.message ?? 'no data'}`);
  const raw = data.raw?.download_url ? await downloadRaw(data.raw.download_url) : null;
  if (raw) return parseInboundMime(raw);
  const mail = await parseInboundMime(mimeFromParts(data));
  return {
    ...mail,
    deliveredTo: data.received_for ?? [],
    attachments: (data.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.content_type,
      size: attachment.size,
    })),
  };
}

async function downloadRaw(url: string): Promise<Buffer> {
  let response: globalThis.Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new ResendFetchError(`the original message could not be downloaded from Resend: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new ResendFetchError(`the original message could not be downloaded from Resend (HTTP ${response.status})`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_INBOUND_MIME_BYTES) throw new ResendFetchError(`the original message is larger than ${MAX_INBOUND_MIME_BYTES} bytes`);
  return bytes;
}

/** A MIME message holding the parts Resend returned, so one parser reads every channel. */
function mimeFromParts(email: GetReceivingEmailResponseSuccess): string {
  const boundary = `uplink-${randomBytes(12).toString('hex')}`;
  const headers = [
    `From: ${headerValue(email.from)}`,
    `To: ${headerValue(email.to.join(', '))}`,
    ...(email.cc?.length ? [`Cc: ${headerValue(email.cc.join(', '))}`] : []),
    `Subject: ${encodedWord(headerValue(email.subject ?? ''))}`,
    ...(email.message_id ? [`Message-ID: ${headerValue(email.message_id)}`] : []),
    ...automaticHeaders(email.headers),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const parts: string[] = [];
  if (email.text) parts.push(part('text/plain', email.text, boundary));
  if (email.html) parts.push(part('text/html', email.html, boundary));
  if (parts.length === 0) parts.push(part('text/plain', '', boundary));
  return `${headers.join('\r\n')}\r\n\r\n${parts.join('')}--${boundary}--\r\n`;
}

/** The headers that mark an automatic reply, carried over so the parser sees them (names in any case). */
function automaticHeaders(headers: Record<string, string> | null): string[] {
  return Object.entries(headers ?? {})
    .filter(([name]) => (AUTOMATIC_HEADERS as readonly string[]).includes(name.toLowerCase()))
    .map(([name, value]) => `${headerValue(name).replace(/[^\w-]/g, '')}: ${headerValue(String(value))}`);
}

function part(type: string, content: string, boundary: string): string {
  const body = Buffer.from(content, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  return `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}\r\n`;
}

/** Header values come from the sender: a line break in one must not start a header of its own. */
function headerValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

function encodedWord(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
