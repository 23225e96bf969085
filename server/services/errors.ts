import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Input that cannot be accepted, with every field that is wrong and why. Nothing was stored. */
export class ValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(`Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }

  static fromZod(error: z.ZodError): ValidationError {
    return new ValidationError(
      error.issues.flatMap((issue) => {
        const path = issue.path.map(String);
        // Each unknown field by its own name, as the API's request validation names them.
        if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'is not a field of this request' }));
        return [{ field: path.join('.') || '(body)', message: issue.message }];
      }),
    );
  }
}

export class NotFoundError extends Error {
  constructor(readonly entity: string, readonly id: string) {
    super(`${entity} ${id} does not exist`);
    this.name = 'NotFoundError';
  }
}

/**
 * The request is well formed but the thing it acts on is not in a state that allows it (a quote
 * that expired, an invoice already fully credited). The message says why, for people.
 */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * Something the request needs did not answer (the card gateway, say), so it could not be done, or
 * its outcome is unknown. Nothing was stored; the message says whether sending the same request
 * again (with the same idempotency key) is safe.
 */
export class ServiceUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceUnavailableError';
  }
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}
