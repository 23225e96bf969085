// `uplink invoices list|show`.
import type { IsoDate } from '../../../billing/calendar.js';
import { formatMoney } from '../../../billing/money.js';
import { lastDayOfPeriod } from '../../../billing/periods.js';
import { getInvoice, listCustomerInvoices } from '../../services/invoice-records.js';
import { invoiceDocumentJson, invoiceJson } from '../../views/invoice-json.js';
import { formatLineUnitPrice } from '../../views/unit-price.js';
import type { Command } from '../command.js';
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
  async run(input, { ctx }, out) {
    const page = await listCustomerInvoices(ctx, input.option('customer') ?? '', {
      limit: input.option('limit'),
      cursor: input.option('cursor'),
    });
    out.result({ items: page.items.map(invoiceJson), nextCursor: page.nextCursor }, (print) => {
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
  async run(input, { ctx }, out) {
    const invoice = await getInvoice(ctx, input.argument ?? '');
    out.result(invoiceDocumentJson(invoice), (print) => {
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
