// `uplink payments refund PAYMENT_ID`: gives a payment back, whole or in part, as the staff pages
// and the API do. Money received by bank transfer, cash or cheque is refunded in the books (pay it
// out yourself); a card payment is refunded through the card gateway, which only the running
// portal has, so the command refuses it and says where to do it.
import { formatMoney } from '../../../billing/money.js';
import { ValidationError } from '../../services/errors.js';
import { refundPayment } from '../../services/payments/refunds.js';
import { refundJson } from '../../views/refund-json.js';
import { UsageError, type Command } from '../command.js';

const KEY_FIELD = 'idempotency-key (--idempotency-key)';

export const paymentsRefund: Command = {
  name: 'payments refund',
  summary: 'Refund a payment, whole or in part: the credit it left first, then the invoices it paid, newest first.',
  options: {
    amount: { type: 'string', description: 'in the payment’s currency, as written: 20.00; everything left when not given', placeholder: '<amount>' },
    reason: { type: 'string', description: 'why the money goes back (told to the customer)', placeholder: '<text>', required: true },
    'idempotency-key': { type: 'string', description: 'run the command again with the same key and it refunds nothing more', placeholder: '<key>' },
  },
  positional: { name: 'payment-id', description: 'the payment to refund' },
  temporal: 'required',
  async run(input, { ctx, timeZone }, out) {
    const key = input.option('idempotency-key');
    if (key !== undefined && (key.trim() === '' || key.length > 255)) throw new UsageError('--idempotency-key must be 1 to 255 characters', 'payments refund');
    const amount = input.option('amount');
    const { refund, replayed } = await refundPayment(ctx, input.argument ?? '', { reason: input.option('reason'), ...(amount !== undefined ? { amount } : {}) }, {
      recordedBy: 'cli',
      timeZone,
      ...(key !== undefined ? { requestKey: { key, field: KEY_FIELD } } : {}),
    }).catch((error: unknown) => {
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(error.problems.map((problem) => (problem.field === 'amount' || problem.field === 'reason' ? { ...problem, field: `${problem.field} (--${problem.field})` } : problem)));
    });
    out.result(refundJson(refund), (print) => {
      print.line(`${replayed ? 'Already refunded' : 'Refunded'} ${formatMoney(refund.amount)} of payment ${refund.paymentNumber}.`);
      print.facts([
        ['id', refund.id],
        ['refunded on', refund.refundedOn],
        ['from credit', formatMoney(refund.fromCredit)],
        ...refund.reopened.map((invoice): [string, string] => [`reopened ${invoice.invoiceNumber}`, `${formatMoney(invoice.amount)}, due ${invoice.dueDate}`]),
        ...(refund.gatewayRefundId ? [['gateway refund', refund.gatewayRefundId] as [string, string]] : []),
      ]);
    });
  },
};
