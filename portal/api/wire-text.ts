// Text that can be stored: Postgres' text and jsonb hold no U+0000, and half of a UTF-16
// surrogate pair is no character at all (JSON's "\ud800" escape makes one). Such text is refused
// where requests are read, API bodies and forms alike, naming the field, so that no service or
// insert meets it.
import type { FieldProblem } from '../../server/services/errors.js';

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` cannot be stored, read after the field's name; null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain control character U+0000';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++; // a whole pair: one character beyond U+FFFF
      continue;
    }
    return `must be valid Unicode text, without a lone surrogate (${hex(code)} at character ${i + 1})`;
  }
  return null;
}

/** A field's place in a body, linked to its parent's, so that nesting costs nothing until a path is named. */
export interface PathStep {
  key: string | number;
  parent: PathStep | null;
}

/** The path as the API names fields: `lines.0.description`; the body itself is `(body)`. */
export function fieldPath(step: PathStep | null): string {
  const keys: (string | number)[] = [];
  for (let at = step; at; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.') || '(body)';
}

/**
 * Every string of a parsed JSON value that cannot be stored, keys included, by field path.
 * Walked with a list, not recursion: JSON.parse takes nesting far deeper than the call stack.
 */
export function jsonTextProblems(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { value: unknown; at: PathStep | null }[] = [{ value, at: null }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: item, at } = next;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) problems.push({ field: fieldPath(at), message: problem });
    } else if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index--) pending.push({ value: item[index], at: { key: index, parent: at } });
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, element] of Object.entries(item).reverse()) {
        const keyProblem = textProblem(key);
        if (keyProblem) problems.push({ field: fieldPath({ key, parent: at }), message: `is a field name that ${keyProblem}` });
        else pending.push({ value: element, at: { key, parent: at } });
      }
    }
  }
  return problems;
}
