import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { and, eq, notExists } from 'drizzle-orm';
import { creditNotes, emailMessages, invoices } from '../../../db/schema.js';
import { deliveryWorkflowId, type deliverDocument as deliverDocumentWorkflow, type DocumentToDeliver } from '../../../workflows/deliver-document.js';
import { TASK_QUEUE } from '../../../workflows/messages.js';
import type { ServiceContext } from '../context.js';

/**
 * Emails a posted one-off invoice or credit note and tells the account workflow, through a
 * workflow of its own so that retries, crashes and restarts deliver it exactly once. Safe to call
 * again: a second start finds the first.
 */
export async function deliverDocument(ctx: ServiceContext, document: DocumentToDeliver): Promise<void> {
  try {
    // By name, not by function: bundlers rename a function whose name clashes (this one's does),
    // and the workflow type is the function's name.
    await ctx.temporal.workflow.start<typeof deliverDocumentWorkflow>('deliverDocument', {
      workflowId: deliveryWorkflowId(document),
      taskQueue: TASK_QUEUE,
      args: [document],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // Only a delivery that failed or was terminated runs again; a completed one sent its email.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * Starts delivery for every one-off invoice and credit note that has no email yet: a document
 * whose request died between its commit and starting its delivery (Temporal unreachable, the
 * process killed) is emailed on the next start. Returns how many were started.
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
  for (const document of pending) await deliverDocument(ctx, document);
  return pending.length;
}
