// Turns zod issues into the field problems API clients read: one entry per field (or unknown
// key) with a reason a person understands, instead of zod's internal wording.
import { z } from 'zod';
import type { FieldProblem } from '../../server/services/errors.js';

/**
 * Used for issues whose schema gave no message of its own. Service schemas carry their own
 * wording ("must be a 3-letter ISO 4217 code such as EUR"), which always wins.
 */
export const apiErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `must be ${describeType(issue.expected)}, not ${describeValue(issue.input)}`;
  }
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  return undefined;
};

export function fieldProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const field = prefix + issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: prefix + [...issue.path.map(String), key].join('.'), message: 'is not a field of this request' }));
    }
    return [{ field: field || '(body)', message: issue.code === 'invalid_union' ? unionMessage(issue) : issue.message }];
  });
}

/** A union's own message is "Invalid input"; the reasons its alternatives gave say more. */
function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  const reasons = new Set(issue.errors.flat().map((inner) => inner.message).filter((message) => !message.startsWith('Invalid input')));
  return reasons.size > 0 ? [...reasons].join('; ') : 'has the wrong type';
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
