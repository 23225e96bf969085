import { and, eq, notExists } from 'drizzle-orm';
import { accountFactKey, handOffWorkflowStart, workflowStartKey, type WorkflowStart } from '../../../db/records/handoffs.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { creditNotes, emailMessages, invoices } from '../../../db/schema.js';
import { deliveryWorkflowId, type DocumentToDeliver } from '../../../workflows/deliver-document.js';
import type { ServiceContext } from '../context.js';
import { deliverCommittedHandoffs } from '../handoffs/deliver-handoffs.js';

/**
 * Hands a posted one-off invoice or credit note to its delivery workflow, which emails it. Written
 * in the posting's transaction, so a request that dies after its commit still gets it delivered;
 * the workflow's id is the document's, so delivering the hand-off twice sends one email.
 */
export function handOffDocumentDelivery(tx: Transaction, document: DocumentToDeliver): Promise<string> {
  return handOffWorkflowStart(tx, document.customerId, documentDeliveryStart(document));
}

/**
 * After the posting's commit: delivers its hand-offs (the account's fact, the delivery's start) at
 * once, or, after a retried request, again if they are still waiting. What fails stays for the relay.
 */
export function deliverPostedDocumentHandoffs(ctx: ServiceContext, document: DocumentToDeliver): Promise<void> {
  const posted = accountFactKey(document.customerId, { kind: 'document-posted', document: document.kind, documentId: document.documentId });
  return deliverCommittedHandoffs(ctx, [posted, workflowStartKey(documentDeliveryStart(document))]);
}

function documentDeliveryStart(document: DocumentToDeliver): WorkflowStart {
  // By name, not by function: bundlers rename a function whose name clashes (this one's does),
  // and the workflow type is the function's name.
  return { workflowType: 'deliverDocument', workflowId: deliveryWorkflowId(document), args: [document], reusePolicy: 'failed-only' };
}

/**
 * Hands over delivery for every one-off invoice and credit note that has no email yet: documents
 * posted before hand-offs existed, whose request died before starting delivery. Run at start;
 * for anything posted since, the hand-off is already in the outbox. Returns how many were handed over.
 */
export async function deliverUndeliveredDocuments(ctx: ServiceContext): Promise<number> {
  const emailed = (kind: string, entityId: typeof invoices.id | typeof creditNotes.id) =>
    ctx.db
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(and(eq(emailMessages.kind, kind), eq(emailMessages.entityId, entityId)));
  const undeliveredInvoices = await ctx.db
    .select({ documentId: invoices.id, customerId: invoices.customerId })
    .from(invoices)
    .where(and(eq(invoices.kind, 'one_off'), notExists(emailed('invoice-issued', invoices.id))));
  const undeliveredCreditNotes = await ctx.db
    .select({ documentId: creditNotes.id, customerId: creditNotes.customerId })
    .from(creditNotes)
    .where(notExists(emailed('credit-note-issued', creditNotes.id)));
  const pending: DocumentToDeliver[] = [
    ...undeliveredInvoices.map((row) => ({ kind: 'invoice' as const, ...row })),
    ...undeliveredCreditNotes.map((row) => ({ kind: 'credit-note' as const, ...row })),
  ];
  const keys = await ctx.db.transaction(async (tx) => Promise.all(pending.map((document) => handOffDocumentDelivery(tx, document))));
  await deliverCommittedHandoffs(ctx, keys);
  return pending.length;
}
