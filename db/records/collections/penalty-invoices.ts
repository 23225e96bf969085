// Billing penalties: the charges billing's penalty rules computed go on one penalty invoice, due
// at once and booked to penalty income (4900). Each charge is unique per penalized invoice, rule,
// occurrence and component, so issuing the same charges again (a retried step, a killed worker)
// finds them billed and issues nothing.
import { eq, inArray } from 'drizzle-orm';
import { isoDateParts, type IsoDate } from '../../../billing/calendar.js';
import { ACCOUNTS } from '../../../billing/ledger.js';
import { money, type Money } from '../../../billing/money.js';
import { saleBooksNothing, salePosting, saleTotals } from '../../../billing/sale-posting.js';
import { invoiceLines, invoices, penaltyCharges } from '../../schema.js';
import { nextInvoiceNumber } from '../document-numbers.js';
import { handOffAccountFact } from '../handoffs.js';
import { postJournalEntry } from '../journal-entries.js';
import { applyCustomerCredit, lockCustomer } from '../payments.js';
import type { Transaction } from '../transaction.js';

export interface PenaltyChargeToBill {
  /** The overdue invoice it is charged on. */
  invoiceId: string;
  ruleId: string;
  occurrence: number;
  component: 'penalty' | 'recovery';
  /** The line the customer reads ("Late payment interest on INV-2026-000012, 8.00% a year, 30 days"). */
  description: string;
  baseMinor: bigint;
  /** Net, rounded once by the rule. */
  amountMinor: bigint;
  /** Tax percent as exact decimal text, or null when the penalty carries no tax. */
  taxRate: string | null;
  taxMinor: bigint;
  chargeOn: IsoDate;
  accruedFrom: IsoDate | null;
  accruedTo: IsoDate | null;
}

export interface PenaltyInvoiceToIssue {
  /** Chosen by the caller (derived from the step), so a retry issues under the same id. */
  invoiceId: string;
  customerId: string;
  currency: string;
  issueDate: IsoDate;
  episodeId: string | null;
  charges: PenaltyChargeToBill[];
}

export interface IssuedPenaltyInvoice {
  invoiceId: string;
  number: string;
  total: Money;
  tax: Money;
  /** The charges billed now; those billed before are left out. */
  charges: PenaltyChargeToBill[];
}

const chargeKey = (charge: Pick<PenaltyChargeToBill, 'invoiceId' | 'ruleId' | 'occurrence' | 'component'>): string =>
  `${charge.invoiceId}/${charge.ruleId}/${charge.occurrence}/${charge.component}`;

/**
 * Issues the penalty invoice for the charges not billed yet; null when every one was billed
 * already (or none has an amount). Runs in the caller's transaction under the customer's lock, so
 * two evaluations of one account cannot bill one charge twice.
 */
export async function issuePenaltyInvoice(tx: Transaction, input: PenaltyInvoiceToIssue): Promise<IssuedPenaltyInvoice | null> {
  const { invoiceId, customerId, currency, issueDate } = input;
  await lockCustomer(tx, customerId);
  const [already] = await tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, invoiceId));
  if (already) return null;
  const billed = await billedChargeKeys(tx, input.charges);
  const charges = input.charges.filter((charge) => charge.amountMinor > 0n && !billed.has(chargeKey(charge)));
  if (charges.length === 0) return null;

  const booked = charges.map((charge) => ({
    revenueAccountCode: ACCOUNTS.penaltyIncome,
    net: money(charge.amountMinor, currency),
    tax: money(charge.taxMinor, currency),
  }));
  const { tax, total } = saleTotals(booked, currency);
  const number = await nextInvoiceNumber(tx, isoDateParts(issueDate).year);
  // Due at once: a penalty is not given fresh payment terms.
  await tx.insert(invoices).values({
    id: invoiceId,
    number,
    customerId,
    kind: 'penalty',
    issueDate,
    dueDate: issueDate,
    currency,
    totalMinor: total.amountMinor,
    taxMinor: tax.amountMinor,
  });
  await tx.insert(invoiceLines).values(
    charges.map((charge, position) => ({
      invoiceId,
      position,
      kind: 'penalty' as const,
      description: charge.description,
      quantity: '1',
      unit: null,
      unitAmountMinor: charge.amountMinor,
      amountMinor: charge.amountMinor,
      taxRate: charge.taxRate,
      taxMinor: charge.taxMinor,
      revenueAccountCode: ACCOUNTS.penaltyIncome,
      periodStart: charge.accruedFrom,
      periodEnd: charge.accruedTo,
    })),
  );
  await tx.insert(penaltyCharges).values(
    charges.map((charge) => ({
      customerId,
      invoiceId: charge.invoiceId,
      ruleId: charge.ruleId,
      occurrence: charge.occurrence,
      component: charge.component,
      currency,
      baseMinor: charge.baseMinor,
      amountMinor: charge.amountMinor,
      taxMinor: charge.taxMinor,
      chargeOn: charge.chargeOn,
      accruedFrom: charge.accruedFrom,
      accruedTo: charge.accruedTo,
      penaltyInvoiceId: invoiceId,
      episodeId: input.episodeId,
    })),
  );
  if (!saleBooksNothing(booked)) {
    await postJournalEntry(tx, salePosting({ customerId, invoiceNumber: number, lines: booked }), { type: 'invoice', id: invoiceId }, issueDate);
  }
  await applyCustomerCredit(tx, customerId, currency, issueDate);
  await handOffAccountFact(tx, customerId, { kind: 'document-posted', document: 'invoice', documentId: invoiceId });
  return { invoiceId, number, total, tax, charges };
}

async function billedChargeKeys(tx: Transaction, charges: readonly PenaltyChargeToBill[]): Promise<Set<string>> {
  if (charges.length === 0) return new Set();
  const invoiceIds = [...new Set(charges.map((charge) => charge.invoiceId))];
  const rows = await tx
    .select({ invoiceId: penaltyCharges.invoiceId, ruleId: penaltyCharges.ruleId, occurrence: penaltyCharges.occurrence, component: penaltyCharges.component })
    .from(penaltyCharges)
    .where(inArray(penaltyCharges.invoiceId, invoiceIds));
  return new Set(rows.map(chargeKey));
}

/** The charges already billed on the given invoices, for the rules to know which occurrences are done. */
export async function chargedPenalties(tx: Transaction, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return [];
  return tx
    .select()
    .from(penaltyCharges)
    .where(inArray(penaltyCharges.invoiceId, [...invoiceIds]));
}
