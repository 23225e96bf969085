import type { RenderedEmail } from './rendered-email.js';
import { escapeHtml, fillTemplate, loadCompiledTemplate, loadTextTemplate } from './template-compiler.js';

export type { RenderedEmail } from './rendered-email.js';

export interface InvoiceEmailLine {
  description: string;
  /** Already formatted for display, e.g. "$49.00". */
  amount: string;
  /** The line's tax when it carries any, e.g. "21% tax: €20.96". */
  tax?: string;
}

/** Everything is pre-formatted text: money and dates are formatted by billing, not here. */
export interface InvoiceEmailData {
  companyName: string;
  customerName: string;
  invoiceNumber: string;
  issueDate: string;
  /** When the invoice falls due, e.g. "15 March 2026". */
  dueDate: string;
  /** The terms it was issued on: "Net 14" or "Due on receipt". */
  terms: string;
  /** Where it stands as it is sent: "Open", "Partially paid, €10.00 still to pay", "Open, overdue by 12 days". */
  paymentStatus: string;
  /** The service period of a recurring invoice; null on a one-off invoice. */
  period: { start: string; end: string } | null;
  lines: InvoiceEmailLine[];
  /** Net total and tax total, when the invoice carries tax; null otherwise. */
  taxSummary: { net: string; tax: string } | null;
  total: string;
  balance: string;
  portalUrl: string;
}

// Inline styles because email clients drop <style> blocks; they match the header and total rows.
const cellStyle = 'padding:6px 0;border-bottom:1px solid #eef2f6';
const metaCell = 'padding:2px 0';
const sumCell = 'padding:6px 0;border-top:1px solid #d9e2ec';

export async function renderInvoiceEmail(data: InvoiceEmailData): Promise<RenderedEmail> {
  const [htmlTemplate, textTemplate] = await Promise.all([loadCompiledTemplate('invoice'), loadTextTemplate('invoice')]);
  const { lines, period, taxSummary, ...fields } = data;
  const shared = { ...fields, intro: introOf(data), preview: previewOf(data) };
  const html = fillTemplate(
    htmlTemplate,
    { ...shared, periodRow: periodRowHtml(period), lineRows: lineRowsHtml(lines), taxRows: taxRowsHtml(taxSummary) },
    { escape: true },
  );
  const text = fillTemplate(
    textTemplate,
    { ...shared, periodLine: period ? `\nBilling period: ${period.start} to ${period.end}` : '', lineList: lineListText(lines), taxLines: taxLinesText(taxSummary) },
    { escape: false },
  );
  return { subject: invoiceSubject(data), html, text };
}

function invoiceSubject({ invoiceNumber, companyName }: InvoiceEmailData): string {
  // A subject is one header line: collapse any line break a company name might carry.
  return `Invoice ${invoiceNumber} from ${companyName}`.replace(/\s+/g, ' ').trim();
}

function introOf({ period, total, dueDate }: InvoiceEmailData): string {
  return period
    ? `Here is your invoice for internet service from ${period.start} to ${period.end}. The total for this invoice is ${total}, due by ${dueDate}.`
    : `Here is your invoice for the services and parts listed below. The total for this invoice is ${total}, due by ${dueDate}.`;
}

function previewOf({ invoiceNumber, period, total }: InvoiceEmailData): string {
  return period ? `Invoice ${invoiceNumber}: ${total} for ${period.start} to ${period.end}` : `Invoice ${invoiceNumber}: ${total}`;
}

function periodRowHtml(period: InvoiceEmailData['period']): string {
  if (!period) return '';
  return `<tr><td style="${metaCell}">Billing period</td><td style="${metaCell};text-align:right">${escapeHtml(`${period.start} to ${period.end}`)}</td></tr>`;
}

/** Table rows for the `{{{lineRows}}}` placeholder: raw HTML, so every value is escaped here. */
function lineRowsHtml(lines: readonly InvoiceEmailLine[]): string {
  return lines
    .map((line) => {
      const tax = line.tax ? `<br><span style="font-size:13px;color:#7b8794">${escapeHtml(line.tax)}</span>` : '';
      return (
        `<tr><td style="${cellStyle}">${escapeHtml(line.description)}${tax}</td>` +
        `<td style="${cellStyle};text-align:right;vertical-align:top">${escapeHtml(line.amount)}</td></tr>`
      );
    })
    .join('\n');
}

function taxRowsHtml(summary: InvoiceEmailData['taxSummary']): string {
  if (!summary) return '';
  return [
    `<tr><td style="${sumCell}">Net</td><td style="${sumCell};text-align:right">${escapeHtml(summary.net)}</td></tr>`,
    `<tr><td style="${metaCell}">Tax</td><td style="${metaCell};text-align:right">${escapeHtml(summary.tax)}</td></tr>`,
  ].join('\n');
}

function lineListText(lines: readonly InvoiceEmailLine[]): string {
  return lines.map((line) => `- ${line.description}: ${line.amount}${line.tax ? ` (${line.tax})` : ''}`).join('\n');
}

function taxLinesText(summary: InvoiceEmailData['taxSummary']): string {
  return summary ? `\nNet: ${summary.net}\nTax: ${summary.tax}` : '';
}
