import type { Config } from 'drizzle-kit';

export default {
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
} satisfies Config;
