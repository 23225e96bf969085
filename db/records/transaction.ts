import type { Database } from '../client.js';

/** An open drizzle transaction: what record functions that must commit together take. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
