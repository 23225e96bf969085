// What the collections services share: a definition refused by billing's parser becomes a
// ValidationError naming the field under `definition` (`definition.steps[2].afterDays`), and ids
// that are not UUIDs are simply not found.
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors.js';

/** Billing's parsers name the whole value `policy` or `rule`; on the wire it is `definition`. */
export function definitionProblem(field: string, reason: string): ValidationError {
  const path = field === 'policy' || field === 'rule' ? 'definition' : `definition.${field}`;
  return new ValidationError([{ field: path, message: reason }]);
}

export function assertUuid(entity: string, id: string): void {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError(entity, id);
}

export const collectionName = z
  .string('is required')
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .meta({ examples: ['Residential'] });

/** Who wrote a version: a staff email, or `api`. */
export type CollectionsActor = string;
