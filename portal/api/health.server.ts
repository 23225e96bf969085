// Health of what the portal depends on: the database answers `select 1` and Temporal answers
// GetSystemInfo, each with a short deadline, so a monitor learns quickly and precisely what is down.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ServiceContext } from '../../server/services/context.js';
import type { healthWire } from './wire-schemas.server.js';

const DATABASE_DEADLINE_MS = 2_000;
/** The client retries within it with backoff, so an unreachable server is reported in about 2 s. */
const TEMPORAL_DEADLINE_MS = 1_500;

type CheckResult = { ok: true } | { ok: false; reason: string };

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function check(work: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: innermostMessage(error) };
  }
}

/** Drivers wrap the failure that matters ("connect ECONNREFUSED ...") in their own errors. */
function innermostMessage(error: unknown): string {
  let innermost = error;
  while (innermost instanceof Error && innermost.cause !== undefined) innermost = innermost.cause;
  return innermost instanceof Error ? innermost.message : String(innermost);
}

function checkDatabase(ctx: ServiceContext): Promise<CheckResult> {
  // postgres.js has no per-query timeout; a query that outlives the deadline finishes (or fails) on its own.
  return check(() => within(DATABASE_DEADLINE_MS, ctx.db.execute(sql`select 1`)));
}

function checkTemporal(ctx: ServiceContext): Promise<CheckResult> {
  // The gRPC deadline bounds every attempt, and the client's retries stop at the first one past
  // it, so the call has ended when we answer: nothing is left running against a closing client.
  const deadline = new Date(Date.now() + TEMPORAL_DEADLINE_MS);
  return check(() => ctx.temporal.connection.withDeadline(deadline, () => ctx.temporal.workflowService.getSystemInfo({})));
}

export interface HealthReport {
  healthy: boolean;
  body: z.input<typeof healthWire>;
}

export async function checkHealth(ctx: ServiceContext): Promise<HealthReport> {
  const [database, temporal] = await Promise.all([checkDatabase(ctx), checkTemporal(ctx)]);
  const down = Object.entries({ database, temporal }).flatMap(([name, result]) => (result.ok ? [] : [`${name} is down: ${result.reason}`]));
  return {
    healthy: down.length === 0,
    body: {
      status: down.length === 0 ? 'ok' : 'unavailable',
      checks: { database: database.ok ? 'ok' : 'down', temporal: temporal.ok ? 'ok' : 'down' },
      ...(down.length > 0 ? { detail: down.join('; ') } : {}),
    },
  };
}
