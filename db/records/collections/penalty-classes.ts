// Penalty classes and their rules. A rule's definition is stored as JSON that billing's
// parsePenaltyRule reads back, with the rule's `id` equal to its row's id: a charge is keyed by
// that id. A rule taken out of its class is archived, never deleted, since charges name it.
import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import { parsePenaltyRule, type PenaltyRule } from '../../../billing/collections/penalties/index.js';
import type { Database } from '../../client.js';
import { customerCollections, penaltyClasses, penaltyRules } from '../../schema.js';
import type { Transaction } from '../transaction.js';

type Reader = Database | Transaction;

export type PenaltyClassRow = typeof penaltyClasses.$inferSelect;

export interface StoredPenaltyRule {
  id: string;
  position: number;
  rule: PenaltyRule;
  archivedAt: Date | null;
}

export interface PenaltyClassWithRules extends PenaltyClassRow {
  /** In the class's order, archived ones included (with the day they were archived). */
  rules: StoredPenaltyRule[];
}

export interface PenaltyClassInForce {
  classId: string;
  /** In the class's order, archived rules left out. */
  rules: PenaltyRule[];
}

/** The rule as JSON can hold it: amounts as strings of digits, which the parser accepts back. */
export function penaltyRuleToJson(rule: PenaltyRule): unknown {
  return JSON.parse(JSON.stringify(rule, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))) as unknown;
}

function storedRule(definition: unknown, ruleId: string): PenaltyRule {
  const parsed = parsePenaltyRule(definition);
  if (!parsed.ok) throw new Error(`Penalty rule ${ruleId} is stored unreadable: ${parsed.field} ${parsed.reason}`);
  return parsed.rule;
}

export async function penaltyClassNameTaken(db: Reader, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: penaltyClasses.id })
    .from(penaltyClasses)
    .where(and(eq(penaltyClasses.name, name), exceptId ? sql`${penaltyClasses.id} <> ${exceptId}` : undefined));
  return row !== undefined;
}

export async function anyDefaultPenaltyClass(db: Reader): Promise<boolean> {
  const [row] = await db.select({ id: penaltyClasses.id }).from(penaltyClasses).where(eq(penaltyClasses.isDefault, true));
  return row !== undefined;
}

export async function createPenaltyClass(tx: Transaction, name: string): Promise<PenaltyClassRow> {
  const [row] = await tx.insert(penaltyClasses).values({ name }).returning();
  if (!row) throw new Error('Inserting a penalty class returned no row');
  return row;
}

export async function renamePenaltyClass(tx: Transaction, classId: string, name: string): Promise<boolean> {
  const rows = await tx.update(penaltyClasses).set({ name }).where(eq(penaltyClasses.id, classId)).returning({ id: penaltyClasses.id });
  return rows.length > 0;
}

/** Makes the class the default, and no other; false when it does not exist. */
export async function setDefaultPenaltyClass(tx: Transaction, classId: string): Promise<boolean> {
  const [row] = await tx.select({ id: penaltyClasses.id }).from(penaltyClasses).where(eq(penaltyClasses.id, classId)).for('update');
  if (!row) return false;
  await tx.update(penaltyClasses).set({ isDefault: false }).where(and(eq(penaltyClasses.isDefault, true), sql`${penaltyClasses.id} <> ${classId}`));
  await tx.update(penaltyClasses).set({ isDefault: true }).where(eq(penaltyClasses.id, classId));
  return true;
}

/** Adds the rule last in its class; its row id is the rule's own `id`. */
export async function addPenaltyRule(tx: Transaction, classId: string, rule: PenaltyRule): Promise<StoredPenaltyRule> {
  // Locks the class so two rules added at once get distinct positions.
  await tx.select({ id: penaltyClasses.id }).from(penaltyClasses).where(eq(penaltyClasses.id, classId)).for('update');
  const [last] = await tx.select({ position: max(penaltyRules.position) }).from(penaltyRules).where(eq(penaltyRules.classId, classId));
  const position = (last?.position ?? -1) + 1;
  const [row] = await tx
    .insert(penaltyRules)
    .values({ id: rule.id, classId, position, name: rule.label, kind: rule.kind, definition: penaltyRuleToJson(rule) })
    .returning();
  if (!row) throw new Error('Inserting a penalty rule returned no row');
  return { id: row.id, position, rule, archivedAt: null };
}

/** Replaces a rule still in force, keeping its place and id; false when there is none such. */
export async function replacePenaltyRule(tx: Transaction, classId: string, rule: PenaltyRule): Promise<boolean> {
  const rows = await tx
    .update(penaltyRules)
    .set({ name: rule.label, kind: rule.kind, definition: penaltyRuleToJson(rule) })
    .where(and(eq(penaltyRules.id, rule.id), eq(penaltyRules.classId, classId), isNull(penaltyRules.archivedAt)))
    .returning({ id: penaltyRules.id });
  return rows.length > 0;
}

/** Takes a rule out of its class for good; false when there is no such rule still in force. */
export async function archivePenaltyRule(tx: Transaction, classId: string, ruleId: string): Promise<boolean> {
  const rows = await tx
    .update(penaltyRules)
    .set({ archivedAt: sql`now()` })
    .where(and(eq(penaltyRules.id, ruleId), eq(penaltyRules.classId, classId), isNull(penaltyRules.archivedAt)))
    .returning({ id: penaltyRules.id });
  return rows.length > 0;
}

export async function listPenaltyClasses(db: Reader): Promise<PenaltyClassRow[]> {
  return db.select().from(penaltyClasses).orderBy(asc(penaltyClasses.name));
}

export async function penaltyClassWithRules(db: Reader, classId: string): Promise<PenaltyClassWithRules | null> {
  const [row] = await db.select().from(penaltyClasses).where(eq(penaltyClasses.id, classId));
  if (!row) return null;
  const rules = await db.select().from(penaltyRules).where(eq(penaltyRules.classId, classId)).orderBy(asc(penaltyRules.position));
  return { ...row, rules: rules.map((r) => ({ id: r.id, position: r.position, rule: storedRule(r.definition, r.id), archivedAt: r.archivedAt })) };
}

/** The customer's own class, else the default, with its rules in force; null when there is no class at all. */
export async function penaltyClassForCustomer(db: Reader, customerId: string): Promise<PenaltyClassInForce | null> {
  const [own] = await db
    .select({ id: customerCollections.penaltyClassId })
    .from(customerCollections)
    .where(eq(customerCollections.customerId, customerId));
  const classId = own?.id ?? (await db.select({ id: penaltyClasses.id }).from(penaltyClasses).where(eq(penaltyClasses.isDefault, true)))[0]?.id;
  if (!classId) return null;
  return { classId, rules: await rulesInForce(db, classId) };
}

export async function rulesInForce(db: Reader, classId: string): Promise<PenaltyRule[]> {
  const rows = await db
    .select()
    .from(penaltyRules)
    .where(and(eq(penaltyRules.classId, classId), isNull(penaltyRules.archivedAt)))
    .orderBy(asc(penaltyRules.position));
  return rows.map((r) => storedRule(r.definition, r.id));
}
