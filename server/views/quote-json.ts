// A quote as JSON: the one shape the REST API answers with and `uplink quotes ... --json` prints.
// Money in wire form (minor units as a string), instants as ISO strings.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import { DECIDED_QUOTE_STATUSES, QUOTE_STATUSES } from '../../billing/quotes/quote-lifecycle.js';
import type { QuoteDecided } from '../services/quotes/quote-decisions.js';
import type { QuoteSummary, QuoteView } from '../services/quotes/quotes.js';
import { id, isoDate, moneyWire, timestamp } from './wire-parts.js';

const status = z.enum(QUOTE_STATUSES).meta({ description: '`draft` → `sent` → `accepted`, `declined` or `expired`.' });
const invoiceRef = z.object({ id, number: z.string() }).nullable().meta({ description: 'The invoice an accepted quote became.' });

const quoteLineWire = z.object({
  position: z.int(),
  itemId: id.nullable(),
  description: z.string(),
  quantity: z.string().meta({ description: 'Exact decimal text, e.g. "1.5".' }),
  unitAmount: moneyWire.meta({ description: 'Net price of one unit.' }),
  amount: moneyWire.meta({ description: 'Quantity × unit price, rounded once (half to even).' }),
  taxRate: z.string().meta({ description: 'Percent, as exact decimal text such as "21".' }),
  tax: moneyWire.meta({ description: "The line's tax, rounded once on its net amount." }),
});

export const quoteWire = z
  .object({
    id,
    number: z.string().meta({ description: 'Q-<year>-<number>, from a gapless series per year.' }),
    customerId: id,
    customer: z.object({ id, name: z.string(), email: z.string() }),
    status,
    lines: z.array(quoteLineWire),
    net: moneyWire,
    tax: moneyWire,
    total: moneyWire,
    validUntil: isoDate.meta({ description: 'The last day it can be accepted (through the end of that day, UTC).' }),
    note: z.string().nullable(),
    createdAt: timestamp,
    sentAt: timestamp.nullable(),
    decidedAt: timestamp.nullable(),
    decidedVia: z.enum(['portal', 'email', 'staff', 'api']).nullable(),
    invoice: invoiceRef,
  })
  .meta({ id: 'Quote' });

export const quoteSummaryWire = z
  .object({
    id,
    number: z.string(),
    customerId: id,
    customerName: z.string(),
    status,
    total: moneyWire,
    validUntil: isoDate,
    createdAt: timestamp,
    sentAt: timestamp.nullable(),
    decidedAt: timestamp.nullable(),
  })
  .meta({ id: 'QuoteSummary' });

export const quoteDecidedWire = z
  .object({
    quoteId: id,
    quoteNumber: z.string(),
    status: z.enum(DECIDED_QUOTE_STATUSES),
    invoice: invoiceRef,
    alreadyDecided: z.boolean().meta({ description: 'The same decision had already been taken: nothing changed.' }),
  })
  .meta({ id: 'QuoteDecision' });

export function quoteJson(quote: QuoteView): z.input<typeof quoteWire> {
  return {
    ...quote,
    lines: quote.lines.map((line) => ({ ...line, unitAmount: toWire(line.unitAmount), amount: toWire(line.amount), tax: toWire(line.tax) })),
    net: toWire(quote.net),
    tax: toWire(quote.tax),
    total: toWire(quote.total),
    createdAt: quote.createdAt.toISOString(),
    sentAt: quote.sentAt?.toISOString() ?? null,
    decidedAt: quote.decidedAt?.toISOString() ?? null,
  };
}

export function quoteSummaryJson(quote: QuoteSummary): z.input<typeof quoteSummaryWire> {
  return {
    ...quote,
    total: toWire(quote.total),
    createdAt: quote.createdAt.toISOString(),
    sentAt: quote.sentAt?.toISOString() ?? null,
    decidedAt: quote.decidedAt?.toISOString() ?? null,
  };
}

export function quoteDecidedJson(decided: QuoteDecided): z.input<typeof quoteDecidedWire> {
  return { ...decided };
}
