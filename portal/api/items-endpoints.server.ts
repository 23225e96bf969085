// The items-catalog endpoints of the registry (see endpoints.server.ts), the item's wire shape and
// its view: money as a string of minor units with its currency, the tax rate as exact decimal text.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import { ITEM_KINDS, itemListQuerySchema, itemUpdateSchema, newItemSchema, type Item } from '../../server/services/catalog/items.js';
import { moneyWire } from '../../server/views/wire-parts.js';
import { documented, pageQuery, uuidParam } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';
import { pageOf } from './wire-schemas.server.js';

export const itemWire = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(ITEM_KINDS),
    description: z.string().nullable(),
    unitPrice: moneyWire.meta({ description: 'Net price of one unit, tax exclusive.' }),
    revenueAccountCode: z.string().meta({ description: 'The income account its sales are booked to.' }),
    taxRate: z.string().meta({ description: 'Percent, as exact decimal text such as "21" or "7.7".' }),
    active: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Item' });

export function itemView(item: Item): z.input<typeof itemWire> {
  return {
    id: item.id,
    name: item.name,
    kind: item.kind,
    description: item.description,
    unitPrice: toWire({ amountMinor: item.unitPriceMinor, currency: item.currency }),
    revenueAccountCode: item.revenueAccountCode,
    taxRate: item.taxRate,
    active: item.active,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

const itemParams = z.object({ itemId: uuidParam('an item') });
const itemDocs = {
  unitPrice: {
    description: 'Net price of one unit in minor units (cents), tax exclusive: an integer, or a string of digits. Never a decimal amount.',
    examples: [1999],
  },
  taxRate: { description: 'Percent from 0 to 100 with at most 4 decimals, as a string without "%".', examples: ['21', '7.7'] },
  revenueAccountCode: { description: 'An income account; defaults to 4200 (maintenance) for services and 4300 (spare parts) for parts.' },
};

export const itemsEndpoints = {
  listItems: defineEndpoint({
    id: 'listItems',
    method: 'GET',
    path: '/api/v1/items',
    tag: 'Items',
    summary: 'List catalog items, newest first',
    authenticated: true,
    query: documented(itemListQuerySchema.extend(pageQuery.shape), {
      kind: { description: 'Only services or only parts.' },
      active: { description: '`true` for items still offered, `false` for retired ones.' },
    }),
    response: pageOf(itemWire),
    successStatus: 200,
  }),
  createItem: defineEndpoint({
    id: 'createItem',
    method: 'POST',
    path: '/api/v1/items',
    tag: 'Items',
    summary: 'Add a service or spare part to the catalog',
    description: 'Answers 201 with the item and its URL in `Location`.',
    authenticated: true,
    body: documented(newItemSchema, { ...itemDocs, currency: { examples: ['EUR'] } }).strict(),
    response: itemWire,
    successStatus: 201,
  }),
  getItem: defineEndpoint({
    id: 'getItem',
    method: 'GET',
    path: '/api/v1/items/{itemId}',
    tag: 'Items',
    summary: 'Get a catalog item',
    authenticated: true,
    params: itemParams,
    response: itemWire,
    successStatus: 200,
  }),
  updateItem: defineEndpoint({
    id: 'updateItem',
    method: 'PATCH',
    path: '/api/v1/items/{itemId}',
    tag: 'Items',
    summary: 'Change a catalog item',
    description:
      'Send only the fields to change; invoices already issued keep what they billed. The currency cannot change. ' +
      'Set `active` to false to stop offering the item.',
    authenticated: true,
    params: itemParams,
    body: documented(itemUpdateSchema, itemDocs)
      .strict()
      .refine((changes) => Object.keys(changes).length > 0, 'must change at least one of name, description, unitPrice, taxRate, revenueAccountCode, active'),
    response: itemWire,
    successStatus: 200,
  }),
};
