// Column shapes every table uses the same way.
import { bigint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const currency = () => text('currency').notNull();
/** Money is integer minor units; drizzle hands it to us as a bigint, never a float. */
export const minorUnits = (name: string) => bigint(name, { mode: 'bigint' });
