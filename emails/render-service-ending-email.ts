// The email that tells a customer, ahead of time, that a fixed-term subscription or a prepaid
// period ends on a date and the service stops after it, with the link to renew (and Pay now
// when something is overdue).
import type { IsoDate } from '../billing/calendar.js';
import { formatMoney, type Money } from '../billing/money.js';
import { buttonRowsHtml, factLinesText, factRowsHtml, linkLinesText, oneLine, renderTemplatePair, type EmailLink } from './email-parts.js';
import { requireBase, requireLink, requireMoney, requireText, type CollectionsEmailBase } from './collections-parts.js';
import { formatDisplayDate } from './format-date.js';
import type { RenderedEmail } from './rendered-email.js';

export interface ServiceEndingEmailData extends CollectionsEmailBase {
  /** The plan as the customer knows it: 'Fibre 300'. */
  serviceName: string;
  /** A subscription for a fixed term, or a period paid in advance. */
  term: 'fixed_term' | 'prepaid';
  /** The last day the service runs. */
  endsOn: IsoDate;
  /** Where the customer renews (or pays the next prepaid period) in the portal. */
  renewUrl: string;
  /** What is overdue on the account; zero when nothing is. */
  overdue: Money;
}

const caller = 'renderServiceEndingEmail';

export async function renderServiceEndingEmail(data: ServiceEndingEmailData): Promise<RenderedEmail> {
  requireBase(data, caller);
  requireText(data.serviceName, 'serviceName', caller);
  requireLink(data.renewUrl, 'renewUrl', caller);
  requireMoney(data.overdue, 'overdue', caller);
  if (data.term !== 'fixed_term' && data.term !== 'prepaid') throw new Error(`${caller}: term must be fixed_term or prepaid, got ${JSON.stringify(data.term)}`);
  const endsOn = formatDisplayDate(data.endsOn);
  const prepaid = data.term === 'prepaid';
  const owes = data.overdue.amountMinor > 0n;
  const facts = [
    { label: 'Account', value: data.accountReference },
    { label: 'Service', value: data.serviceName },
    { label: prepaid ? 'Prepaid until' : 'Term ends on', value: endsOn },
    ...(owes ? [{ label: 'Overdue', value: formatMoney(data.overdue) }] : []),
  ];
  const links: EmailLink[] = [
    { label: 'Renew', url: data.renewUrl },
    ...(owes ? [{ label: 'Pay now', url: data.payNowUrl }] : []),
  ];
  const subject = prepaid ? `Your prepaid ${data.serviceName} service ends on ${endsOn}` : `Your ${data.serviceName} subscription ends on ${endsOn}`;
  const ends = prepaid ? `The prepaid period of your ${data.serviceName} service ends on ${endsOn}` : `Your fixed-term ${data.serviceName} subscription ends on ${endsOn}`;
  const renew = prepaid ? 'please renew it (pay for the next period) before then' : 'please renew your subscription before then';
  return renderTemplatePair('service-ending', oneLine(subject), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      accountReference: data.accountReference,
      heading: `Your service ends on ${endsOn}`,
      intro: `${ends}: your internet service runs until the end of that day and then stops.`,
      nextStep: `To keep your service without a break, ${renew}.${owes ? ` ${formatMoney(data.overdue)} is also overdue on your account: please pay it as well.` : ''}`,
    },
    html: { factRows: factRowsHtml(facts), buttons: buttonRowsHtml(links) },
    text: { factLines: factLinesText(facts), linkLines: linkLinesText(links) },
  });
}
