// A credit note as JSON, for the REST API: positive amounts, money in wire form.
import { toWire, type MoneyWire } from '../../billing/money.js';
import type { CreditNoteDocument, CreditNoteSummary } from '../services/credit-notes/credit-note-records.js';

export interface CreditNoteJson {
  id: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  reason: string;
  issueDate: string;
  net: MoneyWire;
  tax: MoneyWire;
  total: MoneyWire;
  createdAt: string;
}

export interface CreditNoteDocumentJson extends CreditNoteJson {
  customer: { id: string; name: string; email: string };
  lines: { position: number; invoiceLinePosition: number; description: string; amount: MoneyWire; tax: MoneyWire; revenueAccountCode: string }[];
}

export function creditNoteJson(note: CreditNoteSummary): CreditNoteJson {
  return {
    id: note.id,
    number: note.number,
    invoiceId: note.invoiceId,
    invoiceNumber: note.invoiceNumber,
    customerId: note.customerId,
    reason: note.reason,
    issueDate: note.issueDate,
    net: toWire(note.net),
    tax: toWire(note.tax),
    total: toWire(note.total),
    createdAt: note.createdAt.toISOString(),
  };
}

export function creditNoteDocumentJson(note: CreditNoteDocument): CreditNoteDocumentJson {
  const { id, name, email } = note.customer;
  return {
    ...creditNoteJson(note),
    customer: { id, name, email },
    lines: note.lines.map((line) => ({
      position: line.position,
      invoiceLinePosition: line.invoiceLinePosition,
      description: line.description,
      amount: toWire(line.amount),
      tax: toWire(line.tax),
      revenueAccountCode: line.revenueAccountCode,
    })),
  };
}
