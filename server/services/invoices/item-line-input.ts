// Item lines as the API and the staff forms send them, for one-off invoices and quotes alike:
// the line's shape, zod's problems named the way people read them (`lines[1].quantity`), and each
// line's full terms taken from its catalog item unless the request overrides them.
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { ItemInvoiceLine } from '../../../db/records/item-invoices.js';
import { MAX_AMOUNT_MINOR } from '../../../billing/amount-bound.js';
import { parseItemQuantity, priceItemLine } from '../../../billing/item-lines.js';
import { formatMoney, money } from '../../../billing/money.js';
import { parseTaxRate } from '../../../billing/tax.js';
import { items } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import type { FieldProblem } from '../errors.js';
import { amountMinorInput } from '../money-input.js';

/** A message for a missing value, and another for a value of the wrong kind. */
export const required = (wrongKind: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : wrongKind),
});

const quantity = z.union([z.string(), z.number()], required('must be a decimal number such as "2" or "1.5"')).transform((value, ctx) => {
  const parsed = parseItemQuantity(typeof value === 'number' ? String(value) : value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});

const taxRate = z.string('must be a percentage such as "21"').transform((value, ctx) => {
  const parsed = parseTaxRate(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});

export const itemLineSchema = z
  .object(
    {
      itemId: z.uuid(required('must be the id of an item')),
      quantity,
      /** Overrides the item's unit price (net, in minor units). */
      unitAmountMinor: amountMinorInput.optional(),
      /** Overrides the item's name on the line. */
      description: z.string('must be text').trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
      /** Overrides the item's tax rate, in percent. */
      taxRate: taxRate.optional(),
    },
    'must be a line object with itemId and quantity',
  )
  .strict();

export type ItemLineRequest = z.output<typeof itemLineSchema>;

/** zod's issues as field problems: `lines[0].quantity: must be more than zero`; `what` names the document. */
export function fieldProblems(error: z.ZodError, what: string): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const field = fieldName(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: field ? `${field}.${key}` : key, message: `is not a field of ${what}` }));
    }
    return [{ field: field || '(body)', message: issue.path.length === 0 && issue.code === 'invalid_type' ? 'must be a JSON object' : issue.message }];
  });
}

export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

/**
 * Each line's full terms: the item's price, name and tax rate unless overridden, and always its
 * revenue account. Unknown or inactive items, and items in another currency than the customer's,
 * are added to `problems` under the line's `itemId`; their lines are left out. So are lines whose
 * net would exceed MAX_AMOUNT_MINOR (under `quantity`), and lines that together would total
 * more than it (under `lines`): amounts the database could not store are refused here, for
 * one-off invoices and quotes alike.
 */
export async function itemLineTerms(
  ctx: ServiceContext,
  customer: { currency: string } | undefined,
  lines: readonly ItemLineRequest[],
  problems: FieldProblem[],
): Promise<ItemInvoiceLine[]> {
  const itemIds = [...new Set(lines.map((line) => line.itemId))];
  const found = itemIds.length > 0 ? await ctx.db.select().from(items).where(inArray(items.id, itemIds)) : [];
  const itemsById = new Map(found.map((item) => [item.id, item]));
  const terms: ItemInvoiceLine[] = [];
  // The customer's, or (for a quote refused for its customer anyway) the first good item's.
  let currency = customer?.currency;
  const problemsBefore = problems.length;
  lines.forEach((line, i) => {
    const item = itemsById.get(line.itemId);
    const field = `lines[${i}].itemId`;
    if (!item) {
      problems.push({ field, message: 'is not the id of an item' });
    } else if (!item.active) {
      problems.push({ field, message: `"${item.name}" is inactive and can no longer be billed` });
    } else if (customer && item.currency !== customer.currency) {
      problems.push({ field, message: `"${item.name}" is priced in ${item.currency}, but the customer is billed in ${customer.currency}` });
    } else {
      const term: ItemInvoiceLine = {
        itemId: item.id,
        description: line.description ?? item.name,
        quantity: line.quantity,
        unitAmountMinor: line.unitAmountMinor ?? item.unitPriceMinor,
        taxRate: line.taxRate ?? item.taxRate,
        revenueAccountCode: item.revenueAccountCode,
      };
      currency ??= item.currency;
      const limit = money(MAX_AMOUNT_MINOR, item.currency);
      // A unit price is at most the limit itself, so only a quantity above one can carry a line past it.
      if (priced(term, item.currency).net.amountMinor > limit.amountMinor) {
        problems.push({ field: `lines[${i}].quantity`, message: `makes the line total too large (at most ${formatMoney(limit)} net)` });
      } else {
        terms.push(term);
      }
    }
  });
  if (problems.length === problemsBefore && currency !== undefined) problems.push(...documentTotalProblems(terms, currency));
  return terms;
}

/** The refusal of lines that each fit but together, with their tax, total more than the limit. */
function documentTotalProblems(terms: readonly ItemInvoiceLine[], currency: string): FieldProblem[] {
  const total = terms.reduce((sum, term) => sum + priced(term, currency).total.amountMinor, 0n);
  if (total <= MAX_AMOUNT_MINOR) return [];
  const most = formatMoney(money(MAX_AMOUNT_MINOR, currency));
  return [{ field: 'lines', message: `add up to ${formatMoney(money(total, currency))} with tax, more than one document may total (at most ${most})` }];
}

function priced(term: ItemInvoiceLine, currency: string) {
  return priceItemLine({ quantity: term.quantity, unitAmount: money(term.unitAmountMinor, currency), taxRate: term.taxRate });
}
