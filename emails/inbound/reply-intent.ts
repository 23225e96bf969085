// What a customer's reply to a quote says: accept, decline, or something a person should read.
// Pure: text in, intent out. Only the opening of the reply counts, read clause by clause:
// greetings and pleasantries are skipped, a clause made only of accept (or decline) words
// decides, and the first clause that says anything else ends the reading. So "Yes, but no rush"
// accepts, "No problem, accept" accepts, and "Could you lower the price? Otherwise yes" is left
// for staff. A reply that both accepts and declines is unknown. When in doubt: unknown, because
// an unknown reply only waits for staff, while a wrong decision books or loses a sale.

export type ReplyIntent = 'accept' | 'decline' | 'unknown';

const ACCEPT_PHRASES = [
  // English
  'yes', 'yeah', 'yep', 'yup', 'accept', 'accepted', 'i accept', 'we accept',
  'i accept it', 'we accept it', 'accept it', 'approve', 'approved', 'i approve', 'we approve',
  'agreed', 'i agree', 'we agree', 'go ahead', 'go ahead with it', 'proceed', 'confirmed', 'i confirm',
  'sounds good', "let's do it", "let's go ahead", 'deal',
  // German
  'ja', 'jawohl', 'akzeptiert', 'ich akzeptiere', 'wir akzeptieren', 'einverstanden', 'ich bin einverstanden',
  'wir sind einverstanden', 'angenommen', 'ich nehme an', 'ich nehme das angebot an', 'genehmigt', 'passt',
  // French
  'oui', "j'accepte", 'nous acceptons', 'accepté', 'acceptée', "d'accord", "je suis d'accord", "c'est d'accord",
  'ok pour moi', 'bon pour accord', 'approuvé',
  // Spanish
  'sí', 'si', 'acepto', 'aceptamos', 'aceptado', 'de acuerdo', 'aprobado',
  // Dutch
  'akkoord', 'ik ga akkoord', 'wij gaan akkoord', 'goedgekeurd',
];

const DECLINE_PHRASES = [
  // English
  'no', 'nope', 'decline', 'declined', 'i decline', 'we decline', 'reject', 'rejected', 'i reject', 'we reject',
  'not interested', "i'm not interested", 'i am not interested', 'we are not interested', 'no thanks', 'no thank you',
  "don't accept", 'do not accept', "i don't accept", 'i do not accept', "we don't accept", 'we do not accept',
  'not accepted', "i can't accept", 'i cannot accept', 'refuse', 'i refuse', 'not approved', 'no way', 'absolutely not',
  // German
  'nein', 'ablehnen', 'abgelehnt', 'ich lehne ab', 'wir lehnen ab', 'ich lehne das angebot ab', 'nein danke',
  'nicht einverstanden', 'ich bin nicht einverstanden', 'kein interesse',
  // French
  'non', 'je refuse', 'nous refusons', 'refusé', 'refusée', "pas d'accord", "je ne suis pas d'accord", 'non merci',
  "je n'accepte pas", 'pas intéressé', 'pas intéressée',
  // Spanish
  'rechazo', 'rechazado', 'rechazamos', 'no acepto', 'no gracias', 'no me interesa',
  // Dutch
  'nee', 'nee dank je', 'nee bedankt', 'niet akkoord', 'ik ga niet akkoord', 'afgewezen', 'ik weiger', 'geen interesse',
];

/**
 * Words that carry no decision and may stand around one ("Yes please", "No problem, accept").
 * "OK", "sure" and the like are here, not with accept: "OK, I'll think about it" decides nothing.
 */
const NEUTRAL_PHRASES = [
  'ok', 'okay', 'sure', 'alright', 'prima', 'vale', 'bien', 'gut', 'alles klar',
  'please', 'thanks', 'thank you', 'many thanks', 'thanks a lot', 'thank you very much', 'no problem', 'no worries',
  'great', 'perfect', 'fine', 'good', 'hi', 'hello', 'hey', 'dear', 'all', 'the quote', 'this quote', 'your quote',
  'the offer', 'this offer', 'your offer', 'the estimate', 'quote', 'offer', 'from me', 'from us', 'i', 'we',
  'bitte', 'danke', 'vielen dank', 'danke schön', 'kein problem', 'das angebot', 'ihr angebot', 'hallo', 'super',
  'merci', 'merci beaucoup', 'pas de problème', 'le devis', 'votre devis', 'bonjour', 'parfait', 'très bien', 'volontiers',
  'gracias', 'muchas gracias', 'sin problema', 'el presupuesto', 'la oferta', 'hola', 'por favor', 'perfecto',
  'bedankt', 'dank je', 'dank u', 'dank je wel', 'dank u wel', 'graag', 'geen probleem', 'de offerte', 'hoi', 'alvast bedankt',
];

/** Words that open a greeting; a short clause starting with one ("Hi Anna", "Dear Test ISP team") is skipped. */
const GREETINGS = new Set([
  'hi', 'hello', 'hey', 'dear', 'good', 'hallo', 'liebe', 'lieber', 'sehr', 'guten', 'moin', 'servus', 'bonjour',
  'bonsoir', 'salut', 'madame', 'monsieur', 'cher', 'chère', 'hola', 'buenos', 'buenas', 'estimado', 'estimada',
  'beste', 'geachte', 'hoi', 'goedemorgen', 'goedemiddag', 'goedendag',
]);
const MAX_GREETING_WORDS = 6;

/** Joining words that start a new clause, like a comma: "yes but no rush" reads as "yes" | "no rush". */
const CONJUNCTIONS = new Set(['but', 'and', 'aber', 'und', 'mais', 'et', 'pero', 'y', 'maar', 'en', 'however']);

/** Quote numbers and similar references ("Q-2026-000012", "#12") are neutral too. */
const REFERENCE = /^(#?\d+|[a-z]{1,3}-\d{4}-\d+|[a-z]{1,3}-?\d+)$/;

/** Lines read before giving up on finding a decision: greetings and thanks rarely take more. */
const MAX_LINES_READ = 3;

type Polarity = 'accept' | 'decline' | 'neutral';
const phrases = new Map<string, Polarity>();
for (const phrase of NEUTRAL_PHRASES) phrases.set(phrase, 'neutral');
for (const phrase of ACCEPT_PHRASES) phrases.set(phrase, 'accept');
for (const phrase of DECLINE_PHRASES) phrases.set(phrase, 'decline');
const LONGEST_PHRASE_WORDS = Math.max(...[...phrases.keys()].map((phrase) => phrase.split(' ').length));

export function readReplyIntent(replyText: string): ReplyIntent {
  const decisions = new Set<'accept' | 'decline'>();
  let linesRead = 0;
  for (const line of replyText.normalize('NFC').split('\n')) {
    if (line.trim() === '') continue;
    linesRead += 1;
    for (const clause of clauses(line)) {
      const reading = readClause(clause);
      if (reading === 'other') return verdict(decisions);
      if (reading !== 'neutral') decisions.add(reading);
    }
    // A decided line ends the reading; a line of only greetings or thanks passes on to the next.
    if (decisions.size > 0 || linesRead >= MAX_LINES_READ) return verdict(decisions);
  }
  return verdict(decisions);
}

function verdict(decisions: Set<'accept' | 'decline'>): ReplyIntent {
  if (decisions.size !== 1) return 'unknown';
  return decisions.has('accept') ? 'accept' : 'decline';
}

interface Clause {
  words: string[];
  question: boolean;
}

/** A line cut at punctuation and joining words, each clause as lower-case words. */
function clauses(line: string): Clause[] {
  const out: Clause[] = [];
  const pieces = line
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .split(/([,.;:!?()\u00a1\u00bf"“”«»]+|\s[-–—]+\s)/);
  for (let index = 0; index < pieces.length; index += 2) {
    const text = pieces[index] ?? '';
    const question = (pieces[index + 1] ?? '').includes('?') || /[\u00bf]/.test(pieces[index - 1] ?? '');
    let words: string[] = [];
    for (const word of text.split(/\s+/).filter(Boolean)) {
      if (CONJUNCTIONS.has(word)) {
        if (words.length > 0) out.push({ words, question: false });
        words = [];
      } else {
        words.push(word.replace(/^'+|'+$/g, ''));
      }
    }
    if (words.length > 0) out.push({ words, question });
  }
  return out;
}

function readClause({ words, question }: Clause): Polarity | 'other' {
  const polarities = segment(words);
  if (polarities === null) {
    if (GREETINGS.has(words[0] ?? '') && words.length <= MAX_GREETING_WORDS) return 'neutral';
    return 'other';
  }
  const decided = polarities.filter((polarity) => polarity !== 'neutral');
  if (decided.length === 0) return 'neutral';
  // "Accept?" asks rather than decides; so does a clause holding both answers.
  if (question || new Set(decided).size > 1) return 'other';
  return decided[0] as 'accept' | 'decline';
}

/**
 * Splits the words into known phrases, longest first ("no problem" before "no"), or null when
 * some word belongs to none: then the clause says something else and is not ours to decide.
 */
function segment(words: readonly string[]): Polarity[] | null {
  const out: Polarity[] = [];
  let at = 0;
  while (at < words.length) {
    let matched = 0;
    for (let length = Math.min(LONGEST_PHRASE_WORDS, words.length - at); length > 0; length -= 1) {
      const polarity = phrases.get(words.slice(at, at + length).join(' '));
      if (polarity) {
        out.push(polarity);
        matched = length;
        break;
      }
    }
    if (matched === 0) {
      if (!REFERENCE.test(words[at] ?? '')) return null;
      out.push('neutral');
      matched = 1;
    }
    at += matched;
  }
  return out;
}
