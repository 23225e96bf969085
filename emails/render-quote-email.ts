// The quote email (first sent, or as a reminder) and the confirmation once it is accepted. Values
// come pre-formatted (money by billing, dates by formatDisplayDate); this file only lays them out.
import type { RenderedEmail } from './rendered-email.js';
import { escapeHtml, fillTemplate, loadCompiledTemplate, loadTextTemplate } from './template-compiler.js';

export interface QuoteEmailLine {
  description: string;
  quantity: string;
  unitAmount: string;
  net: string;
  /** e.g. "21%". */
  taxRate: string;
  tax: string;
}

export interface QuoteEmailData {
  /** `sent`: the quote itself; `reminder`: the same quote, shortly before it expires. */
  occasion: 'sent' | 'reminder';
  companyName: string;
  customerName: string;
  quoteNumber: string;
  validUntil: string;
  note: string | null;
  lines: QuoteEmailLine[];
  net: string;
  tax: string;
  total: string;
  /** The quote's page in the customer portal. */
  quoteUrl: string;
}

export interface QuoteAcceptedEmailData {
  companyName: string;
  customerName: string;
  quoteNumber: string;
  invoiceNumber: string;
  total: string;
  invoiceUrl: string;
}

const cellStyle = 'padding:6px 0;border-bottom:1px solid #eef2f6';

export async function renderQuoteEmail(data: QuoteEmailData): Promise<RenderedEmail> {
  const [htmlTemplate, textTemplate] = await Promise.all([loadCompiledTemplate('quote'), loadTextTemplate('quote')]);
  const { lines, note, occasion, ...fields } = data;
  const subject = oneLine(
    occasion === 'sent'
      ? `Quote ${data.quoteNumber} from ${data.companyName}`
      : `Reminder: quote ${data.quoteNumber} from ${data.companyName} is valid until ${data.validUntil}`,
  );
  const values = {
    ...fields,
    subject,
    heading: occasion === 'sent' ? `Quote ${data.quoteNumber}` : `Reminder: quote ${data.quoteNumber}`,
    intro:
      occasion === 'sent'
        ? `Here is our quote ${data.quoteNumber} for ${data.total}. It is valid until ${data.validUntil}.`
        : `Our quote ${data.quoteNumber} for ${data.total} is still waiting for your answer. It is valid until ${data.validUntil}; after that it can no longer be accepted.`,
  };
  const html = fillTemplate(
    htmlTemplate,
    { ...values, lineRows: lineRowsHtml(lines), noteHtml: note ? `<p style="margin:0;white-space:pre-line">${escapeHtml(note)}</p>` : '' },
    { escape: true },
  );
  const text = fillTemplate(textTemplate, { ...values, lineList: lineListText(lines), noteText: note ? `\n${note}\n` : '' }, { escape: false });
  return { subject, html, text };
}

export async function renderQuoteAcceptedEmail(data: QuoteAcceptedEmailData): Promise<RenderedEmail> {
  const [htmlTemplate, textTemplate] = await Promise.all([loadCompiledTemplate('quote-accepted'), loadTextTemplate('quote-accepted')]);
  const subject = oneLine(`Quote ${data.quoteNumber} accepted: invoice ${data.invoiceNumber} from ${data.companyName}`);
  const values = { ...data, subject };
  return {
    subject,
    html: fillTemplate(htmlTemplate, values, { escape: true }),
    text: fillTemplate(textTemplate, values, { escape: false }),
  };
}

/** A subject is one header line: collapse any line break a company name might carry. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Table rows for `{{{lineRows}}}`: raw HTML, so every value is escaped here. */
function lineRowsHtml(lines: readonly QuoteEmailLine[]): string {
  return lines
    .map(
      (line) =>
        `<tr><td style="${cellStyle}">${escapeHtml(line.description)}</td>` +
        `<td style="${cellStyle};text-align:right">${escapeHtml(line.quantity)}</td>` +
        `<td style="${cellStyle};text-align:right">${escapeHtml(line.unitAmount)}</td>` +
        `<td style="${cellStyle};text-align:right">${escapeHtml(line.net)}</td>` +
        `<td style="${cellStyle};text-align:right">${escapeHtml(line.tax)} (${escapeHtml(line.taxRate)})</td></tr>`,
    )
    .join('\n');
}

function lineListText(lines: readonly QuoteEmailLine[]): string {
  return lines
    .map((line) => `- ${line.description}: ${line.quantity} × ${line.unitAmount} = ${line.net} + tax ${line.taxRate} ${line.tax}`)
    .join('\n');
}
