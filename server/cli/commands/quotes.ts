// `uplink quotes list|show|create|send|accept|decline`: quotes of catalog items, sent to the
// customer by their own workflow, decided here on the customer's behalf (recorded as via the API).
import { formatMoney } from '../../../billing/money.js';
import { decideQuote, type QuoteDecision } from '../../services/quotes/quote-decisions.js';
import { createQuote, getQuote, listQuotes, sendQuote, type QuoteView } from '../../services/quotes/quotes.js';
import { quoteDecidedJson, quoteJson, quoteSummaryJson } from '../../views/quote-json.js';
import { UsageError, type Command } from '../command.js';
import type { HumanPrinter } from '../output.js';
import { nextPageHint, pageOptions } from './paging.js';

export const quotesList: Command = {
  name: 'quotes list',
  summary: 'List quotes, newest first, optionally one customer’s or in one status.',
  options: {
    customer: { type: 'string', description: 'only this customer’s quotes', placeholder: '<customer-id>' },
    status: { type: 'string', description: 'draft, sent, accepted, declined or expired', placeholder: '<status>' },
    ...pageOptions,
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const page = await listQuotes(ctx, {
      customerId: input.option('customer'),
      status: input.option('status'),
      limit: input.option('limit'),
      cursor: input.option('cursor'),
    });
    out.result({ items: page.items.map(quoteSummaryJson), nextCursor: page.nextCursor }, (print) => {
      if (page.items.length === 0) {
        print.line('No quotes.');
        return;
      }
      print.table(
        [{ header: 'NUMBER' }, { header: 'ID' }, { header: 'CUSTOMER' }, { header: 'STATUS' }, { header: 'VALID UNTIL' }, { header: 'TOTAL', align: 'right' }],
        page.items.map((quote) => [quote.number, quote.id, quote.customerName, quote.status, quote.validUntil, formatMoney(quote.total)]),
      );
      nextPageHint(print, page.nextCursor);
    });
  },
};

export const quotesShow: Command = {
  name: 'quotes show',
  summary: 'Show a quote with its lines, status and the invoice it became.',
  options: {},
  positional: { name: 'quote-id', description: 'the quote to show' },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const quote = await getQuote(ctx, input.argument ?? '');
    out.result(quoteJson(quote), (print) => printQuote(print, quote));
  },
};

/** `<item-id>:<quantity>` as a line; the service checks both. */
function itemLine(text: string) {
  const [itemId, quantity, ...rest] = text.split(':');
  if (!itemId || quantity === undefined || rest.length > 0) throw new UsageError(`--item "${text}" must be <item-id>:<quantity>, e.g. --item 3f0c…:2`, 'quotes create');
  return { itemId, quantity };
}

export const quotesCreate: Command = {
  name: 'quotes create',
  summary: 'Write a draft quote of catalog items; `uplink quotes send` sends it.',
  options: {
    customer: { type: 'string', description: 'who it is for', placeholder: '<customer-id>', required: true },
    item: { type: 'string', description: 'a line: the item and its quantity; repeat for more lines', placeholder: '<item-id>:<quantity>', required: true, multiple: true },
    'valid-until': { type: 'string', description: 'the last day it can be accepted (default: 30 days from today)', placeholder: '<YYYY-MM-DD>' },
    note: { type: 'string', description: 'shown to the customer above the lines', placeholder: '<text>' },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const validUntil = input.option('valid-until');
    const note = input.option('note');
    const quote = await createQuote(ctx, {
      customerId: input.option('customer'),
      lines: input.options('item').map(itemLine),
      ...(validUntil ? { validUntil } : {}),
      ...(note ? { note } : {}),
    });
    out.result(quoteJson(quote), (print) => {
      print.line(`Created draft quote ${quote.number} for ${quote.customer.name}; send it with \`uplink quotes send ${quote.id}\`.`);
      printQuote(print, quote);
    });
  },
};

export const quotesSend: Command = {
  name: 'quotes send',
  summary: 'Send a quote: its workflow emails it, reminds the customer and expires it.',
  options: {},
  positional: { name: 'quote-id', description: 'the quote to send' },
  temporal: 'required',
  async run(input, { ctx }, out) {
    const quote = await sendQuote(ctx, input.argument ?? '');
    out.result(quoteJson(quote), (print) => print.line(`Quote ${quote.number} sent to ${quote.customer.email}; valid until ${quote.validUntil}.`));
  },
};

function decisionCommand(decision: QuoteDecision): Command {
  return {
    name: `quotes ${decision}`,
    summary: decision === 'accept' ? 'Accept a sent quote for the customer: it becomes a posted, emailed invoice.' : 'Decline a sent quote for the customer.',
    options: {},
    positional: { name: 'quote-id', description: `the quote to ${decision}` },
    temporal: 'required',
    async run(input, { ctx }, out) {
      const decided = await decideQuote(ctx, { quoteId: input.argument ?? '', decision, via: 'api' });
      out.result(quoteDecidedJson(decided), (print) => {
        const invoice = decided.invoice ? `; invoice ${decided.invoice.number} (${decided.invoice.id})` : '';
        print.line(`Quote ${decided.quoteNumber} ${decided.alreadyDecided ? 'was already' : 'is'} ${decided.status}${invoice}.`);
      });
    },
  };
}

export const quotesAccept = decisionCommand('accept');
export const quotesDecline = decisionCommand('decline');

function printQuote(print: HumanPrinter, quote: QuoteView): void {
  print.facts([
    ['id', quote.id],
    ['number', quote.number],
    ['customer', `${quote.customer.name} <${quote.customer.email}> (${quote.customer.id})`],
    ['status', quote.status],
    ['valid until', quote.validUntil],
    ['invoice', quote.invoice ? `${quote.invoice.number} (${quote.invoice.id})` : '-'],
  ]);
  print.line();
  print.table(
    [{ header: 'DESCRIPTION' }, { header: 'QTY', align: 'right' }, { header: 'UNIT', align: 'right' }, { header: 'NET', align: 'right' }, { header: 'TAX', align: 'right' }],
    [
      ...quote.lines.map((line) => [line.description, line.quantity, formatMoney(line.unitAmount), formatMoney(line.amount), `${formatMoney(line.tax)} (${line.taxRate}%)`]),
      ['Total', '', '', formatMoney(quote.net), formatMoney(quote.tax)],
      ['Total with tax', '', '', '', formatMoney(quote.total)],
    ],
  );
}
