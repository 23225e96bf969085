// A payment as JSON, for the REST API and `uplink payments ... --json`: money in wire form, the
// invoices it paid with their amounts and days, and what was applied to one invoice.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import { PAYMENT_METHODS } from '../../billing/payments/payment-methods.js';
import type { InvoicePaymentView, PaymentDocument, PaymentSummary } from '../services/payments/payment-records.js';
import { id, isoDate, moneyWire, timestamp } from './wire-parts.js';

const ALLOCATION_SOURCES = ['payment', 'customer_credit', 'refund', 'dispute'] as const;

export const paymentWire = z
  .object({
    id,
    number: z.string().meta({ description: 'The receipt number, from the gapless series of the year it was received: PAY-2026-000001.' }),
    customerId: id.nullable().meta({ description: 'Null while no customer matched the money (it waits for staff in unallocated receipts).' }),
    customerName: z.string().nullable(),
    method: z.enum(PAYMENT_METHODS),
    card: z
      .object({ brand: z.string().nullable(), last4: z.string().regex(/^\d{4}$/) })
      .nullable()
      .meta({ description: 'For a card payment, the brand and last four digits; null otherwise.' }),
    amount: moneyWire,
    receivedOn: isoDate.meta({ description: 'The day the money arrived.' }),
    reference: z.string().nullable().meta({ description: "The bank's or payer's reference, the cheque number or the receipt." }),
    needsReview: z
      .string()
      .nullable()
      .meta({ description: 'Why staff should look at it (money that was not expected); such a payment stays unallocated until they do. Null otherwise.' }),
    recordedBy: z.string().meta({ description: 'Who recorded it: `staff:<email>`, `api-key:<prefix>`, `cli`, or the gateway.' }),
    createdAt: timestamp,
    allocated: moneyWire.meta({ description: 'What it settled on invoices when it was recorded.' }),
    credit: moneyWire.meta({ description: "What no invoice took when it was recorded: kept as the customer's credit and applied to their next invoices." }),
  })
  .meta({ id: 'Payment' });

const paymentAllocationWire = z
  .object({
    invoiceId: id,
    invoiceNumber: z.string(),
    amount: moneyWire.meta({ description: 'Positive when it paid the invoice; negative when a refund or dispute took it back.' }),
    allocatedOn: isoDate,
    source: z.enum(ALLOCATION_SOURCES),
  })
  .meta({ id: 'PaymentAllocation' });

export const paymentDocumentWire = paymentWire
  .extend({
    customer: z.object({ id, name: z.string(), email: z.string() }).nullable(),
    allocations: z.array(paymentAllocationWire).meta({ description: 'The invoices it paid, oldest first.' }),
  })
  .meta({ id: 'PaymentDocument' });

export const invoicePaymentWire = z
  .object({
    source: z.enum(ALLOCATION_SOURCES).meta({
      description: "`payment`: money received; `customer_credit`: the customer's credit (an overpayment, a credit note beyond its invoice); `refund`, `dispute`: taken back (negative).",
    }),
    payment: z
      .object({ id, number: z.string(), method: z.enum(PAYMENT_METHODS), receivedOn: isoDate })
      .nullable()
      .meta({ description: 'The payment it came from; null for customer credit.' }),
    amount: moneyWire,
    allocatedOn: isoDate.meta({ description: 'The day it was applied to the invoice.' }),
  })
  .meta({ id: 'InvoicePayment' });

export function paymentJson(payment: PaymentSummary): z.input<typeof paymentWire> {
  return {
    id: payment.id,
    number: payment.number,
    customerId: payment.customerId,
    customerName: payment.customerName,
    method: payment.method,
    card: payment.card,
    amount: toWire(payment.amount),
    receivedOn: payment.receivedOn,
    reference: payment.reference,
    needsReview: payment.needsReview,
    recordedBy: payment.recordedBy,
    createdAt: payment.createdAt.toISOString(),
    allocated: toWire(payment.allocated),
    credit: toWire(payment.credit),
  };
}

export function paymentDocumentJson(payment: PaymentDocument): z.input<typeof paymentDocumentWire> {
  return {
    ...paymentJson(payment),
    customer: payment.customer,
    allocations: payment.allocations.map((allocation) => ({
      invoiceId: allocation.invoiceId,
      invoiceNumber: allocation.invoiceNumber,
      amount: toWire(allocation.amount),
      allocatedOn: allocation.allocatedOn,
      source: allocation.source,
    })),
  };
}

export function invoicePaymentJson(applied: InvoicePaymentView): z.input<typeof invoicePaymentWire> {
  return { source: applied.source, payment: applied.payment, amount: toWire(applied.amount), allocatedOn: applied.allocatedOn };
}
