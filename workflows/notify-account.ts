// Tells a customer's account workflow about a document posted to its account from elsewhere (a
// one-off invoice, an accepted quote, a credit note), so its balance and status stay current.
import { ApplicationFailure, getExternalWorkflowHandle, log } from '@temporalio/workflow';
import type { PostedDocument } from '../activities/account-types.js';
import { customerWorkflowId, documentPostedSignal } from './messages.js';

export async function notifyAccount(customerId: string, posted: PostedDocument): Promise<void> {
  try {
    await getExternalWorkflowHandle(customerWorkflowId(customerId)).signal(documentPostedSignal, posted);
  } catch (error) {
    // A cancelled account's workflow has finished: the ledger still has the posting, and nothing
    // is left to bill, so there is no one to tell.
    if (!isAccountGone(error)) throw error;
    log.info('account workflow not running; posted document not signalled', { customerId, number: posted.number });
  }
}

/** Temporal answers a signal to a workflow that is not running with this failure type. */
function isAccountGone(error: unknown): boolean {
  return error instanceof ApplicationFailure && error.type === 'ExternalWorkflowExecutionNotFound';
}
