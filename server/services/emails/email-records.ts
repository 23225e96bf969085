// Read side of recorded emails: the outbox staff browse, and each message as it was rendered.
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { z } from 'zod';
import { emailMessages } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';

export const emailListQuerySchema = pageQuerySchema.extend({
  customerId: z.uuid('must be a customer id').optional(),
  status: z.enum(['pending', 'sent', 'outbox', 'failed']).optional(),
});

export type EmailRecord = Omit<typeof emailMessages.$inferSelect, 'idempotencyKey'>;
export type EmailSummary = Omit<EmailRecord, 'html'>;

// The idempotency key is plumbing between us and the provider; staff and clients never need it.
const { idempotencyKey: _key, ...recordColumns } = getTableColumns(emailMessages);
const { html: _html, ...summaryColumns } = recordColumns;

/** Newest first. The rendered HTML is left out of lists; `getEmail` has it. */
export async function listEmails(ctx: ServiceContext, query: z.input<typeof emailListQuerySchema>): Promise<Page<EmailSummary>> {
  const { limit, cursor, customerId, status } = emailListQuerySchema.parse(query);
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const rows = await ctx.db
    .select({ ...summaryColumns, createdAtKey: sql<string>`${emailMessages.createdAt}::text` })
    .from(emailMessages)
    .where(
      and(
        customerId ? eq(emailMessages.customerId, customerId) : undefined,
        status ? eq(emailMessages.status, status) : undefined,
        after ? sql`(${emailMessages.createdAt}, ${emailMessages.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.createdAtKey, id: row.id }), ({ createdAtKey: _k, ...email }) => email);
}

export async function getEmail(ctx: ServiceContext, emailId: string): Promise<EmailRecord> {
  const [row] = z.uuid().safeParse(emailId).success
    ? await ctx.db.select(recordColumns).from(emailMessages).where(eq(emailMessages.id, emailId))
    : [];
  if (!row) throw new NotFoundError('email', emailId);
  return row;
}
