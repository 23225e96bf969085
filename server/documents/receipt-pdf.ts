// A payment receipt as a PDF, laid out like the invoice PDF (A4, pdfkit's standard Helvetica, the
// same colours): who paid, when, how, how much, and which invoices it settled.
import PDFDocument from 'pdfkit';
import type { ReceiptView } from './receipt-view.js';

export interface ReceiptPdfOptions {
  /** Leave page content uncompressed (tests read the text straight out of the file). */
  compress?: boolean;
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4 in points
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const AMOUNT_WIDTH = 140;

export function renderReceiptPdf(receipt: ReceiptView, options: ReceiptPdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: `Receipt ${receipt.number}`, Author: receipt.companyName, Subject: `Payment receipt ${receipt.number}` },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).fillColor('#0b3d91').text(receipt.companyName, MARGIN, MARGIN);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(14).fillColor('#1f2933').text(`Receipt ${receipt.number}`);
  doc.moveDown(0.5).font('Helvetica').fontSize(10).fillColor('#52606d');
  doc.text(`Received: ${receipt.receivedOn}`);
  doc.text(`Paid by: ${receipt.method}`);
  if (receipt.customer) {
    doc.moveDown(1).fillColor('#1f2933').font('Helvetica-Bold').text('Received from');
    doc.font('Helvetica').text(receipt.customer.name).text(receipt.customer.email);
  }
  doc.moveDown(1.5);

  line(doc, 'Invoice', 'Paid', true);
  rule(doc);
  for (const paid of receipt.paid) {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    line(doc, paid.invoiceNumber, paid.amount);
  }
  if (receipt.credit) line(doc, 'Kept as credit for your next invoices', receipt.credit);
  rule(doc);
  line(doc, 'Amount received', receipt.amount, true);
  doc.end();
  return finished;
}

function line(doc: PDFKit.PDFDocument, label: string, amount: string, bold = false): void {
  const y = doc.y;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10).fillColor('#1f2933');
  doc.text(label, MARGIN, y, { width: CONTENT_WIDTH - AMOUNT_WIDTH - 10 });
  const bottom = doc.y;
  doc.text(amount, MARGIN + CONTENT_WIDTH - AMOUNT_WIDTH, y, { width: AMOUNT_WIDTH, align: 'right' });
  doc.x = MARGIN;
  doc.y = Math.max(bottom, doc.y) + 4;
}

function rule(doc: PDFKit.PDFDocument): void {
  doc.moveTo(MARGIN, doc.y).lineTo(PAGE_WIDTH - MARGIN, doc.y).lineWidth(0.5).strokeColor('#d9e2ec').stroke();
  doc.y += 6;
}
