// The JSON shapes the API answers with, as zod schemas: the OpenAPI document is generated from
// them, and every response is checked against its schema before it is sent, so the document
// cannot drift from what the API really returns.
import { z } from 'zod';
import { rateComponentSchema } from '../../server/services/rates/rates.js';

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
        lastPostedDocument: z
          .object({
            kind: z.enum(['invoice', 'credit-note']),
            documentId: id,
            number: z.string(),
            total: moneyWire,
            balance: moneyWire,
          })
          .nullable()
          .meta({ description: 'The last one-off invoice or credit note posted to the account outside the billing cycle.' }),
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
    kind: z.enum(['recurring', 'one_off']),
    status: z.enum(['issued', 'paid', 'void']),
    issueDate: isoDate,
    periodStart: isoDate.nullable(),
    periodEnd: isoDate.nullable(),
    tax: moneyWire.meta({ description: 'The tax included in the total, summed from the lines (each rounded once).' }),
    total: moneyWire.meta({ description: 'What the customer owes for it: the net amounts plus their tax.' }),
  })
  .meta({ id: 'Invoice' });

export const creditNoteWire = z
  .object({
    id,
    number: z.string().meta({ description: 'From the gapless series of the year, e.g. CN-2026-000001.' }),
    invoiceId: id,
    invoiceNumber: z.string(),
    customerId: id,
    reason: z.string(),
    issueDate: isoDate,
    net: moneyWire.meta({ description: 'Net amount taken back (positive).' }),
    tax: moneyWire.meta({ description: 'Tax taken back with it (positive).' }),
    total: moneyWire.meta({ description: 'Net plus tax: what the customer owes less.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'CreditNote' });

export const creditNoteDocumentWire = creditNoteWire
  .extend({
    customer: z.object({ id, name: z.string(), email: z.string() }),
    lines: z.array(
      z.object({
        position: z.int(),
        invoiceLinePosition: z.int().meta({ description: 'The position of the invoice line it takes back from.' }),
        description: z.string(),
        amount: moneyWire.meta({ description: 'Net amount taken back from the line.' }),
        tax: moneyWire.meta({ description: "The line's tax in proportion, rounded once." }),
        revenueAccountCode: z.string(),
      }),
    ),
  })
  .meta({ id: 'CreditNoteDocument' });

export const invoiceDocumentWire = invoiceWire
  .extend({
    customer: z.object({ id, name: z.string(), email: z.string() }),
    lines: z.array(
      z.object({
        position: z.int(),
        kind: z.enum(['plan', 'usage', 'minimum', 'adjustment', 'item']).meta({
          description: 'A plan charge, a rate component, a top-up to a minimum charge, late consumption of an earlier period (its period is on the line), or a catalog item on a one-off invoice.',
        }),
        description: z.string(),
        quantity: z.string().meta({ description: 'Decimal string.' }),
        unit: z.string().nullable().meta({ description: 'What the quantity counts (GB, days); null for a plan.' }),
        unitAmount: moneyWire.nullable().meta({ description: 'Price of one unit, when it is a whole minor unit.' }),
        unitAmountDecimal: z
          .string()
          .nullable()
          .meta({ description: 'Exact unit price in minor units when it is finer than one ("0.045"); otherwise null.' }),
        amount: moneyWire,
        periodStart: isoDate.nullable(),
        periodEnd: isoDate.nullable(),
        ranges: z
          .array(
            z.object({
              from: z.string(),
              upTo: z.string().nullable(),
              units: z.string(),
              unitAmountDecimal: z.string(),
              flatAmountMinor: z.string().nullable(),
              amount: z.string().meta({ description: 'Exact, in minor units, before the line is rounded once.' }),
            }),
          )
          .nullable()
          .meta({ description: 'How a stepped or volume line was priced, range by range.' }),
        itemId: id.nullable().meta({ description: 'The catalog item of a one-off line; null otherwise.' }),
        taxRate: z.string().nullable().meta({ description: 'Tax in percent ("21"); null on lines that carry no tax.' }),
        tax: moneyWire.meta({ description: "The line's tax, rounded once." }),
        credited: moneyWire.meta({ description: 'Net amount credit notes have taken back from this line.' }),
      }),
    ),
    credited: moneyWire.meta({ description: 'What credit notes have taken back in all, tax included.' }),
    creditNotes: z.array(creditNoteWire).meta({ description: 'Credit notes against this invoice, oldest first.' }),
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

export const rateWire = z
  .object({
    id,
    name: z.string(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    components: z.array(rateComponentSchema).meta({ description: 'Amounts in minor units of `currency`; unit prices as decimal strings.' }),
    revenueAccountCode: z.string().meta({ description: 'The income account its charges are booked to.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Rate' });

export const customerRateWire = z
  .object({
    id,
    customerId: id,
    rateId: id,
    rateName: z.string(),
    currency: z.string(),
    from: isoDate.meta({ description: 'First day the rate applies.' }),
    endedOn: isoDate.nullable().meta({ description: 'First day it no longer applies (it was replaced); null while current.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'CustomerRate' });

export const readingWire = z
  .object({
    id: z.int(),
    meterId: id,
    readAt: timestamp,
    value: z.string().meta({ description: "Decimal string, in the meter's unit." }),
    consumption: z.string().meta({ description: 'What this reading adds to the consumption, fixed when it was stored.' }),
    unit: z.string(),
    replacement: z.boolean(),
    ref: z.string().nullable(),
    source: z.enum(['manual', 'api', 'import']),
    invoiceId: id.nullable().meta({ description: 'The invoice that billed it; null until billed.' }),
    billed: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: 'Reading' });

export const meterWire = z
  .object({
    id,
    customerId: id,
    key: z.string(),
    unit: z.string(),
    kind: z.enum(['cumulative', 'delta']),
    registerMax: z.string().nullable(),
    base: z.union([z.literal(1000), z.literal(1024)]),
    createdAt: timestamp,
  })
  .meta({ id: 'Meter' });

export const meterDetailWire = meterWire.extend({ latestReading: readingWire.nullable() }).meta({ id: 'MeterDetail' });

export const recordedReadingsWire = z
  .object({
    accepted: z.int().meta({ description: 'Readings stored by this call.' }),
    duplicates: z.int().meta({ description: 'Readings already stored with the same meter, time and value; not stored again.' }),
    errors: z
      .array(z.object({ index: z.int(), field: z.string(), message: z.string() }))
      .meta({ description: 'Every refused reading: its position in `readings` (from 0), the field and why.' }),
  })
  .meta({ id: 'RecordedReadings' });

/** `{items, nextCursor}`: pass `nextCursor` back as `cursor` for the next page; null on the last. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
