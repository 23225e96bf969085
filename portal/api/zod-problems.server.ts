// Turns zod issues into the field problems API clients read: one entry per field (or unknown
// key) with a reason a person understands, instead of zod's internal wording.
import type { z } from 'zod';
import type { FieldProblem } from '../../server/services/errors.js';

/**
 * Used for issues whose schema gave no message of its own. Service schemas carry their own
 * wording ("must be a 3-letter ISO 4217 code such as EUR"), which wins.
 */
export const apiErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && typeof issue.input === 'number' && !Number.isFinite(issue.input)) {
    return `is out of range (${issue.input}): send it as a decimal string such as "12.5"`;
  }
  if (issue.code === 'invalid_type') return `must be ${describeType(issue.expected)}, not ${describeValue(issue.input)}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  return undefined;
};

/** Parse options for API input: our wording, and each issue's input, to tell a missing field. */
export const apiParseOptions = { error: apiErrorMap, reportInput: true } as const;

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'is not a field of this request' }));
    }
    return [{ field: path.join('.') || '(body)', message: messageOf(issue) }];
  });
}

function messageOf(issue: z.core.$ZodIssue): string {
  // Whatever the schema would say about a wrong value, an absent one is simply missing. (Issues
  // carry `input` only when parsed with apiParseOptions; a service's own ZodError has none.)
  if ('input' in issue && issue.input === undefined && ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code)) return 'is required';
  // A union's own message is "Invalid input"; its first alternative is the one the schema prefers.
  if (issue.code === 'invalid_union') return issue.errors[0]?.[0]?.message ?? 'has the wrong type';
  return issue.message;
}
function describeType(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'object') return 'a JSON object';
  if (expected === 'array') return 'a JSON array';
  return `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
