import { addDays, type IsoDate } from './calendar.js';
import { sumMoney, type Money } from './money.js';
import type { ChargeablePeriod } from './periods.js';
import { chargeForPeriod } from './proration.js';

/** What an invoice is for: a subscription period, items (by staff or an accepted quote), or penalties. */
export const INVOICE_KINDS = ['recurring', 'one_off', 'penalty'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** What an invoice line charges. */
export const INVOICE_LINE_KINDS = ['plan', 'usage', 'minimum', 'adjustment', 'item', 'penalty'] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

/**
 * One line of an invoice before it is numbered and stored. `amount` is what is charged; for a
 * prorated line it is `quantity × unitAmount × activeDays / cycleDays`, and `proration` keeps the
 * days so that nobody has to parse them back out of the description.
 */
export interface InvoiceLineDraft {
  kind: InvoiceLineKind;
  description: string;
  quantity: string; // a decimal string; "1" for a plan
  unit: string | null; // what the quantity counts (GB, days); null for a plan
  unitAmount: Money | null; // the price of one unit for a full cycle, when it is a whole minor unit
  unitAmountDecimal: string | null; // the exact unit price in minor units, when it has more precision ("0.045")
  amount: Money;
  /** How the amount was reached (a usage line's ranges), for the customer to check. */
  detail: unknown;
  periodStart: IsoDate;
  periodEnd: IsoDate; // exclusive: the first day not covered
  proration: { activeDays: number; cycleDays: number } | null;
  revenueAccountCode: string;
}

export interface PlanForBilling {
  name: string;
  amount: Money; // per full cycle
  revenueAccountCode: string;
}

/**
 * The recurring charge of a plan for one chargeable period, e.g.
 * "Fibre 100 — 2026-01-10 to 2026-01-31 (22 of 31 days)". The description shows the last day
 * included, as people read a date range; the fields keep the half-open period.
 */
export function planChargeLine(plan: PlanForBilling, p: ChargeablePeriod): InvoiceLineDraft {
  if (plan.name.trim() === '') throw new Error('planChargeLine: the plan needs a name');
  if (plan.revenueAccountCode.trim() === '') throw new Error(`planChargeLine: plan "${plan.name}" has no revenue account`);
  const { amount, activeDays, cycleDays } = chargeForPeriod(plan.amount, p);
  const prorated = activeDays !== cycleDays;
  const days = prorated ? ` (${activeDays} of ${cycleDays} days)` : '';
  return {
    kind: 'plan',
    description: `${plan.name} — ${p.start} to ${addDays(p.end, -1)}${days}`,
    quantity: '1',
    unit: null,
    unitAmount: plan.amount,
    unitAmountDecimal: null,
    amount,
    detail: null,
    periodStart: p.start,
    periodEnd: p.end,
    proration: prorated ? { activeDays, cycleDays } : null,
    revenueAccountCode: plan.revenueAccountCode,
  };
}

export function invoiceTotal(lines: readonly InvoiceLineDraft[], currency: string): Money {
  return sumMoney(lines.map((line) => line.amount), currency);
}
