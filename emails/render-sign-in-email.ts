import type { RenderedEmail } from './rendered-email.js';
import { fillTemplate, loadCompiledTemplate, loadTextTemplate } from './template-compiler.js';

export interface SignInEmailData {
  companyName: string;
  customerName: string;
  /** The magic link, token included. */
  signInUrl: string;
  validMinutes: number;
}

/** What stands in for the link in the copy of the message we keep when the provider delivers the real one. */
export const REDACTED_SIGN_IN_LINK = '[sign-in link removed]';

export async function renderSignInEmail(data: SignInEmailData): Promise<RenderedEmail> {
  const [htmlTemplate, textTemplate] = await Promise.all([loadCompiledTemplate('sign-in-link'), loadTextTemplate('sign-in-link')]);
  const fields = { ...data, validMinutes: String(data.validMinutes) };
  return {
    // A subject is one header line: collapse any line break a company name might carry.
    subject: `Your sign-in link for ${data.companyName}`.replace(/\s+/g, ' ').trim(),
    html: fillTemplate(htmlTemplate, fields, { escape: true }),
    text: fillTemplate(textTemplate, fields, { escape: false }),
  };
}

/** The same message without the live link, for the record kept in the database. */
export function redactSignInLink(rendered: RenderedEmail, signInUrl: string): RenderedEmail {
  const hide = (text: string, link: string) => text.split(link).join(REDACTED_SIGN_IN_LINK);
  // In the HTML part the link sits inside attributes and text, escaped (&amp; and the like).
  const escaped = signInUrl.replace(/&/g, '&amp;');
  return {
    subject: rendered.subject,
    html: hide(hide(rendered.html, signInUrl), escaped),
    text: hide(rendered.text, signInUrl),
  };
}
