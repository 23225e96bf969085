// The JSON shapes the API answers with, as zod schemas: the OpenAPI document is generated from
// them, and every response is checked against its schema before it is sent, so the document
// cannot drift from what the API really returns.
import { z } from 'zod';

export const moneyWire = z
  .object({
    amountMinor: z.string().regex(/^-?\d+$/).meta({ description: 'Whole minor units (cents) as a decimal string: JSON numbers lose precision past 2^53.' }),
    currency: z.string().regex(/^[A-Z]{3}$/).meta({ description: 'ISO 4217 code.' }),
  })
  .meta({ id: 'Money', description: 'An amount of money, never a float.' });

const isoDate = z.iso.date().meta({ description: 'Calendar date, YYYY-MM-DD.' });
const timestamp = z.iso.datetime({ offset: true });
const id = z.uuid();

export const planWire = z
  .object({
    id,
    name: z.string(),
    amount: moneyWire.meta({ description: 'The price of one period.' }),
    interval: z.enum(['month', 'year']),
    createdAt: timestamp,
  })
  .meta({ id: 'Plan' });

export const subscriptionWire = z
  .object({
    id,
    planId: id,
    planName: z.string(),
    planAmount: moneyWire,
    interval: z.enum(['month', 'year']),
    anchor: z
      .object({ day: z.int().min(1).max(31), month: z.int().min(1).max(12).optional() })
      .meta({ description: 'The day (and, for yearly plans, month) periods renew on.' }),
    startDate: isoDate,
    status: z.enum(['active', 'cancelled']),
    cancelledOn: isoDate.nullable(),
  })
  .meta({ id: 'Subscription' });

export const customerWire = z
  .object({
    id,
    name: z.string(),
    email: z.string(),
    currency: z.string(),
    status: z.enum(['pending', 'active', 'cancelled']).meta({ description: '`pending`: set up, not billed until subscribed.' }),
    balance: moneyWire.meta({ description: 'What the customer owes, from the ledger.' }),
    nextBillDate: isoDate.nullable(),
    createdAt: timestamp,
    subscription: subscriptionWire.nullable(),
  })
  .meta({ id: 'Customer' });

const invoiceBrief = z.object({ invoiceId: id, number: z.string(), periodStart: isoDate, periodEnd: isoDate, total: moneyWire });

export const workflowStatusWire = z
  .discriminatedUnion('available', [
    z.object({
      available: z.literal(true),
      workflowId: z.string(),
      runId: z.string().optional(),
      status: z.object({
        customerId: id,
        status: z.enum(['pending', 'active', 'cancelled']),
        planId: id.nullable(),
        nextBillDate: isoDate.nullable(),
        balance: moneyWire,
        lastInvoice: invoiceBrief.nullable(),
        pendingPlanChange: z.object({ planId: id, interval: z.enum(['month', 'year']), effectiveFrom: isoDate }).nullable(),
        invoicesIssued: z.int(),
      }),
    }),
    z.object({ available: z.literal(false), workflowId: z.string(), reason: z.string() }),
  ])
  .meta({ id: 'WorkflowStatus', description: "The account workflow's live state, answered by its `status` query." });

export const customerDetailWire = customerWire.extend({ workflow: workflowStatusWire }).meta({ id: 'CustomerDetail' });

export const invoiceWire = z
  .object({
    id,
    number: z.string(),
    customerId: id,
    kind: z.enum(['recurring']),
    status: z.enum(['issued', 'paid', 'void']),
    issueDate: isoDate,
    periodStart: isoDate.nullable(),
    periodEnd: isoDate.nullable(),
    total: moneyWire,
  })
  .meta({ id: 'Invoice' });

export const invoiceDocumentWire = invoiceWire
  .extend({
    customer: z.object({ id, name: z.string(), email: z.string() }),
    lines: z.array(
      z.object({
        position: z.int(),
        description: z.string(),
        quantity: z.string().meta({ description: 'Decimal string.' }),
        unitAmount: moneyWire,
        amount: moneyWire,
        periodStart: isoDate.nullable(),
        periodEnd: isoDate.nullable(),
      }),
    ),
  })
  .meta({ id: 'InvoiceDocument' });

export const ledgerEntryWire = z
  .object({
    id,
    entryDate: isoDate,
    description: z.string(),
    sourceType: z.string(),
    sourceId: z.string(),
    receivableChange: moneyWire.meta({ description: "What this entry changed on the customer's receivable." }),
    runningBalance: moneyWire.meta({ description: 'What the customer owes after this entry.' }),
    lines: z.array(
      z.object({
        accountCode: z.string(),
        accountName: z.string(),
        amount: moneyWire.meta({ description: 'Signed: a debit is positive, a credit negative.' }),
        memo: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'LedgerEntry' });

export const emailWire = z
  .object({
    id,
    kind: z.string(),
    entityType: z.string(),
    entityId: id,
    customerId: id.nullable(),
    recipient: z.string(),
    status: z.enum(['pending', 'sent', 'outbox', 'failed']),
    transport: z.string(),
    providerMessageId: z.string().nullable(),
    subject: z.string(),
    text: z.string().meta({ description: 'The plain-text part, as sent.' }),
    createdAt: timestamp,
    sentAt: timestamp.nullable(),
    failureReason: z.string().nullable(),
  })
  .meta({ id: 'Email' });

export const emailDocumentWire = emailWire.extend({ html: z.string().meta({ description: 'The HTML part, as sent.' }) }).meta({ id: 'EmailDocument' });

export const acceptedWire = z
  .object({
    customerId: id,
    detail: z.string().meta({ description: 'What the account workflow does next.' }),
  })
  .meta({ id: 'Accepted', description: "The request was handed to the customer's account workflow, which carries it out." });

export const healthWire = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ database: z.enum(['ok', 'down']), temporal: z.enum(['ok', 'down']) }),
    detail: z.string().optional().meta({ description: 'What is down and why, when something is.' }),
  })
  .meta({ id: 'Health' });

/** `{items, nextCursor}`: pass `nextCursor` back as `cursor` for the next page; null on the last. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
