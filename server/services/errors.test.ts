import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInput, ValidationError } from './errors.js';

function problemsOf(parse: () => unknown) {
  try {
    parse();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
  }
  throw new Error('expected a ValidationError');
}

describe('ValidationError.fromZod', () => {
  const mapping = z.strictObject({ timeColumn: z.string(), lines: z.array(z.strictObject({ quantity: z.string() })) });

  it('names each unknown field by its path, as the API does', () => {
    expect(problemsOf(() => parseInput(mapping, { timeColumn: 'at', plan_id: 1, Name: 'x', lines: [{ quantity: '1', colour: 'red' }] }))).toEqual([
      { field: 'lines.0.colour', message: 'is not a field of this request' },
      { field: 'plan_id', message: 'is not a field of this request' },
      { field: 'Name', message: 'is not a field of this request' },
    ]);
  });

  it('names the body itself when it is not an object', () => {
    expect(problemsOf(() => parseInput(mapping, 42))).toEqual([{ field: '(body)', message: expect.any(String) }]);
  });
});
