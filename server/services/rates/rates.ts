// Rates: named price lists made of components (billing/rating/components.ts), in one currency,
// booked to a revenue account. A change applies to invoices issued after it: each invoice keeps a
// copy of the components it priced (rated_usage), so what was billed never changes afterwards.
import { count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AMOUNT_BOUND_REASON, MAX_AMOUNT_MINOR } from '../../../billing/amount-bound.js';
import type { RateComponent } from '../../../billing/rating/components.js';
import { METER_KEY } from '../../../billing/rating/field-checks.js';
import { validateRateComponents } from '../../../billing/rating/validate-components.js';
import { customerRates, rates } from '../../../db/schema.js';
import { assertIncomeAccount } from '../books/accounts.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, ValidationError, type FieldProblem } from '../errors.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';

export type Rate = typeof rates.$inferSelect;

// ---- Component shapes, as zod schemas: the API document describes components with these. The
// rules themselves are billing/rating's (validateRateComponents), which every rate goes through. ----

const minorUnits = z.int('must be a whole number of minor units').min(0, 'must not be negative').max(Number(MAX_AMOUNT_MINOR), AMOUNT_BOUND_REASON);
const componentName = z.string('must be a text').trim().min(1, 'is required').max(120, 'must be at most 120 characters');
const meterKey = z.string('must be a text').regex(METER_KEY).meta({ description: 'The key of the customer meter it prices, such as "data".' });
const unit = z
  .string()
  .min(1)
  .max(20)
  .meta({ description: "The unit its ranges and package size count in (GB, min); the meter's consumption is converted to it. Default: the meter's unit." });

const unitAmountDecimal = z
  .string()
  .regex(/^\d+(\.\d{1,6})?$/)
  .meta({ description: `Minor units per unit as a decimal string, at most 6 decimals, not negative, at most ${MAX_AMOUNT_MINOR}: "0.045".` });

const priceRange = z.strictObject({
  upTo: z.number('must be a number, or null for the last range').positive('must be more than 0').nullable(),
  unitAmountDecimal,
  flatAmount: minorUnits.optional(),
});

const consumptionBase = { name: componentName, meter: meterKey, unit: unit.optional(), minimumAmount: minorUnits.optional() };

const COMPONENT_SCHEMAS = {
  fixed: z.strictObject({ type: z.literal('fixed'), name: componentName, amount: minorUnits }).meta({ id: 'FixedComponent', description: 'A charge per period, prorated by active days.' }),
  per_day: z.strictObject({ type: z.literal('per_day'), name: componentName, amount: minorUnits }).meta({ id: 'PerDayComponent', description: 'A charge per active day.' }),
  stepped: z
    .strictObject({ type: z.literal('stepped'), ...consumptionBase, ranges: z.array(priceRange).min(1, 'must have at least one range') })
    .meta({ id: 'SteppedComponent', description: "Consumption fills the ranges in order, each range's units at its price." }),
  volume: z
    .strictObject({ type: z.literal('volume'), ...consumptionBase, ranges: z.array(priceRange).min(1, 'must have at least one range') })
    .meta({ id: 'VolumeComponent', description: 'The range holding the total prices every unit, plus its flat amount.' }),
  package: z
    .strictObject({
      type: z.literal('package'),
      ...consumptionBase,
      packageSize: z.number('must be a number').positive('must be more than 0'),
      amount: minorUnits,
      freeUnits: z.number('must be a number').min(0, 'must not be negative').optional(),
    })
    .meta({ id: 'PackageComponent', description: 'ceil(max(0, units - freeUnits) / packageSize) packages at `amount` each.' }),
} as const;

export const rateComponentSchema = z.discriminatedUnion('type', Object.values(COMPONENT_SCHEMAS) as [
  (typeof COMPONENT_SCHEMAS)['fixed'],
  (typeof COMPONENT_SCHEMAS)['per_day'],
  (typeof COMPONENT_SCHEMAS)['stepped'],
  (typeof COMPONENT_SCHEMAS)['volume'],
  (typeof COMPONENT_SCHEMAS)['package'],
]);

/** The components' shapes stay documented by the schemas above; the rules of billing/rating check them. */
const MAX_COMPONENTS = 50;

/** Every problem of a rate's components, each with its path (`components[1].ranges[0].upTo`). */
export function rateComponentProblems(components: unknown): FieldProblem[] {
  if (components === undefined) return [{ field: 'components', message: 'is required' }];
  if (Array.isArray(components) && components.length > MAX_COMPONENTS) return [{ field: 'components', message: `must have at most ${MAX_COMPONENTS} components` }];
  return validateRateComponents(components).map(({ path, message }) => ({ field: path, message }));
}

function checkedComponents(components: unknown): RateComponent[] {
  const problems = rateComponentProblems(components);
  if (problems.length > 0) throw new ValidationError(problems);
  return components as RateComponent[];
}

// ---- Rates ----

/** The fields of a rate besides its components, which rateComponentProblems checks. */
export const newRateSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as EUR'),
  components: z.array(rateComponentSchema),
  revenueAccountCode: z.string().trim().min(1, 'is required').max(20).optional(),
});

/** What can change on a rate; the currency only while no customer has the rate. */
export const rateUpdateSchema = newRateSchema.partial();

// The components are checked by rateComponentProblems, for paths like components[1].ranges[0].upTo.
const rateFields = newRateSchema.extend({ components: z.unknown() });

/** Parses a rate's input, reporting problems of every field at once (components with their paths). */
function parseRate<T extends z.ZodObject>(schema: T, input: unknown, componentsRequired: boolean) {
  const parsed = schema.safeParse(input);
  const problems = parsed.success ? [] : ValidationError.fromZod(parsed.error).problems;
  const components = typeof input === 'object' && input !== null ? (input as { components?: unknown }).components : undefined;
  if (componentsRequired || components !== undefined) problems.push(...rateComponentProblems(components));
  if (problems.length > 0 || !parsed.success) throw new ValidationError(problems);
  return { fields: parsed.data as z.infer<T>, components: components === undefined ? undefined : checkedComponents(components) };
}


export async function createRate(ctx: ServiceContext, input: unknown): Promise<Rate> {
  const { fields, components } = parseRate(rateFields.strict(), input, true);
  if (fields.revenueAccountCode !== undefined) await assertIncomeAccount(ctx, fields.revenueAccountCode);
  const [created] = await ctx.db
    .insert(rates)
    .values({
      name: fields.name,
      currency: fields.currency,
      components: components ?? [],
      ...(fields.revenueAccountCode === undefined ? {} : { revenueAccountCode: fields.revenueAccountCode }),
    })
    .returning();
  if (!created) throw new Error('rate was not stored');
  return created;
}

/** Newest rates first. */
export async function listRates(ctx: ServiceContext, query: z.input<typeof pageQuerySchema>): Promise<Page<Rate>> {
  const { limit, cursor } = pageQuerySchema.parse(query);
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const rows = await ctx.db
    .select({ rate: rates, createdAtKey: sql<string>`${rates.createdAt}::text` })
    .from(rates)
    .where(after ? sql`(${rates.createdAt}, ${rates.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined)
    .orderBy(desc(rates.createdAt), desc(rates.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.createdAtKey, id: row.rate.id }), (row) => row.rate);
}

/** Every rate in a currency, by name: what a customer billed in it can be given. */
export async function ratesInCurrency(ctx: ServiceContext, currency: string): Promise<Rate[]> {
  return ctx.db.select().from(rates).where(eq(rates.currency, currency)).orderBy(rates.name, rates.id);
}

export async function getRate(ctx: ServiceContext, rateId: string): Promise<Rate> {
  const [rate] = z.uuid().safeParse(rateId).success ? await ctx.db.select().from(rates).where(eq(rates.id, rateId)) : [];
  if (!rate) throw new NotFoundError('rate', rateId);
  return rate;
}

export async function updateRate(ctx: ServiceContext, rateId: string, input: unknown): Promise<Rate> {
  const { fields, components } = parseRate(rateFields.partial().strict(), input, false);
  const rate = await getRate(ctx, rateId);
  if (Object.values(fields).every((value) => value === undefined) && components === undefined) return rate;
  if (fields.revenueAccountCode !== undefined) await assertIncomeAccount(ctx, fields.revenueAccountCode);
  return ctx.db.transaction(async (tx) => {
    // Locking the rate holds off new assignments of it (their foreign key takes a share lock on
    // it) until this change commits, so the "no customer has it" check below stays true.
    await tx.select({ id: rates.id }).from(rates).where(eq(rates.id, rateId)).for('update');
    if (fields.currency !== undefined && fields.currency !== rate.currency) {
      const [assigned] = await tx.select({ n: count() }).from(customerRates).where(eq(customerRates.rateId, rateId));
      if ((assigned?.n ?? 0) > 0) throw new ValidationError([{ field: 'currency', message: 'cannot change once the rate is assigned to a customer' }]);
    }
    const [updated] = await tx
      .update(rates)
      .set({
        ...(fields.name === undefined ? {} : { name: fields.name }),
        ...(fields.currency === undefined ? {} : { currency: fields.currency }),
        ...(fields.revenueAccountCode === undefined ? {} : { revenueAccountCode: fields.revenueAccountCode }),
        ...(components === undefined ? {} : { components }),
        updatedAt: sql`now()`,
      })
      .where(eq(rates.id, rateId))
      .returning();
    if (!updated) throw new NotFoundError('rate', rateId);
    return updated;
  });
}
