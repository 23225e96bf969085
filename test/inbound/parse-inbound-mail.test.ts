// Each sample through the one parser both channels use: addresses, subject and text decoded
// from whatever charset and transfer encoding the client chose, the reply's own words without
// quoted history or signature, and the intent those words carry.
import { describe, expect, it } from 'vitest';
import { parseInboundMime, recipientAddresses, UnreadableMailError } from '../../emails/inbound/parse-inbound-mail.js';
import { readReplyIntent } from '../../emails/inbound/reply-intent.js';
import { extractReplyText } from '../../emails/inbound/reply-text.js';
import { readSample, SAMPLE_REPLY_ADDRESS } from './inbound-samples.js';

async function read(name: string) {
  const mail = await parseInboundMime(readSample(name));
  const reply = extractReplyText(mail.text);
  return { mail, reply, intent: readReplyIntent(reply) };
}

describe('inbound samples', () => {
  it('plain text: addresses, Message-ID and the reply as written; accepted', async () => {
    const { mail, reply, intent } = await read('plain-text.eml');
    expect(mail.from).toBe('anna.customer@example.org');
    expect(mail.fromName).toBe('Anna Customer');
    expect(mail.to).toEqual([SAMPLE_REPLY_ADDRESS]);
    expect(mail.deliveredTo).toEqual([SAMPLE_REPLY_ADDRESS]);
    expect(mail.subject).toBe('Re: Quote Q-2026-000001 from Test ISP');
    expect(mail.messageId).toBe('<plain-text-1@mail.example.org>');
    expect(mail.attachments).toEqual([]);
    expect(mail.automatic).toBeNull();
    expect(reply).toBe('Yes, go ahead.\n\nAnna');
    expect(intent).toBe('accept');
  });

  it('HTML only (Gmail): converted to text, the gmail_quote block left out', async () => {
    const { mail, reply, intent } = await read('html-only.eml');
    expect(mail.text).toContain('Your quote Q-2026-000001');
    expect(reply).toBe('Yes, but no rush. Any weekday works for the visit.');
    expect(intent).toBe('accept');
  });

  it('HTML without a text part inside multipart/mixed (Outlook mobile): converted, the <hr> and From/Sent block left out', async () => {
    const { mail, reply, intent } = await read('html-only-multipart.eml');
    expect(mail.text).toContain('Sent: Tuesday, November 24, 2026');
    expect(mail.attachments).toEqual([{ filename: 'meter-photo.png', contentType: 'image/png', size: 1024 }]);
    expect(reply).toBe('Approved – please schedule the visit.');
    expect(intent).toBe('accept');
  });

  it('Gmail multipart: the "-- " signature and the wrapped "On … wrote:" history removed', async () => {
    const { mail, reply, intent } = await read('gmail-multipart.eml');
    expect(mail.text).toContain('> Total: 480.00 EUR');
    expect(reply).toBe('I accept the quote. Thanks!');
    expect(intent).toBe('accept');
  });

  it('Outlook (windows-1252, quoted-printable, CRLF): the underscore line and From/Sent block removed', async () => {
    const { mail, reply, intent } = await read('outlook-multipart.eml');
    expect(mail.messageId).toBe('<AM0PR04MB1234outlook@AM0PR04MB1234.eurprd04.prod.outlook.com>');
    expect(reply).toBe('No, thank you. 480 € is more than we budgeted – we’ll look elsewhere.\n\nBest regards\nAnna');
    expect(intent).toBe('decline');
  });

  it('Apple Mail (base64): "Sent from my iPhone" and the cited message removed', async () => {
    const { reply, intent } = await read('apple-mail.eml');
    expect(reply).toBe('Approved.');
    expect(intent).toBe('accept');
  });

  it('Thunderbird: a question is kept for staff, and Cc addresses count as recipients', async () => {
    const { mail, reply, intent } = await read('thunderbird.eml');
    expect(mail.cc).toEqual(['office@example.org']);
    expect(recipientAddresses(mail)).toEqual([SAMPLE_REPLY_ADDRESS, 'office@example.org']);
    expect(reply).toBe('Could you do the installation on a Saturday instead? Then we would accept.\n\nRegards, Anna');
    expect(intent).toBe('unknown');
  });

  it('attachment: described by name, type and size, its text reply read', async () => {
    const { mail, reply, intent } = await read('attachment.eml');
    expect(mail.attachments).toEqual([{ filename: 'signed-quote.pdf', contentType: 'application/pdf', size: 51 }]);
    expect(reply).toBe('Accepted, signed copy attached.\n\nAnna');
    expect(intent).toBe('accept');
  });

  it('German (ISO-8859-1, encoded headers): umlauts decoded, "Am … schrieb …:" history removed', async () => {
    const { mail, reply, intent } = await read('german.eml');
    expect(mail.fromName).toBe('Jürgen Müller');
    expect(mail.subject).toBe('AW: Angebot Q-2026-000001 für Sie');
    expect(reply).toBe('Ja, einverstanden. Bitte installieren Sie nächste Woche.\n\nMit freundlichen Grüßen\nJürgen Müller');
    expect(intent).toBe('accept');
  });

  it('French (UTF-8 base64): "Envoyé de mon iPhone" and "Le … a écrit :" removed, declined', async () => {
    const { mail, reply, intent } = await read('french.eml');
    expect(mail.fromName).toBe('Amélie Dupont');
    expect(reply).toBe('Non merci, nous avons trouvé moins cher ailleurs.');
    expect(intent).toBe('decline');
  });

  it('Outlook out-of-office (Auto-Submitted: auto-replied, CRLF, quoted-printable): marked automatic', async () => {
    const { mail, intent } = await read('out-of-office.eml');
    expect(mail.subject).toBe('Automatic reply: Quote Q-2026-000001 from Test ISP');
    expect(mail.automatic).toBe('Auto-Submitted: auto-replied');
    expect(mail.text).toContain('I am out of the office until 30 November with limited access to email.');
    expect(intent).toBe('unknown');
  });

  it.each([
    ['Auto-Submitted: auto-generated', 'Auto-Submitted: auto-generated'],
    ['Auto-Submitted: auto-replied; owner-email="anna@example.org"', 'Auto-Submitted: auto-replied; owner-email="anna@example.org"'],
    ['X-Autoreply: yes', 'X-Autoreply: yes'],
    ['X-Autorespond: vacation', 'X-Autorespond: vacation'],
    ['Precedence: bulk', 'Precedence: bulk'],
    ['Precedence: junk', 'Precedence: junk'],
    ['Precedence: auto_reply', 'Precedence: auto_reply'],
    ['Auto-Submitted: no', null],
    ['Auto-Submitted: No ; a person wrote this', null],
    ['Precedence: list', null],
  ])('the header %j marks a message automatic: %j', async (header, expected) => {
    const raw = readSample('plain-text.eml').toString('latin1').replace(/^MIME-Version:/m, `${header}\nMIME-Version:`);
    expect((await parseInboundMime(raw)).automatic).toBe(expected);
  });

  it.each([
    ['Automatic reply: Re: Quote Q-2026-000001', true],
    ['Out of Office: Re: Quote Q-2026-000001', true],
    ['OUT OF OFFICE Re: Quote', true],
    ['Abwesenheitsnotiz: AW: Angebot Q-2026-000001', true],
    ['Re: Quote Q-2026-000001 from Test ISP', false],
    ['Re: Automatic reply?', false],
  ])('the subject %j marks a message automatic: %s', async (subject, automatic) => {
    const raw = readSample('plain-text.eml').toString('latin1').replace(/^Subject:.*$/m, `Subject: ${subject}`);
    expect((await parseInboundMime(raw)).automatic).toBe(automatic ? `Subject: ${subject}` : null);
  });

  it('keeps the header lines in order from the top, unfolded, for the receiving server\'s trace', async () => {
    const raw =
      'Authentication-Results: mx.isp.example;\r\n\tdkim=pass header.d=example.org;\r\n\tspf=pass smtp.mailfrom=example.org\r\n' +
      'Received: from out.example.org\r\n by mx.isp.example with ESMTPS\r\n' +
      readSample('plain-text.eml').toString('latin1').replace(/\n/g, '\r\n');
    const { headerLines } = await parseInboundMime(raw);
    expect(headerLines.slice(0, 3)).toEqual([
      { name: 'authentication-results', value: 'mx.isp.example; dkim=pass header.d=example.org; spf=pass smtp.mailfrom=example.org' },
      { name: 'received', value: 'from out.example.org by mx.isp.example with ESMTPS' },
      { name: 'return-path', value: '<anna.customer@example.org>' },
    ]);
  });

  it('a message that is not MIME at all still parses, with nothing to act on', async () => {
    const mail = await parseInboundMime('just some words\n');
    expect(mail.from).toBeNull();
    expect(mail.messageId).toBeNull();
    expect(mail.to).toEqual([]);
  });

  it('a header line longer than the parser reads is refused as unreadable, naming the header', async () => {
    const raw = `From: someone@elsewhere.test\r\nSubject: ${'x'.repeat(1024 * 1024)}\r\n\r\nyes\r\n`;
    const refused = await parseInboundMime(raw).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnreadableMailError);
    expect((refused as Error).message).toContain('header');
  });
});
