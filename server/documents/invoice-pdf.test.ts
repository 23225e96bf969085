import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from './invoice-pdf.js';
import type { InvoiceView } from './invoice-view.js';

function invoice(lineCount: number): InvoiceView {
  return {
    id: 'c0ffee00-0000-4000-8000-000000000001',
    number: 'INV-2026-000042',
    status: 'issued',
    issueDate: '25 Nov 2026',
    payment: { dueDate: '9 Dec 2026', terms: 'Net 14', paymentStatus: 'open', paymentStatusLabel: 'Open', amountOpen: '€205.70', overdue: null },
    period: null,
    companyName: 'Riverside Fibre',
    customer: { name: 'Grace Hopper', email: 'grace@example.net' },
    lines: Array.from({ length: lineCount }, (_, n) => ({
      description: `Technician visit ${n + 1}`,
      quantity: '2',
      unitPrice: '€85.00',
      taxRate: '21%',
      net: '€170.00',
      tax: '€35.70',
    })),
    net: '€170.00',
    tax: '€35.70',
    total: '€205.70',
  };
}

/**
 * The text an uncompressed PDF shows, one line per text operation: pdfkit writes each line as a TJ
 * array of hex strings (split where it kerns) in the WinAnsi encoding of its standard fonts.
 */
function shownText(pdf: Buffer): string {
  const winAnsi: Record<number, string> = { 0x80: '€', 0x96: '–', 0x97: '—' };
  return [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)]
    .map(([, array]) =>
      [...(array ?? '').matchAll(/<([0-9a-f]*)>/g)]
        .map(([, hex]) => [...Buffer.from(hex ?? '', 'hex')].map((byte) => winAnsi[byte] ?? String.fromCharCode(byte)).join(''))
        .join(''),
    )
    .join('\n');
}

function pageCount(pdf: Buffer): number {
  return Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
}

describe('invoice PDF', () => {
  it('is a PDF titled with the invoice number', async () => {
    const pdf = await renderInvoicePdf(invoice(1));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('(Invoice INV-2026-000042)');
    expect(pageCount(pdf)).toBe(1);
  });

  it('shows the due date with its terms and the payment status', async () => {
    const text = shownText(await renderInvoicePdf(invoice(1), { compress: false }));
    expect(text).toContain('Invoice INV-2026-000042');
    expect(text).toContain('Due date: 9 Dec 2026 (Net 14)');
    expect(text).toContain('Payment: Open');
    expect(text).not.toContain('Overdue');
    expect(text).not.toContain('Still to pay');
  });

  it('says how long an invoice is overdue and what is still to pay on it', async () => {
    const overdue: InvoiceView = {
      ...invoice(1),
      payment: { dueDate: '9 Dec 2026', terms: 'Due on receipt', paymentStatus: 'partially_paid', paymentStatusLabel: 'Partially paid', amountOpen: '€105.70', overdue: 'Overdue by 3 days' },
    };
    const text = shownText(await renderInvoicePdf(overdue, { compress: false }));
    expect(text).toContain('Due date: 9 Dec 2026 (Due on receipt)');
    expect(text).toContain('Payment: Partially paid · Overdue by 3 days');
    expect(text).toContain('Still to pay: €105.70');
  });

  it('continues on further pages when the lines do not fit on one', async () => {
    expect(pageCount(await renderInvoicePdf(invoice(120), { compress: false }))).toBeGreaterThan(1);
  });
});
