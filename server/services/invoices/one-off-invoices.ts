// One-off invoices: item lines (maintenance visits, spare parts) billed at once, outside the
// subscription cycle. Posted in one transaction (numbered, stored, booked, handed off to the
// account and to the document's own delivery workflow, which emails it).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { issueItemInvoice } from '../../../db/records/item-invoices.js';
import { customers } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { deliverPostedDocumentHandoffs, handOffDocumentDelivery } from './document-delivery.js';
import { ValidationError, type FieldProblem } from '../errors.js';
import { fieldProblems, itemLineSchema, itemLineTerms, required } from './item-line-input.js';
import {
  claimIdempotencyKey,
  hashRequest,
  lostRaceForKey,
  recordIdempotentRequest,
  resourceOfEarlierRequest,
  type IdempotencyKey,
  type IdempotentRequest,
} from '../idempotent-requests.js';
import { getInvoice, type InvoiceDocument } from './invoice-records.js';
import { isoDate, today } from '../subscriptions/subscriptions.js';
import type { IsoDate } from '../../../billing/calendar.js';

const CREATE_ONE_OFF_INVOICE = 'create-one-off-invoice';

export const newOneOffInvoiceSchema = z
  .object(
    {
      customerId: z.uuid(required('must be the id of a customer')),
      lines: z.array(itemLineSchema, required('must be a list of lines')).min(1, 'must have at least one line').max(200, 'must have at most 200 lines'),
      /** Defaults to today; its year chooses the number series. Not after today, nor before the start of last year. */
      issueDate: isoDate.optional(),
    },
    'must be a JSON object',
  )
  .strict();

type NewOneOffInvoice = z.output<typeof newOneOffInvoiceSchema>;

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
  let earlierId: string | null;
  try {
    earlierId = await ctx.db.transaction(async (tx) => {
      // The key first: a same-key retry sent at the same moment waits here for the first to commit.
      const earlier = keyed && (await claimIdempotencyKey(tx, keyed));
      if (earlier) return earlier;
      await issueItemInvoice(tx, { invoiceId, customerId: customer.id, currency: customer.currency, issueDate: request.issueDate ?? today(), lines });
      await handOffDocumentDelivery(tx, { kind: 'invoice', documentId: invoiceId, customerId: customer.id });
      if (keyed) await recordIdempotentRequest(tx, keyed, invoiceId);
      return null;
    });
  } catch (error) {
    // A concurrent request with the same key committed first: ours rolled back with its number.
    const winner = keyed && lostRaceForKey(error) ? await issuedEarlier(ctx, keyed) : null;
    if (winner) return winner;
    throw error;
  }
  if (earlierId) return replayed(ctx, earlierId);

  await deliverPostedDocumentHandoffs(ctx, { kind: 'invoice', documentId: invoiceId, customerId: customer.id });
  return { invoice: await getInvoice(ctx, invoiceId), replayed: false };
}

/** The customer and each line's full terms, or every problem with the request at once. */
async function invoiceTerms(ctx: ServiceContext, request: NewOneOffInvoice) {
  const [customer] = await ctx.db.select().from(customers).where(eq(customers.id, request.customerId));
  if (!customer) throw new ValidationError([{ field: 'customerId', message: 'is not the id of a customer' }]);
  const problems: FieldProblem[] = issueDateProblems(request.issueDate, today());
  const lines = await itemLineTerms(ctx, customer, request.lines, problems);
  if (problems.length > 0) throw new ValidationError(problems);
  return { customer, lines };
}

/**
 * An invoice is dated today or back to the start of last year (an invoice forgotten over New
 * Year): never in the future, and never so far back, or so far ahead, that it opens a number
 * series of its own (INV-0001-…, INV-2099-…).
 */
export function issueDateProblems(issueDate: IsoDate | undefined, day: IsoDate): FieldProblem[] {
  if (issueDate === undefined) return [];
  const earliest = `${Number(day.slice(0, 4)) - 1}-01-01`;
  if (issueDate >= earliest && issueDate <= day) return [];
  return [{ field: 'issueDate', message: `must be between ${earliest} and today (${day})` }];
}

async function issuedEarlier(ctx: ServiceContext, request: IdempotentRequest): Promise<CreatedOneOffInvoice | null> {
  const invoiceId = await resourceOfEarlierRequest(ctx, request);
  return invoiceId ? replayed(ctx, invoiceId) : null;
}

async function replayed(ctx: ServiceContext, invoiceId: string): Promise<CreatedOneOffInvoice> {
  const invoice = await getInvoice(ctx, invoiceId);
  // The first request may have died between its commit and delivering its hand-offs.
  await deliverPostedDocumentHandoffs(ctx, { kind: 'invoice', documentId: invoice.id, customerId: invoice.customerId });
  return { invoice, replayed: true };
}
