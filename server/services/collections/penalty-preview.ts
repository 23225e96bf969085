// What a penalty class would charge a customer on a date: billing's penaltiesDue over each open
// invoice (its lines' gross after credit notes, the open amount on that date) less what was
// charged already. Nothing is stored; staff check a class before it applies.
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { IsoDate } from '../../../billing/calendar.js';
import { penaltiesDue, type PenaltyBaseLine, type PenaltyCharge, type PenaltyRule } from '../../../billing/collections/penalties/index.js';
import { penaltyClassForCustomer, penaltyClassWithRules, rulesInForce } from '../../../db/records/collections/penalty-classes.js';
import { chargedPenalties } from '../../../db/records/collections/penalty-invoices.js';
import { openInvoicesOf } from '../../../db/records/invoice-balances.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { creditNoteLines, creditNotes, invoiceLines, items } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { calendarDateInput } from '../date-input.js';
import { getCustomerRecord } from '../customers/customer-directory.js';
import { ValidationError, parseInput } from '../errors.js';


export const penaltyPreviewQuerySchema = z.object({
  asOf: calendarDateInput.meta({ description: 'The day to preview: charges due on or before it.', examples: ['2026-03-31'] }),
  classId: z.uuid('must be a penalty class id (a UUID)').optional().meta({ description: "A class to try instead of the customer's own." }),
});

export interface PreviewCharge extends PenaltyCharge {
  invoiceId: string;
  invoiceNumber: string;
}

export interface PenaltyPreview {
  customerId: string;
  asOf: IsoDate;
  /** The class previewed; null when there is none (no class exists and none was named). */
  classId: string | null;
  currency: string;
  charges: PreviewCharge[];
  /** The charges' net amounts and their tax, in all. */
  netMinor: bigint;
  taxMinor: bigint;
}

export async function previewPenalties(ctx: ServiceContext, input: { customerId: string; asOf: unknown; classId?: unknown }): Promise<PenaltyPreview> {
  const customer = await getCustomerRecord(ctx, input.customerId);
  const query = parseInput(penaltyPreviewQuerySchema, { asOf: input.asOf, classId: input.classId });
  const asOf = query.asOf as IsoDate;
  // One transaction: the invoices, their lines and the charges are read as of one moment.
  const { classId, charges } = await ctx.db.transaction(async (tx) => {
    const rules = await rulesToPreview(tx, customer.id, query.classId);
    return { classId: rules?.classId ?? null, charges: rules ? await chargesDue(tx, customer.id, customer.currency, asOf, rules.rules) : [] };
  });
  return {
    customerId: customer.id,
    asOf,
    classId,
    currency: customer.currency,
    charges,
    netMinor: charges.reduce((sum, charge) => sum + charge.amountMinor, 0n),
    taxMinor: charges.reduce((sum, charge) => sum + charge.taxMinor, 0n),
  };
}

async function rulesToPreview(tx: Transaction, customerId: string, classId: string | undefined): Promise<{ classId: string; rules: PenaltyRule[] } | null> {
  if (classId === undefined) return penaltyClassForCustomer(tx, customerId);
  if (!(await penaltyClassWithRules(tx, classId))) throw new ValidationError([{ field: 'classId', message: 'is not a penalty class' }]);
  return { classId, rules: await rulesInForce(tx, classId) };
}

async function chargesDue(tx: Transaction, customerId: string, currency: string, asOf: IsoDate, rules: PenaltyRule[]): Promise<PreviewCharge[]> {
  const open = await openInvoicesOf(tx, customerId, currency, asOf);
  if (open.length === 0 || rules.length === 0) return [];
  const invoiceIds = open.map((invoice) => invoice.invoiceId);
  const lines = await grossLines(tx, invoiceIds, asOf);
  const charged = await chargedPenalties(tx, invoiceIds);
  return open.flatMap((invoice) => {
    const done = charged.filter((charge) => charge.invoiceId === invoice.invoiceId);
    return penaltiesDue({
      rules,
      invoice: { id: invoice.invoiceId, number: invoice.number, dueDate: invoice.dueDate, settledOn: null, currency, openMinor: invoice.openMinor, lines: lines.get(invoice.invoiceId) ?? [] },
      asOf,
      charged: done.filter((charge) => charge.component === 'penalty').map(({ ruleId, occurrence }) => ({ ruleId, occurrence })),
      compensationCharged: done.some((charge) => charge.component === 'recovery'),
    }).map((charge) => ({ ...charge, invoiceId: invoice.invoiceId, invoiceNumber: invoice.number }));
  });
}

/** Each invoice's lines in order, gross (net plus tax) after what credit notes took back by `asOf` (as the open amount counts them). */
async function grossLines(tx: Transaction, invoiceIds: string[], asOf: IsoDate): Promise<Map<string, PenaltyBaseLine[]>> {
  const rows = await tx
    .select({
      id: invoiceLines.id,
      invoiceId: invoiceLines.invoiceId,
      kind: invoiceLines.kind,
      itemId: invoiceLines.itemId,
      itemKind: items.kind,
      revenueAccountCode: invoiceLines.revenueAccountCode,
      amountMinor: invoiceLines.amountMinor,
      taxMinor: invoiceLines.taxMinor,
    })
    .from(invoiceLines)
    .leftJoin(items, eq(items.id, invoiceLines.itemId))
    .where(inArray(invoiceLines.invoiceId, invoiceIds))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
  const credits = rows.length === 0
    ? []
    : await tx
        .select({ lineId: creditNoteLines.invoiceLineId, amountMinor: creditNoteLines.amountMinor, taxMinor: creditNoteLines.taxMinor })
        .from(creditNoteLines)
        .innerJoin(creditNotes, eq(creditNotes.id, creditNoteLines.creditNoteId))
        .where(and(inArray(creditNoteLines.invoiceLineId, rows.map((row) => row.id)), lte(creditNotes.issueDate, asOf)));
  const credited = new Map<string, bigint>();
  for (const credit of credits) credited.set(credit.lineId, (credited.get(credit.lineId) ?? 0n) + credit.amountMinor + credit.taxMinor);
  const byInvoice = new Map<string, PenaltyBaseLine[]>();
  for (const row of rows) {
    const lines = byInvoice.get(row.invoiceId) ?? [];
    lines.push({
      kind: row.kind,
      itemId: row.itemId,
      itemKind: row.itemKind,
      revenueAccountCode: row.revenueAccountCode,
      grossMinor: row.amountMinor + row.taxMinor - (credited.get(row.id) ?? 0n),
    });
    byInvoice.set(row.invoiceId, lines);
  }
  return byInvoice;
}
