// The hand-off outbox: a change committed outside a workflow that a workflow must learn (a
// customer opened, a subscription started, a document posted, a quote sent) is written here in the
// same transaction as the change, then delivered to Temporal by a relay that retries until it
// succeeds. Nothing is lost between a commit and a signal. docs/decisions/0005 says why.
import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { customers } from './core.js';

export const workflowHandoffs = pgTable(
  'workflow_handoffs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The business key of what is handed off: writing the same one twice stores it once. */
    key: text('key').notNull().unique(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /**
     * `account-fact`: signalled to the customer's account workflow, with `sequence`;
     * `workflow-start`: a workflow started under its business id (starting it twice finds the first).
     */
    kind: text('kind', { enum: ['account-fact', 'workflow-start'] }).notNull(),
    /** The account's own numbering of its facts, in commit order; null for workflow starts. */
    sequence: integer('sequence'),
    /** An AccountFact, or a WorkflowStart (billing/handoffs). */
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    /** Not before this moment: a claimed hand-off is leased until then, a failed one backs off. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('workflow_handoffs_account_sequence').on(t.customerId, t.sequence),
    index('workflow_handoffs_undelivered').on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null`),
    check('workflow_handoffs_kind_known', sql`${t.kind} in ('account-fact', 'workflow-start')`),
    check('workflow_handoffs_sequence_for_facts', sql`(${t.kind} = 'account-fact') = (${t.sequence} is not null)`),
  ],
);

/** The last hand-off sequence taken per account; its row lock orders an account's hand-offs. */
export const accountHandoffSequences = pgTable('account_handoff_sequences', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id),
  lastSequence: integer('last_sequence').notNull(),
});
