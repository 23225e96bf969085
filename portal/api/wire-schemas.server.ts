// The JSON shapes of the API's answers that are no entity of their own, as zod schemas: a hand-off
// accepted, health, a batch of readings recorded, and a page of items. Entities (a customer, an
// invoice, ...) have theirs in server/views, beside the one function that builds each, which the
// CLI's --json shares. The OpenAPI document is generated from all of them, and every response is
// checked against its schema before it is sent, so the document cannot drift from the answers.
import { z } from 'zod';
import { id } from '../../server/views/wire-parts.js';

export const acceptedWire = z
  .object({
    customerId: id,
    detail: z.string().meta({ description: 'What the account workflow does next.' }),
  })
  .meta({ id: 'Accepted', description: "The request was handed to the customer's account workflow, which carries it out." });

export const healthWire = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ database: z.enum(['ok', 'down']), temporal: z.enum(['ok', 'down']) }),
    detail: z.string().optional().meta({ description: 'What is down and why, when something is.' }),
  })
  .meta({ id: 'Health' });

export const recordedReadingsWire = z
  .object({
    accepted: z.int().meta({ description: 'Readings stored by this call.' }),
    duplicates: z.int().meta({ description: 'Readings already stored with the same meter, time and value; not stored again.' }),
    errors: z
      .array(z.object({ index: z.int(), field: z.string(), message: z.string() }))
      .meta({ description: 'Every refused reading: its position in `readings` (from 0), the field and why.' }),
  })
  .meta({ id: 'RecordedReadings' });

/** `{items, nextCursor}`: pass `nextCursor` back as `cursor` for the next page; null on the last. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
