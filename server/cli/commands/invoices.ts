// `uplink invoices list|show|create|credit`.
import type { IsoDate } from '../../../billing/calendar.js';
import { formatMoney } from '../../../billing/money.js';
import { businessDateAt } from '../../../billing/payments/business-date.js';
import { lastDayOfPeriod } from '../../../billing/periods.js';
import { createCreditNote } from '../../services/credit-notes/credit-notes.js';
import { getInvoice, listCustomerInvoices } from '../../services/invoices/invoice-records.js';
import { createOneOffInvoice } from '../../services/invoices/one-off-invoices.js';
import { creditNoteDocumentJson } from '../../views/credit-note-json.js';
import { invoiceDocumentJson, invoiceJson } from '../../views/invoice-json.js';
import { formatLineUnitPrice } from '../../views/unit-price.js';
import { UsageError, type Command } from '../command.js';
import { nextPageHint, pageOptions } from './paging.js';

// Periods are stored end-exclusive; people read the last day billed, as the invoice email shows.
const period = (start: IsoDate | null, end: IsoDate | null) => (start && end ? `${start} to ${lastDayOfPeriod({ start, end })}` : '-');

export const invoicesList: Command = {
  name: 'invoices list',
  summary: "List a customer's invoices, newest first.",
  options: {
    customer: { type: 'string', description: 'whose invoices', placeholder: '<customer-id>', required: true },
    ...pageOptions,
  },
  temporal: 'none',
  async run(input, { ctx, timeZone }, out) {
    const page = await listCustomerInvoices(ctx, input.option('customer') ?? '', {
      limit: input.option('limit'),
      cursor: input.option('cursor'),
    });
    const today = businessDateAt(Date.now(), timeZone);
    out.result({ items: page.items.map((invoice) => invoiceJson(invoice, today)), nextCursor: page.nextCursor }, (print) => {
      if (page.items.length === 0) {
        print.line('No invoices yet.');
        return;
      }
      print.table(
        [
          { header: 'NUMBER' },
          { header: 'ID' },
          { header: 'STATUS' },
          { header: 'ISSUED' },
          { header: 'PERIOD' },
          { header: 'TOTAL', align: 'right' },
        ],
        page.items.map((invoice) => [
          invoice.number,
          invoice.id,
          invoice.status,
          invoice.issueDate,
          period(invoice.periodStart, invoice.periodEnd),
          formatMoney(invoice.total),
        ]),
      );
      nextPageHint(print, page.nextCursor);
    });
  },
};

export const invoicesShow: Command = {
  name: 'invoices show',
  summary: 'Show an invoice with its lines, as the customer sees it.',
  options: {},
  positional: { name: 'invoice-id', description: 'the invoice to show' },
  temporal: 'none',
  async run(input, { ctx, timeZone }, out) {
    const invoice = await getInvoice(ctx, input.argument ?? '');
    out.result(invoiceDocumentJson(invoice, businessDateAt(Date.now(), timeZone)), (print) => {
      print.line(`Invoice ${invoice.number} (${invoice.status})`);
      print.facts([
        ['id', invoice.id],
        ['customer', `${invoice.customer.name} <${invoice.customer.email}> (${invoice.customer.id})`],
        ['issued', invoice.issueDate],
        ['period', period(invoice.periodStart, invoice.periodEnd)],
      ]);
      print.line();
      print.table(
        [{ header: 'DESCRIPTION' }, { header: 'PERIOD' }, { header: 'QTY', align: 'right' }, { header: 'UNIT', align: 'right' }, { header: 'AMOUNT', align: 'right' }],
        [
          ...invoice.lines.map((line) => [
            line.description,
            period(line.periodStart, line.periodEnd),
            line.unit ? `${line.quantity} ${line.unit}` : line.quantity,
            formatLineUnitPrice(line),
            formatMoney(line.amount),
          ]),
          ['Total', '', '', '', formatMoney(invoice.total)],
        ],
      );
    });
  },
};

/** `<item-id>:<quantity>` as a line; the service checks both. */
function itemLine(text: string, command: string) {
  const [itemId, quantity, ...rest] = text.split(':');
  if (!itemId || quantity === undefined || rest.length > 0) throw new UsageError(`--item "${text}" must be <item-id>:<quantity>, e.g. --item 3f0c…:2`, command);
  return { itemId, quantity };
}

/** `<position>` or `<position>:<amount-in-minor-units>` as a line to credit. */
function creditLine(text: string, command: string) {
  const [position, amountMinor, ...rest] = text.split(':');
  if (!position || !/^\d+$/.test(position) || rest.length > 0) throw new UsageError(`--line "${text}" must be <position> or <position>:<net-amount-in-cents>`, command);
  return { position: Number(position), ...(amountMinor === undefined ? {} : { amountMinor }) };
}

export const invoicesCreate: Command = {
  name: 'invoices create',
  summary: 'Issue a one-off invoice of catalog items: numbered, booked and emailed at once.',
  options: {
    customer: { type: 'string', description: 'who is billed', placeholder: '<customer-id>', required: true },
    item: { type: 'string', description: 'a line: the item and its quantity; repeat for more lines', placeholder: '<item-id>:<quantity>', required: true, multiple: true },
    'issue-date': { type: 'string', description: 'default today; its year chooses the number series', placeholder: '<YYYY-MM-DD>' },
  },
  temporal: 'required',
  async run(input, { ctx, timeZone }, out) {
    const lines = input.options('item').map((text) => itemLine(text, 'invoices create'));
    const issueDate = input.option('issue-date');
    const { invoice } = await createOneOffInvoice(ctx, { customerId: input.option('customer'), lines, ...(issueDate ? { issueDate } : {}) });
    out.result(invoiceDocumentJson(invoice, businessDateAt(Date.now(), timeZone)), (print) => {
      print.line(`Issued invoice ${invoice.number} to ${invoice.customer.name} <${invoice.customer.email}>; it is being emailed.`);
      print.facts([
        ['id', invoice.id],
        ['tax', formatMoney(invoice.tax)],
        ['total', formatMoney(invoice.total)],
      ]);
    });
  },
};

export const invoicesCredit: Command = {
  name: 'invoices credit',
  summary: 'Issue a credit note against an invoice: all that remains of it, or some lines.',
  options: {
    reason: { type: 'string', description: 'why it is credited (shown to the customer)', placeholder: '<text>', required: true },
    line: { type: 'string', description: 'credit only this invoice line (all that remains, or the net amount given); repeat for more', placeholder: '<position>[:<cents>]', multiple: true },
  },
  positional: { name: 'invoice-id', description: 'the invoice to credit' },
  temporal: 'required',
  async run(input, { ctx }, out) {
    const lines = input.options('line').map((text) => creditLine(text, 'invoices credit'));
    const { creditNote } = await createCreditNote(ctx, input.argument ?? '', { reason: input.option('reason'), ...(lines.length > 0 ? { lines } : {}) });
    out.result(creditNoteDocumentJson(creditNote), (print) => {
      print.line(`Issued credit note ${creditNote.number} for invoice ${creditNote.invoiceNumber}; it is being emailed.`);
      print.facts([
        ['id', creditNote.id],
        ['net', formatMoney(creditNote.net)],
        ['tax', formatMoney(creditNote.tax)],
        ['total', formatMoney(creditNote.total)],
      ]);
    });
  },
};
