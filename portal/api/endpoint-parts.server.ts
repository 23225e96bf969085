// Building blocks the endpoint definitions share: documented service schemas, id parameters and
// the page query.
import { z } from 'zod';
import { pageQuerySchema } from '../../server/services/pagination.js';

/** Adds documentation to some fields of a service's schema; validation stays the service's own. */
export function documented<T extends z.ZodObject>(schema: T, docs: Partial<Record<keyof T['shape'] & string, z.core.GlobalMeta>>): T {
  const shape = Object.fromEntries(Object.entries(docs).map(([field, meta]) => [field, (schema.shape[field] as z.ZodType).meta(meta ?? {})]));
  // Same fields with the same types, only described: the schema's type does not change.
  return schema.extend(shape) as unknown as T;
}

export const uuidParam = (what: string) => z.uuid(`must be ${what} id (a UUID)`);
export const customerParams = z.object({ customerId: uuidParam('a customer') });

export const pageQuery = documented(pageQuerySchema, {
  limit: { description: 'Items per page, 1 to 100.' },
  cursor: { description: '`nextCursor` of the previous page.' },
});
