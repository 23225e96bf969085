// Credit notes: taking back some or all of an invoice, with a reason. Posted in one transaction
// (numbered, stored, booked against the same accounts the invoice booked, handed off to the
// account and to the document's own delivery workflow, which emails it).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { issueCreditNote } from '../../../db/records/credit-notes.js';
import type { ServiceContext } from '../context.js';
import { getCreditNote, type CreditNoteDocument } from './credit-note-records.js';
import { deliverPostedDocumentHandoffs, handOffDocumentDelivery } from '../invoices/document-delivery.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import {
  claimIdempotencyKey,
  hashRequest,
  lostRaceForKey,
  recordIdempotentRequest,
  resourceOfEarlierRequest,
  type IdempotencyKey,
  type IdempotentRequest,
} from '../idempotent-requests.js';
import { fieldProblems } from '../invoices/item-line-input.js';
import { signedAmountMinorInput } from '../money-input.js';
import { today } from '../subscriptions/subscriptions.js';

const CREATE_CREDIT_NOTE = 'create-credit-note';

export const newCreditNoteSchema = z
  .object(
    {
      reason: z
        .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
        .trim()
        .min(1, 'is required: say why the invoice is credited')
        .max(1000, 'must be at most 1000 characters'),
      /** Lines to credit, by their position on the invoice; the whole invoice when left out. */
      lines: z
        .array(
          z
            .object(
              {
                position: z.int({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be the position of an invoice line') }).min(0, 'must be the position of an invoice line'),
                /** Net amount to take back from the line, in minor units; all that remains when left out. */
                amountMinor: signedAmountMinorInput.optional(),
              },
              'must be a line object with a position',
            )
            .strict(),
          'must be a list of lines',
        )
        .optional(),
    },
    'must be a JSON object',
  )
  .strict();

export interface CreatedCreditNote {
  creditNote: CreditNoteDocument;
  /** True when an earlier request with the same idempotency key had already issued it. */
  replayed: boolean;
}

/**
 * Issues a credit note against an invoice: every line's remainder when no lines are named, or the
 * named lines (all that remains, or the net amount given, with its share of the line's tax). Never
 * more than remains uncredited on a line: refused with the field and the amount left, nothing stored.
 */
export async function createCreditNote(ctx: ServiceContext, invoiceId: string, input: unknown, idempotency?: IdempotencyKey): Promise<CreatedCreditNote> {
  if (!z.uuid().safeParse(invoiceId).success) throw new NotFoundError('invoice', invoiceId);
  const parsed = newCreditNoteSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error, 'a credit note'));
  const request = parsed.data;
  const keyed: IdempotentRequest | null = idempotency
    ? { key: idempotency, operation: CREATE_CREDIT_NOTE, requestHash: hashRequest({ invoiceId, ...request }), resourceLabel: 'a new credit note' }
    : null;
  const earlier = keyed && (await issuedEarlier(ctx, keyed));
  if (earlier) return earlier;

  const creditNoteId = randomUUID();
  let outcome: { issued: true; customerId: string } | { issued: false; earlierId: string };
  try {
    outcome = await ctx.db.transaction(async (tx) => {
      // The key first: a same-key retry sent at the same moment waits here for the first to
      // commit, then returns its credit note, rather than being refused for what it left.
      const earlierId = keyed && (await claimIdempotencyKey(tx, keyed));
      if (earlierId) return { issued: false, earlierId };
      const issued = await issueCreditNote(tx, { creditNoteId, invoiceId, reason: request.reason, lines: request.lines, issueDate: today() });
      if (!issued.ok) {
        // Thrown inside the transaction so that nothing of it stays.
        if (issued.reason === 'invoice-not-found') throw new NotFoundError('invoice', invoiceId);
        if (issued.nothingLeft) throw new ConflictError(`Invoice ${issued.invoiceNumber} is already credited in full; nothing is left to credit.`);
        throw new ValidationError(issued.problems);
      }
      await handOffDocumentDelivery(tx, { kind: 'credit-note', documentId: creditNoteId, customerId: issued.customerId });
      if (keyed) await recordIdempotentRequest(tx, keyed, creditNoteId);
      return { issued: true, customerId: issued.customerId };
    });
  } catch (error) {
    // A concurrent request with the same key committed first: ours rolled back with its number.
    const winner = keyed && lostRaceForKey(error) ? await issuedEarlier(ctx, keyed) : null;
    if (winner) return winner;
    throw error;
  }
  if (!outcome.issued) return replayed(ctx, outcome.earlierId);

  await deliverPostedDocumentHandoffs(ctx, { kind: 'credit-note', documentId: creditNoteId, customerId: outcome.customerId });
  return { creditNote: await getCreditNote(ctx, creditNoteId), replayed: false };
}

async function issuedEarlier(ctx: ServiceContext, request: IdempotentRequest): Promise<CreatedCreditNote | null> {
  const creditNoteId = await resourceOfEarlierRequest(ctx, request);
  return creditNoteId ? replayed(ctx, creditNoteId) : null;
}

async function replayed(ctx: ServiceContext, creditNoteId: string): Promise<CreatedCreditNote> {
  const creditNote = await getCreditNote(ctx, creditNoteId);
  // The first request may have died between its commit and delivering its hand-offs.
  await deliverPostedDocumentHandoffs(ctx, { kind: 'credit-note', documentId: creditNote.id, customerId: creditNote.customerId });
  return { creditNote, replayed: true };
}
