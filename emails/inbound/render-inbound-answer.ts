// The short answer to a customer's email that Uplink did not act on: why, and where to act instead.
import type { RenderedEmail } from '../rendered-email.js';
import { fillTemplate, loadCompiledTemplate, loadTextTemplate } from '../template-compiler.js';

export interface InboundAnswerData {
  companyName: string;
  customerName: string;
  /** The subject of the customer's message, as they wrote it. */
  receivedSubject: string;
  /** One sentence for the customer, ending with a full stop. */
  reason: string;
  /** What to do instead, e.g. "You can accept or decline quote Q-… in the customer portal:". */
  nextStep: string;
  portalLink: string;
}

export async function renderInboundAnswer(data: InboundAnswerData): Promise<RenderedEmail> {
  const [htmlTemplate, textTemplate] = await Promise.all([loadCompiledTemplate('inbound-answer'), loadTextTemplate('inbound-answer')]);
  const subject = answerSubject(data.receivedSubject);
  const fields = { ...data, receivedSubject: oneLine(data.receivedSubject) || '(no subject)', subject };
  return {
    subject,
    html: fillTemplate(htmlTemplate, fields, { escape: true }),
    text: fillTemplate(textTemplate, fields, { escape: false }),
  };
}

function answerSubject(received: string): string {
  const subject = oneLine(received);
  if (subject === '') return 'Re: your email';
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

/** A subject is one header line; a customer's subject may carry anything, so collapse and cap it. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
