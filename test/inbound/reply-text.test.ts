import { describe, expect, it } from 'vitest';
import { extractReplyText } from '../../emails/inbound/reply-text.js';

describe('extractReplyText', () => {
  it.each([
    ['Gmail one-line attribution', 'Yes\n\nOn Tue, 24 Nov 2026 at 09:12, Test ISP <billing@uplink.test> wrote:\n> quote'],
    ['Outlook original message', 'Yes\n\n-----Original Message-----\nFrom: Test ISP\nquote'],
    ['Outlook header block without a rule', 'Yes\n\nFrom: Test ISP <billing@uplink.test>\nSent: Tuesday, November 24, 2026 9:12 AM\nquote'],
    ['Outlook bold header block', 'Yes\n\n*From:* Test ISP <billing@uplink.test>\n*Sent:* Tuesday\nquote'],
    ['German Outlook', 'Yes\n\nVon: Test ISP <billing@uplink.test>\nGesendet: Dienstag, 24. November 2026 09:12\nquote'],
    ['German original message', 'Yes\n\n-----Ursprüngliche Nachricht-----\nquote'],
    ['Thunderbird', 'Yes\n\nOn 24/11/2026 09:12, Test ISP wrote:\n> quote'],
    ['Apple Mail', 'Yes\n\n> On 24 Nov 2026, at 09:12, Test ISP <billing@uplink.test> wrote:\n> quote'],
    ['Dutch', 'Yes\n\nOp 24 nov. 2026 om 09:12 schreef Test ISP <billing@uplink.test>:\n> quote'],
    ['Spanish', 'Yes\n\nEl mar, 24 nov 2026 a las 09:12, Test ISP (<billing@uplink.test>) escribió:\n> quote'],
    ['horizontal rule of converted HTML', 'Yes\n\n' + '-'.repeat(80) + '\nFrom: Test ISP'],
    ['signature delimiter', 'Yes\n-- \nAnna'],
    ['Sent from my iPhone', 'Yes\n\nSent from my iPhone'],
    ['Get Outlook for iOS', 'Yes\n\nGet Outlook for iOS'],
    ['Von meinem iPhone gesendet', 'Yes\n\nVon meinem iPhone gesendet'],
  ])('stops at the %s', (_style, text) => {
    expect(extractReplyText(text)).toBe('Yes');
  });

  it('keeps a reply written below the quote (bottom-posting)', () => {
    expect(extractReplyText('On Tue, 24 Nov 2026, Test ISP wrote:\n> Your quote\n> Total 480\n\nAccepted.\n-- \nAnna')).toBe('Accepted.');
  });

  it('keeps everything when nothing marks a quote', () => {
    expect(extractReplyText('  Yes.\r\n\r\nWhen will you come?  \r\n')).toBe('Yes.\n\nWhen will you come?');
  });

  it('does not take a sentence mentioning "from" for a header block', () => {
    expect(extractReplyText('Yes.\nFrom: my side all is fine.\nThanks')).toBe('Yes.\nFrom: my side all is fine.\nThanks');
  });
});
