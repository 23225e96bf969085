// Dunning policies staff keep: create one (version 1), edit it (the next version; versions already
// written never change, so a running episode keeps its own), make one the default, list and read
// them. The first policy created becomes the default, since every customer needs one.
import { z } from 'zod';
import { parseDunningPolicy, type DunningPolicy } from '../../../billing/collections/dunning/index.js';
import {
  anyDefaultPolicy, createDunningPolicy as insertPolicy, dunningPolicyWithVersions, listDunningPolicies as policyRows, policyNameTaken,
  setDefaultPolicy, writePolicyVersion, type DunningPolicyRow, type DunningPolicyWithVersions,
} from '../../../db/records/collections/dunning-policies.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { assertUuid, collectionName, definitionProblem, type CollectionsActor } from './definition-input.js';

const definition = z.unknown().meta({ description: 'The policy: minimumOverdueMinor, steps, cardRetryDays, invoiceWhileSuspended, maxPromiseDays.' });

export const newDunningPolicySchema = z.object({
  name: collectionName,
  definition,
  /** Make it the default at once (the first policy always is). */
  isDefault: z.boolean('must be true or false').optional(),
});

export const dunningPolicyEditSchema = z.object({ definition });

export type DunningPolicySummary = DunningPolicyRow;
export type DunningPolicyDocument = DunningPolicyWithVersions;

function parsedDefinition(input: unknown): DunningPolicy {
  if (input === undefined) throw new ValidationError([{ field: 'definition', message: 'is required' }]);
  const parsed = parseDunningPolicy(input);
  if (!parsed.ok) throw definitionProblem(parsed.field, parsed.reason);
  return parsed.policy;
}

export async function createDunningPolicy(ctx: ServiceContext, input: unknown, actor: CollectionsActor = 'api'): Promise<DunningPolicyDocument> {
  const request = parseInput(newDunningPolicySchema, input);
  const policy = parsedDefinition(request.definition);
  const nameTaken = () => new ValidationError([{ field: 'name', message: 'is taken by another dunning policy' }]);
  const id = await ctx.db
    .transaction(async (tx) => {
      if (await policyNameTaken(tx, request.name)) throw nameTaken();
      const row = await insertPolicy(tx, { name: request.name, policy, createdBy: actor });
      if (request.isDefault || !(await anyDefaultPolicy(tx))) await setDefaultPolicy(tx, row.id);
      return row.id;
    })
    .catch((error: unknown) => {
      // The same name created at the same moment: the unique constraint decides.
      throw isUniqueViolation(error, 'dunning_policies_name_unique') ? nameTaken() : error;
    });
  return getDunningPolicy(ctx, id);
}

/** Writes the next version of the policy; the versions before it stay as they were. */
export async function editDunningPolicy(ctx: ServiceContext, policyId: string, input: unknown, actor: CollectionsActor = 'api'): Promise<DunningPolicyDocument> {
  assertUuid('dunning policy', policyId);
  const request = parseInput(dunningPolicyEditSchema, input);
  const policy = parsedDefinition(request.definition);
  const version = await ctx.db.transaction((tx) => writePolicyVersion(tx, policyId, policy, actor));
  if (version === null) throw new NotFoundError('dunning policy', policyId);
  return getDunningPolicy(ctx, policyId);
}

export async function setDefaultDunningPolicy(ctx: ServiceContext, policyId: string): Promise<DunningPolicyDocument> {
  assertUuid('dunning policy', policyId);
  if (!(await ctx.db.transaction((tx) => setDefaultPolicy(tx, policyId)))) throw new NotFoundError('dunning policy', policyId);
  return getDunningPolicy(ctx, policyId);
}

export async function listDunningPolicies(ctx: ServiceContext): Promise<DunningPolicySummary[]> {
  return policyRows(ctx.db);
}

export async function getDunningPolicy(ctx: ServiceContext, policyId: string): Promise<DunningPolicyDocument> {
  assertUuid('dunning policy', policyId);
  const found = await dunningPolicyWithVersions(ctx.db, policyId);
  if (!found) throw new NotFoundError('dunning policy', policyId);
  return found;
}
