// Whether an inbound message really comes from the domain in its From address, as our own
// receiving mail server judged it. Pure: header lines in, a verdict out.
//
// Only an Authentication-Results header (RFC 8601) that names our receiving server's authserv-id
// counts. Anyone can write such a header into a message before sending it, so a header naming
// another server is ignored, and of the headers naming ours only the topmost group is read: the
// ones our server adds on top of the message (RFC 8601 section 5 also asks it to remove or rename
// headers that claim its name on arrival, as Gmail, Postfix milters and most MTAs do).
//
// A message passes when that group shows DMARC passing for the From domain, or, when DMARC gave no
// verdict, an SPF or DKIM pass for a domain aligned with the From domain. Alignment is relaxed and
// simplified: the two domains are equal, or one is a subdomain of the other. Real DMARC compares
// organizational domains through the Public Suffix List, which would also align two sibling
// subdomains (mail.example.org and news.example.org); the simple rule never aligns more than
// DMARC would, it only sometimes aligns less, which leaves such a message for staff.

/** One header of the message, in the order it appears from the top; name in any case. */
export interface InboundHeaderLine {
  name: string;
  value: string;
}

export interface AuthenticationResult {
  /** Lower case, without a version: "dkim", "spf", "dmarc", "arc", "compauth", ... */
  method: string;
  /** Lower case: "pass", "fail", "softfail", "none", ... */
  result: string;
  reason: string | null;
  /** Property values by lower-case "ptype.property" ("header.d", "smtp.mailfrom", "header.from"), also bare keys some servers add ("action"). */
  properties: Record<string, string>;
}

export interface AuthenticationResultsHeader {
  /** Lower case, as written by the server that added the header. */
  authservId: string;
  results: AuthenticationResult[];
}

export type SenderAuthenticationVerdict = 'pass' | 'fail' | 'none';

export interface SenderAuthentication {
  /** pass: authenticated; fail: our server's results do not authenticate the From domain; none: our server left no results. */
  verdict: SenderAuthenticationVerdict;
  /** For staff: what was seen, in a sentence. */
  reason: string;
}

export interface SenderAuthenticationInput {
  /** The From address, or null when the message has none. */
  from: string | null;
  headers: readonly InboundHeaderLine[];
  /** Our receiving server's authserv-id (UPLINK_INBOUND_AUTHSERV_ID); undefined: none configured. */
  authservId: string | undefined;
}

const AUTHENTICATION_RESULTS = 'authentication-results';
/** Headers a receiving server may interleave with its Authentication-Results (policyd-spf adds Received-SPF). */
const INTERLEAVED_TRACE = new Set(['received-spf']);
/** Results that say a check was made and did not hold (DMARC's and DKIM's fail, SPF's softfail, ...). */
const FAILING = new Set(['fail', 'softfail', 'permerror', 'policy', 'hardfail']);

export function decideSenderAuthentication({ from, headers, authservId }: SenderAuthenticationInput): SenderAuthentication {
  const id = authservId?.trim().toLowerCase();
  if (!id) {
    return { verdict: 'none', reason: 'no authserv-id is configured (UPLINK_INBOUND_AUTHSERV_ID), so no Authentication-Results header can be trusted' };
  }
  const fromDomain = from ? domainOf(from) : null;
  if (!fromDomain) return { verdict: 'fail', reason: 'the message has no From address with a domain to authenticate' };
  const ours = receivingServerResults(headers, id);
  if (ours.length === 0) return { verdict: 'none', reason: `the message has no Authentication-Results header from ${id}` };
  const results = ours.flatMap((header) => header.results);
  if (results.length === 0) return { verdict: 'none', reason: `${id} reported no authentication results` };

  // DMARC's verdict about a different From domain is not about this message's sender.
  const dmarc = results.filter((result) => result.method === 'dmarc' && sameDomainOrAbsent(result.properties['header.from'], fromDomain));
  const dmarcPass = dmarc.some((result) => result.result === 'pass');
  const dmarcFail = dmarc.find((result) => FAILING.has(result.result));
  if (dmarcFail && dmarcPass) return { verdict: 'fail', reason: `${id} reported both dmarc=pass and dmarc=${dmarcFail.result} for ${fromDomain}` };
  if (dmarcFail) return { verdict: 'fail', reason: `${id} reported dmarc=${dmarcFail.result} for ${fromDomain}` };
  if (dmarcPass) return { verdict: 'pass', reason: `${id} reported dmarc=pass for ${fromDomain}` };

  const aligned = alignedPass(results, fromDomain);
  if (aligned) return { verdict: 'pass', reason: `${id} reported ${aligned}, aligned with the From domain ${fromDomain}` };
  const seen = results.filter((result) => ['spf', 'dkim', 'dmarc'].includes(result.method)).map(summary);
  return {
    verdict: 'fail',
    reason: `${id} reported no DMARC pass and no SPF or DKIM pass aligned with the From domain ${fromDomain}` + (seen.length > 0 ? ` (${seen.join('; ')})` : ''),
  };
}

/**
 * The Authentication-Results headers our server added: the topmost header naming our
 * authserv-id, and the ones naming it that directly follow (a Postfix server with OpenDKIM,
 * OpenDMARC and an SPF policy service adds one each). Headers lower down were in the message
 * before our server saw it.
 */
export function receivingServerResults(headers: readonly InboundHeaderLine[], authservId: string): AuthenticationResultsHeader[] {
  const id = authservId.trim().toLowerCase();
  const out: AuthenticationResultsHeader[] = [];
  for (const header of headers) {
    const name = header.name.trim().toLowerCase();
    const parsed = name === AUTHENTICATION_RESULTS ? parseAuthenticationResults(header.value) : null;
    if (parsed?.authservId === id) {
      out.push(parsed);
      continue;
    }
    if (out.length === 0) continue;
    if (INTERLEAVED_TRACE.has(name)) continue;
    break;
  }
  return out;
}

/**
 * One Authentication-Results header value (RFC 8601 section 2.2), comments and quoted strings
 * included; null when it names no authserv-id (Exchange Online writes its results without one,
 * so such a header cannot be told apart from one the sender wrote). A result it cannot read is
 * left out; the others still count.
 */
export function parseAuthenticationResults(value: string): AuthenticationResultsHeader | null {
  const segments = splitSegments(tokenize(value));
  const [first = [], ...rest] = segments;
  const idToken = first[0];
  if (!idToken || idToken.kind !== 'word' || first.some((token) => token.kind === '=')) return null;
  // An optional version follows the authserv-id ("mx.microsoft.com 1"); nothing else may.
  if (first.length > 2 || (first[1] && !(first[1].kind === 'word' && /^\d+$/.test(first[1].text)))) return null;
  const results: AuthenticationResult[] = [];
  for (const segment of rest) {
    const result = readResult(segment);
    if (result) results.push(result);
  }
  return { authservId: idToken.text.toLowerCase(), results };
}

type Token = { kind: 'word'; text: string } | { kind: ';' } | { kind: '=' };

/** Words, quoted strings (as words) and the separators ";" and "="; comments and folding dropped. */
function tokenize(value: string): Token[] {
  const text = value.replace(/\r?\n[ \t]/g, ' ');
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === '(') {
      at = skipComment(text, at);
    } else if (char === '"') {
      const { text: quoted, end } = readQuoted(text, at);
      tokens.push({ kind: 'word', text: quoted });
      at = end;
    } else if (char === ';' || char === '=') {
      tokens.push({ kind: char });
      at += 1;
    } else {
      let end = at;
      while (end < text.length && !/[\s();="]/.test(text[end]!)) end += 1;
      tokens.push({ kind: 'word', text: text.slice(at, end) });
      at = end;
    }
  }
  return tokens;
}

/** Index just past the comment opening at `start`; comments nest and may escape with a backslash. */
function skipComment(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at += 1) {
    const char = text[at];
    if (char === '\\') at += 1;
    else if (char === '(') depth += 1;
    else if (char === ')' && --depth === 0) return at + 1;
  }
  return text.length;
}

function readQuoted(text: string, start: number): { text: string; end: number } {
  let out = '';
  for (let at = start + 1; at < text.length; at += 1) {
    const char = text[at]!;
    if (char === '\\' && at + 1 < text.length) out += text[++at];
    else if (char === '"') return { text: out, end: at + 1 };
    else out += char;
  }
  return { text: out, end: text.length };
}

function splitSegments(tokens: readonly Token[]): Token[][] {
  const segments: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === ';') segments.push([]);
    else segments[segments.length - 1]!.push(token);
  }
  return segments.filter((segment, index) => index === 0 || segment.length > 0);
}

/** "method[/version]=result [reason=value] [ptype.property=value ...]"; null for "none" or anything unreadable. */
function readResult(segment: readonly Token[]): AuthenticationResult | null {
  const pairs: Array<[string, string]> = [];
  for (let at = 0; at < segment.length; at += 3) {
    const key = segment[at];
    const equals = segment[at + 1];
    const value = segment[at + 2];
    if (key?.kind !== 'word' || equals?.kind !== '=' || value?.kind !== 'word') return null;
    pairs.push([key.text.toLowerCase(), value.text]);
  }
  const [methodPair, ...propertyPairs] = pairs;
  if (!methodPair) return null;
  const method = methodPair[0].split('/')[0] ?? '';
  if (!/^[a-z0-9_-]+$/.test(method)) return null;
  const properties: Record<string, string> = {};
  let reason: string | null = null;
  for (const [key, value] of propertyPairs) {
    if (key === 'reason' && reason === null) reason = value;
    else if (!(key in properties)) properties[key] = value;
  }
  return { method, result: methodPair[1].toLowerCase(), reason, properties };
}

/** The first SPF or DKIM pass aligned with the From domain, described; null when none is. */
function alignedPass(results: readonly AuthenticationResult[], fromDomain: string): string | null {
  for (const result of results) {
    if (result.result !== 'pass') continue;
    const subject = authenticatedDomain(result);
    if (!subject || !alignedDomains(subject.domain, fromDomain)) continue;
    // The same check failing for the same domain elsewhere in the group: one of them is not ours to believe.
    const contradicted = results.some((other) => other.method === result.method && FAILING.has(other.result) && authenticatedDomain(other)?.domain === subject.domain);
    if (!contradicted) return `${result.method}=pass for ${subject.property}=${subject.domain}`;
  }
  return null;
}

/** The domain a DKIM or SPF result vouches for: DKIM's signing domain, SPF's MAIL FROM domain. */
function authenticatedDomain(result: AuthenticationResult): { property: string; domain: string } | null {
  const candidates = result.method === 'dkim' ? ['header.d', 'header.i'] : result.method === 'spf' ? ['smtp.mailfrom'] : [];
  for (const property of candidates) {
    const value = result.properties[property];
    const domain = value ? domainOf(value) : null;
    if (domain) return { property, domain };
  }
  return null;
}

/**
 * Relaxed alignment, simplified: the same domain, or one a subdomain of the other. The shorter
 * must have two labels at least, so a bare top-level domain aligns with nothing.
 */
export function alignedDomains(a: string, b: string): boolean {
  const left = normaliseDomain(a);
  const right = normaliseDomain(b);
  if (!left || !right) return false;
  if (left === right) return true;
  const [shorter, longer] = left.length < right.length ? [left, right] : [right, left];
  return shorter.includes('.') && longer.endsWith(`.${shorter}`);
}

function sameDomainOrAbsent(value: string | undefined, domain: string): boolean {
  if (value === undefined) return true;
  return domainOf(value) === domain;
}

/** The domain of "user@example.org", "@example.org" or "example.org", lower case; null when there is none. */
export function domainOf(value: string): string | null {
  const domain = value.slice(value.lastIndexOf('@') + 1);
  return normaliseDomain(domain);
}

function normaliseDomain(domain: string): string | null {
  const out = domain.trim().replace(/^<|>$/g, '').replace(/\.$/, '').toLowerCase();
  return /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(out) ? out : null;
}

function summary(result: AuthenticationResult): string {
  const subject = result.method === 'dmarc' ? (result.properties['header.from'] ? { property: 'header.from', domain: result.properties['header.from'] } : null) : authenticatedDomain(result);
  return `${result.method}=${result.result}${subject ? ` ${subject.property}=${subject.domain}` : ''}`;
}
