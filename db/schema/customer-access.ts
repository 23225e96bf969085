// Customer portal sign-in by magic link. Only a hash of each token is stored; the link itself is
// only ever in the email.
import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from './columns.js';
import { customers } from './core.js';

export const customerSignInTokens = pgTable(
  'customer_sign_in_tokens',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** SHA-256 of the token, hex. */
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set by the one POST that signs in with it; a token is good once. */
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('customer_sign_in_tokens_customer').on(t.customerId, t.createdAt)],
);

/** Every magic-link request, known address or not, so requests can be rate-limited across processes. */
export const customerSignInRequests = pgTable(
  'customer_sign_in_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    clientAddress: text('client_address').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customer_sign_in_requests_email').on(t.email, t.requestedAt),
    index('customer_sign_in_requests_client').on(t.clientAddress, t.requestedAt),
  ],
);
