// Whose money a bank transfer is, read off the reference the payer wrote: an invoice number first
// (INV-2026-000123, also "inv2026000123" or "INV 2026 000123"), else the customer's reference
// (CUST-1A2B3C4D, the first eight characters of their id; or the whole id), else nobody: the money
// is booked to unallocated receipts for staff to assign. A match names the customer and, for an
// invoice number, the invoice the money pays first.
import { documentNumber } from '../document-numbers.js';

export interface MatchableInvoice {
  invoiceId: string;
  number: string;
  customerId: string;
  currency: string;
}

export interface MatchableCustomer {
  customerId: string;
  /** The currency the customer is billed in. */
  currency: string;
}

/** What the matcher may look up: the caller loads the invoices and customers the references name. */
export interface BankMatchLookup {
  invoice(number: string): MatchableInvoice | undefined;
  /** Every customer whose reference this is (a reference is an id prefix, so rarely more than one). */
  customersWithReference(reference: string): readonly (MatchableCustomer & { customerId: string })[];
}

export type BankMatch =
  | { kind: 'invoice'; customerId: string; invoiceId: string; invoiceNumber: string; review: string | null }
  | { kind: 'customer'; customerId: string; customerReference: string; review: string | null }
  | { kind: 'unmatched'; reason: string };

export interface TransferToMatch {
  reference: string;
  currency: string;
}

/** The reference a customer quotes on a transfer that pays their account rather than one invoice. */
export function customerReference(customerId: string): string {
  return `CUST-${customerId.slice(0, 8).toUpperCase()}`;
}

// "INV", then the year and the place in its count, each optionally set apart by spaces, dashes,
// dots, slashes or underscores; not inside a longer word or number.
const INVOICE_NUMBER = /(?<![a-z0-9])inv[\s\-_./]*(\d{4})[\s\-_./]*(\d{6,9})(?!\d)/gi;
const CUSTOMER_REFERENCE = /(?<![a-z0-9])cust(?:omer)?[\s\-_./:#]*([0-9a-f]{8})(?![0-9a-f])/gi;
const CUSTOMER_ID = /(?<![0-9a-f])([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])/gi;

/** The invoice numbers a text names, as we write them (INV-2026-000123), in order, each once. */
export function invoiceNumbersIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(INVOICE_NUMBER)) {
    const year = Number(match[1]);
    const sequence = Number(match[2]);
    if (year < 1000 || sequence < 1) continue;
    found.add(documentNumber('INV', year, sequence));
  }
  return [...found];
}

export interface CustomerReferenceFound {
  /** CUST-1A2B3C4D */
  reference: string;
  /** When the text holds the whole id, it (lower case): it tells customers sharing the prefix apart. */
  customerId: string | null;
}

/** The customer references and ids a text names, in order, each once. */
export function customerReferencesIn(text: string): CustomerReferenceFound[] {
  const found = new Map<string, CustomerReferenceFound>();
  const hits: { at: number; found: CustomerReferenceFound }[] = [];
  for (const match of text.matchAll(CUSTOMER_ID)) {
    const id = match[0].toLowerCase();
    hits.push({ at: match.index, found: { reference: customerReference(id), customerId: id } });
  }
  for (const match of text.matchAll(CUSTOMER_REFERENCE)) {
    hits.push({ at: match.index, found: { reference: customerReference(match[1]!), customerId: null } });
  }
  for (const { found: hit } of hits.sort((a, b) => a.at - b.at)) {
    const key = hit.customerId ?? hit.reference;
    if (!found.has(key)) found.set(key, hit);
  }
  return [...found.values()];
}

/**
 * The customer (and invoice) a transfer pays, or why none. An invoice number that is ours wins;
 * numbers that are not ours are passed over for a customer reference. Money in another currency
 * than the customer is billed in is matched but marked for review: it cannot pay their invoices.
 */
export function matchBankTransfer(transfer: TransferToMatch, lookup: BankMatchLookup): BankMatch {
  const numbers = invoiceNumbersIn(transfer.reference);
  for (const number of numbers) {
    const invoice = lookup.invoice(number);
    if (!invoice) continue;
    const review = invoice.currency === transfer.currency ? null : `paid in ${transfer.currency}, but ${invoice.number} is in ${invoice.currency}`;
    return { kind: 'invoice', customerId: invoice.customerId, invoiceId: invoice.invoiceId, invoiceNumber: invoice.number, review };
  }
  const problems: string[] = numbers.length > 0 ? [`${numbers.join(', ')} ${numbers.length === 1 ? 'is no invoice' : 'are no invoices'} of ours`] : [];
  for (const found of customerReferencesIn(transfer.reference)) {
    const candidates = lookup.customersWithReference(found.reference).filter((c) => found.customerId === null || c.customerId === found.customerId);
    if (candidates.length === 1) {
      const customer = candidates[0]!;
      const review = customer.currency === transfer.currency ? null : `paid in ${transfer.currency}, but the customer is billed in ${customer.currency}`;
      return { kind: 'customer', customerId: customer.customerId, customerReference: found.reference, review };
    }
    problems.push(candidates.length === 0 ? `${found.customerId ?? found.reference} is no customer of ours` : `${found.reference} fits ${candidates.length} customers`);
  }
  if (problems.length > 0) return { kind: 'unmatched', reason: problems.join('; ') };
  return {
    kind: 'unmatched',
    reason: transfer.reference.trim() === '' ? 'the transfer has no reference' : 'the reference names no invoice number or customer reference',
  };
}

/**
 * Why staff should look at the payment a transfer becomes, or null when it can pay the customer's
 * invoices at once. Names the payer, when the bank gives one, so staff can tell whose it is.
 */
export function bankReviewNote(match: BankMatch, payerName: string | null): string | null {
  const from = payerName ? ` from ${payerName}` : '';
  if (match.kind === 'unmatched') return `Unmatched bank transfer${from}: ${match.reason}`;
  return match.review === null ? null : `Bank transfer${from} ${match.review}`;
}
