// Overdue episodes and their history. An episode is opened at most once per account at a time
// (a unique index), and each policy step is claimed once per episode (a unique key): a step that
// runs again after a retry or a killed worker finds its claim and does not act twice.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../billing/calendar.js';
import type { Database } from '../../client.js';
import { dunningEpisodes, dunningEvents } from '../../schema.js';
import type { Transaction } from '../transaction.js';

type Reader = Database | Transaction;

export type DunningEpisode = typeof dunningEpisodes.$inferSelect;
export type DunningEvent = typeof dunningEvents.$inferSelect;

export interface EpisodeToOpen {
  customerId: string;
  policyId: string;
  policyVersion: number;
  currency: string;
  startedOn: IsoDate;
  anchorDueDate: IsoDate;
  stage: string;
}

export async function openEpisodeOf(db: Reader, customerId: string): Promise<DunningEpisode | null> {
  const [episode] = await db
    .select()
    .from(dunningEpisodes)
    .where(and(eq(dunningEpisodes.customerId, customerId), eq(dunningEpisodes.status, 'open')));
  return episode ?? null;
}

/** Opens the account's episode, or returns the one already open (which keeps its policy version). */
export async function openEpisode(tx: Transaction, input: EpisodeToOpen): Promise<DunningEpisode> {
  await tx
    .insert(dunningEpisodes)
    .values({ ...input, status: 'open' })
    .onConflictDoNothing({ target: dunningEpisodes.customerId, where: sql`${dunningEpisodes.status} = 'open'` });
  const open = await openEpisodeOf(tx, input.customerId);
  if (!open) throw new Error(`No open episode for customer ${input.customerId} after opening one`);
  return open;
}

/** Re-anchors the episode on the earliest due date still unpaid and records the stage reached. */
export async function updateEpisode(tx: Transaction, episodeId: string, change: { anchorDueDate?: IsoDate; stage?: string }): Promise<void> {
  if (change.anchorDueDate === undefined && change.stage === undefined) return;
  await tx.update(dunningEpisodes).set(change).where(and(eq(dunningEpisodes.id, episodeId), eq(dunningEpisodes.status, 'open')));
}

export async function closeEpisode(tx: Transaction, episodeId: string, closedOn: IsoDate, reason: string, stage: string): Promise<void> {
  await tx
    .update(dunningEpisodes)
    .set({ status: 'closed', closedOn, closeReason: reason, stage })
    .where(and(eq(dunningEpisodes.id, episodeId), eq(dunningEpisodes.status, 'open')));
}

export interface StepToClaim {
  customerId: string;
  episodeId: string;
  stepKey: string;
  kind: string;
  dueOn: IsoDate;
}

/**
 * Claims a policy step for its episode. Returns the step's event: new (outcome `started`), or the
 * one an earlier attempt wrote (`started` when that attempt died before finishing, or its outcome).
 */
export async function claimStep(tx: Transaction, step: StepToClaim): Promise<DunningEvent> {
  await tx
    .insert(dunningEvents)
    .values({ ...step, actor: 'workflow', outcome: 'started' })
    .onConflictDoNothing({ target: [dunningEvents.episodeId, dunningEvents.stepKey], where: sql`${dunningEvents.stepKey} is not null` });
  const [event] = await tx
    .select()
    .from(dunningEvents)
    .where(and(eq(dunningEvents.episodeId, step.episodeId), eq(dunningEvents.stepKey, step.stepKey)));
  if (!event) throw new Error(`Step ${step.stepKey} of episode ${step.episodeId} was not claimed`);
  return event;
}

export async function finishStep(db: Reader, eventId: number, outcome: 'done' | 'held' | 'skipped' | 'failed', detail: Record<string, unknown>): Promise<void> {
  await db.update(dunningEvents).set({ outcome, detail, occurredAt: sql`now()` }).where(eq(dunningEvents.id, eventId));
}

export interface CollectionAction {
  customerId: string;
  episodeId: string | null;
  kind: string;
  dueOn: IsoDate;
  actor: string;
  reason: string;
  detail?: Record<string, unknown>;
}

/** A staff action (pause, resume, skip, suspend or restore by hand, exempt), kept with its reason. */
export async function recordCollectionAction(db: Reader, action: CollectionAction): Promise<DunningEvent> {
  const [event] = await db
    .insert(dunningEvents)
    .values({ ...action, stepKey: null, outcome: 'done', detail: action.detail ?? {} })
    .returning();
  return event!;
}

/** The steps an episode has claimed, by key: what the policy evaluation must not take again. */
export async function episodeSteps(db: Reader, episodeId: string): Promise<DunningEvent[]> {
  return db
    .select()
    .from(dunningEvents)
    .where(and(eq(dunningEvents.episodeId, episodeId), sql`${dunningEvents.stepKey} is not null`))
    .orderBy(asc(dunningEvents.id));
}

/** Everything that happened in collections for a customer, newest first. */
export async function collectionHistory(db: Reader, customerId: string, limit = 200): Promise<DunningEvent[]> {
  return db.select().from(dunningEvents).where(eq(dunningEvents.customerId, customerId)).orderBy(desc(dunningEvents.id)).limit(limit);
}

/** Pauses an open episode with the reason staff gave, or resumes it (reason null). */
export async function pauseEpisode(tx: Transaction, episodeId: string, reason: string | null): Promise<void> {
  await tx
    .update(dunningEpisodes)
    .set(reason === null ? { pausedAt: null, pausedReason: null } : { pausedAt: sql`now()`, pausedReason: reason })
    .where(and(eq(dunningEpisodes.id, episodeId), eq(dunningEpisodes.status, 'open'), reason === null ? undefined : isNull(dunningEpisodes.pausedAt)));
}
