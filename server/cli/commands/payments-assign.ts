// `uplink payments assign PAYMENT`: gives a payment waiting in unallocated receipts (a bank
// transfer nobody matched) to a customer, named by email, id or reference, or by the invoice it
// pays; the same service as the API's POST /api/v1/payments/{paymentId}/assign.
import { formatMoney } from '../../../billing/money.js';
import { assignPaymentToCustomer } from '../../services/payments/assign-payment.js';
import { resolveAssignmentTarget } from '../../services/payments/assignment-target.js';
import { getPayment } from '../../services/payments/payment-records.js';
import { paymentDocumentJson } from '../../views/payment-json.js';
import type { Command } from '../command.js';

export const paymentsAssign: Command = {
  name: 'payments assign',
  summary: 'Give a payment waiting in unallocated receipts (an unmatched bank transfer) to a customer: it pays their open invoices.',
  positional: { name: 'payment', description: 'the payment id' },
  options: {
    customer: { type: 'string', description: 'the customer: email, id or reference (CUST-1A2B3C4D)', placeholder: '<customer>' },
    invoice: { type: 'string', description: 'the invoice it pays first (its number); names the customer on its own', placeholder: '<INV-…>' },
  },
  temporal: 'none',
  async run(input, { ctx, timeZone }, out) {
    const paymentId = input.argument ?? '';
    const target = await resolveAssignmentTarget(ctx, { customer: input.option('customer'), invoice: input.option('invoice') });
    const assigned = await assignPaymentToCustomer(ctx, paymentId, target, { timeZone });
    const payment = await getPayment(ctx, paymentId);
    out.result({ alreadyAssigned: assigned.alreadyAssigned, payment: paymentDocumentJson(payment) }, (print) => {
      if (assigned.alreadyAssigned) {
        print.line(`${assigned.number} was already assigned to ${payment.customerName ?? 'this customer'}; nothing changed.`);
        return;
      }
      const paid = assigned.allocations.map((a) => a.invoiceNumber).join(', ');
      print.line(`${assigned.number} assigned to ${payment.customerName ?? assigned.customerId}${paid ? `: it pays ${paid}` : ''}.`);
      if (assigned.credit.amountMinor > 0n) print.line(`${formatMoney(assigned.credit)} is kept as the customer's credit.`);
    });
  },
};
