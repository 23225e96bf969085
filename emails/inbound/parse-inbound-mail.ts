// One reading of an inbound email, whichever way it arrived: raw RFC 822 MIME goes through
// mailparser (charsets, transfer encodings, multipart, HTML-only mail converted to text), and
// the result keeps only what the rest of Uplink needs. Attachments are described, never kept.
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';

export interface InboundAttachment {
  filename: string | null;
  contentType: string;
  size: number;
}

export interface ParsedInboundMail {
  /** The sender's bare address as written (compare case-insensitively), or null when none parses. */
  from: string | null;
  fromName: string | null;
  to: string[];
  cc: string[];
  /** Where the mail server says it delivered the message (Delivered-To, X-Original-To). */
  deliveredTo: string[];
  subject: string;
  /** The Message-ID header with its angle brackets, or null when the message has none. */
  messageId: string | null;
  /** The whole text: the text part, or the HTML part converted to text when there is none. */
  text: string;
  attachments: InboundAttachment[];
}

/** Largest message either channel accepts; replies to a quote are a few kilobytes. */
export const MAX_INBOUND_MIME_BYTES = 10 * 1024 * 1024;

export async function parseInboundMime(raw: Buffer | string): Promise<ParsedInboundMail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const sender = addresses(mail.from)[0];
  return {
    from: sender?.address ?? null,
    fromName: sender?.name || null,
    to: addresses(mail.to).map((entry) => entry.address),
    cc: addresses(mail.cc).map((entry) => entry.address),
    deliveredTo: [...headerAddresses(mail, 'delivered-to'), ...headerAddresses(mail, 'x-original-to')],
    subject: normaliseText(mail.subject ?? '').trim(),
    messageId: normaliseText(mail.messageId ?? '').trim() || null,
    text: normaliseText(mail.text || (typeof mail.html === 'string' ? await textOfHtml(mail.html) : '')),
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
    })),
  };
}

/**
 * mailparser converts HTML to text only for a message that is HTML alone; HTML that sits inside
 * multipart/alternative or multipart/mixed without a text part (some mobile and web clients send
 * that) comes back without text. The same library converts it when given that HTML on its own.
 */
async function textOfHtml(html: string): Promise<string> {
  const single = `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(html, 'utf8').toString('base64')}\r\n`;
  return (await simpleParser(single, { skipImageLinks: true, skipTextToHtml: true })).text ?? '';
}

/** Every recipient address, de-duplicated (case-insensitively), in the order they appear. */
export function recipientAddresses(mail: Pick<ParsedInboundMail, 'to' | 'cc' | 'deliveredTo'>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const address of [...mail.to, ...mail.cc, ...mail.deliveredTo]) {
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(address);
  }
  return out;
}

interface Mailbox {
  address: string;
  name: string;
}

function addresses(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  const out: Mailbox[] = [];
  for (const object of objects) {
    for (const entry of object.value) {
      // A group ("Team: a@x, b@y;") lists its members inside.
      for (const member of entry.group ?? [entry]) {
        if (member.address) out.push({ address: member.address.trim(), name: member.name?.trim() ?? '' });
      }
    }
  }
  return out;
}

/** Delivered-To may appear once per hop; mailparser keeps address headers it knows as objects. */
function headerAddresses(mail: ParsedMail, name: string): string[] {
  const value: HeaderValue | undefined = mail.headers.get(name);
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const out: string[] = [];
  for (const item of values) {
    if (typeof item === 'string') out.push(...item.split(',').map((part) => part.trim().replace(/^<|>$/g, '')).filter(Boolean));
    else if (item && typeof item === 'object' && 'value' in item) out.push(...addresses(item as AddressObject).map((entry) => entry.address));
  }
  return out;
}

/** Line breaks as \n, no-break spaces as spaces, and no NUL (PostgreSQL text cannot hold it). */
function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').replace(/\u0000/g, '');
}
