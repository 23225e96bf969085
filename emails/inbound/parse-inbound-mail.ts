// One reading of an inbound email, whichever way it arrived: raw RFC 822 MIME goes through
// mailparser (charsets, transfer encodings, multipart, HTML-only mail converted to text), and
// the result keeps only what the rest of Uplink needs. Attachments are described, never kept.
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import type { InboundHeaderLine } from './sender-authentication.js';

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
  /**
   * What marks the message as sent by a machine (an out-of-office notice, a list, a bounce), e.g.
   * "Auto-Submitted: auto-replied"; null for a message a person sent. RFC 3834: never act on or
   * answer one, or two auto-responders answer each other forever.
   */
  automatic: string | null;
  /**
   * The message's header lines in order from the top, unfolded (at most MAX_HEADER_LINES): the
   * trace our receiving server adds (Authentication-Results) is read from them.
   */
  headerLines: InboundHeaderLine[];
}

/** Header lines kept for reading the trace; our server's own lines are at the top. */
export const MAX_HEADER_LINES = 200;

/** Largest message either channel accepts; replies to a quote are a few kilobytes. */
export const MAX_INBOUND_MIME_BYTES = 10 * 1024 * 1024;

/**
 * The parser could not read the message (a header line longer than it accepts, say). Parsing
 * depends on the bytes alone, so the same message delivered again fails again: refuse it for good.
 */
export class UnreadableMailError extends Error {
  constructor(options: { cause: unknown }) {
    super(`the message cannot be read: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
    this.name = 'UnreadableMailError';
  }
}

export async function parseInboundMime(raw: Buffer | string): Promise<ParsedInboundMail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true }).catch((error: unknown) => {
    throw new UnreadableMailError({ cause: error });
  });
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
    automatic: automaticMarker(mail),
    headerLines: orderedHeaderLines(mail),
  };
}

function orderedHeaderLines(mail: ParsedMail): InboundHeaderLine[] {
  return mail.headerLines.slice(0, MAX_HEADER_LINES).map(({ key, line }) => {
    const colon = line.indexOf(':');
    const value = colon === -1 ? '' : line.slice(colon + 1);
    return { name: key.toLowerCase(), value: normaliseText(value).replace(/\n[ \t]+/g, ' ').trim() };
  });
}

/** Headers (RFC 3834 and the older ones clients still send) that mark an automatic message. */
export const AUTOMATIC_HEADERS = ['auto-submitted', 'x-autoreply', 'x-autorespond', 'precedence'] as const;
const AUTOMATIC_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk']);
/** Subjects of out-of-office notices from clients that send none of those headers. */
const AUTOMATIC_SUBJECT = /^(automatic reply|auto(matic)?[ -]?reply|out of (the )?office|abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta automática|automatisch antwoord)\b/i;

function automaticMarker(mail: ParsedMail): string | null {
  const autoSubmitted = headerText(mail, 'auto-submitted');
  // "no" is the one value a person's message may carry; anything else (auto-replied, auto-generated, …) is a machine.
  if (autoSubmitted !== null && autoSubmitted.split(';')[0]?.trim().toLowerCase() !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  for (const name of ['x-autoreply', 'x-autorespond'] as const) {
    const value = headerText(mail, name);
    if (value !== null) return `${name === 'x-autoreply' ? 'X-Autoreply' : 'X-Autorespond'}: ${value}`;
  }
  const precedence = headerText(mail, 'precedence');
  if (precedence !== null && AUTOMATIC_PRECEDENCE.has(precedence.toLowerCase())) return `Precedence: ${precedence}`;
  const subject = normaliseText(mail.subject ?? '').trim();
  if (AUTOMATIC_SUBJECT.test(subject)) return `Subject: ${subject}`;
  return null;
}

/** A header's value as text (the first when it repeats), or null when the message lacks it. */
function headerText(mail: ParsedMail, name: string): string | null {
  const value: HeaderValue | undefined = mail.headers.get(name);
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return null;
  if (typeof first === 'string') return normaliseText(first).replace(/\s+/g, ' ').trim();
  if (typeof first === 'object' && 'value' in first && typeof first.value === 'string') return first.value.trim();
  return String(first).trim();
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
