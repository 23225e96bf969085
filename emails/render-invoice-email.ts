import type { RenderedEmail } from './rendered-email.js';
import { escapeHtml, fillTemplate, loadCompiledTemplate, loadTextTemplate } from './template-compiler.js';

export type { RenderedEmail } from './rendered-email.js';

export interface InvoiceEmailLine {
  description: string;
  /** Already formatted for display, e.g. "$49.00". */
  amount: string;
}

/** Everything is pre-formatted text: money and dates are formatted by billing, not here. */
export interface InvoiceEmailData {
  companyName: string;
  customerName: string;
  invoiceNumber: string;
  issueDate: string;
  periodStart: string;
  periodEnd: string;
  lines: InvoiceEmailLine[];
  total: string;
  balance: string;
  portalUrl: string;
}

// Inline styles because email clients drop <style> blocks; they match the header and total rows.
const cellStyle = 'padding:6px 0;border-bottom:1px solid #eef2f6';

export async function renderInvoiceEmail(data: InvoiceEmailData): Promise<RenderedEmail> {
  const [htmlTemplate, textTemplate] = await Promise.all([loadCompiledTemplate('invoice'), loadTextTemplate('invoice')]);
  const { lines, ...fields } = data;
  const html = fillTemplate(htmlTemplate, { ...fields, lineRows: lineRowsHtml(lines) }, { escape: true });
  const text = fillTemplate(textTemplate, { ...fields, lineList: lineListText(lines) }, { escape: false });
  return { subject: invoiceSubject(data), html, text };
}

function invoiceSubject({ invoiceNumber, companyName }: InvoiceEmailData): string {
  // A subject is one header line: collapse any line break a company name might carry.
  return `Invoice ${invoiceNumber} from ${companyName}`.replace(/\s+/g, ' ').trim();
}

/** Table rows for the `{{{lineRows}}}` placeholder: raw HTML, so every value is escaped here. */
function lineRowsHtml(lines: readonly InvoiceEmailLine[]): string {
  return lines
    .map(
      (line) =>
        `<tr><td style="${cellStyle}">${escapeHtml(line.description)}</td>` +
        `<td style="${cellStyle};text-align:right">${escapeHtml(line.amount)}</td></tr>`,
    )
    .join('\n');
}

function lineListText(lines: readonly InvoiceEmailLine[]): string {
  return lines.map((line) => `- ${line.description}: ${line.amount}`).join('\n');
}
