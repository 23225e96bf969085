// The customer's own words in a reply: everything above the quoted message and the signature.
// Mail clients mark the start of the quoted history in a few well-known ways; those are matched
// line by line (never over the whole message), so an unfamiliar style at worst keeps too much
// text, which only makes the intent "unknown" and leaves the message for staff.

/** A line that starts the quoted history on its own. */
const QUOTE_HEADER_LINES: RegExp[] = [
  /^>/, // quoted lines (Gmail, Thunderbird, Apple Mail, and HTML blockquotes converted to text)
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|oorspronkelijk bericht|forwarded message|weitergeleitete nachricht)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's line of underscores above the quoted header block
  /^-{20,}\s*$/, // a horizontal rule (<hr>) in HTML mail converted to text
  // One-line attribution; German and Dutch name the sender after the verb ("Am … schrieb X <x@y>:").
  /^(on|am|le|el|op)\s.+\s(wrote|schrieb|écrit|escribió|schreef)(\s.*)?\s?:\s*$/i,
  /^.{0,200}\s(wrote|schrieb|a écrit|escribió|schreef)\s?:\s*$/i, // "<name> wrote:" (Thunderbird, Apple Mail)
];

/** First line of an attribution that clients wrap over two or three lines. */
const ATTRIBUTION_START = /^(on|am|le|el|op)\s/i;
const ATTRIBUTION_END = /(wrote|schrieb|écrit|escribió|schreef)(\s.*)?\s?:\s*$/i;

/** Outlook's header block: "From: …" followed within a few lines by "Sent: …" or "Date: …". */
const HEADER_FROM = /^\*?(from|von|de|van)\s?:\*?\s/i;
const HEADER_NEXT = /^\*?(sent|date|gesendet|datum|envoyé|date|enviado|fecha|verzonden|to|an|à|para|aan|subject|betreff|objet|asunto|onderwerp)\s?:\*?\s/i;

/** Lines that begin a signature: the "-- " delimiter and what phones and apps append. */
const SIGNATURE_LINES: RegExp[] = [
  /^--\s*$/,
  /^(sent|envoyé|enviado|verstuurd|verzonden) (from|de|depuis|desde|vanaf|met) (my|mon|mi|mijn)\s.+$/i,
  /^sent from (outlook|mail|yahoo mail|samsung|gmail|aol).*$/i,
  /^get outlook for .+$/i,
  /^von meinem .+ gesendet$/i,
  /^gesendet (von|mit) .+$/i,
  /^envoyé de mon .+$/i,
];

export function extractReplyText(fullText: string): string {
  const lines = fullText.replace(/\r\n?/g, '\n').split('\n');
  const boundary = quoteBoundary(lines);
  const above = ownWords(lines.slice(0, boundary));
  if (above || boundary >= lines.length) return above;
  // Nothing above the quote: the customer may have answered below it (bottom-posting).
  let lastQuoted = lines.length - 1;
  while (lastQuoted >= 0 && !(lines[lastQuoted] ?? '').trimStart().startsWith('>')) lastQuoted -= 1;
  return lastQuoted === -1 ? '' : ownWords(lines.slice(lastQuoted + 1));
}

/** Index of the first line of quoted history, or the number of lines when there is none. */
function quoteBoundary(lines: readonly string[]): number {
  for (let index = 0; index < lines.length; index += 1) {
    if (isQuoteHeader(lines[index] ?? '', lines, index)) return index;
  }
  return lines.length;
}

function isQuoteHeader(rawLine: string, lines: readonly string[], index: number): boolean {
  const line = rawLine.trim();
  if (line === '') return false;
  if (QUOTE_HEADER_LINES.some((pattern) => pattern.test(line))) return true;
  if (ATTRIBUTION_START.test(line)) {
    // Gmail wraps long attributions: "On Mon, 23 Nov 2026 at 10:00, Test ISP <\nbilling@…> wrote:".
    const joined = lines.slice(index, index + 3).map((next) => next.trim()).join(' ');
    if (ATTRIBUTION_END.test(lines[index + 1]?.trim() ?? '') || ATTRIBUTION_END.test(lines[index + 2]?.trim() ?? '')) {
      return joined.length < 300;
    }
  }
  if (HEADER_FROM.test(line)) {
    return lines.slice(index + 1, index + 4).some((next) => HEADER_NEXT.test(next.trim()));
  }
  return false;
}

/** The lines up to the signature, without surrounding blank lines. */
function ownWords(lines: readonly string[]): string {
  const end = lines.findIndex((line) => SIGNATURE_LINES.some((pattern) => pattern.test(line.trimEnd())));
  const kept = (end === -1 ? lines : lines.slice(0, end)).map((line) => line.trimEnd());
  return kept.join('\n').trim();
}
