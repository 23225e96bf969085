// Option values arrive as text; the services validate them, but numbers must be turned into
// numbers first, and a value that is no number is refused naming the field (exit code 3).
import { ValidationError } from '../services/errors.js';

export function integerOption(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new ValidationError([{ field, message: 'must be a whole number' }]);
  return Number(value);
}
