import type { InvoiceEmailData } from './render-invoice-email.js';

/** A realistic invoice for tests; each call returns a fresh object so tests can change it freely. */
export function sampleInvoice(): InvoiceEmailData {
  return {
    companyName: 'Riverside Fibre',
    customerName: 'Ana Souza',
    invoiceNumber: 'INV-2026-000001',
    issueDate: '1 March 2026',
    dueDate: '15 March 2026',
    terms: 'Net 14',
    paymentStatus: 'Open',
    period: { start: '1 March 2026', end: '31 March 2026' },
    lines: [
      { description: 'Fibre 300 Mbps, March 2026', amount: '$45.00' },
      { description: 'Static IP address', amount: '$4.00' },
    ],
    taxSummary: null,
    total: '$49.00',
    balance: '$49.00',
    portalUrl: 'https://portal.riverside.example/invoices/INV-2026-000001',
  };
}
