// Replies to a payment warning, read for a promise to pay by a date, in the five languages. All
// are received on Monday 7 December 2026 unless a case says otherwise; a date without a year is
// the next one on or after that day, so "5 December" is 2027-12-05 and "the 5th" 2027-01-05.
import { describe, expect, it } from 'vitest';
import { findMentionedDates } from './mentioned-dates.js';
import { readPromiseToPay } from './promise-to-pay.js';

const RECEIVED = '2026-12-07';
const promise = (payBy: string) => ({ kind: 'promise', payBy });
const NONE = { kind: 'none' };

describe('promises', () => {
  it.each([
    // English
    ['I will pay by 15 December.', '2026-12-15'],
    ["I'll pay on the 15th.", '2026-12-15'],
    ['I\u2019ll pay on the 15th', '2026-12-15'],
    ['We will settle the invoice by December 15th.', '2026-12-15'],
    ['I will transfer the money on 15/12.', '2026-12-15'],
    // Day first cannot be: a 15th month. Read month first, as written in the United States.
    ["I'll pay on 12/15", '2026-12-15'],
    ['Payment will be made on 2026-12-15.', '2026-12-15'],
    ['I am going to pay it on Dec. 18', '2026-12-18'],
    ['I will pay by the 15th of December', '2026-12-15'],
    // "May" the month, not the verb; next May.
    ["I'll pay by 15 May", '2027-05-15'],
    ['I will pay invoice INV-2026-000123 on 15/12', '2026-12-15'],
    ['Dear team,\n\nthank you for your message. We will pay the outstanding invoice by 15 December.\n\nKind regards\nAnna', '2026-12-15'],
    ['I promise to pay by 15.12.2026', '2026-12-15'],
    ['Hi, sorry for the delay.\nI will pay the full amount of 120.50 EUR by 15 December.\nRegards, Anna', '2026-12-15'],
    ['I will pay on 3 January', '2027-01-03'],
    // The 5th of this month is past on the 7th: the next 5th is in January.
    ["I'll pay on the 5th.", '2027-01-05'],
    ["No problem, I'll pay by the 20th.", '2026-12-20'],
    ['I will pay today, 7 December.', '2026-12-07'],
    ['We can pay on December 15, 2026. Thanks for your patience!', '2026-12-15'],
    ["I'll pay on 15 December. I'll pay on the 15th, promised.", '2026-12-15'],
    // German
    ['Ich zahle bis zum 15. Dezember.', '2026-12-15'],
    ['Ich überweise den Betrag am 15.12. Danke!', '2026-12-15'],
    ['Ich werde die Rechnung am 15.12.2026 bezahlen.', '2026-12-15'],
    ['Am 18. Dezember zahle ich.', '2026-12-18'],
    ['Wir überweisen bis zum 20.', '2026-12-20'],
    ['Die Zahlung erfolgt am 2026-12-15.', '2026-12-15'],
    ['Hallo, kein Problem, ich begleiche die Rechnung bis 15.12.', '2026-12-15'],
    // French
    ['Je paierai le 15 décembre.', '2026-12-15'],
    ['Je vais payer le 15.', '2026-12-15'],
    ['Je ferai le virement le 1er janvier.', '2027-01-01'],
    ['Nous réglerons la facture avant le 20 décembre.', '2026-12-20'],
    ['Je vous paierai le 15/12.', '2026-12-15'],
    // Spanish
    ['Pagaré el 15 de diciembre.', '2026-12-15'],
    ['Voy a pagar el día 18.', '2026-12-18'],
    ['Haré la transferencia el 15/12/2026.', '2026-12-15'],
    ['Le pagaré el 3 de enero.', '2027-01-03'],
    // Dutch
    ['Ik betaal op 15 december.', '2026-12-15'],
    ['Ik zal de factuur op 15-12-2026 betalen.', '2026-12-15'],
    ['Op 18 december betaal ik.', '2026-12-18'],
    ['Ik maak het bedrag op de 15e over.', '2026-12-15'],
    ['Wij betalen voor 20 december.', '2026-12-20'],
  ])('%j promises to pay by %s', (reply, payBy) => {
    expect(readPromiseToPay(reply, RECEIVED)).toEqual(promise(payBy));
  });
});

describe('no promise', () => {
  it.each([
    // Negated, hedged, conditional, partial or asked: not a promise to rely on.
    "I can't pay by the 15th.",
    'I cannot pay on 15 December',
    "I won't be able to pay before the 15th",
    'maybe next week',
    "I'll try to pay on the 15th",
    'I will pay half on the 15th',
    "I'll pay 50% on 15 December",
    'Can I pay on the 15th?',
    'I will pay if my salary arrives by the 15th',
    'We will pay after the 15th',
    "I'll pay on 15 December. Actually, I can't pay until January.",
    'Ich kann nicht bis zum 15. Dezember zahlen.',
    'Vielleicht zahle ich am 15.',
    'Ich zahle, wenn mein Gehalt kommt, am 15.',
    'Ich zahle die Hälfte am 15.12.',
    'Können wir über eine Ratenzahlung reden?',
    'Je ne pourrai pas payer le 15 décembre.',
    'Je paierai peut-être le 15.',
    'Je paierai si possible le 15.',
    'No puedo pagar el 15 de diciembre.',
    'Quizás pagaré el 15.',
    '¿Puedo pagar el 15?',
    'Ik kan niet betalen op 15 december.',
    'Misschien betaal ik op 15 december.',
    'Ik betaal de helft op 15 december.',
    // Two different dates, an impossible date, a past one, one out of reach, or none at all.
    'I will pay on the 15th or the 20th',
    'I will pay by 31 February',
    'I will pay by 15 December 2025',
    'I will pay by 15 December 2027',
    "I'll pay on 15 December. No wait, I'll pay on the 18th.",
    "I'll pay on 15 December. I'll pay on the 18th.",
    'I may pay on the 15th',
    'I will pay next week',
    'I will pay as soon as possible.',
    // About something else than paying, or paying in the past.
    'Thanks for the reminder.',
    "I'll call you on the 15th",
    "I'll send you a message on the 15th",
    'I paid on 1 December.',
    'Ich habe am 1. Dezember bezahlt.',
    '',
  ])('%j promises nothing', (reply) => {
    expect(readPromiseToPay(reply, RECEIVED)).toEqual(NONE);
  });

  it('a reply too long to be a promise is not read', () => {
    expect(readPromiseToPay(`I will pay by 15 December.${' '.repeat(5000)}`, RECEIVED)).toEqual(NONE);
  });
});

describe('dates in a reply', () => {
  const dates = (text: string, received = RECEIVED) => findMentionedDates(text.toLowerCase(), received).map((mention) => mention.date);

  it('numbers are day first, slash dates month first only when day first cannot be, ISO year first', () => {
    expect(dates('15/12')).toEqual(['2026-12-15']);
    // 5 December is two days before the mail: the next one is a year on (363 days ahead).
    expect(dates('05/12')).toEqual(['2027-12-05']);
    expect(dates('12/15')).toEqual(['2026-12-15']);
    expect(dates('12/05/2027')).toEqual(['2027-05-12']);
    expect(dates('15.12.2026 and 15.12.26 and 2026-12-15 and 15-12-2026')).toEqual(['2026-12-15', '2026-12-15', '2026-12-15', '2026-12-15']);
    // Dotted numbers that cannot be a day and month are amounts or versions, not dates.
    expect(dates('12.15 and 10.20 EUR and 120.50 and 13/13 and 3.5%')).toEqual([]);
  });

  it('a date without a year, or a day alone, is the next one on or after the received day', () => {
    expect(dates('the 31st')).toEqual(['2026-12-31']);
    expect(dates('the 7th')).toEqual(['2026-12-07']);
    // Received 1 February 2027: there is no 30 February, so the next 30th is in March.
    expect(dates('the 30th', '2027-02-01')).toEqual(['2027-03-30']);
    expect(dates('le 1er décembre', '2026-11-20')).toEqual(['2026-12-01']);
  });

  it('a date that does not exist or is out of reach is reported without a date', () => {
    // The next 29 February after 7 December 2026 is in 2028, more than a year away.
    expect(dates('29 February')).toEqual([null]);
    expect(dates('31 April')).toEqual([null]);
    expect(dates('15 December 2027')).toEqual([null]);
    expect(dates('1 December 2026')).toEqual([null]);
  });

  it('month names and abbreviations in the five languages', () => {
    expect(dates('15 dec, 15. dez., 15 déc, 15 dic, 15 december, 15 dezember, 15 décembre, 15 diciembre, dec 15th')).toEqual(Array(9).fill('2026-12-15'));
    expect(dates('3 jan, 3. jänner, 3 janvier, 3 de enero, 3 januari')).toEqual(Array(5).fill('2027-01-03'));
    expect(dates('2 mai, 2 may, 2 mayo, 2 mei, 2 märz, 2 mars, 2 marzo, 2 maart')).toEqual([...Array(4).fill('2027-05-02'), ...Array(4).fill('2027-03-02')]);
  });
});
