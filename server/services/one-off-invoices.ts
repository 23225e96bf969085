// One-off invoices: item lines (maintenance visits, spare parts) billed at once, outside the
// subscription cycle. Posted in one transaction (numbered, stored, booked), then emailed and
// announced to the account by the document's own delivery workflow.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { issueItemInvoice, type ItemInvoiceLine } from '../../activities/issue-item-invoice.js';
import { customers, items } from '../../db/schema.js';
import type { ServiceContext } from './context.js';
import { deliverDocument } from './document-delivery.js';
import { ValidationError, type FieldProblem } from './errors.js';
import { fieldProblems, newOneOffInvoiceSchema, type NewOneOffInvoice } from './invoice-line-input.js';
import {
  hashRequest,
  lostRaceForKey,
  recordIdempotentRequest,
  resourceOfEarlierRequest,
  type IdempotencyKey,
  type IdempotentRequest,
} from './idempotent-requests.js';
import { getInvoice, type InvoiceDocument } from './invoice-records.js';
import { today } from './subscriptions.js';

const CREATE_ONE_OFF_INVOICE = 'create-one-off-invoice';

export interface CreatedOneOffInvoice {
  invoice: InvoiceDocument;
  /** True when an earlier request with the same idempotency key had already issued it. */
  replayed: boolean;
}

/**
 * Issues a one-off invoice for a customer from catalog items, each line taking the item's price,
 * name and tax rate unless the request overrides them, and its revenue account always. With an
 * idempotency key, a retry returns the invoice the first request issued (and it is emailed once).
 */
export async function createOneOffInvoice(ctx: ServiceContext, input: unknown, idempotency?: IdempotencyKey): Promise<CreatedOneOffInvoice> {
  const parsed = newOneOffInvoiceSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error, 'a one-off invoice'));
  const request = parsed.data;
  const keyed: IdempotentRequest | null = idempotency
    ? { key: idempotency, operation: CREATE_ONE_OFF_INVOICE, requestHash: hashRequest(request), resourceLabel: 'a new invoice' }
    : null;
  const earlier = keyed && (await issuedEarlier(ctx, keyed));
  if (earlier) return earlier;

  const { customer, lines } = await invoiceTerms(ctx, request);
  const invoiceId = randomUUID();
  try {
    await ctx.db.transaction(async (tx) => {
      await issueItemInvoice(tx, { invoiceId, customerId: customer.id, currency: customer.currency, issueDate: request.issueDate ?? today(), lines });
      if (keyed) await recordIdempotentRequest(tx, keyed, invoiceId);
    });
  } catch (error) {
    // A concurrent request with the same key committed first: ours rolled back with its number.
    const winner = keyed && lostRaceForKey(error) ? await issuedEarlier(ctx, keyed) : null;
    if (winner) return winner;
    throw error;
  }

  // After commit: the delivery workflow reads what was stored. Should this fail, the invoice
  // stands, and a retry with the same idempotency key starts the delivery.
  await deliverDocument(ctx, { kind: 'invoice', documentId: invoiceId, customerId: customer.id });
  return { invoice: await getInvoice(ctx, invoiceId), replayed: false };
}

/** The customer and each line's full terms, or every problem with the request at once. */
async function invoiceTerms(ctx: ServiceContext, request: NewOneOffInvoice) {
  const [customer] = await ctx.db.select().from(customers).where(eq(customers.id, request.customerId));
  if (!customer) throw new ValidationError([{ field: 'customerId', message: 'is not the id of a customer' }]);
  const itemIds = [...new Set(request.lines.map((line) => line.itemId))];
  const found = await ctx.db.select().from(items).where(inArray(items.id, itemIds));
  const itemsById = new Map(found.map((item) => [item.id, item]));

  const problems: FieldProblem[] = [];
  const lines: ItemInvoiceLine[] = [];
  request.lines.forEach((line, i) => {
    const item = itemsById.get(line.itemId);
    const field = `lines[${i}].itemId`;
    if (!item) {
      problems.push({ field, message: 'is not the id of an item' });
    } else if (!item.active) {
      problems.push({ field, message: `"${item.name}" is inactive and can no longer be invoiced` });
    } else if (item.currency !== customer.currency) {
      problems.push({ field, message: `"${item.name}" is priced in ${item.currency}, but the customer is billed in ${customer.currency}` });
    } else {
      lines.push({
        itemId: item.id,
        description: line.description ?? item.name,
        quantity: line.quantity,
        unitAmountMinor: line.unitAmountMinor ?? item.unitPriceMinor,
        taxRate: line.taxRate ?? item.taxRate,
        revenueAccountCode: item.revenueAccountCode,
      });
    }
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return { customer, lines };
}

async function issuedEarlier(ctx: ServiceContext, request: IdempotentRequest): Promise<CreatedOneOffInvoice | null> {
  const invoiceId = await resourceOfEarlierRequest(ctx, request);
  if (!invoiceId) return null;
  const invoice = await getInvoice(ctx, invoiceId);
  // The first request may have died between its commit and starting the delivery.
  await deliverDocument(ctx, { kind: 'invoice', documentId: invoice.id, customerId: invoice.customerId });
  return { invoice, replayed: true };
}
