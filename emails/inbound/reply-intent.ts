// What a customer's reply to a quote says: accept, decline, or something a person should read.
// Pure: text in, intent out. Only the opening of the reply counts, read clause by clause:
// greetings and pleasantries are skipped, and the first clause made only of accept (or decline)
// words is the decision. Before the decision, a clause that says anything else leaves the reply
// for staff. After it, the rest of the opening (its line and the next lines) may give reasons
// ("No, thank you. 480 € is more than we budgeted.") but nothing that qualifies the decision: a
// condition or hedge ("if", "once", "only", "until", "wenn", "si", "als", ...), a "but" followed
// by more than courtesy ("Yes, but no rush" accepts; "Yes, but only on Tuesday" does not), a
// question, or the opposite decision ("No, wait, I accept"). When in doubt: unknown, because an
// unknown reply only waits for staff, while a wrong decision books or loses a sale.

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
  'merci', 'merci beaucoup', 'pas de problème', 'pas de souci', 'le devis', 'votre devis', 'bonjour', 'parfait', 'très bien', 'volontiers',
  'gracias', 'muchas gracias', 'sin problema', 'el presupuesto', 'la oferta', 'hola', 'por favor', 'perfecto',
  'bedankt', 'dank je', 'dank u', 'dank je wel', 'dank u wel', 'graag', 'geen probleem', 'de offerte', 'hoi', 'alvast bedankt',
  // Courtesy that may follow a "but" without qualifying the decision ("Yes, but no rush").
  'no rush', 'no hurry', 'take your time', 'keine eile', 'kein stress', 'rien ne presse', 'pas pressé', 'sin prisa',
  'geen haast', 'geen haast hoor',
  // Sign-offs whose words would otherwise read as conditions ("tot" is "until", "bis" is "until").
  'tot ziens', 'tot dan', 'tot straks', 'bis bald', 'bis dann', 'bis später', 'à bientôt', 'hasta luego', 'hasta pronto',
];

/** Words that open a greeting; a short clause starting with one ("Hi Anna", "Dear Test ISP team") is skipped. */
const GREETINGS = new Set([
  'hi', 'hello', 'hey', 'dear', 'good', 'hallo', 'liebe', 'lieber', 'sehr', 'guten', 'moin', 'servus', 'bonjour',
  'bonsoir', 'salut', 'madame', 'monsieur', 'cher', 'chère', 'hola', 'buenos', 'buenas', 'estimado', 'estimada',
  'beste', 'geachte', 'hoi', 'goedemorgen', 'goedemiddag', 'goedendag',
]);
const MAX_GREETING_WORDS = 6;

/** Joining words that start a new clause, like a comma: "yes but no rush" reads as "yes" | "no rush". */
const CONJUNCTIONS = new Set(['and', 'und', 'et', 'y', 'en']);

/**
 * Joining words that turn against what came before: the clause they open may only be courtesy
 * ("Yes, but no rush") or the same decision; anything else qualifies the decision.
 */
const CONTRASTS = new Set(['but', 'however', 'aber', 'jedoch', 'allerdings', 'mais', 'cependant', 'toutefois', 'pero', 'maar', 'echter']);

/**
 * Words that make a decision conditional, deferred or hedged, in any clause after it: "Yes, once
 * my manager approves", "Ja, wenn …", "Oui, si …", "Sí, cuando …", "Ja, als …". Broad on
 * purpose: a false match only leaves a reply for staff.
 */
const QUALIFIER_WORDS = new Set([
  // English
  'if', 'once', 'only', 'unless', 'when', 'whenever', 'until', 'till', 'til', 'provided', 'providing', 'assuming',
  'depending', 'depends', 'pending', 'subject', 'wait', 'maybe', 'perhaps', 'probably', 'possibly', 'think', 'consider',
  'considering', 'check', 'checking', 'ask', 'discuss', 'first', 'after', 'except', 'otherwise', 'although',
  'though', 'condition', 'conditions', 'conditional', 'hold', 'can', 'could', 'would', 'should', 'must', 'might',
  // German
  'wenn', 'falls', 'sofern', 'nur', 'sobald', 'bis', 'außer', 'ausser', 'vorausgesetzt', 'solange', 'erst', 'nachdem',
  'sondern', 'bedingung', 'warten', 'warte', 'moment', 'vielleicht', 'eventuell', 'wahrscheinlich', 'überlegen',
  'prüfen', 'klären', 'rücksprache', 'fragen', 'später', 'kann', 'können', 'könnten', 'könnt', 'muss', 'müssen', 'sollte',
  'würde', 'würden',
  // French
  'si', "s'il", "s'ils", 'seulement', 'uniquement', 'sauf', 'quand', 'lorsque', 'dès', "jusqu'à", "jusqu'au", 'pourvu',
  'attendez', 'attends', 'peut-être', 'réfléchir', 'vérifier', 'après', 'pouvez', 'pourriez', 'pourrais', 'pourrait',
  'faut',
  // Spanish ("si" above: "if" in Spanish too, while "sí, …" alone still accepts)
  'solo', 'sólo', 'solamente', 'únicamente', 'cuando', 'salvo', 'excepto', 'menos', 'hasta', 'siempre', 'embargo',
  'espera', 'esperar', 'después', 'quizás', 'quizá', 'pensar', 'puede', 'pueden', 'podría', 'podrían', 'condición',
  'todavía', 'aún',
  // Dutch
  'als', 'indien', 'alleen', 'zodra', 'wanneer', 'tenzij', 'mits', 'tot', 'pas', 'wacht', 'voorwaarde', 'misschien',
  'eerst', 'later', 'kunnen', 'kunt', 'kan', 'zou', 'zouden', 'moet', 'moeten',
]);

/**
 * After an accept, a negation or a promise of later anywhere in the opening qualifies it ("Yes,
 * not the router", "Yes, I will confirm tomorrow"); after a decline these are ordinary reasons
 * ("No, we'll look elsewhere").
 */
const QUALIFY_ACCEPT_ONLY = new Set(['will', "i'll", "we'll", 'shall', 'tomorrow', 'morgen', 'demain', 'mañana',
  'not', "don't", "doesn't", "won't", "can't", 'nicht', 'kein', 'keine', 'pas', 'ne', "n'", 'niet', 'geen', 'nunca', 'tampoco']);

/**
 * Words that carry a decision even inside other words ("we cannot accept this price"): after a
 * decline, one of the accept words (or after an accept, a decline word) makes the reply unclear.
 */
const STRONG_WORDS: Record<'accept' | 'decline', ReadonlySet<string>> = {
  accept: new Set([
    'accept', 'accepted', 'approve', 'approved', 'agree', 'agreed', 'akzeptiere', 'akzeptieren', 'akzeptiert',
    'einverstanden', 'angenommen', "j'accepte", 'accepte', 'acceptons', 'accepté', 'acceptée', 'acepto', 'aceptamos',
    'aceptado', 'akkoord', 'goedgekeurd',
  ]),
  decline: new Set([
    'decline', 'declined', 'reject', 'rejected', 'refuse', 'ablehnen', 'abgelehnt', 'lehne', 'lehnen',
    'refusons', 'refusé', 'refusée', 'rechazo', 'rechazamos', 'rechazado', 'afgewezen', 'weiger',
  ]),
};

/** Quote numbers and similar references ("Q-2026-000012", "#12") are neutral too. */
const REFERENCE = /^(#?\d+|[a-z]{1,3}-\d{4}-\d+|[a-z]{1,3}-?\d+)$/;

/** Lines read before giving up on finding a decision: greetings and thanks rarely take more. */
const MAX_LINES_READ = 3;

/** Lines after the decision's own that still belong to the opening and may qualify it. */
const LINES_AFTER_DECISION = 2;

type Polarity = 'accept' | 'decline' | 'neutral';
type Decision = 'accept' | 'decline';
const phrases = new Map<string, Polarity>();
for (const phrase of NEUTRAL_PHRASES) phrases.set(phrase, 'neutral');
for (const phrase of ACCEPT_PHRASES) phrases.set(phrase, 'accept');
for (const phrase of DECLINE_PHRASES) phrases.set(phrase, 'decline');
const LONGEST_PHRASE_WORDS = Math.max(...[...phrases.keys()].map((phrase) => phrase.split(' ').length));

export function readReplyIntent(replyText: string): ReplyIntent {
  const lines = replyText
    .normalize('NFC')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(clauses);
  for (let lineIndex = 0; lineIndex < Math.min(lines.length, MAX_LINES_READ); lineIndex += 1) {
    const line = lines[lineIndex] ?? [];
    for (let clauseIndex = 0; clauseIndex < line.length; clauseIndex += 1) {
      const reading = readClause(line[clauseIndex]!);
      if (reading === 'other') return 'unknown';
      if (reading === 'neutral') continue;
      const rest = [...line.slice(clauseIndex + 1), ...lines.slice(lineIndex + 1, lineIndex + 1 + LINES_AFTER_DECISION).flat()];
      return rest.some((clause) => qualifies(clause, reading)) ? 'unknown' : reading;
    }
  }
  return 'unknown';
}

/** Whether a clause after the decision makes it conditional, doubtful or contradicted. */
function qualifies(clause: Clause, decision: Decision): boolean {
  if (clause.danglingContrast || clause.question) return true;
  const opposite: Decision = decision === 'accept' ? 'decline' : 'accept';
  const known = segment(clause.words);
  // Courtesy, references or the same decision again: nothing changes, even after a "but".
  if (known) return known.includes(opposite);
  if (clause.contrast) return true;
  const text = ` ${clause.words.join(' ')} `;
  return (
    clause.words.some((word) => QUALIFIER_WORDS.has(word) || STRONG_WORDS[opposite].has(word) || (decision === 'accept' && QUALIFY_ACCEPT_ONLY.has(word))) ||
    QUALIFIER_PHRASES.some((phrase) => text.includes(` ${phrase} `))
  );
}

/** Qualifiers of more than one word, whose words alone are too common to list. */
const QUALIFIER_PHRASES = ['has to', 'have to', 'needs to', 'i need to', 'we need to', 'as long as', 'as soon as', 'not yet', 'une fois', 'a menos', 'tal vez', 'op voorwaarde', 'noch nicht'];

interface Clause {
  words: string[];
  question: boolean;
  /** Opened by "but" or the like. */
  contrast: boolean;
  /** A "but" with nothing after it on its line ("Yes, but"): what it was going to say is unknown. */
  danglingContrast: boolean;
}

/** A line cut at punctuation and joining words, each clause as lower-case words. */
function clauses(line: string): Clause[] {
  const out: Clause[] = [];
  const pieces = line
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .split(/([,.;:!?()\u00a1\u00bf"“”«»…]+|\s[-–—]+\s)/);
  let contrast = false;
  for (let index = 0; index < pieces.length; index += 2) {
    const text = pieces[index] ?? '';
    const question = (pieces[index + 1] ?? '').includes('?') || /[\u00bf]/.test(pieces[index - 1] ?? '');
    let words: string[] = [];
    for (const word of text.split(/\s+/).filter(Boolean)) {
      if (CONJUNCTIONS.has(word) || CONTRASTS.has(word)) {
        if (words.length > 0) out.push({ words, question: false, contrast, danglingContrast: false });
        words = [];
        contrast = CONTRASTS.has(word);
      } else {
        words.push(word.replace(/^'+|'+$/g, ''));
      }
    }
    if (words.length > 0) {
      out.push({ words, question, contrast, danglingContrast: false });
      contrast = false;
    }
  }
  if (contrast) out.push({ words: [], question: false, contrast, danglingContrast: true });
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
