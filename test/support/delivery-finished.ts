import type { ServiceContext } from '../../server/services/context.js';
import { deliveryWorkflowId, type DocumentToDeliver } from '../../workflows/deliver-document.js';
import { eventually } from './eventually.js';

/**
 * Waits for a document's delivery run to end. The relay may claim the hand-off before the
 * request's own delivery does and start the run a moment later, so the run is first waited for to
 * exist: awaiting a run that does not exist yet fails at once.
 */
export async function deliveryFinished(ctx: ServiceContext, document: Pick<DocumentToDeliver, 'kind' | 'documentId'>): Promise<void> {
  const delivery = ctx.temporal.workflow.getHandle(deliveryWorkflowId(document));
  await eventually(() => delivery.describe(), { what: 'the delivery workflow to start' });
  await delivery.result();
}
