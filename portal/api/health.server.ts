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

/** Our own deadline passed before the driver answered. */
class NoAnswer extends Error {}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether each dependency (the database handle, the Temporal client) answered at its last check. */
const lastAnswered = new WeakMap<object, boolean>();

// /healthz needs no key, so its answer names only the kind of failure: driver messages carry
// hosts, ports and user names. The server log gets the driver's message, but only when the state
// changes: a monitor polling a dependency that is down must not add a stack trace per call.
async function check(name: string, dependency: object, deadlineMs: number, work: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await work();
    if (lastAnswered.get(dependency) === false) console.log(`healthz: ${name} answers again`);
    lastAnswered.set(dependency, true);
    return { ok: true };
  } catch (error) {
    const reason = publicReason(error, deadlineMs);
    if (lastAnswered.get(dependency) !== false) console.warn(`healthz: ${name} is down (${reason}): ${driverMessage(error)}`);
    lastAnswered.set(dependency, false);
    return { ok: false, reason };
  }
}

/** The outermost message and, when another, the innermost cause's ("connect ECONNREFUSED ..."), on one line. */
function driverMessage(error: unknown): string {
  const messages = causeChain(error).map((link) => (link instanceof Error ? link.message : String(link)).replace(/\s+/g, ' ').trim());
  const [outer, inner] = [messages[0], messages[messages.length - 1]];
  return outer === inner ? String(outer) : `${outer} (${inner})`;
}

const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE']);
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function publicReason(error: unknown, deadlineMs: number): string {
  const codes = causeChain(error).map((link) => (link as { code?: unknown }).code);
  if (error instanceof NoAnswer || codes.includes(GRPC_DEADLINE_EXCEEDED)) return `timed out after ${deadlineMs / 1000} s`;
  if (codes.some((code) => code === GRPC_UNAVAILABLE || (typeof code === 'string' && CONNECTION_FAILURES.has(code)))) return 'unreachable';
  return 'answered with an error';
}

/** Drivers wrap the failure that matters ("connect ECONNREFUSED ...") in their own errors. */
function causeChain(error: unknown): object[] {
  const chain: object[] = [];
  for (let link = error; typeof link === 'object' && link !== null && !chain.includes(link); link = (link as { cause?: unknown }).cause) chain.push(link);
  return chain;
}

function checkDatabase(ctx: ServiceContext): Promise<CheckResult> {
  // postgres.js has no per-query timeout; a query that outlives the deadline finishes (or fails) on its own.
  return check('database', ctx.db, DATABASE_DEADLINE_MS, () => within(DATABASE_DEADLINE_MS, ctx.db.execute(sql`select 1`)));
}

function checkTemporal(ctx: ServiceContext): Promise<CheckResult> {
  // The gRPC deadline bounds every attempt, and the client's retries stop at the first one past
  // it, so the call has ended when we answer: nothing is left running against a closing client.
  const deadline = new Date(Date.now() + TEMPORAL_DEADLINE_MS);
  return check('temporal', ctx.temporal, TEMPORAL_DEADLINE_MS, () => ctx.temporal.connection.withDeadline(deadline, () => ctx.temporal.workflowService.getSystemInfo({})));
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
