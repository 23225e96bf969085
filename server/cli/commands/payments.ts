// `uplink payments list|record`: payments received, and recording one that came by bank transfer,
// cash or cheque (booked and allocated at once, as from the staff pages and the API).
import { formatMoney } from '../../../billing/money.js';
import { paymentMethodLabel } from '../../../billing/payments/payment-methods.js';
import { ValidationError } from '../../services/errors.js';
import { recordManualPayment } from '../../services/payments/manual-payments.js';
import { listPayments } from '../../services/payments/payment-records.js';
import { paymentDocumentJson, paymentJson } from '../../views/payment-json.js';
import { UsageError, type Command } from '../command.js';
import { nextPageHint, pageOptions } from './paging.js';

export const paymentsList: Command = {
  name: 'payments list',
  summary: 'List payments, newest received first; those waiting for review are marked.',
  options: {
    customer: { type: 'string', description: 'only this customer’s payments', placeholder: '<customer-id>' },
    method: { type: 'string', description: 'card, bank_transfer, cash or cheque', placeholder: '<method>' },
    from: { type: 'string', description: 'received on or after this day', placeholder: '<YYYY-MM-DD>' },
    to: { type: 'string', description: 'received on or before this day', placeholder: '<YYYY-MM-DD>' },
    'needs-review': { type: 'boolean', description: 'only payments waiting for staff to review' },
    ...pageOptions,
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const page = await listPayments(ctx, {
      customerId: input.option('customer'),
      method: input.option('method'),
      from: input.option('from'),
      to: input.option('to'),
      needsReview: input.flag('needs-review') ? 'true' : undefined,
      limit: input.option('limit'),
      cursor: input.option('cursor'),
    });
    out.result({ items: page.items.map(paymentJson), nextCursor: page.nextCursor }, (print) => {
      if (page.items.length === 0) {
        print.line('No payments.');
        return;
      }
      print.table(
        [
          { header: 'NUMBER' },
          { header: 'ID' },
          { header: 'RECEIVED' },
          { header: 'CUSTOMER' },
          { header: 'METHOD' },
          { header: 'REFERENCE' },
          { header: 'AMOUNT', align: 'right' },
          { header: 'REVIEW' },
        ],
        page.items.map((payment) => [
          payment.number,
          payment.id,
          payment.receivedOn,
          payment.customerName ?? '(no customer)',
          paymentMethodLabel(payment.method, payment.card ?? undefined),
          payment.reference ?? '-',
          formatMoney(payment.amount),
          payment.needsReview ? `needs review: ${payment.needsReview}` : '',
        ]),
      );
      nextPageHint(print, page.nextCursor);
    });
  },
};

/** The service's fields as this command's options, so a refusal names what to change on the command line. */
const OPTION_OF_FIELD: Record<string, string> = {
  customerId: 'customer',
  amount: 'amount',
  method: 'method',
  receivedOn: 'date',
  reference: 'reference',
  invoiceId: 'invoice',
};

export const paymentsRecord: Command = {
  name: 'payments record',
  summary: 'Record a payment received by bank transfer, cash or cheque: it pays the named invoice, then the oldest due; the rest is credit.',
  options: {
    customer: { type: 'string', description: 'who paid', placeholder: '<customer-id>', required: true },
    amount: { type: 'string', description: 'in the customer’s currency, as written: 49.90', placeholder: '<amount>', required: true },
    method: { type: 'string', description: 'bank_transfer, cash or cheque', placeholder: '<method>', required: true },
    date: { type: 'string', description: 'the day it was received: not after today, nor before the start of last year', placeholder: '<YYYY-MM-DD>', required: true },
    reference: { type: 'string', description: 'the bank reference, cheque number or receipt', placeholder: '<text>', required: true },
    invoice: { type: 'string', description: 'the invoice the payer named, paid first', placeholder: '<invoice-id>' },
    'idempotency-key': { type: 'string', description: 'run the command again with the same key and it records nothing new', placeholder: '<key>' },
  },
  temporal: 'required',
  async run(input, { ctx, timeZone }, out) {
    const invoiceId = input.option('invoice');
    const key = input.option('idempotency-key');
    if (key !== undefined && (key.trim() === '' || key.length > 255)) throw new UsageError('--idempotency-key must be 1 to 255 characters', 'payments record');
    const request = {
      customerId: input.option('customer'),
      amount: input.option('amount'),
      method: input.option('method'),
      receivedOn: input.option('date'),
      reference: input.option('reference'),
      ...(invoiceId ? { invoiceId } : {}),
    };
    const { payment, replayed } = await recordManualPayment(ctx, request, {
      channel: 'cli',
      recordedBy: 'cli',
      timeZone,
      ...(key !== undefined ? { requestKey: { key, field: 'idempotency-key (--idempotency-key)' } } : {}),
    }).catch((error: unknown) => {
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(error.problems.map((problem) => {
        const option = OPTION_OF_FIELD[problem.field];
        return option ? { ...problem, field: `${problem.field} (--${option})` } : problem;
      }));
    });
    out.result(paymentDocumentJson(payment), (print) => {
      print.line(`${replayed ? 'Already recorded' : 'Recorded'} payment ${payment.number} of ${formatMoney(payment.amount)} from ${payment.customer?.name ?? 'an unknown payer'}.`);
      print.facts([
        ['id', payment.id],
        ['received', payment.receivedOn],
        ['reference', payment.reference ?? '-'],
        ...payment.allocations.map((allocation): [string, string] => [`paid ${allocation.invoiceNumber}`, formatMoney(allocation.amount)]),
        ['kept as credit', formatMoney(payment.credit)],
      ]);
    });
  },
};
