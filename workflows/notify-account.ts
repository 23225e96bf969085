// How a delivery or quote workflow told the account workflow of a document posted to it, before the
// hand-off outbox existed. Posting a document now hands it to the account in the same transaction
// (db/records/handoffs.ts), so runs started since skip this; runs started before it replay it.
import { ApplicationFailure, getExternalWorkflowHandle, log, patched } from '@temporalio/workflow';
import type { PostedDocument } from '../activities/account-types.js';
import { customerWorkflowId, documentPostedSignal } from './messages.js';

export const ACCOUNT_TOLD_BY_HANDOFF = 'account-told-by-handoff';

export async function notifyAccountUnlessHandedOff(customerId: string, posted: () => Promise<PostedDocument>): Promise<void> {
  if (patched(ACCOUNT_TOLD_BY_HANDOFF)) return;
  const document = await posted();
  try {
    await getExternalWorkflowHandle(customerWorkflowId(customerId)).signal(documentPostedSignal, document);
  } catch (error) {
    // A cancelled account's workflow has finished: the ledger still has the posting, and nothing
    // is left to bill, so there is no one to tell.
    if (!isAccountGone(error)) throw error;
    log.info('account workflow not running; posted document not signalled', { customerId, number: document.number });
  }
}

/** Temporal answers a signal to a workflow that is not running with this failure type. */
function isAccountGone(error: unknown): boolean {
  return error instanceof ApplicationFailure && error.type === 'ExternalWorkflowExecutionNotFound';
}
