import { describe, expect, it } from 'vitest';
import {
  bankReviewNote,
  customerReference,
  customerReferencesIn,
  invoiceNumbersIn,
  matchBankTransfer,
  type BankMatchLookup,
  type MatchableCustomer,
  type MatchableInvoice,
} from './bank-matching.js';

const ADA = '1a2b3c4d-0000-4000-8000-000000000001';
const GRACE = '9f8e7d6c-0000-4000-8000-000000000002';
// Two customers whose ids begin alike: their short reference cannot tell them apart.
const TWIN_A = 'abcdef01-0000-4000-8000-00000000000a';
const TWIN_B = 'abcdef01-0000-4000-8000-00000000000b';

const invoices: MatchableInvoice[] = [
  { invoiceId: 'inv-123', number: 'INV-2026-000123', customerId: ADA, currency: 'EUR' },
  { invoiceId: 'inv-7', number: 'INV-2025-000007', customerId: GRACE, currency: 'EUR' },
];
const customers: MatchableCustomer[] = [
  { customerId: ADA, currency: 'EUR' },
  { customerId: GRACE, currency: 'EUR' },
  { customerId: TWIN_A, currency: 'EUR' },
  { customerId: TWIN_B, currency: 'EUR' },
];
const lookup: BankMatchLookup = {
  invoice: (number) => invoices.find((invoice) => invoice.number === number),
  customersWithReference: (reference) => customers.filter((customer) => customerReference(customer.customerId) === reference),
};

const match = (reference: string, currency = 'EUR') => matchBankTransfer({ reference, currency }, lookup);

describe('invoiceNumbersIn', () => {
  it('reads our invoice numbers however the payer wrote them', () => {
    expect(invoiceNumbersIn('Payment INV-2026-000123 thanks')).toEqual(['INV-2026-000123']);
    expect(invoiceNumbersIn('inv2026000123')).toEqual(['INV-2026-000123']);
    expect(invoiceNumbersIn('inv-2026-000123')).toEqual(['INV-2026-000123']);
    expect(invoiceNumbersIn('INV 2026 000123')).toEqual(['INV-2026-000123']);
    expect(invoiceNumbersIn('INV/2026/000123.')).toEqual(['INV-2026-000123']);
    expect(invoiceNumbersIn('INV-2026-1234567')).toEqual(['INV-2026-1234567']);
  });

  it('lists several in order, each once', () => {
    expect(invoiceNumbersIn('INV-2026-000124, INV-2026-000123 and inv2026000124')).toEqual(['INV-2026-000124', 'INV-2026-000123']);
  });

  it('passes over look-alikes inside longer words and numbers', () => {
    expect(invoiceNumbersIn('PREVINV-2026-000123')).toEqual([]);
    expect(invoiceNumbersIn('invoice 2026 000123')).toEqual([]);
    expect(invoiceNumbersIn('INV-2026-00012')).toEqual([]);
    expect(invoiceNumbersIn('INV-2026-000000')).toEqual([]);
    expect(invoiceNumbersIn('rent march')).toEqual([]);
  });
});

describe('customerReferencesIn', () => {
  it('reads the short reference in any case and with or without a separator', () => {
    expect(customerReferencesIn('cust-1a2b3c4d')).toEqual([{ reference: 'CUST-1A2B3C4D', customerId: null }]);
    expect(customerReferencesIn('CUST1A2B3C4D')).toEqual([{ reference: 'CUST-1A2B3C4D', customerId: null }]);
    expect(customerReferencesIn('Customer: 1A2B3C4D')).toEqual([{ reference: 'CUST-1A2B3C4D', customerId: null }]);
  });

  it('reads a whole customer id', () => {
    expect(customerReferencesIn(`account ${ADA.toUpperCase()}`)).toEqual([{ reference: 'CUST-1A2B3C4D', customerId: ADA }]);
  });

  it('does not take eight hex digits of a longer code, or a reference without its prefix', () => {
    expect(customerReferencesIn('CUST-1a2b3c4d5e')).toEqual([]);
    expect(customerReferencesIn('1a2b3c4d')).toEqual([]);
  });
});

describe('matchBankTransfer', () => {
  it('matches an invoice number to its customer and invoice', () => {
    expect(match('INV-2026-000123')).toEqual({ kind: 'invoice', customerId: ADA, invoiceId: 'inv-123', invoiceNumber: 'INV-2026-000123', review: null });
    expect(match('thanks for inv2026000123!')).toMatchObject({ kind: 'invoice', invoiceId: 'inv-123' });
  });

  it('takes the first invoice number that is ours, passing over those that are not', () => {
    expect(match('INV-2026-000999 INV-2025-000007 INV-2026-000123')).toMatchObject({ kind: 'invoice', invoiceId: 'inv-7', customerId: GRACE });
  });

  it('prefers an invoice number to a customer reference', () => {
    expect(match(`CUST-9F8E7D6C INV-2026-000123`)).toMatchObject({ kind: 'invoice', customerId: ADA });
  });

  it('falls back to the customer reference', () => {
    expect(match('Monthly fee cust-1a2b3c4d')).toEqual({ kind: 'customer', customerId: ADA, customerReference: 'CUST-1A2B3C4D', review: null });
    expect(match(`INV-2026-000999 CUST-1A2B3C4D`)).toMatchObject({ kind: 'customer', customerId: ADA });
  });

  it('tells customers sharing a short reference apart only by their whole id', () => {
    expect(match('CUST-ABCDEF01')).toEqual({ kind: 'unmatched', reason: 'CUST-ABCDEF01 fits 2 customers' });
    expect(match(`for ${TWIN_B}`)).toMatchObject({ kind: 'customer', customerId: TWIN_B });
  });

  it('is unmatched, saying why, when nothing in the reference is ours', () => {
    expect(match('rent march')).toEqual({ kind: 'unmatched', reason: 'the reference names no invoice number or customer reference' });
    expect(match('  ')).toEqual({ kind: 'unmatched', reason: 'the transfer has no reference' });
    expect(match('INV-2026-000999')).toEqual({ kind: 'unmatched', reason: 'INV-2026-000999 is no invoice of ours' });
    expect(match('INV-2026-000999 cust-00000000')).toEqual({
      kind: 'unmatched',
      reason: 'INV-2026-000999 is no invoice of ours; CUST-00000000 is no customer of ours',
    });
  });

  it('matches money in another currency but marks it for review', () => {
    expect(match('INV-2026-000123', 'USD')).toMatchObject({ kind: 'invoice', review: 'paid in USD, but INV-2026-000123 is in EUR' });
    expect(match('CUST-1A2B3C4D', 'USD')).toMatchObject({ kind: 'customer', review: 'paid in USD, but the customer is billed in EUR' });
  });
});

describe('bankReviewNote', () => {
  it('names the payer of money staff must look at, and is null for money that pays at once', () => {
    expect(bankReviewNote(match('rent march'), 'Ada Lovelace')).toBe(
      'Unmatched bank transfer from Ada Lovelace: the reference names no invoice number or customer reference',
    );
    expect(bankReviewNote(match('rent march'), null)).toBe('Unmatched bank transfer: the reference names no invoice number or customer reference');
    expect(bankReviewNote(match('INV-2026-000123', 'USD'), null)).toBe('Bank transfer paid in USD, but INV-2026-000123 is in EUR');
    expect(bankReviewNote(match('INV-2026-000123'), 'Ada')).toBeNull();
  });
});
