// The text of a penalty line, as the customer reads it on the invoice or statement: what the
// charge is, on which invoice, and the figures to check it by hand.
import { formatMoney, money } from './billing-parts.js';
import type { RateSpan } from './interest.js';
import { percentForPeople } from './percent.js';

/** The line text of the recovery compensation. */
export const RECOVERY_COMPENSATION_LABEL = 'Compensation for recovery costs';

export type AmountBound = 'minimum' | 'maximum' | null;

interface DescribedCharge {
  label: string;
  invoiceNumber: string;
  currency: string;
  /** The charge after the rule's minimum or maximum, and which of them set it. */
  amountMinor: bigint;
  bound: AmountBound;
}

/** "Late payment fee on INV-2026-0007". */
export function flatDescription(charge: DescribedCharge): string {
  return `${charge.label} on ${charge.invoiceNumber}${boundNote(charge)}`;
}

/** "Late payment fee on INV-2026-0007: 2.50% of €1.00". */
export function percentageDescription(charge: DescribedCharge & { percent: string; baseMinor: bigint }): string {
  return `${charge.label} on ${charge.invoiceNumber}: ${percentForPeople(charge.percent)} of ${shown(charge.baseMinor, charge.currency)}${boundNote(charge)}`;
}

/**
 * "Late payment interest on INV-2026-0007: €1,000.00 at 8.00% a year for 12 days, 2026-06-22 to
 * 2026-07-03", each rate with its days when the rate changed within the period.
 */
export function interestDescription(charge: DescribedCharge & { baseMinor: bigint; spans: readonly RateSpan[] }): string {
  const rates = charge.spans.map((span) => `${percentForPeople(span.percent)} a year for ${span.days} ${span.days === 1 ? 'day' : 'days'}`).join(' and ');
  const first = charge.spans[0];
  const last = charge.spans[charge.spans.length - 1];
  const period = first && last ? (first.from === last.to ? `, ${first.from}` : `, ${first.from} to ${last.to}`) : '';
  return `${charge.label} on ${charge.invoiceNumber}: ${shown(charge.baseMinor, charge.currency)} at ${rates}${period}${boundNote(charge)}`;
}

/** "Compensation for recovery costs on INV-2026-0007". */
export function recoveryDescription(invoiceNumber: string): string {
  return `${RECOVERY_COMPENSATION_LABEL} on ${invoiceNumber}`;
}

function boundNote(charge: DescribedCharge): string {
  return charge.bound === null ? '' : ` (${charge.bound} ${shown(charge.amountMinor, charge.currency)})`;
}

function shown(amountMinor: bigint, currency: string): string {
  return formatMoney(money(amountMinor, currency));
}
