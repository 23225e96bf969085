// The payment endpoints of the registry (see endpoints.server.ts): payments staff record by hand,
// the list of payments with its filters, one payment, and the payments of an invoice and of a
// customer. A payment's fields are checked by the service, which names every bad one at once.
import { z } from 'zod';
import { newManualPaymentSchema } from '../../server/services/payments/manual-payments.js';
import { paymentListQuerySchema } from '../../server/services/payments/payment-records.js';
import { invoicePaymentWire, paymentDocumentWire, paymentWire } from '../../server/views/payment-json.js';
import { customerParams, documented, uuidParam } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';
import { checkedByService } from './invoice-endpoints.server.js';
import { pageOf } from './wire-schemas.server.js';

const manualPaymentInput = checkedByService(
  documented(newManualPaymentSchema, {
    customerId: { description: 'Who paid.' },
    amount: {
      description:
        'In the customer’s currency, written in major units as a decimal string ("49.90" euros, "1500" yen): above zero, with no more ' +
        'decimals than the currency has, at most 10,000,000,000,000 in major units.',
      examples: ['49.90'],
    },
    method: { description: 'How the money came: `bank_transfer`, `cash` or `cheque` (card payments come through the gateway).' },
    receivedOn: { description: 'The day the money arrived: from 1 January of last year up to today, in the company’s time zone.', examples: ['2026-11-25'] },
    reference: { description: 'The bank’s or payer’s reference, the cheque number or the receipt; up to 200 characters.', examples: ['SEPA 2026-11-25 4411'] },
    invoiceId: { description: 'The invoice the payer named, paid first; it must be the customer’s. Leave out to pay the oldest due first.' },
  }),
).strict();

const listQuery = documented(paymentListQuerySchema, {
  limit: { description: 'Items per page, 1 to 100.' },
  cursor: { description: '`nextCursor` of the previous page.' },
  customerId: { description: 'Only this customer’s payments.' },
  method: { description: 'Only payments made this way.' },
  from: { description: 'Only payments received on or after this day (YYYY-MM-DD).' },
  to: { description: 'Only payments received on or before this day (YYYY-MM-DD).' },
  needsReview: { description: '`true`: only payments waiting for staff to review (money not expected, kept unallocated); `false`: only the others.' },
});

export const paymentEndpoints = {
  listPayments: defineEndpoint({
    id: 'listPayments',
    method: 'GET',
    path: '/api/v1/payments',
    tag: 'Payments',
    summary: 'List payments, newest received first',
    authenticated: true,
    query: listQuery,
    response: pageOf(paymentWire),
    successStatus: 200,
  }),
  recordPayment: defineEndpoint({
    id: 'recordPayment',
    method: 'POST',
    path: '/api/v1/payments',
    tag: 'Payments',
    summary: 'Record a payment received by bank transfer, cash or cheque',
    description:
      'Numbered from the year’s PAY series and booked at once (cash and bank against the customer’s receivable). It pays the invoice ' +
      'named in `invoiceId` first, then the customer’s other open invoices oldest due first; what is left is kept as the customer’s ' +
      'credit and applied to their next invoice. A refused field is named in `errors`, and nothing is stored. Answers 201 with the ' +
      'payment, the invoices it paid, and its URL in `Location`. Send an `Idempotency-Key` to make retries safe: a repeat answers the ' +
      'same payment with `Idempotent-Replayed: true`, and it is booked once.',
    authenticated: true,
    headers: [{ name: 'Idempotency-Key', description: 'Any unique string up to 255 characters. Reusing it with a different body is refused with 422.' }],
    body: manualPaymentInput,
    response: paymentDocumentWire,
    successStatus: 201,
  }),
  getPayment: defineEndpoint({
    id: 'getPayment',
    method: 'GET',
    path: '/api/v1/payments/{paymentId}',
    tag: 'Payments',
    summary: 'Get a payment with the invoices it paid',
    authenticated: true,
    params: z.object({ paymentId: uuidParam('a payment') }),
    response: paymentDocumentWire,
    successStatus: 200,
  }),
  listInvoicePayments: defineEndpoint({
    id: 'listInvoicePayments',
    method: 'GET',
    path: '/api/v1/invoices/{invoiceId}/payments',
    tag: 'Payments',
    summary: 'What was applied to an invoice, oldest first',
    description: 'Payments and the customer’s credit applied to it, each with its amount and day; refunds and disputes that took money back are negative.',
    authenticated: true,
    params: z.object({ invoiceId: uuidParam('an invoice') }),
    response: z.object({ items: z.array(invoicePaymentWire) }).meta({ id: 'InvoicePaymentList' }),
    successStatus: 200,
  }),
  listCustomerPayments: defineEndpoint({
    id: 'listCustomerPayments',
    method: 'GET',
    path: '/api/v1/customers/{customerId}/payments',
    tag: 'Payments',
    summary: "List a customer's payments, newest received first",
    authenticated: true,
    params: customerParams,
    query: listQuery.omit({ customerId: true }),
    response: pageOf(paymentWire),
    successStatus: 200,
  }),
};
