// What a rule charges on: the unpaid part of the lines it penalizes, tax included. A partly paid
// invoice's open amount is spread over all its lines in proportion to their gross amounts (after
// credit notes), largest remainder, so the lines' shares add up to the open amount to the cent.
// A negative line (a credit, a discount) lowers the base of its own line kind, never below zero,
// so a discount on usage cannot eat into the plan's base.
import { allocate, divideRoundHalfEven, money } from './billing-parts.js';
import type { PenalizedLineKind, PenalizedLines } from './penalty-rule.js';

export interface PenaltyBaseLine {
  kind: PenalizedLineKind;
  /** The catalog item of an item line; null for other lines. */
  itemId: string | null;
  /** The item's kind ("service", "goods"...), as the catalog has it; null for other lines. */
  itemKind: string | null;
  revenueAccountCode: string;
  /** Net plus tax, after credit notes; negative for a credit or discount line. */
  grossMinor: bigint;
}

export interface PenaltyBaseInvoice {
  currency: string;
  /** What is still unpaid now. */
  openMinor: bigint;
  lines: readonly PenaltyBaseLine[];
}

/** The unpaid part of each line, in the lines' order; they add up to the open amount exactly. */
export function unpaidByLine(invoice: PenaltyBaseInvoice): bigint[] {
  const { lines, openMinor } = invoice;
  const gross = lines.reduce((sum, line) => sum + line.grossMinor, 0n);
  if (openMinor <= 0n || lines.length === 0) return lines.map(() => 0n);
  if (gross <= 0n) throw new Error(`penaltyBase: ${openMinor} is open on an invoice whose lines total ${gross}`);
  if (openMinor > gross) throw new Error(`penaltyBase: ${openMinor} is open on an invoice whose lines total only ${gross}`);

  // Positive lines carry openMinor × positive / gross between them, negative lines the rest (as a
  // negative amount): each side is then spread over its own lines by largest remainder.
  const positive = lines.reduce((sum, line) => (line.grossMinor > 0n ? sum + line.grossMinor : sum), 0n);
  const onPositive = divideRoundHalfEven(openMinor * positive, gross);
  const onNegative = openMinor - onPositive;
  const shares = lines.map(() => 0n);
  spread(onPositive, lines.map((line) => (line.grossMinor > 0n ? line.grossMinor : 0n)), shares, invoice.currency);
  spread(onNegative, lines.map((line) => (line.grossMinor < 0n ? -line.grossMinor : 0n)), shares, invoice.currency);
  return shares;
}

function spread(total: bigint, weights: bigint[], into: bigint[], currency: string): void {
  if (!weights.some((weight) => weight > 0n)) return;
  allocate(money(total, currency), weights).forEach((part, index) => {
    into[index] = into[index]! + part.amountMinor;
  });
}

/** Whether a line counts towards the base of a rule penalizing `penalized`. */
export function isPenalized(line: PenaltyBaseLine, penalized: PenalizedLines): boolean {
  if (line.kind === 'penalty' && !penalized.includePenaltyLines) return false;
  const { lineKinds, itemIds, itemKinds, revenueAccountCodes } = penalized;
  if (lineKinds.length + itemIds.length + itemKinds.length + revenueAccountCodes.length === 0) return true;
  return (
    lineKinds.includes(line.kind) ||
    (line.itemId !== null && itemIds.includes(line.itemId)) ||
    (line.itemKind !== null && itemKinds.includes(line.itemKind)) ||
    revenueAccountCodes.includes(line.revenueAccountCode)
  );
}

/** The base in minor units of the invoice's currency: 0 when nothing it penalizes is unpaid. */
export function penaltyBase(invoice: PenaltyBaseInvoice, rule: { penalized: PenalizedLines }): bigint {
  const unpaid = unpaidByLine(invoice);
  const byKind = new Map<PenalizedLineKind, bigint>();
  invoice.lines.forEach((line, index) => {
    if (isPenalized(line, rule.penalized)) byKind.set(line.kind, (byKind.get(line.kind) ?? 0n) + unpaid[index]!);
  });
  return [...byKind.values()].reduce((sum, kindBase) => sum + (kindBase > 0n ? kindBase : 0n), 0n);
}
