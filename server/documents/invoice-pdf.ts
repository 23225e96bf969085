// An invoice as a PDF the customer can download and file: the same words and amounts as the
// portal page (invoice-view.ts), laid out on A4 pages (as many as the lines need) with pdfkit's standard
// Helvetica (no font files to ship; it covers €, £ and the dashes we print).
import PDFDocument from 'pdfkit';
import type { InvoiceView } from './invoice-view.js';

export interface InvoicePdfOptions {
  /** Leave page content uncompressed (tests read the text straight out of the file). */
  compress?: boolean;
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4 in points
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const CELL_GAP = 6;

/** Columns of the line table: x offset from the margin, width, alignment. */
const COLUMNS = [
  { key: 'description', title: 'Description', x: 0, width: 185, align: 'left' },
  { key: 'quantity', title: 'Qty', x: 185, width: 45, align: 'right' },
  { key: 'unitPrice', title: 'Unit price', x: 230, width: 70, align: 'right' },
  { key: 'taxRate', title: 'Tax', x: 300, width: 40, align: 'right' },
  { key: 'tax', title: 'Tax amount', x: 340, width: 65, align: 'right' },
  { key: 'net', title: 'Net', x: 405, width: CONTENT_WIDTH - 405, align: 'right' },
] as const;

export function renderInvoicePdf(invoice: InvoiceView, options: InvoicePdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: `Invoice ${invoice.number}`, Author: invoice.companyName, Subject: `Invoice ${invoice.number} for ${invoice.customer.name}` },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  header(doc, invoice);
  lineTable(doc, invoice);
  totals(doc, invoice);
  doc.end();
  return finished;
}

function header(doc: PDFKit.PDFDocument, invoice: InvoiceView): void {
  doc.font('Helvetica-Bold').fontSize(18).fillColor('#0b3d91').text(invoice.companyName, MARGIN, MARGIN);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(14).fillColor('#1f2933').text(`Invoice ${invoice.number}`);
  doc.moveDown(0.5).font('Helvetica').fontSize(10).fillColor('#52606d');
  doc.text(`Issue date: ${invoice.issueDate}`);
  if (invoice.period) doc.text(`Billing period: ${invoice.period}`);
  doc.text(`Status: ${invoice.status}`);
  const payment = invoice.payment;
  if (payment) {
    doc.text(`Due date: ${payment.dueDate} (${payment.terms})`);
    doc.text(`Payment: ${[payment.paymentStatusLabel, payment.overdue].filter(Boolean).join(' · ')}`);
    if (payment.paymentStatus === 'partially_paid') doc.text(`Still to pay: ${payment.amountOpen}`);
  }
  doc.moveDown(1).fillColor('#1f2933').font('Helvetica-Bold').text('Billed to');
  doc.font('Helvetica').text(invoice.customer.name).text(invoice.customer.email);
  doc.moveDown(1.5);
}

function lineTable(doc: PDFKit.PDFDocument, invoice: InvoiceView): void {
  row(doc, Object.fromEntries(COLUMNS.map((column) => [column.key, column.title])), { bold: true });
  rule(doc);
  for (const line of invoice.lines) {
    if (doc.y > doc.page.height - MARGIN - 120) doc.addPage();
    row(doc, { ...line });
  }
  rule(doc);
}

function totals(doc: PDFKit.PDFDocument, invoice: InvoiceView): void {
  // Aligned with the table's last two columns (cells keep a small gap on their right).
  const label = { x: MARGIN + 300, width: 105 - CELL_GAP };
  const value = { x: MARGIN + 405, width: CONTENT_WIDTH - 405 - CELL_GAP };
  for (const [name, amount, bold] of [
    ['Net', invoice.net, false],
    ['Tax', invoice.tax, false],
    ['Total', invoice.total, true],
  ] as const) {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 11 : 10);
    doc.text(name, label.x, y, { width: label.width, align: 'right' });
    doc.text(amount, value.x, y, { width: value.width, align: 'right' });
    doc.moveDown(0.3);
  }
}

function row(doc: PDFKit.PDFDocument, cells: Record<string, string>, options: { bold?: boolean } = {}): void {
  const top = doc.y;
  let bottom = top;
  doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor('#1f2933');
  for (const column of COLUMNS) {
    doc.text(cells[column.key] ?? '', MARGIN + column.x, top, { width: column.width - CELL_GAP, align: column.align });
    bottom = Math.max(bottom, doc.y);
  }
  doc.x = MARGIN;
  doc.y = bottom + 4;
}

function rule(doc: PDFKit.PDFDocument): void {
  doc.moveTo(MARGIN, doc.y).lineTo(PAGE_WIDTH - MARGIN, doc.y).lineWidth(0.5).strokeColor('#d9e2ec').stroke();
  doc.y += 6;
}
