import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from './invoice-pdf.js';
import type { InvoiceView } from './invoice-view.js';

function invoice(lineCount: number): InvoiceView {
  return {
    id: 'c0ffee00-0000-4000-8000-000000000001',
    number: 'INV-2026-000042',
    status: 'issued',
    issueDate: '25 Nov 2026',
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

  it('continues on further pages when the lines do not fit on one', async () => {
    expect(pageCount(await renderInvoicePdf(invoice(120), { compress: false }))).toBeGreaterThan(1);
  });
});
