// The hand-off outbox as staff tools see it: what committed changes still wait to reach their
// workflow, and for how long. Read-only; the relay in every worker process delivers them.
import { z } from 'zod';
import type { UndeliveredHandoff } from '../../server/services/handoffs/undelivered-handoffs.js';
import { defineEndpoint } from './endpoint.server.js';

export const handoffWire = z
  .object({
    key: z.string().meta({ description: 'The business key of what is handed off, e.g. `document-posted:invoice/<id>`.' }),
    customerId: z.uuid(),
    customerName: z.string(),
    kind: z.enum(['account-fact', 'workflow-start']).meta({
      description: "account-fact: a fact signalled to the customer's account workflow; workflow-start: a workflow started under its business id.",
    }),
    summary: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    ageSeconds: z.number().int().meta({ description: 'Seconds since the change was committed.' }),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime({ offset: true }),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'Handoff' });

export function handoffView(handoff: UndeliveredHandoff): z.input<typeof handoffWire> {
  return { ...handoff, createdAt: handoff.createdAt.toISOString(), nextAttemptAt: handoff.nextAttemptAt.toISOString() };
}

export const handoffEndpoints = {
  listUndeliveredHandoffs: defineEndpoint({
    id: 'listUndeliveredHandoffs',
    method: 'GET',
    path: '/api/v1/handoffs',
    tag: 'Workflows',
    summary: 'List hand-offs not yet delivered to their workflow, oldest first',
    description:
      'A change committed outside a workflow (a customer opened, a subscription started, a document posted) reaches its workflow through this outbox, retried until Temporal takes it. An empty list means every workflow knows everything committed.',
    authenticated: true,
    response: z.object({ items: z.array(handoffWire) }),
    successStatus: 200,
  }),
};
