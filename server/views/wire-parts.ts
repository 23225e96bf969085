// The pieces every JSON shape is built from, as zod schemas: money in wire form, ids, calendar
// dates and instants. The shapes in this folder are the REST API's (its OpenAPI document is
// generated from them) and the CLI's --json output alike.
import { z } from 'zod';

export const moneyWire = z
  .object({
    amountMinor: z.string().regex(/^-?\d+$/).meta({ description: 'Whole minor units (cents) as a decimal string: JSON numbers lose precision past 2^53.' }),
    currency: z.string().regex(/^[A-Z]{3}$/).meta({ description: 'ISO 4217 code.' }),
  })
  .meta({ id: 'Money', description: 'An amount of money, never a float.' });

export const isoDate = z.iso.date().meta({ description: 'Calendar date, YYYY-MM-DD.' });
export const timestamp = z.iso.datetime({ offset: true });
export const id = z.uuid();
