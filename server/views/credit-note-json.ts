// A credit note as JSON, for the REST API and `uplink invoices credit --json`: positive amounts,
// money in wire form.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import type { CreditNoteDocument, CreditNoteSummary } from '../services/credit-notes/credit-note-records.js';
import { id, isoDate, moneyWire, timestamp } from './wire-parts.js';

export const creditNoteWire = z
  .object({
    id,
    number: z.string().meta({ description: 'From the gapless series of the year, e.g. CN-2026-000001.' }),
    invoiceId: id,
    invoiceNumber: z.string(),
    customerId: id,
    reason: z.string(),
    issueDate: isoDate,
    net: moneyWire.meta({ description: 'Net amount taken back (positive).' }),
    tax: moneyWire.meta({ description: 'Tax taken back with it (positive).' }),
    total: moneyWire.meta({ description: 'Net plus tax: what the customer owes less.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'CreditNote' });

export const creditNoteDocumentWire = creditNoteWire
  .extend({
    customer: z.object({ id, name: z.string(), email: z.string() }),
    lines: z.array(
      z.object({
        position: z.int(),
        invoiceLinePosition: z.int().meta({ description: 'The position of the invoice line it takes back from.' }),
        description: z.string(),
        amount: moneyWire.meta({ description: 'Net amount taken back from the line.' }),
        tax: moneyWire.meta({ description: "The line's tax in proportion, rounded once." }),
        revenueAccountCode: z.string(),
      }),
    ),
  })
  .meta({ id: 'CreditNoteDocument' });

export function creditNoteJson(note: CreditNoteSummary): z.input<typeof creditNoteWire> {
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

export function creditNoteDocumentJson(note: CreditNoteDocument): z.input<typeof creditNoteDocumentWire> {
  const { customer } = note;
  return {
    ...creditNoteJson(note),
    customer: { id: customer.id, name: customer.name, email: customer.email },
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
