// The alert staff get when an account's billing is blocked: which account, which step, since
// when and why, and where to resume it. Values come pre-formatted; this file only lays them out.
import type { RenderedEmail } from './rendered-email.js';
import { fillTemplate, loadCompiledTemplate, loadTextTemplate } from './template-compiler.js';

export interface BillingBlockedEmailData {
  companyName: string;
  customerId: string;
  customerName: string;
  /** The step in words, e.g. "issuing the invoice". */
  step: string;
  /** When it was blocked, formatted for people. */
  since: string;
  reason: string;
  /** The account's staff page. */
  accountUrl: string;
}

export async function renderBillingBlockedEmail(data: BillingBlockedEmailData): Promise<RenderedEmail> {
  const [htmlTemplate, textTemplate] = await Promise.all([loadCompiledTemplate('billing-blocked'), loadTextTemplate('billing-blocked')]);
  // A subject is one header line: collapse any line break a name might carry.
  const subject = `Billing blocked: ${data.customerName} (${data.step})`.replace(/\s+/g, ' ').trim();
  const fields = { ...data, subject };
  return {
    subject,
    html: fillTemplate(htmlTemplate, fields, { escape: true }),
    text: fillTemplate(textTemplate, fields, { escape: false }),
  };
}
