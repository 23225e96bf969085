import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The rating rules run inside Temporal's workflow sandbox like the rest of billing/: they may use
// each other, billing/'s own modules and decimal.js, and nothing that reads a clock or does I/O.
const folder = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(folder)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => ({ name, text: readFileSync(folder + name, 'utf8') }));

describe('billing/rating stays pure', () => {
  it.each(sources)('$name imports only billing/ and decimal.js', ({ text }) => {
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)].map((m) => m[1]!);
    expect(specifiers.filter((s) => !/^\.\.?\/[\w-]+\.js$/.test(s) && s !== 'decimal.js')).toEqual([]);
  });

  it.each(sources)('$name reads no clock, randomness or environment', ({ text }) => {
    expect(text).not.toMatch(/Date\.now|new Date\(\s*\)|Math\.random|process\.|globalThis|setTimeout|fetch\(/);
  });
});
