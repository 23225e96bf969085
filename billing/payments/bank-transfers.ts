// A bank statement's rows as money received: which rows are transfers in (debits are ours going
// out, not payments), their amount in minor units, and the key that makes each transfer one
// payment however many statements list it.
import { MAX_AMOUNT_MINOR } from '../amount-bound.js';
import { currencyExponent } from '../currency.js';
import { parsePlainDecimal } from '../decimal-text.js';
import { minorUnitsToDecimalString } from '../money-format.js';
import type { Money } from '../money-value.js';

export type TransferAmount =
  | { ok: true; direction: 'credit'; amountMinor: bigint }
  | { ok: true; direction: 'debit'; amountMinor: bigint }
  | { ok: false; reason: string };

/**
 * A statement's signed amount ("-12.50" is money going out) in `currency`'s minor units. Zero is
 * no transfer, and more decimals than the currency has is a wrong column or currency.
 */
export function transferAmount(plainDecimal: string, currency: string): TransferAmount {
  const exponent = currencyExponent(currency);
  const parsed = parsePlainDecimal(plainDecimal, { maxIntegerDigits: 20, maxFractionDigits: exponent });
  if (!parsed.ok) {
    if (parsed.problem === 'fraction-digits') {
      return { ok: false, reason: exponent === 0 ? `${plainDecimal} has decimals, but ${currency} has none` : `${plainDecimal} has more than ${exponent} decimals for ${currency}` };
    }
    if (parsed.problem === 'integer-digits') return { ok: false, reason: `${plainDecimal} is too large an amount` };
    return { ok: false, reason: `${plainDecimal} is not an amount` };
  }
  const unsigned = parsed.negative ? parsed.value.slice(1) : parsed.value;
  const [whole = '0', fraction = ''] = unsigned.split('.');
  const amountMinor = BigInt(whole + fraction.padEnd(exponent, '0'));
  if (amountMinor === 0n) return { ok: false, reason: 'is zero: no money moved' };
  if (amountMinor > MAX_AMOUNT_MINOR) return { ok: false, reason: `${plainDecimal} is too large an amount` };
  return { ok: true, direction: parsed.negative ? 'debit' : 'credit', amountMinor };
}

// How statements mark a row's direction in a column of its own: credit/debit, CR/DR, CRDT/DBIT
// (ISO 20022), H/S (Haben/Soll), plus and minus.
const CREDIT_WORDS = new Set(['c', 'cr', 'crdt', 'credit', 'in', 'incoming', 'h', 'haben', '+', 'gutschrift', 'received']);
const DEBIT_WORDS = new Set(['d', 'dr', 'dbit', 'debit', 'out', 'outgoing', 's', 'soll', '-', 'lastschrift', 'sent']);

/** A direction column's cell as credit or debit; null when it says neither. */
export function directionOf(text: string): 'credit' | 'debit' | null {
  const word = text.trim().toLowerCase();
  if (CREDIT_WORDS.has(word)) return 'credit';
  if (DEBIT_WORDS.has(word)) return 'debit';
  return null;
}

/** A reference compared the way people mean it: case, repeated spaces and edges do not matter. */
export function normaliseBankReference(reference: string): string {
  return reference.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface StatementTransfer {
  /** The bank's own id for the transaction, when the statement has one. */
  transactionId: string | null;
  bookedOn: string;
  amount: Money;
  reference: string;
  /** 1 for the first transfer of this date, amount, currency and reference in the file, 2 for the next... */
  occurrence: number;
}

/** Past this length a reference is kept in the key as its start and a checksum of the whole. */
const KEY_REFERENCE_CHARS = 200;

/**
 * What makes a transfer one payment: the bank's transaction id when it gives one; otherwise its
 * date, amount, currency and reference, counted within the file, so two identical transfers on
 * one day are two payments, and a statement that overlaps an earlier one finds both again.
 */
export function bankSourceKey(transfer: StatementTransfer): string {
  const transactionId = transfer.transactionId?.trim() ?? '';
  if (transactionId !== '') return `bank:${transactionId}`;
  const amount = minorUnitsToDecimalString(transfer.amount.amountMinor, currencyExponent(transfer.amount.currency));
  return `bank:${transfer.bookedOn}:${amount}:${transfer.amount.currency}:${keyReference(transfer.reference)}:${transfer.occurrence}`;
}

/** The part of a key without the transfer's occurrence: transfers with the same one are identical. */
export function identicalTransferKey(transfer: Omit<StatementTransfer, 'occurrence' | 'transactionId'>): string {
  return bankSourceKey({ ...transfer, transactionId: null, occurrence: 0 }).replace(/:0$/, '');
}

function keyReference(reference: string): string {
  const normalised = normaliseBankReference(reference);
  if (normalised.length <= KEY_REFERENCE_CHARS) return normalised;
  return `${normalised.slice(0, KEY_REFERENCE_CHARS)}~${fnv1a64(normalised)}`;
}

/** FNV-1a, 64 bits, over the text's UTF-16 code units: a stable checksum without a crypto library. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
