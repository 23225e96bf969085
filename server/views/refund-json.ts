// A refund or dispute as JSON, for the REST API and `uplink payments refund --json`: money in wire
// form, what it took from the customer's credit and the invoices it opened again.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import type { RefundView } from '../services/payments/refund-records.js';
import { id, isoDate, moneyWire, timestamp } from './wire-parts.js';

export const refundWire = z
  .object({
    id,
    paymentId: id,
    paymentNumber: z.string(),
    customerId: id,
    kind: z.enum(['refund', 'dispute']).meta({ description: "`refund`: money given back; `dispute`: the card holder's bank took it back (a chargeback)." }),
    amount: moneyWire.meta({ description: 'What went back (positive).' }),
    reason: z.string(),
    refundedOn: isoDate.meta({ description: 'The day it was booked, in the company’s time zone.' }),
    gatewayRefundId: z.string().nullable().meta({ description: 'The card gateway’s refund id for a card refund; null for money staff pay out themselves, and for disputes.' }),
    recordedBy: z.string().meta({ description: 'Who asked: `staff:<email>`, `api-key:<prefix>`, `cli`, or `gateway` for what the gateway reported.' }),
    createdAt: timestamp,
    fromCredit: moneyWire.meta({ description: 'Taken from the credit the payment had left on the customer’s account.' }),
    reopened: z
      .array(
        z.object({
          invoiceId: id,
          invoiceNumber: z.string(),
          amount: moneyWire.meta({ description: 'Taken back off the invoice: open again by this much.' }),
          dueDate: isoDate.meta({ description: 'When it falls due now: an invoice paid in full until then is due the customer’s terms after the refund.' }),
        }),
      )
      .meta({ description: 'The invoices it took money back from, which are open again.' }),
  })
  .meta({ id: 'Refund' });

export function refundJson(refund: RefundView): z.input<typeof refundWire> {
  return {
    id: refund.id,
    paymentId: refund.paymentId,
    paymentNumber: refund.paymentNumber,
    customerId: refund.customerId,
    kind: refund.kind,
    amount: toWire(refund.amount),
    reason: refund.reason,
    refundedOn: refund.refundedOn,
    gatewayRefundId: refund.gatewayRefundId,
    recordedBy: refund.recordedBy,
    createdAt: refund.createdAt.toISOString(),
    fromCredit: toWire(refund.fromCredit),
    reopened: refund.reopened.map((invoice) => ({
      invoiceId: invoice.invoiceId,
      invoiceNumber: invoice.invoiceNumber,
      amount: toWire(invoice.amount),
      dueDate: invoice.dueDate,
    })),
  };
}
