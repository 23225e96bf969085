// Demo data for one-off billing: a small catalog of maintenance services and spare parts, a
// one-off invoice for a technician's visit, and quotes waiting for the customers' answer, so the
// quote emails, the customer portal and the Temporal quote workflows have something to show.
import { and, eq } from 'drizzle-orm';
import { customers, invoices, items, quotes } from '../db/schema.js';
import type { ServiceContext } from './services/context.js';
import { createItem } from './services/catalog/items.js';
import { createOneOffInvoice } from './services/invoices/one-off-invoices.js';
import { createQuote, sendQuote } from './services/quotes/quotes.js';

const CATALOG = [
  { name: 'Technician visit (per hour)', kind: 'service', unitPrice: 6500, taxRate: '21', description: 'On-site work, billed per started half hour.' },
  { name: 'Router replacement', kind: 'part', unitPrice: 8900, taxRate: '21', description: 'Wi-Fi 6 router, configured before delivery.' },
  { name: 'Fibre modem (ONT)', kind: 'part', unitPrice: 12000, taxRate: '21', description: null },
  { name: 'Patch cable, 5 m', kind: 'part', unitPrice: 450, taxRate: '21', description: null },
] as const;

type Catalog = Record<(typeof CATALOG)[number]['name'], string>;

export async function seedDemoDocuments(ctx: ServiceContext, log: (line: string) => void): Promise<void> {
  const catalog = await demoCatalog(ctx);
  const ada = await customerByEmail(ctx, 'ada@example.net');
  if (ada && !(await hasOneOffInvoice(ctx, ada.id))) {
    const { invoice } = await createOneOffInvoice(ctx, {
      customerId: ada.id,
      lines: [
        { itemId: catalog['Technician visit (per hour)'], quantity: '1.5' },
        { itemId: catalog['Patch cable, 5 m'], quantity: '2' },
      ],
    });
    log(`  demo one-off invoice ${invoice.number} for ${ada.name}`);
  }
  const quoted = [
    {
      email: 'accounts@hopper-sons.example',
      note: 'Replacing the router in the server room, as discussed on the phone.',
      lines: [
        { itemId: catalog['Router replacement'], quantity: '1' },
        { itemId: catalog['Technician visit (per hour)'], quantity: '2' },
      ],
    },
    {
      email: 'grace@example.net',
      note: 'A new fibre modem for the upstairs office.',
      lines: [
        { itemId: catalog['Fibre modem (ONT)'], quantity: '1' },
        { itemId: catalog['Technician visit (per hour)'], quantity: '1', unitAmountMinor: 0, description: 'Installation (free with the modem)' },
      ],
    },
  ];
  for (const { email, note, lines } of quoted) {
    const customer = await customerByEmail(ctx, email);
    if (!customer || (await hasQuote(ctx, customer.id))) continue;
    const quote = await createQuote(ctx, { customerId: customer.id, lines, validDays: 30, note });
    await sendQuote(ctx, quote.id);
    log(`  demo quote ${quote.number} sent to ${customer.name}`);
  }
}

/** Items by name; a seed interrupted half-way finds those it made and makes only the rest. */
async function demoCatalog(ctx: ServiceContext): Promise<Catalog> {
  const ids: Partial<Catalog> = {};
  for (const item of CATALOG) {
    const [existing] = await ctx.db.select({ id: items.id }).from(items).where(eq(items.name, item.name));
    ids[item.name] = existing?.id ?? (await createItem(ctx, { ...item, currency: 'EUR' })).id;
  }
  return ids as Catalog;
}

async function customerByEmail(ctx: ServiceContext, email: string) {
  const [customer] = await ctx.db.select().from(customers).where(eq(customers.email, email));
  return customer;
}

async function hasOneOffInvoice(ctx: ServiceContext, customerId: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), eq(invoices.kind, 'one_off')))
    .limit(1);
  return row !== undefined;
}

async function hasQuote(ctx: ServiceContext, customerId: string): Promise<boolean> {
  const [row] = await ctx.db.select({ id: quotes.id }).from(quotes).where(eq(quotes.customerId, customerId)).limit(1);
  return row !== undefined;
}
