import { describe, expect, it } from 'vitest';
import { returnPath } from './return-path.js';

describe('the path to return to after signing in', () => {
  it('keeps a path of this site, resolved as the browser resolves it', () => {
    expect(returnPath('/staff/plans')).toBe('/staff/plans');
    expect(returnPath('/staff/plans?page=2#list')).toBe('/staff/plans?page=2#list');
    expect(returnPath('/staff/./plans/../customers')).toBe('/staff/customers');
    expect(returnPath('/account/%2e/quotes')).toBe('/account/quotes');
  });

  it('refuses anything that leads to another site, before or after its dots are resolved', () => {
    for (const target of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'evil.example',
      '/.//evil.example',
      '/..//evil.example',
      '/%2e//evil.example',
      '/%2E%2E//evil.example',
      '/a/..//evil.example',
      '/./\\evil.example',
      '/.\\/evil.example',
    ]) {
      expect(returnPath(target), target).toBeNull();
    }
  });

  it('refuses what is not text', () => {
    expect(returnPath(null)).toBeNull();
    expect(returnPath(undefined)).toBeNull();
    expect(returnPath(['/staff'])).toBeNull();
  });
});
