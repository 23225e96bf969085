// The lines of a quote as the API and the staff form send them, and zod's problems as field
// problems named the way people read them (`lines[0].quantity`).
import { z } from 'zod';
import { parseItemQuantity } from '../../billing/item-lines.js';
import { parseTaxRate } from '../../billing/tax.js';
import type { FieldProblem } from './errors.js';

/** A message for a missing value, and another for a value of the wrong kind. */
export const required = (wrongKind: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : wrongKind),
});

const quantity = z.union([z.string(), z.number()], required('must be a decimal number such as "2" or "1.5"')).transform((value, ctx) => {
  const parsed = parseItemQuantity(typeof value === 'number' ? String(value) : value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});

const unitAmountMinor = z
  .union([z.int('must be a whole number of minor units'), z.string().regex(/^-?\d+$/, 'must be a whole number of minor units')], required('must be a whole number of minor units'))
  .transform((value) => BigInt(value))
  .pipe(z.bigint().min(0n, 'must not be negative').max(10n ** 15n, 'is too large'));

const taxRate = z.string('must be a percentage such as "21"').transform((value, ctx) => {
  const parsed = parseTaxRate(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});

export const quoteLineSchema = z
  .object(
    {
      itemId: z.uuid(required('must be the id of an item')),
      quantity,
      /** Overrides the item's unit price (net, in minor units). */
      unitAmountMinor: unitAmountMinor.optional(),
      /** Overrides the item's name on the line. */
      description: z.string('must be text').trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
      /** Overrides the item's tax rate, in percent. */
      taxRate: taxRate.optional(),
    },
    'must be a line object with itemId and quantity',
  )
  .strict();

/** zod's issues as field problems: `lines[0].quantity: must be more than zero`. */
export function quoteProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const field = fieldName(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: field ? `${field}.${key}` : key, message: 'is not a field of a quote' }));
    }
    return [{ field: field || '(body)', message: issue.path.length === 0 && issue.code === 'invalid_type' ? 'must be a JSON object' : issue.message }];
  });
}

export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}
