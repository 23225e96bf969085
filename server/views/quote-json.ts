// A quote as JSON: the one shape the REST API answers with and `uplink quotes ... --json` prints.
// Money in wire form (minor units as a string), instants as ISO strings.
import { toWire, type MoneyWire } from '../../billing/money.js';
import type { QuoteStatus } from '../../billing/quotes/quote-lifecycle.js';
import type { QuoteDecided } from '../services/quotes/quote-decisions.js';
import type { QuoteSummary, QuoteView } from '../services/quotes/quotes.js';

export interface QuoteLineJson {
  position: number;
  itemId: string | null;
  description: string;
  quantity: string;
  unitAmount: MoneyWire;
  amount: MoneyWire;
  taxRate: string;
  tax: MoneyWire;
}

export interface QuoteJson extends Omit<QuoteView, 'lines' | 'net' | 'tax' | 'total' | 'createdAt' | 'sentAt' | 'decidedAt'> {
  lines: QuoteLineJson[];
  net: MoneyWire;
  tax: MoneyWire;
  total: MoneyWire;
  createdAt: string;
  sentAt: string | null;
  decidedAt: string | null;
}

export interface QuoteSummaryJson {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  status: QuoteStatus;
  total: MoneyWire;
  validUntil: string;
  createdAt: string;
  sentAt: string | null;
  decidedAt: string | null;
}

export function quoteJson(quote: QuoteView): QuoteJson {
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

export function quoteSummaryJson(quote: QuoteSummary): QuoteSummaryJson {
  return {
    ...quote,
    total: toWire(quote.total),
    createdAt: quote.createdAt.toISOString(),
    sentAt: quote.sentAt?.toISOString() ?? null,
    decidedAt: quote.decidedAt?.toISOString() ?? null,
  };
}

export function quoteDecidedJson(decided: QuoteDecided): QuoteDecided {
  return { ...decided };
}
