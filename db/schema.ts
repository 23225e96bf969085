// The one source of truth for the database shape. `npm run db:generate` turns changes here into a
// committed SQL migration under db/migrations; rules the ORM cannot express (a journal entry must
// balance) live in hand-written migrations beside them.
export * from './schema/core.js';
export * from './schema/consumption.js';
export * from './schema/reading-imports.js';
export * from './schema/items.js';
export * from './schema/documents.js';
export * from './schema/inbound-mail.js';
export * from './schema/customer-access.js';
export * from './schema/handoffs.js';
export * from './schema/payments.js';
export * from './schema/bank-statements.js';
export * from './schema/collections.js';
export * from './schema/network.js';
