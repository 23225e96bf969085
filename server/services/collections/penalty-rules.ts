// The rules of a penalty class: add one (last in the class), replace one in force (same id and
// place, so the charges it made stay its own), or archive one (never applied again, kept since
// charges name it). The rule's `id` is always its row id, whatever the request said.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parsePenaltyRule, type PenaltyRule } from '../../../billing/collections/penalties/index.js';
import { addPenaltyRule as insertRule, archivePenaltyRule as archiveRule, replacePenaltyRule as replaceRule } from '../../../db/records/collections/penalty-classes.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { assertUuid, definitionProblem } from './definition-input.js';
import { getPenaltyClass, type PenaltyClassDocument } from './penalty-classes.js';

export const penaltyRuleInputSchema = z.object({
  definition: z.unknown().meta({ description: 'The rule: kind (flat, percentage, interest), label, and the terms of its kind.' }),
});

function parsedRule(definition: unknown, ruleId: string): PenaltyRule {
  if (definition === undefined || definition === null) throw new ValidationError([{ field: 'definition', message: 'is required' }]);
  if (typeof definition !== 'object' || Array.isArray(definition)) throw definitionProblem('rule', 'must be an object');
  const parsed = parsePenaltyRule({ ...definition, id: ruleId });
  if (!parsed.ok) throw definitionProblem(parsed.field, parsed.reason);
  return parsed.rule;
}

export async function addPenaltyRule(ctx: ServiceContext, classId: string, input: unknown): Promise<PenaltyClassDocument> {
  await getPenaltyClass(ctx, classId);
  const rule = parsedRule(parseInput(penaltyRuleInputSchema, input).definition, randomUUID());
  await ctx.db.transaction((tx) => insertRule(tx, classId, rule));
  return getPenaltyClass(ctx, classId);
}

export async function replacePenaltyRule(ctx: ServiceContext, classId: string, ruleId: string, input: unknown): Promise<PenaltyClassDocument> {
  assertUuid('penalty class', classId);
  assertUuid('penalty rule', ruleId);
  const rule = parsedRule(parseInput(penaltyRuleInputSchema, input).definition, ruleId);
  if (!(await ctx.db.transaction((tx) => replaceRule(tx, classId, rule)))) throw new NotFoundError('penalty rule', ruleId);
  return getPenaltyClass(ctx, classId);
}

export async function archivePenaltyRule(ctx: ServiceContext, classId: string, ruleId: string): Promise<PenaltyClassDocument> {
  assertUuid('penalty class', classId);
  assertUuid('penalty rule', ruleId);
  if (!(await ctx.db.transaction((tx) => archiveRule(tx, classId, ruleId)))) throw new NotFoundError('penalty rule', ruleId);
  return getPenaltyClass(ctx, classId);
}
