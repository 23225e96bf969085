// Pieces the payment emails share, each built twice from the same values: once as HTML (every
// value escaped here, because it goes into a raw `{{{...}}}` placeholder) and once as plain text.
// Building both parts from one list keeps a fact or a link from reaching one part and not the other.
import type { RenderedEmail } from './rendered-email.js';
import { escapeHtml, fillTemplate, loadCompiledTemplate, loadTextTemplate } from './template-compiler.js';

export interface Fact {
  label: string;
  value: string;
}

export interface EmailLink {
  label: string;
  url: string;
}

type Values = Readonly<Record<string, string>>;

/**
 * Renders `templates/<name>.mjml` and `.txt`. `shared` values fill both parts (escaped in the HTML);
 * `html` values are raw HTML built with escaping; `text` values go to the plain-text part only.
 * The subject is offered to both as `{{subject}}`.
 */
export async function renderTemplatePair(
  name: string,
  subject: string,
  values: { shared: Values; html: Values; text: Values },
): Promise<RenderedEmail> {
  const [htmlTemplate, textTemplate] = await Promise.all([loadCompiledTemplate(name), loadTextTemplate(name)]);
  const shared = { ...values.shared, subject };
  return {
    subject,
    html: fillTemplate(htmlTemplate, { ...shared, ...values.html }, { escape: true }),
    text: fillTemplate(textTemplate, { ...shared, ...values.text }, { escape: false }),
  };
}

/** A subject is one header line: collapse any line break a name or reference might carry. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const metaCell = 'padding:2px 0';
const itemCell = 'padding:6px 0;border-bottom:1px solid #eef2f6';
const totalCell = 'padding:10px 0;font-weight:bold;border-top:2px solid #d9e2ec';

/** Label and value rows for a summary `mj-table` (reference, date, method...). */
export function factRowsHtml(facts: readonly Fact[]): string {
  return facts.map((fact) => labelledRow(fact, metaCell)).join('\n');
}

/** The same facts as aligned `Label: value` lines. */
export function factLinesText(facts: readonly Fact[]): string {
  const width = Math.max(0, ...facts.map((fact) => fact.label.length + 1));
  return facts.map((fact) => `${`${fact.label}:`.padEnd(width)} ${fact.value}`).join('\n');
}

/** Amount rows (one per invoice, say) and an optional bold total, for an `mj-table`. */
export function itemRowsHtml(items: readonly Fact[], total?: Fact): string {
  const rows = items.map((item) => labelledRow(item, itemCell));
  return [...rows, ...(total ? [labelledRow(total, totalCell)] : [])].join('\n');
}

/** The same amounts as `- label: amount` lines, then `Total label: amount`. */
export function itemLinesText(items: readonly Fact[], total?: Fact): string {
  const lines = items.map((item) => `- ${item.label}: ${item.value}`);
  return [...lines, ...(total ? [`${total.label}: ${total.value}`] : [])].join('\n');
}

function labelledRow({ label, value }: Fact, style: string): string {
  return `<tr><td style="${style}">${escapeHtml(label)}</td><td style="${style};text-align:right;vertical-align:top">${escapeHtml(value)}</td></tr>`;
}

// The markup `<mj-button background-color="#0b3d91" border-radius="4px" align="left">` compiles to,
// as rows of the column's table (what `<mj-raw>` inside an `mj-column` holds). Built here because
// which actions an email offers depends on the case (a hard decline asks for a new card).
const buttonBackground = '#0b3d91';
const buttonLinkStyle =
  `display:inline-block;background:${buttonBackground};color:#ffffff;font-family:Helvetica, Arial, sans-serif;font-size:13px;` +
  'font-weight:normal;line-height:120%;margin:0;text-decoration:none;text-transform:none;padding:10px 25px;mso-padding-alt:0px;border-radius:4px;';

/** One button per link, for `<mj-raw>{{{buttons}}}</mj-raw>` inside an `mj-column`. */
export function buttonRowsHtml(links: readonly EmailLink[]): string {
  return links
    .map(
      ({ label, url }) =>
        `<tr><td align="left" style="font-size:0px;padding:10px 25px;word-break:break-word;">` +
        `<table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:separate;line-height:100%;"><tbody><tr>` +
        `<td align="center" bgcolor="${buttonBackground}" role="presentation" style="border:none;border-radius:4px;cursor:auto;mso-padding-alt:10px 25px;background:${buttonBackground};" valign="middle">` +
        `<a href="${escapeHtml(url)}" style="${buttonLinkStyle}" target="_blank">${escapeHtml(label)}</a>` +
        `</td></tr></tbody></table></td></tr>`,
    )
    .join('\n');
}

/** The same links for the plain-text part: `Label: url`, one a line. */
export function linkLinesText(links: readonly EmailLink[]): string {
  return links.map(({ label, url }) => `${label}: ${url}`).join('\n');
}
