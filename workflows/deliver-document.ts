// After a one-off invoice or a credit note is posted: email it to the customer (its posting told
// the account workflow, by hand-off). Its id is the document's (`invoice/<id>`, `credit-note/<id>`), so starting
// it again finds the run already under way or done instead of sending twice.
import { proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from '../activities/index.js';
import { notifyAccountUnlessHandedOff } from './notify-account.js';

export interface DocumentToDeliver {
  kind: 'invoice' | 'credit-note';
  documentId: string;
  customerId: string;
}

const activities = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export const deliveryWorkflowId = ({ kind, documentId }: Pick<DocumentToDeliver, 'kind' | 'documentId'>): string =>
  `${kind}/${documentId}`;

export async function deliverDocument(document: DocumentToDeliver): Promise<void> {
  if (document.kind === 'invoice') await activities.emailInvoice(document.documentId);
  else await activities.emailCreditNote(document.documentId);
  await notifyAccountUnlessHandedOff(document.customerId, () => activities.postedDocument(document.kind, document.documentId));
}
