import { describe, expect, it } from 'vitest';
import { jsonTextProblems, textProblem } from './wire-text.js';

describe('textProblem', () => {
  it('passes any Unicode text, characters beyond U+FFFF (surrogate pairs) included', () => {
    for (const text of ['', 'Fibre 100', 'Zürich – ünd 日本', 'emoji 😀 pair', '\t tab and\nline break', '\u0001']) expect(textProblem(text), text).toBeNull();
  });

  it('refuses U+0000, which Postgres text cannot hold', () => {
    expect(textProblem('Fibre\u0000100')).toBe('must not contain control character U+0000');
  });

  it('refuses half of a surrogate pair, high or low, at its position', () => {
    expect(textProblem('ab\ud800')).toBe('must be valid Unicode text, without a lone surrogate (U+D800 at character 3)');
    expect(textProblem('\udc00x')).toBe('must be valid Unicode text, without a lone surrogate (U+DC00 at character 1)');
    expect(textProblem('😀\ud83d')).toBe('must be valid Unicode text, without a lone surrogate (U+D83D at character 3)');
  });
});

describe('jsonTextProblems', () => {
  it('names every string and key that cannot be stored, in document order', () => {
    const body = { name: 'ok', lines: [{ description: 'a\u0000b' }, { description: 'fine', ['k\u0000']: 1 }], ref: '\ud800' };
    expect(jsonTextProblems(body)).toEqual([
      { field: 'lines.0.description', message: 'must not contain control character U+0000' },
      { field: 'lines.1.k\u0000', message: 'is a field name that must not contain control character U+0000' },
      { field: 'ref', message: 'must be valid Unicode text, without a lone surrogate (U+D800 at character 1)' },
    ]);
    expect(jsonTextProblems('\u0000')).toEqual([{ field: '(body)', message: 'must not contain control character U+0000' }]);
    expect(jsonTextProblems({ amount: 1, active: true, note: null })).toEqual([]);
  });

  it('walks a deeply nested value without recursion', () => {
    const depth = 200_000;
    const nested = JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`) as unknown;
    expect(jsonTextProblems(nested)).toHaveLength(1);
  });
});
