// The email that tells a customer an invoice of theirs was credited, in whole or in part.
import type { RenderedEmail } from './rendered-email.js';
import { escapeHtml, fillTemplate, loadCompiledTemplate, loadTextTemplate } from './template-compiler.js';

export interface CreditNoteEmailLine {
  description: string;
  /** Already formatted, e.g. "€49.90". */
  amount: string;
  /** The tax taken back with it, when any, e.g. "tax: €10.48". */
  tax?: string;
}

/** Everything is pre-formatted text. */
export interface CreditNoteEmailData {
  companyName: string;
  customerName: string;
  creditNoteNumber: string;
  invoiceNumber: string;
  issueDate: string;
  reason: string;
  lines: CreditNoteEmailLine[];
  /** Net and tax taken back, when tax is part of it; null otherwise. */
  taxSummary: { net: string; tax: string } | null;
  total: string;
  balance: string;
  portalUrl: string;
}

const cellStyle = 'padding:6px 0;border-bottom:1px solid #eef2f6';
const sumCell = 'padding:6px 0;border-top:1px solid #d9e2ec';

export async function renderCreditNoteEmail(data: CreditNoteEmailData): Promise<RenderedEmail> {
  const [htmlTemplate, textTemplate] = await Promise.all([loadCompiledTemplate('credit-note'), loadTextTemplate('credit-note')]);
  const { lines, taxSummary, ...fields } = data;
  const html = fillTemplate(htmlTemplate, { ...fields, lineRows: lineRowsHtml(lines), taxRows: taxRowsHtml(taxSummary) }, { escape: true });
  const text = fillTemplate(
    textTemplate,
    { ...fields, lineList: lines.map((l) => `- ${l.description}: ${l.amount}${l.tax ? ` (${l.tax})` : ''}`).join('\n'), taxLines: taxSummary ? `\nNet: ${taxSummary.net}\nTax: ${taxSummary.tax}` : '' },
    { escape: false },
  );
  const subject = `Credit note ${data.creditNoteNumber} for invoice ${data.invoiceNumber} from ${data.companyName}`.replace(/\s+/g, ' ').trim();
  return { subject, html, text };
}

function lineRowsHtml(lines: readonly CreditNoteEmailLine[]): string {
  return lines
    .map((line) => {
      const tax = line.tax ? `<br><span style="font-size:13px;color:#7b8794">${escapeHtml(line.tax)}</span>` : '';
      return `<tr><td style="${cellStyle}">${escapeHtml(line.description)}${tax}</td><td style="${cellStyle};text-align:right;vertical-align:top">${escapeHtml(line.amount)}</td></tr>`;
    })
    .join('\n');
}

function taxRowsHtml(summary: CreditNoteEmailData['taxSummary']): string {
  if (!summary) return '';
  return [
    `<tr><td style="${sumCell}">Net</td><td style="${sumCell};text-align:right">${escapeHtml(summary.net)}</td></tr>`,
    `<tr><td style="padding:2px 0">Tax</td><td style="padding:2px 0;text-align:right">${escapeHtml(summary.tax)}</td></tr>`,
  ].join('\n');
}
