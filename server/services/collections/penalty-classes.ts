// Penalty classes staff keep: create, rename, make one the default, list and read with their
// rules. The first class created becomes the default, since every customer needs one.
import { z } from 'zod';
import {
  anyDefaultPenaltyClass, createPenaltyClass as insertClass, listPenaltyClasses as classRows, penaltyClassNameTaken, penaltyClassWithRules,
  renamePenaltyClass as renameClass, setDefaultPenaltyClass as setDefaultClass, type PenaltyClassRow, type PenaltyClassWithRules,
} from '../../../db/records/collections/penalty-classes.js';

/** A rule's definition as it is stored and shown (amounts as strings of digits). */
export { penaltyRuleToJson } from '../../../db/records/collections/penalty-classes.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { assertUuid, collectionName } from './definition-input.js';

export const newPenaltyClassSchema = z.object({
  name: collectionName,
  isDefault: z.boolean('must be true or false').optional(),
});

export const penaltyClassRenameSchema = z.object({ name: collectionName });

export type PenaltyClassSummary = PenaltyClassRow;
export type PenaltyClassDocument = PenaltyClassWithRules;

const nameTaken = () => new ValidationError([{ field: 'name', message: 'is taken by another penalty class' }]);
/** The same name written at the same moment: the unique constraint decides. */
const nameRace = (error: unknown): never => {
  throw isUniqueViolation(error, 'penalty_classes_name_unique') ? nameTaken() : error;
};

export async function createPenaltyClass(ctx: ServiceContext, input: unknown): Promise<PenaltyClassDocument> {
  const request = parseInput(newPenaltyClassSchema, input);
  const id = await ctx.db
    .transaction(async (tx) => {
      if (await penaltyClassNameTaken(tx, request.name)) throw nameTaken();
      const row = await insertClass(tx, request.name);
      if (request.isDefault || !(await anyDefaultPenaltyClass(tx))) await setDefaultClass(tx, row.id);
      return row.id;
    })
    .catch(nameRace);
  return getPenaltyClass(ctx, id);
}

export async function renamePenaltyClass(ctx: ServiceContext, classId: string, input: unknown): Promise<PenaltyClassDocument> {
  assertUuid('penalty class', classId);
  const request = parseInput(penaltyClassRenameSchema, input);
  const renamed = await ctx.db
    .transaction(async (tx) => {
      if (await penaltyClassNameTaken(tx, request.name, classId)) throw nameTaken();
      return renameClass(tx, classId, request.name);
    })
    .catch(nameRace);
  if (!renamed) throw new NotFoundError('penalty class', classId);
  return getPenaltyClass(ctx, classId);
}

export async function setDefaultPenaltyClass(ctx: ServiceContext, classId: string): Promise<PenaltyClassDocument> {
  assertUuid('penalty class', classId);
  if (!(await ctx.db.transaction((tx) => setDefaultClass(tx, classId)))) throw new NotFoundError('penalty class', classId);
  return getPenaltyClass(ctx, classId);
}

export async function listPenaltyClasses(ctx: ServiceContext): Promise<PenaltyClassSummary[]> {
  return classRows(ctx.db);
}

export async function getPenaltyClass(ctx: ServiceContext, classId: string): Promise<PenaltyClassDocument> {
  assertUuid('penalty class', classId);
  const found = await penaltyClassWithRules(ctx.db, classId);
  if (!found) throw new NotFoundError('penalty class', classId);
  return found;
}
