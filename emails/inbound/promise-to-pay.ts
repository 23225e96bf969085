// Whether a customer's reply to a payment warning promises to pay by a date: "I will pay by 15
// December", "Ich zahle bis zum 15. Dezember", "Je paierai le 15 décembre", "Pagaré el 15 de
// diciembre", "Ik betaal op 15 december". Pure: the reply's own words and the day the mail was
// received in, a promise or none out.
//
// A sentence promises when it says, in the first person (or of the payment itself), that payment
// will be made, and names exactly one date (mentioned-dates.ts says how dates are read and
// completed). The reading is conservative, because a wrong promise holds back collection while
// none only leaves the reply for staff: any sentence that talks about paying but negates, hedges,
// conditions, splits or asks ("I can't pay by the 15th", "I'll try to pay on the 15th", "I'll
// pay half on the 15th", "Can I pay on the 15th?") makes the whole reply none, as do two
// different promised dates, or a promised date that does not exist or is out of reach.

import type { IsoDate } from '../../billing/calendar.js';
import { findMentionedDates } from './mentioned-dates.js';

export type PromiseToPay = { kind: 'promise'; payBy: IsoDate } | { kind: 'none' };

/** Replies longer than this are not read: a promise is a line or two. */
export const MAX_PROMISE_TEXT = 4_000;

const NONE: PromiseToPay = { kind: 'none' };

/** JavaScript's \\b knows only ASCII letters: "überweise" would have no boundary before it. */
const WORD_BOUNDARY = '(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))';
const words = (pattern: RegExp) => new RegExp(pattern.source.replaceAll('\\b', WORD_BOUNDARY), 'u');

/** First-person (or passive) statements that payment will be made, in the five languages. */
const PROMISES: RegExp[] = [
  // English
  /\b(?:i|we)\s*(?:will|'ll|shall|am going to|'m going to|are going to|'re going to|promise to|can|am able to|'m able to)\s+(?:\S+\s+){0,2}?(?:pay|settle|clear)\b/u,
  /\b(?:i|we)\s*(?:will|'ll|shall|am going to|'m going to|are going to|'re going to|promise to|can)\s+(?:\S+\s+){0,2}?(?:transfer|send|wire|make)\s+(?:\S+\s+){0,2}?(?:payment|money|amount|funds|balance|transfer)\b/u,
  /\b(?:payment|the money|the amount|the invoice|the balance|it)\s+will\s+be\s+(?:paid|made|sent|transferred|settled)\b/u,
  /\bpayment\s+will\s+(?:follow|arrive|reach you)\b/u,
  /\byou\s*(?:will|'ll)\s+(?:receive|have|get)\s+(?:the\s+|my\s+|our\s+|your\s+)?(?:payment|money)\b/u,
  // German
  /\b(?:ich|wir)\s+(?:zahle|bezahle|überweise|begleiche|zahlen|bezahlen|überweisen|begleichen)\b/u,
  /\b(?:zahle|bezahle|überweise|begleiche)\s+ich\b|\b(?:zahlen|bezahlen|überweisen|begleichen)\s+wir\b/u,
  /\b(?:ich\s+werde|werde\s+ich|wir\s+werden|werden\s+wir)\b.*\b(?:zahlen|bezahlen|überweisen|begleichen)\b/u,
  /\bwird\b.*\b(?:bezahlt|überwiesen|beglichen)\b|\b(?:zahlung|überweisung)\s+(?:erfolgt|kommt)\b/u,
  // French
  /\b(?:je|j')\s*(?:vous\s+|te\s+)?(?:paierai|payerai|réglerai|règlerai|virerai|paie|règle)\b/u,
  /\bnous\s+(?:vous\s+)?(?:paierons|payerons|réglerons|règlerons|virerons)\b/u,
  /\b(?:je\s+vais|nous\s+allons)\s+(?:vous\s+|te\s+)?(?:payer|régler|virer|faire\s+le\s+virement|effectuer\s+le\s+(?:paiement|virement))\b/u,
  /\b(?:je|nous)\s+(?:ferai|ferons|effectuerai|effectuerons)\s+(?:le|un)\s+(?:virement|paiement|règlement)\b/u,
  /\b(?:le\s+)?(?:paiement|virement|règlement)\s+sera\s+(?:effectué|fait|envoyé)\b|\bje\s+m'engage\s+à\s+(?:payer|régler)\b/u,
  // Spanish
  /(?<!\p{L})(?:pagaré|pagaremos|abonaré|abonaremos|transferiré|transferiremos|liquidaré|liquidaremos)(?!\p{L})/u,
  /\b(?:voy|vamos)\s+a\s+(?:pagar|abonar|transferir|liquidar|hacer\s+(?:el|la)\s+(?:pago|transferencia))\b/u,
  /(?<!\p{L})(?:haré|realizaré|haremos|realizaremos)\s+(?:el|la)\s+(?:pago|transferencia|ingreso)\b|\bel\s+pago\s+se\s+(?:hará|realizará)(?!\p{L})/u,
  // Dutch
  /\b(?:ik|wij|we)\s+(?:betaal|betalen)\b|\bbetaal\s+ik\b|\bbetalen\s+(?:wij|we)\b/u,
  /\b(?:ik|wij|we)\s+(?:zal|zullen|ga|gaan)\b.*\b(?:betalen|overmaken|voldoen|overboeken)\b|\b(?:zal|ga)\s+ik\b.*\b(?:betalen|overmaken|voldoen)\b/u,
  /\b(?:ik|wij|we)\s+(?:maak|maken)\b.*\bover\b|\bwordt\b.*\b(?:betaald|overgemaakt|voldaan)\b/u,
].map(words);

/** Words about paying at all: a sentence with one of these must not be hedged or negated. */
const PAYING = /(?<!\p{L})(?:pay\p{L}*|paid|settle\p{L}*|transfer\p{L}*|wire|money|funds|bezahl\p{L}*|zahl\p{L}*|überw\p{L}*|beglei\p{L}*|paie\p{L}*|paier\p{L}*|payer\p{L}*|règl\p{L}*|régl\p{L}*|vire\p{L}*|pag[aoué]\p{L}*|abon\p{L}*|liquid\p{L}*|betal\p{L}*|overma\p{L}*|overboek\p{L}*|voldoe\p{L}*|voldaan)(?!\p{L})/u;

/**
 * Negations, hedges, conditions, other starting points ("after", "from") and partial payments.
 * "No problem" and the like are taken out first: courtesy, not a refusal.
 */
const HEDGES = new RegExp(
  '(?<![\\p{L}\'])(?:' +
    [
      // English
      'not', "\\p{L}+n't", 'cannot', 'unable', 'never', 'no', 'maybe', 'perhaps', 'possibly', 'probably', 'hopefully', 'hope',
      'try', 'trying', 'attempt', 'might', 'could', 'would', 'should', 'if', 'unless', 'once', 'when', 'whenever', 'after',
      'from', 'as soon as', 'depends', 'depending', 'half', 'part', 'partial', 'partly', 'some', 'instalments?', 'installments?',
      'think', 'guess', 'expect', 'plan', 'planning', 'intend', 'hopefully', 'later',
      // German
      'nicht', 'kein\\p{L}*', 'nie', 'niemals', 'vielleicht', 'eventuell', 'evtl', 'möglicherweise', 'wahrscheinlich', 'hoffentlich',
      'hoffe', 'versuche\\p{L}*', 'wenn', 'falls', 'sofern', 'sobald', 'nach', 'ab', 'teil\\p{L}*', 'hälfte', 'raten?',
      'könnte\\p{L}*', 'würde\\p{L}*', 'müsste\\p{L}*', 'sollte\\p{L}*', 'glaube', 'denke', 'plane', 'später',
      // French
      'ne', "n'", 'pas', 'jamais', 'peut-être', 'peut', 'probablement', 'possible', 'espère', "j'espère", 'essai\\p{L}*', 'essayer',
      'si', "s'il", 'quand', 'lorsque', 'dès', 'après', 'partir', 'partie', 'partiel\\p{L}*', 'moitié', 'acompte',
      'pourrai\\p{L}*', 'devrai\\p{L}*', 'pense', 'crois', 'plus tard',
      // Spanish
      'no', 'nunca', 'jamás', 'quizás?', 'tal vez', 'probablemente', 'posiblemente', 'espero', 'intent\\p{L}*', 'si', 'cuando',
      'después', 'parte', 'mitad', 'plazos', 'podría\\p{L}*', 'debería\\p{L}*', 'creo', 'pienso', 'más tarde',
      // Dutch
      'niet', 'geen', 'nooit', 'misschien', 'wellicht', 'mogelijk', 'waarschijnlijk', 'hopelijk', 'hoop', 'probeer\\p{L}*',
      'als', 'indien', 'wanneer', 'zodra', 'na', 'vanaf', 'deel', 'gedeeltelijk', 'helft', 'termijn\\p{L}*', 'zou', 'zouden',
      'denk', 'verwacht', 'later',
    ].join('|') +
    ')(?![\\p{L}\'])',
  'u',
);

/** "I'll pay 50% on the 15th": a part, not the debt. */
const PERCENT = /\d\s*%/u;

const COURTESY = /(?<!\p{L})(?:no problem|no worries|kein problem|keine sorge|pas de (?:problème|souci)|sin problema|no hay problema|geen probleem|geen zorgen)(?!\p{L})/gu;

export function readPromiseToPay(replyText: string, receivedOn: IsoDate): PromiseToPay {
  if (replyText.length > MAX_PROMISE_TEXT) return NONE;
  const promised = new Set<IsoDate>();
  for (const { text, question } of sentences(normalise(replyText))) {
    const mentions = findMentionedDates(text, receivedOn);
    // The dates out of the way, so "15 May" is no "may" and "le 15" no "le".
    let rest = text;
    for (const mention of [...mentions].reverse()) rest = `${rest.slice(0, mention.start)} <date> ${rest.slice(mention.end)}`;
    rest = rest.replace(COURTESY, ' ');
    const promises = PROMISES.some((pattern) => pattern.test(rest));
    if (!promises && !PAYING.test(rest)) continue;
    if (question || HEDGES.test(rest) || PERCENT.test(rest)) return NONE;
    if (!promises || mentions.length === 0) continue;
    for (const mention of mentions) {
      if (mention.date === null) return NONE;
      promised.add(mention.date);
    }
  }
  const [payBy, ...others] = [...promised];
  return payBy !== undefined && others.length === 0 ? { kind: 'promise', payBy } : NONE;
}

function normalise(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u00a0\t ]+/g, ' ');
}

/**
 * The text cut at line ends, "!", "?", ";" and full stops that end a sentence; a full stop after a
 * digit ("am 15. Dezember", "15.12.") or a month's abbreviation ("Dec. 15") does not.
 */
function sentences(text: string): Array<{ text: string; question: boolean }> {
  const out: Array<{ text: string; question: boolean }> = [];
  const pieces = text.split(/(\n|[!?;¡¿]+|(?<!\d|(?<!\p{L})(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|dez|okt|janv|févr|avr|juil|déc|ene|abr|ago|dic|mrt))\.(?=\s|$))/u);
  for (let index = 0; index < pieces.length; index += 2) {
    const piece = (pieces[index] ?? '').trim();
    const ending = pieces[index + 1] ?? '';
    const opening = pieces[index - 1] ?? '';
    if (piece === '') continue;
    out.push({ text: piece, question: ending.includes('?') || opening.includes('¿') });
  }
  return out;
}
